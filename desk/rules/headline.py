"""Title conventions that the lexicon cannot express: stacked marks and length.

Clickbait words (震惊, 速看) and banned expressions (网传) are lexicon entries; this
module only looks at the shape of a title, so it has nothing to say about a body.
"""

from __future__ import annotations

import re

from desk.lexicon.normalize import fold_in_place
from desk.review.findings import Field, Finding
from desk.rules._spans import Reporter

# Government site titles are shown whole in column lists, search results and on
# phones; past about 40 characters they get cut off with an ellipsis.
MAX_TITLE_LENGTH = 40

_REPORT = Reporter(kind="headline", category="标题规范")
_STACKED_MARKS = re.compile(r"[!?]{2,}")  # in the fold, so ！ and ？ count too
_SPACES = re.compile(r"\s+")
_WITHIN_LIMIT = re.compile(rf"(?:\s*\S){{{MAX_TITLE_LENGTH}}}\s*")  # the part that fits


def find(text: str, field: Field) -> list[Finding]:
    """Warn about !!!/？？ in a title and about a title over MAX_TITLE_LENGTH."""
    if field != "title":
        return []
    findings = [
        _REPORT.finding(
            text,
            field,
            *match.span(),
            rule="headline.punctuation",
            severity="warn",
            message="标题连用多个感叹号或问号，有夸张、标题党之嫌，规范标题最多用一个",
            suggestion="？" if "?" in match.group() else "！",  # a question stays one
        )
        for match in _STACKED_MARKS.finditer(fold_in_place(text))
    ]
    length = len(_SPACES.sub("", text))
    fits = _WITHIN_LIMIT.match(text)  # None only for titles shorter than the limit
    if fits is not None and length > MAX_TITLE_LENGTH:
        findings.append(
            _REPORT.finding(
                text,
                field,
                fits.end(),
                len(text.rstrip()),
                rule="headline.length",
                severity="warn",
                message=f"标题共 {length} 字（不计空格），超出 {MAX_TITLE_LENGTH} 字上限 "
                f"{length - MAX_TITLE_LENGTH} 字：过长的标题在栏目列表、搜索结果和手机上会被截断，"
                "请精简",
            )
        )
    return findings
