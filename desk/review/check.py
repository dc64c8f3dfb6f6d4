"""Run every check on a draft's fields and gather the findings in one model.

Everything the published page shows or announces is checked with the same lexicon and
rules: the field's text; the text as the page shows it, without what a reader can't see
(hidden text between two halves of a term is not published, so the term is); and the
images' 替代文字 (alt), found where the image stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from desk.documents.html_text import HtmlText, html_text
from desk.lexicon.lexicon import Lexicon
from desk.lexicon.matcher import Hit
from desk.links import Whitelist, load_default_whitelist
from desk.review.findings import (
    ORIGIN_LABELS,
    SEVERITY_RANK,
    AnnouncedText,
    Field,
    Finding,
    sort_key,
)
from desk.review.links import Anchor, LinkReport, check_links
from desk.rules import run_rules

JOINED_ACROSS_HIDDEN = "隐藏内容两侧连读"
_QUOTE_LIMIT = 40


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything one check of one draft found, and which lexicon and whitelist found it."""

    findings: tuple[Finding, ...]
    links: tuple[LinkReport, ...]
    lexicon_hash: str
    whitelist_hash: str

    @property
    def blocking(self) -> bool:
        return any(f.severity == "block" for f in self.findings)


class Checker:
    """Checks drafts against one lexicon and whitelist; reusable, safe across threads."""

    def __init__(self, lexicon: Lexicon, whitelist: Whitelist | None = None) -> None:
        self.whitelist = whitelist if whitelist is not None else load_default_whitelist()
        self.lexicon_hash = lexicon.content_hash
        self._matcher = lexicon.compile()

    def check_field(
        self,
        text: str,
        field: Field,
        html: str | None = None,
        layout: HtmlText | None = None,
        anchors: Sequence[Anchor] = (),
        announced: Sequence[AnnouncedText] = (),
    ) -> tuple[list[Finding], list[LinkReport]]:
        """Findings and links of one field.

        `html` or `anchors` when the field has markup (offsets of `anchors` are into
        `text`); `layout` when `text` is a page's visible text (``html_text``): its links
        are placed with it, and the text as the page shows it is read too. `announced`:
        alt texts standing in the field, each checked like the text.
        """
        if html is not None and layout is None:
            layout = html_text(html)
        findings, links = self._check_text(text, field, html, layout, anchors)
        if layout is not None and layout.hidden:
            self._check_shown(text, field, layout, findings, links)
        for item in announced:
            found, found_links = self._check_text(item.text, field)
            findings += [_announced(finding, item, text) for finding in found]
            links += [replace(link, start=item.start, end=item.end) for link in found_links]
        findings.sort(key=sort_key)
        return findings, links

    def _check_text(
        self,
        text: str,
        field: Field,
        html: str | None = None,
        layout: HtmlText | None = None,
        anchors: Sequence[Anchor] = (),
    ) -> tuple[list[Finding], list[LinkReport]]:
        hits = _outermost(self._matcher.scan(text, field))
        findings = [term_finding(hit, field) for hit in hits]
        findings += run_rules(text, field)
        links, link_findings = check_links(text, field, self.whitelist, html, layout, anchors)
        return findings + link_findings, links

    def _check_shown(
        self,
        text: str,
        field: Field,
        layout: HtmlText,
        findings: list[Finding],
        links: list[LinkReport],
    ) -> None:
        """Add what only the text as shown holds: spans that join across hidden text."""
        shown = layout.shown()
        found, found_links = self._check_text(shown.text, field)
        for finding in found:
            start, end = shown.span(finding.start, finding.end)
            if end - start > finding.end - finding.start:
                explanation = (*finding.explanation, JOINED_ACROSS_HIDDEN)
                findings.append(
                    replace(
                        finding, start=start, end=end, text=text[start:end], explanation=explanation
                    )
                )
        for link in found_links:
            start, end = shown.span(link.start, link.end)
            if end - start > link.end - link.start:
                links.append(replace(link, start=start, end=end))

    def check(
        self,
        body: str,
        title: str | None = None,
        html: str | None = None,
        layout: HtmlText | None = None,
    ) -> CheckResult:
        """Check a draft: ``body`` its text, or the visible text of ``html``."""
        if html is not None and layout is None:
            layout = html_text(html)
        alts = announced_alts(layout) if layout is not None else []
        findings, links = self.check_field(body, "body", html, layout, announced=alts)
        if title is not None:
            title_findings, title_links = self.check_field(title, "title")
            findings, links = title_findings + findings, title_links + links
        return CheckResult(
            findings=tuple(findings),
            links=tuple(links),
            lexicon_hash=self.lexicon_hash,
            whitelist_hash=self.whitelist.content_hash,
        )


def announced_alts(layout: HtmlText) -> list[AnnouncedText]:
    """The images' alt texts, each where its image stands in the visible text."""
    return [
        AnnouncedText("alt", image.alt, image.offset, image.offset)
        for image in layout.images
        if image.alt
    ]


def _announced(finding: Finding, item: AnnouncedText, text: str) -> Finding:
    """A finding in an announced text, placed where that text stands in the field."""
    quoted = item.text if len(item.text) <= _QUOTE_LIMIT else item.text[: _QUOTE_LIMIT - 1] + "…"
    return replace(
        finding,
        start=item.start,
        end=item.end,
        text=text[item.start : item.end],
        origin=item.origin,
        origin_text=finding.text,
        message=f"{ORIGIN_LABELS[item.origin]}「{quoted}」：{finding.message}",
    )


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop a hit lying inside a longer one that is at least as severe (百家乐 in 百家乐官网).

    The matcher reports every term; a reader needs one finding per spot.
    """
    kept: list[Hit] = []
    reaching: list[Hit] = []  # kept hits that reach past the current start
    for hit in hits:  # reading order: by start, the longer hit first
        reaching = [k for k in reaching if k.end > hit.start]
        rank = SEVERITY_RANK[hit.severity]
        if any(k.end >= hit.end and SEVERITY_RANK[k.severity] >= rank for k in reaching):
            continue
        kept.append(hit)
        reaching.append(hit)
    return kept


def term_finding(hit: Hit, field: Field) -> Finding:
    """A lexicon hit as a finding; title-only entries are title rules (kind headline)."""
    entry = hit.entry
    headline = entry.scope == "title"
    message = f"「{entry.term}」属于{entry.category}词条"
    if entry.suggestion:
        message += f"，建议改为「{entry.suggestion}」"
    if advice := _advice(entry.note):
        message += f"；{advice}"
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
        note=entry.note,
    )


ADVICE_PREFIX = "处理："


def _advice(note: str | None) -> str:
    """The advice a lexicon note starts with (处理：…。), shown to the writer."""
    if not note or not note.startswith(ADVICE_PREFIX):
        return ""
    return note.removeprefix(ADVICE_PREFIX).split("。", 1)[0]
