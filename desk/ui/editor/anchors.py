"""The links and the images' alt texts of the body's rich text, as the checks take them
(code-point spans)."""

from __future__ import annotations

from desk.documents.html_text import announced_text
from desk.review.findings import AnnouncedText
from desk.review.links import Anchor
from desk.ui.positions import Utf16Map
from desk.ui.qt import QTextDocument, QTextFormat


def anchors_in(
    document: QTextDocument, positions: Utf16Map, start: int, end: int, origin: int
) -> list[Anchor]:
    """Anchors whose text starts in UTF-16 positions start:end of ``document``, with
    code-point offsets counted from ``origin`` (the checked window's first code point).

    Neighbouring pieces with the same target are one link (Qt splits a link's text
    wherever its emphasis changes).
    """
    found: list[tuple[str, int, int]] = []  # href, UTF-16 start, end
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        for piece in block.textFormats():
            char_format = piece.format
            if not char_format.isAnchor() or not char_format.anchorHref():
                continue
            href = char_format.anchorHref()
            piece_start = block.position() + piece.start
            piece_end = piece_start + piece.length
            if found and found[-1][0] == href and found[-1][2] == piece_start:
                found[-1] = (href, found[-1][1], piece_end)
            elif start <= piece_start < end:
                found.append((href, piece_start, piece_end))
        block = block.next()
    return [
        Anchor(
            href,
            positions.to_code_point(first) - origin,
            positions.to_code_point(min(last, end)) - origin,
        )
        for href, first, last in found
    ]


def alt_texts_in(
    document: QTextDocument, positions: Utf16Map, start: int, end: int, origin: int
) -> list[AnnouncedText]:
    """The alt text of each image in UTF-16 positions start:end of ``document``, on the
    image's own character (U+FFFC), code-point offsets counted from ``origin``.

    The published page announces an image's alt (QTextImageFormat keeps it), so it is
    checked like the text, as the html's ``<img alt>`` is in the domain's re-check.
    """
    found: list[AnnouncedText] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        for piece in block.textFormats():
            if not piece.format.isImageFormat():
                continue
            alt = announced_text(piece.format.stringProperty(QTextFormat.Property.ImageAltText))
            if not alt:
                continue
            first = block.position() + piece.start
            for position in range(max(first, start), min(first + piece.length, end)):
                at = positions.to_code_point(position) - origin
                found.append(AnnouncedText("alt", alt, at, at + 1))
        block = block.next()
    return found
