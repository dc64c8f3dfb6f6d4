"""The title of an imported draft: what a liaison officer sees as the title in the file.

In order:

1. a paragraph in Word's Title style (标题), or a heading (h1–h6, Word's 标题 1 …),
   among the document's first lines, before any table or list;
2. else the first line that reads as a title: a 通知 or 公告 starts with it
   (关于做好2026年政务公开工作的通知). Lines that come before a title in a 公文 are
   passed over and stay in the body: the 版头 (…文件), the 发文字号 (〔2026〕3号),
   紧急程度 and 密级, 签发人, and the 附件 label of a document attached to another
   (附件1, 附件：), also when it is styled as a heading. A line reads as a title when
   it is short (up to ``MAX_TITLE_CHARS``), does not end like a sentence or a
   salutation (。；：，), is not numbered like a section (一、（一）1.) and is not a
   date; and something follows it: a one-line file has no title, only text. Empty
   lines and lines holding only a picture (a 版头 as an image) are passed over too; a
   line with a picture and text is text;
3. for an HTML page, its ``<title>``;
4. else none: the caller names the draft after the file.

A title found in the body is taken out of it, so it is not printed twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desk.documents.html_parser import TolerantHTMLParser
from desk.documents.html_text import html_text, visible_text
from desk.documents.loader import TITLE_CLASS, Document

MAX_TITLE_CHARS = 60
LEADING_LINES = 6  # the lines looked at for a title: it comes first, after the 版头
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINES = frozenset({"p", "div", *_HEADINGS})
_CONTAINERS = frozenset({"table", "ul", "ol", "dl", "pre", "blockquote", "li"})
_NOT_A_TITLE_END = tuple("。；;：:，,、")
_SECTION_NUMBER = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$")
_PREAMBLE = (
    re.compile(r"[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号"),  # 发文字号
    re.compile(r"文件$"),  # 版头: XX市人民政府办公室文件
    re.compile(r"^签发人"),
    re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]*(\s*[-－—]\s*\d+)?\s*[：:]?$"),  # 附件1
    re.compile(r"^[★☆\s]*(特急|加急|特提|平急|绝密|机密|秘密)[★☆\s\d年]*$"),
)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class _Line:
    """A top-level line of the body: its text, whether it is styled as a title or a
    heading or holds a picture, and where its markup starts and ends."""

    text: str
    styled: bool = False
    picture: bool = False
    start: int = 0
    end: int = 0


def take_title(document: Document) -> tuple[str | None, Document]:
    """The document's title and the document without it (see the module docstring);
    None and the document unchanged when it has none."""
    if document.html is None:
        lines = document.text.splitlines(keepends=True)
        chosen = _choose([_Line(line.strip()) for line in lines], more=False)
        if chosen is None:
            return None, document
        rest = "".join(lines[:chosen] + lines[chosen + 1 :]).lstrip("\r\n")
        return _one_line(lines[chosen]), replace(document, text=rest)
    reader = _LeadingLines(document.html)
    chosen = _choose(reader.lines, more=reader.done)
    if chosen is None:
        return (_one_line(reader.page_title) or None), document
    line = reader.lines[chosen]
    html = document.html[: line.start] + document.html[line.end :]
    layout = html_text(html)
    return _one_line(line.text), replace(document, html=html, text=layout.text, layout=layout)


def _choose(lines: list[_Line], *, more: bool) -> int | None:
    """The index of the title among the lines (empty ones are passed over), or None;
    ``more``: content (a table, a list …) follows the lines."""
    leading = [i for i, line in enumerate(lines) if line.text][:LEADING_LINES]
    if not leading or (len(leading) < 2 and not more):  # a title alone would leave no text
        return None
    for i in leading:
        if lines[i].styled and _reads_as_title(lines[i]) and not _is_preamble(lines[i]):
            return i
        if not _reads_as_title(lines[i]) and not _is_preamble(lines[i]):
            break  # the text has begun: a styled title would have come before it
    for i in leading:
        if _is_preamble(lines[i]):
            continue
        return i if _reads_as_title(lines[i]) else None
    return None


def _reads_as_title(line: _Line) -> bool:
    text = _one_line(line.text)
    return (
        not line.picture
        and 2 <= len(text) <= MAX_TITLE_CHARS
        and not text.endswith(_NOT_A_TITLE_END)
        and not _SECTION_NUMBER.match(text)
        and not _DATE.match(text)
    )


def _is_preamble(line: _Line) -> bool:
    text = _one_line(line.text)
    return len(text) <= MAX_TITLE_CHARS and any(rule.search(text) for rule in _PREAMBLE)


def _one_line(text: str) -> str:
    """A title broken over lines, as one: Chinese lines join directly, words with a space."""
    joined = ""
    for line in (" ".join(line.split()) for line in text.splitlines()):
        if not line:
            continue
        between = joined and _ASCII_WORD.match(joined[-1]) and _ASCII_WORD.match(line[0])
        joined += (" " if between else "") + line
    return joined


class _LeadingLines(TolerantHTMLParser):
    """The body's first top-level lines (until a table or a list), and the <title>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html
        self.lines: list[_Line] = []
        self.page_title = ""
        self._open: tuple[str, bool, int] | None = None  # tag, styled, start
        self._pictures = 0  # in the open line
        self._in_title = False
        self.done = False  # at a table or a list, or enough lines read
        self.parse_document(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self.done:
            return
        raw = self.raw_offset()
        if tag in _CONTAINERS:
            self._close(raw)
            self.done = True
        elif tag in _LINES:
            self._close(raw)
            classes = (dict(attrs).get("class") or "").split()
            self._open = (tag, TITLE_CLASS in classes or tag in _HEADINGS, raw)
        elif tag == "img":
            self._pictures += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._open is not None and tag == self._open[0]:
            end = self.html.find(">", self.raw_offset())
            self._close(len(self.html) if end < 0 else end + 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title += data

    def close(self) -> None:
        super().close()
        self._close(len(self.html))

    def _close(self, end: int) -> None:
        if self._open is None:
            return
        _tag, styled, start = self._open
        self._open = None
        text = visible_text(self.html[start:end])
        self.lines.append(_Line(text, styled, self._pictures > 0, start, end))
        self._pictures = 0
        if len(self.lines) >= 2 * LEADING_LINES:  # plenty, empty lines included
            self.done = True
