"""The normalized view of text that terms are matched in.

Every character is folded by tables built once from Unicode data, so 百 家 樂, 百*家*乐,
百😀家乐, Ⓕⓤc⒦, 下③滥 and 陆合彩 read as 百家乐, fuck, 下3滥 and 6合彩:

- compatibility forms read as what they stand for (NFKC): ３ ③ ⑶ ⒊ 𝟑 → 3, Ⓕ 𝐅 → f, ⼈ → 人,
  ⑩ → 10 (the few that stand for more than one character expand);
- case, traditional → simplified (OpenCC), letters without their accents (dǔ → du);
- numerals written as characters read as digits (三 叁 ❸ → 3, 六 陆 陸 → 6), from the
  characters' Unicode numeric values, so a term with a digit or a numeral matches either;
- dropped: spaces, the interference punctuation ``* . - _ | · / \\`` and its compatibility
  forms, invisible characters (format characters such as zero-width ones, variation
  selectors, fillers) and combining marks;
- dropped too, but confirmed by the matcher before a hit through them counts: every other
  punctuation mark and symbol (Unicode P* and S*, emoji, private-use icons), because 、 and
  quotation marks stand between real words in ordinary text (北京、上海, 台湾“总统”).

Line breaks are kept as ``\\n``: no term contains one, so a term never spans two lines.
`NormalizedText.origins` maps every folded code back to its original character.
"""

from __future__ import annotations

import re
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
    COMPATIBILITY = 8
    NUMERAL = 16
    DIACRITIC = 32
    SKIP_SPACE = 64
    SKIP_PUNCTUATION = 128
    SKIP_SYMBOL = 256
    SKIP_INVISIBLE = 512
    LINE_BREAK = 1024


CHANGE_LABELS: dict[Change, str] = {
    Change.TRADITIONAL: "繁→简",
    Change.FULL_WIDTH: "全角→半角",
    Change.COMPATIBILITY: "兼容字符",
    Change.CASE: "忽略大小写",
    Change.NUMERAL: "数字写法",
    Change.DIACRITIC: "忽略附加符号",
    Change.SKIP_SPACE: "忽略空格",
    Change.SKIP_PUNCTUATION: "忽略干扰符号",
    Change.SKIP_SYMBOL: "忽略符号",
    Change.SKIP_INVISIBLE: "忽略不可见字符",
}

INTERFERENCE_PUNCTUATION = (
    "*.-_|·/\\"  # the ASCII set and the middle dot; their compatibility forms (＊ ﹡ …) follow
    "・‧⋅∙‐"  # other middle dots and hyphens used the same way
)
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Letters by their category, but blank and default-ignorable (ㅤ is a popular blank).
HANGUL_FILLERS = "\u115f\u1160\u3164\uffa0"
FULL_WIDTH_FORMS = range(0xFF01, 0xFF5F)
DIGIT_VALUES = frozenset(map(float, range(10)))

# Unicode gives these ideographs a numeric value, but they are ordinary words first
# (参加, 油漆, the radical 廾): reading them as digits would blur common text.
NOT_NUMERALS = "参漆廾"

# Ranges that hold only letters without compatibility forms or case (CJK ideographs,
# Hangul syllables), surrogates, private use and unassigned code points: the tables skip
# the per-character Unicode look-ups there. tests/lexicon/test_normalize.py checks this.
_PLAIN_RANGES = (
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xAC00, 0xD7A4),
    (0xD800, 0xF900),
    (0x20000, 0x2F800),
    (0x2FA20, 0xE0000),
    (0xE01F0, CODE_POINTS),
)
_PRIVATE_USE = ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE))

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

    fold: np.ndarray  # uint32: the folded code point (the first one, for an expansion)
    width: np.ndarray  # uint8: folded code points: 0 dropped, 1, or more for an expansion
    change: np.ndarray  # uint16: Change flags
    in_place: np.ndarray  # uint32: the one-to-one folds of `fold_in_place`
    expanded: np.ndarray  # uint32, sorted: the code points whose fold is several
    expansion_starts: np.ndarray  # int64: where each one's codes begin in `expansions`
    expansions: np.ndarray  # uint32: the folded codes of every expansion, one after another


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


def _scanned_chars() -> list[str]:
    """Every character outside `_PLAIN_RANGES`."""
    chars, start = [], 0
    for stop, resume in _PLAIN_RANGES:
        chars += map(chr, range(start, stop))
        start = resume
    return chars


def _numerals(chars: Sequence[str]) -> dict[str, str]:
    """Characters whose Unicode numeric value is a digit (三 叁 ❸ ٣ 〇), to that digit."""
    found = {}
    for ch in chars:
        value = unicodedata.numeric(ch, None)
        if value in DIGIT_VALUES and not ("0" <= ch <= "9") and ch not in NOT_NUMERALS:
            found[ch] = str(int(value))
    return found


class _Folder:
    """Folds one character at a time from Unicode data; `fold_tables` stores the results."""

    def __init__(self, t2s: dict[int, int], numerals: dict[str, str]) -> None:
        self.t2s = t2s
        self.numerals = numerals

    def plain(self, ch: str) -> bool:
        """Unassigned, or a letter or digit that every fold leaves as it is (a quick test)."""
        category = unicodedata.category(ch)
        return category == "Cn" or (
            category[0] in "LN"
            and not unicodedata.decomposition(ch)
            and ch.lower() == ch
            and ch not in self.numerals
            and ord(ch) not in self.t2s
            and ch not in HANGUL_FILLERS
        )

    def fold(self, ch: str) -> tuple[str, Change]:
        """The characters `ch` reads as (empty when dropped) and the changes made."""
        if ch in LINE_BREAKS:
            return "\n", Change.LINE_BREAK
        category = unicodedata.category(ch)
        if category == "Zs" or ch == "\t":
            return "", Change.SKIP_SPACE
        form = unicodedata.normalize("NFKC", ch)
        if form in INTERFERENCE_PUNCTUATION and len(form) == 1:  # ＊ ﹡ → *
            return "", Change.SKIP_PUNCTUATION
        if _invisible(ch, category):
            return "", Change.SKIP_INVISIBLE
        if category in ("Mn", "Me"):
            return "", Change.DIACRITIC
        change = Change.NONE
        if form != ch:
            change |= Change.FULL_WIDTH if ord(ch) in FULL_WIDTH_FORMS else Change.COMPATIBILITY
        # Brackets, full stops and spaces around a letter (⑶ ⒊ ⒦ ㈠) are dropped with it.
        kept = [c for c in form if unicodedata.category(c)[0] in "LN"]
        if not kept and (letter := _named_letter(ch)):  # 🅕 and 🅵 have no NFKC form
            kept, change = [letter], Change.COMPATIBILITY
        if not kept:
            if category[0] in "PS" or category == "Co":
                return "", Change.SKIP_SYMBOL
            return ch, Change.NONE
        folded = ""
        for c in kept:
            letters, more = self.letter(c)
            folded += letters
            change |= more
        return folded, change

    def letter(self, ch: str) -> tuple[str, Change]:
        """A letter or digit lower-cased, without accents, simplified and as a digit."""
        change = Change.NONE
        lower = ch.lower()
        if lower != ch:
            change |= Change.CASE
        decomposed = unicodedata.normalize("NFD", lower)
        base = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me"))
        if base != decomposed and base:
            change |= Change.DIACRITIC
            lower = base
        folded = ""
        for c in lower:
            simplified = chr(self.t2s.get(ord(c), ord(c)))
            if simplified != c:
                change |= Change.TRADITIONAL
            if simplified in self.numerals:
                change |= Change.NUMERAL
                simplified = self.numerals[simplified]
            folded += simplified
        return folded, change

    def in_place(self, ch: str) -> str:
        """The one-to-one fold of `fold_in_place`: width, case, compatibility letters and
        digits, traditional → simplified, every line break as ``\\n``; never numerals
        written as words, never a drop."""
        if ch in LINE_BREAKS:
            return "\n"
        if ord(ch) in FULL_WIDTH_FORMS:
            ch = chr(ord(ch) - 0xFEE0)
        else:
            form = unicodedata.normalize("NFKC", ch)
            if len(form) == 1 and unicodedata.category(form)[0] in "LN":
                ch = form
        lower = ch.lower()
        ch = lower if len(lower) == 1 else ch
        return chr(self.t2s.get(ord(ch), ord(ch)))


def _named_letter(ch: str) -> str | None:
    """The Latin letter a symbol is named after (NEGATIVE CIRCLED LATIN CAPITAL LETTER F)."""
    name = unicodedata.name(ch, "")
    if unicodedata.category(ch) != "So" or not (match := _LATIN_LETTER.search(name)):
        return None
    return unicodedata.lookup(f"LATIN {match[1]} LETTER {match[2]}")


_LATIN_LETTER = re.compile(r"\bLATIN (CAPITAL|SMALL) LETTER ([A-Z])$")


def _invisible(ch: str, category: str) -> bool:
    """Format characters, variation selectors, joiners and fillers (control characters
    other than tabs and line breaks stay: they are not text, and never a separator)."""
    if category == "Cf" or ch in HANGUL_FILLERS:
        return True
    name = unicodedata.name(ch, "")
    return "VARIATION SELECTOR" in name or "GRAPHEME JOINER" in name


@cache
def fold_tables() -> FoldTables:
    """Build the tables once per process (about 0.1 s)."""
    fold = np.arange(CODE_POINTS, dtype=np.uint32)
    in_place = np.arange(CODE_POINTS, dtype=np.uint32)
    width = np.ones(CODE_POINTS, dtype=np.uint8)
    change = np.zeros(CODE_POINTS, dtype=np.uint16)

    t2s = _traditional_to_simplified()
    scanned = _scanned_chars()
    ideographs = [chr(c) for start, stop in _CJK_RANGES for c in range(start, stop)]
    folder = _Folder(t2s, _numerals(scanned + ideographs))

    # The plain ranges: only traditional → simplified and numerals apply (陸 → 陆 → 6).
    for cp in t2s.keys() | set(map(ord, folder.numerals)):
        folded, changed = folder.letter(chr(cp))
        fold[cp] = ord(folded)
        change[cp] = int(changed)
        in_place[cp] = t2s.get(cp, cp)
    for start, stop in _PRIVATE_USE:
        width[start:stop] = 0
        change[start:stop] = int(Change.SKIP_SYMBOL)

    expanded: dict[int, str] = {}
    for ch in scanned:
        if folder.plain(ch):
            continue
        folded, changed = folder.fold(ch)
        cp = ord(ch)
        in_place[cp] = ord(folder.in_place(ch))
        if folded == ch and not changed:
            continue
        change[cp] = int(changed)
        width[cp] = len(folded)
        if folded:
            fold[cp] = ord(folded[0])
        if len(folded) > 1:
            expanded[cp] = folded

    order = sorted(expanded)
    lengths = [len(expanded[cp]) for cp in order]
    tables = FoldTables(
        fold=fold,
        width=width,
        change=change,
        in_place=in_place,
        expanded=np.array(order, dtype=np.uint32),
        expansion_starts=np.cumsum([0, *lengths[:-1]], dtype=np.int64),
        expansions=code_points("".join(expanded[cp] for cp in order)),
    )
    for table in (fold, width, change, in_place):
        table.setflags(write=False)
    return tables


def code_points(text: str) -> np.ndarray:
    """The text as a uint32 array of code points (lone surrogates kept as they are)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_code_points(codes: np.ndarray) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Folded code points with the dropped characters left out, and where each came from."""

    codes: np.ndarray  # uint32 folded code points
    origins: np.ndarray  # int64 index into the original text of each code
    expanded: bool = False  # some character folded to several codes (⑩ → 10)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def text(self) -> str:
        return from_code_points(self.codes)

    def aligned(self, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
        """Whether each span of codes begins and ends with a whole original character
        (a term 0元 must not hit the second half of ⑩元)."""
        if not self.expanded:
            return np.ones(len(firsts), dtype=bool)
        origins = np.concatenate(([-1], self.origins, [-1]))
        return (origins[firsts] != origins[firsts + 1]) & (origins[lasts + 2] != origins[lasts + 1])

    def characters(self, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
        """How many original characters each aligned span of codes reads."""
        if not self.expanded:
            return lasts - firsts + 1
        starts = np.cumsum(np.concatenate(([True], self.origins[1:] != self.origins[:-1])))
        return starts[lasts] - starts[firsts] + 1


def normalize(text: str) -> NormalizedText:
    """Fold and drop; keep a map back to original offsets."""
    tables = fold_tables()
    original = code_points(text)
    widths = tables.width[original]
    origins = np.flatnonzero(widths)
    if not len(widths) or widths.max() <= 1:
        return NormalizedText(codes=tables.fold[original[origins]], origins=origins)
    # Slow path: some characters fold to several codes.
    counts = widths[origins].astype(np.int64)
    origins = np.repeat(origins, counts)
    rank = np.arange(len(origins)) - np.repeat(np.cumsum(counts) - counts, counts)
    codes = tables.fold[original[origins]]
    several = np.flatnonzero(np.repeat(counts > 1, counts))
    expansion = np.searchsorted(tables.expanded, original[origins[several]])
    codes[several] = tables.expansions[tables.expansion_starts[expansion] + rank[several]]
    return NormalizedText(codes=codes, origins=origins, expanded=True)


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
    ``１３８`` and ``①③⑧`` read as ``138`` and 貳 as 贰 without any offset mapping;
    numerals written as words (三) stay as they are.
    """
    if not text:
        return text
    return from_code_points(fold_tables().in_place[code_points(text)])


def search_key(text: str) -> str:
    """The form draft search compares: the one-to-one folds, with spaces, interference
    punctuation, invisible characters and combining marks dropped.

    Other punctuation and symbols stay (the matcher confirms a hit through them, search
    cannot), and so do numerals (a search for 6 should not find 陆), so 百 家 乐, 百*家*乐 and
    百家樂 read as 百家乐 while 三、加强 does not read as 参加强.
    """
    tables = fold_tables()
    original = code_points(text)
    symbols = (tables.change[original] & int(Change.SKIP_SYMBOL)) != 0
    kept = (tables.width[original] != 0) | symbols
    return from_code_points(tables.in_place[original[kept]])


@dataclass(frozen=True, slots=True)
class Gap:
    """Characters dropped between two kept ones."""

    after: int  # the position in the normalized text that the gap follows
    start: int  # offsets of the dropped run in the original text
    end: int
    symbols: str  # the punctuation and symbols among them (in-place folded), "" if none


def gaps(text: str, *, symbolic: bool = False) -> list[Gap]:
    """Every run of dropped characters between two kept characters of `text` (a term or a
    hit: short, so one character at a time); with `symbolic`, only the runs that hold
    punctuation or symbols."""
    tables = fold_tables()
    symbol = int(Change.SKIP_SYMBOL)
    found: list[Gap] = []
    position = -1  # of the last folded code so far
    run_start = None
    for index, ch in enumerate(text):
        width = int(tables.width[ord(ch)])
        if not width:
            run_start = index if run_start is None else run_start
            continue
        if run_start is not None and position >= 0:
            run = text[run_start:index]
            symbols = "".join(
                chr(tables.in_place[ord(c)]) for c in run if tables.change[ord(c)] & symbol
            )
            if symbols or not symbolic:
                found.append(Gap(position, run_start, index, symbols))
        run_start = None
        position += width
    return found


def describe_changes(span: str, term: str) -> tuple[str, ...]:
    """Labels of the folds and skips that made `span` (a hit) read as `term`.

    Only what differs counts: 六合彩 found as 六合彩 needed nothing, found as 陆合彩 it
    needed 数字写法, and a term written with a quotation mark found with it needed none.
    """
    if span == term:
        return ()
    change = fold_tables().change
    flags = 0
    for a, b in zip(_origins(span), _origins(term), strict=True):
        if span[a] != term[b]:
            flags |= int(change[ord(span[a])]) | int(change[ord(term[b])])
    written = {gap.after: term[gap.start : gap.end] for gap in gaps(term)}
    for gap in gaps(span):
        run = span[gap.start : gap.end]
        if written.get(gap.after) != run:
            for ch in run:
                flags |= int(change[ord(ch)])
    return _labels(flags)


def _origins(text: str) -> list[int]:
    """`normalize(text).origins` one character at a time, for a short text."""
    width = fold_tables().width
    return [index for index, ch in enumerate(text) for _ in range(width[ord(ch)])]


def _labels(flags: int) -> tuple[str, ...]:
    return tuple(label for flag, label in CHANGE_LABELS.items() if flags & flag)


def written_symbols(terms: Sequence[str]) -> dict[int, dict[int, str]]:
    """The punctuation and symbols written between the characters of each term that has
    any, by the term's index and then by the position they follow (one vectorized pass
    finds the few such terms)."""
    if not terms:
        return {}
    codes = code_points("".join(terms))
    symbolic = (fold_tables().change[codes] & int(Change.SKIP_SYMBOL)) != 0
    if not symbolic.any():
        return {}
    bounds = np.cumsum([len(term) for term in terms])
    found = {}
    for index in np.unique(np.searchsorted(bounds, np.flatnonzero(symbolic), side="right")):
        if written := {gap.after: gap.symbols for gap in gaps(terms[index], symbolic=True)}:
            found[int(index)] = written
    return found
