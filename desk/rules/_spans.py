"""Turning a matched span into a Finding, the same way in every rule module.

Rules often match in a folded copy of the text; the finding must still quote the
original characters, so the quote is always cut from the original here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.review.findings import Field, Finding, Kind, Severity


@dataclass(frozen=True, slots=True)
class Reporter:
    """Builds the findings of one rule family (fixed kind and category)."""

    kind: Kind
    category: str

    def finding(
        self,
        text: str,
        field: Field,
        start: int,
        end: int,
        *,
        rule: str,
        severity: Severity,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        # Positional: keywords cost a third more per finding, and a megabyte of text with
        # ASCII punctuation throughout yields tens of thousands of them.
        return Finding(
            self.kind,
            rule,
            field,
            start,
            end,
            text[start:end],
            severity,
            self.category,
            message,
            suggestion,
        )
