"""The preview's private temp folders: one per render, only the ones in use kept.

Every render is written to a folder of its own under a private root (mode 0700 from
`tempfile.mkdtemp`), so the page on screen is never overwritten while it loads, and the
request interceptor can allow exactly one folder. The render thread makes folders and
prunes them, the UI thread says which one is on screen; a lock guards that hand-over.
The root goes at `close()`, or when the object is collected or Python exits, so no
folder outlives the app.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import weakref
from pathlib import Path


class PreviewFolders:
    """A private temp root holding the folder on screen and the newest one."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="desk-preview-")).resolve()
        self._lock = threading.Lock()
        self._shown: Path | None = None
        self._remove_root = weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)

    def new(self, generation: int) -> Path:
        """An empty folder for the render of `generation` (render thread).

        The root is made again if something emptied the temp folder under a long session.
        """
        self.root.mkdir(mode=0o700, exist_ok=True)
        folder = self.root / str(generation)
        folder.mkdir()
        return folder

    def show(self, folder: Path) -> None:
        """`folder` is on screen now: pruning must leave it alone (UI thread)."""
        with self._lock:
            self._shown = folder

    def prune(self, newest: Path) -> None:
        """Remove every folder but `newest` and the one on screen (render thread)."""
        with self._lock:
            keep = {newest, self._shown}
        for folder in self.root.iterdir():
            if folder not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    def discard(self, folder: Path) -> None:
        """Remove a folder whose render failed half-way (render thread)."""
        shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Remove the root and everything in it; the previews can't be shown after this."""
        self._remove_root()
