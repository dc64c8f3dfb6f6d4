"""Title shape: stacked ！/？ and titles over MAX_TITLE_LENGTH characters warn."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.rules.headline import MAX_TITLE_LENGTH, find


@pytest.mark.parametrize(
    ("title", "marks", "suggestion"),
    [
        ("重磅消息!!!", "!!!", "！"),
        ("重磅消息！！", "！！", "！"),
        ("这是真的吗？？", "？？", "？"),
        ("这是真的吗??", "??", "？"),
        ("竟然是这样?!", "?!", "？"),
        ("竟然是这样！？", "！？", "？"),
        ("竟然是这样！?！", "！?！", "？"),
    ],
)
def test_stacked_marks_warn_with_one_full_width_mark(
    title: str, marks: str, suggestion: str
) -> None:
    [finding] = find(title, "title")
    assert (finding.rule, finding.kind, finding.category) == (
        "headline.punctuation",
        "headline",
        "标题规范",
    )
    assert finding.severity == "warn"
    assert (finding.start, finding.text) == (title.index(marks), marks)
    assert finding.suggestion == suggestion


def test_every_run_is_reported() -> None:
    title = "速看!!这是真的吗？？"
    assert [(f.start, f.text) for f in find(title, "title")] == [(2, "!!"), (9, "？？")]


@pytest.mark.parametrize(
    "title",
    [
        "市政府召开常务会议！",
        "你了解政务公开吗？",
        "“十四五”规划解读：为什么？怎么做！",
        "2020年工作要点",
    ],
)
def test_single_marks_pass(title: str) -> None:
    assert find(title, "title") == []


def test_body_is_not_a_title() -> None:
    assert find("重磅消息!!!" + "很长" * 100, "body") == []


def test_title_at_the_limit_passes() -> None:
    assert find("政" * MAX_TITLE_LENGTH, "title") == []


def test_spaces_do_not_count_towards_the_limit() -> None:
    assert find("政 务　公\t开 " * (MAX_TITLE_LENGTH // 4), "title") == []


def test_title_over_the_limit_warns_on_the_overflow() -> None:
    title = "关于印发《2020年上海市政务公开工作要点》的通知" * 2  # 27 characters twice
    [finding] = find(title, "title")
    assert (finding.rule, finding.severity) == ("headline.length", "warn")
    assert finding.start == MAX_TITLE_LENGTH
    assert finding.text == title[MAX_TITLE_LENGTH:]
    assert f"{len(title)} 字" in finding.message
    assert str(MAX_TITLE_LENGTH) in finding.message


def test_overflow_skips_spaces_and_ignores_trailing_ones() -> None:
    title = "  " + "政 " * 42 + "  "
    [finding] = find(title, "title")
    assert finding.text == "政 政"
    assert "42 字" in finding.message


def test_offsets_are_code_points_with_astral_characters() -> None:
    title = "😀𠀋" + "政" * 40 + "!!"
    assert [(f.rule, f.start, f.end) for f in find(title, "title")] == [
        ("headline.punctuation", 42, 44),
        ("headline.length", 40, 44),
    ]


@given(st.text(st.sampled_from("政务 公开\u3000a1")))
def test_length_warning_iff_more_than_the_limit_without_spaces(title: str) -> None:
    counted = len("".join(title.split()))
    findings = [f for f in find(title, "title") if f.rule == "headline.length"]
    assert len(findings) == (counted > MAX_TITLE_LENGTH)
    for finding in findings:
        assert len("".join(finding.text.split())) == counted - MAX_TITLE_LENGTH
