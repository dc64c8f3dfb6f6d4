"""A refusal shown right under the control it is about (the opinion box, a tick, the
channels …), so the person sees what to fix where they fix it."""

from __future__ import annotations

from desk.ui.qt import QLabel, QWidget

NOTE_STYLE = "QLabel { color: #b3261e; }"


class FieldNote(QLabel):
    """Hidden while there is nothing to say about ``control``."""

    def __init__(self, control: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.setWordWrap(True)
        self.setStyleSheet(NOTE_STYLE)
        self.hide()

    def say(self, message: str) -> None:
        """Show ``message`` and put the focus on the control, where the fix is typed."""
        self.setText(message)
        self.show()
        self.control.setFocus()

    def clear_note(self) -> None:
        self.clear()
        self.hide()
