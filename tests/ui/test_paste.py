"""Pasted images are embedded in the draft as data: URIs; remote ones are never fetched."""

from __future__ import annotations

import base64
import re

import pytest

from desk.render.images import decode_data_uri
from desk.ui.editor.body import BodyEdit
from desk.ui.qt import (
    QBuffer,
    QByteArray,
    QColor,
    QGuiApplication,
    QImage,
    QIODevice,
    QMimeData,
    QPixmap,
    QTextDocument,
    QUrl,
)
from tests.ui.conftest import TIMEOUT_MS

REMOTE = "https://www.gov.cn/images/logo.png"


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return encoded.data()


def picture(width: int, height: int) -> QImage:
    return QImage.fromData(png(width, height))


def word_html(src: str) -> str:
    """What Word puts on the clipboard for a picture in a paragraph (VML and <img>)."""
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"><body lang=ZH-CN><!--StartFragment-->'
        "<p class=MsoNormal>图前<span lang=EN-US><!--[if gte vml 1]><v:shape><v:imagedata "
        f'src="{src}" o:title=""/></v:shape><![endif]--><![if !vml]><img '
        f'src="{src}" v:shapes="图片_x0020_1"><![endif]></span>图后</p>'
        "<!--EndFragment--></body></html>"
    )


def html_mime(html: str, image: QImage | None = None) -> QMimeData:
    mime = QMimeData()
    mime.setHtml(html)
    if image is not None:
        mime.setImageData(image)
    return mime


def image_names(body: BodyEdit) -> list[str]:
    """Each image's name in the document, in document order."""
    names = []
    block = body.document().begin()
    while block.isValid():
        for piece in block.textFormats():
            if piece.format.isImageFormat():
                names += [piece.format.toImageFormat().name()] * piece.length
        block = block.next()
    return names


def saved_images(body: BodyEdit) -> list[str]:
    """Each image's source in the HTML saved, in document order."""
    return re.findall(r'<img src="([^"]*)"', body.to_html())


def embedded(body: BodyEdit) -> str:
    """The one picture in the body: its name there, which must be short."""
    [name] = image_names(body)
    assert name.startswith("desk-image:") and len(name) < 64
    return name


def shown(body: BodyEdit, name: str) -> QImage:
    """The image the editor draws for a source (painting loads it)."""
    body.viewport().grab()
    resource = body.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
    return resource.toImage() if isinstance(resource, QPixmap) else resource


def size_of(image: QImage) -> tuple[int, int]:
    assert isinstance(image, QImage) and not image.isNull()
    return (image.width(), image.height())


@pytest.fixture
def body(qtbot) -> BodyEdit:
    body = BodyEdit()
    qtbot.addWidget(body)
    body.resize(600, 400)
    body.show()
    qtbot.waitExposed(body)
    return body


@pytest.fixture
def clipboard():
    """The system clipboard, emptied afterwards: Qt must not free our data at exit."""
    board = QGuiApplication.clipboard()
    yield board
    board.clear()


@pytest.mark.parametrize("as_url", [True, False], ids=["file-url", "plain-path"])
def test_a_local_picture_is_embedded_and_shown(qtbot, body, tmp_path, as_url):
    data = png(7, 5)
    path = tmp_path / "msohtmlclip1" / "01" / "clip_image002.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    with qtbot.assertNotEmitted(body.notice):
        body.insertFromMimeData(html_mime(word_html(path.as_uri() if as_url else str(path))))
    assert body.toPlainText() == "图前\ufffc图后"
    name = embedded(body)
    [uri] = saved_images(body)
    assert uri.startswith("data:image/png;base64,")
    assert decode_data_uri(uri) == data
    assert size_of(shown(body, name)) == (7, 5)
    path.unlink()  # Word's temp files don't last; the draft no longer needs them
    body.undo()
    body.redo()
    assert image_names(body) == [name]
    assert saved_images(body) == [uri]


def test_an_unreadable_picture_is_taken_from_the_clipboard_image(qtbot, body, tmp_path):
    gone = (tmp_path / "clip_image001.png").as_uri()
    with qtbot.assertNotEmitted(body.notice):
        body.insertFromMimeData(html_mime(word_html(gone), picture(9, 4)))
    name = embedded(body)
    [uri] = saved_images(body)
    assert uri.startswith("data:image/png;base64,")
    assert size_of(shown(body, name)) == (9, 4)


def test_unreadable_pictures_are_left_out_with_a_notice(qtbot, body, tmp_path):
    html = f'<p>甲<img src="{(tmp_path / "a.png").as_uri()}">乙<img src="b.png">丙</p>'
    with qtbot.waitSignal(body.notice, timeout=TIMEOUT_MS) as notice:
        # the clipboard's one picture can't tell which of the two it is
        body.insertFromMimeData(html_mime(html, picture(9, 4)))
    assert notice.args == ["有 2 张图片无法读取或格式不支持，未粘贴"]
    assert body.toPlainText() == "甲乙丙"
    assert image_names(body) == []


@pytest.mark.parametrize(
    "content",
    [b"not a picture, only named like one", b'<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ids=["text", "svg"],
)
def test_a_file_that_is_not_a_publishable_picture_is_refused(qtbot, body, tmp_path, content):
    fake = tmp_path / "clip_image001.png"
    fake.write_bytes(content)
    with qtbot.waitSignal(body.notice, timeout=TIMEOUT_MS) as notice:
        body.insertFromMimeData(html_mime(f'<p>图<img src="{fake.as_uri()}"></p>'))
    assert "1 张" in notice.args[0]
    assert body.toPlainText() == "图"


def test_an_embedded_picture_must_be_one_desk_publishes(qtbot, body):
    svg = "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    ok = "data:application/octet-stream;base64," + base64.b64encode(png(3, 2)).decode()
    with qtbot.waitSignal(body.notice, timeout=TIMEOUT_MS):
        body.insertFromMimeData(html_mime(f'<p><img src="{svg}"><img src="{ok}"></p>'))
    name = embedded(body)
    [uri] = saved_images(body)
    assert uri.startswith("data:image/png;base64,")  # labelled by what the bytes are
    assert size_of(shown(body, name)) == (3, 2)


def test_a_bare_picture_is_pasted_as_png(qtbot, body, clipboard):
    clipboard.setImage(picture(11, 6))
    assert body.canPaste()
    with qtbot.assertNotEmitted(body.notice):
        body.paste()
    name = embedded(body)
    [uri] = saved_images(body)
    assert uri.startswith("data:image/png;base64,")
    assert size_of(shown(body, name)) == (11, 6)
    body.undo()
    assert image_names(body) == []


def test_a_remote_picture_is_kept_and_shown_as_not_fetched(qtbot, body):
    with qtbot.assertNotEmitted(body.notice):
        body.insertFromMimeData(html_mime(f'<p>图<img src="{REMOTE}"></p>', picture(9, 4)))
    assert image_names(body) == [REMOTE]  # as pasted: publishing decides about it
    assert size_of(shown(body, REMOTE)) == (200, 60)  # the placeholder
    assert saved_images(body) == [REMOTE]


def test_embedded_pictures_survive_saving_and_reopening(qtbot, body, tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(png(7, 5))
    body.insertFromMimeData(html_mime(word_html(path.as_uri())))
    [uri] = saved_images(body)
    saved = body.to_html()
    path.unlink()
    reopened = BodyEdit()
    qtbot.addWidget(reopened)
    reopened.set_html(saved)
    assert saved_images(reopened) == [uri]
    assert size_of(shown(reopened, embedded(reopened))) == (7, 5)


def test_a_docx_imported_with_its_pictures_shows_them(qtbot, body):
    uri = "data:image/png;base64," + base64.b64encode(png(4, 3)).decode()
    body.set_html(f'<p>正文</p><p><img src="{uri}" /></p>')  # as mammoth writes them
    assert saved_images(body) == [uri]
    assert size_of(shown(body, embedded(body))) == (4, 3)


def test_html_without_pictures_ignores_the_clipboard_image(qtbot, body):
    # Excel and WPS tables come with a picture of the cells as well
    body.insertFromMimeData(html_mime("<table><tr><td>单元格</td></tr></table>", picture(9, 4)))
    assert image_names(body) == []
    assert body.toPlainText().strip() == "单元格"
