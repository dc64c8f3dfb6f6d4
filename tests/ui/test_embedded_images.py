"""Embedded pictures are known to the editor by short names and saved as their data: URIs.

A multi-megabyte ``data:`` URI as an image's name made every keystroke slow (Qt parses
the name at each layout and paint); see bench/bench_images.py for the timing.
"""

from __future__ import annotations

import base64
import time

import pytest

from desk.ui.editor.body import BodyEdit
from desk.ui.editor.embedded import EmbeddedImages
from desk.ui.qt import QMimeData, QTextCursor, QTextDocument, QTextEdit, QUrl
from tests.ui.conftest import settle, type_text
from tests.ui.test_paste import (
    embedded,
    image_names,
    picture,
    png,
    saved_images,
    shown,
    size_of,
)


def data_uri(width: int, height: int) -> str:
    return "data:image/png;base64," + base64.b64encode(png(width, height)).decode()


@pytest.fixture
def body(qtbot) -> BodyEdit:
    body = BodyEdit()
    qtbot.addWidget(body)
    body.resize(600, 400)
    body.show()
    qtbot.waitExposed(body)
    return body


def test_a_picture_is_saved_exactly_as_it_came(body):
    uri = data_uri(4, 3)
    html = f'<p>正文</p><p><img src="{uri}" /></p>'  # as mammoth writes it
    body.set_html(html)
    name = embedded(body)
    assert size_of(shown(body, name)) == (4, 3)
    plain = QTextEdit()
    plain.setHtml(html)
    assert body.to_html() == plain.toHtml()  # what the editor saved before names


TAGS = {
    "single-quotes": "<img src='{uri}'>",
    "upper-case": '<IMG SRC="{uri}">',
    "other-attributes": '<img alt="图" src = "{uri}" width="4">',
    "DATA-scheme": '<img\nsrc="DATA{rest}">',
}


@pytest.mark.parametrize("tag", TAGS.values(), ids=TAGS.keys())
def test_any_img_tag_writing_is_read(body, tag):
    uri = data_uri(4, 3)
    html = f"<p>{tag.format(uri=uri, rest=uri[4:])}</p>"
    body.set_html(html)
    assert size_of(shown(body, embedded(body))) == (4, 3)
    assert saved_images(body) == [uri if "{uri}" in tag else "DATA" + uri[4:]]
    images = EmbeddedImages()
    named = images.with_names(html)
    assert "data:" not in named.lower()
    assert images.with_uris(named) == html


def test_the_same_picture_twice_has_one_name(body):
    uri = data_uri(4, 3)
    body.set_html(f'<p><img src="{uri}">和<img src="{uri}"></p>')
    first, second = image_names(body)
    assert first == second and first.startswith("desk-image:")
    assert saved_images(body) == [uri, uri]


def test_a_picture_that_does_not_decode_is_saved_as_it_was(body):
    broken = "data:image/png;base64,bm90IGEgcGljdHVyZQ=="
    body.set_html(f'<p><img src="{broken}"></p>')
    embedded(body)
    assert saved_images(body) == [broken]


def test_other_sources_are_left_alone(body):
    body.set_html('<p><img src="images/a.png"><img src="https://www.gov.cn/b.png"></p>')
    assert image_names(body) == ["images/a.png", "https://www.gov.cn/b.png"]


def test_a_pasted_picture_is_named_and_saved_as_data_uri(body):
    mime = QMimeData()
    mime.setImageData(picture(11, 6))
    body.insertFromMimeData(mime)
    name = embedded(body)
    assert size_of(shown(body, name)) == (11, 6)
    [uri] = saved_images(body)
    assert uri.startswith("data:image/png;base64,")


def test_undo_and_redo_of_a_paste_keep_the_picture(body):
    body.set_html("<p>正文</p>")
    mime = QMimeData()
    mime.setHtml(f'<p><img src="{data_uri(9, 4)}"></p>')
    body.insertFromMimeData(mime)
    name = embedded(body)
    [uri] = saved_images(body)
    body.undo()
    assert image_names(body) == []
    assert saved_images(body) == []
    body.redo()
    assert image_names(body) == [name]
    assert size_of(shown(body, name)) == (9, 4)
    assert saved_images(body) == [uri]


def test_a_copy_carries_the_picture(qtbot, body):
    uri = data_uri(5, 2)
    body.set_html(f'<p>图<img src="{uri}">注</p>')
    body.selectAll()
    copied = body.createMimeDataFromSelection()
    assert uri in copied.html()
    assert "desk-image:" not in copied.html()
    assert copied.text() == "图\ufffc注"
    other = BodyEdit()
    qtbot.addWidget(other)
    other.insertFromMimeData(copied)
    assert saved_images(other) == [uri]


def test_another_draft_lets_the_pictures_go(body):
    body.set_html(f'<p><img src="{data_uri(4, 3)}"></p>')
    name = embedded(body)
    body.set_html("<p>另一篇</p>")
    resource = body.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
    assert resource is None


def test_names_never_reach_the_saved_html(body):
    uri = data_uri(4, 3)
    body.set_html(f'<p><img src="{uri}"></p>')
    name = embedded(body)
    cursor = QTextCursor(body.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(f' <img src="{name}">')  # typed as text: escaped, stays text
    saved = body.to_html()
    assert saved.count("desk-image:") == 1  # the typed one
    assert f"&lt;img src=&quot;{name}&quot;&gt;" in saved
    assert saved_images(body) == [uri]


def test_a_name_that_is_not_known_is_left_as_it_is():
    unknown = '<img src="desk-image:0123456789abcdef0123456789abcdef" />'
    assert EmbeddedImages().with_uris(unknown) == unknown


def test_rewriting_stays_linear_on_broken_html():
    # each tag is scanned to the next < or > at most, never to the end of the text
    html = "<img " * 100_000 + "<img src='data:" + "A" * 4_000_000
    began = time.perf_counter()
    assert EmbeddedImages().with_names(html) == html
    assert time.perf_counter() - began < 2.0  # a quadratic scan takes minutes


def test_the_draft_editor_saves_its_pictures(qtbot, editor):
    uri = data_uri(6, 2)
    editor.set_draft("标题", f'<p>百家乐</p><p><img src="{uri}"></p>')
    assert image_names(editor.body)[0].startswith("desk-image:")
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.body, "尾")
    settle(qtbot, editor)
    saved = editor.draft_text()
    assert f'src="{uri}"' in saved.body_html
    assert "desk-image:" not in saved.body_html
