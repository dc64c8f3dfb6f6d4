"""Families of links that once went out wrong, each as a table of our own cases.

Modelled on what outside suites found (URL-validation bypass lists, the WHATWG URL
tests): a bare domain in running text taken for a relative link, a URL dressed up with a
trusted host's name, a host that is only a dot, a scheme behind a Unicode space.
"""

from __future__ import annotations

import pytest

from desk.links import extract_links_from_text, judge
from desk.links.verdict import Verdict
from desk.review.links import check_links

P = pytest.param

# Running text: (text, the URL found, its verdict, a reason it must carry).
BARE_DOMAINS_IN_TEXT = [
    P("欢迎访问www.example-casino.com了解详情", "www.example-casino.com", "untrusted",
      "not-whitelisted", id="www-glued-to-chinese"),
    P("访问example-casino.top领取", "example-casino.top", "untrusted", "not-whitelisted",
      id="new-gtld"),
    P("登录bet365.xyz/login即可", "bet365.xyz/login", "untrusted", "not-whitelisted",
      id="gtld-with-path"),
    P("详见 lucky.wang 。", "lucky.wang", "untrusted", "not-whitelisted", id="pinyin-gtld"),
    P("网址：EXAMPLE.COM", "EXAMPLE.COM", "untrusted", "not-whitelisted", id="uppercase"),
    P("见a.b.example.shop/x?y=1", "a.b.example.shop/x?y=1", "untrusted", "not-whitelisted",
      id="deep-host-query"),
    P("参见hangzhou.gov.cn/zwgk的内容", "hangzhou.gov.cn/zwgk", "trusted", "whitelisted",
      id="trusted-bare"),
    P("访问www.gov.cn了解", "www.gov.cn", "trusted", "whitelisted", id="trusted-www"),
    P("打开evil.com#@www.gov.cn查看", "evil.com#@www.gov.cn", "suspicious", "disguised-host",
      id="disguised-in-text"),
    P("登录example.com:8080/login即可", "example.com:8080/login", "untrusted", "not-whitelisted",
      id="port"),
]  # fmt: skip

NOT_HOSTS_IN_TEXT = [
    P("请阅读readme.md和setup.py", id="file-extension-tlds"),
    P("附件：名单.zip、data.zip、run.sh", id="archive-and-script"),
    P("报告见report.docx与table.xlsx", id="office-files"),
    P("致Mr.Wang先生", id="name-not-wang-domain"),
    P("见No.5文件和Fig.3", id="abbreviations"),
    P("版本v1.2.3发布", id="version"),
    P("e.g. 例如，i.e. 即", id="latin-abbreviations"),
    P("邮箱：xinxi@hangzhou.gov.cn", id="email"),
]

# (href, a reason the verdict must carry): a trusted name outside the host.
DISGUISED = [
    P("https://evil.com\\@www.gov.cn/", id="backslash-at"),
    P("https://evil.com/www.gov.cn/", id="path"),
    P("https://evil.com#@www.gov.cn", id="fragment-at"),
    P("https://evil.com#www.gov.cn", id="fragment"),
    P("https://evil.com/?u=www.gov.cn", id="query"),
    P("https://evil.com/a;www.hangzhou.gov.cn", id="path-parameter"),
    P("https://evil.com/%77ww.gov.cn/", id="percent-encoded-letter"),
    P("https://evil.com/www%2egov%2ecn/", id="percent-encoded-dots"),
    P("https://WWW.GOV.CN.evil.com/WWW.GOV.CN", id="uppercase"),
    P("https://user@evil.com/www.gov.cn", id="with-userinfo"),
]
NOT_DISGUISED = [
    P("https://www.gov.cn/www.hangzhou.gov.cn/", Verdict.TRUSTED, id="trusted-host"),
    P("https://evil.com/index.html", Verdict.UNTRUSTED, id="file-name-in-path"),
    P("https://evil.com/news/gov.cn.example/", Verdict.UNTRUSTED, id="untrusted-name"),
]

EMPTY_HOSTS = [
    P("http://./", id="dot"),
    P("https://。/", id="ideographic-dot"),
    P("https://．/", id="fullwidth-dot"),
    P("http://.:8080/", id="dot-with-port"),
    P("http://%2e/", id="encoded-dot"),
]

SPACES = {
    "nbsp": "\u00a0", "ideographic": "\u3000", "line-separator": "\u2028",
    "paragraph-separator": "\u2029", "em-space": "\u2003", "narrow-nbsp": "\u202f",
    "math-space": "\u205f", "zero-width": "\u200b", "bom": "\ufeff", "two": "\u3000\u00a0",
}  # fmt: skip
HIDDEN_SCHEMES = [
    P(space + scheme, id=f"{name}-{scheme[:-1]}")
    for name, space in SPACES.items()
    for scheme in ("javascript:", "JavaScript:", "vbscript:", "data:", "file:")
]


@pytest.mark.parametrize(("text", "url", "verdict", "reason"), BARE_DOMAINS_IN_TEXT)
def test_a_domain_in_running_text_is_an_outbound_link(whitelist, text, url, verdict, reason):
    [link] = extract_links_from_text(text)
    assert link.url == url
    judged = judge(link.url, whitelist, in_text=True)
    assert (judged.verdict, judged.url) == (verdict, url)
    assert reason in judged.reasons
    assert "relative" not in judged.reasons


@pytest.mark.parametrize("text", NOT_HOSTS_IN_TEXT)
def test_words_with_dots_are_not_hosts(text):
    assert extract_links_from_text(text) == []


def test_a_bare_domain_in_markup_stays_relative(whitelist):
    """In an href, a browser takes ``www.example.com`` as a path on the publishing site."""
    assert judge("www.example.com", whitelist).reasons == ("relative",)


@pytest.mark.parametrize("href", DISGUISED)
def test_a_trusted_name_outside_the_host_is_a_fake_link(whitelist, href):
    judged = judge(href, whitelist)
    assert judged.verdict == Verdict.SUSPICIOUS
    assert "disguised-host" in judged.reasons
    assert judged.host.lower().endswith("evil.com")


@pytest.mark.parametrize(("href", "verdict"), NOT_DISGUISED)
def test_other_names_in_a_url_are_no_disguise(whitelist, href, verdict):
    judged = judge(href, whitelist)
    assert judged.verdict == verdict
    assert "disguised-host" not in judged.reasons


def test_the_finding_names_the_real_host(whitelist):
    text = "请访问https://evil.com/www.gov.cn/办理"
    _reports, [finding] = check_links(text, "body", whitelist)
    assert finding.severity == "block"
    assert "实际去向 evil.com" in finding.message


@pytest.mark.parametrize("href", EMPTY_HOSTS)
def test_a_host_of_only_a_dot_is_invalid(whitelist, href):
    judged = judge(href, whitelist)
    assert judged.verdict in (Verdict.INVALID, Verdict.SUSPICIOUS)
    assert "empty-host" in judged.reasons or "unparseable" in judged.reasons
    assert "whitelisted" not in judged.reasons


@pytest.mark.parametrize("href", HIDDEN_SCHEMES)
def test_a_scheme_behind_a_unicode_space_is_suspicious(whitelist, href):
    judged = judge(href + "alert(1)", whitelist)
    assert judged.verdict == Verdict.SUSPICIOUS
    assert {"hidden-scheme", "control-chars", "scheme"} & set(judged.reasons)


def test_a_relative_path_behind_a_space_stays_relative(whitelist):
    assert judge("\u3000/zwgk/a.html", whitelist).reasons == ("relative",)
