"""Writing a file so that it is either all there or as it was: temp file, fsync, rename.

Only a regular file is ever replaced. The rename would replace whatever has the name: a
symbolic link (the file it points at would stay as it was, the link gone), a device
(``/dev/full`` replaced by a page, when run as root), a pipe. Those are refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class NotARegularFile(OSError):
    """Something other than a regular file has the name a file was to be written under."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            None,  # no errno says this; callers show strerror
            "该位置已有的不是普通文件（而是符号链接、设备、管道或文件夹），不会替换它",
            str(path),
        )


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it over ``path``.

    The file keeps its permissions if it existed; NotARegularFile if what is there is no
    regular file. On any failure the temporary file is removed and ``path`` is
    untouched; the error propagates.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        mode = 0o644
    else:
        if not stat.S_ISREG(status.st_mode):
            raise NotARegularFile(path)
        mode = status.st_mode & 0o777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_bytes_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, lambda file: file.write(data))
