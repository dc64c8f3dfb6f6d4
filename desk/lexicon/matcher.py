"""Aho-Corasick scanning over the normalized view, with hits mapped back to the original."""

from __future__ import annotations

import bisect
import itertools
from typing import NamedTuple

import ahocorasick
import numpy as np

from desk.lexicon import segment
from desk.lexicon.alphabet import SYMBOLS_PER_CHAR, Alphabet
from desk.lexicon.entry import Entry
from desk.lexicon.normalize import describe_changes, fold_in_place, normalize


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
        return describe_changes(self.source, self.start, self.end)

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
        allow = self._allow[indices]
        allowed = _AllowedSpans(firsts[allow].tolist(), lasts[allow].tolist())
        firsts, lasts, indices = firsts[~allow], lasts[~allow], indices[~allow]
        starts = normalized.origins[firsts]
        stops = normalized.origins[lasts] + 1
        order = np.lexsort((-stops, starts))  # reading order: by start, the longer hit first
        words: _WordConfirmer | None = None
        hits: list[Hit] = []
        for start, stop, first, last, index in zip(
            starts[order].tolist(),
            stops[order].tolist(),
            firsts[order].tolist(),
            lasts[order].tolist(),
            indices[order].tolist(),
            strict=True,
        ):
            if allowed and allowed.cover(first, last):
                continue
            for entry in self._entries[index]:
                if not entry.applies_to(field):
                    continue
                if entry.match == "word":
                    words = words or _WordConfirmer(text)
                    if words.cuts_through(start, stop):
                        continue
                hits.append(Hit(start, stop, entry.term, entry, text))
        return hits


class _AllowedSpans:
    """Occurrences of allowed phrases; a hit wholly inside one is not reported."""

    def __init__(self, firsts: list[int], lasts: list[int]) -> None:
        spans = sorted(zip(firsts, lasts, strict=True))
        self._firsts = [first for first, _ in spans]
        self._reach = list(itertools.accumulate((last for _, last in spans), max))

    def __bool__(self) -> bool:
        return bool(self._firsts)

    def cover(self, first: int, last: int) -> bool:
        """Whether some span starting at or before `first` reaches `last`."""
        position = bisect.bisect_right(self._firsts, first)
        return position > 0 and self._reach[position - 1] >= last


class _WordConfirmer:
    """Word-boundary checks on one scan's text, folded once on first need.

    The folded original keeps spaces and punctuation, which are word boundaries
    for the segmenter, and keeps offsets, so hits are checked where they are.
    """

    def __init__(self, text: str) -> None:
        self._text = fold_in_place(text)

    def cuts_through(self, start: int, end: int) -> bool:
        return segment.cuts_through_word(self._text, start, end)
