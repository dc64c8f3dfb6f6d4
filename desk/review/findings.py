"""One findings model for every check (term, link, pii, secret, headline, proofread).

Offsets are code points into the checked field's plain text; the UI converts them
to Qt's UTF-16 positions in one place.

A finding's origin says where its text was read: the field's text, or an image's
替代文字 (alt), which the published page announces rather than shows. Such a finding
sits where the image stands in the field (its span is the image, ``text`` what the field
holds there) and ``origin_text`` is what was found in the alt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Kind = Literal["term", "pii", "secret", "headline", "proofread", "link"]
Field = Literal["title", "body"]
Severity = Literal["block", "warn", "info"]
Origin = Literal["text", "alt"]

SEVERITIES: tuple[Severity, ...] = ("block", "warn", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warn": 2, "block": 3}
SEVERITY_LABELS: dict[str, str] = {"block": "屏蔽", "warn": "提醒", "info": "提示"}
KIND_LABELS: dict[str, str] = {
    "term": "词库",
    "headline": "标题规范",
    "pii": "个人信息",
    "secret": "涉密标志",
    "proofread": "校对",
    "link": "外链",
}
ORIGIN_LABELS: dict[str, str] = {"text": "正文", "alt": "图片替代文字"}


@dataclass(frozen=True, slots=True)
class AnnouncedText:
    """Text the page announces rather than shows (an image's alt) and the span of the
    field's text where it stands (the image: U+FFFC in the editor, empty in HTML's text)."""

    origin: Origin
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one field, with the span it covers."""

    kind: Kind
    rule: str
    field: Field
    start: int
    end: int
    text: str
    severity: Severity
    category: str
    message: str
    suggestion: str | None = None
    term: str | None = None
    explanation: tuple[str, ...] = field(default=())  # folds and skips a term hit needed
    note: str | None = None  # a lexicon entry's note: its source, and advice
    origin: Origin = "text"  # where the text was read (see the module docstring)
    origin_text: str | None = None  # what was found there, when not in the field's text

    @property
    def found_text(self) -> str:
        """The characters found, as a person would quote them."""
        return self.text if self.origin_text is None else self.origin_text

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "suggestion": self.suggestion,
            "term": self.term,
            "explanation": list(self.explanation),
            "note": self.note,
            "origin": self.origin,
            "origin_text": self.origin_text,
        }


def sort_key(finding: Finding) -> tuple[int, int, int, str]:
    """Reading order: title before body, then by position, most severe first."""
    return (
        0 if finding.field == "title" else 1,
        finding.start,
        -SEVERITY_RANK[finding.severity],
        finding.rule,
    )


class IgnoredSpot(Protocol):
    """Where a finding was let stand with a reason (desk.store.models.IgnoredFinding and
    desk.review.drafts.IgnoredFindingView are such): the editor pins it to its text, the
    domain's re-check excuses the warning there."""

    @property
    def rule(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
