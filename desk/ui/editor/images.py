"""Images in the draft body: pasted ones made self-contained, remote ones shown as such.

The body is saved as its HTML, so an image must live inside it: every pasted image
becomes a ``data:`` URI, which the body's document knows by a short name (`embedded`).
Word and WPS point their clipboard HTML at temporary files that are gone after a while,
so those are read now, at paste time. Only what ``desk.render`` would publish is
embedded: PNG/JPEG/GIF/WebP/BMP by their magic bytes, up to 20 MB. Remote ``http(s)``
images are never fetched (the desk does not go online): they stay as links, which
publishing keeps or replaces by a placeholder.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from desk.render.images import (
    MAX_IMAGE_BYTES,
    decode_data_uri,
    file_url_path,
    image_extension,
    read_image_file,
)
from desk.ui.qt import (
    QBuffer,
    QByteArray,
    QColor,
    QImage,
    QIODevice,
    QMimeData,
    QPainter,
    QPixmap,
    Qt,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)

REMOTE_SCHEMES = frozenset({"http", "https"})
_MIME_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
}


def _is_remote(src: str) -> bool:
    """Whether the image is on the web (never fetched here)."""
    scheme, colon, _ = src[:16].lstrip().partition(":")  # a data: URI may be megabytes
    return bool(colon) and scheme.lower() in REMOTE_SCHEMES


def _data_uri(data: bytes) -> str | None:
    """The image as a base64 ``data:`` URI; None unless it is one desk publishes."""
    extension = image_extension(data)
    if extension is None or len(data) > MAX_IMAGE_BYTES:
        return None
    return f"data:{_MIME_TYPES[extension]};base64,{base64.b64encode(data).decode('ascii')}"


def _embedded_src(src: str) -> str | None:
    """A ``data:`` or local-file image source as a checked ``data:`` URI; None if unusable.

    A local file is a ``file:`` URL (as Word writes it) or an absolute path (as WPS may);
    a relative path means nothing on the clipboard.
    """
    src = src.strip()
    if src[:5].lower() == "data:":
        data = decode_data_uri(src)
    else:
        url = _file_url(src)
        path = file_url_path(url) if url else None
        data = read_image_file(path) if path else None
    return _data_uri(data) if data is not None else None


def _file_url(src: str) -> str | None:
    try:
        if urlsplit(src).scheme.lower() == "file":
            return src
    except ValueError:
        return None
    return Path(src).as_uri() if os.path.isabs(src) else None


def embed_images(
    document: QTextDocument,
    clipboard_image: Callable[[], str | None],
    name_for: Callable[[str], str],
) -> int:
    """Turn every image of a pasted document into a ``data:`` URI; remote ones stay.

    Each image is then named as the body knows that URI (``name_for``). An image that
    can't be read is removed, except that a lone image may be replaced by the picture
    the clipboard carries beside the HTML (``clipboard_image``, asked only then): Word
    puts both there. Returns how many images were removed.
    """
    images = _images(document)
    cursor = QTextCursor(document)
    removed = 0
    for position, image in reversed(images):
        src = image.name()
        if _is_remote(src):
            continue
        uri = _embedded_src(src)
        if uri is None and len(images) == 1:
            uri = clipboard_image()
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        if uri is None:
            cursor.removeSelectedText()
            removed += 1
        else:
            image.setName(name_for(uri))
            cursor.setCharFormat(image)
    return removed


def _images(document: QTextDocument) -> list[tuple[int, QTextImageFormat]]:
    """Each image's position and format, in document order (table cells included)."""
    images = []
    block = document.begin()
    while block.isValid():
        for piece in block.textFormats():
            if piece.format.isImageFormat():
                start = block.position() + piece.start
                images.extend(
                    (position, piece.format.toImageFormat())
                    for position in range(start, start + piece.length)
                )
        block = block.next()
    return images


def clipboard_png(source: QMimeData) -> str | None:
    """The picture on the clipboard (a screenshot, Word's copy of a picture) as a PNG URI."""
    if not source.hasImage():
        return None
    image = source.imageData()
    if isinstance(image, QPixmap):
        image = image.toImage()
    if not isinstance(image, QImage) or image.isNull():
        return None
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return None
    return _data_uri(encoded.data())


def remote_placeholder(label: str) -> QImage:
    """What a remote image looks like in the editor: a grey box saying it wasn't fetched."""
    image = QImage(200, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#f1f3f4"))
    painter = QPainter(image)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(image.rect().adjusted(0, 0, -1, -1))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return image
