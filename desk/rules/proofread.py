"""Proofreading slips a desk editor marks: doubled particles, unpaired marks, ASCII marks.

All of it is advice (warn/info): none of it makes a page unpublishable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desk.lexicon.normalize import LINE_BREAKS, fold_in_place
from desk.review.findings import Field, Finding
from desk.rules._spans import Reporter

_REPORT = Reporter(kind="proofread", category="校对")

# Doubled function characters, read in the fold so 對對 counts like 对对.
_DOUBLED = re.compile("([的了地得是在和与及对把被])\\1+")
# A doubling is right where the two characters belong to two words (说的 + 的确,
# 为了 + 了解, 现在 + 在) or make one (的的确确, 不了了之).  Matched at the pair's start.
_REAL_DOUBLINGS = re.compile(
    "|".join(
        (
            "(?<=目)的的",  # 目的的
            "的的(?=确)",  # 的的确确, 说的的确
            "(?<=[不明])了了",  # 不了了之, 受不了了, 明了了
            "(?<=小时)了了",  # 小时了了
            "了了(?=分明|解|结|却|然)",  # 了了分明, 为了了解, 为了了结
            # 地地道道, 各地地方, 用地地块
            "地地(?=[道方区块址下面价籍震质图铁理域段带形貌球上表产名点税市县])",
            "得得(?=[体分失])",  # 懂得得体, 获得得分
            "是是(?=[非否])",  # 是是非非, 关键是是否
            "在在(?=皆是)",  # 在在皆是
            "(?<=[现实存所自内外潜好旨意志])在在",  # 实实在在, 现在在, 旨在在
            "和和(?=[谐平睦解气美蔼顺])",  # 和和气气, 民主和和谐
            "(?<=[总温缓柔调附随共讲饱中暖谦])和和",  # 缓和和
            "(?<=[参给赋授])与与",  # 参与与监督
            "与与(?=会)",  # 与与会代表
            "及及(?=[时早格其])",  # 以及及时
            "(?<=[涉普危波顾论触提惠遍殃])及及",  # 涉及及
            "对对(?=[方手象策话子碰联称照接应口岸面])",  # 对对方, 对对碰
            "(?<=[针面应核相绝反比校查配成派])对对",  # 针对对象, 反对对
            "把把(?=[关握脉手柄])",  # 把把关
            "(?<=一)把把",  # 一把把钥匙
            "被被(?=[告害执保征申监调检访动子审评考扶救举])",  # 被被告, 被被执行人
        )
    )
)

# Paired marks, checked per paragraph (line).  ASCII " and ' can't tell opening from
# closing, so they are left out; ( and ) pair with （ and ）: a width slip is not a
# missing mark (the ASCII check below reports the width).
_PAIRS = ("《》", "〈〉", "“”", "‘’", "（）", "()", "【】", "〔〕", "「」", "『』")
_PARTNER = {opening: closing for opening, closing in _PAIRS} | {
    closing: opening for opening, closing in _PAIRS
}
# Each mark's family, named by the full-width opening mark.
_OPENS = {opening: "（" if opening == "(" else opening for opening, _ in _PAIRS}
_CLOSES = {closing: _OPENS[opening] for opening, closing in _PAIRS}
# A quotation running over several paragraphs leaves each one open and opens the next
# with the same mark again (GB/T 15834); only the last paragraph closes it.
_RUNS_ON = frozenset("“‘「『")
_MARK_OR_BREAK = re.compile("[" + re.escape("".join(_OPENS) + "".join(_CLOSES) + LINE_BREAKS) + "]")
_NEXT_PARAGRAPH_START = re.compile(r"\s*(\S)")
# "1）", "一)", "a)" opening a paragraph label a list item: the bracket closes nothing.
_LIST_LABEL = re.compile(r"(?m)^[ \t\u3000]*(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z])[)）]")

# ASCII marks in Chinese text: the mark follows a Han character and is followed by one
# or ends the line ("(" needs a Han character on either side), so 10:30, 3.5, http://
# and "Hello, world" stay as they are.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_ASCII_MARK = re.compile(
    rf"[,;:?!)](?<=[{_HAN}].)(?=[{_HAN}{re.escape(LINE_BREAKS)}]|\Z)"
    rf"|\((?:(?<=[{_HAN}].)|(?=[{_HAN}]))"
)
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_MESSAGE = {
    mark: f"中文里用了半角标点“{mark}”，应使用全角“{full}”" for mark, full in _FULL_WIDTH.items()
}


def find(text: str, field: Field) -> list[Finding]:
    """Doubled characters and unpaired marks warn; ASCII marks in Chinese are info."""
    findings = [*_doubled(text, field), *_unpaired(text, field), *_ascii_marks(text, field)]
    findings.sort(key=lambda finding: finding.start)
    return findings


def _doubled(text: str, field: Field) -> Iterator[Finding]:
    folded = fold_in_place(text)
    for match in _DOUBLED.finditer(folded):
        start, end = match.span()
        if end - start == 2 and _REAL_DOUBLINGS.match(folded, start):
            continue
        yield _REPORT.finding(
            text,
            field,
            start,
            end,
            rule="proofread.doubled-char",
            severity="warn",
            message=f"“{text[start:end]}”疑为重复输入",
            suggestion=text[start],
        )


def _unpaired(text: str, field: Field) -> Iterator[Finding]:
    left_open: dict[str, list[int]] = {}  # family → offsets of marks still open
    list_labels = {match.end() - 1 for match in _LIST_LABEL.finditer(text)}
    for match in _MARK_OR_BREAK.finditer(text):
        mark, offset = match.group(), match.start()
        if offset in list_labels:
            continue
        if mark in _OPENS:
            left_open.setdefault(_OPENS[mark], []).append(offset)
        elif mark in _CLOSES:
            if mark == "’" and _is_apostrophe(text, offset):
                continue
            still_open = left_open.get(_CLOSES[mark])
            if still_open:
                still_open.pop()
            else:
                yield _unpaired_finding(text, field, offset)
        else:
            yield from _close_paragraph(text, field, left_open, offset)
    yield from _close_paragraph(text, field, left_open, len(text))


def _close_paragraph(
    text: str, field: Field, left_open: dict[str, list[int]], paragraph_end: int
) -> Iterator[Finding]:
    """Report the marks left open at the end of a paragraph, then forget them."""
    if not any(left_open.values()):
        return
    next_start = _NEXT_PARAGRAPH_START.match(text, paragraph_end)
    runs_on = next_start.group(1) if next_start and next_start.group(1) in _RUNS_ON else None
    for offsets in left_open.values():
        for offset in offsets:
            if text[offset] != runs_on:
                yield _unpaired_finding(text, field, offset)
    left_open.clear()


def _unpaired_finding(text: str, field: Field, offset: int) -> Finding:
    mark = text[offset]
    partner = _PARTNER[mark]
    where = "后面" if mark in _OPENS else "前面"
    return _REPORT.finding(
        text,
        field,
        offset,
        offset + 1,
        rule="proofread.unpaired-punctuation",
        severity="warn",
        # Where the partner belongs is the writer's call: advice, so no suggestion.
        message=f"{mark} 在本段内{where}没有配对的 {partner}；"
        f"在适当位置补上 {partner}，或删去多余的 {mark}",
    )


def _is_apostrophe(text: str, offset: int) -> bool:
    """’ between two Latin letters (Xi’an, don’t) is an apostrophe, not a closing quote."""
    before, after = text[offset - 1 : offset], text[offset + 1 : offset + 2]
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


def _ascii_marks(text: str, field: Field) -> Iterator[Finding]:
    for match in _ASCII_MARK.finditer(text):
        start = match.start()
        mark = text[start]
        yield _REPORT.finding(
            text,
            field,
            start,
            start + 1,
            rule="proofread.ascii-punctuation",
            severity="info",
            message=_ASCII_MESSAGE[mark],
            suggestion=_FULL_WIDTH[mark],
        )
