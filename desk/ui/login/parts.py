"""Pieces the login dialogs share: the red line saying why a try was refused, and a
password field."""

from __future__ import annotations

from desk.ui.qt import QLabel, QLineEdit, QWidget

_MESSAGE_STYLE = "QLabel { color: #b3261e; }"


class MessageLine(QLabel):
    """Says, in red under the fields, why the last try was refused; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_MESSAGE_STYLE)
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def password_field() -> QLineEdit:
    """A line edit that shows dots, not the password."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
