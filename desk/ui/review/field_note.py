"""A refusal shown right under the control it is about (the opinion box, a tick, the
channels …), so the person sees what to fix where they fix it; it goes away as soon as
they change that control."""

from __future__ import annotations

from desk.ui.qt import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
    SignalInstance,
)

NOTE_STYLE = "QLabel { color: #b3261e; }"


class FieldNote(QLabel):
    """Hidden while there is nothing to say about ``control``."""

    def __init__(self, control: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.setWordWrap(True)
        self.setStyleSheet(NOTE_STYLE)
        self.hide()
        self.clear_on(*_changes(control))

    def say(self, message: str) -> None:
        """Show ``message`` and put the focus on the control, where the fix is typed."""
        self.setText(message)
        self.show()
        self.control.setFocus()

    def clear_on(self, *signals: SignalInstance) -> None:
        """Clear the note when one of ``signals`` fires (the control's own changes are
        watched already; a group box names its parts' here)."""
        for signal in signals:
            signal.connect(self.clear_note)

    def clear_note(self) -> None:
        self.clear()
        self.hide()


def _changes(control: QWidget) -> tuple[SignalInstance, ...]:
    """The signals by which ``control`` says the person changed it."""
    if isinstance(control, QLineEdit):
        return (control.textChanged,)
    if isinstance(control, QPlainTextEdit):
        return (control.textChanged,)
    if isinstance(control, QAbstractButton):
        return (control.toggled,)
    if isinstance(control, QComboBox):
        return (control.currentIndexChanged,)
    if isinstance(control, QDateTimeEdit):
        return (control.dateTimeChanged,)
    return ()
