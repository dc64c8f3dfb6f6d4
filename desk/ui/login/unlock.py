"""The dialog over a locked session: only the account's password opens it again; 退出
ends the session instead."""

from __future__ import annotations

from desk.review.directory import AccountView
from desk.review.login import LoginFailed, authenticate
from desk.store import Store, StoreError
from desk.ui.login.parts import MessageLine, password_field
from desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
    Signal,
)


class UnlockDialog(QDialog):
    """Asks the locked session's account for its password. The password is checked by
    ``authenticate``, so wrong ones are recorded and lock the account like at login.
    Escape and the close button do nothing. ``account``: the account, as it unlocked.

    退出 and 切换账号 (with ``can_switch``) are for whoever else is at the desk: they
    only ask (``quit_requested``, ``switch_requested``); the ``SessionLock`` closes the
    window, which saves the open draft, and the app quits or asks who signs in next.
    """

    quit_requested = Signal()
    switch_requested = Signal()

    def __init__(
        self,
        store: Store,
        account: AccountView,
        parent: QWidget | None = None,
        *,
        can_switch: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.account = account
        self.setWindowTitle(self.tr("已锁定"))
        intro = QLabel(
            self.tr("Desk 审校台已锁定。请输入 {name}（{login}）的密码解锁。").format(
                name=account.name, login=account.login
            )
        )
        intro.setWordWrap(True)
        self.password = password_field()
        self.message = MessageLine()
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            self.tr("解锁"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setDefault(True)  # Enter unlocks, never quits
        self.switch_button = self.buttons.addButton(
            self.tr("切换账号"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.switch_button.setAutoDefault(False)
        self.switch_button.setToolTip(self.tr("保存正在编辑的稿件，换一个账号登录"))
        self.switch_button.clicked.connect(self.switch_requested)
        self.switch_button.setVisible(can_switch)
        self.quit_button = self.buttons.addButton(
            self.tr("退出"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.quit_button.setAutoDefault(False)
        self.quit_button.setToolTip(self.tr("保存正在编辑的稿件，退出 Desk 审校台"))
        self.quit_button.clicked.connect(self.quit_requested)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

    def accept(self) -> None:  # Qt override: 解锁 and Enter come here
        if not self.password.text():
            self.message.say(self.tr("请输入密码"))
            return
        try:
            account = authenticate(self.store, self.account.login, self.password.text())
        except (LoginFailed, StoreError) as error:
            self.message.say(str(error))
            self.password.clear()
            self.password.setFocus()
            return
        self.account = account
        super().accept()

    def reject(self) -> None:  # Qt override: the session stays locked
        self.password.setFocus()
