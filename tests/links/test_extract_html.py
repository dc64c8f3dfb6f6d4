"""Links in raw HTML: every attribute that loads or navigates, entities decoded, never raising."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.links import extract_links_from_html, judge, parse_whitelist
from desk.links.extract import srcset_urls
from desk.links.verdict import Verdict


def found(html: str) -> list[tuple[str | None, str | None, str]]:
    return [(link.tag, link.attribute, link.url) for link in extract_links_from_html(html)]


EVERY_KIND = """<!DOCTYPE html>
<html><head>
<base href="https://www.gov.cn/">
<link rel="stylesheet" href="/css/site.css">
<meta http-equiv="refresh" content="5; url='https://redirect.example/'">
<script src="https://cdn.example/app.js"></script>
<style>@import "https://fonts.example/a.css"; body{background:url(bg.png)}</style>
</head>
<body background="body.jpg">
<a href="https://www.gov.cn/zhengce/">政策</a>
<map><area href="/area" alt=""></map>
<img src="img.png" srcset="small.png 480w, large.png 2x">
<picture><source srcset="pic.webp" src="pic-src.webp"></picture>
<iframe src="https://frame.example/"></iframe>
<video src="movie.mp4" poster="poster.jpg"><track src="subs.vtt"></video>
<audio src="sound.mp3"></audio>
<embed src="flash.swf">
<object data="object.swf"></object>
<form action="/submit"><input type="image" src="button.png"><button formaction="/other">Go</button>
<input type="submit" formaction="/third"></form>
<table background="table.gif"><tr><td background="cell.gif">x</td></tr></table>
<div style="background-image: URL( &quot;styled.png&quot; )">x</div>
</body></html>"""


def test_every_link_bearing_attribute_is_found():
    assert found(EVERY_KIND) == [
        ("base", "href", "https://www.gov.cn/"),
        ("link", "href", "/css/site.css"),
        ("meta", "content", "https://redirect.example/"),
        ("script", "src", "https://cdn.example/app.js"),
        ("style", None, "https://fonts.example/a.css"),
        ("style", None, "bg.png"),
        ("body", "background", "body.jpg"),
        ("a", "href", "https://www.gov.cn/zhengce/"),
        ("area", "href", "/area"),
        ("img", "src", "img.png"),
        ("img", "srcset", "small.png"),
        ("img", "srcset", "large.png"),
        ("source", "src", "pic-src.webp"),
        ("source", "srcset", "pic.webp"),
        ("iframe", "src", "https://frame.example/"),
        ("video", "src", "movie.mp4"),
        ("video", "poster", "poster.jpg"),
        ("track", "src", "subs.vtt"),
        ("audio", "src", "sound.mp3"),
        ("embed", "src", "flash.swf"),
        ("object", "data", "object.swf"),
        ("form", "action", "/submit"),
        ("input", "src", "button.png"),
        ("button", "formaction", "/other"),
        ("input", "formaction", "/third"),
        ("table", "background", "table.gif"),
        ("td", "background", "cell.gif"),
        ("div", "style", "styled.png"),
    ]


def test_spans_point_at_the_tag_or_the_css_url():
    html = '<p>前文</p>\n<a class="x" href="https://www.gov.cn/">政府</a>\n<style>a{b:url("c.png")}</style>'
    anchor, css_link = extract_links_from_html(html)
    assert html[anchor.start : anchor.end] == '<a class="x" href="https://www.gov.cn/">'
    assert html[css_link.start : css_link.end] == 'url("c.png")'


def test_anchor_visible_text_is_collected_and_collapsed():
    html = '<a href="/a">  中国<b>政府</b>\n  网 <script>var x="no";</script></a>'
    [link] = extract_links_from_html(html)
    assert link.text == "中国政府 网"


def test_anchor_without_href_is_not_a_link():
    assert found('<a name="top">top</a><a id="x">x</a>') == []


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png 100w,b.png 200w", ["a.png", "b.png"]),
        ("a.png,b.png", ["a.png,b.png"]),  # one URL: commas only end a candidate after it
        ("  a.png  1x ,  b.png  ", ["a.png", "b.png"]),
        ("data:image/png;base64,iV,w0 1x, b.png 2x", ["data:image/png;base64,iV,w0", "b.png"]),
        ("a.png (odd, descriptor) 1x, b.png", ["a.png", "b.png"]),
        (",,, a.png ,,,", ["a.png"]),
        ("", []),
    ],
)
def test_srcset_candidates(srcset, expected):
    assert srcset_urls(srcset) == expected


def test_css_urls_in_style_blocks_and_attributes():
    html = """<style>
    /* url(commented.png) */
    .a { background: url(plain.png) }
    .b { background: url( 'single.png' ) }
    .c { background: URL("double.png") }
    @import url(imported.css);
    @IMPORT 'bare-import.css';
    .d { background: url(esc\\61 ped.png) }
    </style><p style="background:url(inline.png);list-style:url('li.png')">x</p>"""
    assert [url for _, _, url in found(html)] == [
        "plain.png",
        "single.png",
        "double.png",
        "imported.css",
        "bare-import.css",
        "escaped.png",
        "inline.png",
        "li.png",
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="&#x6A;avascript:alert(1)">x</a>', "javascript:alert(1)"),
        ('<a href="&#106;&#97;vascript:alert(1)">x</a>', "javascript:alert(1)"),
        ('<a href="javascript&colon;alert(1)">x</a>', "javascript:alert(1)"),
        ('<a href="java&Tab;script:alert(1)">x</a>', "java\tscript:alert(1)"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "jav\tascript:alert(1)"),
        ('<a href="&#x20;javascript:alert(1)">x</a>', " javascript:alert(1)"),
        ('<a href="http&#58;//evil.com">x</a>', "http://evil.com"),
        ('<a href="https://www.gov.cn/?a=1&amp;b=2">x</a>', "https://www.gov.cn/?a=1&b=2"),
        ("<a href=https://www.gov.cn/unquoted>x</a>", "https://www.gov.cn/unquoted"),
        ("<A HREF='https://www.gov.cn/upper'>x</A>", "https://www.gov.cn/upper"),
    ],
)
def test_entities_are_decoded_as_a_browser_does(html, expected):
    [link] = extract_links_from_html(html)
    assert link.url == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt&colon;alert(1)">x</a>',
        '<a href="java&Tab;script:alert(1)">x</a>',
        '<a href="java&NewLine;script:alert(1)">x</a>',
        '<a href="&#0000106avascript:alert(1)">x</a>',
        '<a href="&#x01;javascript:alert(1)">x</a>',
        '<iframe src="data&colon;text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<a href="vb&#115;cript:msgbox(1)">x</a>',
    ],
)
def test_entity_encoded_scripts_are_judged_suspicious(whitelist, html):
    [link] = extract_links_from_html(html)
    assert judge(link.url, whitelist, text=link.text).verdict == Verdict.SUSPICIOUS


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/a">one<a href="/b">two', [("/a", "one"), ("/b", "two")]),
        ('<div><a href="/a">in div</div>after', [("/a", "in div")]),
        ('<a href="/a">unclosed at end', [("/a", "unclosed at end")]),
        ('<a href="/a"><p>para</a></p>', [("/a", "para")]),
        ('</div></span><a href="/a">stray ends</a></b>', [("/a", "stray ends")]),
    ],
)
def test_anchor_text_in_broken_markup(html, expected):
    assert [(link.url, link.text) for link in extract_links_from_html(html)] == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<div><p><a href="/a">x', ["/a"]),
        ('<a href="/a" <img src="b.png">', ["/a"]),
        ('<img src="a.png"<img src="b.png">', ["a.png"]),
        ('<a href=\'/a>broken quote</a><a href="/b">ok</a>', ["/b"]),
        ('<![CDATA[<a href="/hidden">]]><a href="/a">x</a>', ["/a"]),
        ('<![if !IE]><a href="/a">x</a><![endif]>', ["/a"]),
        ('<!-- <a href="/commented">x</a> --><a href="/a">x</a>', ["/a"]),
        ('<a href="/a"/>self-closing anchor', ["/a"]),
        ("<<a href=/a>>x</a>", ["/a"]),
        ('<img src="a.png"/><img src="b.png" />', ["a.png", "b.png"]),
        ('<a href="/a">x</a><![', ["/a"]),
        ('<a href="/a">x</a><!', ["/a"]),
        ('<script>document.write("<a href=/js>")</script><a href="/a">x</a>', ["/a"]),
    ],
)
def test_broken_html_never_raises(html, expected):
    assert [link.url for link in extract_links_from_html(html)] == expected


MARKUP = st.sampled_from(
    [
        "<a href=", "<a href='/x'>", "</a>", "<style>", "</style>", ".h{display:none}",
        "<div class=h>", "</div>", "<![", "<!--", "-->", "<!", "<?", "&#", "&#x", ";",
        "url(", ")", "<", ">", '"', "'", "=", " ", "<script>", "</script>", "style=",
        "srcset=", "<img ", "&amp;", "\n", "中", "</", "<marquee height=1>", "<![CDATA[",
    ]
)  # fmt: skip


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(MARKUP | st.text(max_size=5), max_size=30).map("".join))
def test_arbitrary_markup_never_raises(html):
    for link in extract_links_from_html(html):
        assert 0 <= link.start <= link.end <= len(html)


# 伪链: the text shows one address, the href goes to another.
@pytest.mark.parametrize(
    ("html", "fake"),
    [
        ('<a href="https://evil.com/">https://www.gov.cn/</a>', True),
        ('<a href="https://evil.com/">www.gov.cn</a>', True),
        ('<a href="https://www.gov.cn@evil.com/">www.gov.cn</a>', True),
        ('<a href="https://www.gov.cn/zhengce/">https://www.gov.cn</a>', False),
        ('<a href="https://www.gov.cn/">中国政府网</a>', False),
        ('<a href="/local">www.gov.cn</a>', False),
        ('<a href="https://evil.com/"></a>', False),
    ],
)
def test_anchor_text_lets_judge_spot_a_fake_link(html, fake):
    [link] = extract_links_from_html(html)
    verdict = judge(link.url, parse_whitelist("gov.cn"), text=link.text)
    assert ("text-href-mismatch" in verdict.reasons) is fake
