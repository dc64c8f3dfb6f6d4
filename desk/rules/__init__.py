"""Content rules besides the lexicon: personal data, confidentiality marks, titles, proofreading."""

from __future__ import annotations

from collections.abc import Callable

from desk.review.findings import Field, Finding, sort_key
from desk.rules import headline, pii, proofread, secret

RULES: tuple[Callable[[str, Field], list[Finding]], ...] = (
    pii.find,
    secret.find,
    headline.find,
    proofread.find,
)


def run_rules(text: str, field: Field) -> list[Finding]:
    """Every rule's findings for one field, in reading order."""
    return sorted((finding for rule in RULES for finding in rule(text, field)), key=sort_key)
