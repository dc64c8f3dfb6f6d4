"""One real, tiny image of every format desk publishes, as encoders write them.

JPEG and WebP were written by Qt's encoders (3 × 2 pixels); the GIF is the classic
1 × 1 one; the BMP and PNG are built here, field by field.
"""

import base64
import struct

from tests.render.inert import png_bytes

JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxO"
    "QERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAMDASIAAhEBAxEB/8QAHwAAAQUBAQEB"
    "AQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKB"
    "kaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1"
    "dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl"
    "5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcF"
    "BAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5"
    "OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0"
    "tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDLooor3DzD"
    "/9k="
)
WEBP_LOSSY = base64.b64decode(
    "UklGRjgAAABXRUJQVlA4ICwAAADQAQCdASoDAAIAAgA0JaACdLoB+AADsAD+73bX/npmvMH+Tn/xZyMR2XgAAA=="
)
WEBP_LOSSLESS = base64.b64decode("UklGRh4AAABXRUJQVlA4TBEAAAAvAkAAAAdQsIIUuP+BiOh/AAA=")
GIF = bytes.fromhex(
    "47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b"
)


def bmp_bytes(width: int = 2, height: int = 2) -> bytes:
    """A 24-bit BMP with a BITMAPINFOHEADER, rows padded to four bytes."""
    row = (width * 3 + 3) // 4 * 4
    pixels = (b"\x20\x60\xc0" * width).ljust(row, b"\x00") * height
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    header = struct.pack("<2sIHHI", b"BM", 14 + len(info) + len(pixels), 0, 0, 14 + len(info))
    return header + info + pixels


BMP = bmp_bytes()
PNG = png_bytes()
SAMPLES = {
    ".png": PNG,
    ".jpg": JPEG,
    ".gif": GIF,
    ".webp": WEBP_LOSSY,
    ".bmp": BMP,
}
