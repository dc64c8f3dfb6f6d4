"""judge(): links are judged where a browser would take the reader, never by the string."""

import pytest

from desk.links import judge
from desk.links.verdict import REASONS, Verdict, text_href_mismatch

P = pytest.param

# (href, a reason id the verdict must carry). None of these may come out trusted.
BYPASSES = [
    # userinfo and @ tricks: the real host is after the last @
    P("https://www.gov.cn@evil.com", "userinfo", id="userinfo"),
    P("https://www.gov.cn:443@evil.com", "userinfo", id="userinfo-with-port"),
    P("https://www.gov.cn.@evil.com/", "userinfo", id="userinfo-trailing-dot"),
    P("https://user:pass@evil.com/www.gov.cn", "userinfo", id="userinfo-password"),
    P("https://www.gov.cn%40evil.com", "unparseable", id="encoded-at-in-host"),
    P("https://evil.com#@www.gov.cn", "disguised-host", id="at-after-fragment"),
    P("https://evil.com?@www.gov.cn", "disguised-host", id="at-after-query"),
    P("https://evil.com/@www.gov.cn", "disguised-host", id="at-in-path"),
    # backslashes are slashes in http(s)
    P("https://evil.com\\@www.gov.cn", "disguised-host", id="backslash-at"),
    P("https://evil.com\\www.gov.cn", "disguised-host", id="backslash-path"),
    P("https:\\\\evil.com\\www.gov.cn", "disguised-host", id="backslash-authority"),
    # lookalike suffixes and prefixes
    P("https://gov.cn.evil.com/", "not-whitelisted", id="suffix-as-subdomain"),
    P("https://www.gov.cn.evil.com/", "not-whitelisted", id="host-as-subdomain"),
    P("https://evilgov.cn/", "not-whitelisted", id="glued-prefix"),
    P("https://wwwgov.cn/", "not-whitelisted", id="missing-dot"),
    P("https://gov.cn-evil.com/", "not-whitelisted", id="hyphen-suffix"),
    P("https://www.gov.com.cn/", "not-whitelisted", id="other-second-level"),
    P("https://evil.com/?www.gov.cn", "disguised-host", id="host-in-query"),
    P("https://evil.com/www.gov.cn/", "disguised-host", id="host-in-path"),
    P("https://mp.weixin.qq.com.evil.com/", "not-whitelisted", id="exact-as-subdomain"),
    # percent-encoded and ideographic dots
    P("https://gov.cn%2eevil.com/", "encoded-host", id="encoded-dot"),
    P("https://www.gov.cn%2Eevil.com/", "encoded-host", id="encoded-dot-upper"),
    P("https://www%2egov%2ecn/", "encoded-host", id="encoded-dots-trusted-host"),
    P("https://www.gov.cn%E3%80%82evil.com/", "encoded-host", id="encoded-ideographic-dot"),
    P("https://www.gov.cn。evil.com/", "not-whitelisted", id="ideographic-dot"),
    P("https://www．gov．cn．evil．com/", "not-whitelisted", id="fullwidth-dot"),
    P("https://www｡gov｡cn｡evil｡com/", "not-whitelisted", id="halfwidth-ideographic-dot"),
    P("https://ｅｖｉｌ.com/", "not-whitelisted", id="fullwidth-letters"),
    # IP literals in every notation
    P("http://127.0.0.1/", "ip-host", id="ipv4-dotted"),
    P("http://3232235521/", "ip-host", id="ipv4-decimal"),
    P("http://0xC0A80001/", "ip-host", id="ipv4-hex"),
    P("http://0x7f.1/", "ip-host", id="ipv4-hex-short"),
    P("http://0177.0.0.1/", "ip-host", id="ipv4-octal"),
    P("http://0300.0250.0.1/", "ip-host", id="ipv4-octal-all"),
    P("http://127.1/", "ip-host", id="ipv4-short"),
    P("http://10.1.1/", "ip-host", id="ipv4-three-parts"),
    P("http://0x7f.0x0.0x0.0x1/", "ip-host", id="ipv4-hex-each"),
    P("http://127.0.0.1。/", "ip-host", id="ipv4-ideographic-trailing-dot"),
    P("http://[::1]/", "ip-host", id="ipv6-loopback"),
    P("http://[::ffff:127.0.0.1]/", "ip-host", id="ipv6-mapped-dotted"),
    P("http://[::ffff:7f00:1]/", "ip-host", id="ipv6-mapped-hex"),
    P("http://[0:0:0:0:0:ffff:c0a8:1]/", "ip-host", id="ipv6-long"),
    P("http://[2001:db8::1]:8080/", "ip-host", id="ipv6-port"),
    P("https://www.gov.cn@127.0.0.1/", "ip-host", id="userinfo-to-ip"),
    # IDN lookalikes
    P("http://www.gоv.cn/", "mixed-script", id="cyrillic-o-in-gov"),
    P("http://www.gov.cn.xn--80ak6aa92e.com/", "punycode", id="cyrillic-apple-label"),
    P("http://www.xn--gv-fmc.cn/", "mixed-script", id="cyrillic-o-punycode"),
    P("http://gоv.cn/", "mixed-script", id="cyrillic-registrable"),
    P("http://www.gοv.cn/", "mixed-script", id="greek-omicron"),
    P("http://xn--80ak6aa92e.com/", "punycode", id="whole-script-cyrillic"),
    P("http://www.ɡov.cn/", "punycode", id="latin-script-g"),
    P("http://xn--zz.gov.cn/", "punycode", id="invalid-punycode-under-trusted"),
    P("https://例子.中国.evil.com/", "not-whitelisted", id="idn-as-subdomain"),
    # scripting and other dangerous schemes
    P("javascript:alert(1)", "scheme", id="javascript"),
    P("JaVaScRiPt:alert(1)", "scheme", id="javascript-case"),
    P("  javascript:alert(1)", "scheme", id="javascript-leading-space"),
    P("java\tscript:alert(1)", "control-chars", id="javascript-tab"),
    P("java\nscript:alert(1)", "control-chars", id="javascript-newline"),
    P("java\rscript:alert(1)", "scheme", id="javascript-cr"),
    P("\x01javascript:alert(1)", "control-chars", id="javascript-leading-control"),
    P("\x00javascript:alert(1)", "scheme", id="javascript-leading-nul"),
    P("\u200bjavascript:alert(1)", "control-chars", id="javascript-zero-width"),
    P("javascript://www.gov.cn/%0aalert(1)", "scheme", id="javascript-comment-host"),
    P("vbscript:msgbox(1)", "scheme", id="vbscript"),
    P("VBScript:msgbox(1)", "scheme", id="vbscript-case"),
    P("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "scheme", id="data"),
    P("DATA:text/html,<script>alert(1)</script>", "scheme", id="data-case"),
    P("file:///C:/Windows/win.ini", "scheme", id="file"),
    P("mailto:ask@evil.com", "non-http", id="mailto"),
    P("tel:+86-10-12345678", "non-http", id="tel"),
    P("ftp://www.gov.cn/pub/", "non-http", id="ftp-on-trusted-host"),
    P("ws://www.gov.cn/socket", "non-http", id="websocket"),
    # shorteners
    P("https://t.cn/A6abcd", "shortener", id="t.cn-non-exact-entry"),
    P("http://url.cn/5abc", "shortener", id="url.cn"),
    P("https://w.url.cn/s/abc", "shortener", id="url.cn-subdomain"),
    P("https://suo.im/abc", "shortener", id="suo.im"),
    P("https://bit.ly/3abc", "shortener", id="bit.ly"),
    P("https://t.co/abc", "shortener", id="t.co"),
    P("https://tinyurl.com/y3abc", "shortener", id="tinyurl"),
    P("https://goo.gl/abc", "shortener", id="goo.gl"),
    P("https://ow.ly/abc", "shortener", id="ow.ly"),
    P("https://is.gd/abc", "shortener", id="is.gd"),
    # open redirects on trusted hosts
    P("https://www.gov.cn/jump?url=https://evil.com/", "redirect-param", id="redirect-url"),
    P("https://www.gov.cn/r?target=http%3A%2F%2Fevil.com%2F", "redirect-param", id="encoded"),
    P("https://www.gov.cn/r?goto=https%253A%252F%252Fevil.com", "redirect-param", id="double"),
    P("https://www.gov.cn/r?u=//evil.com/x", "redirect-param", id="redirect-protocol-rel"),
    P("https://www.gov.cn/r?next=javascript:alert(1)", "redirect-param", id="redirect-js"),
    P("https://www.gov.cn/r?to=https://www.gov.cn@evil.com", "redirect-param", id="nested"),
    P("https://www.gov.cn/r?redirect_uri=https://evil.com", "redirect-param", id="oauth"),
    P("https://www.gov.cn/r?returnUrl=https://evil.com", "redirect-param", id="camel-case"),
    P("https://www.gov.cn/r?a=1&link=https://evil.com&b=2", "redirect-param", id="among"),
    P(
        "https://www.gov.cn/r?return=https://www.gov.cn/r%3Furl%3Dhttps://evil.com",
        "redirect-param",
        id="redirect-chained",
    ),
    P("/login?next=https://evil.com/", "redirect-param", id="relative-redirect"),
    # protocol-relative
    P("//evil.com/x", "not-whitelisted", id="protocol-relative"),
    P("\\\\evil.com\\x", "not-whitelisted", id="protocol-relative-backslashes"),
    P("/\\evil.com/", "not-whitelisted", id="protocol-relative-mixed"),
    P("//www.gov.cn@evil.com/", "userinfo", id="protocol-relative-userinfo"),
    P("https:evil.com", "not-whitelisted", id="no-slashes"),
    P("https:/evil.com", "not-whitelisted", id="one-slash"),
    # trailing dots
    P("https://evil.com./", "not-whitelisted", id="trailing-dot-untrusted"),
    P("https://www.gov.cn../", "empty-label", id="two-trailing-dots"),
    P("https://www..gov.cn/", "empty-label", id="empty-inner-label"),
    # path-prefix escapes (entry example.com/path/ and docs.example.net/guide)
    P("https://example.com/path/../other", "not-whitelisted", id="dot-dot-escape"),
    P("https://example.com/path/%2e%2e/other", "not-whitelisted", id="encoded-dot-dot"),
    P("https://example.com/path/.%2E/other", "not-whitelisted", id="mixed-dot-dot"),
    P("https://example.com/path\\..\\other", "not-whitelisted", id="backslash-dot-dot"),
    P("https://example.com/pathology", "not-whitelisted", id="prefix-not-segment"),
    P("https://example.com/path", "not-whitelisted", id="prefix-without-slash"),
    P("https://example.com/PATH/", "not-whitelisted", id="prefix-case"),
    P("https://example.com/other/path/", "not-whitelisted", id="prefix-not-at-start"),
    P("https://docs.example.net/guidebook", "not-whitelisted", id="segment-prefix"),
    P("https://weixin.qq.com/", "not-whitelisted", id="exact-parent"),
    P("https://a.mp.weixin.qq.com/", "not-whitelisted", id="exact-child"),
    # invisible and control characters
    P("https://www.gov.cn/\u202egpj.exe", "control-chars", id="bidi-override"),
    P("\u200bhttps://www.gov.cn/", "control-chars", id="leading-zero-width"),
    P("https://www.gov.cn/\x00", "control-chars", id="nul-in-path"),
    P("http://www.gov.cn\x00.evil.com/", "unparseable", id="nul-in-host"),
    P("http://exa mple.com/", "unparseable", id="space-in-host"),
    P("http://[::1/", "unparseable", id="broken-ipv6"),
    # a host that is only a dot, and schemes behind Unicode spaces
    P("http://./", "empty-host", id="dot-host"),
    P("\u3000javascript:alert(1)", "hidden-scheme", id="javascript-ideographic-space"),
]

TRUSTED = [
    P("http://www.gov.cn", id="www.gov.cn"),
    P("www.gov.cn", id="bare-www-is-relative-path"),
    P("https://www.gov.cn/zhengce/", id="path"),
    P("http://www.hangzhou.gov.cn", id="city-site"),
    P("https://a.b.c.hangzhou.gov.cn/x", id="deep-subdomain"),
    P("https://gov.cn/", id="suffix-itself"),
    P("HTTPS://WWW.GOV.CN/", id="uppercase"),
    P("https://www.gov.cn:443/", id="default-port"),
    P("https://www.gov.cn:8443/", id="other-port"),
    P("https://www.gov.cn./", id="trailing-dot"),
    P("  https://www.gov.cn/  ", id="surrounding-spaces"),
    P("\nhttps://www.gov.cn/\t", id="surrounding-newline-tab"),
    P("https://www。gov。cn/", id="ideographic-dots"),
    P("https://ｗｗｗ.gov.cn/", id="fullwidth-letters"),
    P("https://www.gov.cn/search?q=中文&page=2", id="unicode-query"),
    P("https://www.gov.cn/s?q=https://evil.com", id="url-in-non-redirect-param"),
    P("https://www.gov.cn/r?url=https://www.hangzhou.gov.cn/a", id="redirect-to-trusted"),
    P("https://www.gov.cn/r?next=/zwgk/", id="redirect-relative"),
    P("https://www.gov.cn/r?r=0.123", id="redirect-name-plain-value"),
    P("https://mp.weixin.qq.com/s/AbCdEf", id="exact-host"),
    P("https://example.org/", id="wildcard-entry-apex"),
    P("https://a.example.org/", id="wildcard-entry-sub"),
    P("https://example.com/path/", id="path-prefix"),
    P("https://example.com/path/sub/a.html", id="under-path-prefix"),
    P("https://cdn.example.com/path/a.png", id="path-prefix-subdomain"),
    P("https://docs.example.net/guide", id="segment-exact"),
    P("https://docs.example.net/guide/intro", id="segment-child"),
    P("https://例子.中国/", id="idn-unicode"),
    P("https://xn--fsqu00a.xn--fiqs8s/", id="idn-punycode"),
    P("https://www.例子.中国/页面", id="idn-subdomain"),
    P("https://dwz.cn/abc", id="shortener-exact-entry"),
    P("/zwgk/a.html", id="relative-absolute-path"),
    P("a.html", id="relative-path"),
    P("../b.html", id="relative-parent"),
    P("?page=2", id="relative-query"),
    P("#top", id="fragment"),
    P("", id="empty-href"),
]


@pytest.mark.parametrize(("href", "reason"), BYPASSES)
def test_bypass_attempt_is_not_trusted(whitelist, href, reason):
    verdict = judge(href, whitelist)
    assert verdict.verdict != Verdict.TRUSTED, verdict
    assert reason in verdict.reasons, verdict


def test_bypass_table_is_big_enough():
    assert len(BYPASSES) >= 60


@pytest.mark.parametrize("href", TRUSTED)
def test_legitimate_link_is_trusted(whitelist, href):
    verdict = judge(href, whitelist)
    assert verdict.verdict == Verdict.TRUSTED, verdict
    assert verdict.verdict == "trusted"


@pytest.mark.parametrize(
    ("href", "host", "domain"),
    [
        ("https://www.gov.cn@evil.com", "evil.com", "evil.com"),
        ("https://evil.com\\@www.gov.cn", "evil.com", "evil.com"),
        ("http://www.hangzhou.gov.cn", "www.hangzhou.gov.cn", "hangzhou.gov.cn"),
        ("https://www.gov.cn./", "www.gov.cn", "www.gov.cn"),
        ("https://例子.中国/", "xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s"),
        ("https://gov.cn/", "gov.cn", None),
        ("https://a.b.github.io/", "a.b.github.io", "b.github.io"),
        ("http://3232235521/", "192.168.0.1", None),
        ("//evil.com/x", "evil.com", "evil.com"),
        ("/zwgk/a.html", "", None),
    ],
)
def test_reports_browser_host_and_registrable_domain(whitelist, href, host, domain):
    verdict = judge(href, whitelist)
    assert (verdict.host, verdict.registrable_domain) == (host, domain)


def test_reasons_for_a_plain_untrusted_link(whitelist):
    verdict = judge("https://www.example.net/a", whitelist)
    assert verdict.verdict == Verdict.UNTRUSTED
    assert verdict.reasons == ("not-whitelisted",)


def test_trusted_link_says_why(whitelist):
    assert judge("https://www.gov.cn/", whitelist).reasons == ("whitelisted",)
    assert judge("/zwgk/a.html", whitelist).reasons == ("relative",)


def test_suspicious_outranks_invalid(whitelist):
    verdict = judge("http://www.gov.cn\t\x00.evil.com/", whitelist)
    assert set(verdict.reasons) == {"control-chars", "unparseable"}
    assert verdict.verdict == Verdict.SUSPICIOUS


def test_unparseable_is_invalid(whitelist):
    verdict = judge("http://exa mple.com/", whitelist)
    assert verdict.verdict == Verdict.INVALID
    assert verdict.href is None


def test_mailto_and_tel_are_untrusted_not_suspicious(whitelist):
    for href in ("mailto:xinxi@gov.cn", "tel:12345"):
        verdict = judge(href, whitelist)
        assert (verdict.verdict, verdict.reasons) == (Verdict.UNTRUSTED, ("non-http",))


def test_href_is_what_the_browser_navigates_to(whitelist):
    assert judge("https://www.gov.cn@evil.com", whitelist).href == "https://www.gov.cn@evil.com/"
    assert judge("//evil.com/x", whitelist).href == "https://evil.com/x"
    assert judge("https://www%2egov%2ecn/", whitelist).href == "https://www.gov.cn/"
    assert judge("a.html", whitelist).href is None


def test_base_resolves_relative_links(whitelist):
    on_gov = judge("a.html", whitelist, base="https://www.gov.cn/zwgk/")
    assert (on_gov.verdict, on_gov.href) == (Verdict.TRUSTED, "https://www.gov.cn/zwgk/a.html")
    on_other = judge("/a.html", whitelist, base="https://evil.com/x/")
    assert (on_other.verdict, on_other.reasons) == (Verdict.UNTRUSTED, ("not-whitelisted",))
    escaped = judge("../other", whitelist, base="https://example.com/path/")
    assert escaped.verdict == Verdict.UNTRUSTED


def test_protocol_relative_takes_the_base_scheme(whitelist):
    verdict = judge("//www.gov.cn/a", whitelist, base="http://www.hangzhou.gov.cn/")
    assert verdict.href == "http://www.gov.cn/a"


def test_invalid_base_is_a_programming_error(whitelist):
    with pytest.raises(ValueError, match="base"):
        judge("a.html", whitelist, base="not a url")


def test_verdict_names_the_whitelist(whitelist):
    assert judge("https://www.gov.cn/", whitelist).whitelist_hash == whitelist.content_hash


def test_punycode_is_fine_on_a_whitelisted_host(whitelist):
    assert judge("https://xn--fsqu00a.xn--fiqs8s/", whitelist).reasons == ("whitelisted",)


def test_every_reason_has_a_severity(whitelist):
    hrefs = [p.values[0] for p in BYPASSES + TRUSTED] + ["https://www.gov.cn/"]
    seen = {r for href in hrefs for r in judge(href, whitelist).reasons}
    seen |= set(judge("https://evil.com", whitelist, text="www.gov.cn").reasons)
    assert seen == set(REASONS)


# 伪链: the anchor text claims one destination, the href goes elsewhere.
@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://evil.com/", "https://www.gov.cn/"),
        ("https://evil.com/", "www.gov.cn"),
        ("https://evil.com/", "点击访问 www.gov.cn 了解详情"),
        ("https://www.gov.cn@evil.com/", "https://www.gov.cn"),
        ("https://www.hangzhou.gov.cn/", "hangzhou.gov.cn.evil.com"),
        ("https://www.gov.cn/", "http://www.gоv.cn"),
        ("javascript:void(0)", "www.gov.cn"),
    ],
)
def test_text_naming_another_host_is_a_fake_link(whitelist, href, text):
    verdict = judge(href, whitelist, text=text)
    assert "text-href-mismatch" in verdict.reasons
    assert verdict.verdict == Verdict.SUSPICIOUS
    assert text_href_mismatch(href, text)


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://www.gov.cn/zhengce/", "https://www.gov.cn"),
        ("https://www.gov.cn/", "gov.cn"),
        ("http://www.gov.cn/", "WWW.GOV.CN"),
        ("https://www.gov.cn/", "中国政府网"),
        ("https://www.gov.cn/", "附件1.docx"),
        ("https://www.gov.cn/", "readme.md"),
        ("/zwgk/", "www.evil.com"),
    ],
)
def test_text_agreeing_with_href_is_not_a_fake_link(whitelist, href, text):
    verdict = judge(href, whitelist, text=text)
    assert "text-href-mismatch" not in verdict.reasons
    assert not text_href_mismatch(href, text)


def test_mismatch_uses_the_base(whitelist):
    assert text_href_mismatch("/a", "www.gov.cn", base="https://evil.com/")
    assert not text_href_mismatch("/a", "www.gov.cn", base="https://www.gov.cn/")
