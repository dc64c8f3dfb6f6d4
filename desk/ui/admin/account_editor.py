"""新建账号 / 编辑账号: login (new only), name, unit, roles, and a password (new only)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desk.review.directory import AccountView, UnitView
from desk.review.passwords import MIN_LENGTH
from desk.review.roles import ROLES
from desk.ui.admin.forms import FormDialog, password_edit
from desk.ui.admin.labels import role_label
from desk.ui.qt import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

_ROLE_COLUMNS = 2


@dataclass(frozen=True, slots=True)
class AccountValues:
    """What the form holds; ``login`` and ``password`` matter for a new account only."""

    login: str
    name: str
    unit_id: uuid.UUID | None
    roles: list[str]  # role ids, in the order of ROLES
    password: str


class AccountEditor(FormDialog):
    """Edits ``account``, or makes a new one if None; OK hands the values to ``submit``."""

    def __init__(
        self,
        units: Sequence[UnitView],
        account: AccountView | None,
        submit: Callable[[AccountValues], bool],
        parent: QWidget | None = None,
    ) -> None:
        is_new = account is None
        super().__init__(self.tr("新建账号") if is_new else self.tr("编辑账号"), parent)
        self._send = submit
        self.is_new = is_new
        self.login = QLineEdit(account.login if account is not None else "")
        self.login.setEnabled(is_new)  # a login never changes
        self.name = QLineEdit(account.name if account is not None else "")
        self.unit = QComboBox()
        self.unit.addItem(self.tr("（无单位）"), None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
            if account is not None and unit.id == account.unit_id:
                self.unit.setCurrentIndex(self.unit.count() - 1)
        held = set(account.roles) if account is not None else set()
        self.roles = {role: QCheckBox(role_label(role)) for role in ROLES}
        grid = QGridLayout()
        for index, (role, box) in enumerate(self.roles.items()):
            box.setChecked(role in held)
            grid.addWidget(box, index // _ROLE_COLUMNS, index % _ROLE_COLUMNS)
        self.password = password_edit()
        self.again = password_edit()
        self.fields.addRow(self.tr("登录名："), self.login)
        self.fields.addRow(self.tr("姓名："), self.name)
        self.fields.addRow(self.tr("单位："), self.unit)
        self.fields.addRow(self.tr("角色："), grid)
        if is_new:
            self.fields.addRow(self.tr("密码："), self.password)
            self.fields.addRow(self.tr("确认密码："), self.again)
            hint = QLabel(
                self.tr("密码至少 {count} 个字符，且不能与登录名相同。").format(count=MIN_LENGTH)
            )
            hint.setWordWrap(True)
            self.fields.addRow(hint)

    def values(self) -> AccountValues:
        return AccountValues(
            login=self.login.text().strip(),
            name=self.name.text(),
            unit_id=self.unit.currentData(),
            roles=[role for role, box in self.roles.items() if box.isChecked()],
            password=self.password.text(),
        )

    def _submit(self) -> bool:
        if self.is_new and not self._confirmed(self.password, self.again):
            return False
        return self._send(self.values())
