"""Bare URLs in plain text: where they start and, above all, where they end."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.links import ExtractedLink, extract_links_from_text


def urls(text: str) -> list[str]:
    return [link.url for link in extract_links_from_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("详见http://www.gov.cn/zhengce/获取更多", ["http://www.gov.cn/zhengce/"]),
        ("请访问https://www.gov.cn。", ["https://www.gov.cn"]),
        ("链接：https://www.gov.cn/a，请查阅", ["https://www.gov.cn/a"]),
        ("见（https://www.gov.cn/a）", ["https://www.gov.cn/a"]),
        (
            "见【https://www.gov.cn/a】和《http://b.gov.cn》",
            ["https://www.gov.cn/a", "http://b.gov.cn"],
        ),
        ("“https://www.gov.cn/x”", ["https://www.gov.cn/x"]),
        ("网址https://www.gov.cn/a；电话", ["https://www.gov.cn/a"]),
        (
            "网址https://www.gov.cn/a、https://b.gov.cn/",
            ["https://www.gov.cn/a", "https://b.gov.cn/"],
        ),
        ("https://www.gov.cn/a！", ["https://www.gov.cn/a"]),
        ("https://www.gov.cn/a？", ["https://www.gov.cn/a"]),
        ("https://www.gov.cn/a…", ["https://www.gov.cn/a"]),
        ("https://www.gov.cn/a\u3000下一句", ["https://www.gov.cn/a"]),
        ("https://www.gov.cn/a\u200b隐藏", ["https://www.gov.cn/a"]),
        ("https://www.gov.cn/a\u00a0b", ["https://www.gov.cn/a"]),
        ("See https://example.com/a.", ["https://example.com/a"]),
        ("See https://example.com/a?!", ["https://example.com/a"]),
        ("(see https://example.com/a)", ["https://example.com/a"]),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("https://example.com/a_(b)_c.", ["https://example.com/a_(b)_c"]),
        ("'https://example.com/q?a=1&b=2'", ["https://example.com/q?a=1&b=2"]),
        ("<https://example.com/a>", ["https://example.com/a"]),
        ("https://example.com/a:", ["https://example.com/a"]),
        ("HTTP://WWW.GOV.CN/A", ["HTTP://WWW.GOV.CN/A"]),
        ("访问www.gov.cn了解", ["www.gov.cn"]),
        ("访问 www.hangzhou.gov.cn/zwgk/ 。", ["www.hangzhou.gov.cn/zwgk/"]),
        ("参见hangzhou.gov.cn/zwgk的内容", ["hangzhou.gov.cn/zwgk"]),
        ("登录example.com:8080/login即可", ["example.com:8080/login"]),
        ("one http://a.com two https://b.cn", ["http://a.com", "https://b.cn"]),
        ("http://www.gоv.cn/", ["http://www.gоv.cn/"]),
    ],
)
def test_finds_urls_and_ends_them_correctly(text, expected):
    assert urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "邮箱：xinxi@hangzhou.gov.cn",
        "版本1.2.3发布",
        "请阅读readme.md和setup.py",
        "附件：通知.docx、名单.zip",
        "路径/var/www.gov.cn/a",
        "www.example 不是域名",
        "http:// 空",
        "http://",
        "e.g. 例如",
        "xhttp://evil.com",
    ],
)
def test_does_not_invent_links(text):
    assert urls(text) == []


def test_spans_are_code_point_offsets():
    text = "详见http://www.gov.cn/zhengce/获取更多"
    [link] = extract_links_from_text(text)
    assert link == ExtractedLink("http://www.gov.cn/zhengce/", 2, 28)
    assert (link.tag, link.attribute, link.text, link.hidden) == (None, None, None, False)


def test_span_of_second_url_counts_astral_characters_as_one():
    text = "𠀀 https://a.cn 𠀁 www.b.cn"
    links = extract_links_from_text(text)
    assert [(link.start, link.end) for link in links] == [(2, 14), (17, 25)]


TEXT_PIECES = st.sampled_from(
    [
        "http://", "https://", "HTTP://", "www.", "gov.cn", ".cn", ".com", "/", "?", "#",
        "(", ")", "[", "]", ".", ",", ":", ";", "!", "'", '"', "@", "-", "_", "%2e",
        "详见", "获取", "，", "。", "）", "】", "“", "”", " ", "\n", "\u3000", "\u200b",
        "a", "Z", "0", "9", "𠀀", "é", "о",
    ]
)  # fmt: skip


@settings(max_examples=500, database=None, deadline=None)
@given(st.lists(TEXT_PIECES | st.text(max_size=4), max_size=25).map("".join))
def test_spans_slice_back_to_the_url(text):
    links = extract_links_from_text(text)
    previous_end = 0
    for link in links:
        assert text[link.start : link.end] == link.url
        assert link.start >= previous_end
        assert link.url
        assert not any(char.isspace() for char in link.url)
        assert link.url[-1] not in ".,:;!?'\"*_~"
        previous_end = link.end
