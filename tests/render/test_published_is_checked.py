"""Everything the published page shows or announces was checked (issue 11 §3).

The rendered body is read back by a reader of its own (stdlib tokens on nh3's canonical
output, not Desk's parser): every line of text, every alt text and every placeholder. Each
line must stand, whole, in a line of the text the check reads (``html_text``: the visible
text, or the text as the page shows it), so no term can be put together on the page from
pieces the check saw apart; each alt must be one the check read as 替代文字. Markup comes
from hostile families (alt/title/aria, placeholders, captions, noscript, nested tables,
entities, hidden text, blocks inside paragraphs, foreign content, broken markup) and from
a hypothesis strategy that builds random markup from such pieces.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.documents.html_text import html_text
from desk.lexicon import Entry, Lexicon
from desk.links import parse_whitelist
from desk.render import page_body, render_html
from desk.review.check import Checker
from tests.render.inert import assert_body_inert, png_bytes

LINE_ENDS = {"p", "br", "hr", "li", "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "td",
             "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}  # fmt: skip
PLACEHOLDER = re.compile(r"^\[(已移除外部图片|已移除图片)(?:：(.*))?\]$", re.DOTALL)


class _PublishedReader(HTMLParser):
    """Lines of text, alt texts and placeholders of a rendered body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.alts: list[str] = []
        self.placeholders: list[str] = []
        self.attributes: set[str] = set()
        self._in_placeholder = False
        self._pre = 0  # open <pre>: its line breaks show

    def handle_starttag(self, tag, attrs):
        self.attributes |= {name for name, _ in attrs}
        values = dict(attrs)
        self._pre += tag == "pre"
        if tag in LINE_ENDS:
            self.lines.append("")
        elif tag == "img":
            self.alts.append(values.get("alt") or "")
            self.lines.append("")  # a picture stands between the texts on either side
        elif tag == "span":
            assert values == {"class": "desk-removed-image"}
            self._in_placeholder = True
            self.placeholders.append("")

    def handle_endtag(self, tag):
        self._pre -= tag == "pre"
        if tag in LINE_ENDS:
            self.lines.append("")
        elif tag == "span":
            self._in_placeholder = False
            self.lines.append("")

    def handle_data(self, data):
        if self._in_placeholder:
            self.placeholders[-1] += data
        else:
            first, *others = data.split("\n") if self._pre else [data]
            self.lines[-1] += first
            self.lines += others


def _normal(text: str) -> str:
    return " ".join(text.split())


def published(body: str) -> _PublishedReader:
    reader = _PublishedReader()
    reader.feed(body)
    reader.close()
    return reader


def assert_published_was_checked(markup: str, title: str = "") -> None:
    result = render_html(
        markup, whitelist=_WHITELIST, title=title, read_local=lambda src: png_bytes()
    )
    assert_body_inert(result.body)
    layout = html_text(markup)
    checked_lines = [_normal(line) for line in layout.text.split("\n")]
    checked_lines += [_normal(line) for line in layout.shown().text.split("\n")]
    checked_alts = {image.alt for image in layout.images}
    page = published(result.body)
    for line in filter(None, map(_normal, page.lines)):
        assert any(line in checked for checked in checked_lines), (line, layout.text, markup)
    for alt in page.alts:
        assert alt == "" or alt in checked_alts, (alt, checked_alts, markup)
    for placeholder in page.placeholders:
        match = PLACEHOLDER.match(placeholder)
        assert match, placeholder
        assert match.group(2) is None or match.group(2) in checked_alts, (placeholder, markup)
    assert page.attributes <= {"href", "src", "alt", "width", "height", "colspan", "rowspan",
                               "class"}  # fmt: skip
    heading = re.search(r'<h1 class="desk-title">(.*?)</h1>', result.html, re.DOTALL)
    shown_titles = {
        html.unescape(found) for found in re.findall(r"<title>(.*?)</title>", result.html)
    }
    shown_titles |= {html.unescape(heading.group(1))} if heading else set()
    assert shown_titles <= {result.title}, shown_titles
    assert page_body(result.html) == result.body


_WHITELIST = parse_whitelist("gov.cn\n", source="published-test")

FAMILIES = {
    "alt of a kept image": '<p>看<img src="https://www.gov.cn/a.png" alt="百家乐">图</p>',
    "alt of a local image": '<p><img src="pic.png" alt="网上 赌博\n开户"></p>',
    "alt of a removed image": '<p><img src="http://evil.com/网上赌博开户.png" alt="百家乐"></p>',
    "removed image without alt": '<p>网上<img src="http://evil.com/x.png">赌博</p>',
    "alt with invisible characters": '<img src="a.png" alt="百\u200b家\u202e乐">',
    "title and aria": '<p title="百家乐" aria-label="百家乐" data-x="百家乐">正文</p>',
    "caption": "<table><caption>百家乐</caption><tr><td>一</td></tr></table>",
    "text straight in a table": "<table>百家<tr><td>一</td></tr>乐</table>",
    "text straight in a row": "<table><tr><td>百家</td>乐</tr></table>",
    "nested tables": "<table><tr><td>百<table>家<tr><td>x</td></tr>乐</table></td></tr></table>",
    "table parts outside a table": "<p>网上</p><tr><td>百家</td><td>乐</td></tr>",
    "old-style table": "<table><tr><td>百家<tr><td>乐</table>",
    "colgroup": "<table><colgroup><col></colgroup><tr><td>a</td></tr></table>",
    "noscript": "<p>百家<noscript>的</noscript>乐</p>",
    "hidden span": '<p>百家<span style="display:none">的</span>乐</p>',
    "hidden attribute": "<p>百家<b hidden>的</b>乐</p>",
    "hidden br": '<p>百家<br style="display:none">乐</p>',
    "hidden block": "百家<div hidden>的</div>乐",
    "visibility undone": '<p style="visibility:hidden">百家<b style="visibility:visible">乐</b></p>',
    "block in a paragraph": "<p>百家<div>乐</div></p>",
    "empty block in a cell": "<table><tr><td>百家<div></div>乐</td></tr></table>",
    "block in a link": '<a href="https://www.gov.cn/">百家<div>乐</div></a>',
    "blank block in a list item": "<ul><li>百家<div> </div>乐</li></ul>",
    "entities": "<p>&#x767e;&#23478;&amp;&lt;乐&gt;&nbsp;百家乐</p>",
    "svg unclosed": "<svg onload=alert(1)><p>百家乐</p>",
    "svg text": "<p>百家<svg><text>的</text></svg>乐</p>",
    "bold text in svg": '<svg><text style="font-weight:bold">百家乐</text></svg>',
    "bold text in an unclosed head": '<p style="font-weight:bold"><head>百家乐',
    "bold word cells": '<table><tr><td style="font-weight:bold">百家</td>乐</tr></table>',
    "math": "<math><mi>x</mi><p>百家乐</p>",
    "button": "<p>百家<button>乐</button></p>",
    "select": "<p>百家<select><option>的</option></select>乐</p>",
    "textarea": "<p>百家<textarea>的</textarea>乐</p>",
    "template": "<p>百家<template>的</template>乐</p>",
    "canvas fallback": "<p>百家<canvas>的</canvas>乐</p>",
    "comment": "<p>百家<!-- 的 -->乐</p>",
    "cdata": "<p>百家<![CDATA[的]]>乐</p>",
    "broken": "<p>百家<b>乐</p></b></i><div<p>x</",
    "stray ends": "</br>百家</p>乐</td></table>",
    "deep": "<div>" * 80 + "百家<p>乐</p>" + "</div>" * 80,
    "deep table": "<div>" * 60 + "<table><tr><td>百家</td></tr></table>乐",
}


@pytest.mark.parametrize("markup", FAMILIES.values(), ids=FAMILIES.keys())
def test_everything_published_was_checked(markup):
    assert_published_was_checked(markup, title="关于百家乐的通知")


@pytest.fixture(scope="module")
def checker():
    return Checker(Lexicon.from_entries([Entry("百家乐", "涉赌", "block")]), _WHITELIST)


# Cases where the page does show 百家乐, whole (put together in the published text).
SHOWN_WHOLE = {"alt of a kept image", "alt of a local image", "alt of a removed image",
               "alt with invisible characters", "caption", "noscript", "hidden span",
               "hidden attribute", "hidden br", "entities", "svg unclosed", "math", "button",
               "svg text", "select", "textarea", "template", "canvas fallback", "comment",
               "cdata", "broken", "stray ends"}  # fmt: skip


@pytest.mark.parametrize("name", FAMILIES.keys())
def test_a_block_term_the_page_shows_blocks_it(name, checker):
    """What the page shows, the check finds: a block term published anywhere, whole or
    put together, is a 屏蔽 finding."""
    markup = FAMILIES[name].replace("网上 赌博\n开户", "百家乐")
    result = render_html(markup, whitelist=_WHITELIST, read_local=lambda src: png_bytes())
    page = published(result.body)
    shown = [_normal(text) for text in page.lines + page.alts + page.placeholders]
    shows = any("百家乐" in text for text in shown)
    assert shows == (name in SHOWN_WHOLE), shown
    layout = html_text(markup)
    check = checker.check(layout.text, None, markup, layout)
    blocks = [f for f in check.findings if f.severity == "block" and f.term == "百家乐"]
    assert bool(blocks) >= shows, markup


# -- random markup from hostile pieces -------------------------------------------------

_WORDS = st.sampled_from(
    ["百家", "乐", "百家乐", "网上", "赌博", "通知", " ", "\n", "&amp;", "&#x767e;", "&nbsp;",
     "&lt;b&gt;", "a", "。", "\u200b", "www.gov", ".cn", "<", "&"]
)  # fmt: skip
_ATTRIBUTES = st.one_of(
    st.just(""),
    st.sampled_from(
        [' style="display:none"', " hidden", ' title="百家乐"', ' aria-label="乐"',
         ' style="visibility:hidden"', ' style="visibility:visible"', ' class="x"',
         ' style="font-size:0"', ' color="red"', ' style="font-weight:bold"',
         ' style="font-style:italic;text-decoration:underline"']
    ),
)  # fmt: skip
_CONTAINERS = st.one_of(
    st.sampled_from(
        ["p", "div", "span", "b", "table", "tbody", "tr", "td", "th", "caption", "ul", "li",
         "h1", "a", "section", "center", "font", "button", "pre", "blockquote", "dl", "dd"]
    ),
    st.sampled_from(
        ["select", "option", "textarea", "template", "noscript", "svg", "math", "mi",
         "foreignObject", "desc", "title", "head", "iframe", "object", "canvas", "label",
         "details", "summary", "figure", "figcaption", "marquee", "sub", "code", "strong"]
    ),
)  # fmt: skip
_LEAVES = st.one_of(
    _WORDS,
    _WORDS,
    st.sampled_from(
        [
            "<br>",
            "</br>",
            "<hr>",
            "</p>",
            "</td>",
            "</table>",
            "<!-- 注释 -->",
            "<![CDATA[百家]]>",
            "<col>",
            "<input value=乐>",
            "<wbr>",
            "<p/>",
            "<svg/>",
            "<br hidden>",
            '<hr style="display:none">',
            "<td>",
            "<tr>",
            "<li>",
            "<p>",
        ]
    ),
    st.builds(
        lambda src, alt, attrs: f"<img src={src}{alt}{attrs}>",
        st.sampled_from(
            [
                "https://www.gov.cn/a.png",
                "http://evil.com/百家乐.png",
                "a.png",
                '"javascript:x"',
                "''",
            ]
        ),
        st.sampled_from(["", " alt", ' alt="百家乐"', ' alt="网上 赌博"', ' alt="&lt;乐&gt;"']),
        _ATTRIBUTES,
    ),
)


def _element(draw_children):
    return st.builds(
        lambda tag, attrs, href, children, closed: (
            f"<{tag}{attrs}{href}>{''.join(children)}{f'</{tag}>' if closed else ''}"
        ),
        _CONTAINERS,
        _ATTRIBUTES,
        st.sampled_from(["", "", ' href="https://www.gov.cn/x"', ' href="http://evil.com/"']),
        st.lists(draw_children, max_size=4),
        st.booleans(),
    )


MARKUP = st.recursive(_LEAVES, _element, max_leaves=25).map(str)


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKUP, min_size=1, max_size=4).map("".join), st.lists(_WORDS, max_size=4))
def test_random_hostile_markup_publishes_only_checked_text(markup, title_words):
    assert_published_was_checked(markup, title="".join(title_words))
