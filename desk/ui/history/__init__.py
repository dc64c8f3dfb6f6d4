"""修订记录: a draft's revisions compared, what changed since one last acted, printing."""

from desk.ui.history.dialog import HistoryDialog

__all__ = ["HistoryDialog"]
