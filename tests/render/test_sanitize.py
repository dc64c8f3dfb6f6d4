"""nh3 as the last step: the allow-list alone, whatever the rewrite before it let through."""

import pytest

import desk.render as render_module
from desk.render import render_html
from desk.render.links import Rewritten
from desk.render.sanitize import sanitize, text_to_html
from tests.render.inert import assert_body_inert, assert_inert


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<a href="https://evil.com/">x</a>', "<a>x</a>"),  # not approved
        ('<a href="https://www.gov.cn/">x</a>', '<a href="https://www.gov.cn/">x</a>'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),  # approved, wrong scheme
        ('<img src="http://evil.com/a.png">', "<img>"),
        (
            '<img src="assets/a.png" alt="a" width="10" height="1e3">',
            '<img src="assets/a.png" alt="a" width="10">',
        ),
        ('<p style="display:none" class="x" id="y" title="t" lang="en">p</p>', "<p>p</p>"),
        (
            '<span class="desk-removed-image evil">s</span>',
            '<span class="desk-removed-image">s</span>',
        ),
        ("<script>alert(1)</script><style>p{}</style><svg><a>x</a></svg>ok", "ok"),
        ("<div><font>unwrapped</font></div><!-- c -->", "unwrapped"),
        (
            '<table><tr><td colspan="2" rowspan="x" onclick="y">c</td></tr></table>',
            '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>',
        ),
        (
            '<a href="https://www.gov.cn/" target="_blank">x</a>',
            '<a href="https://www.gov.cn/">x</a>',
        ),
    ],
)
def test_sanitize_enforces_the_allow_list(dirty, clean):
    approved = {"https://www.gov.cn/", "javascript:alert(1)"}
    assert sanitize(dirty, hrefs=approved, srcs={"assets/a.png"}) == clean


def test_nothing_the_sanitizer_strips_comes_back(monkeypatch, whitelist):
    """Even if the rewrite wrote something active, nh3 runs after it and takes it out."""
    leaky = Rewritten(
        '<p onclick="alert(1)" style="x">正文</p><script>alert(1)</script>'
        '<a href="https://evil.com/">链接</a><img src="http://evil.com/a.png" onerror="x">'
        '<iframe src="https://www.gov.cn/"></iframe><meta http-equiv="refresh" content="0;url=x">'
    )
    monkeypatch.setattr(render_module, "rewrite", lambda *args, **kwargs: leaky)
    result = render_html("<p>正文</p>", whitelist=whitelist)
    assert result.body == "<p>正文</p><a>链接</a><img>"
    assert_inert(result.html, styles=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一\n二", "<p>一</p>\n<p>二</p>\n"),
        ("一\r\n\r\n\r\n二\r", "<p>一</p>\n<p>二</p>\n"),
        ("\u3000\u3000首行缩进\t ", "<p>首行缩进</p>\n"),
        ("<b>&amp;</b>", "<p>&lt;b&gt;&amp;amp;&lt;/b&gt;</p>\n"),
        ("  \n\n ", ""),
    ],
)
def test_text_to_html(text, expected):
    assert text_to_html(text) == expected
    assert_body_inert(expected)
