"""Open and save dialogs: the folder they start in and the name they propose.

Each kind of file (drafts imported, drafts exported, printed PDFs, the register) starts
in the folder last used for that kind, remembered in the data folder's ``desk-ui.ini``
(``WindowState``), else in the folder last used for any file (a register saved to a USB
stick: the 审核表 printed next is offered the stick too), else the user's Documents
folder, else the home folder: never the process's working directory. A save dialog
proposes a name made of what the file is, the draft's title and the date, and never the
name of a file already in that folder (" (2)", " (3)" … are added), so 导出 can't
suggest writing over the Word file a draft was imported from; Qt still asks before
overwriting a file the user picks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desk.ui.qt import QFileDialog, QStandardPaths, QWidget

if TYPE_CHECKING:
    from desk.ui.main_window.state import WindowState

_UNSAFE_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')
_SPACES = re.compile(r"\s+")
MAX_NAME_CHARS = 80  # of the proposed name, before the suffix (titles can be long)
MAX_NUMBERED = 99  # " (2)" … " (99)", then the plain name (Qt asks before overwriting)


class FileKind(StrEnum):
    """What a dialog reads or writes; each kind remembers its own folder."""

    IMPORT = "import"  # drafts read in (.docx, .html, .txt)
    EXPORT = "export"  # drafts written out as they would be published
    PDF = "pdf"  # 审核表 and 修改比对
    REGISTER = "register"  # 信息发布登记


LAST_USED = "last"  # the folder of the last file chosen, whatever its kind


@dataclass(frozen=True, slots=True)
class FileType:
    """One entry of a dialog's file-type list: a label and its suffixes (no dots)."""

    label: str
    suffixes: tuple[str, ...]

    @property
    def filter(self) -> str:
        return f"{self.label} ({' '.join(f'*.{suffix}' for suffix in self.suffixes)})"


def file_name(*parts: str) -> str:
    """A file name (without suffix) of the non-empty ``parts`` joined by "-", with the
    characters Windows forbids replaced and its length capped."""
    cleaned = (_UNSAFE_IN_FILE_NAMES.sub("_", _SPACES.sub(" ", part)).strip() for part in parts)
    name = "-".join(part for part in cleaned if part)
    return name[:MAX_NAME_CHARS].strip(" .") or "_"


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, numbered " (2)", " (3)" … while a file of that name exists."""
    path = folder / f"{stem}.{suffix}"
    for number in range(2, MAX_NUMBERED + 1):
        if not path.exists():
            return path
        path = folder / f"{stem} ({number}).{suffix}"
    return folder / f"{stem}.{suffix}"


class FileDialogs:
    """The open and save dialogs of one window, with the folders it remembers."""

    def __init__(self, state: WindowState) -> None:
        self.state = state

    def start_folder(self, kind: FileKind) -> Path:
        """The folder last used for ``kind``, else for any file, else Documents, else home."""
        remembered = self.state.folder(kind) or self.state.folder(LAST_USED)
        if remembered is not None:
            return remembered
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    def open_file(
        self, parent: QWidget, kind: FileKind, caption: str, types: Sequence[FileType]
    ) -> Path | None:
        """A file to read, None if cancelled; its folder is remembered for ``kind``."""
        chosen, _selected = QFileDialog.getOpenFileName(
            parent, caption, str(self.start_folder(kind)), ";;".join(t.filter for t in types)
        )
        return self._chosen(kind, Path(chosen)) if chosen else None

    def save_file(
        self, parent: QWidget, kind: FileKind, caption: str, stem: str, types: Sequence[FileType]
    ) -> Path | None:
        """A file to write, proposed as ``stem`` with the first type's suffix in the start
        folder; None if cancelled. A name typed without a known suffix gets the chosen
        type's. The folder is remembered for ``kind``."""
        proposed = unused_path(self.start_folder(kind), stem, types[0].suffixes[0])
        filters = [t.filter for t in types]
        chosen, selected = QFileDialog.getSaveFileName(
            parent, caption, str(proposed), ";;".join(filters)
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower().removeprefix(".") not in {s for t in types for s in t.suffixes}:
            chosen_type = types[filters.index(selected)] if selected in filters else types[0]
            path = path.with_name(f"{path.name}.{chosen_type.suffixes[0]}")
        return self._chosen(kind, path)

    def _chosen(self, kind: FileKind, path: Path) -> Path:
        self.state.remember_folder(kind, path.parent)
        self.state.remember_folder(LAST_USED, path.parent)
        return path
