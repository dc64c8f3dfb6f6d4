"""The visible text of an HTML draft, as a reader sees it.

Inline markup adds nothing, so 百<b>家</b>乐 reads 百家乐 and is found; block
elements start a new line, so a term never runs across two paragraphs or cells.
Scripts, styles and other invisible content are left out. The parser is the
stdlib's, which accepts any markup, however broken, without raising.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


class _VisibleTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0
        self._pre_depth = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self._line_break()
        if tag in VOID_ELEMENTS:
            return
        self._open.append(tag)
        if tag in INVISIBLE_ELEMENTS:
            self._hidden_depth += 1
        elif tag == "pre":
            self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self._line_break()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag closes nothing, as in a browser
        while self._open:
            closed = self._open.pop()
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

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def _line_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            if self.parts[-1].endswith(" "):
                self.parts[-1] = self.parts[-1].rstrip(" ")
            self.parts.append("\n")


def visible_text(html: str) -> str:
    """The text a browser shows for `html`, one line per block, without trailing space."""
    parser = _VisibleTextParser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip("\n ")
