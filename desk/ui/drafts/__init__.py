"""The draft list: mine, waiting for me, all; searchable."""

from desk.ui.drafts.list_panel import DraftListPanel, DraftScope

__all__ = ["DraftListPanel", "DraftScope"]
