"""Image bytes for localized images: sniffing, data: URIs, and reading local files.

Only raster formats every browser shows are published, recognised by their magic bytes,
never by a file name or a declared MIME type: PNG, JPEG, GIF, WebP, BMP. SVG is refused
(opened directly from the publishing site it runs scripts), so are the EMF/WMF drawings
Word embeds (browsers cannot show them) and anything that is not an image at all.

``LocalImages`` is the only part that touches the disk; ``render_html`` takes any
``read_local(src) -> bytes | None`` so the rest stays pure.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

MAX_IMAGE_BYTES = 20 * 1024 * 1024
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"GIF87a", 0, ".gif"),
    (b"GIF89a", 0, ".gif"),
    (b"WEBP", 8, ".webp"),
    (b"BM", 0, ".bmp"),
)


def image_extension(data: bytes) -> str | None:
    """``.png``/``.jpg``/``.gif``/``.webp``/``.bmp`` by magic bytes, or None."""
    for magic, offset, extension in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            if extension == ".webp" and not data.startswith(b"RIFF"):
                continue
            return extension
    return None


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


class LocalImages:
    """Reads the local files a draft's images point at: relative to its folder, or file:.

    A relative ``src`` (query and fragment ignored, percent-escapes decoded, ``\\`` read
    as ``/``) is resolved against the draft's folder; a leading ``/`` too, since a draft
    saved with its images keeps them beside it. ``file:`` URLs are read only on this
    machine (no host, or ``localhost``): a ``file://server/share`` path would make the
    desk's computer connect to another one. Only regular files up to 20 MB are read;
    whether the bytes are a publishable image is decided by the caller (``image_extension``).
    ``..`` may leave the draft's folder (drafts often sit beside an images folder): since
    only bytes that are a PNG/JPEG/GIF/WebP/BMP are ever published, a crafted path can
    not copy a document or a key file into the assets.
    """

    def __init__(self, base_dir: Path) -> None:
        self.base_dir = base_dir

    def __call__(self, src: str) -> bytes | None:
        path = self.path_of(src)
        if path is None:
            return None
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IMAGE_BYTES:
                return None
            with open(path, "rb") as handle:
                data = handle.read(MAX_IMAGE_BYTES + 1)
        except (OSError, ValueError):
            return None
        return data if len(data) <= MAX_IMAGE_BYTES else None

    def path_of(self, src: str) -> Path | None:
        src = src.strip()
        try:
            parts = urlsplit(src.replace("\\", "/"))
        except ValueError:
            return None
        if parts.scheme.lower() == "file":
            if parts.netloc.lower() not in ("", "localhost"):
                return None
            return Path(url2pathname(parts.path)) if parts.path else None
        if parts.scheme or parts.netloc or not parts.path:
            return None
        relative = unquote(parts.path).lstrip("/")
        if not relative or "\x00" in relative:
            return None
        return Path(os.path.normpath(self.base_dir / relative))
