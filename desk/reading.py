"""Reading files Desk did not write: bounded, so no input can exhaust memory or hang.

Every reader of a draft, lexicon, whitelist, holiday list or image goes through
``read_regular_file``: only a regular file is read (a FIFO would block forever, a
device such as ``/dev/zero`` never ends), and its size is checked on the opened file,
so a file swapped for another after the check can't slip through. Archives (.docx,
.xlsx) are looked at with ``check_zip`` before a library unpacks them: no part may
expand past its limit or compress better than ``MAX_RATIO`` to one (as Apache POI
refuses), and the XML may hold only so many tags, so a zip bomb is refused before it is
unpacked. Line-based files bound their lines (``overlong_lines``), and what is quoted
back to the user from a file is cut short and made visible (``quoted``).

The exceptions carry a Chinese message without the file's name: each reader says which
file, in its own error type.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
MAX_LINE_CHARS = 2000  # a line of a lexicon, whitelist or holiday list
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # as str.splitlines
MAX_RATIO = 100  # expanded / compressed size of a zip part (Apache POI's default too)
_RATIO_FROM = MB  # smaller parts may compress as well as they like: they are small
_QUOTE_CHARS = 40


class UnreadableInput(OSError):
    """A file that is not read: not there, not a regular file, or too big (an OSError,
    so callers that report a file they can't open report this one too)."""


def size_text(size: int) -> str:
    """A byte count as people say it, rounded up (so a file just over a limit does not
    read as the limit): 3 KB, 1.5 MB, 50.1 MB."""
    if size < MB:
        return f"{max(1, math.ceil(size / 1024))} KB"
    return f"{math.ceil(size * 10 / MB) / 10:g} MB"


def read_regular_file(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of ``path``, a regular file (or a link to one) of at most ``max_bytes``.

    The file is opened without blocking (a FIFO would wait for a writer forever) and its
    type and size are taken from the opened file; UnreadableInput otherwise.
    """
    try:
        before = os.stat(path)  # never open a device: opening some has effects of its own
        _check_status(before, max_bytes)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as file:
            _check_status(os.fstat(file.fileno()), max_bytes)
            data = file.read(max_bytes + 1)
    except UnreadableInput:
        raise
    except FileNotFoundError:
        raise UnreadableInput("文件不存在") from None
    except IsADirectoryError:
        raise UnreadableInput("是文件夹，不是文件") from None
    except OSError as error:
        raise UnreadableInput(f"无法读取（{error.strerror or error}）") from None
    if len(data) > max_bytes:  # grew while it was read
        raise _too_big(len(data), max_bytes)
    return data


def _check_status(status: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableInput("是文件夹，不是文件")
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableInput("不是普通文件（而是设备、管道或套接字），不能读取")
    if status.st_size > max_bytes:
        raise _too_big(status.st_size, max_bytes)


def _too_big(size: int, max_bytes: int) -> UnreadableInput:
    return UnreadableInput(f"文件过大（{size_text(size)}，上限 {size_text(max_bytes)}）")


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a zip archive (.docx, .xlsx) may unpack to."""

    markup_part: int  # expanded bytes of one XML part (.xml, .rels): what gets parsed
    other_part: int  # expanded bytes of any other part (pictures, fonts)
    total: int  # expanded bytes of all parts together
    tags: int | None = None  # "<" in all XML parts together: what a parser builds nodes for
    entries: int = 10_000


def check_zip(data: bytes, limits: ZipLimits) -> None:
    """UnreadableInput if a part of the zip in ``data`` would unpack past ``limits``.

    The sizes are those the central directory declares: Python's zipfile (which mammoth
    and openpyxl read with) never returns more than the declared size of a part, and a
    part whose data differs from it fails its CRC. With ``limits.tags``, the XML parts
    are then unpacked (a stream, within the limits just checked) and their tags counted:
    a parser's time and memory go with the elements, and a few hundred kilobytes of
    empty paragraphs make millions of them. zipfile.BadZipFile if it is no zip.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        _check_sizes(parts, limits)
        if limits.tags is not None:
            _check_tags(archive, parts, limits.tags)


def _is_markup(part: zipfile.ZipInfo) -> bool:
    return part.filename.lower().endswith((".xml", ".rels"))


def _check_sizes(parts: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(parts) > limits.entries:
        raise UnreadableInput(f"压缩包内有 {len(parts)} 个部件，超过上限 {limits.entries} 个")
    total = 0
    for part in parts:
        name = quoted(part.filename)
        limit = limits.markup_part if _is_markup(part) else limits.other_part
        if part.file_size > limit:
            raise UnreadableInput(
                f"压缩包内的部件 {name} 解压后有 {size_text(part.file_size)}，"
                f"超过上限 {size_text(limit)}"
            )
        if part.file_size > _RATIO_FROM and part.file_size > MAX_RATIO * part.compress_size:
            ratio = part.file_size // max(part.compress_size, 1)
            raise UnreadableInput(
                f"压缩包内的部件 {name} 压缩比异常（{ratio}:1，上限 {MAX_RATIO}:1），疑为“压缩炸弹”"
            )
        total += part.file_size
    if total > limits.total:
        raise UnreadableInput(
            f"压缩包解压后共有 {size_text(total)}，超过上限 {size_text(limits.total)}"
        )


def _check_tags(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo], limit: int) -> None:
    tags = 0
    for part in filter(_is_markup, parts):
        with archive.open(part) as stream:
            while chunk := stream.read(MB):
                tags += chunk.count(b"<")
                if tags > limit:
                    raise UnreadableInput(
                        f"压缩包内的 XML 共有超过 {limit:,} 个标记，远多于任何正常文件，"
                        "疑为刻意构造的文件（打开它会耗尽内存）"
                    )


def overlong_lines(text: str, limit: int = MAX_LINE_CHARS) -> list[int]:
    """Numbers (from 1) of the lines of ``text`` longer than ``limit`` characters, the
    lines as ``str.splitlines`` makes them (without copying them)."""
    numbers, start = [], 0
    for number, match in enumerate(itertools.chain(_LINE_BREAK.finditer(text), [None]), 1):
        end = len(text) if match is None else match.start()
        if end - start > limit:
            numbers.append(number)
        if match is not None:
            start = match.end()
    return numbers


def overlong_message(limit: int = MAX_LINE_CHARS) -> str:
    """What is said of each line ``overlong_lines`` finds."""
    return f"该行超过 {limit} 个字符，不像是正常内容，请检查文件"


def quoted(text: str, limit: int = _QUOTE_CHARS) -> str:
    """``text`` fit to quote in a message: invisible and control characters shown as
    escapes, cut at ``limit`` characters with the length said."""
    shown = "".join(
        char if char == " " or unicodedata.category(char)[0] not in "CZ" else _escape(char)
        for char in text[:limit]
    )
    return f"{shown}…（共 {len(text)} 个字符）" if len(text) > limit else shown


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
