"""The stdlib HTML parser, made safe for any input and able to say where it is.

Every HTML reader in Desk (visible text, link extraction, rendering) parses with
this class, so all of them agree on where each tag starts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_NEWLINE = re.compile(r"\n")


class TolerantHTMLParser(HTMLParser):
    """``html.parser`` minus its one crash (SGML marked sections), with raw offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]

    def parse_document(self, html: str) -> None:
        """Feed a whole document and close; `raw_offset()` is valid inside the handlers."""
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(html)]
        self.feed(html)
        self.close()

    def raw_offset(self) -> int:
        """Code-point offset in the document of the construct being handled."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Read ``<![...`` up to the next ``>`` as a comment, as HTML5 does.

        The stdlib parses it as an SGML marked section and raises AssertionError on
        ``<![`` followed by anything unexpected.
        """
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1
