"""What the window remembers between runs, in an INI file in the data folder.

Geometry, the splitter and toolbar layout, the side tab, who signed in last, each
person's last draft, the folder last used for each kind of file, the interface language.
Kept beside the database rather than in the system's settings store, so a data folder
(``--data-dir``) is everything a user or a test has: nothing leaks between them.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import quote

from desk.ui.qt import QByteArray, QMainWindow, QSettings, QSplitter

SETTINGS_NAME = "desk-ui.ini"


class WindowState:
    """Reads and writes the remembered state; unreadable values count as absent."""

    def __init__(self, data_dir: Path) -> None:
        self.settings = QSettings(str(data_dir / SETTINGS_NAME), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        """``zh_CN`` (the default) or ``en``."""
        return str(self.settings.value("ui/language", "zh_CN"))

    @language.setter
    def language(self, value: str) -> None:
        self.settings.setValue("ui/language", value)

    @property
    def last_login(self) -> str:
        """Who signed in last on this desk ("" at first): the login dialog offers it."""
        return str(self.settings.value("login/last", ""))

    @last_login.setter
    def last_login(self, login: str) -> None:
        self.settings.setValue("login/last", login)

    def last_draft(self, login: str) -> uuid.UUID | None:
        """The draft ``login`` had open last: each person's own, never the last one
        anybody opened on this desk."""
        try:
            return uuid.UUID(str(self.settings.value(_draft_key(login), "")))
        except ValueError:
            return None

    def remember_draft(self, login: str, draft_id: uuid.UUID | None) -> None:
        self.settings.setValue(_draft_key(login), str(draft_id) if draft_id else "")

    def folder(self, kind: str) -> Path | None:
        """The folder last used for a kind of file (desk.ui.file_dialogs), if it still is one."""
        folder = str(self.settings.value(f"folders/{kind}", ""))
        return Path(folder) if folder and Path(folder).is_dir() else None

    def remember_folder(self, kind: str, folder: Path) -> None:
        self.settings.setValue(f"folders/{kind}", str(folder))

    def restore_window(self, window: QMainWindow, splitter: QSplitter) -> bool:
        """Put the window back as it was; False on the first run."""
        geometry = self.settings.value("window/geometry")
        if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
            return False
        layout = self.settings.value("window/state")
        if isinstance(layout, QByteArray):
            window.restoreState(layout)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            splitter.restoreState(sizes)
        return True

    def save_window(self, window: QMainWindow, splitter: QSplitter) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        self.settings.setValue("window/splitter", splitter.saveState())
        self.settings.sync()


def _draft_key(login: str) -> str:
    """The key of ``login``'s last draft (a login may hold "/", QSettings' separator)."""
    return f"last_draft/{quote(login, safe='')}"
