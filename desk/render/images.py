"""Image bytes for localized images: sniffing, data: URIs, and reading local files.

Only raster formats every browser shows are published, recognised by their structure
(``image_formats``), never by a file name or a declared MIME type: PNG, JPEG, GIF, WebP,
BMP. SVG is refused (opened directly from the publishing site it runs scripts), so are
the EMF/WMF drawings Word embeds (browsers cannot show them) and anything that is not a
whole image.

``LocalImages`` and ``read_image_file`` are the only parts that touch the disk;
``render_html`` takes any ``read_local(src) -> bytes | None`` so the rest stays pure.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from desk.reading import MB, UnreadableInput, read_regular_file
from desk.render.image_formats import image_format

MAX_IMAGE_BYTES = 20 * MB


def image_extension(data: bytes) -> str | None:
    """``.png``/``.jpg``/``.gif``/``.webp``/``.bmp`` for a whole image of that format
    (``image_formats``), else None."""
    return image_format(data)


def decode_data_uri(uri: str) -> bytes | None:
    """The payload of a ``data:`` URI (base64 or percent-encoded), or None if malformed."""
    header, comma, payload = uri.partition(",")
    if not comma or not header.lower().lstrip().startswith("data:"):
        return None
    raw = unquote_to_bytes(payload)
    if not header.lower().replace(" ", "").endswith(";base64"):
        return raw
    compact = b"".join(raw.split())
    compact += b"=" * (-len(compact) % 4)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None


def read_image_file(path: Path) -> bytes | None:
    """The bytes of a regular file of at most MAX_IMAGE_BYTES, or None; whether they are
    an image is for ``image_extension`` to say."""
    try:
        return read_regular_file(path, MAX_IMAGE_BYTES)
    except (UnreadableInput, ValueError):  # ValueError: a NUL in the path
        return None


def file_url_path(src: str) -> Path | None:
    """The local path of a ``file:`` URL on this machine (no host, or ``localhost``), or
    None: a ``file://server/share`` path would make the desk's computer connect to
    another one."""
    try:
        parts = urlsplit(src.strip().replace("\\", "/"))
    except ValueError:
        return None
    if parts.scheme.lower() != "file" or parts.netloc.lower() not in ("", "localhost"):
        return None
    return Path(url2pathname(parts.path)) if parts.path else None


class LocalImages:
    """Reads the local files a draft's images point at, only inside the draft's folder.

    A relative ``src`` (query and fragment ignored, percent-escapes decoded, ``\\`` read
    as ``/``) is resolved against the draft's folder; a leading ``/`` too, since a draft
    saved with its images keeps them beside it. A ``file:`` URL is read only on this
    machine (``file_url_path``). Either way the file, with every link followed, must lie
    in the draft's folder or below it: a crafted path can't copy another file into the
    published assets, whatever its bytes. Only regular files up to 20 MB are read;
    whether the bytes are a publishable image is decided by the caller
    (``image_extension``).
    """

    def __init__(self, base_dir: Path) -> None:
        self.base_dir = base_dir

    def __call__(self, src: str) -> bytes | None:
        path = self.path_of(src)
        return None if path is None else read_image_file(path)

    def path_of(self, src: str) -> Path | None:
        """The file ``src`` names, if it lies inside the draft's folder."""
        path = file_url_path(src) if src.strip()[:5].lower() == "file:" else self._relative(src)
        if path is None:
            return None
        try:
            real, base = Path(os.path.realpath(path)), Path(os.path.realpath(self.base_dir))
        except (OSError, ValueError):
            return None
        return real if real.is_relative_to(base) and real != base else None

    def _relative(self, src: str) -> Path | None:
        try:
            parts = urlsplit(src.strip().replace("\\", "/"))
        except ValueError:
            return None
        if parts.scheme or parts.netloc or not parts.path:
            return None
        relative = unquote(parts.path).lstrip("/")
        if not relative or "\x00" in relative:
            return None
        return self.base_dir / relative
