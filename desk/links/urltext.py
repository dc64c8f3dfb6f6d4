"""Find URLs written as plain text, the way readers (and linkifiers) see them.

Three shapes are recognised: ``http(s)://...``; ``www.`` + a dotted host; and a bare
host whose last label is a top-level domain of the Public Suffix List (``example.top``,
``hangzhou.gov.cn/zwgk``), as readers type it into a browser and portals auto-link it.
The top-level label must be written in one case (``Mr.Wang`` is a name, not the .wang
domain) and not be a file extension that is also a country or brand domain (``readme.md``,
``setup.py``, ``名单.zip``). A URL ends at whitespace, at the
first CJK character, at full-width punctuation (，。；：！？、）】》“” ...) and at ``<>"```;
trailing ``.,:;!?'"*_~`` and unbalanced closing brackets are trimmed, as GitHub does::

    详见http://www.gov.cn/zhengce/获取更多  ->  http://www.gov.cn/zhengce/

Spans are code-point offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ada_url import URL

from desk.links.psl import top_level_domains

# Whitespace, controls, General Punctuation (quotes, dashes, zero-width), CJK blocks,
# CJK compatibility/vertical/small forms, full- and half-width forms, BOM, CJK ext. B+.
_STOP = (
    r"\s<>\"`\x00-\x1f\x7f-\x9f\u2000-\u206f\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    r"\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\ufeff\uff00-\uffef\U00020000-\U0003ffff"
)
_BODY = f"[^{_STOP}]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_URL_RE = re.compile(
    rf"(?<![A-Za-z0-9+.\-])(?i:https?)://{_BODY}+"
    rf"|(?<![A-Za-z0-9@._%+/\-])(?i:www)\.{_BODY}+"
    rf"|(?<![A-Za-z0-9@._%+/\-])(?:{_LABEL}\.)+(?P<tld>[A-Za-z]{{2,63}})(?![A-Za-z0-9\-])"
    rf"(?::[0-9]{{1,5}})?(?:[/?#]{_BODY}*)?"
)
# Top-level domains that are also everyday file extensions: a bare ``name.ext`` with one
# of these is a file, not a host (``www.`` or a scheme still makes it a link).
_FILE_EXTENSION_TLDS = frozenset(
    {"ai", "et", "md", "mov", "pl", "ps", "py", "rs", "sh", "so", "zip"}
)
# After ``www.``: at least one more dotted label and an alphabetic TLD.
_WWW_HOST_RE = re.compile(r"(?i:www)\.(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?:[:/?#]|$)")
_SCHEME_RE = re.compile(r"(?i:https?)://")
_TRAILING = frozenset(".,:;!?'\"*_~")
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def find_urls(text: str) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` span of every URL written in ``text``, in order."""
    for match in _URL_RE.finditer(text):
        url = _trim(match.group())
        tld = match.group("tld")  # set for a bare host only
        if tld is not None:
            if not _names_a_domain(tld):
                continue
        elif _SCHEME_RE.match(url):
            if not url[url.index("//") + 2 :].strip("/\\"):
                continue
        elif not _WWW_HOST_RE.match(url):
            continue
        yield match.start(), match.start() + len(url)


def browser_url(written: str) -> str:
    """What a reader who types a URL found by ``find_urls`` into a browser reaches: a
    bare host is taken as ``http://``."""
    return written if _SCHEME_RE.match(written) else f"http://{written}"


def host_of(written: str) -> str | None:
    """The ASCII host a URL found by ``find_urls`` names, or None if it does not parse."""
    try:
        url = URL(browser_url(written))
    except ValueError:
        return None
    return url.hostname.removesuffix(".") or None


def _names_a_domain(tld: str) -> bool:
    one_case = tld.islower() or tld.isupper()
    folded = tld.lower()
    return one_case and folded not in _FILE_EXTENSION_TLDS and folded in top_level_domains()


def _trim(url: str) -> str:
    """Drop trailing punctuation that belongs to the sentence, not the URL."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])
        if last not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url
