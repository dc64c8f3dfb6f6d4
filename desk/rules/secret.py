"""Confidentiality markings: a page carrying one must not be published.

Only the markings are caught, not the vocabulary: 保守国家秘密、商业秘密、涉及商业机密
appear in ordinary public documents, so 秘密 and 机密 count only as a 密级 mark
(followed by ★, or alone on a line as a document header).  绝密 is rare enough
outside a marking to be caught anywhere, except where the 保密法 lists the levels.
Matching runs on the fold, so 機密 and 內部資料 are caught as well.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from desk.lexicon.normalize import fold_in_place
from desk.review.findings import Field, Finding
from desk.rules._spans import Reporter

_REPORT = Reporter(kind="secret", category="涉密")

_SPACE = r"[ \t\u3000\xa0]"
_OPEN = r"[(\[【]"  # （ and ［ fold to ( and [
_CLOSE = r"[)\]】]"
_LEVEL = "(?:绝密|机密|秘密)"
_TERM = "(?:[0-9一二三四五六七八九十]+(?:年|个月)|长期|启用前)"  # 保密期限
_NOT_PUBLIC = "(?:此件不予公开|此件不公开|不予公开)"


def _alone_on_line(mark: str) -> re.Pattern[str]:
    """mark as the only thing on its line, possibly in brackets."""
    return re.compile(
        rf"^{_SPACE}*{_OPEN}?{_SPACE}*(?P<mark>{mark}){_SPACE}*{_CLOSE}?{_SPACE}*$", re.MULTILINE
    )


# (pattern, rule, message); earlier patterns win where spans overlap.
_MARKINGS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(rf"(?P<mark>{_LEVEL}{_SPACE}*[★☆](?:{_SPACE}*{_TERM})?)"),
        "secret.classification",
        "密级标志“{mark}”：标有密级的文件属于国家秘密，不得公开发布",
    ),
    (
        _alone_on_line(
            rf"(?:密级{_SPACE}*:?{_SPACE}*)?{_LEVEL}"
            rf"(?:{_SPACE}*[★☆·・•])?(?:{_SPACE}*{_TERM})?"
        ),
        "secret.classification",
        "单独成行的密级标志“{mark}”，疑似涉密文件版头，不得公开发布",
    ),
    (
        re.compile("(?P<mark>绝(?<!、.)密)(?![级、])"),  # literal first: fast scan
        "secret.classification",
        "出现“{mark}”字样：除法规中列举密级外，通常意味着绝密级国家秘密，不得公开发布",
    ),
    (
        re.compile(r"(?P<mark>内部(?:资料|文件)\W{0,8}(?:注意保存|妥善保管))"),
        "secret.internal-marking",
        "内部资料标志“{mark}”：内部资料不得公开发布",
    ),
    (
        re.compile(rf"{_OPEN}{_SPACE}*(?P<mark>{_NOT_PUBLIC}){_SPACE}*{_CLOSE}"),
        "secret.internal-marking",
        "公开属性标注“{mark}”：标明不予公开的文件不得发布",
    ),
    (
        _alone_on_line(_NOT_PUBLIC),
        "secret.internal-marking",
        "公开属性标注“{mark}”：标明不予公开的文件不得发布",
    ),
)


def find(text: str, field: Field) -> list[Finding]:
    """Every confidentiality marking blocks."""
    folded = fold_in_place(text)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []  # disjoint spans already reported, sorted
    for pattern, rule, message in _MARKINGS:
        for match in pattern.finditer(folded):
            start, end = match.span("mark")
            before = bisect_left(taken, (end,))  # spans starting before this one ends
            if before and taken[before - 1][1] > start:
                continue
            insort(taken, (start, end))
            findings.append(
                _REPORT.finding(
                    text,
                    field,
                    start,
                    end,
                    rule=rule,
                    severity="block",
                    message=message.format(mark=text[start:end]),
                )
            )
    findings.sort(key=lambda finding: finding.start)
    return findings
