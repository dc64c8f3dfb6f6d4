"""The findings list and how findings look (highlight formats, hover cards)."""

from desk.ui.findings.panel import FindingsPanel, blocking_reason

__all__ = ["FindingsPanel", "blocking_reason"]
