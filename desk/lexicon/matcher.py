"""Aho-Corasick scanning over the normalized view, with hits mapped back to the original."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import ahocorasick
import numpy as np

from desk.lexicon import segment
from desk.lexicon.alphabet import SYMBOLS_PER_CHAR, Alphabet
from desk.lexicon.entry import Entry
from desk.lexicon.normalize import (
    describe_changes,
    gaps,
    normalize,
    written_symbols,
)


class Hit(NamedTuple):
    """A term found in a text: `start`/`end` are code points into the scanned text."""

    start: int
    end: int
    term: str
    entry: Entry
    source: str  # the scanned text, so the hit can explain itself without a copy

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @property
    def category(self) -> str:
        return self.entry.category

    @property
    def severity(self) -> str:
        return self.entry.severity

    @property
    def match(self) -> str:
        return self.entry.match

    @property
    def scope(self) -> str:
        return self.entry.scope

    @property
    def suggestion(self) -> str | None:
        return self.entry.suggestion

    @property
    def note(self) -> str | None:
        return self.entry.note

    @property
    def explanation(self) -> tuple[str, ...]:
        """The folds and skips that made the original span read as the term."""
        return describe_changes(self.text, self.term)

    def __repr__(self) -> str:
        return f"Hit({self.start}, {self.end}, {self.term!r}, {self.text!r}, {self.severity})"


class Matcher:
    """Finds lexicon terms in text. Built by `Lexicon.compile()`; safe to share across threads."""

    def __init__(self, keyed_entries: dict[str, list[Entry]]) -> None:
        # Keys sorted by their encoding so the most frequent symbols come first in
        # every node's child list (pyahocorasick searches children linearly).
        self._alphabet = Alphabet.for_keys(keyed_entries)
        keys = list(keyed_entries)
        encoded = self._alphabet.encode_keys(keys)
        order = sorted(range(len(keys)), key=encoded.__getitem__)
        self._entries = [tuple(keyed_entries[keys[i]]) for i in order]
        self._lengths = np.array([len(keys[i]) for i in order], dtype=np.int64)
        self._allow = np.array(
            [any(e.severity == "allow" for e in entries) for entries in self._entries], dtype=bool
        )
        # Terms written with punctuation or symbols of their own (一带一路”战略).
        owners = [index for index, entries in enumerate(self._entries) for _ in entries]
        every = [entry for entries in self._entries for entry in entries]
        written = written_symbols([entry.term for entry in every])
        self._written = {every[i]: symbols for i, symbols in written.items()}
        self._symbolic = np.zeros(len(self._entries), dtype=bool)
        self._symbolic[[owners[i] for i in written]] = True
        self._automaton = ahocorasick.Automaton()
        for index, original in enumerate(order):
            self._automaton.add_word(encoded[original], index)
        if keys:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._entries)

    def scan(self, text: str, field: str | None = None) -> list[Hit]:
        """All hits in `text`, in order; `field` ("title"/"body") applies entry scopes."""
        if not self._entries or not text:
            return []
        normalized = normalize(text)
        if not len(normalized):
            return []
        found = list(self._automaton.iter(self._alphabet.encode_codes(normalized.codes)))
        if not found:
            return []
        ends, indices = np.array(found, dtype=np.int64).T
        lasts = ends // SYMBOLS_PER_CHAR
        firsts = lasts - self._lengths[indices] + 1
        if normalized.expanded:
            aligned = normalized.aligned(firsts, lasts)
            firsts, lasts, indices = firsts[aligned], lasts[aligned], indices[aligned]
        starts = normalized.origins[firsts]
        stops = normalized.origins[lasts] + 1
        # Nothing skipped inside the span, and the term has no punctuation of its own: the
        # hit stands as it is. Every other hit has its separators looked at.
        plain = (stops - starts == normalized.characters(firsts, lasts)) & ~self._symbolic[indices]
        context = _Context(text)
        allowed = self._allowed_spans(context, firsts, lasts, starts, stops, indices, plain)
        rest = ~self._allow[indices]
        starts, stops, firsts, lasts = starts[rest], stops[rest], firsts[rest], lasts[rest]
        indices, plain = indices[rest], plain[rest]
        order = np.lexsort((-stops, starts))  # reading order: by start, the longer hit first
        hits: list[Hit] = []
        for start, stop, first, last, index, as_written in zip(
            starts[order].tolist(),
            stops[order].tolist(),
            firsts[order].tolist(),
            lasts[order].tolist(),
            indices[order].tolist(),
            plain[order].tolist(),
            strict=True,
        ):
            if allowed and allowed.cover(first, last):
                continue
            for entry in self._entries[index]:
                if not entry.applies_to(field):
                    continue
                if not as_written and not context.separators_fit(
                    self._written.get(entry, NOTHING_WRITTEN), start, stop, confirm=True
                ):
                    continue
                if entry.match == "word" and context.cuts_through(start, stop):
                    continue
                hits.append(Hit(start, stop, entry.term, entry, text))
        return hits

    def _allowed_spans(
        self,
        context: _Context,
        firsts: np.ndarray,
        lasts: np.ndarray,
        starts: np.ndarray,
        stops: np.ndarray,
        indices: np.ndarray,
        plain: np.ndarray,
    ) -> _AllowedSpans:
        """Where allowed phrases occur: as written, or with spaces and interference skipped;
        one found through other punctuation or symbols is not allowed (三、黄片 is no 三黄片)."""
        allow = self._allow[indices]
        spans = list(
            zip(firsts[allow & plain].tolist(), lasts[allow & plain].tolist(), strict=True)
        )
        checked = allow & ~plain
        for first, last, start, stop, index in zip(
            *(column[checked].tolist() for column in (firsts, lasts, starts, stops, indices)),
            strict=True,
        ):
            if any(
                context.separators_fit(self._written.get(entry, NOTHING_WRITTEN), start, stop)
                for entry in self._entries[index]
                if entry.severity == "allow"
            ):
                spans.append((first, last))
        return _AllowedSpans(spans)


NOTHING_WRITTEN: Mapping[int, str] = MappingProxyType({})


class _AllowedSpans:
    """Occurrences of allowed phrases; a hit wholly inside one is not reported."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._firsts = [first for first, _ in spans]
        self._reach = list(itertools.accumulate((last for _, last in spans), max))

    def __bool__(self) -> bool:
        return bool(self._firsts)

    def cover(self, first: int, last: int) -> bool:
        """Whether some span starting at or before `first` reaches `last`."""
        position = bisect.bisect_right(self._firsts, first)
        return position > 0 and self._reach[position - 1] >= last


class _Context:
    """Confirmations of one scan's hits, each worked out once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._separated: dict[tuple[object, ...], bool] = {}  # by span and separators

    def cuts_through(self, start: int, end: int) -> bool:
        return segment.cuts_through_word(self._text, start, end)

    def separators_fit(
        self, written: Mapping[int, str], start: int, end: int, confirm: bool = False
    ) -> bool:
        """Whether the punctuation and symbols skipped in text[start:end] let it read as a
        term written with `written` ({position: symbols}): the term's own must be there, and
        any other must be confirmed (with `confirm`) not to stand between real words."""
        found = {gap.after: gap for gap in gaps(self._text[start:end], symbolic=True)}
        if any(a not in found or found[a].symbols != s for a, s in written.items()):
            return False
        unwritten = [gap for a, gap in found.items() if written.get(a) != gap.symbols]
        if not unwritten:
            return True
        if not confirm:
            return False
        separators = [(start + gap.start, start + gap.end) for gap in unwritten]
        key = (start, end, *separators)
        if key not in self._separated:
            self._separated[key] = segment.separates_words(self._text, start, end, separators)
        return not self._separated[key]
