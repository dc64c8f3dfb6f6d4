"""The render as a whole: structure kept, determinism, the content hash, templates, inputs."""

import hashlib
import json
import re
import time

import pytest

from desk.corpus import reference_corpus
from desk.documents.loader import load_document
from desk.links import parse_whitelist
from desk.render import (
    TEMPLATES,
    TemplateError,
    content_hash,
    page_body,
    render_document,
    render_html,
)
from desk.render.hash import canonical_content
from desk.resources import resource_path
from tests.conftest import docx_paragraph
from tests.render.inert import assert_inert

ARTICLE = """<h1>关于开展政务公开工作的通知</h1>
<h2>一、总体要求</h2>
<p>各街道办事处：<strong>现将</strong>有关事项<em>通知</em>如下，<b>请</b><i>认真</i><u>贯彻</u>执行。H<sub>2</sub>O，m<sup>2</sup>。</p>
<ul><li>主动公开</li><li>依申请公开</li></ul>
<ol><li>第一项</li><li>第二项</li></ol>
<table><thead><tr><th>序号</th><th>事项</th></tr></thead><tbody><tr><td rowspan="2">1</td><td colspan="2">公开目录</td></tr></tbody><tfoot><tr><td>合计</td><td>1</td></tr></tfoot></table>
<blockquote>引用《条例》第十条。</blockquote>
<pre>代码  保留空格</pre><p><code>GB/T 9704</code></p>
<p>详见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>
<p><img src="https://www.gov.cn/a.png" alt="示意图" width="640" height="480"></p>
<hr><h3>三级</h3><h4>四级</h4><h5>五级</h5><h6>六级</h6><p>第一行<br>第二行</p>"""


def test_structure_survives_exactly(whitelist):
    result = render_html(ARTICLE, whitelist=whitelist, template="bare")
    assert result.body == ARTICLE
    assert result.notes == ()
    assert_inert(result.html, styles=0)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<div>第一段</div><div>第二段</div>", "<p>第一段</p><p>第二段</p>"),
        ("<section><h2>标题</h2>正文<br>续</section>", "<h2>标题</h2><p>正文<br>续</p>"),
        (
            '<p style="text-indent:2em" class="MsoNormal" id="x" align="center">正文</p>',
            "<p>正文</p>",
        ),
        (
            '<p><font face="宋体" color="red">红字</font><span lang="EN">abc</span></p>',
            "<p>红字abc</p>",
        ),
        ("<center>居中</center>", "<p>居中</p>"),
        ("裸文本<b>粗</b>", "<p>裸文本<b>粗</b></p>"),
        (
            '<table><tr><td colspan="x2" rowspan="3">格</td></tr></table>',
            '<table><tbody><tr><td rowspan="3">格</td></tr></tbody></table>',
        ),
        ('<p><a name="top">锚点</a></p>', "<p>锚点</p>"),
        (
            "<html><head><title>t</title><meta charset=gbk></head><body><p>体</p></body></html>",
            "<p>体</p>",
        ),
        ("<p>&amp;&lt;&gt;&quot;&#x4e2d;&nbsp;</p>", '<p>&amp;&lt;&gt;"中&nbsp;</p>'),
    ],
)
def test_markup_is_normalized(source, expected, whitelist):
    assert render_html(source, whitelist=whitelist, template="bare").body == expected


def test_render_is_deterministic(whitelist):
    first = render_html(ARTICLE, whitelist=whitelist, title="通知")
    second = render_html(
        ARTICLE, whitelist=parse_whitelist("gov.cn\n=mp.weixin.qq.com"), title="通知"
    )
    assert first.html.encode() == second.html.encode()
    assert first.content_hash == second.content_hash


@pytest.mark.parametrize(
    "change",
    [
        {"source": ARTICLE.replace("第一项", "第1项")},
        {"title": "通知（修订）"},
        {"attributes": {"来源": "区政府办公室"}},
        {"source": ARTICLE.replace("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce")},
    ],
)
def test_different_content_gives_a_different_hash(change, whitelist):
    base = {"source": ARTICLE, "title": "通知", "attributes": None}
    before = render_html(base["source"], whitelist=whitelist, title=base["title"])
    base.update(change)
    after = render_html(
        base["source"], whitelist=whitelist, title=base["title"], attributes=base["attributes"]
    )
    assert before.content_hash != after.content_hash
    assert f'<meta name="desk-content-sha256" content="{after.content_hash}">' in after.html


def test_changes_the_sanitizer_removes_do_not_change_the_hash(whitelist):
    plain = render_html("<p>正文</p>", whitelist=whitelist, title="t")
    styled = render_html(
        '<p style="color:red" onclick="x()">正文</p><!-- 备注 -->', whitelist=whitelist, title="t"
    )
    assert plain.content_hash == styled.content_hash


def test_the_template_is_not_part_of_the_hash(whitelist):
    hashes = {render_html(ARTICLE, whitelist=whitelist, template=t).content_hash for t in TEMPLATES}
    assert len(hashes) == 1


def test_hash_is_the_documented_canonical_json(whitelist):
    result = render_html(
        ARTICLE, whitelist=whitelist, title="  关于  通知\n", attributes={"b": "2", "a": "1"}
    )
    assert result.title == "关于 通知"
    canonical = json.dumps(
        {"title": "关于 通知", "body": result.body, "attributes": {"a": "1", "b": "2"}},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")
    assert canonical_content("关于 通知", result.body, {"b": "2", "a": "1"}) == canonical
    assert result.content_hash == hashlib.sha256(canonical).hexdigest()
    assert (
        content_hash("关于 通知", page_body(result.html), {"a": "1", "b": "2"})
        == result.content_hash
    )


def test_content_hash_known_value():
    expected = hashlib.sha256(
        '{"attributes":{},"body":"<p>正文</p>","title":"标题"}'.encode()
    ).hexdigest()
    assert content_hash("标题", "<p>正文</p>") == expected
    assert content_hash("标题", "<p>正文</p>", {}) == expected
    assert content_hash("标题", "<p>正文</p>", None) == expected
    with pytest.raises(TypeError):
        content_hash("t", "b", {"n": 1})  # type: ignore[dict-item]


def test_page_body_survives_attribute_values_that_look_like_markup(whitelist):
    result = render_html(
        '<img src="https://www.gov.cn/a.png" alt="</div><div>">', whitelist=whitelist
    )
    assert page_body(result.html) == result.body
    assert 'alt="&lt;/div&gt;&lt;div&gt;"' in result.body  # nh3 escapes < > in attributes


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_reference_nothing_external(template):
    text = resource_path("templates", f"{template}.html").read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z]|@import|url\(|<script|<link|<iframe|<img", text, re.I)
    assert '<meta charset="utf-8">' in text
    assert '<meta name="desk-content-sha256" content="$content_sha256">' in text
    assert '<meta http-equiv="Content-Security-Policy" content="$csp">' in text
    assert '<meta name="viewport"' in text
    assert text.count("$body") == 1 and '<div class="desk-body">$body</div>' in text
    assert text.count("</div>") == 1  # page_body relies on it


@pytest.mark.parametrize("template", TEMPLATES)
def test_pages_carry_the_csp_and_chinese_typography(template, whitelist):
    page = render_html("<p>正文</p>", whitelist=whitelist, template=template, title="标题").html
    assert (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; "
        "form-action 'none'" in page
    )
    assert '<h1 class="desk-title">标题</h1>' in page and "<title>标题</title>" in page
    if template != "bare":
        assert (
            '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif'
            in page
        )
        assert "line-height: 1.8" in page and "text-align: justify" in page
    assert_inert(page, styles=0 if template == "bare" else 1)


def test_portal_and_mobile_widths():
    portal = resource_path("templates", "portal.html").read_text(encoding="utf-8")
    mobile = resource_path("templates", "mobile.html").read_text(encoding="utf-8")
    assert "max-width: 900px" in portal and "text-indent: 2em" in portal
    assert "max-width: 420px" in mobile and "text-indent" not in mobile


def test_title_is_escaped_and_optional(whitelist):
    page = render_html("<p>x</p>", whitelist=whitelist, title='<script>"&').html
    assert "<title>&lt;script&gt;&quot;&amp;</title>" in page
    assert_inert(page, styles=1)
    untitled = render_html("<p>x</p>", whitelist=whitelist).html
    assert "<title></title>" in untitled and "desk-title" not in untitled.split("</style>")[1]


def test_unknown_template_is_an_error(whitelist):
    with pytest.raises(TemplateError, match="portal"):
        render_html("<p>x</p>", whitelist=whitelist, template="fancy")


def test_txt_drafts_become_escaped_paragraphs(tmp_path, whitelist):
    draft = tmp_path / "通知.txt"
    draft.write_bytes(
        "关于印发通知\r\n\r\n　　各单位：<script>alert(1)</script>\n请 & 执行。\n\n\n  落款\n".encode(
            "gbk"
        )
    )
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "o.html"
    )
    assert result.body == (
        "<p>关于印发通知</p>\n<p>各单位：&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        "<p>请 &amp; 执行。</p>\n<p>落款</p>\n"
    )
    assert_inert(result.html, styles=1)


def test_txt_urls_stay_text(whitelist):
    result = render_html(
        "见 https://www.gov.cn/ 和 http://evil.com/", whitelist=whitelist, kind="txt"
    )
    assert result.body == "<p>见 https://www.gov.cn/ 和 http://evil.com/</p>\n"


def test_docx_drafts_render(make_docx, tmp_path, whitelist):
    draft = make_docx(docx_paragraph("第一段") + docx_paragraph("重", "点", bold=(1,)))
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "o.html"
    )
    assert result.body == "<p>第一段</p><p>重<strong>点</strong></p>"


@pytest.mark.parametrize(
    "broken",
    [
        "<p>未闭合段落<p>第二段<b>粗体没有闭合",
        "</p></div></b>只有结束标签</a></table>",
        "<table><tr><td>单元格<td>第二格<tr><td>第二行",
        "<ul><li>一<li>二</ul></li></li>",
        "<p>a<![if !supportLists]>b<![endif]>c</p>",
        "<p>a<![CDATA[x]]>b</p>",
        "<p>a<!-- 未闭合注释",
        "<p title='未闭合引号>文字</p>",
        "<p>a</p><",
        "<p>a</p><img src=",
        "<?xml version='1.0'?><!DOCTYPE html><p>x</p>",
        "<p>\x00\x01\x0b\ufeff\ud7ff文字</p>",
        "<a href=https://www.gov.cn/><a href=https://www.gov.cn/b>二</a>",
        "<b><i>交叉</b></i>",
    ],
)
def test_broken_html_renders_without_raising(broken, whitelist):
    result = render_html(broken, whitelist=whitelist)
    assert_inert(result.html, styles=1)
    result.html.encode("utf-8")


def test_word_conditional_comments_keep_their_text(whitelist):
    html = "<p><![if !supportLists]>1. <![endif]>列表项</p>"
    assert render_html(html, whitelist=whitelist).body == "<p>1. 列表项</p>"


def test_deep_nesting_is_flattened_not_a_crash(whitelist):
    deep = "<div><b>" * 20_000 + "深处" + "</b></div>" * 20_000
    result = render_html(deep, whitelist=whitelist)
    assert "深处" in result.body
    assert result.body.count("<b>") <= 64
    assert_inert(result.html, styles=1)


def test_a_huge_paste_renders(whitelist):
    text = "".join(document.text for document in reference_corpus())
    paragraphs = [line for line in text.splitlines() if line.strip()]
    parts, size, n = [], 0, 0
    while size < 1_000_000:
        line = paragraphs[n % len(paragraphs)]
        link = (
            '<a href="https://www.gov.cn/">政府网</a>'
            if n % 3
            else '<a href="http://x.com/">外站</a>'
        )
        chunk = f'<p style="text-indent:2em">{line}{link}</p>\n'
        parts.append(chunk)
        size += len(chunk.encode())
        n += 1
    start = time.perf_counter()
    result = render_html("".join(parts), whitelist=whitelist)
    elapsed = time.perf_counter() - start
    assert result.stats.links_kept + result.stats.links_delinked == n
    assert result.body.count("<p>") == n
    assert elapsed < 10, f"1 MB took {elapsed:.1f} s"
    assert_inert(result.html, styles=1)
