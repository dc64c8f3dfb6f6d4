"""Find every link in plain text or raw HTML, with where it is and whether a reader sees it.

HTML is read with the standard library's tolerant ``html.parser`` (broken markup never
raises), attribute values come back with entities decoded, exactly what a browser would
follow. Links are taken from::

    a/area/link/base[href]  img/iframe/frame/script/source/video/audio/embed/track/input[src]
    img/source[srcset] (every candidate)  object[data]  form[action]  button/input[formaction]
    video[poster]  body/table/tr/td/th[background]  meta[http-equiv=refresh][content]
    style="...url(...)"  <style> url(...) and @import

Spans are code-point offsets into the input: the URL itself for plain text and <style>
blocks, the element's start tag for attributes. Hiding is judged on the raw markup by
``hidden.VisibilityTracker`` (every <style> block is read first: a rule applies wherever
it appears in the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.documents.html_parser import TolerantHTMLParser
from desk.links import css
from desk.links.hidden import VisibilityTracker
from desk.links.urltext import find_urls

_URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "area": ("href",),
    "link": ("href",),
    "base": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "script": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "input": ("src", "formaction"),
    "object": ("data",),
    "form": ("action",),
    "button": ("formaction",),
    "body": ("background",),
    "table": ("background",),
    "tr": ("background",),
    "td": ("background",),
    "th": ("background",),
}
_RAW_TEXT_ELEMENTS = frozenset({"script", "style"})
_HTML_WHITESPACE = " \t\n\r\f"
_REFRESH_RE = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:(?i:url)\s*=\s*)?([\"']?)(.+?)\1\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ExtractedLink:
    """One link as written (entities decoded), where it is, and whether it is hidden.

    ``tag``/``attribute`` are None for plain text (``attribute`` is None for <style>
    blocks too); ``text`` is an anchor's visible text, which ``judge(url, text=...)``
    compares with the href to spot a 伪链.
    """

    url: str
    start: int
    end: int
    tag: str | None = None
    attribute: str | None = None
    text: str | None = None
    hidden_reasons: tuple[str, ...] = ()

    @property
    def hidden(self) -> bool:
        """True when a reader of the rendered page cannot see the link (暗链)."""
        return bool(self.hidden_reasons)


def extract_links_from_text(text: str) -> list[ExtractedLink]:
    """Bare URLs in plain text (see ``urltext``), in order."""
    return [ExtractedLink(text[start:end], start, end) for start, end in find_urls(text)]


def extract_links_from_html(html: str) -> list[ExtractedLink]:
    """Every link in a raw HTML string, in document order."""
    parser = _LinkParser(VisibilityTracker.for_document(html))
    parser.parse_document(html)
    return sorted(parser.links, key=lambda link: link.start)


def srcset_urls(srcset: str) -> list[str]:
    """The URL of each ``srcset`` candidate (HTML's algorithm: data: URLs keep their commas)."""
    found = []
    pos, size = 0, len(srcset)
    while True:
        while pos < size and (srcset[pos] in _HTML_WHITESPACE or srcset[pos] == ","):
            pos += 1
        if pos >= size:
            return found
        start = pos
        while pos < size and srcset[pos] not in _HTML_WHITESPACE:
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            pos = _skip_descriptors(srcset, pos)
        if url:
            found.append(url)


def _skip_descriptors(srcset: str, pos: int) -> int:
    """Move past a candidate's descriptors (``2x``, ``100w``) to after its comma."""
    depth = 0
    while pos < len(srcset):
        char = srcset[pos]
        pos += 1
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            break
    return pos


@dataclass(slots=True)
class _OpenAnchor:
    href: str
    start: int
    end: int
    hidden_reasons: tuple[str, ...]
    depth: int
    text: list[str]


class _LinkParser(TolerantHTMLParser):
    """Second pass: links with their positions, anchor texts and hiding reasons."""

    def __init__(self, tracker: VisibilityTracker) -> None:
        super().__init__()
        self.links: list[ExtractedLink] = []
        self._tracker = tracker
        self._anchor: _OpenAnchor | None = None
        self._raw_text: str | None = None
        self._style_text: list[str] = []
        self._style_start = 0

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "a":
            self._close_anchor()  # an <a> inside foreign content may sit in an open one
        start = self.raw_offset()
        end = start + len(self.get_starttag_text() or "")
        reasons = self._tracker.enter(tag, attrs)
        for attribute, url in _attribute_urls(tag, attrs):
            self.links.append(ExtractedLink(url, start, end, tag, attribute, None, reasons))
        for url, _, _ in css.urls(attrs.get("style", "")):
            self.links.append(ExtractedLink(url, start, end, tag, "style", None, reasons))
        if tag == "a" and "href" in attrs:
            self._anchor = _OpenAnchor(attrs["href"], start, end, reasons, self.depth, [])
        if tag in _RAW_TEXT_ELEMENTS:
            self._raw_text = tag
            self._style_text = []
            self._style_start = end

    def end_element(self, tag: str) -> None:
        if tag == self._raw_text:
            self._finish_raw_text()
        self._tracker.leave()
        if self._anchor and self.depth <= self._anchor.depth:
            self._close_anchor()

    def handle_data(self, data: str) -> None:
        if self._raw_text == "style":
            self._style_text.append(data)
        elif self._raw_text is None and self._anchor:
            self._anchor.text.append(data)

    def _finish_raw_text(self) -> None:
        if self._raw_text == "style":
            block = "".join(self._style_text)
            for url, start, end in css.urls(block):
                at = self._style_start + start
                self.links.append(ExtractedLink(url, at, self._style_start + end, "style"))
        self._raw_text = None

    def _close_anchor(self) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None:
            return
        text = " ".join("".join(anchor.text).split())
        self.links.append(
            ExtractedLink(
                anchor.href,
                anchor.start,
                anchor.end,
                tag="a",
                attribute="href",
                text=text,
                hidden_reasons=anchor.hidden_reasons,
            )
        )


def _attribute_urls(tag: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """``(attribute, url)`` pairs of an element; an anchor's href waits for its text."""
    found = []
    for attribute in _URL_ATTRIBUTES.get(tag, ()):
        if attribute not in values:
            continue
        if attribute == "srcset":
            found += [(attribute, url) for url in srcset_urls(values[attribute])]
        else:
            found.append((attribute, values[attribute]))
    refresh = values.get("http-equiv", "").strip().lower() == "refresh"
    if tag == "meta" and refresh and (match := _REFRESH_RE.match(values.get("content", ""))):
        found.append(("content", match.group(2)))
    return found
