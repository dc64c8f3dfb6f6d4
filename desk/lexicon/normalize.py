"""The normalized view of text that terms are matched in.

Three folds map one code point to one code point (traditional→simplified from
OpenCC, full-width→half-width, case), and interference characters (spaces,
``* . - _ | · / \\`` and their full-width forms, zero-width characters, soft
hyphens) are dropped, so 百 家 乐, 百*家*乐, 百家樂 and 百\\u200b家乐 all read 百家乐.
Line breaks are kept as ``\\n``: no term contains one, so a term never spans two lines.

The tables cover every code point and are built once per process as NumPy
arrays; folding a text is then a handful of vectorized lookups.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntFlag
from functools import cache

import numpy as np

CODE_POINTS = 0x110000
LINE_BREAK = ord("\n")


class Change(IntFlag):
    """What normalization did to one original character."""

    NONE = 0
    TRADITIONAL = 1
    FULL_WIDTH = 2
    CASE = 4
    SKIP_SPACE = 8
    SKIP_PUNCTUATION = 16
    SKIP_INVISIBLE = 32
    LINE_BREAK = 64


SKIPS = Change.SKIP_SPACE | Change.SKIP_PUNCTUATION | Change.SKIP_INVISIBLE

CHANGE_LABELS: dict[Change, str] = {
    Change.TRADITIONAL: "繁→简",
    Change.FULL_WIDTH: "全角→半角",
    Change.CASE: "忽略大小写",
    Change.SKIP_SPACE: "忽略空格",
    Change.SKIP_PUNCTUATION: "忽略干扰符号",
    Change.SKIP_INVISIBLE: "忽略不可见字符",
}

SPACES = (
    " \t\u00a0\u1680\u202f\u205f\u3000"  # ASCII, no-break, Ogham, narrow, math and ideographic
    + "".join(chr(c) for c in range(0x2000, 0x200B))  # en quad … hair space
)
INTERFERENCE_PUNCTUATION = (
    "*.-_|·/\\"  # the ASCII set and the middle dot
    "＊．－＿｜／＼"  # their full-width forms
    "・･‧⋅∙‐‑"  # other middle dots and hyphens used the same way
)
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space/non-joiner/joiner, word joiner, BOM
    "\u00ad"  # soft hyphen
    "\u034f\u180e"  # combining grapheme joiner, Mongolian vowel separator
    "\u2061\u2062\u2063\u2064"  # invisible operators
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))  # variation selectors
)
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# Ranges OpenCC's traditional→simplified table can touch (CJK ideographs and compatibility forms).
_CJK_RANGES = (
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xF900, 0xFB00),
    (0x20000, 0x2A6E0),
    (0x2A700, 0x2EBF0),
    (0x2F800, 0x2FA20),
    (0x30000, 0x3134B),
)


@dataclass(frozen=True, slots=True)
class FoldTables:
    """Per-code-point lookup tables, indexed by code point."""

    fold: np.ndarray  # uint32: folded code point
    drop: np.ndarray  # bool: removed from the normalized view
    change: np.ndarray  # uint8: Change flags


def _traditional_to_simplified() -> dict[int, int]:
    """OpenCC's t2s as a one-to-one code point map, from one conversion call."""
    import opencc

    chars = [chr(c) for start, stop in _CJK_RANGES for c in range(start, stop)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # OpenCC merged or split lines: fall back to one call per char
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(ch) for ch in chars]
    return {
        ord(src): ord(dst)
        for src, dst in zip(chars, converted, strict=True)
        if len(dst) == 1 and dst != src
    }


@cache
def fold_tables() -> FoldTables:
    """Build the tables once per process (about 50 ms)."""
    fold = np.arange(CODE_POINTS, dtype=np.uint32)
    change = np.zeros(CODE_POINTS, dtype=np.uint8)

    for src, dst in _traditional_to_simplified().items():
        fold[src] = dst
        change[src] |= int(Change.TRADITIONAL)

    full_width = np.arange(0xFF01, 0xFF5F)
    fold[full_width] = full_width - 0xFEE0
    change[full_width] |= int(Change.FULL_WIDTH)

    # Case: every code point whose lower case is a single different code point,
    # applied after the width fold so Ａ → a.
    for cp in range(0x250):
        _fold_case(fold, change, cp)
    for cp in list(range(0x370, 0x530)) + list(range(0x1E00, 0x2000)):
        _fold_case(fold, change, cp)
    for cp in range(0xFF21, 0xFF3B):
        change[cp] |= int(Change.CASE)
        fold[cp] = ord(chr(cp - 0xFEE0).lower())

    for chars, flag in (
        (SPACES, Change.SKIP_SPACE),
        (INTERFERENCE_PUNCTUATION, Change.SKIP_PUNCTUATION),
        (INVISIBLE, Change.SKIP_INVISIBLE),
    ):
        for ch in chars:
            change[ord(ch)] = int(flag)
    for ch in LINE_BREAKS:
        fold[ord(ch)] = LINE_BREAK
        change[ord(ch)] = int(Change.LINE_BREAK)

    drop = (change & int(SKIPS)) != 0
    for table in (fold, change, drop):
        table.setflags(write=False)
    return FoldTables(fold=fold, drop=drop, change=change)


def _fold_case(fold: np.ndarray, change: np.ndarray, cp: int) -> None:
    lower = chr(cp).lower()
    if len(lower) == 1 and lower != chr(cp) and unicodedata.category(chr(cp)) == "Lu":
        fold[cp] = ord(lower)
        change[cp] |= int(Change.CASE)


def code_points(text: str) -> np.ndarray:
    """The text as a uint32 array of code points (lone surrogates kept as they are)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_code_points(codes: np.ndarray) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Folded code points with interference dropped, and where each one came from."""

    codes: np.ndarray  # uint32 folded code points
    origins: np.ndarray  # int64 index into the original text of each code

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def text(self) -> str:
        return from_code_points(self.codes)


def normalize(text: str) -> NormalizedText:
    """Fold and drop interference; keep a map back to original offsets."""
    tables = fold_tables()
    original = code_points(text)
    origins = np.flatnonzero(~tables.drop[original])
    return NormalizedText(codes=tables.fold[original[origins]], origins=origins)


def normalize_term(term: str) -> str:
    """The form a lexicon term is matched in (the same folds as the text)."""
    return normalize(term).text


def normalize_terms(terms: Sequence[str]) -> list[str]:
    """`normalize_term` for many terms in one vectorized pass (terms hold no line breaks)."""
    if not terms:
        return []
    normalized = normalize("\n".join(terms)).text.split("\n")
    if len(normalized) != len(terms):
        raise ValueError("a term contains a line break")
    return normalized


def fold_in_place(text: str) -> str:
    """Apply the one-to-one folds but drop nothing: offsets stay valid for the original.

    Rules that read digits or punctuation (personal data, proofreading) use this so
    ``１３８`` reads as ``138`` and 貳 as 贰 without any offset mapping.
    """
    if not text:
        return text
    return from_code_points(fold_tables().fold[code_points(text)])


def describe_changes(text: str, start: int, end: int) -> tuple[str, ...]:
    """Human-readable labels of the folds and skips applied inside text[start:end]."""
    if start >= end:
        return ()
    flags = np.bitwise_or.reduce(fold_tables().change[code_points(text[start:end])])
    return tuple(label for flag, label in CHANGE_LABELS.items() if int(flags) & flag)
