"""The reference corpus: clean, public government text shipped in resources/corpus.

It is the measure of ordinary text: the checks must not block it, and a word list's
noise is counted on it (see resources/corpus/README.md for what each document is).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

from desk.resources import resource_path

CORPUS_DIR = resource_path("corpus")


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One document: where it comes from, and its text as published."""

    name: str  # the file's name in resources/corpus
    title: str
    issuer: str
    source: str
    published: date | None  # None where the page gives no date
    text: str


@cache
def reference_corpus() -> tuple[CorpusDocument, ...]:
    """The documents listed in corpus.json, in its order."""
    listed = json.loads((CORPUS_DIR / "corpus.json").read_text(encoding="utf-8"))
    return tuple(
        CorpusDocument(
            name=entry["file"],
            title=entry["title"],
            issuer=entry["issuer"],
            source=entry["source"],
            published=date.fromisoformat(entry["date"]) if entry["date"] else None,
            text=(CORPUS_DIR / entry["file"]).read_text(encoding="utf-8"),
        )
        for entry in listed
    )
