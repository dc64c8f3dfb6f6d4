"""The dialog that asks for the comment of 退回 or the reason of 申请修改 and 撤稿.

It takes the step itself when accepted: a refusal (an empty comment, someone else acted
first …) is shown in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from desk.ui.qt import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from desk.ui.review.field_note import FieldNote
from desk.ui.screen_fit import fit_to_screen

# Takes the step with the text typed; returns why it was refused, or None when taken.
TakeStep = Callable[[str], str | None]


class ReasonDialog(QDialog):
    """Asks for a required text, then takes the step with it."""

    def __init__(
        self, title: str, prompt: str, take_step: TakeStep, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._take_step = take_step
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.note = FieldNote(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.text)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 420, 240)

    def accept(self) -> None:  # Qt override: only once the step is taken
        refusal = self._take_step(self.text.toPlainText())
        if refusal is None:
            super().accept()
        else:
            self.note.say(refusal)
