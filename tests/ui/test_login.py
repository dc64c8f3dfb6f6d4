"""Logging in, the first admin, and locking an unattended session."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from PySide6.QtTest import QTest  # test-only: the UI itself never fakes input

from desk.review import passwords
from desk.review.accounts import CreateAccount, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.directory import account_by_login, has_any_admin, list_accounts, list_units
from desk.review.login import REFUSED
from desk.store import DATABASE_NAME, open_store
from desk.store.models import Account, Unit
from desk.ui.login import FirstAdminDialog, LoginDialog, SessionLock, sign_in
from desk.ui.qt import (
    QApplication,
    QCloseEvent,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPoint,
    Qt,
    QTextCursor,
    QTextEdit,
    QTimer,
)
from tests.flow import first_admin
from tests.ui.conftest import TIMEOUT_MS, type_text

pytestmark = pytest.mark.usefixtures("fast_passwords")

ADMIN = "root"  # the admin the stores below start with (made as the first account)
PASSWORD = "政务公开2026!"
TYPED_PASSWORD = "Zhengwu-2026!"  # typed key by key (QTest types Latin-1 only)


@pytest.fixture
def empty_store(tmp_path):
    with open_store(tmp_path / DATABASE_NAME) as opened:
        yield opened


@pytest.fixture
def store(empty_store):
    """A store with its admin ``ADMIN``."""
    first_admin(empty_store, ADMIN)
    return empty_store


def make_account(store, login="chief", roles=("review2",), active=True, password=PASSWORD):
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
            password_hash=passwords.hash_password(password, login=login),
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


def test_a_wrong_password_an_unknown_login_and_a_lock_read_the_same(store, login_dialog):
    make_account(store)
    try_login(login_dialog, "chief", "not-the-password")
    assert login_dialog.isVisible() and login_dialog.account is None
    assert login_dialog.message.isVisible()
    assert login_dialog.message.text() == REFUSED
    assert "连续输错 5 次，账号将锁定 15 分钟" in REFUSED
    assert login_dialog.login.text() == "chief"
    assert login_dialog.password.text() == ""
    try_login(login_dialog, "nobody", "not-the-password")
    assert login_dialog.message.text() == REFUSED
    for _ in range(4):
        try_login(login_dialog, "chief", "not-the-password")
    assert account_by_login(store, "chief").locked_until is not None
    try_login(login_dialog, "chief", PASSWORD)
    assert login_dialog.message.text() == REFUSED
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


def test_the_login_dialog_is_used_with_the_keyboard(qtbot, store, login_dialog):
    make_account(store, password=TYPED_PASSWORD)
    assert login_dialog.focusWidget() is login_dialog.login and login_dialog.login.text() == ""
    qtbot.keyClicks(login_dialog.login, "chief")
    qtbot.keyClick(login_dialog.login, Qt.Key.Key_Tab)
    assert login_dialog.focusWidget() is login_dialog.password
    qtbot.keyClicks(login_dialog.password, TYPED_PASSWORD)
    with qtbot.waitSignal(login_dialog.accepted, timeout=TIMEOUT_MS):
        qtbot.keyClick(login_dialog.password, Qt.Key.Key_Return)
    assert login_dialog.account.login == "chief"


def test_the_last_login_is_filled_in_and_the_password_has_the_focus(qtbot, store):
    make_account(store, password=TYPED_PASSWORD)
    dialog = LoginDialog(store, last_login="chief")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.login.text() == "chief"
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.password, TYPED_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT_MS):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.account.login == "chief"


def test_someone_else_replaces_the_filled_in_login_with_shift_tab(qtbot, store):
    make_account(store, password=TYPED_PASSWORD)
    make_account(store, login="li", password=TYPED_PASSWORD)
    dialog = LoginDialog(store, last_login="chief")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog, timeout=TIMEOUT_MS):
        dialog.open()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.login and dialog.login.selectedText() == "chief"
    qtbot.keyClicks(dialog.login, "li")
    qtbot.keyClick(dialog.login, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, TYPED_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT_MS):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.account.login == "li"


# --- the first admin -----------------------------------------------------------------


@pytest.fixture
def first_admin_dialog(qtbot, empty_store) -> FirstAdminDialog:
    dialog = FirstAdminDialog(empty_store)
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


def test_the_first_admin_is_created_with_their_unit(qtbot, empty_store, first_admin_dialog):
    fill_first_admin(first_admin_dialog)
    with qtbot.waitSignal(first_admin_dialog.accepted, timeout=TIMEOUT_MS):
        first_admin_dialog.create_button.click()
    account = first_admin_dialog.account
    assert (account.login, account.name, account.unit_name) == ("admin", "李主任", "区政府办公室")
    assert "admin" in account.roles
    assert [unit.name for unit in list_units(empty_store)] == ["区政府办公室"]
    assert has_any_admin(empty_store)


def test_the_unit_is_optional(qtbot, empty_store, first_admin_dialog):
    fill_first_admin(first_admin_dialog, unit="")
    with qtbot.waitSignal(first_admin_dialog.accepted, timeout=TIMEOUT_MS):
        first_admin_dialog.create_button.click()
    assert first_admin_dialog.account.unit_id is None
    assert list_units(empty_store) == []


def test_the_admins_own_unit_is_asked_last_and_explained(qtbot, empty_store, first_admin_dialog):
    """The admin is usually IT staff outside the reviewing units: the unit is the
    admin's own, optional, after what must be filled in, and the note says so."""
    form = first_admin_dialog.findChild(QFormLayout)
    labels = [
        form.labelForField(field).text()
        for field in (
            first_admin_dialog.login,
            first_admin_dialog.full_name,
            first_admin_dialog.password,
            first_admin_dialog.confirm,
            first_admin_dialog.unit_name,
        )
    ]
    assert labels == ["登录名", "姓名", "密码", "确认密码", "本人所在单位"]
    note = first_admin_dialog.unit_note.text()
    assert first_admin_dialog.unit_note.isVisible()
    assert "不是整个机关的名称" in note and "信息技术人员不必填写" in note
    assert "新建这个单位" in note and "账号与单位管理" in note
    # the keyboard goes through what must be filled in, and Enter creates the admin
    assert first_admin_dialog.focusWidget() is first_admin_dialog.login
    for typed in ("admin", "李主任", TYPED_PASSWORD, TYPED_PASSWORD):
        field = first_admin_dialog.focusWidget()
        if typed.isascii():
            qtbot.keyClicks(field, typed)
        else:  # Chinese comes through the input method
            type_text(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert first_admin_dialog.focusWidget() is first_admin_dialog.unit_name
    with qtbot.waitSignal(first_admin_dialog.accepted, timeout=TIMEOUT_MS):
        qtbot.keyClick(first_admin_dialog.unit_name, Qt.Key.Key_Return)
    assert (first_admin_dialog.account.login, first_admin_dialog.account.unit_id) == ("admin", None)


def test_a_weak_password_is_refused_inline(empty_store, first_admin_dialog):
    fill_first_admin(first_admin_dialog, password="short")
    first_admin_dialog.create_button.click()
    assert first_admin_dialog.message.text() == "密码至少需要 8 个字符（空格不计）"
    assert first_admin_dialog.isVisible() and first_admin_dialog.account is None
    assert first_admin_dialog.password.text() == first_admin_dialog.confirm.text() == ""
    assert list_accounts(empty_store) == [] and list_units(empty_store) == []


def test_a_mismatched_confirmation_is_refused(empty_store, first_admin_dialog):
    fill_first_admin(first_admin_dialog, confirm=PASSWORD + "x")
    first_admin_dialog.create_button.click()
    assert first_admin_dialog.message.text() == "两次输入的密码不一致，请重新输入"
    assert first_admin_dialog.isVisible() and first_admin_dialog.account is None
    assert list_accounts(empty_store) == []


def test_a_unit_left_by_an_older_desk_is_reused(qtbot, empty_store, first_admin_dialog):
    old_row(
        empty_store, Unit(id=new_id(), name="区政府办公室", leader_id=None, created_at=LONG_AGO)
    )
    fill_first_admin(first_admin_dialog, unit="区政府办公室\u200b")
    with qtbot.waitSignal(first_admin_dialog.accepted, timeout=TIMEOUT_MS):
        first_admin_dialog.create_button.click()
    assert first_admin_dialog.account.unit_name == "区政府办公室"
    assert len(list_units(empty_store)) == 1


def test_the_admins_login_is_normalized(qtbot, empty_store, first_admin_dialog):
    fill_first_admin(first_admin_dialog)
    first_admin_dialog.login.setText("ＡＤＭＩＮ")
    with qtbot.waitSignal(first_admin_dialog.accepted, timeout=TIMEOUT_MS):
        first_admin_dialog.create_button.click()
    assert first_admin_dialog.account.login == "admin"


LONG_AGO = datetime(2025, 6, 1, tzinfo=UTC)


def old_row(store, row) -> None:
    """A row an older Desk wrote, which today's commands would not write."""
    with store.session() as session:
        session.add(row)


def orphan(store):
    """A store an older Desk left with an account and no admin."""
    old_row(
        store,
        Account(
            id=new_id(), login="wang", name="王一审", unit_id=None, roles=["review1"],
            password_hash=passwords.hash_password(PASSWORD, login="wang"), failed_logins=0,
            locked_until=None, active=True, created_at=LONG_AGO,
        ),
    )  # fmt: skip
    return store


def test_a_store_with_accounts_but_no_admin_offers_no_first_admin(qtbot, empty_store):
    """Whoever starts the window first must not become its admin: the login dialog comes,
    says how to recover an admin, and people sign in to their work."""
    orphan(empty_store)

    def log_in(dialog):
        assert isinstance(dialog, LoginDialog)
        assert dialog.notice.isVisible()
        assert "desk admin recover-admin 登录名 --name 姓名" in dialog.notice.text()
        try_login(dialog, "wang", PASSWORD)

    answer_the_modal_dialog(log_in)
    assert sign_in(empty_store).login == "wang"
    assert not has_any_admin(empty_store)


def test_the_first_admin_dialog_cannot_take_over_such_a_store(
    qtbot, empty_store, first_admin_dialog
):
    orphan(empty_store)
    fill_first_admin(first_admin_dialog)
    first_admin_dialog.create_button.click()
    assert "有账号但没有启用的管理员" in first_admin_dialog.message.text()
    assert first_admin_dialog.account is None and not has_any_admin(empty_store)
    assert list_units(empty_store) == []


def test_the_login_dialog_has_no_notice_when_an_admin_exists(login_dialog):
    assert not login_dialog.notice.isVisible()


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


def test_sign_in_makes_the_first_admin_then_asks_for_logins(empty_store):
    store = empty_store

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

    def offered(dialog):
        assert dialog.login.text() == "admin" and dialog.focusWidget() is dialog.password
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    answer_the_modal_dialog(offered)
    assert sign_in(store, last_login="admin").login == "admin"
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
    assert lock.dialog.message.text() == REFUSED
    assert account_by_login(store, "chief").failed_logins == 1
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        unlock_with(lock, PASSWORD)
    assert account_by_login(store, "chief").failed_logins == 0


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(lambda window: type_text(window.centralWidget(), "再"), id="input-method"),
        pytest.param(
            lambda window: QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift),
            id="key-that-moves-nothing",
        ),
        pytest.param(
            lambda window: QTest.mouseMove(window.windowHandle(), QPoint(40, 40)), id="mouse"
        ),
    ],
)
def test_activity_puts_the_lock_off(qtbot, store, window, act):
    """Input as the platform delivers it: keys and the mouse through the top-level
    window (a key that moves nothing counts), Chinese through the input method. Each
    restarts the idle countdown: the lock comes no sooner than the full idle time after
    the input (measured, so a busy machine can only make the test wait longer)."""
    idle_ms = 2000
    lock = make_lock(store, window, idle_ms=idle_ms)
    created = time.monotonic()
    qtbot.wait(300)
    acted = time.monotonic()
    act(window)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    assert acted - created < idle_ms / 1000, "the machine stalled: the lock came first"
    assert time.monotonic() - acted >= 0.95 * idle_ms / 1000


def test_without_activity_the_lock_comes(qtbot, store, window):
    """The counterpart: with nothing done the session locks when the countdown ends."""
    lock = make_lock(store, window, idle_ms=300)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    assert lock.is_locked


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


def test_enter_in_the_password_field_unlocks(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=60_000)
    lock.lock_now()
    qtbot.waitExposed(lock.dialog)
    lock.dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert window.isVisible()


# --- 退出 from the locked session ------------------------------------------------------


def test_quit_closes_the_window_and_ends_the_session(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=300)
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    dialog = lock.dialog
    qtbot.waitExposed(dialog)
    assert dialog.quit_button.text() == "退出"
    assert dialog.unlock_button.isDefault() and not dialog.quit_button.isDefault()
    with qtbot.assertNotEmitted(lock.unlocked), qtbot.waitSignal(dialog.quit_requested):
        dialog.quit_button.click()
    assert not window.isVisible()  # closed: the app quits with its last window
    assert not dialog.isVisible() and not lock.is_locked
    type_text(window.centralWidget(), "不会再锁")  # activity no longer arms the lock …
    qtbot.wait(600)
    assert not lock.is_locked  # … so nothing pops up over a closed window
    assert account_by_login(store, "chief").failed_logins == 0


def test_switch_account_signs_out_and_the_lock_never_comes_again(qtbot, store, window):
    switched = []

    def switch_account() -> bool:
        switched.append(True)
        return window.close()

    lock = SessionLock(
        store, make_account(store), window, idle_ms=300, switch_account=switch_account
    )
    with qtbot.waitSignal(lock.locked, timeout=TIMEOUT_MS):
        pass
    dialog = lock.dialog
    qtbot.waitExposed(dialog)
    assert dialog.switch_button.isVisible() and dialog.switch_button.text() == "切换账号"
    assert dialog.unlock_button.isDefault() and not dialog.switch_button.isDefault()
    with qtbot.assertNotEmitted(lock.unlocked), qtbot.waitSignal(dialog.switch_requested):
        dialog.switch_button.click()
    assert switched == [True] and not window.isVisible()
    assert lock.ended and not lock.is_locked and not dialog.isVisible()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)  # input still reaches it …
    qtbot.wait(600)
    assert not lock.is_locked  # … and arms nothing: no lock over a signed-out session
    lock.lock_now()
    assert not lock.is_locked


def test_without_switching_the_lock_offers_no_switch(qtbot, store, window):
    lock = make_lock(store, window, idle_ms=60_000)
    lock.lock_now()
    qtbot.waitExposed(lock.dialog)
    assert not lock.dialog.switch_button.isVisible() and lock.dialog.quit_button.isVisible()


def test_ending_the_lock_stops_it_and_takes_its_dialog_down(qtbot, store, window):
    """注销 from the window's menu ends the lock the app made for it."""
    lock = make_lock(store, window, idle_ms=300)
    lock.end()
    lock.end()  # twice: nothing more to stop
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    qtbot.wait(600)
    assert not lock.is_locked


class _Unsaved(QMainWindow):
    """A window whose draft can't be saved, and whose user chose to stay."""

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        event.ignore()


def test_if_the_window_stays_open_the_session_stays_locked(qtbot, store):
    window = _Unsaved()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock = make_lock(store, window, idle_ms=60_000)
    lock.lock_now()
    qtbot.waitExposed(lock.dialog)
    lock.dialog.quit_button.click()
    assert window.isVisible() and lock.curtain.isVisible()
    assert lock.is_locked and lock.dialog.isVisible()
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        unlock_with(lock, PASSWORD)


def test_quit_saves_the_open_draft(qtbot, store, worker, tmp_path):
    from desk.links import load_default_whitelist
    from desk.review.drafts import list_drafts, load_draft
    from desk.ui.main_window import MainWindow, WindowState

    account = make_account(store, roles=("drafter",))
    whitelist = load_default_whitelist()
    window = MainWindow(store, worker, account.login, whitelist, WindowState(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_draft()
    window.editor.title.setText("锁屏前的稿件")
    window.editor.body.setFocus()
    type_text(window.editor.body, TEXT)
    lock = SessionLock(store, account, window, idle_ms=60_000)
    lock.lock_now()
    qtbot.waitExposed(lock.dialog)
    lock.dialog.quit_button.click()
    assert not window.isVisible() and not lock.is_locked
    [draft] = list_drafts(store)
    assert draft.title == "锁屏前的稿件"
    assert TEXT in load_draft(store, draft.id).body_text


QUIT_FROM_THE_LOCK = """
import sys
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent

from desk.lexicon import Lexicon
from desk.review import passwords
from desk.review.accounts import CreateAccount
from desk.review.commands import apply, new_id
from desk.store import DATABASE_NAME, open_store
from desk.ui.app import build_window, desk_whitelist, prepare_application, start
from desk.ui.check_worker import CheckWorker
from desk.ui.login import SessionLock
from desk.ui.main_window import WindowState
from desk.ui.qt import QApplication, QTimer

data = Path(sys.argv[1])
prepare_application()
app = QApplication([])
store = open_store(data / DATABASE_NAME)
digest = passwords.hash_password("政务公开2026!", login="chief")
apply(store, CreateAccount(new_id(), "root", new_id(), "root", "管理员", None, ["admin"], digest))
account = apply(
    store, CreateAccount(new_id(), "root", new_id(), "chief", "王科长", None, ["drafter"], digest)
)
worker = CheckWorker(lambda: Lexicon.from_entries([]))
window = build_window(store, data, worker, desk_whitelist(data), account.login)
lock = SessionLock(store, account, window)  # as desk.ui.app.run wires it
window.lock_requested.connect(lock.lock_now)
start(window, WindowState(data))


def type_and_quit():
    window.editor.title.setText("锁屏前的稿件")
    window.editor.body.setFocus()
    typed = QInputMethodEvent()
    typed.setCommitString("各单位：请于12月前完成自查。")
    QApplication.sendEvent(window.editor.body, typed)
    window.lock_requested.emit()
    QTimer.singleShot(100, lock.dialog.quit_button.click)


QTimer.singleShot(0, type_and_quit)
QTimer.singleShot(30_000, lambda: app.exit(3))  # never hang the test
print("exit", app.exec())
"""


def test_quit_from_the_lock_quits_the_app_after_saving(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from desk.review.drafts import list_drafts, load_draft
    from desk.store import DATABASE_NAME, open_store

    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", QUIT_FROM_THE_LOCK, str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(repo), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "exit 0"
    store = open_store(tmp_path / DATABASE_NAME)
    try:
        [draft] = list_drafts(store)
        assert (draft.title, load_draft(store, draft.id).body_text.strip()) == (
            "锁屏前的稿件",
            TEXT,
        )
    finally:
        store.close()
