"""Pages never cut short (issue 11 §4): unclosed svg, math, button, select, textarea,
template and noscript, alone and nested, with text after them.

Measured on the published page: where a browser shows the text after the element, the
page has it; where the text goes (a browser would not show it either), the render says so
in a 提醒 naming how many characters, never silently. The checked text (``html_text``)
reads the page as the render does.
"""

from __future__ import annotations

import html
import re

import pytest

from desk.documents.html_text import html_text
from desk.documents.rich_text import semantic_html
from desk.links import extract_links_from_html
from desk.render import render_html
from tests.render.inert import assert_inert

AFTER = '<p>正文结束。<a href="https://www.gov.cn/">链接</a></p>'

# The text after the element is published: a browser breaks out of foreign content there.
BROKEN_OUT = {
    "svg with an event handler": "<svg onload=alert(1)>",
    "svg with shapes": '<svg><g><circle r="1"/><rect/>',
    "nested svg": "<svg><svg><svg><g>",
    "svg, then </p>": "<svg></p>",
    "svg, then <br>": "<svg><br>",
    "svg, then a coloured font": "<svg><font color=red>",
    "svg closed by a span": "<svg><text>图</text><span>",
    "math": "<math><mi>x</mi><mo>+</mo>",
    "svg inside math": "<math><svg><g>",
    "math inside svg": "<svg><math><mi>x</mi>",
    "button": "<button>按钮",
    "nested buttons": "<button>一<button>二",
    "button around svg": "<button><svg>",
    "template holding svg": "<template><svg><p>x</p></template>",
    "noscript holding svg": "<noscript><svg></noscript>",
    "textarea holding svg": "<textarea><svg></textarea>",
}
# The text after the element is inside it (as in a browser) and not published: a warning
# names how much text went.
SWALLOWED = {
    "select": "<select><option>甲",
    "textarea": "<textarea>甲",
    "template": "<template>甲",
    "noscript": "<noscript>甲",
    "svg foreignObject": "<svg><foreignObject>甲",
    "svg desc": "<svg><desc>甲",
    "math text": "<math><mi>甲",
    "math annotation holding html": '<math><annotation-xml encoding="text/html">甲',
    "svg inside select": "<select><svg>甲",
    "svg inside template": "<template><svg><g>甲",
}


def published_text(body: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("opening", BROKEN_OUT.values(), ids=BROKEN_OUT.keys())
def test_text_after_a_broken_out_element_is_published(opening, whitelist):
    markup = f"<p>开头。</p>{opening}{AFTER}"
    result = render_html(markup, whitelist=whitelist)
    assert_inert(result.html)
    assert "正文结束。" in published_text(result.body)
    assert '<a href="https://www.gov.cn/">链接</a>' in result.body
    # every reader reads it as the render does
    assert "正文结束。链接" in html_text(markup).text
    (link,) = [link for link in extract_links_from_html(markup) if link.tag == "a"]
    assert (link.text, link.hidden) == ("链接", False)
    assert "正文结束。" in published_text(
        render_html(semantic_html(markup), whitelist=whitelist).body
    )


@pytest.mark.parametrize("opening", SWALLOWED.values(), ids=SWALLOWED.keys())
def test_text_swallowed_by_an_element_is_a_warning_naming_how_much(opening, whitelist):
    markup = f"<p>开头。</p>{opening}{AFTER}"
    result = render_html(markup, whitelist=whitelist)
    assert_inert(result.html)
    assert published_text(result.body) == "开头。"
    assert "正文结束。" not in html_text(markup).text  # the check reads what is published
    (note,) = [note for note in result.notes if note.rule == "render.element-removed"]
    assert note.severity == "warn"
    assert "其中的文字 8 字未发布：甲正文结束。链接" in note.message  # 甲 + 正文结束。 + 链接


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<svg><text>标题图</text></svg>", "已移除 <svg> 元素 1 处，其中的文字 3 字未发布：标题图"),
        ("<svg><rect/></svg><svg></svg>", "已移除 <svg> 元素 2 处"),
        ("<script>var a = '甲';</script>", "已移除 <script> 元素 1 处"),
        ("<button>打印</button>", "已移除 <button> 元素 1 处（文字保留）"),
        ("<noscript>请开启脚本</noscript>", "已移除 <noscript> 元素，其中的文字 5 字未发布：请开启脚本"),
        ("<title>标题</title>", None),  # the page's own title: metadata, nothing lost
        ("<title>标题<p>正文</p>", "已移除 <title> 元素，其中的文字 2 字未发布：正文"),
    ],
)  # fmt: skip
def test_removed_elements_are_named_with_the_text_that_went(markup, message, whitelist):
    result = render_html(markup, whitelist=whitelist)
    notes = [note for note in result.notes if note.rule == "render.element-removed"]
    assert [note.message for note in notes] == ([message] if message else [])
    assert all((note.severity == "warn") == ("未发布" in note.message) for note in notes)


def test_a_button_label_is_published_as_text(whitelist):
    result = render_html(
        "<p>请<button type=submit onclick=x()>点击</button>查看</p>", whitelist=whitelist
    )
    assert result.body == "<p>请点击查看</p>"
