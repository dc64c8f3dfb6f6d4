"""Rich paste from Word/WPS: keep the structure, drop the styling.

Qt keeps headings, lists, tables, emphasis, links and images from pasted HTML, and
drops scripts and style sheets. It also keeps colours, font sizes, backgrounds and
indents, which can make text invisible in the editor (white on white, 0 px, off the
margin) while it would still be published: the published page has no styles at all
(`desk.render.sanitize`). So what was pasted keeps only what survives publishing, and
text that was hidden becomes visible to the reviewer, where the checks see it too.
Images are embedded in the draft as they are pasted (`images`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk.ui.editor.images import embed_images
from desk.ui.qt import (
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
)

_P = QTextFormat.Property
# Emphasis and links: everything a pasted character keeps.
_KEPT_CHARACTER = (
    _P.FontWeight,
    _P.FontItalic,
    _P.FontUnderline,
    _P.TextUnderlineStyle,
    _P.FontStrikeOut,
    _P.TextVerticalAlignment,
    _P.IsAnchor,
    _P.AnchorHref,
    _P.AnchorName,
)
# Paragraph styling that can hide text or push it out of sight.
_DROPPED_BLOCK = (
    _P.BackgroundBrush,
    _P.ForegroundBrush,
    _P.TextIndent,
    _P.BlockLeftMargin,
    _P.BlockRightMargin,
    _P.LineHeight,
    _P.LineHeightType,
)


@dataclass(frozen=True, slots=True)
class Paste:
    """What a rich paste inserts, and how many of its images had to be left out."""

    fragment: QTextDocumentFragment
    images_dropped: int


def clean_paste(
    html: str, clipboard_image: Callable[[], str | None], name_for: Callable[[str], str]
) -> Paste:
    """Pasted HTML as Qt reads it, with only structure, emphasis, links and images left.

    ``clipboard_image``: the clipboard's own picture as a ``data:`` URI, if any;
    ``name_for``: the name the body knows a ``data:`` URI by (see ``images.embed_images``).
    """
    scratch = QTextDocument()
    scratch.setHtml(html)
    cursor = QTextCursor(scratch)
    block = scratch.begin()
    while block.isValid():
        heading = block.blockFormat().headingLevel() > 0
        for piece in block.textFormats():
            if piece.format.isImageFormat():
                continue
            cursor.setPosition(block.position() + piece.start)
            cursor.setPosition(
                block.position() + piece.start + piece.length, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setCharFormat(_kept_character_format(piece.format, heading))
        paragraph = block.blockFormat()
        for prop in _DROPPED_BLOCK:
            paragraph.clearProperty(prop)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(paragraph)
        block = block.next()
    _clear_cell_backgrounds(scratch)
    dropped = embed_images(scratch, clipboard_image, name_for)
    return Paste(QTextDocumentFragment(scratch), dropped)


def _kept_character_format(original: QTextCharFormat, heading: bool) -> QTextCharFormat:
    kept = QTextCharFormat()
    for prop in (*_KEPT_CHARACTER, _P.FontSizeAdjustment) if heading else _KEPT_CHARACTER:
        if original.hasProperty(prop):
            kept.setProperty(prop, original.property(prop))
    return kept


def _clear_cell_backgrounds(document: QTextDocument) -> None:
    """A dark cell would hide text that has lost its colour."""
    frames = [document.rootFrame()]
    while frames:
        frame = frames.pop()
        frames.extend(frame.childFrames())
        if not isinstance(frame, QTextTable):
            continue
        table = frame
        table_format = table.format()
        table_format.clearProperty(_P.BackgroundBrush)
        table.setFormat(table_format)
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                cell_format = cell.format()
                cell_format.clearProperty(_P.BackgroundBrush)
                cell.setFormat(cell_format)
