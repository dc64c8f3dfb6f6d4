"""Whether bytes are a whole image in a format every browser shows, read as a decoder would.

Two magic bytes prove nothing (any text starting with ``BM`` would pass for a BMP), so
each format's structure is walked to its end: PNG chunk by chunk with their CRCs and the
pixel data inflated to exactly the size its header promises; JPEG marker by marker
through every scan to the end-of-image marker; GIF block by block to its trailer; BMP's
headers against the file's length; WebP's RIFF chunks to a VP8/VP8L bitstream header.
Pixels themselves are not decoded (no imaging library is a dependency, and Qt may only be
used in the UI), but a file that passes has every part a decoder reads, where it reads it.
Bytes after an image's end (a camera's trailer) are allowed, as decoders allow them.

Every walk is bounded by the data's length; PNG inflation stops at ``MAX_PNG_PIXEL_BYTES``.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PNG_PIXEL_BYTES = 1024 * 1024 * 1024  # a 200-megapixel photo fits
_INFLATE_STEP = 1024 * 1024

# colour type → (allowed bit depths, channels)
_PNG_COLOURS = {
    0: ((1, 2, 4, 8, 16), 1),
    2: ((8, 16), 3),
    3: ((1, 2, 4, 8), 1),
    4: ((8, 16), 2),
    6: ((8, 16), 4),
}
_ADAM7 = (  # each pass: first column and row, then steps across and down
    (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
    (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
)  # fmt: skip
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOFn (not DHT, JPG, DAC)
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and RSTn have no length
_BMP_HEADERS = frozenset({40, 52, 56, 64, 108, 124})  # BITMAPINFOHEADER and its successors


def image_format(data: bytes) -> str | None:
    """``.png``/``.jpg``/``.gif``/``.webp``/``.bmp`` if ``data`` is a whole image of that
    format, else None."""
    for extension, valid in _FORMATS:
        try:
            if valid(data):
                return extension
        except (struct.error, IndexError, zlib.error):
            return None
    return None


def _png(data: bytes) -> bool:
    if not data.startswith(PNG_SIGNATURE):
        return False
    position, expected, palette = 8, -1, False
    inflater = zlib.decompressobj()
    inflated = 0
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        end = position + 12 + length
        if end > len(data):
            return False
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : end - 4]
        if zlib.crc32(body, zlib.crc32(kind)) != int.from_bytes(data[end - 4 : end], "big"):
            return False
        if expected < 0:
            if kind != b"IHDR" or length != 13:
                return False
            expected = _png_pixel_bytes(body)
            palette = body[9] != 3  # a palette image needs its PLTE before the pixels
            if expected <= 0:
                return False
        elif kind == b"PLTE":
            palette = True
        elif kind == b"IDAT":
            inflated = _inflate(inflater, body, inflated, expected) if palette else -1
            if inflated < 0:
                return False
        elif kind == b"IEND":
            return inflater.eof and inflated == expected
        position = end
    return False


def _png_pixel_bytes(header: bytes) -> int:
    """Bytes the IHDR promises once the pixel data is inflated (filter bytes included);
    0 if the header is invalid or the image too big."""
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    depths, channels = _PNG_COLOURS.get(colour, ((), 0))
    if not (width and height and depth in depths) or (compression, filtering) != (0, 0):
        return 0
    bits = depth * channels
    if interlace == 0:
        size = height * (1 + (width * bits + 7) // 8)
    elif interlace == 1:
        size = 0
        for x0, y0, dx, dy in _ADAM7:
            columns, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
            if columns > 0 and rows > 0:
                size += rows * (1 + (columns * bits + 7) // 8)
    else:
        return 0
    return size if size <= MAX_PNG_PIXEL_BYTES else 0


def _inflate(inflater: zlib._Decompress, data: bytes, inflated: int, expected: int) -> int:
    """``inflated`` plus what ``data`` inflates to; -1 past ``expected`` or after the end."""
    if inflater.eof:
        return -1 if data else inflated
    while data:
        inflated += len(inflater.decompress(data, _INFLATE_STEP))
        if inflated > expected:
            return -1
        data = inflater.unconsumed_tail
    return inflated


def _jpeg(data: bytes) -> bool:
    if not data.startswith(b"\xff\xd8"):
        return False
    position, frame, scanned = 2, False, False
    while position < len(data):
        if data[position] != 0xFF:
            return False
        while position < len(data) and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= len(data):
            return False
        marker = data[position]
        position += 1
        if marker == 0xD9:  # end of image
            return scanned
        if marker in _JPEG_STANDALONE:
            continue
        (length,) = struct.unpack(">H", data[position : position + 2])
        segment = data[position + 2 : position + length]
        if length < 2 or position + length > len(data):
            return False
        if marker in _JPEG_FRAMES:
            precision, height, width, components = struct.unpack(">BHHB", segment[:6])
            if precision not in (8, 12, 16) or not (height and width and 1 <= components <= 4):
                return False
            if len(segment) != 6 + 3 * components:
                return False
            frame = True
        elif marker == 0xDA:  # start of scan: the header, then entropy-coded data
            components = segment[0]
            if not frame or not 1 <= components <= 4 or len(segment) != 4 + 2 * components:
                return False
            position = _jpeg_scan_end(data, position + length)
            scanned = True
            continue
        position += length
    return False


def _jpeg_scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data starting at ``position`` ends: at the next marker
    that is neither a stuffed zero (FF 00) nor a restart marker (FF D0–D7)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _gif(data: bytes) -> bool:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        return False
    flags = data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    images = 0
    while position < len(data):
        block = data[position]
        if block == 0x3B:  # trailer
            return images > 0
        if block == 0x21:  # extension: label, then sub-blocks
            position = _gif_sub_blocks(data, position + 2)
        elif block == 0x2C:  # image descriptor
            width, height, flags = struct.unpack("<4xHHB", data[position + 1 : position + 10])
            if not (width and height):
                return False
            position += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            if not 1 <= data[position] <= 11:  # LZW minimum code size
                return False
            position = _gif_sub_blocks(data, position + 1)
            images += 1
        else:
            return False
    return False


def _gif_sub_blocks(data: bytes, position: int) -> int:
    """The position after the sub-blocks starting at ``position`` (past the data's end
    if they are cut short)."""
    while position < len(data):
        size = data[position]
        position += 1 + size
        if size == 0:
            return position
    return len(data) + 1


def _bmp(data: bytes) -> bool:
    if not data.startswith(b"BM") or len(data) < 26:
        return False
    (offset, header) = struct.unpack("<II", data[10:18])
    if header == 12:  # BITMAPCOREHEADER
        width, height, planes, bits = struct.unpack("<HHHH", data[18:26])
        compression = 0
    elif header in _BMP_HEADERS:
        width, height, planes, bits, compression = struct.unpack("<iiHHI", data[18:34])
    else:
        return False
    if planes != 1 or width <= 0 or height == 0 or offset < 14 + header or offset > len(data):
        return False
    if bits not in (1, 4, 8, 16, 24, 32) or compression not in (0, 1, 2, 3, 6):
        return False
    if compression in (1, 2):  # RLE8 / RLE4: as long as their codes say
        return bits == (8 if compression == 1 else 4) and height > 0 and offset < len(data)
    if compression in (3, 6) and bits not in (16, 32):
        return False
    row = (width * bits + 31) // 32 * 4
    return offset + row * abs(height) <= len(data)


def _webp(data: bytes) -> bool:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data) or end < 20:
        return False
    position, first, image = 12, True, False
    while position + 8 <= end:
        kind = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        body = data[position + 8 : position + 8 + size]
        if position + 8 + size > end:
            return False
        if first and kind not in (b"VP8 ", b"VP8L", b"VP8X"):
            return False
        if kind in (b"VP8 ", b"VP8L"):
            if not _webp_bitstream(kind, body):
                return False
            image = True
        elif kind == b"ANMF":  # an animation frame: 16 bytes of placement, then chunks
            image = image or body[16:20] in (b"VP8 ", b"VP8L", b"ALPH")
        first = False
        position += 8 + size + (size & 1)
    return image


def _webp_bitstream(kind: bytes, body: bytes) -> bool:
    if kind == b"VP8 ":  # a key frame: its tag, the start code, a size
        width, height = struct.unpack("<HH", body[6:10])
        key_frame = body[0] & 1 == 0 and body[3:6] == b"\x9d\x01\x2a"
        return key_frame and bool(width & 0x3FFF and height & 0x3FFF)
    bits = int.from_bytes(body[1:5], "little")  # VP8L: signature, 14+14 bits of size, version
    return len(body) >= 5 and body[0] == 0x2F and bits >> 29 == 0


_FORMATS: tuple[tuple[str, Callable[[bytes], bool]], ...] = (
    (".png", _png),
    (".jpg", _jpeg),
    (".gif", _gif),
    (".webp", _webp),
    (".bmp", _bmp),
)
