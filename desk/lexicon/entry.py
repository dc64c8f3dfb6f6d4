"""A lexicon entry: one term and how a hit on it is reported."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

EntrySeverity = Literal["block", "warn", "info", "allow"]
Match = Literal["substring", "word"]
Scope = Literal["all", "title", "body"]

FIELDS = ("term", "category", "severity", "match", "scope", "suggestion", "note")
SEVERITY_VALUES: tuple[EntrySeverity, ...] = ("block", "warn", "info", "allow")
MATCH_VALUES: tuple[Match, ...] = ("substring", "word")
SCOPE_VALUES: tuple[Scope, ...] = ("all", "title", "body")

DEFAULT_CATEGORY = "未分类"
DEFAULT_SEVERITY: EntrySeverity = "warn"
DEFAULT_MATCH: Match = "substring"
DEFAULT_SCOPE: Scope = "all"
# Longer terms are mistakes (a pasted paragraph), and the Aho-Corasick automaton crashes
# the process on a term hundreds of thousands of characters long.
MAX_TERM_LENGTH = 200

# Merging duplicates keeps the stricter severity; allow loses to any reporting severity
# so a mistaken allow line can't silence a block term.
_STRICTNESS = {"allow": 0, "info": 1, "warn": 2, "block": 3}


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str = DEFAULT_CATEGORY
    severity: EntrySeverity = DEFAULT_SEVERITY
    match: Match = DEFAULT_MATCH
    scope: Scope = DEFAULT_SCOPE
    suggestion: str | None = None
    note: str | None = None
    source: str = ""  # file:line the entry was read from, for messages

    def applies_to(self, field: str | None) -> bool:
        return field is None or self.scope == "all" or self.scope == field

    def as_row(self) -> dict[str, str]:
        return {name: getattr(self, name) or "" for name in FIELDS}

    def merged_with(self, other: Entry) -> Entry:
        """Combine two entries for the same term: stricter severity, first non-empty text."""
        severity = max(self.severity, other.severity, key=_STRICTNESS.__getitem__)
        return replace(
            self,
            severity=severity,
            category=self.category if self.category != DEFAULT_CATEGORY else other.category,
            suggestion=self.suggestion or other.suggestion,
            note=self.note or other.note,
        )
