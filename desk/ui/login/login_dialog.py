"""Logging in at the start: who works in this session."""

from __future__ import annotations

from desk.review.directory import AccountView, has_any_admin
from desk.review.login import LoginFailed, authenticate
from desk.review.names import LOGIN_MAX_LENGTH
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

_NOTICE_STYLE = "QLabel { background: #fef7e0; border: 1px solid #f9ab00; padding: 6px; }"


class LoginDialog(QDialog):
    """登录名 and 密码; accepted only once ``authenticate`` agrees, so every try is
    recorded and wrong passwords count towards the lockout. ``account``: who logged in.

    ``last_login`` (who signed in last on this desk) is filled in, and the password
    field has the focus; Shift+Tab selects the login to type another.

    On a store with accounts but no active admin (left so by an older Desk), ``notice``
    says so and how to recover one; people sign in to their work meanwhile. Nobody is
    offered to become admin here: that would hand the desk to whoever starts it first.
    """

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, last_login: str = ""
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.account: AccountView | None = None
        self.setWindowTitle(self.tr("登录 Desk 审校台"))
        self.login = QLineEdit()
        self.login.setMaxLength(LOGIN_MAX_LENGTH)
        self.password = password_field()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.notice = QLabel(
            self.tr(
                "此数据库有账号，但没有启用的管理员，所以这里不能新建管理员；各人仍可照常登录。"
                "恢复管理员：在能写入数据文件夹的电脑上运行\n"
                "desk admin recover-admin 登录名 --name 姓名\n"
                "此操作记入审计日志。"
            )
        )
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(_NOTICE_STYLE)
        self.notice.setVisible(not has_any_admin(store))
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.login)
        form.addRow(self.tr("密码"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        if last_login:
            self.login.setText(last_login)
            self.password.setFocus()

    def accept(self) -> None:  # Qt override: 登录 and Enter come here
        login = self.login.text().strip()
        if not login or not self.password.text():
            # not worth a recorded failure: the person pressed Enter too early
            self.message.say(self.tr("请输入登录名和密码"))
            (self.password if login else self.login).setFocus()
            return
        try:
            account = authenticate(self.store, login, self.password.text())
        except (LoginFailed, StoreError) as error:
            self.message.say(str(error))
            self.password.clear()
            self.password.setFocus()
            return
        self.account = account
        super().accept()


def ask_login(
    store: Store, parent: QWidget | None = None, *, last_login: str = ""
) -> AccountView | None:
    """Who logged in, or None if the person cancelled (the app then quits)."""
    dialog = LoginDialog(store, parent, last_login=last_login)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.account if accepted else None
