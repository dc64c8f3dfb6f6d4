"""Where Desk keeps its data: the store and anything else that outlives a session.

``data_dir(override)``: ``override`` (the ``--data-dir`` option) if given, else the
``DESK_DATA_DIR`` environment variable if set and not empty, else the platform's
per-user data folder (platformdirs: ``~/.local/share/desk`` on Linux,
``%LOCALAPPDATA%\\desk`` on Windows, ``~/Library/Application Support/desk`` on macOS).
The folder is created if need be. An empty ``--data-dir`` is an error, not the default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "DESK_DATA_DIR"


class DataDirError(Exception):
    """The data folder can't be used; ``str(error)`` says what to do, in Chinese."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def data_dir(override: str | None = None) -> Path:
    """The data folder, absolute and existing; DataDirError if it can't be created, or if
    ``override`` is given but empty (an unset shell variable, most likely: the default
    folder would silently be used instead of the one meant)."""
    if override is not None and not override.strip():
        raise DataDirError(
            "--data-dir 的值为空（可能是未设置的环境变量）。请给出数据目录的路径；"
            f"不用此选项则使用默认数据目录或环境变量 {ENV_VAR} 指定的目录。"
        )
    chosen = (
        override or os.environ.get(ENV_VAR) or platformdirs.user_data_dir("desk", appauthor=False)
    )
    path = Path(chosen).expanduser().absolute()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirError(
            f"无法创建数据目录 {path}（{error.strerror or error}）。"
            f"请检查该位置的权限和磁盘空间，或用 --data-dir 或环境变量 {ENV_VAR} 指定其他目录。",
            path,
        ) from error
    return path
