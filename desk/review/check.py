"""Run every check on a draft's fields and gather the findings in one model.

Everything the published page shows or announces is checked with the same lexicon and
rules: the field's text; the text as the page shows it, without what a reader can't see
(hidden text between two halves of a term is not published, so the term is); and the
images' 替代文字 (alt), found where the image stands.

Long texts are read in pieces of about ``CHUNK_CHARS`` characters, cut after a line
break (no term, rule or bare link runs across lines), each read with some text after it
for context; a line too long for one piece is cut anywhere, and the pieces then overlap
by ``_OVERLAP`` characters, more than any term or number. So what a check holds at once
is bounded by the piece, not the text; and ``Checker.check(limit=N)`` keeps at most N
findings (the most severe first), counting the rest, so a 50 MB text checks in memory a
few times its size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from desk.documents.html_text import HtmlText, ShownText, html_text
from desk.lexicon.lexicon import Lexicon
from desk.lexicon.matcher import Hit
from desk.links import Whitelist, load_default_whitelist
from desk.review.findings import (
    ORIGIN_LABELS,
    SEVERITIES,
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
CHUNK_CHARS = 100_000  # a long draft in one piece, as the editor checks it
_OVERLAP = 1_000  # context read around a piece: longer than any term, number or link

# Findings and links of a piece, and the offset of the piece: a finding is at its
# start + offset in the field (shifted only when kept, as most of a huge text's are not).
Batch = tuple[list[Finding], list[LinkReport], int]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything one check of one draft found, and which lexicon and whitelist found it.

    With a limit (``Checker.check``) ``findings`` and ``links`` may hold only part of
    what was found: ``omitted`` counts the findings left out by severity, and
    ``links_omitted`` the links.
    """

    findings: tuple[Finding, ...]
    links: tuple[LinkReport, ...]
    lexicon_hash: str
    whitelist_hash: str
    omitted: Mapping[str, int] = field(default_factory=dict)
    links_omitted: int = 0

    @property
    def blocking(self) -> bool:
        return self.omitted.get("block", 0) > 0 or any(f.severity == "block" for f in self.findings)

    def count(self, severity: str) -> int:
        """Findings of ``severity``, the ones left out included."""
        kept = sum(finding.severity == severity for finding in self.findings)
        return kept + self.omitted.get(severity, 0)


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
        findings: list[Finding] = []
        links: list[LinkReport] = []
        for found, found_links, offset in self._field_batches(
            text, field, html, layout, anchors, announced
        ):
            findings += [_shifted(finding, offset) for finding in found] if offset else found
            links += [_shifted(link, offset) for link in found_links] if offset else found_links
        findings.sort(key=sort_key)
        return findings, links

    def _field_batches(
        self,
        text: str,
        field: Field,
        html: str | None,
        layout: HtmlText | None,
        anchors: Sequence[Anchor],
        announced: Sequence[AnnouncedText],
    ) -> Iterator[Batch]:
        """What ``check_field`` finds, piece by piece."""
        if html is not None and layout is None:
            layout = html_text(html)
        marked = html is not None or bool(anchors)
        # Links in markup are placed by the whole markup: judged in one go.
        yield from self._scan(text, field, links=not marked)
        if marked:
            links, link_findings = check_links(text, field, self.whitelist, html, layout, anchors)
            yield link_findings, links, 0
        if layout is not None and layout.hidden:
            shown = layout.shown()
            for batch in self._scan(shown.text, field, links=True):
                yield _joined_across_hidden(text, shown, *batch)
        for item in announced:
            for found, found_links, _offset in self._scan(item.text, field, links=True):
                yield (
                    [_announced(finding, item, text) for finding in found],
                    [replace(link, start=item.start, end=item.end) for link in found_links],
                    0,
                )

    def _scan(self, text: str, field: Field, *, links: bool) -> Iterator[Batch]:
        """Terms, rules and (with ``links``) bare links of ``text``, piece by piece."""
        for start, end, keep_from, keep_to in _pieces(text):
            piece = text[start:end]
            hits = _outermost(self._matcher.scan(piece, field))
            findings = [term_finding(hit, field) for hit in hits]
            findings += run_rules(piece, field)
            reports: list[LinkReport] = []
            if links:
                reports, link_findings = check_links(piece, field, self.whitelist)
                findings += link_findings
            if (start, end) == (0, len(text)):
                yield findings, reports, 0
                continue
            yield (
                [f for f in findings if keep_from <= f.start + start < keep_to],
                [r for r in reports if keep_from <= r.start + start < keep_to],
                start,
            )

    def check(
        self,
        body: str,
        title: str | None = None,
        html: str | None = None,
        layout: HtmlText | None = None,
        *,
        limit: int | None = None,
    ) -> CheckResult:
        """Check a draft: ``body`` its text, or the visible text of ``html``.

        With ``limit``, at most that many findings are kept (block before warn before
        info, each in reading order) and as many links; the rest are counted.
        """
        if html is not None and layout is None:
            layout = html_text(html)
        alts = announced_alts(layout) if layout is not None else []
        kept = _Kept(limit)
        if title is not None:
            for batch in self._field_batches(title, "title", None, None, (), ()):
                kept.add(*batch)
        for batch in self._field_batches(body, "body", html, layout, (), alts):
            kept.add(*batch)
        findings, omitted = kept.findings()
        links, links_omitted = kept.links()
        return CheckResult(
            findings=findings,
            links=links,
            lexicon_hash=self.lexicon_hash,
            whitelist_hash=self.whitelist.content_hash,
            omitted=omitted,
            links_omitted=links_omitted,
        )


def _pieces(text: str) -> Iterator[tuple[int, int, int, int]]:
    """``(start, end, keep_from, keep_to)``: read ``text[start:end]``, keep what starts in
    ``[keep_from, keep_to)``. The kept spans tile the text; each piece is read with
    ``_OVERLAP`` characters after it, and, when cut inside a line, before it too."""
    keep_from, length = 0, len(text)
    while True:
        start = keep_from if keep_from == 0 or text[keep_from - 1] == "\n" else keep_from - _OVERLAP
        if length - keep_from <= CHUNK_CHARS:
            yield start, length, keep_from, length + 1  # + 1: an empty span at the very end
            return
        line_end = text.rfind("\n", keep_from + CHUNK_CHARS // 2, keep_from + CHUNK_CHARS)
        keep_to = line_end + 1 if line_end >= 0 else keep_from + CHUNK_CHARS
        yield start, min(keep_to + _OVERLAP, length), keep_from, keep_to
        keep_from = keep_to


def _shifted(item: Finding | LinkReport, offset: int) -> Finding | LinkReport:
    return replace(item, start=item.start + offset, end=item.end + offset)


def _joined_across_hidden(
    text: str, shown: ShownText, findings: list[Finding], links: list[LinkReport], offset: int
) -> Batch:
    """What only the text as shown holds: spans that join across hidden text, placed in
    the full text."""
    joined, joined_links = [], []
    for finding in findings:
        start, end = shown.span(finding.start + offset, finding.end + offset)
        if end - start > finding.end - finding.start:
            explanation = (*finding.explanation, JOINED_ACROSS_HIDDEN)
            joined.append(
                replace(
                    finding, start=start, end=end, text=text[start:end], explanation=explanation
                )
            )
    for link in links:
        start, end = shown.span(link.start + offset, link.end + offset)
        if end - start > link.end - link.start:
            joined_links.append(replace(link, start=start, end=end))
    return joined, joined_links, 0


class _Kept:
    """Findings and links as they come, at most ``limit`` of each kept (None: all).

    A finding that sorts after the ``limit`` best of its severity seen so far is only
    counted: it can never be among those kept.
    """

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.found: dict[str, list[Finding]] = {severity: [] for severity in SEVERITIES}
        self.bounds: dict[str, tuple[int, int, int, str]] = {}
        self.counts: Counter[str] = Counter()
        self.reports: list[LinkReport] = []
        self.reports_bound: tuple[int, int] | None = None
        self.report_count = 0

    def add(self, findings: list[Finding], links: list[LinkReport], offset: int) -> None:
        limit = self.limit
        for finding in findings:
            severity = finding.severity
            self.counts[severity] += 1
            if limit is not None:
                bound = self.bounds.get(severity)
                if bound is not None and _shifted_key(finding, offset) >= bound:
                    continue
            bucket = self.found[severity]
            bucket.append(_shifted(finding, offset) if offset else finding)
            if limit is not None and len(bucket) > 2 * limit:
                bucket.sort(key=sort_key)
                del bucket[limit:]
                self.bounds[severity] = sort_key(bucket[-1])
        self.report_count += len(links)
        for link in links:
            if self.reports_bound is not None and _link_order(link, offset) >= self.reports_bound:
                continue
            self.reports.append(_shifted(link, offset) if offset else link)
            if limit is not None and len(self.reports) > 2 * limit:
                self.reports.sort(key=_link_order)
                del self.reports[limit:]
                self.reports_bound = _link_order(self.reports[-1])

    def findings(self) -> tuple[tuple[Finding, ...], dict[str, int]]:
        """The findings kept, in reading order; how many of each severity were not."""
        kept: list[Finding] = []
        for severity in SEVERITIES:  # most severe first
            bucket = sorted(self.found[severity], key=sort_key)
            room = len(bucket) if self.limit is None else max(self.limit - len(kept), 0)
            kept += bucket[:room]
        kept.sort(key=sort_key)
        shown = Counter(finding.severity for finding in kept)
        omitted = {s: self.counts[s] - shown[s] for s in SEVERITIES if self.counts[s] > shown[s]}
        return tuple(kept), omitted

    def links(self) -> tuple[tuple[LinkReport, ...], int]:
        """The links kept (in reading order when some were left out); how many were not."""
        kept = self.reports
        if self.limit is not None and len(kept) > self.limit:
            kept = sorted(kept, key=_link_order)[: self.limit]
        return tuple(kept), self.report_count - len(kept)


def _shifted_key(finding: Finding, offset: int) -> tuple[int, int, int, str]:
    """``sort_key`` of the finding moved by ``offset``."""
    field, start, severity, rule = sort_key(finding)
    return field, start + offset, severity, rule


def _link_order(link: LinkReport, offset: int = 0) -> tuple[int, int]:
    return (0 if link.field == "title" else 1, link.start + offset)


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
