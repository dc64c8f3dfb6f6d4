"""The body text field: rich text, pastes cleaned (see `paste`), plain paste on Ctrl+Shift+V."""

from __future__ import annotations

from desk.ui.editor.paste import clean_fragment
from desk.ui.qt import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QTextEdit,
    QWidget,
)


class BodyEdit(QTextEdit):
    """A QTextEdit for the draft body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.paste_plain_action = QAction("粘贴为纯文本", self)
        self.paste_plain_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_plain_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.paste_plain_action.triggered.connect(self.paste_plain_text)
        self.addAction(self.paste_plain_action)

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override
        if source.hasHtml():
            self.textCursor().insertFragment(clean_fragment(source.html()))
            self.ensureCursorVisible()
        else:
            super().insertFromMimeData(source)

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
