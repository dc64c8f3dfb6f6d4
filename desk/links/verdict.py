"""Judge one link against the whitelist, looking at it the way a browser would.

The URL is parsed by ada (WHATWG), so ``https://www.gov.cn@evil.com`` is judged by its
real host ``evil.com``. Each finding is a reason id; the verdict is the most severe
reason's (suspicious > invalid > untrusted > trusted), see ``REASONS``.

Decisions:

* ``javascript:``, ``vbscript:``, ``data:``, ``file:`` are suspicious (``scheme``): they run
  code or reach the reader's disk. Every other non-web scheme (``mailto:``, ``tel:``,
  ``ftp:`` ...) is ``untrusted`` (``non-http``): not an outbound web link, so the
  whitelist cannot vouch for it, but nothing deceptive either; a human glances at it.
* A relative link without a base (``/zwgk/a.html``, ``a.html``, ``#top``) stays on the
  publishing site: ``trusted``, reason ``relative``. With a base it is resolved and judged.
  That holds for markup only: a URL written in running text (``in_text``) is what readers
  type into a browser, so ``www.example.com`` there is ``http://www.example.com``.
* A trusted host's name in the user-info, path, query or fragment of a URL that leads
  elsewhere (``https://evil.com/www.gov.cn/``, ``evil.com#@www.gov.cn``) is a disguise:
  suspicious (``disguised-host``, 伪链); the verdict's ``host`` names the real one.
* A web URL with no host left once its trailing dot is gone (``http://./``) is invalid.
* A dangerous scheme behind a Unicode space or an invisible character
  (``\u3000javascript:``) can't run, but nobody writes that by accident: suspicious.
* Ports are ignored: the whitelist trusts hosts and paths.
* A host written with percent-escapes is suspicious (``encoded-host``) even when it
  decodes to a trusted host: nobody writes that but to fool a reviewer. Ideographic and
  full-width dots or letters (``www。gov。cn``) are IME slips; they are judged by the host
  the browser reaches.
* Shorteners are suspicious unless an exact ``=host`` entry names them.
* Punycode is suspicious on a host the whitelist does not trust, invalid punycode and
  mixed-script labels always.
* ``judge`` takes attribute values with HTML entities already decoded, as ``extract``
  returns them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import unquote

from ada_url import URL, HostType

from desk.links.idn import ACE_PREFIX, decode_label, is_mixed_script
from desk.links.psl import registrable_domain
from desk.links.redirect import redirect_targets
from desk.links.resolve import resolve
from desk.links.shorteners import is_shortener
from desk.links.urltext import browser_url, find_urls, host_of
from desk.links.whitelist import Whitelist


class Verdict(StrEnum):
    """How far a link can be trusted; compares equal to its string value."""

    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"
    SUSPICIOUS = "suspicious"
    INVALID = "invalid"


REASONS: dict[str, Verdict] = {
    "whitelisted": Verdict.TRUSTED,  # host (and path) covered by a whitelist entry
    "relative": Verdict.TRUSTED,  # relative link without a base: stays on the site
    "not-whitelisted": Verdict.UNTRUSTED,  # web link to a host the whitelist does not cover
    "non-http": Verdict.UNTRUSTED,  # mailto:, tel:, ftp: ... not a web link
    "unparseable": Verdict.INVALID,  # a browser could not follow it
    "empty-label": Verdict.INVALID,  # host with an empty label (a..b, www.gov.cn..)
    "scheme": Verdict.SUSPICIOUS,  # javascript:, vbscript:, data:, file:
    "userinfo": Verdict.SUSPICIOUS,  # user:pass@ before the host
    "ip-host": Verdict.SUSPICIOUS,  # IPv4 in any notation, or IPv6
    "encoded-host": Verdict.SUSPICIOUS,  # host written with percent-escapes
    "punycode": Verdict.SUSPICIOUS,  # xn-- label on an untrusted host, or invalid punycode
    "mixed-script": Verdict.SUSPICIOUS,  # label mixing scripts (Cyrillic о in gоv)
    "shortener": Verdict.SUSPICIOUS,  # URL shortener hides the destination
    "redirect-param": Verdict.SUSPICIOUS,  # ?url=... forwards to an untrusted target
    "control-chars": Verdict.SUSPICIOUS,  # control/invisible characters inside the URL
    "text-href-mismatch": Verdict.SUSPICIOUS,  # visible text names another host (伪链)
    "disguised-host": Verdict.SUSPICIOUS,  # a trusted host named in the path, query ... (伪链)
    "hidden-scheme": Verdict.SUSPICIOUS,  # javascript: etc. behind a Unicode space
    "empty-host": Verdict.INVALID,  # a web URL whose host is only a dot (http://./)
}
_SEVERITY_ORDER = (Verdict.SUSPICIOUS, Verdict.INVALID, Verdict.UNTRUSTED, Verdict.TRUSTED)
_WEB_SCHEMES = frozenset({"http", "https"})
_DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
_MAX_REDIRECT_DEPTH = 2
# A host name as written inside a URL's other parts (percent-escapes decoded first).
_HOST_LIKE_RE = re.compile(r"(?<![A-Za-z0-9-])(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]+")
_SCHEME_PREFIX_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


@dataclass(frozen=True, slots=True)
class LinkVerdict:
    """The verdict on one link, with the reasons and the whitelist that produced it."""

    url: str  # as given
    verdict: Verdict
    reasons: tuple[str, ...]  # reason ids, see REASONS
    href: str | None  # where a browser goes; None if unparseable or relative without base
    host: str  # ASCII (punycode) host without trailing dot; "" when there is none
    registrable_domain: str | None  # eTLD+1 for reporting; None for IPs and bare suffixes
    whitelist_hash: str  # Whitelist.content_hash of the whitelist that judged it


def judge(
    url: str,
    whitelist: Whitelist,
    *,
    base: str | None = None,
    text: str | None = None,
    in_text: bool = False,
) -> LinkVerdict:
    """Judge ``url`` (``text``: the anchor's visible text, if any; ``in_text``: the URL is
    written in running text, as ``find_urls`` finds it, not in markup).

    ``base`` is the URL of the page the link appears on; ValueError if it is invalid.
    """
    if in_text:
        return replace(_judge(browser_url(url), whitelist, base, text, 0), url=url)
    return _judge(url, whitelist, base, text, 0)


def text_href_mismatch(url: str, text: str, *, base: str | None = None) -> bool:
    """True when ``text`` names a URL or domain whose host is not the link's (伪链)."""
    resolved = resolve(url, base)
    if resolved.url is None or resolved.relative:
        return False
    return _names_other_host(text, _host(resolved.url))


def _judge(
    url: str, whitelist: Whitelist, base: str | None, text: str | None, depth: int
) -> LinkVerdict:
    resolved = resolve(url, base)
    parsed = resolved.url
    reasons: list[str] = ["control-chars"] if resolved.control_chars else []
    host = ""
    if parsed is None:
        reasons.append("unparseable")
    elif resolved.relative:
        reasons.append("hidden-scheme" if _hides_a_scheme(url) else "relative")
    else:
        host = _host(parsed)
        reasons += _url_reasons(parsed, host, resolved.encoded_host, whitelist)
        if text is not None and _names_other_host(text, host):
            reasons.append("text-href-mismatch")
    if (
        parsed is not None
        and depth < _MAX_REDIRECT_DEPTH
        and _worst(reasons) is Verdict.TRUSTED
        and _redirects_elsewhere(parsed, whitelist, depth)
    ):
        reasons.append("redirect-param")
    domain = registrable_domain(host) if host and parsed.host_type == HostType.DEFAULT else None
    return LinkVerdict(
        url=url,
        verdict=_worst(reasons),
        reasons=tuple(reasons),
        href=None if parsed is None or resolved.relative else parsed.href,
        host=host,
        registrable_domain=domain,
        whitelist_hash=whitelist.content_hash,
    )


def _host(url: URL) -> str:
    return url.hostname.removesuffix(".")


def _url_reasons(url: URL, host: str, encoded_host: bool, whitelist: Whitelist) -> list[str]:
    scheme = url.protocol.removesuffix(":")
    if scheme in _DANGEROUS_SCHEMES:
        return ["scheme"]
    web = scheme in _WEB_SCHEMES
    reasons = [] if web else ["non-http"]
    if not host:
        return [*reasons, "empty-host"] if web else reasons
    if url.username or url.password:
        reasons.append("userinfo")
    if url.host_type != HostType.DEFAULT:
        return [*reasons, "ip-host"]
    if encoded_host:
        reasons.append("encoded-host")
    labels = host.split(".")
    if "" in labels:
        return [*reasons, "empty-label"]
    entry = whitelist.match(host, url.pathname) if web else None
    ace_labels = [label for label in labels if label.startswith(ACE_PREFIX)]
    decoded = [decode_label(label) for label in ace_labels]
    if None in decoded or (ace_labels and entry is None):
        reasons.append("punycode")
    if any(label is not None and is_mixed_script(label) for label in decoded):
        reasons.append("mixed-script")
    if is_shortener(host) and not (entry and entry.exact):
        reasons.append("shortener")
    if web:
        reasons.append("whitelisted" if entry else "not-whitelisted")
    if web and entry is None and _names_a_trusted_host(url, whitelist):
        reasons.append("disguised-host")
    return reasons


def _names_a_trusted_host(url: URL, whitelist: Whitelist) -> bool:
    """Whether a host the whitelist trusts is written somewhere in the URL but its host."""
    rest = unquote(" ".join((url.username, url.password, url.pathname, url.search, url.hash)))
    return any(
        whitelist.match(name.lower().strip("."), "/") is not None
        for name in _HOST_LIKE_RE.findall(rest)
    )


def _hides_a_scheme(url: str) -> bool:
    """A dangerous scheme after leading spaces or invisible characters that the URL
    parser does not strip (U+00A0, U+3000, U+2028, zero-width ...)."""
    start = 0
    while start < len(url) and (url[start].isspace() or unicodedata.category(url[start])[0] == "C"):
        start += 1
    scheme = _SCHEME_PREFIX_RE.match(url, start)
    return start > 0 and scheme is not None and scheme.group(1).lower() in _DANGEROUS_SCHEMES


def _redirects_elsewhere(url: URL, whitelist: Whitelist, depth: int) -> bool:
    return any(
        _judge(target, whitelist, None, None, depth + 1).verdict is not Verdict.TRUSTED
        for target in redirect_targets(url.search)
    )


def _names_other_host(text: str, host: str) -> bool:
    own = _site(host)
    for start, end in find_urls(text):
        named = host_of(text[start:end])
        if named is not None and _site(named) != own:
            return True
    return False


def _site(host: str) -> str:
    """Hosts that differ only by a leading ``www.`` are the same site for a reader."""
    return host.lower().removeprefix("www.")


def _worst(reasons: list[str]) -> Verdict:
    present = {REASONS[reason] for reason in reasons}
    return next((v for v in _SEVERITY_ORDER if v in present), Verdict.TRUSTED)
