"""The stdlib HTML parser, made safe for any input, able to say where it is, and nesting
elements as a browser does.

Every HTML reader in Desk (visible text, link extraction, hiding, rendering) parses with
this class, so all of them agree on where each tag starts and which elements are open.
``html.parser`` only cuts the markup into tags and text; this class keeps the one stack
of open elements, with the rules of HTML5 tree construction that decide what a reader
sees:

* void elements (``<br>``, ``<img>`` …) never stay open, and the ``/`` of ``<div/>`` is
  ignored; ``</br>`` is a ``<br>``;
* an end tag closes the innermost open element of its name and everything inside it; an
  end tag with no open element of its name is ignored;
* an ``<a>`` closes an open ``<a>``;
* ``<head>`` closes at the first start tag that does not belong in it (a page that never
  closes its head still shows its body);
* ``<svg>`` and ``<math>`` open foreign content, where ``<x/>`` closes at once. An HTML
  start tag such as ``<p>``, ``<div>``, ``<img>`` or ``<table>`` (``BREAKOUT_TAGS``, and
  ``<font>`` with a colour, face or size) closes the foreign elements and is read as
  HTML, and so do ``</p>`` and ``</br>``: an unclosed ``<svg>`` ends where a browser ends
  it, instead of swallowing the rest of the page. Inside an integration point (SVG
  ``foreignObject desc title``, MathML ``mi mo mn ms mtext``, ``annotation-xml`` holding
  HTML) HTML belongs and stays inside;
* at the end of the document every open element closes.

Readers get the result as events: ``start_element(tag, attrs)`` when an element opens
(entities decoded, the first of duplicate attributes wins) and ``end_element(tag)`` when
it closes, exactly once each, innermost first (a void element closes at once); the
element is on the stack (``depth`` counts it) during both. Text arrives as
``handle_data``. Not modelled, since they move elements or split them but never hide
text: implied end tags (``<p>`` in ``<p>``), the adoption agency, foster parenting in
tables (``desk.render`` writes tables so that nothing is fostered), and raw text beyond
``<script>`` and ``<style>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_NEWLINE = re.compile(r"\n")

VOID_ELEMENTS = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
     "keygen", "link", "meta", "param", "source", "track", "wbr"}
)  # fmt: skip
# Elements that start and end a line of text: the visible text breaks the line there, and
# the render keeps a line boundary there (a paragraph, a cell, or a <br>).
BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
     "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
     "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
     "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre",
     "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
     "ul"}
)  # fmt: skip
# Elements whose content is not published: scripts and styles, document metadata, embedded
# and foreign content (svg, math), media and their fallbacks, form controls and inert
# templates. The render removes them with what they hold; the visible text leaves it out.
UNSHOWN_ELEMENTS = frozenset(
    {"script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
     "embed", "applet", "svg", "math", "textarea", "select", "title", "head", "noembed",
     "noframes", "xmp", "canvas", "audio", "video", "map", "datalist", "input", "option",
     "optgroup", "param", "source", "track", "link", "meta", "base", "portal"}
)  # fmt: skip
# In foreign content, these start tags close the foreign elements and are read as HTML.
BREAKOUT_TAGS = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
     "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
     "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
     "strike", "sub", "sup", "table", "tt", "u", "ul", "var"}
)  # fmt: skip
_FONT_BREAKOUT = frozenset({"color", "face", "size"})
_IN_HEAD = frozenset(
    {"base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style",
     "script", "template", "head"}
)  # fmt: skip
_HTML, _SVG, _MATHML = "html", "svg", "math"
# Where, inside foreign content, start tags are read as HTML again.
_HTML_POINT, _TEXT_POINT, _ANNOTATION = "html", "text", "annotation"
_SVG_HTML_POINTS = frozenset({"foreignobject", "desc", "title"})
_MATHML_TEXT_POINTS = frozenset({"mi", "mo", "mn", "ms", "mtext"})
_HTML_ENCODINGS = frozenset({"text/html", "application/xhtml+xml"})


class TolerantHTMLParser(HTMLParser):
    """``html.parser`` minus its one crash (SGML marked sections), with raw offsets and the
    browser's open elements (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        self._open: list[tuple[str, str, str]] = []  # tag, namespace, integration point
        self._open_count: dict[str, int] = {}  # open elements by tag: stray ends cost O(1)

    # -- what readers implement ------------------------------------------------------

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        """An element opened (it is the innermost open element now)."""

    def end_element(self, tag: str) -> None:
        """The innermost open element, ``tag``, closes."""

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._open)

    def parse_document(self, html: str) -> None:
        """Feed a whole document and close; `raw_offset()` is valid inside the handlers."""
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(html)]
        self.feed(html)
        self.close()

    def raw_offset(self) -> int:
        """Code-point offset in the document of the construct being handled."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # -- tree construction -----------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "br") and self._in_foreign_content():
            self._leave_foreign_content()
        if tag == "br":
            self._start("br", [], self_closing=False)
        elif self._open_count.get(tag):
            self._close(tag)

    def close(self) -> None:
        super().close()
        while self._open:
            self._pop()

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        stack, counts = self._open, self._open_count
        if stack and stack[-1][1] != _HTML and not self._html_start_tag(tag):
            if tag in BREAKOUT_TAGS or (tag == "font" and not _FONT_BREAKOUT.isdisjoint(values)):
                self._leave_foreign_content()
            else:
                self._push(tag, values, stack[-1][1], self_closing)
                return
        if counts.get("head") and tag not in _IN_HEAD:
            self._close("head")
        if tag == "a" and counts.get("a"):
            self._close("a")
        if tag in (_SVG, _MATHML):
            self._push(tag, values, tag, self_closing)
            return
        stack.append((tag, _HTML, ""))  # the common case, inline: big pages have many tags
        counts[tag] = counts.get(tag, 0) + 1
        self.start_element(tag, values)
        if tag in VOID_ELEMENTS:
            self._pop()

    def _in_foreign_content(self) -> bool:
        """Whether the innermost open element is an SVG or MathML one (an HTML start tag
        there may close it)."""
        return bool(self._open) and self._open[-1][1] != _HTML

    def _html_start_tag(self, tag: str) -> bool:
        """Whether a start tag inside the innermost (foreign) element is read as HTML."""
        point = self._open[-1][2]
        return (
            point == _HTML_POINT
            or (point == _TEXT_POINT and tag not in ("mglyph", "malignmark"))
            or (point == _ANNOTATION and tag == _SVG)
        )

    def _leave_foreign_content(self) -> None:
        """Close foreign elements up to an HTML element or an integration point."""
        while self._open and self._open[-1][1] != _HTML:
            if self._open[-1][2] in (_HTML_POINT, _TEXT_POINT):
                return
            self._pop()

    def _push(self, tag: str, attrs: dict[str, str], namespace: str, closes: bool) -> None:
        """Open a foreign element (void ones when they are ``<x/>``)."""
        self._open.append((tag, namespace, _integration_point(tag, attrs, namespace)))
        self._open_count[tag] = self._open_count.get(tag, 0) + 1
        self.start_element(tag, attrs)
        if closes:
            self._pop()

    def _pop(self) -> None:
        tag = self._open[-1][0]
        self.end_element(tag)
        self._open.pop()
        self._open_count[tag] -= 1

    def _close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything inside it."""
        while self._open:
            closed = self._open[-1][0]
            self._pop()
            if closed == tag:
                return

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Read ``<![...`` up to the next ``>`` as a comment, as HTML5 does.

        The stdlib parses it as an SGML marked section and raises AssertionError on
        ``<![`` followed by anything unexpected.
        """
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1


def _integration_point(tag: str, attrs: dict[str, str], namespace: str) -> str:
    if namespace == _SVG:
        return _HTML_POINT if tag in _SVG_HTML_POINTS else ""
    if namespace == _MATHML:
        if tag in _MATHML_TEXT_POINTS:
            return _TEXT_POINT
        if tag == "annotation-xml":
            encoding = attrs.get("encoding", "").lower()
            return _HTML_POINT if encoding in _HTML_ENCODINGS else _ANNOTATION
    return ""
