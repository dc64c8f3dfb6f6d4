"""desk's structural image check (desk.render.image_formats) against Qt's decoders.

What Qt's encoders write is accepted; whatever the check accepts, cut short anywhere,
Qt can decode; the BMP-looking text file that was once published is refused by both.
"""

import pytest
from PySide6.QtGui import QImageReader  # test-only: Qt's decoders as the reference

from desk.render.image_formats import image_format
from desk.ui.qt import QBuffer, QByteArray, QColor, QImage, QIODevice
from tests.render.sample_images import SAMPLES

_QT_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "BMP": ".bmp", "WEBP": ".webp"}
_PIXEL_FORMATS = (
    QImage.Format.Format_RGB32,
    QImage.Format.Format_ARGB32,
    QImage.Format.Format_Grayscale8,
    QImage.Format.Format_Indexed8,
    QImage.Format.Format_Mono,
)


def encoded(image: QImage, qt_format: str, quality: int = -1) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, qt_format, quality)
    return bytes(data.data())


def qt_decodes(data: bytes) -> bool:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return not QImageReader(buffer).read().isNull()


def picture(width: int, height: int, pixel_format: QImage.Format) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(32, 96, 192, 200))
    for x in range(0, width, 3):
        image.setPixelColor(x, x % height, QColor("#c02020"))
    return image.convertToFormat(pixel_format)


@pytest.mark.parametrize("qt_format", sorted(_QT_FORMATS))
@pytest.mark.parametrize("pixel_format", _PIXEL_FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("size", [(1, 1), (17, 5), (300, 200)], ids=str)
def test_what_qt_writes_is_accepted(qt_format, pixel_format, size):
    data = encoded(picture(*size, pixel_format), qt_format)
    assert image_format(data) == _QT_FORMATS[qt_format]


@pytest.mark.parametrize("quality", [0, 50, 100])
def test_jpeg_and_webp_at_every_quality(quality):
    image = picture(64, 48, QImage.Format.Format_RGB32)
    assert image_format(encoded(image, "JPEG", quality)) == ".jpg"
    assert image_format(encoded(image, "WEBP", quality)) == ".webp"  # 100: lossless


@pytest.mark.parametrize("extension", sorted(SAMPLES))
def test_what_the_check_accepts_qt_decodes_however_it_is_cut(extension):
    data = SAMPLES[extension]
    assert qt_decodes(data)
    for end in range(len(data)):
        if image_format(data[:end]) is not None:
            assert qt_decodes(data[:end]), (extension, end)


def test_a_text_file_starting_with_bm_is_no_image_to_qt_either():
    text = "BM 会议纪要：内部资料，请勿外传".encode()
    assert image_format(text) is None and not qt_decodes(text)
