"""A lexicon: entries merged by normalized term, with a content hash."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desk.lexicon.entry import FIELDS, MAX_TERM_LENGTH, Entry
from desk.lexicon.files import SUFFIXES, LexiconFileError, RowError, read_entries
from desk.lexicon.matcher import Matcher
from desk.lexicon.normalize import normalize_terms, written_symbols
from desk.reading import quoted
from desk.resources import resource_path


@dataclass(frozen=True)
class Lexicon:
    """Entries ready to compile. Build with `Lexicon.from_entries` or `load_lexicon`."""

    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()
    _compiled: list[Matcher] = field(default_factory=list, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Lexicon:
        """Merge duplicates (same normalized term and scope), warning about each."""
        entries = list(entries)
        merged: dict[tuple[str, tuple[tuple[int, str], ...], str], Entry] = {}
        warnings: list[str] = []
        # Terms that differ only in punctuation of their own (一带一路战略, 一带一路”战略)
        # are different entries: the matcher tells their hits apart.
        written = written_symbols([entry.term for entry in entries])
        for index, (entry, normalized) in enumerate(
            zip(entries, _normalized_terms(entries), strict=True)
        ):
            key = (normalized, tuple(written.get(index, {}).items()), entry.scope)
            previous = merged.get(key)
            if previous is None:
                merged[key] = entry
                continue
            combined = previous.merged_with(entry)
            merged[key] = combined
            warnings.append(
                f"{entry.source or entry.term}: 重复词条「{entry.term}」与 "
                f"{previous.source or previous.term} 的「{previous.term}」合并"
                f"（级别 {combined.severity}）"
            )
        return cls(entries=tuple(merged.values()), warnings=tuple(warnings))

    def __len__(self) -> int:
        return len(self.entries)

    def __add__(self, other: Lexicon) -> Lexicon:
        combined = Lexicon.from_entries(self.entries + other.entries)
        return Lexicon(combined.entries, self.warnings + other.warnings + combined.warnings)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the entries' content, independent of order and of where they came from."""
        rows = sorted(
            json.dumps([getattr(e, f) for f in FIELDS], ensure_ascii=False) for e in self.entries
        )
        return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()

    def compile(self) -> Matcher:
        """The matcher for these entries, built once and then reused."""
        with self._lock:
            if not self._compiled:
                keyed: dict[str, list[Entry]] = {}
                for entry, key in zip(self.entries, _normalized_terms(self.entries), strict=True):
                    keyed.setdefault(key, []).append(entry)
                self._compiled.append(Matcher(keyed))
            return self._compiled[0]


def _normalized_terms(entries: list[Entry] | tuple[Entry, ...]) -> list[str]:
    """Matching keys of the entries; a term that folds to nothing, or is longer than
    MAX_TERM_LENGTH (the matcher would crash on it), is an error."""
    for entry in entries:
        if len(entry.term) > MAX_TERM_LENGTH:
            where = entry.source or quoted(entry.term)
            raise ValueError(
                f"{where}: 词条过长（{len(entry.term)} 个字符，最多 {MAX_TERM_LENGTH} 个）"
            )
    keys = normalize_terms([entry.term for entry in entries])
    for entry, key in zip(entries, keys, strict=True):
        if not key:
            raise ValueError(f"{entry.source or entry.term!r}: 词条只有空白或干扰符号")
    return keys


STARTER_LEXICON_DIR = resource_path("lexicon")


def starter_lexicon_paths() -> list[Path]:
    """The shipped starter lexicon files, in a stable order."""
    return sorted(STARTER_LEXICON_DIR.glob("*.csv"))


def load_lexicon(*paths: Path | str, starter: bool = False) -> Lexicon:
    """Load lexicon files (.csv/.xlsx/.txt, or folders of them) into one Lexicon.

    With `starter=True` the shipped starter lexicon comes first. Every file is read
    before anything is returned: if any has a bad row, `LexiconFileError` lists them
    all and nothing is loaded.
    """
    files = starter_lexicon_paths() if starter else []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        else:
            files.append(path)
    entries: list[Entry] = []
    errors: list[LexiconFileError] = []
    for file in files:
        try:
            entries += read_entries(file)
        except LexiconFileError as error:
            errors.append(error)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise LexiconFileError(
            ", ".join(e.path for e in errors),
            [RowError(r.line, r.message, r.path or e.path) for e in errors for r in e.errors],
        )
    return Lexicon.from_entries(entries)
