"""The admin screen's small forms: a unit, a unit's leader, a new password.

Each form's OK hands its values to a callback (a change of the admin dialog) and closes
only if the change was made; while it is refused the form stays open and the admin
dialog puts the domain's reason in the form's red ``error`` label.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from desk.review.directory import AccountView, UnitView
from desk.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #c62828"
FORM_WIDTH = 460


def error_label() -> QLabel:
    """An empty red label for why a change was refused."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FormDialog(QDialog):
    """Fields above a red ``error`` label and OK/取消; OK closes only if ``_submit`` succeeds."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = QFormLayout()
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(FORM_WIDTH, 0)

    def _ok(self) -> None:
        self.error.clear()
        if self._submit():
            self.accept()

    def _submit(self) -> bool:
        """Make the change; False (the reason already shown) if it was refused."""
        raise NotImplementedError

    def _confirmed(self, password: QLineEdit, again: QLineEdit) -> bool:
        """Whether both entries agree; says so if not (caught here, not by the domain)."""
        if password.text() == again.text():
            return True
        self.error.setText(self.tr("两次输入的密码不一致"))
        return False


class UnitForm(FormDialog):
    """新建单位: just the name."""

    def __init__(self, submit: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新建单位"), parent)
        self._send = submit
        self.name = QLineEdit()
        self.fields.addRow(self.tr("名称："), self.name)

    def _submit(self) -> bool:
        return self._send(self.name.text())


class LeaderForm(FormDialog):
    """设置分管领导: offers the active accounts holding review3, or none."""

    def __init__(
        self,
        unit: UnitView,
        candidates: Sequence[AccountView],
        submit: Callable[[uuid.UUID | None], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("设置分管领导"), parent)
        self._send = submit
        self.leader = QComboBox()
        self.leader.addItem(self.tr("（不设分管领导）"), None)
        for account in candidates:
            self.leader.addItem(f"{account.name}（{account.login}）", account.id)
            if account.id == unit.leader_id:  # findData can't compare UUIDs
                self.leader.setCurrentIndex(self.leader.count() - 1)
        hint = QLabel(self.tr("只列出有“三审签发（分管领导）”角色的启用账号。"))
        hint.setWordWrap(True)
        self.fields.addRow(self.tr("单位："), QLabel(unit.name))
        self.fields.addRow(self.tr("分管领导："), self.leader)
        self.fields.addRow(hint)

    def _submit(self) -> bool:
        return self._send(self.leader.currentData())


class PasswordForm(FormDialog):
    """重置密码: the new password twice; it also lifts a lockout."""

    def __init__(
        self, account: AccountView, submit: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("重置密码"), parent)
        self._send = submit
        self.password = password_edit()
        self.again = password_edit()
        self.fields.addRow(self.tr("账号："), QLabel(f"{account.name}（{account.login}）"))
        self.fields.addRow(self.tr("新密码："), self.password)
        self.fields.addRow(self.tr("确认新密码："), self.again)

    def _submit(self) -> bool:
        return self._confirmed(self.password, self.again) and self._send(self.password.text())
