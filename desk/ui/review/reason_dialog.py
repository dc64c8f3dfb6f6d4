"""The dialog that asks for the comment of 退回 or the reason of 申请修改 and 撤稿.

It takes the step itself when accepted: a refusal (an empty comment, someone else acted
first …) is shown in the dialog, which stays open with what was typed. A warning of what
else the step does (撤稿 stops a modification under review) stands above the prompt.
"""

from __future__ import annotations

from collections.abc import Callable

from desk.ui.qt import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from desk.ui.review.field_note import FieldNote
from desk.ui.screen_fit import fit_to_screen

WARNING_STYLE = "QLabel { background: #fff4e5; color: #8a4b00; padding: 6px; border-radius: 3px; }"
# Takes the step with the text typed; returns why it was refused, or None when taken.
TakeStep = Callable[[str], str | None]


class ReasonDialog(QDialog):
    """Asks for a required text, then takes the step with it."""

    def __init__(
        self,
        title: str,
        prompt: str,
        take_step: TakeStep,
        parent: QWidget | None = None,
        *,
        warning: str = "",
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
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setVisible(bool(warning))
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
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
