"""Run every check on a draft's fields and gather the findings in one model."""

from __future__ import annotations

from dataclasses import dataclass

from desk.lexicon.lexicon import Lexicon
from desk.lexicon.matcher import Hit
from desk.review.findings import Field, Finding, sort_key
from desk.rules import run_rules


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything one check of one draft found, and which lexicon found it."""

    findings: tuple[Finding, ...]
    lexicon_hash: str

    @property
    def blocking(self) -> bool:
        return any(f.severity == "block" for f in self.findings)


class Checker:
    """Checks drafts against one lexicon; cheap to call repeatedly, safe across threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon_hash = lexicon.content_hash
        self._matcher = lexicon.compile()

    def check_field(self, text: str, field: Field) -> list[Finding]:
        findings = [term_finding(hit, field) for hit in self._matcher.scan(text, field)]
        findings += run_rules(text, field)
        findings.sort(key=sort_key)
        return findings

    def check(self, body: str, title: str | None = None) -> CheckResult:
        findings = self.check_field(body, "body")
        if title is not None:
            findings = self.check_field(title, "title") + findings
        return CheckResult(findings=tuple(findings), lexicon_hash=self.lexicon_hash)


def term_finding(hit: Hit, field: Field) -> Finding:
    """A lexicon hit as a finding; title-only entries are title rules (kind headline)."""
    entry = hit.entry
    headline = entry.scope == "title"
    message = f"「{entry.term}」属于{entry.category}词条"
    if entry.suggestion:
        message += f"，建议改为「{entry.suggestion}」"
    return Finding(
        kind="headline" if headline else "term",
        rule="headline.term" if headline else "lexicon.term",
        field=field,
        start=hit.start,
        end=hit.end,
        text=hit.text,
        severity=entry.severity,  # type: ignore[arg-type]  # allow entries never hit
        category=entry.category,
        message=message,
        suggestion=entry.suggestion,
        term=entry.term,
        explanation=hit.explanation,
    )
