"""The package surface: the small public API, lazy tldextract, no network ever."""

import subprocess
import sys
import textwrap

import desk.links


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_public_api():
    assert sorted(desk.links.__all__) == [
        "ExtractedLink",
        "LinkVerdict",
        "Whitelist",
        "WhitelistError",
        "extract_links_from_html",
        "extract_links_from_text",
        "judge",
        "load_default_whitelist",
        "load_whitelist",
        "parse_whitelist",
    ]
    assert all(hasattr(desk.links, name) for name in desk.links.__all__)
    assert desk.links.__doc__


def test_importing_the_package_does_not_import_tldextract():
    result = run_python(
        """
        import sys
        import desk.links
        print("tldextract" in sys.modules)
        """
    )
    assert result.stdout.strip() == "False", result.stderr


def test_registrable_domain_lookup_never_touches_the_network():
    result = run_python(
        """
        import socket

        def refuse(*args, **kwargs):
            raise AssertionError("network access")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from desk.links import judge, parse_whitelist

        verdict = judge("https://www.hangzhou.gov.cn/", parse_whitelist("gov.cn"))
        print(verdict.registrable_domain)
        """
    )
    assert result.stdout.strip() == "hangzhou.gov.cn", result.stderr


def test_reasons_are_described_in_chinese_once_each():
    from desk.links.labels import describe

    assert (
        describe(["not-whitelisted", "shortener"])
        == "不在可信域名白名单内；短网址，无法确认真实去向"
    )
    assert describe(["ancestor:display-none", "display-none"]) == (
        "display:none（在上级元素上）；display:none"
    )
    assert describe(["no-such-reason"]) == "no-such-reason"


def test_every_reason_id_has_a_label():
    from desk.links.labels import HIDDEN_LABELS, REASON_LABELS
    from desk.links.verdict import REASONS

    assert set(REASONS) <= set(REASON_LABELS)
    assert {"display-none", "font-size-zero", "off-screen", "noscript"} <= set(HIDDEN_LABELS)
