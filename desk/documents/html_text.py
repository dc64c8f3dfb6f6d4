"""The visible text of an HTML draft, as a reader sees it.

Inline markup adds nothing, so 百<b>家</b>乐 reads 百家乐 and is found; block
elements start a new line, so a term never runs across two paragraphs or cells.
Scripts, styles and other content that is never shown (``UNSHOWN_ELEMENTS``, the ones the
render drops with what they hold) are left out. Any markup, however broken, is read
without raising, with the open elements a browser would have (``TolerantHTMLParser``).

The result also maps positions in the markup to positions in the text, so a link found
in the markup can be shown where it reads; lists the images with their 替代文字 (alt),
which a page announces rather than shows; and marks the text that a reader cannot see
(``display:none``, ``hidden``, zero size …, as ``desk.links.hidden`` judges it). That
text stays in ``text`` to be checked, but the page is published without it, so what the
page does show reads differently (网上<span hidden>x</span>赌博 shows 网上赌博):
``shown()`` is that reading.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from desk.documents.html_parser import BLOCK_ELEMENTS, UNSHOWN_ELEMENTS, TolerantHTMLParser
from desk.links.hidden import VisibilityTracker

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True, slots=True)
class HtmlImage:
    """An image: where it stands in the visible text, and its alt as announced ("" if none)."""

    offset: int
    alt: str


@dataclass(frozen=True, slots=True)
class ShownText:
    """The visible text without what a reader cannot see, mapped back onto it."""

    text: str
    run_starts: list[int]  # offset in `text` where each run of shown characters starts
    run_origins: list[int]  # offset of that run in the full visible text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the shown text as a span of the full visible text, from its first
        character to just after its last (hidden text between them included)."""
        first = self._origin(start)
        return first, (self._origin(end - 1) + 1 if end > start else first)

    def _origin(self, offset: int) -> int:
        index = max(bisect.bisect_right(self.run_starts, offset) - 1, 0)
        return self.run_origins[index] + offset - self.run_starts[index]


@dataclass(frozen=True, slots=True)
class HtmlText:
    """Visible text of a document, and where each start tag of the markup falls in it."""

    text: str
    tag_offsets: list[int] = field(default_factory=list)  # raw offsets of start tags, sorted
    text_offsets: list[int] = field(default_factory=list)  # text offset at each of those tags
    anchor_ends: dict[int, int] = field(default_factory=dict)  # <a> raw start → text end
    images: list[HtmlImage] = field(default_factory=list)  # in document order
    hidden: list[tuple[int, int]] = field(default_factory=list)  # spans a reader can't see

    def span_of(self, raw_start: int) -> tuple[int, int]:
        """Text span of the element whose start tag (or content) is at `raw_start`.

        An anchor spans its link text; anything else is the empty span where it stands.
        """
        index = bisect.bisect_right(self.tag_offsets, raw_start) - 1
        start = min(self.text_offsets[index], len(self.text)) if index >= 0 else 0
        end = min(self.anchor_ends.get(raw_start, start), len(self.text))
        return start, max(start, end)

    def shown(self) -> ShownText:
        """The text as the published page shows it: the hidden spans left out."""
        parts, starts, origins = [], [], []
        length = position = 0
        for start, end in [*self.hidden, (len(self.text), len(self.text))]:
            if start > position:
                parts.append(self.text[position:start])
                starts.append(length)
                origins.append(position)
                length += start - position
            position = end
        return ShownText("".join(parts), starts or [0], origins or [0])


def announced_text(value: str) -> str:
    """An attribute's text as a page announces it (alt): one line, without control or
    invisible format characters (bidi overrides included)."""
    visible = (
        char for char in value if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf")
    )
    return " ".join("".join(visible).split())


class _VisibleTextParser(TolerantHTMLParser):
    def __init__(self, tracker: VisibilityTracker) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.length = 0
        self.tag_offsets: list[int] = []
        self.text_offsets: list[int] = []
        self.anchor_ends: dict[int, int] = {}
        self.images: list[HtmlImage] = []
        self.hidden: list[list[int]] = []  # [start, end] of text a reader can't see
        self._tracker = tracker
        self._anchors: list[int] = []
        self._hidden_open: list[bool] = []  # per open element: hidden from a reader
        self._unshown_depth = 0
        self._pre_depth = 0
        self._line_start = True  # at the start of a line of the page (hidden text aside)

    def start_element(self, tag: str, attrs: dict[str, str]) -> None:
        hidden = bool(self._tracker.enter(tag, attrs))
        if tag in BLOCK_ELEMENTS and not self._unshown_depth:
            self._line_break(hidden)
        raw = self.raw_offset()
        self.tag_offsets.append(raw)
        self.text_offsets.append(self.length)
        self._hidden_open.append(hidden)
        if tag == "a":
            self._anchors.append(raw)
        elif tag == "img" and not self._unshown_depth:
            self.images.append(HtmlImage(self.length, announced_text(attrs.get("alt", ""))))
        if tag in UNSHOWN_ELEMENTS:
            self._unshown_depth += 1
        elif tag == "pre":
            self._pre_depth += 1

    def end_element(self, tag: str) -> None:
        hidden = self._hidden_open.pop()
        self._tracker.leave()
        if tag == "a":
            self.anchor_ends[self._anchors.pop()] = self.length
        if tag in UNSHOWN_ELEMENTS:
            self._unshown_depth -= 1
        elif tag == "pre":
            self._pre_depth -= 1
        if tag in BLOCK_ELEMENTS and not self._unshown_depth:
            self._line_break(hidden)

    def handle_data(self, data: str) -> None:
        if self._unshown_depth:
            return
        if not self._pre_depth:
            data = _WHITESPACE.sub(" ", data)
            if self._line_start:
                data = data.lstrip(" ")
        if data:
            self._append(data, bool(self._hidden_open) and self._hidden_open[-1])

    def _append(self, text: str, hidden: bool) -> None:
        if hidden:
            if self.hidden and self.hidden[-1][1] == self.length:
                self.hidden[-1][1] += len(text)
            else:
                self.hidden.append([self.length, self.length + len(text)])
        else:
            self._line_start = text.endswith("\n")
        self.parts.append(text)
        self.length += len(text)

    def _line_break(self, hidden: bool) -> None:
        """End the line; a line break that only a hidden element makes is hidden too (and
        keeps the space before it, which the page shows)."""
        if not self.parts:
            return
        if not self.parts[-1].endswith("\n"):
            if self.parts[-1].endswith(" ") and not hidden:
                stripped = self.parts[-1].rstrip(" ")
                self.length -= len(self.parts[-1]) - len(stripped)
                self.parts[-1] = stripped
                self.clip(self.length)
            self._append("\n", hidden)
        elif not hidden and self.hidden and self.hidden[-1][1] == self.length:
            self.clip(self.length - 1)  # the line break shows after all
            self._line_start = True

    def clip(self, length: int) -> None:
        """Hidden spans end by `length` (the text was cut there)."""
        while self.hidden and self.hidden[-1][1] > length:
            if self.hidden[-1][0] >= length:
                self.hidden.pop()
            else:
                self.hidden[-1][1] = length
                break


def html_text(html: str) -> HtmlText:
    """The text a browser shows for `html`, one line per block, with the position map."""
    parser = _VisibleTextParser(VisibilityTracker.for_document(html))
    parser.parse_document(html)
    text = "".join(parser.parts).rstrip("\n ")
    parser.clip(len(text))
    return HtmlText(
        text=text,
        tag_offsets=parser.tag_offsets,
        text_offsets=parser.text_offsets,
        anchor_ends=parser.anchor_ends,
        images=parser.images,
        hidden=[(start, end) for start, end in parser.hidden],
    )


def visible_text(html: str) -> str:
    """The text a browser shows for `html`, one line per block, without trailing space."""
    return html_text(html).text
