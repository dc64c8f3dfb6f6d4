"""URL extraction, trusted-domain policy and hidden-link detection.

Plain Python, no Qt. Links are judged as a browser resolves them (WHATWG URL parsing by
ada), never by string matching:

* ``parse_whitelist`` / ``load_whitelist`` read the desk's whitelist (``whitelist``);
* ``judge`` gives a ``LinkVerdict`` (trusted / untrusted / suspicious / invalid, with
  reason ids) for one link (``verdict``);
* ``extract_links_from_text`` / ``extract_links_from_html`` find links with their spans,
  anchor text, 伪链 and 暗链 marks (``extract``, ``hidden``).

tldextract (registrable domains) is imported on first use only, and never downloads.
"""

from desk.links.extract import ExtractedLink, extract_links_from_html, extract_links_from_text
from desk.links.verdict import LinkVerdict, judge
from desk.links.whitelist import (
    Whitelist,
    WhitelistError,
    load_default_whitelist,
    load_whitelist,
    parse_whitelist,
)

__all__ = [
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
