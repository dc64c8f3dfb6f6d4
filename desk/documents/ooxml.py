"""What every part of an exported .docx shares: namespaces, escaping, the page geometry.

Text goes into the XML only through ``text`` and ``attribute``: they escape it and drop
the characters XML 1.0 does not allow (C0 controls, lone surrogates, U+FFFE/U+FFFF),
which Word refuses to open a file for, and the DEL and C1 controls it discourages.

The page is A4 with the 公文 margins of GB/T 9704-2012 (top 37 mm, bottom 35 mm, left
28 mm, right 26 mm), which leaves the standard 156 × 225 mm text area.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

EMU_PER_PIXEL = 9525  # at 96 dpi, as browsers show images
EMU_PER_TWIP = 635
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4, in twips
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm
CHAR_WIDTH = 320  # one 三号 (16 pt) character, in twips

_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", value)


def text(value: str) -> str:
    """Element content: cleaned and escaped."""
    return escape(clean(value))


def attribute(value: str) -> str:
    """A double-quoted attribute value: cleaned and escaped, quotes and line breaks too."""
    return escape(clean(value), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
