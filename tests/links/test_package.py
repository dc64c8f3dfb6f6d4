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
