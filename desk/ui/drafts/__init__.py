"""The draft list: mine, waiting for me (by level), all; searchable."""

from desk.ui.drafts.list_panel import DraftGroup, DraftListPanel, DraftScope

__all__ = ["DraftGroup", "DraftListPanel", "DraftScope"]
