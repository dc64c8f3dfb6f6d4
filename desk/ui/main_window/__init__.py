"""The main window and what it needs to keep drafts safe."""

from desk.ui.main_window.open_draft import AUTOSAVE_MS, OpenDraft
from desk.ui.main_window.state import WindowState
from desk.ui.main_window.window import MainWindow

__all__ = ["AUTOSAVE_MS", "MainWindow", "OpenDraft", "WindowState"]
