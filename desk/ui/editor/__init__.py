"""The draft editor: title and rich-text body with findings highlighted as you type."""

from desk.ui.editor.draft_editor import DraftEditor

__all__ = ["DraftEditor"]
