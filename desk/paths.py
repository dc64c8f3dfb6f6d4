"""Where Desk keeps its data: the store and anything else that outlives a session.

``data_dir(override)``: ``override`` (the ``--data-dir`` option) if given, else the
``DESK_DATA_DIR`` environment variable if set, else the platform's per-user data folder
(platformdirs: ``~/.local/share/desk`` on Linux, ``%LOCALAPPDATA%\\desk`` on Windows,
``~/Library/Application Support/desk`` on macOS). The folder is created if need be.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "DESK_DATA_DIR"


class DataDirError(Exception):
    """The data folder can't be created; ``str(error)`` says what to do, in Chinese."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(
            f"无法创建数据目录 {path}（{error.strerror or error}）。"
            f"请检查该位置的权限和磁盘空间，或用 --data-dir 或环境变量 {ENV_VAR} 指定其他目录。"
        )
        self.path = path


def data_dir(override: str | None = None) -> Path:
    """The data folder, absolute and existing; DataDirError if it can't be created."""
    chosen = (
        override or os.environ.get(ENV_VAR) or platformdirs.user_data_dir("desk", appauthor=False)
    )
    path = Path(chosen).expanduser().absolute()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirError(path, error) from error
    return path
