"""Re-running the check for a workflow step, on exactly the text the step is about.

Submit and Approve (desk.review.workflow) are given the check the client ran: lexicon
and whitelist hashes and findings. A tampered client, or a bug, could report no 屏蔽
finding. So when the store has a `DraftChecker` (``Store.checker``: the GUI attaches
one once its lexicon has loaded, see desk.ui.app) the workflow re-runs the check here,
inside the command's transaction, on the stored revision the command names, and decides
with those findings:

* a 屏蔽 finding refuses submitting and every approval (签发 and 审定 included);
* every 提醒 needs an acknowledgement with a reason (keyed by rule, field, start, end),
  or an ignore stored with the draft (IgnoreFinding, which carries its reason);
* the client's lexicon and whitelist hashes must be the checker's, so that what the
  person saw is what the domain checked;
* the action records the domain's findings and hashes, not the client's.

The re-check only adds to the rules on the reported check, never relaxes them. Without a
checker (CLI scripts, most tests) the workflow trusts the reported check as before.

Which text: ``body_text`` is what the editor checked, and acknowledgements point into
it; but ``body_html`` is what is hashed and published, and a client could store a clean
``body_text`` beside it. So the body is checked as the editor checks it (its plain text,
links from the html's ``<a>`` elements), and, when the html's visible text reads
differently (blank lines, collapsed spaces, images), that text too: its findings are
moved onto ``body_text``'s offsets and added where the first check has none (a term an
image or a line break hid from the editor). The two texts must hold the same visible
characters in the same order, whitespace and image marks aside, or the step is refused.
The html's text is also read as the page shows it (without what a reader can't see), and
its images' alt texts are checked where the images stand: on the image marks (U+FFFC) of
``body_text``, the k-th image on the k-th mark, as the editor reports them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from desk.documents.html_text import HtmlText, html_text
from desk.links import extract_links_from_html
from desk.review.check import announced_alts
from desk.review.errors import CommandRejected
from desk.review.findings import AnnouncedText, Finding, IgnoredSpot, sort_key
from desk.review.links import Anchor

if TYPE_CHECKING:
    from desk.review.check import Checker

STALE_CHECK = "词库或白名单已更新，请重新检查后再操作"
TEXT_MISMATCH = "稿件正文的纯文本与排版内容不一致，请在编辑器中重新保存后再操作"

# What may differ between Qt's plain text of the body and the html's visible text:
# whitespace (runs collapse, blank lines vanish, nbsp) and U+FFFC, Qt's mark for an image.
IMAGE_MARK = "\ufffc"
_LOOSE = re.compile(r"[\s\ufffc]+")
_VISIBLE = re.compile(r"[^\s\ufffc]+")


class DraftChecker(Protocol):
    """What the workflow re-runs: the check of one revision, and what it checks with."""

    @property
    def lexicon_hash(self) -> str: ...

    @property
    def whitelist_hash(self) -> str: ...

    def check(self, title: str, body_html: str, body_text: str) -> list[Finding]:
        """Every finding of the revision, offsets into ``title`` and ``body_text`` as the
        editor reports them; CommandRejected when the revision can't be checked."""
        ...


@dataclass(frozen=True, slots=True)
class StoredTextChecker:
    """A `DraftChecker` on `desk.review.check.Checker`: the engine the editor and
    `desk check` use, so the domain finds what the person was shown."""

    checker: Checker

    @property
    def lexicon_hash(self) -> str:
        return self.checker.lexicon_hash

    @property
    def whitelist_hash(self) -> str:
        return self.checker.whitelist.content_hash

    def check(self, title: str, body_html: str, body_text: str) -> list[Finding]:
        findings, _links = self.checker.check_field(title, "title")
        layout = html_text(body_html)
        anchors = _anchors(body_html, layout)
        if layout.text == body_text:  # the common case: one check
            alts = announced_alts(layout)
            body, _links = self.checker.check_field(
                body_text, "body", layout=layout, anchors=anchors, announced=alts
            )
            return findings + body
        alignment = _Alignment.of(layout.text, body_text)
        if alignment is None:
            raise CommandRejected(TEXT_MISMATCH)
        moved = [Anchor(a.href, *alignment.span(a.start, a.end)) for a in anchors]
        body, _links = self.checker.check_field(
            body_text, "body", anchors=moved, announced=_alts_on(layout, body_text, alignment)
        )
        published, _links = self.checker.check_field(
            layout.text, "body", layout=layout, anchors=anchors
        )
        seen = {acknowledgement_key(f) for f in body}
        for finding in published:
            # proofreading reads spacing, which legitimately differs between the two
            if finding.severity == "info" or finding.kind == "proofread":
                continue
            start, end = alignment.span(finding.start, finding.end)
            finding = replace(finding, start=start, end=end)
            if acknowledgement_key(finding) not in seen:
                seen.add(acknowledgement_key(finding))
                body.append(finding)
        body.sort(key=sort_key)
        return findings + body


@dataclass(frozen=True, slots=True)
class CheckerUnavailable:
    """A stand-in while no check can be run (the lexicon is loading, or failed to load):
    every step that needs the check is refused with ``reason``, rather than trusting
    the client's report."""

    reason: str

    @property
    def lexicon_hash(self) -> str:
        raise CommandRejected(self.reason)

    @property
    def whitelist_hash(self) -> str:
        raise CommandRejected(self.reason)

    def check(self, title: str, body_html: str, body_text: str) -> list[Finding]:
        raise CommandRejected(self.reason)


def verify(
    checker: DraftChecker,
    title: str,
    body_html: str,
    body_text: str,
    reported: Mapping[str, Any],
    acknowledgements: Sequence[Mapping[str, Any]] | None = None,
    ignored: Iterable[IgnoredSpot] = (),
) -> list[Finding]:
    """The findings of the revision, after refusing (CommandRejected) a stale report, any
    屏蔽 finding, and, when ``acknowledgements`` are given (an approval), any 提醒 neither
    acknowledged with a reason nor ``ignored`` with the draft."""
    if (
        reported.get("lexicon_hash") != checker.lexicon_hash
        or reported.get("whitelist_hash") != checker.whitelist_hash
    ):
        raise CommandRejected(STALE_CHECK)
    findings = checker.check(title, body_html, body_text)
    blocks = [f for f in findings if f.severity == "block"]
    if blocks:
        raise CommandRejected(
            f"有 {len(blocks)} 处屏蔽项，必须先修改：{_named(blocks)}", field="findings"
        )
    if acknowledgements is not None:
        unresolved = open_warnings(findings, acknowledgements, ignored)
        if unresolved:
            raise CommandRejected(
                f"还有 {len(unresolved)} 处提醒未确认，请逐条写明处理理由：{_named(unresolved)}",
                field="acknowledgements",
            )
    return findings


def open_warnings(
    findings: Iterable[Finding],
    acknowledgements: Iterable[Mapping[str, Any]],
    ignored: Iterable[IgnoredSpot] = (),
) -> list[Finding]:
    """The 提醒 findings with no reason: not acknowledged (with a non-blank reason) and
    not ignored with the draft.

    An ignore covers the finding of its rule, field, span and text; one whose span has
    moved since (the editor keeps an ignore pinned to its text while it is edited around)
    covers one other finding of the same rule, field and text. A 屏蔽 finding is never
    covered: it can't be ignored.
    """
    acknowledged = acknowledged_keys(acknowledgements)
    warnings = [
        f for f in findings if f.severity == "warn" and acknowledgement_key(f) not in acknowledged
    ]
    spots = {(s.rule, s.field, s.start, s.end, s.text) for s in ignored}
    used: set[tuple[str, str, int, int, str]] = set()
    moved_warnings = []
    for finding in warnings:
        key = (finding.rule, finding.field, finding.start, finding.end, finding.text)
        if key in spots:
            used.add(key)
        else:
            moved_warnings.append(finding)
    moved = Counter((spot[0], spot[1], spot[4]) for spot in spots - used)
    unresolved = []
    for finding in moved_warnings:
        loose = (finding.rule, finding.field, finding.text)
        if moved[loose]:
            moved[loose] -= 1
        else:
            unresolved.append(finding)
    return unresolved


def acknowledged_keys(acknowledgements: Iterable[Mapping[str, Any]]) -> set[tuple[Any, ...]]:
    """The findings acknowledged with a non-blank reason, by `acknowledgement_key`."""
    return {spot_key(a) for a in acknowledgements if str(a.get("reason", "")).strip()}


def spot_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    """(rule, field, start, end) of an acknowledgement or a reported finding (a dict)."""
    return (item.get("rule"), item.get("field"), item.get("start"), item.get("end"))


def acknowledgement_key(finding: Finding) -> tuple[str, str, int, int]:
    """What an acknowledgement names a finding by (as the review panel sends it)."""
    return (finding.rule, finding.field, finding.start, finding.end)


def _named(findings: Sequence[Finding]) -> str:
    first = findings[0]
    where = "标题" if first.field == "title" else ""
    return f"{where}「{first.text or first.term or first.rule}」" + (
        "等" if len(findings) > 1 else ""
    )


def _anchors(html: str, layout: HtmlText) -> list[Anchor]:
    """The html's links as the editor takes them: each ``<a href>`` over its text,
    neighbours with the same target one link (offsets into ``layout.text``)."""
    if "<a" not in html and "<A" not in html:
        return []
    anchors: list[Anchor] = []
    for link in extract_links_from_html(html):
        if link.tag != "a" or link.attribute != "href" or not link.url:
            continue
        start, end = layout.span_of(link.start)
        if anchors and anchors[-1].href == link.url and anchors[-1].end == start:
            anchors[-1] = Anchor(link.url, anchors[-1].start, end)
        else:
            anchors.append(Anchor(link.url, start, end))
    return anchors


def _alts_on(layout: HtmlText, body_text: str, alignment: _Alignment) -> list[AnnouncedText]:
    """The alt texts of the html's images, each on its image's mark in ``body_text`` (the
    k-th image on the k-th U+FFFC) when the two agree on how many images there are, else
    where the alignment puts the image."""
    marks = [match.start() for match in re.finditer(IMAGE_MARK, body_text)]
    on_marks = len(marks) == len(layout.images)
    alts = []
    for index, image in enumerate(layout.images):
        if not image.alt:
            continue
        if on_marks:
            start, end = marks[index], marks[index] + 1
        else:
            start, end = alignment.span(image.offset, image.offset)
        alts.append(AnnouncedText("alt", image.alt, start, end))
    return alts


class _Alignment:
    """Offsets into one text moved onto another holding the same visible characters in
    the same order (`_LOOSE` characters aside): the k-th visible character of one is the
    k-th of the other. Runs and bisect keep it fast on a 100,000-character draft."""

    def __init__(self, source: str, target: str) -> None:
        self._source = _runs(source)
        self._target = _runs(target)
        self._total = self._source[2][-1]
        self._target_length = len(target)

    @classmethod
    def of(cls, source: str, target: str) -> _Alignment | None:
        """The alignment, or None when the visible characters differ."""
        if _LOOSE.sub("", source) != _LOOSE.sub("", target):
            return None
        return cls(source, target)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the source as a span of the target: from its first visible
        character to just after its last."""
        first = self._rank(start)
        moved_start = self._position(first) if first < self._total else self._target_length
        if end <= start:
            return moved_start, moved_start
        last = self._rank(end)
        moved_end = self._position(last - 1) + 1 if last > 0 else 0
        return moved_start, max(moved_start, moved_end)

    def _rank(self, offset: int) -> int:
        """How many visible characters of the source lie before ``offset``."""
        starts, ends, ranks = self._source
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return 0
        return ranks[index] + min(offset, ends[index]) - starts[index]

    def _position(self, rank: int) -> int:
        """Where the target's visible character number ``rank`` (from 0) is."""
        starts, _ends, ranks = self._target
        index = bisect_right(ranks, rank) - 1
        return starts[index] + rank - ranks[index]


def _runs(text: str) -> tuple[list[int], list[int], list[int]]:
    """Starts and ends of the runs of visible characters, and how many visible characters
    come before each run; the last rank is the total."""
    starts, ends, ranks = [], [], [0]
    for match in _VISIBLE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        ranks.append(ranks[-1] + match.end() - match.start())
    return starts, ends, ranks
