"""Turn an href into the URL a browser would actually navigate to (WHATWG, via ada).

Nothing downstream looks at the raw string: userinfo, backslashes, percent-encoded or
ideographic dots and IPv4 shorthand are all settled by the URL parser, exactly as in a
browser. What the parser silently forgives but a reviewer should hear about is recorded:
control or invisible format characters (``java\\tscript:``, a leading zero-width space,
bidi overrides) and a host written with percent-escapes.

Leading/trailing ASCII whitespace is stripped without comment, as browsers do: it is an
everyday authoring slip. Relative references need the page's URL; without a base they
are resolved against a sentinel so they still parse and can be reported as relative.
A protocol-relative ``//host/path`` without a base is taken as ``https:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ada_url import URL

_SENTINEL_BASE = "https://desk-relative.invalid/"
# WHATWG strips C0 controls and space from both ends before parsing.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_ASCII_WHITESPACE = frozenset(" \t\n\r\f")
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
# C0/C1 controls, DEL, and the invisible format characters used to disguise URLs.
_CONTROL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff]"
)
_PROTOCOL_RELATIVE_RE = re.compile(r"^[/\\]{2}")
_AUTHORITY_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?[/\\]*([^/\\?#]*)")


@dataclass(frozen=True, slots=True)
class Resolved:
    """The parsed URL (None if unparseable) plus what the parser quietly forgave."""

    url: URL | None
    relative: bool
    control_chars: bool
    encoded_host: bool


def resolve(href: str, base: str | None = None) -> Resolved:
    """Parse ``href`` as a browser would on a page at ``base``; ValueError if base is bad."""
    if base is not None and not URL.can_parse(base):
        raise ValueError(f"invalid base URL: {base!r}")
    core = href.strip(_C0_AND_SPACE)
    lead_and_trail = (
        href[: len(href) - len(href.lstrip(_C0_AND_SPACE))]
        + href[len(href.rstrip(_C0_AND_SPACE)) :]
    )
    control_chars = bool(_CONTROL_RE.search(core)) or not _ASCII_WHITESPACE.issuperset(
        lead_and_trail
    )
    compact = core.translate(_TAB_OR_NEWLINE)
    relative = False
    if base is not None:
        url = _parse(core, base)
    else:
        url = _parse(core)
        if url is None and _PROTOCOL_RELATIVE_RE.match(compact):
            compact = "https:" + compact
            url = _parse(compact)
        elif url is None:
            url = _parse(core, _SENTINEL_BASE)
            relative = url is not None
    encoded = url is not None and not relative and _host_was_encoded(compact, url)
    return Resolved(url, relative, control_chars, encoded)


def _parse(href: str, base: str | None = None) -> URL | None:
    try:
        return URL(href, base)
    except ValueError:
        return None


def _host_was_encoded(compact: str, url: URL) -> bool:
    """True if the host the browser used was written with percent-escapes."""
    match = _AUTHORITY_RE.match(compact)
    written = match.group(1).rpartition("@")[2] if match else ""
    if "%" not in written or not url.hostname:
        return False
    as_host = _parse(f"http://{written}/")
    return as_host is not None and as_host.hostname == url.hostname
