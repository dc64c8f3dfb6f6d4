"""The body's embedded pictures, known to its document by short names.

A draft is saved as self-contained HTML, its pictures as ``data:`` URIs. Qt, though,
looks an image up by its name at every layout and paint, building a QUrl from it: with a
4 MB picture named by its ``data:`` URI each keystroke took 200 ms. So inside the editor
a picture is named ``desk-image:<hash of its URI>``; the body gives the document its
decoded image when asked (``BodyEdit.loadResource``, cached by the document from then
on), and the URI waits here until the HTML is saved.

Sources are rewritten by a regex on ``<img … src>`` rather than by an HTML parser: the
HTML is Qt's own or mammoth's, and a ``data:`` URI holds no quotes. Each tag is scanned
up to the next ``<`` or ``>`` at most, so rewriting stays linear in the HTML's length.
"""

from __future__ import annotations

import hashlib
import re

from desk.render.images import decode_data_uri
from desk.ui.qt import QImage

SCHEME = "desk-image"
_SRC = r"""(<img\b[^<>]*?\ssrc\s*=\s*)(["'])({value})\2"""
_DATA_SRC = re.compile(_SRC.format(value=r"data:[^\"'<>]*"), re.IGNORECASE)
_NAMED_SRC = re.compile(_SRC.format(value=rf"{SCHEME}:[0-9a-f]{{32}}"), re.IGNORECASE)


class EmbeddedImages:
    """The pictures of one body's HTML: by short name, their ``data:`` URIs and images."""

    def __init__(self) -> None:
        self._uris: dict[str, str] = {}
        self._images: dict[str, QImage] = {}

    def name_for(self, uri: str) -> str:
        """The short name the body shows the picture of ``uri`` by (decoded once, here).

        A URI that does not decode to an image is named all the same (the editor shows
        it as broken, as Qt would) and saved back as it was.
        """
        name = f"{SCHEME}:{hashlib.sha256(uri.encode()).hexdigest()[:32]}"
        if name not in self._uris:
            self._uris[name] = uri
            data = decode_data_uri(uri)
            image = QImage.fromData(data) if data is not None else QImage()
            if not image.isNull():
                self._images[name] = image
        return name

    def image(self, name: str) -> QImage | None:
        """The picture named ``name``; None if it is not one of these or did not decode."""
        return self._images.get(name)

    def with_names(self, html: str) -> str:
        """``html`` with each ``data:`` image source replaced by its short name."""
        return _DATA_SRC.sub(lambda src: f"{src[1]}{src[2]}{self.name_for(src[3])}{src[2]}", html)

    def with_uris(self, html: str) -> str:
        """``html`` with each short name back to its ``data:`` URI, as it was given."""
        return _NAMED_SRC.sub(
            lambda src: f"{src[1]}{src[2]}{self._uris.get(src[3], src[3])}{src[2]}", html
        )
