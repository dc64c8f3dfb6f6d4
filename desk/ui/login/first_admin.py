"""The first start: the store has no account yet, so the first person makes themself its
admin (the domain lets anyone make the first account of an empty store, if it is an
admin), and accounts can be managed after. Only on an empty store: one with accounts but
no admin is offered no such dialog (desk.ui.login.sign_in).

The admin is usually IT staff, outside the units whose drafts are reviewed, and the
admin role gives no review right; so the admin's own unit is optional, asked last, and
says what it is: the unit (部门/科室) the admin belongs to, created with that name, not
the whole organisation's name. Units and their people are added in the admin screen."""

from __future__ import annotations

from desk.review.accounts import CreateAccount, CreateUnit, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import AccountView, list_units
from desk.review.errors import CommandRejected
from desk.review.names import LOGIN_MAX_LENGTH, name_key, normalize_login
from desk.review.passwords import MIN_LENGTH, WeakPassword, hash_password
from desk.store import Store, StoreError
from desk.ui.login.parts import MessageLine, password_field
from desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

ADMIN_ROLES = ["admin"]
_NOTE_STYLE = "QLabel { color: #5f6368; }"


class FirstAdminDialog(QDialog):
    """登录名, 姓名, 密码 twice, 本人所在单位 (optional); 创建 makes the unit and an admin
    account with the domain commands. ``account``: the admin created."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.account: AccountView | None = None
        self.setWindowTitle(self.tr("创建管理员账号"))
        intro = QLabel(
            self.tr(
                "欢迎使用 Desk 审校台。这是首次启动，请先创建管理员账号："
                "管理员负责添加单位和各人员的账号，管理员角色本身不参与审核。"
            )
        )
        intro.setWordWrap(True)
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(self.tr("可不填"))
        self.unit_note = QLabel(
            self.tr(
                "管理员本人所属的部门或科室，不是整个机关的名称。"
                "只负责维护系统的信息技术人员不必填写。"
                "填写后将新建这个单位并把您编入其中；"
                "其他单位和人员登录后在“账号与单位管理”中添加。"
            )
        )
        self.unit_note.setWordWrap(True)
        self.unit_note.setStyleSheet(_NOTE_STYLE)
        self.login = QLineEdit()
        self.login.setMaxLength(LOGIN_MAX_LENGTH)
        self.full_name = QLineEdit()
        self.password = password_field()
        self.password.setPlaceholderText(self.tr("至少 {count} 个字符").format(count=MIN_LENGTH))
        self.confirm = password_field()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            self.tr("创建"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("姓名"), self.full_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("确认密码"), self.confirm)
        form.addRow(self.tr("本人所在单位"), self.unit_name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.unit_note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:  # Qt override: 创建 and Enter come here
        login = self.login.text().strip()
        if not login:
            self._refuse(self.tr("请输入登录名"), self.login)
        elif self.password.text() != self.confirm.text():
            self._refuse(self.tr("两次输入的密码不一致，请重新输入"), self.password, clear=True)
        else:
            try:
                self.account = self._create(login)
            except WeakPassword as error:
                self._refuse(str(error), self.password, clear=True)
            except (CommandRejected, StoreError) as error:
                self._refuse(str(error), self.login)
            else:
                super().accept()

    def _create(self, login: str) -> AccountView:
        """The admin (the first account: nobody signs in to make it), then, made by the
        admin, the unit (one of that name already there is reused) and the admin's place
        in it. Every command is built, and so checked, before the first is applied."""
        login = normalize_login(login)
        password_hash = hash_password(self.password.text(), login=login)
        create_admin = CreateAccount(
            new_id(),
            login,
            account_id=new_id(),
            login=login,
            full_name=self.full_name.text(),
            unit_id=None,
            roles=list(ADMIN_ROLES),
            password_hash=password_hash,
        )
        unit_name = self.unit_name.text().strip()
        new_unit = CreateUnit(new_id(), login, new_id(), unit_name) if unit_name else None
        admin = apply(self.store, create_admin)
        if new_unit is None:
            return admin
        existing = [u.id for u in list_units(self.store) if name_key(u.name) == name_key(unit_name)]
        unit_id = existing[0] if existing else apply(self.store, new_unit).id
        return apply(
            self.store,
            UpdateAccount(new_id(), login, admin.id, admin.name, unit_id, list(admin.roles), True),
        )

    def _refuse(self, message: str, focus: QLineEdit, *, clear: bool = False) -> None:
        self.message.say(message)
        if clear:
            self.password.clear()
            self.confirm.clear()
        focus.setFocus()


def ask_first_admin(store: Store, parent: QWidget | None = None) -> AccountView | None:
    """The admin created, or None if the person cancelled (the app then quits)."""
    dialog = FirstAdminDialog(store, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.account if accepted else None
