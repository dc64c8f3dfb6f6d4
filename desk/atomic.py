"""Writing a file so that it is either all there or as it was: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it over ``path``.

    The file keeps its permissions if it existed. On any failure the temporary file is
    removed and ``path`` is untouched; the error propagates.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
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
