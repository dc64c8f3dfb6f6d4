"""修订记录: a draft's revisions compared, what changed since one last acted, printing."""

from desk.ui.history.dialog import HistoryDialog
from desk.ui.history.seen import changed_since_seen

__all__ = ["HistoryDialog", "changed_since_seen"]
