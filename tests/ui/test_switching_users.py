"""Who is signed in, 注销/切换账号 in the same process, and what belongs to each person:
their unsaved text after a crash, their last draft, the login the desk remembers."""

from __future__ import annotations

import time
from unittest import mock

import pytest
import shiboken6

from desk.links import load_default_whitelist
from desk.review import passwords
from desk.review.accounts import CreateAccount, CreateUnit, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.drafts import list_drafts, load_draft, pending_recovery, revisions
from desk.ui.app import open_session, start, work
from desk.ui.login import LoginDialog, SessionLock
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.qt import QApplication, QKeySequence, QMessageBox, Qt, QTimer
from tests.ui.conftest import TIMEOUT_MS, type_text

pytestmark = pytest.mark.usefixtures("fast_passwords")

PASSWORD = "政务公开2026!"
ADMIN = "it"  # the admin, made first
AUTOSAVE_MS = 200


def add_account(store, login, name, roles, unit_id=None):
    return apply(
        store,
        CreateAccount(
            new_id(),
            ADMIN,
            new_id(),
            login,
            name,
            unit_id,
            list(roles),
            passwords.hash_password(PASSWORD, login=login),
        ),
    )


@pytest.fixture
def people(store):
    """李联络 drafts in 办公室; 王科长 holds 一审 and 二审 there (and an admin exists)."""
    unit_id = new_id()
    add_account(store, ADMIN, "信息中心", ["admin"])
    apply(store, CreateUnit(new_id(), ADMIN, unit_id, "办公室"))
    return {
        "li": add_account(store, "li", "李联络", ["drafter"], unit_id),
        "wang": add_account(store, "wang", "王科长", ["review1", "review2"], unit_id),
    }


@pytest.fixture
def window_as(qtbot, store, worker, tmp_path):
    """A window for a login on the one desk (one data folder, as people share a PC)."""

    def make(login: str) -> MainWindow:
        window = MainWindow(
            store,
            worker,
            login,
            load_default_whitelist(),
            WindowState(tmp_path),
            autosave_ms=AUTOSAVE_MS,
        )
        qtbot.addWidget(window)
        with qtbot.waitActive(window, timeout=TIMEOUT_MS):
            start(window, WindowState(tmp_path))
        return window

    return make


def write(window: MainWindow, title: str, body: str) -> None:
    window.editor.title.setText(title)
    window.editor.body.setFocus()
    type_text(window.editor.body, body)


# --- who is signed in ------------------------------------------------------------------


def test_the_title_and_the_status_bar_say_who_is_signed_in_and_as_what(people, window_as):
    li = window_as("li")
    assert li.windowTitle() == "Desk 审校台 — 李联络 · 信息发布联络员"
    assert li.signed_in_label.text() == "李联络（li） · 信息发布联络员"
    assert li.signed_in_label.isVisible()
    tip = li.signed_in_label.toolTip()
    assert "单位：办公室" in tip and "Ctrl+Shift+L" in tip
    wang = window_as("wang")
    assert wang.windowTitle() == "Desk 审校台 — 王科长 · 一审（工作人员）、二审（处/科室负责人）"


def test_after_an_unlock_the_account_is_shown_as_it_is_now(qtbot, store, people, worker, tmp_path):
    window = open_session(
        store, tmp_path, worker, load_default_whitelist(), people["li"], WindowState(tmp_path)
    )
    qtbot.addWidget(window)
    lock = window.findChild(SessionLock)
    li = people["li"]
    apply(
        store,
        UpdateAccount(new_id(), ADMIN, li.id, "李联络", li.unit_id, ["drafter", "review1"], True),
    )
    window.lock_action.trigger()
    qtbot.waitExposed(lock.dialog)
    lock.dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=TIMEOUT_MS):
        lock.dialog.unlock_button.click()
    assert window.windowTitle() == "Desk 审校台 — 李联络 · 信息发布联络员、一审（工作人员）"


# --- 注销/切换账号 -------------------------------------------------------------------------


def test_sign_out_is_in_the_file_menu_with_a_shortcut_of_its_own(people, window_as):
    window = window_as("li")
    file_menu = window.menuBar().actions()[0].menu()
    assert window.sign_out_action in file_menu.actions()
    assert window.sign_out_action.text() == "注销/切换账号"
    assert window.sign_out_action.shortcut() == QKeySequence("Ctrl+Shift+L")
    shortcuts = [a.shortcut() for a in window.findChildren(type(window.sign_out_action))]
    bound = [s for s in shortcuts if not s.isEmpty()]
    assert len(bound) == len(set(bound)), "two actions share a shortcut"


def test_signing_out_saves_the_draft_and_closes_the_window(qtbot, store, people, window_as):
    window = window_as("li")
    write(window, "注销前的稿件", "正文写到一半")
    with qtbot.waitSignal(window.signed_out, timeout=TIMEOUT_MS):
        qtbot.keyClick(
            window,
            Qt.Key.Key_L,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert not window.isVisible()
    [draft] = list_drafts(store)
    assert (draft.title, draft.created_by) == ("注销前的稿件", "li")
    assert "正文写到一半" in load_draft(store, draft.id).body_text
    assert pending_recovery(store, "li") == []


def test_signing_out_shuts_the_preview_down(qtbot, people, window_as):
    window = window_as("li")
    write(window, "预览中的稿件", "正文")
    window.show_preview()
    with qtbot.waitSignal(window.preview.refreshed, timeout=30_000):
        pass
    with mock.patch.object(window.preview, "shutdown", wraps=window.preview.shutdown) as shut:
        assert window.sign_out()
    shut.assert_called_once()
    assert window.preview.web is None  # its views and render thread are gone


def test_a_draft_that_cannot_be_saved_can_keep_the_session(qtbot, people, window_as):
    window = window_as("li")
    write(window, "存不下的稿件", "正文")
    answer = "desk.ui.main_window.window.QMessageBox.question"
    with (
        mock.patch.object(window.open_draft, "close", return_value=False),
        mock.patch(answer, return_value=QMessageBox.StandardButton.No) as asked,
        qtbot.assertNotEmitted(window.signed_out),
    ):
        assert not window.sign_out()
    assert asked.called and window.isVisible()


class Desk:
    """Answers the login dialogs ``work`` shows, one login after another (None:
    cancel), and runs ``then(desk, window)`` on each window once it is up."""

    def __init__(self, logins, then):
        self.logins = list(logins)
        self.then = then
        self.dialogs: list[tuple[str, bool]] = []  # login filled in, password focused
        self.windows: list[MainWindow] = []
        self.signed_out_at: float | None = None
        self.next_window_at: float | None = None
        self.poller = QTimer()
        self.poller.timeout.connect(self.poll)
        self.poller.start(10)
        self.watchdog = QTimer()
        self.watchdog.setSingleShot(True)
        self.watchdog.timeout.connect(lambda: QApplication.instance().exit(3))  # never hang
        self.watchdog.start(60_000)

    def stop(self) -> None:
        self.poller.stop()
        self.watchdog.stop()

    def poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and modal.isVisible() and self.logins:
            self.dialogs.append((modal.login.text(), modal.focusWidget() is modal.password))
            login = self.logins.pop(0)
            if login is None:
                modal.reject()
                return
            modal.login.setText(login)
            modal.password.setText(PASSWORD)
            modal.login_button.click()
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w not in self.windows
        ]
        if shown:
            self.windows.append(shown[0])
            if self.signed_out_at is not None and self.next_window_at is None:
                self.next_window_at = time.perf_counter()
            self.then(self, shown[0])

    def sign_out(self, window: MainWindow) -> None:
        self.signed_out_at = time.perf_counter()
        window.sign_out_action.trigger()


@pytest.fixture
def desk(store, people, worker, tmp_path):
    """Runs ``work`` on the desk, answering its dialogs; its exit status and the Desk."""
    desks: list[Desk] = []

    def run(logins, then) -> tuple[int, Desk]:
        desks.append(Desk(logins, then))
        app = QApplication.instance()
        state = WindowState(tmp_path)
        return work(app, store, tmp_path, worker, load_default_whitelist(), state), desks[-1]

    yield run
    for each in desks:
        each.stop()
        for window in each.windows:
            if shiboken6.isValid(window):
                window.close()
                window.deleteLater()


WORKER_SIGNALS = (
    "2checked(int,QString,int,int,PyObject)",
    "2loaded(int,QString)",
    "2load_failed(QString)",
)


def test_switching_accounts_in_the_same_process(qtbot, store, desk, worker, tmp_path):
    app = QApplication.instance()
    focus_receivers = app.receivers("2focusChanged(QWidget*,QWidget*)")
    window_receivers = app.receivers("2focusWindowChanged(QWindow*)")
    kept: dict[str, object] = {}

    def then(switching: Desk, window: MainWindow) -> None:
        if window.actor == "li":
            write(window, "李的稿件", "只有李能看到")
            kept.update(lock=window.findChild(SessionLock), timer=window._inbox_timer)
            kept["li's worker receivers"] = [worker.receivers(s) for s in WORKER_SIGNALS]
            switching.sign_out(window)
            kept["lock ended"] = kept["lock"].ended  # at once, not only once deleted
            return
        kept["wang"] = (window.windowTitle(), window.editor.title.text())
        kept["old window"] = shiboken6.isValid(switching.windows[0])
        kept["old lock"] = shiboken6.isValid(kept["lock"])
        kept["old timer"] = shiboken6.isValid(kept["timer"])
        # what is connected to the app now is the new window's: one of each
        kept["focus receivers"] = app.receivers("2focusChanged(QWidget*,QWidget*)")
        kept["window receivers"] = app.receivers("2focusWindowChanged(QWindow*)")
        kept["wang's worker receivers"] = [worker.receivers(s) for s in WORKER_SIGNALS]
        kept["offered"] = window.offer_recovery()
        QTimer.singleShot(0, window.close)

    status, switching = desk(["li", "wang"], then)
    assert status == 0
    # the next login was offered the last one, ready for its password
    assert switching.dialogs == [("", False), ("li", True)]
    assert kept["wang"] == ("Desk 审校台 — 王科长 · 一审（工作人员）、二审（处/科室负责人）", "")
    # the signed-out window is gone, with its lock, timers and connections to the app
    assert kept["lock ended"]
    assert not kept["old window"] and not kept["old lock"] and not kept["old timer"]
    assert kept["focus receivers"] == focus_receivers + 1
    assert kept["window receivers"] == window_receivers + 1
    assert kept["wang's worker receivers"] == kept["li's worker receivers"]
    assert kept["offered"] is None
    [draft] = list_drafts(store)
    assert (draft.title, draft.created_by) == ("李的稿件", "li")
    assert WindowState(tmp_path).last_login == "wang"
    # the lexicon stayed loaded: the next window came without waiting for it
    assert switching.next_window_at - switching.signed_out_at < 2.0


def test_cancelling_the_login_after_signing_out_quits(qtbot, desk):
    status, signing_out = desk(
        ["li", None], lambda _desk, window: QTimer.singleShot(0, window.sign_out)
    )
    assert status == 0
    assert len(signing_out.windows) == 1 and not shiboken6.isValid(signing_out.windows[0])
    assert signing_out.dialogs == [("", False), ("li", True)]
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_quitting_ends_work_with_the_event_loops_status(qtbot, desk):
    app = QApplication.instance()
    status, _desk = desk(["li"], lambda _desk, _window: QTimer.singleShot(0, lambda: app.exit(7)))
    assert status == 7


# --- unsaved text belongs to who typed it ---------------------------------------------


def test_unsaved_text_is_offered_to_who_typed_it_only(qtbot, store, people, window_as):
    li = window_as("li")
    write(li, "李的稿件", "崩溃前打的字")
    qtbot.waitUntil(lambda: pending_recovery(store, "li") != [], timeout=TIMEOUT_MS)
    with mock.patch.object(li.open_draft, "save", return_value=True):
        li.close()  # as a crash ends it: nothing more is written
    assert window_as("wang").offer_recovery() is None
    assert list_drafts(store) == []
    dialog = window_as("li").offer_recovery()
    assert dialog is not None and [s.title for s in dialog.snapshots] == ["李的稿件"]
    dialog.restore_button.click()
    [draft] = list_drafts(store)
    assert draft.created_by == "li"
    assert [r.author for r in revisions(store, draft.id)] == ["li"]
    assert "崩溃前打的字" in load_draft(store, draft.id).body_text


# --- each person's last draft ----------------------------------------------------------


def test_each_person_gets_their_own_last_draft(qtbot, store, people, window_as):
    li = window_as("li")
    write(li, "李的稿件", "正文")
    assert li.save()
    [draft] = list_drafts(store)
    li.close()
    wang = window_as("wang")
    assert wang.open_draft.session.is_new and wang.editor.title.text() == ""
    wang.close()
    again = window_as("li")
    assert again.open_draft.session.draft_id == draft.id
    assert again.editor.title.text() == "李的稿件"


def test_a_remembered_draft_the_person_may_not_see_is_not_opened(qtbot, org, window_as, tmp_path):
    private = org.draft(author="liaison")
    in_review = org.draft(author="liaison")
    org.attributes(in_review)
    org.submit(in_review)
    state = WindowState(tmp_path)
    state.remember_draft("staff", private)
    assert window_as("staff").open_draft.session.is_new  # another's draft, never submitted
    state.remember_draft("staff", in_review)
    assert window_as("staff").open_draft.session.draft_id == in_review
    state.remember_draft("liaison", private)
    assert window_as("liaison").open_draft.session.draft_id == private
    state.remember_draft("liaison", new_id())  # deleted meanwhile: a new draft, no message
    window = window_as("liaison")
    assert window.open_draft.session.is_new and not window.banner.isVisible()


def test_the_desk_remembers_logins_and_drafts_by_login(tmp_path):
    state = WindowState(tmp_path)
    assert state.last_login == "" and state.last_draft("li") is None
    first, second = new_id(), new_id()
    state.remember_draft("科室/王", first)
    state.remember_draft("科室", second)
    state.last_login = "科室/王"
    again = WindowState(tmp_path)
    assert again.last_login == "科室/王"
    assert (again.last_draft("科室/王"), again.last_draft("科室")) == (first, second)
    again.remember_draft("科室", None)
    assert WindowState(tmp_path).last_draft("科室") is None
