"""The visible text of an HTML draft, as a reader sees it.

Inline markup adds nothing, so 百<b>家</b>乐 reads 百家乐 and is found; block
elements start a new line, so a term never runs across two paragraphs or cells.
Scripts, styles and other invisible content are left out. Any markup, however
broken, is read without raising. The result also maps positions in the markup to
positions in the text, so a link found in the markup can be shown where it reads.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from desk.documents.html_parser import TolerantHTMLParser

INVISIBLE_ELEMENTS = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "textarea", "select", "object",
     "iframe", "svg", "math"}
)  # fmt: skip
BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
     "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
     "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "body", "html"}
)  # fmt: skip
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Visible text of a document, and where each start tag of the markup falls in it."""

    text: str
    tag_offsets: list[int] = field(default_factory=list)  # raw offsets of start tags, sorted
    text_offsets: list[int] = field(default_factory=list)  # text offset at each of those tags
    anchor_ends: dict[int, int] = field(default_factory=dict)  # <a> raw start → text end

    def span_of(self, raw_start: int) -> tuple[int, int]:
        """Text span of the element whose start tag (or content) is at `raw_start`.

        An anchor spans its link text; anything else is the empty span where it stands.
        """
        index = bisect.bisect_right(self.tag_offsets, raw_start) - 1
        start = min(self.text_offsets[index], len(self.text)) if index >= 0 else 0
        end = min(self.anchor_ends.get(raw_start, start), len(self.text))
        return start, max(start, end)


class _VisibleTextParser(TolerantHTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.length = 0
        self.tag_offsets: list[int] = []
        self.text_offsets: list[int] = []
        self.anchor_ends: dict[int, int] = {}
        self._anchors: list[int] = []
        self._hidden_depth = 0
        self._pre_depth = 0
        self._open: list[str] = []
        self._open_count: Counter[str] = Counter()  # stray end tags must cost nothing

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self._line_break()
        raw = self.raw_offset()
        self.tag_offsets.append(raw)
        self.text_offsets.append(self.length)
        if tag in VOID_ELEMENTS:
            return
        if tag == "a":
            self._anchors.append(raw)
        self._open.append(tag)
        self._open_count[tag] += 1
        if tag in INVISIBLE_ELEMENTS:
            self._hidden_depth += 1
        elif tag == "pre":
            self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the "/" of <div/>: the element stays open (void ones close anyway).
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self._open_count[tag]:
            return  # a stray end tag closes nothing, as in a browser
        while self._open:
            closed = self._open.pop()
            self._open_count[closed] -= 1
            if closed == "a" and self._anchors:
                self.anchor_ends[self._anchors.pop()] = self.length
            if closed in INVISIBLE_ELEMENTS:
                self._hidden_depth -= 1
            elif closed == "pre":
                self._pre_depth -= 1
            if closed == tag:
                break
        if tag in BLOCK_ELEMENTS:
            self._line_break()

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        if not self._pre_depth:
            data = _WHITESPACE.sub(" ", data)
            if self._at_line_start():
                data = data.lstrip(" ")
        if data:
            self.parts.append(data)
            self.length += len(data)

    def close(self) -> None:
        super().close()
        for raw in self._anchors:  # an anchor never closed runs to the end
            self.anchor_ends[raw] = self.length
        self._anchors.clear()

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def _line_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            if self.parts[-1].endswith(" "):
                stripped = self.parts[-1].rstrip(" ")
                self.length -= len(self.parts[-1]) - len(stripped)
                self.parts[-1] = stripped
            self.parts.append("\n")
            self.length += 1


def html_text(html: str) -> HtmlText:
    """The text a browser shows for `html`, one line per block, with the position map."""
    parser = _VisibleTextParser()
    parser.parse_document(html)
    return HtmlText(
        text="".join(parser.parts).rstrip("\n "),
        tag_offsets=parser.tag_offsets,
        text_offsets=parser.text_offsets,
        anchor_ends=parser.anchor_ends,
    )


def visible_text(html: str) -> str:
    """The text a browser shows for `html`, one line per block, without trailing space."""
    return html_text(html).text
