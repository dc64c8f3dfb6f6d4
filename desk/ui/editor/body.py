"""The body text field: rich text, pastes cleaned, plain paste on Ctrl+Shift+V.

Rich pastes keep only what survives publishing (`paste`) and carry their images inside
the draft (`images`); remote images are shown as a placeholder, never downloaded.
Embedded pictures are known to the document by short names (`embedded`): its HTML is
read and written through `set_html` and `to_html`, which put their ``data:`` URIs back.
"""

from __future__ import annotations

from desk.ui.editor.embedded import EmbeddedImages
from desk.ui.editor.images import REMOTE_SCHEMES, clipboard_png, remote_placeholder
from desk.ui.editor.paste import clean_paste
from desk.ui.qt import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QTextDocument,
    QTextEdit,
    QUrl,
    QWidget,
    Signal,
)


class BodyEdit(QTextEdit):
    """A QTextEdit for the draft body."""

    notice = Signal(str)  # a short message for the status bar (images left out of a paste)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.paste_plain_action = QAction(self.tr("粘贴为纯文本"), self)
        self.paste_plain_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_plain_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_plain_action.triggered.connect(self.paste_plain_text)
        self.addAction(self.paste_plain_action)
        self._images = EmbeddedImages()

    def set_html(self, html: str) -> None:
        """Show ``html``, its ``data:`` pictures by short names; undo history starts afresh.

        The pictures shown before are let go: ``setHtml`` empties the document's cache.
        """
        self._images = EmbeddedImages()
        self.setHtml(self._images.with_names(html))

    def to_html(self) -> str:
        """The body as HTML, each picture by its ``data:`` URI as it came in (for saving)."""
        return self._images.with_uris(self.toHtml())

    def createMimeDataFromSelection(self) -> QMimeData:  # Qt override
        """A copy carries its pictures as ``data:`` URIs: their names mean nothing elsewhere."""
        fragment = self.textCursor().selection()
        mime = QMimeData()
        mime.setHtml(self._images.with_uris(fragment.toHtml()))
        mime.setText(fragment.toPlainText())
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # Qt override
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override
        """Rich paste, every image embedded; a bare picture (a screenshot) becomes a PNG."""
        if source.hasHtml():
            paste = clean_paste(source.html(), lambda: clipboard_png(source), self._images.name_for)
            self.textCursor().insertFragment(paste.fragment)
            dropped = paste.images_dropped
        elif source.hasImage():
            uri = clipboard_png(source)
            if uri is not None:
                self.textCursor().insertImage(self._images.name_for(uri))
            dropped = 0 if uri is not None else 1
        else:
            super().insertFromMimeData(source)
            return
        self.ensureCursorVisible()
        if dropped:
            self.notice.emit(self.tr("有 %n 张图片无法读取或格式不支持，未粘贴", "", dropped))

    def loadResource(self, resource_type: int, name: QUrl) -> object:  # Qt override
        """Embedded pictures by their short names; remote images are never downloaded.

        The editor shows a placeholder for a remote image, saying so. The document keeps
        what it is given here: each picture is asked for once.
        """
        if resource_type == QTextDocument.ResourceType.ImageResource:
            if name.scheme() in REMOTE_SCHEMES:
                return remote_placeholder(self.tr("网络图片（未下载）"))
            image = self._images.image(name.toString())
            if image is not None:
                return image
        return super().loadResource(resource_type, name)

    def paste_plain_text(self) -> None:
        """Paste the clipboard's text without any formatting."""
        text = QGuiApplication.clipboard().text()
        if text:
            self.textCursor().insertText(text)
            self.ensureCursorVisible()

    def position_at(self, point: QPoint) -> int:
        """The position of the character under a viewport point; -1 where there is none."""
        return (
            self.document()
            .documentLayout()
            .hitTest(QPointF(point + self.scroll_offset()), Qt.HitTestAccuracy.ExactHit)
        )

    def scroll_offset(self) -> QPoint:
        """Viewport to document coordinates."""
        return QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
