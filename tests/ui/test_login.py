"""Logging in, the first admin, and locking an unattended session."""

from __future__ import annotations

import pytest

from desk.review import passwords
from desk.review.accounts import CreateAccount, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login, has_any_admin, list_accounts, list_units
from desk.ui.login import FirstAdminDialog, LoginDialog, SessionLock, sign_in
from desk.ui.qt import QApplication, QLabel, QMainWindow, Qt, QTextCursor, QTextEdit, QTimer
from tests.ui.conftest import TIMEOUT_MS, type_text

pytestmark = pytest.mark.usefixtures("fast_passwords")

ADMIN = "cli:tester"
PASSWORD = "政务公开2026!"


def make_account(store, login="chief", roles=("review2",), active=True):
    account = apply(
        store,
        CreateAccount(
            new_id(),
            ADMIN,
            account_id=new_id(),
            login=login,
            full_name="王科长",
            unit_id=None,
            roles=list(roles),
            password_hash=passwords.hash_password(PASSWORD, login=login),
        ),
    )
    if not active:
        account = apply(
            store,
            UpdateAccount(
                new_id(),
                ADMIN,
                account_id=account.id,
                full_name=account.name,
                unit_id=None,
                roles=list(roles),
                active=False,
            ),
        )
    return account


@pytest.fixture
def login_dialog(qtbot, store) -> LoginDialog:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def try_login(dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login.setText(login)
    dialog.password.setText(password)
    dialog.login_button.click()


# --- logging in ----------------------------------------------------------------------


def test_the_right_password_logs_in(qtbot, store, login_dialog):
    make_account(store)
    with qtbot.waitSignal(login_dialog.accepted, timeout=TIMEOUT_MS):
        try_login(login_dialog, " chief ", PASSWORD)
    assert login_dialog.account.login == "chief"
    assert not login_dialog.isVisible()


def test_enter_in_the_password_field_logs_in(qtbot, store, login_dialog):
    make_account(store)
    login_dialog.login.setText("chief")
    login_dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(login_dialog.accepted, timeout=TIMEOUT_MS):
        qtbot.keyClick(login_dialog.password, Qt.Key.Key_Return)
    assert login_dialog.account.login == "chief"


def test_a_wrong_password_says_how_many_tries_remain_and_five_lock(store, login_dialog):
    make_account(store)
    try_login(login_dialog, "chief", "not-the-password")
    assert login_dialog.isVisible() and login_dialog.account is None
    assert login_dialog.message.isVisible()
    assert login_dialog.message.text().startswith("密码错误，还可尝试 4 次")
    assert login_dialog.login.text() == "chief"
    assert login_dialog.password.text() == ""
    for _ in range(4):
        try_login(login_dialog, "chief", "not-the-password")
    assert login_dialog.message.text().startswith("密码连续错误 5 次，账号已锁定至")
    try_login(login_dialog, "chief", PASSWORD)
    assert login_dialog.message.text().startswith("账号已锁定至")
    assert login_dialog.isVisible() and login_dialog.account is None


def test_an_inactive_account_is_refused(store, login_dialog):
    make_account(store, active=False)
    try_login(login_dialog, "chief", PASSWORD)
    assert login_dialog.message.text() == "账号已停用，请联系管理员"
    assert login_dialog.isVisible() and login_dialog.account is None


def test_an_empty_password_is_not_a_failed_try(store, login_dialog):
    make_account(store)
    try_login(login_dialog, "chief", "")
    assert login_dialog.message.text() == "请输入登录名和密码"
    assert account_by_login(store, "chief").failed_logins == 0


# --- the first admin -----------------------------------------------------------------


@pytest.fixture
def first_admin(qtbot, store) -> FirstAdminDialog:
    dialog = FirstAdminDialog(store)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def fill_first_admin(dialog, unit="区政府办公室", password=PASSWORD, confirm=None) -> None:
    dialog.unit_name.setText(unit)
    dialog.login.setText("admin")
    dialog.full_name.setText("李主任")
    dialog.password.setText(password)
    dialog.confirm.setText(password if confirm is None else confirm)


def test_the_first_admin_is_created_with_their_unit(qtbot, store, first_admin):
    fill_first_admin(first_admin)
    with qtbot.waitSignal(first_admin.accepted, timeout=TIMEOUT_MS):
        first_admin.create_button.click()
    account = first_admin.account
    assert (account.login, account.name, account.unit_name) == ("admin", "李主任", "区政府办公室")
    assert "admin" in account.roles
    assert [unit.name for unit in list_units(store)] == ["区政府办公室"]
    assert has_any_admin(store)


def test_the_unit_is_optional(qtbot, store, first_admin):
    fill_first_admin(first_admin, unit="")
    with qtbot.waitSignal(first_admin.accepted, timeout=TIMEOUT_MS):
        first_admin.create_button.click()
    assert first_admin.account.unit_id is None
    assert list_units(store) == []


def test_a_weak_password_is_refused_inline(store, first_admin):
    fill_first_admin(first_admin, password="short")
    first_admin.create_button.click()
    assert first_admin.message.text() == "密码至少需要 8 个字符"
    assert first_admin.isVisible() and first_admin.account is None
    assert first_admin.password.text() == first_admin.confirm.text() == ""
    assert list_accounts(store) == [] and list_units(store) == []


def test_a_mismatched_confirmation_is_refused(store, first_admin):
    fill_first_admin(first_admin, confirm=PASSWORD + "x")
    first_admin.create_button.click()
    assert first_admin.message.text() == "两次输入的密码不一致，请重新输入"
    assert first_admin.isVisible() and first_admin.account is None
    assert list_accounts(store) == []


def test_a_retry_after_a_refused_account_reuses_the_unit(qtbot, store, first_admin):
    make_account(store, login="admin")  # taken, by a non-admin: no admin exists yet
    fill_first_admin(first_admin)
    first_admin.create_button.click()
    assert first_admin.message.text() == "登录名 admin 已被使用"
    first_admin.login.setText("director")
    first_admin.password.setText(PASSWORD)
    first_admin.confirm.setText(PASSWORD)
    with qtbot.waitSignal(first_admin.accepted, timeout=TIMEOUT_MS):
        first_admin.create_button.click()
    assert first_admin.account.unit_name == "区政府办公室"
    assert len(list_units(store)) == 1


# --- at the start --------------------------------------------------------------------


def answer_the_modal_dialog(answer) -> None:
    """Once the dialog that ``sign_in`` runs with exec() is up, ``answer`` fills it in;
    if that fails, the dialog is cancelled so the test cannot hang."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        try:
            answer(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


def test_sign_in_makes_the_first_admin_then_asks_for_logins(store):
    def create(dialog):
        assert isinstance(dialog, FirstAdminDialog)
        fill_first_admin(dialog)
        dialog.create_button.click()

    answer_the_modal_dialog(create)
    assert sign_in(store).login == "admin"

    def log_in(dialog):
        assert isinstance(dialog, LoginDialog)
        try_login(dialog, "admin", PASSWORD)

    answer_the_modal_dialog(log_in)
    assert sign_in(store).login == "admin"
    answer_the_modal_dialog(lambda dialog: dialog.reject())
    assert sign_in(store) is None


# --- locking the session -------------------------------------------------------------

TEXT = "各单位：请于12月前完成自查。"


@pytest.fixture
def window(qtbot) -> QMainWindow:
    """A stand-in for the main window: text being edited, the cursor mid-way."""
    window = QMainWindow()
    editor = QTextEdit()
    window.setCentralWidget(editor)
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    editor.setFocus()
    type_text(editor, TEXT)
    editor.moveCursor(QTextCursor.MoveOperation.Left)
    return window


def make_lock(store, window, idle_ms: int) -> SessionLock:
    return SessionLock(store, make_account(store), window, idle_ms=idle_ms)


def unlock_with(lock: SessionLock, password: str) -> None:
    lock.dialog.password.setText(password)
    lock.dialog.unlock_button.click()


def test_the_session_locks_when_idle_and_the_password_unlocks_it(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=200)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    assert lock.is_locked
    qtbot.waitExposed(lock.dialog)
    assert lock.dialog.isModal()
    assert any("王科长（chief）" in label.text() for label in lock.dialog.findChildren(QLabel))
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        unlock_with(lock, PASSWORD)
    assert not lock.is_locked
    editor = window.centralWidget()
    assert editor.toPlainText() == TEXT
    assert editor.textCursor().position() == len(TEXT) - 1
    assert window.isEnabled()


def test_a_wrong_unlock_password_keeps_it_locked_and_counts(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=200)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    unlock_with(lock, "not-the-password")
    assert lock.is_locked and lock.dialog.isVisible()
    assert lock.dialog.message.text().startswith("密码错误，还可尝试 4 次")
    assert account_by_login(store, "chief").failed_logins == 1
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        unlock_with(lock, PASSWORD)
    assert account_by_login(store, "chief").failed_logins == 0


def test_activity_puts_the_lock_off(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=1000)
    editor = window.centralWidget()
    qtbot.wait(600)
    type_text(editor, "再")  # Chinese arrives through the input method
    qtbot.wait(600)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.wait(600)
    assert not lock.is_locked  # 1.8 s in, never 1 s idle
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass


def test_lock_now_covers_the_window_and_escape_does_not_unlock(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=60_000)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        lock.lock_now()
    qtbot.waitExposed(lock.dialog)
    curtain = window.childAt(window.rect().center())
    assert curtain is not window.centralWidget()
    window.resize(800, 500)
    qtbot.waitUntil(lambda: lock.curtain.geometry() == window.rect(), timeout=TIMEOUT_MS)
    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)
    assert lock.is_locked and lock.dialog.isVisible()
    lock.lock_now()  # already locked: one dialog only
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        unlock_with(lock, PASSWORD)
    assert not lock.curtain.isVisible()
