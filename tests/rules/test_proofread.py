"""Proofreading: doubled particles, unpaired marks, ASCII marks in Chinese; never a block."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.rules.proofread import find

DOUBLED = "proofread.doubled-char"
UNPAIRED = "proofread.unpaired-punctuation"
ASCII = "proofread.ascii-punctuation"


def hits(text: str, rule: str) -> list[tuple[int, str, str | None]]:
    """(start, text, suggestion) of the findings of one rule, checking the common fields."""
    findings = find(text, "body")
    for finding in findings:
        assert finding.text == text[finding.start : finding.end]
        assert (finding.kind, finding.category) == ("proofread", "校对")
        assert finding.severity == ("info" if finding.rule == ASCII else "warn")
    return [(f.start, f.text, f.suggestion) for f in findings if f.rule == rule]


# --- doubled characters ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("这是我们的的工作", "的的"),
        ("会议结束了了。", "了了"),
        ("认真地地开展工作", "地地"),
        ("做得得很好", "得得"),
        ("这是是一项重要工作", "是是"),
        ("在在全市范围内推广", "在在"),
        ("政府和和企业", "和和"),
        ("政府与与企业", "与与"),
        ("市级及及县级", "及及"),
        ("对对本单位的信息进行审查", "对对"),
        ("把把信息公开", "把把"),
        ("被被列入清单", "被被"),
        ("我們的的工作", "的的"),
        ("對對本單位", "對對"),
        ("我们的的的工作", "的的的"),
    ],
)
def test_doubled_function_characters_warn(text: str, doubled: str) -> None:
    assert hits(text, DOUBLED) == [(text.index(doubled), doubled, doubled[0])]


@pytest.mark.parametrize(
    "text",
    [
        "他的的确确做到了",
        "说的的确是事实",
        "达到目的的手段",
        "事情不了了之",
        "实在受不了了",
        "了了分明",
        "为了了解情况",
        "为了了结此事",
        "小时了了，大未必佳",
        "搬弄是是非非",
        "关键是是否公开",
        "给人民群众带来实实在在的获得感",
        "现在在座的各位",
        "旨在在全市推广",
        "在在皆是",
        "地地道道的本地人",
        "各地地方政府",
        "建设用地地块",
        "和和气气",
        "民主和和谐",
        "参与与监督",
        "与与会代表座谈",
        "以及及时发布",
        "涉及及时性",
        "对对方的意见",
        "针对对象",
        "对对碰",
        "坚决反对对外泄露",
        "把把关责任落实到人",
        "一把把钥匙",
        "被被告起诉",
        "对被被执行人",
        "懂得得体",
    ],
)
def test_doubling_that_makes_words_passes(text: str) -> None:
    assert hits(text, DOUBLED) == []


# --- paired marks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "partner"),
    [
        ("请阅读《条例", 3, "》"),
        ("请阅读条例》", 5, "《"),
        ("他说：“要公开", 3, "”"),
        ("他说：要公开”", 6, "“"),
        ("‘两微一端", 0, "’"),
        ("两微一端’", 4, "‘"),
        ("附件（略", 2, "）"),
        ("附件略）", 3, "（"),
        ("附件(略", 2, ")"),
        ("【公开制度", 0, "】"),
        ("国办发〔2016", 3, "〕"),
        ("「引文", 0, "」"),
        ("『书名", 0, "』"),
        ("《关于〈若干意见的通知》", 3, "〉"),
    ],
)
def test_unpaired_mark_warns_on_the_mark(text: str, offset: int, partner: str) -> None:
    [(start, mark, suggestion)] = hits(text, UNPAIRED)
    assert (start, mark, suggestion) == (offset, text[offset], None)  # nothing to replace it by
    [finding] = [f for f in find(text, "body") if f.rule == UNPAIRED]
    assert f"补上 {partner}" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "《国务院办公厅印发〈关于全面推进政务公开工作的意见〉实施细则的通知》",
        "按照“谁公开、谁审查”‘先审查、后公开’的原则",
        "【政务公开制度】「引文」『书名』〔2020〕",
        "附件（含电子办公系统）、部分(区分)公开",
        "附件（见第二部分)",
        'He said "hello 他说"你好',
        "I'm here 它's",
        "Xi’an 西安",
        "",
    ],
)
def test_paired_marks_pass(text: str) -> None:
    assert hits(text, UNPAIRED) == []


def test_marks_pair_within_a_paragraph_only() -> None:
    assert [(f.start, f.message) for f in find("《条例\n》", "body")] == [
        (0, "《 在本段内后面没有配对的 》；在适当位置补上 》，或删去多余的 《"),
        (4, "》 在本段内前面没有配对的 《；在适当位置补上 《，或删去多余的 》"),
    ]


def test_closing_before_opening_is_two_unpaired_marks() -> None:
    assert [start for start, _, _ in hits("》条例《", UNPAIRED)] == [0, 3]


@pytest.mark.parametrize(
    "text",
    [
        "“第一段。\n“第二段。\n“第三段。”",
        "“第一段。\n\n　　“第二段。”",
        "「第一段。\r\n「第二段。」",
    ],
)
def test_quotation_over_several_paragraphs_passes(text: str) -> None:
    assert hits(text, UNPAIRED) == []


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("“第一段。\n第二段。", 0),
        ("“第一段。\n\n第二段。”", 0),  # the closing ” is unpaired too
        ("“第一段。", 0),
        ("《第一段。\n《第二段。》", 0),  # only quotation marks run on
    ],
)
def test_quotation_left_open_without_continuation_warns(text: str, offset: int) -> None:
    assert hits(text, UNPAIRED)[0][:2] == (offset, text[offset])


def test_closing_quote_after_a_run_on_quotation_is_not_reported_twice() -> None:
    text = "“第一段。\n\n第二段。”"
    assert [start for start, _, _ in hits(text, UNPAIRED)] == [0, len(text) - 1]


# --- ASCII punctuation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "full"),
    [
        ("各部门,各单位", ",", "，"),
        ("公开;审查", ";", "；"),
        ("各单位:", ":", "："),
        ("各单位:\n现将", ":", "："),
        ("你了解吗?", "?", "？"),
        ("要公开!\r\n", "!", "！"),
        ("原则是:谁公开", ":", "："),
        ("部分(区分)公开", "(", "（"),
        ("政府(2020年", "(", "（"),
        ("(一)审核标准", "(", "（"),
        ("各乡(镇)", "(", "（"),
        ("𠀋,𠀋", ",", "，"),
    ],
)
def test_ascii_mark_in_chinese_is_info(text: str, mark: str, full: str) -> None:
    found = hits(text, ASCII)
    assert found[0] == (text.index(mark), mark, full)


def test_closing_parenthesis_between_chinese_characters() -> None:
    assert hits("(一)审核", ASCII) == [(0, "(", "（"), (2, ")", "）")]
    assert hits("各乡(镇)", ASCII) == [(2, "(", "（"), (4, ")", "）")]


@pytest.mark.parametrize(
    "text",
    [
        "会议于10:30开始",
        "增长3.5%",
        "详见http://www.gov.cn/zhengce/",
        "Hello, world! How are you? (fine); ok: yes",
        "(1)总体情况",
        "价格为1,234元",
        "2020-03-27 17:37",
        "各部门，各单位：",
        "中文 , 中文",
    ],
)
def test_ascii_marks_outside_chinese_pass(text: str) -> None:
    assert hits(text, ASCII) == []


@given(st.text(string.printable))
def test_pure_ascii_text_never_gets_an_ascii_mark_finding(text: str) -> None:
    assert hits(text, ASCII) == []


# --- all together ------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["😀", "𠀋", "😀𠀋", "👨‍👩‍👧"])
def test_offsets_are_code_points_into_the_original(prefix: str) -> None:
    text = f"{prefix}我们的的工作,见《条例"
    assert [(f.rule, f.start, f.end) for f in find(text, "title")] == [
        (DOUBLED, len(prefix) + 2, len(prefix) + 4),
        (ASCII, len(prefix) + 6, len(prefix) + 7),
        (UNPAIRED, len(prefix) + 8, len(prefix) + 9),
    ]


@given(st.text(st.sampled_from("的了是在和对《》“”（）(),;:?!中文\n 1a")))
def test_never_blocks_and_always_quotes_its_span(text: str) -> None:
    for finding in find(text, "body"):
        assert finding.severity in ("warn", "info")
        assert finding.text == text[finding.start : finding.end]


@pytest.mark.parametrize(
    "text", ["1）加强组织领导。", "一）加强", "12)落实", "  a) 第一项", "第一段\n2）第二项"]
)
def test_list_labels_are_not_unpaired_brackets(text):
    assert [f for f in find(text, "body") if f.rule == "proofread.unpaired-punctuation"] == []


@pytest.mark.parametrize("text", ["做好1）工作", "正文）", "）探索创新政府公报发布"])
def test_a_stray_closing_bracket_outside_a_list_label_is_still_reported(text):
    assert [f.rule for f in find(text, "body")].count("proofread.unpaired-punctuation") == 1
