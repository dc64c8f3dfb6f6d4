"""Every link in a field, judged against the whitelist, as link reports and findings.

Untrusted links are a warning (a reviewer decides; `desk render` de-links them);
suspicious, invalid and hidden links (暗链/伪链) block.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from desk.documents.html_text import HtmlText, html_text
from desk.links import ExtractedLink, Whitelist, extract_links_from_html, extract_links_from_text
from desk.links import judge as judge_link
from desk.links.labels import describe
from desk.render.images import decode_data_uri, image_extension
from desk.review.findings import Field, Finding, Severity

_RULES: dict[str, tuple[str, Severity]] = {
    "untrusted": ("link.untrusted", "warn"),
    "suspicious": ("link.suspicious", "block"),
    "invalid": ("link.invalid", "block"),
}


@dataclass(frozen=True, slots=True)
class LinkReport:
    """One link as `desk check` reports it."""

    url: str
    field: Field
    start: int
    end: int
    verdict: str
    hidden: bool
    reasons: tuple[str, ...]
    host: str = ""  # where a browser goes; "" for relative links and embedded pictures

    def to_json(self) -> dict[str, object]:
        return {
            "url": self.url,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "hidden": self.hidden,
            "reasons": list(self.reasons),
            "host": self.host,
        }


@dataclass(frozen=True, slots=True)
class Anchor:
    """A link of rich text held outside HTML (the editor's document): its target and
    the span of its text, in code points."""

    href: str
    start: int
    end: int


def check_links(
    text: str,
    field: Field,
    whitelist: Whitelist,
    html: str | None = None,
    layout: HtmlText | None = None,
    anchors: Sequence[Anchor] = (),
) -> tuple[list[LinkReport], list[Finding]]:
    """Judge every link of a field: from its markup (``html`` or ``anchors``) when it has
    some, and bare URLs in its text."""
    found = [(link, link.start, link.end) for link in extract_links_from_text(text)]
    marked = [(_anchor_link(anchor, text), anchor.start, anchor.end) for anchor in anchors]
    if html is not None:
        layout = layout if layout is not None else html_text(html)
        marked += [(link, *layout.span_of(link.start)) for link in extract_links_from_html(html)]
    if marked:
        # Links in the markup, plus bare URLs in the text that are not some anchor's text.
        anchors_at = [(start, end) for link, start, end in marked if link.tag == "a"]
        found = marked + [
            item for item in found if not any(a <= item[1] < b for a, b in anchors_at)
        ]
        found.sort(key=lambda item: item[1])
    reports, findings = [], []
    for link, start, end in found:
        report = _report(link, field, start, end, whitelist)
        reports.append(report)
        finding = _finding(report, link, text)
        if finding is not None:
            findings.append(finding)
    return reports, findings


def _anchor_link(anchor: Anchor, text: str) -> ExtractedLink:
    label = text[anchor.start : anchor.end]
    visible = any(unicodedata.category(char)[0] not in "CZ" for char in label)
    return ExtractedLink(
        anchor.href,
        anchor.start,
        anchor.end,
        tag="a",
        attribute="href",
        text=label,
        hidden_reasons=() if visible else ("no-text",),
    )


def _report(
    link: ExtractedLink, field: Field, start: int, end: int, whitelist: Whitelist
) -> LinkReport:
    if _embedded_image(link):  # a pasted picture: published as the site's own file
        return LinkReport(link.url, field, start, end, "trusted", link.hidden, ("embedded",))
    verdict = judge_link(link.url, whitelist, text=link.text, in_text=link.tag is None)
    reasons = verdict.reasons
    if link.hidden:
        reasons = (*reasons, "hidden", *link.hidden_reasons)
    return LinkReport(
        link.url, field, start, end, str(verdict.verdict), link.hidden, reasons, verdict.host
    )


def _embedded_image(link: ExtractedLink) -> bool:
    """An <img> whose data: URI holds a real picture, as the editor embeds pasted ones
    (desk render publishes it as a local file); a data: URI anywhere else stays
    suspicious, since it can carry a page or a script."""
    if link.tag != "img" or link.url[:5].lower() != "data:":
        return False
    payload = decode_data_uri(link.url)
    return payload is not None and image_extension(payload) is not None


def _finding(report: LinkReport, link: ExtractedLink, text: str) -> Finding | None:
    """The finding a link deserves, or None for a visible trusted link."""
    if report.hidden:
        rule, severity = "link.hidden", "block"
        message = (
            f"隐藏链接（暗链）：{report.url}（{describe(link.hidden_reasons)}），发布前必须删除"
        )
    elif report.verdict in _RULES:
        rule, severity = _RULES[report.verdict]
        message = f"链接 {report.url}：{describe(report.reasons)}"
        if "disguised-host" in report.reasons:
            message += f"（实际去向 {report.host}）"
        if report.verdict == "untrusted":
            message += "；发布时将去掉链接，只保留文字"
    else:
        return None
    return Finding(
        kind="link",
        rule=rule,
        field=report.field,
        start=report.start,
        end=report.end,
        text=text[report.start : report.end],
        severity=severity,
        category="外链",
        message=message,
    )
