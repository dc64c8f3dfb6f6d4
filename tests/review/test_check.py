"""The check that gathers every finding: terms, rules and links, in one model."""

import pytest

from desk.documents.html_text import html_text
from desk.lexicon import Entry, Lexicon
from desk.links import load_default_whitelist, parse_whitelist
from desk.review.check import Checker

LEXICON = Lexicon.from_entries(
    [
        Entry("百家乐", "涉赌", "warn"),
        Entry("百家乐官网", "涉赌", "block"),
        Entry("网传", "标题规范", "warn", scope="title", suggestion="据报道"),
    ]
)
WHITELIST = parse_whitelist("gov.cn\n=mp.weixin.qq.com\n")


@pytest.fixture(scope="module")
def checker():
    return Checker(LEXICON, WHITELIST)


def check_html(checker, html):
    layout = html_text(html)
    return checker.check(layout.text, html=html, layout=layout), layout.text


def test_nested_hit_inside_a_longer_as_severe_one_is_one_finding(checker):
    result = checker.check("欢迎访问百家乐官网")
    assert [(f.term, f.start, f.end) for f in result.findings if f.kind == "term"] == [
        ("百家乐官网", 4, 9)
    ]


def test_nested_hit_more_severe_than_the_outer_one_is_kept():
    lexicon = Lexicon.from_entries(
        [Entry("百家乐", severity="block"), Entry("百家乐官网", severity="info")]
    )
    result = Checker(lexicon, WHITELIST).check("百家乐官网")
    assert sorted(f.severity for f in result.findings) == ["block", "info"]


def test_title_is_checked_with_title_rules_and_comes_first(checker):
    result = checker.check("正文", title="网传某地")
    assert [(f.field, f.rule, f.suggestion) for f in result.findings] == [
        ("title", "headline.term", "据报道")
    ]


def test_result_names_lexicon_and_whitelist(checker):
    result = checker.check("正文")
    assert result.lexicon_hash == LEXICON.content_hash
    assert result.whitelist_hash == WHITELIST.content_hash
    assert not result.blocking


@pytest.mark.parametrize(
    ("text", "verdict", "rule", "severity"),
    [
        ("详见https://www.gov.cn/zhengce/获取更多", "trusted", None, None),
        ("详见 http://example.com/a 。", "untrusted", "link.untrusted", "warn"),
        ("详见 https://www.gov.cn@evil.com/ 。", "suspicious", "link.suspicious", "block"),
        ("短链 https://t.cn/abc 。", "suspicious", "link.suspicious", "block"),
    ],
)
def test_plain_text_links(checker, text, verdict, rule, severity):
    result = checker.check(text)
    (link,) = result.links
    assert link.verdict == verdict and not link.hidden
    assert text[link.start : link.end] == link.url
    assert [(f.rule, f.severity) for f in result.findings if f.kind == "link"] == (
        [(rule, severity)] if rule else []
    )


def test_html_links_are_placed_on_their_visible_text(checker):
    html = '<p>一段话</p><p>请看<a href="http://example.com/x">这份<b>材料</b></a>。</p>'
    result, text = check_html(checker, html)
    (link,) = result.links
    assert text[link.start : link.end] == "这份材料"
    (finding,) = [f for f in result.findings if f.kind == "link"]
    assert (finding.rule, finding.text) == ("link.untrusted", "这份材料")


def test_hidden_link_blocks_even_when_trusted(checker):
    html = '<p>正文</p><div style="display:none"><a href="https://www.gov.cn/">政府</a></div>'
    result, _ = check_html(checker, html)
    (link,) = result.links
    assert link.hidden and link.verdict == "trusted"
    assert "hidden" in link.reasons and "ancestor:display-none" in link.reasons
    (finding,) = [f for f in result.findings if f.kind == "link"]
    assert finding.rule == "link.hidden" and finding.severity == "block"
    assert result.blocking


def test_fake_link_text_blocks(checker):
    html = '<p><a href="http://evil.example/">https://www.gov.cn/</a></p>'
    result, _ = check_html(checker, html)
    (link,) = result.links
    assert link.verdict == "suspicious" and "text-href-mismatch" in link.reasons
    assert result.blocking


def test_bare_url_in_html_text_is_checked_but_anchor_text_is_not_counted_twice(checker):
    html = '<p><a href="https://www.gov.cn/a">https://www.gov.cn/a</a> 和 http://example.com/b</p>'
    result, text = check_html(checker, html)
    assert [(link.url, link.verdict) for link in result.links] == [
        ("https://www.gov.cn/a", "trusted"),
        ("http://example.com/b", "untrusted"),
    ]
    assert text[result.links[1].start : result.links[1].end] == "http://example.com/b"


def test_images_and_css_urls_are_links_too(checker):
    html = '<p style="background:url(http://evil.example/bg.png)">文</p><img src="https://t.cn/x" alt="图">'
    result, _ = check_html(checker, html)
    assert [(link.url, link.verdict) for link in result.links] == [
        ("http://evil.example/bg.png", "untrusted"),
        ("https://t.cn/x", "suspicious"),
    ]


def test_default_whitelist_trusts_gov_cn_and_central_news_sites():
    checker = Checker(LEXICON)
    assert checker.whitelist.content_hash == load_default_whitelist().content_hash
    result = checker.check("http://www.hangzhou.gov.cn/ http://www.news.cn/ http://example.com/")
    assert [link.verdict for link in result.links] == ["trusted", "trusted", "untrusted"]


def test_advice_in_a_note_is_shown_in_the_message_and_the_note_travels():
    lexicon = Lexicon.from_entries(
        [
            Entry("震惊", "标题规范", scope="title", note="处理：删去。来源：附件1 第五条(六)"),
            Entry("质检总局", "过时表述", suggestion="市场监管总局", note="2018年机构改革"),
        ]
    )
    result = Checker(lexicon, WHITELIST).check("国家质检总局", title="震惊")
    shock, outdated = result.findings
    assert shock.message == "「震惊」属于标题规范词条；删去" and shock.suggestion is None
    assert shock.note == "处理：删去。来源：附件1 第五条(六)"
    assert outdated.message == "「质检总局」属于过时表述词条，建议改为「市场监管总局」"
    assert outdated.to_json()["note"] == "2018年机构改革"


def test_a_field_given_as_html_alone_has_its_links_judged(checker):
    html = '<p>见<a href="http://evil.example/">https://www.gov.cn/</a>。</p>'
    text = html_text(html).text
    findings, links = checker.check_field(text, "body", html=html)  # no layout passed
    assert [link.verdict for link in links] == ["suspicious"]
    assert any(f.severity == "block" for f in findings)


def test_an_embedded_picture_is_no_link_but_other_data_uris_block(checker):
    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    html = f'<p>图<img src="{png}"><img src="data:image/png;base64,PHNjcmlwdD4="></p>'
    findings, links = checker.check_field(html_text(html).text, "body", html=html)
    assert [(link.verdict, link.reasons) for link in links] == [
        ("trusted", ("embedded",)),
        ("suspicious", ("scheme",)),  # says png, holds no picture
    ]
    assert [f.rule for f in findings] == ["link.suspicious"]


# --- everything the page shows or announces ---------------------------------------------


def test_an_alt_text_is_checked_where_its_image_stands(checker):
    result, text = check_html(
        checker, '<p>见下图<img src="a.png" alt="百家乐 官网开户 13800138000">。</p>'
    )
    assert text == "见下图。"
    found = {(f.rule, f.start, f.end, f.text, f.origin, f.origin_text) for f in result.findings}
    assert found == {
        ("lexicon.term", 3, 3, "", "alt", "百家乐 官网"),
        ("pii.mobile", 3, 3, "", "alt", "13800138000"),
    }
    term = next(f for f in result.findings if f.kind == "term")
    assert term.severity == "block" and term.found_text == "百家乐 官网"
    assert term.message.startswith("图片替代文字「百家乐 官网开户 13800138000」：「百家乐官网」")
    assert term.to_json()["origin"] == "alt" and term.to_json()["origin_text"] == "百家乐 官网"


def test_alt_texts_given_beside_plain_text_are_checked_on_their_span(checker):
    from desk.review.findings import AnnouncedText

    findings, links = checker.check_field(
        "看\ufffc图",
        "body",
        announced=[AnnouncedText("alt", "百家乐官网 www.bet-casino.com", 1, 2)],
    )
    assert {(f.rule, f.start, f.end, f.text, f.origin) for f in findings} == {
        ("lexicon.term", 1, 2, "\ufffc", "alt"),
        ("link.untrusted", 1, 2, "\ufffc", "alt"),
    }
    assert [(link.url, link.start, link.end) for link in links] == [("www.bet-casino.com", 1, 2)]


def test_a_term_the_page_shows_whole_around_hidden_text_is_found(checker):
    html = '<p>欢迎百家<span style="display:none">的</span>乐<b hidden>x</b>官网</p>'
    result, text = check_html(checker, html)
    assert text == "欢迎百家的乐x官网"
    (term,) = [f for f in result.findings if f.kind == "term"]
    assert (term.start, term.end, term.text, term.severity) == (2, 9, "百家的乐x官网", "block")
    assert term.explanation[-1] == "隐藏内容两侧连读"


def test_hidden_text_that_splits_nothing_adds_nothing(checker):
    plain, _ = check_html(checker, "<p>百家乐官网，网传</p>")
    hidden, _ = check_html(checker, "<p>百家乐官网<span hidden>，</span>网传</p>")
    assert [(f.rule, f.term) for f in hidden.findings] == [(f.rule, f.term) for f in plain.findings]


# --- long texts: read in pieces, findings bounded ------------------------------------------

PACKED = (
    "百家乐 13812345678 身份证110101199003074514 绝密 见 http://evil.example/x （未闭合\n“引号\n"
)


def test_a_text_read_in_pieces_finds_exactly_what_it_finds_whole(monkeypatch, checker, seed_texts):
    import desk.review.check as check

    corpus = "".join(seed_texts.values())
    # whole lines, then one line far longer than a piece, cut anywhere
    text = corpus + PACKED * 200 + corpus.replace("\n", "") + "百家乐官网"
    whole = checker.check_field(text, "body")
    for piece in (400, 1500, 9000):
        monkeypatch.setattr(check, "CHUNK_CHARS", piece)
        monkeypatch.setattr(check, "_OVERLAP", 150)
        assert checker.check_field(text, "body") == whole, piece


def test_a_limit_keeps_the_most_severe_first_and_counts_the_rest(checker):
    text = "网传消息\n" + "百家乐\n" * 50 + "身份证110101199003074514\n"
    result = checker.check(text, limit=10)
    assert len(result.findings) == 10  # in reading order: nine warnings, then the ID number
    assert [f.severity for f in result.findings] == ["warn"] * 9 + ["block"]
    assert result.omitted == {"warn": 41} and result.blocking
    assert result.count("warn") == 50 and result.count("block") == 1
    unlimited = checker.check(text)
    assert len(unlimited.findings) == 51 and unlimited.omitted == {}


def test_a_block_left_out_still_blocks(checker):
    result = checker.check("身份证110101199003074514\n" * 5, limit=2)
    assert len(result.findings) == 2 and result.omitted == {"block": 3} and result.blocking


def test_links_are_bounded_too(checker):
    text = "".join(f"见 http://site{n}.example/ 。\n" for n in range(30))
    result = checker.check(text, limit=5)
    assert [link.url for link in result.links] == [f"http://site{n}.example/" for n in range(5)]
    assert result.links_omitted == 25
