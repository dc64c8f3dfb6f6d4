"""The main window with a real store: drafts listed, saved, autosaved, recovered."""

from __future__ import annotations

import sqlite3
import uuid
from unittest import mock

import pytest

from desk.review.commands import CreateDraft, RecordRecovery, apply, new_id
from desk.review.drafts import list_drafts, load_draft, pending_recovery, revisions
from desk.store import DATABASE_NAME, StoreError, open_store
from desk.store.errors import disk_full
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.qt import QKeySequence, Qt
from tests.ui.conftest import TIMEOUT_MS, settle, type_text

INPUT_DIALOG = "desk.ui.editor.draft_editor.QInputDialog.getText"
AUTOSAVE_MS = 200


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / DATABASE_NAME, busy_timeout=0.2)
    yield store
    store.close()


@pytest.fixture
def make_window(qtbot, tmp_path, store, worker):
    def make(actor: str = "liaison") -> MainWindow:
        window = MainWindow(
            store,
            worker,
            actor,
            whitelist_for_tests(),
            WindowState(tmp_path),
            autosave_ms=AUTOSAVE_MS,
        )
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.drafts.refresh()
        window.new_draft()
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def whitelist_for_tests():
    from desk.links import load_default_whitelist

    return load_default_whitelist()


def write(window: MainWindow, title: str, body: str) -> None:
    window.editor.title.setText(title)
    window.editor.body.setFocus()
    type_text(window.editor.body, body)


def add_draft(store, title: str, body: str, actor: str = "liaison") -> uuid.UUID:
    draft_id = new_id()
    apply(store, CreateDraft(new_id(), actor, draft_id, title, f"<p>{body}</p>", body))
    return draft_id


def test_a_new_draft_is_saved_with_ctrl_s_and_listed(qtbot, window, store):
    write(window, "关于开展专项检查的通知", "各单位：请于12月前完成自查。")
    qtbot.keyClick(window.editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [draft] = list_drafts(store)
    assert draft.title == "关于开展专项检查的通知"
    assert "请于12月前完成自查" in load_draft(store, draft.id).body_text
    assert window.drafts.draft_ids() == [draft.id]
    assert "已保存（第 1 版）" in window.statusBar().currentMessage()


def test_an_empty_new_draft_is_not_stored(window, store):
    assert window.save()
    assert list_drafts(store) == []


def test_opening_another_draft_saves_the_one_open(qtbot, window, store):
    other = add_draft(store, "值班安排", "节日值班表")
    write(window, "新稿件", "正文内容")
    assert window.open(other)
    assert window.editor.title.text() == "值班安排"
    titles = {d.title for d in list_drafts(store)}
    assert titles == {"值班安排", "新稿件"}
    [new] = [d for d in list_drafts(store) if d.title == "新稿件"]
    assert [r.reason for r in revisions(store, new.id)] == ["autosave"]


def test_the_list_has_mine_waiting_and_all_with_search(qtbot, make_window, store):
    mine = add_draft(store, "我的通知", "专项检查安排")
    add_draft(store, "他人的公告", "值班安排", actor="chief")  # never submitted: chief's alone
    duty = add_draft(store, "我的公告", "值班安排")
    window = make_window()
    panel = window.drafts
    panel.set_scope(DraftScope.MINE)
    assert set(panel.draft_ids()) == {mine, duty}
    panel.set_scope(DraftScope.ALL)
    assert set(panel.draft_ids()) == {mine, duty}
    panel.search.setText("值班")
    qtbot.waitUntil(lambda: panel.draft_ids() == [duty], timeout=TIMEOUT_MS)
    panel.set_scope(DraftScope.WAITING)
    panel.search.clear()
    panel.refresh()
    assert panel.draft_ids() == []
    assert panel.tree.topLevelItem(0).text(0) == "没有等待您处理的稿件"


def test_clicking_a_listed_draft_opens_it(qtbot, make_window, store):
    draft_id = add_draft(store, "公告", "正文")
    window = make_window()
    window.drafts.set_scope(DraftScope.ALL)
    item = window.drafts.tree.topLevelItem(0)
    rect = window.drafts.tree.visualItemRect(item)
    qtbot.mouseClick(window.drafts.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.title.text() == "公告"
    assert window.open_draft.session.draft_id == draft_id


def test_an_ignore_is_stored_with_its_reason_and_holds_on_reopening(qtbot, window, store, worker):
    write(window, "通知", "网传涨价一事，纯属谣言。")
    settle(qtbot, window.editor)
    [finding] = [f for f in window.editor.findings() if f.text == "网传"]
    with mock.patch(INPUT_DIALOG, return_value=("引用辟谣原文", True)):
        assert window.editor.ignore_finding(finding)
    draft_id = window.open_draft.session.draft_id
    [ignored] = load_draft(store, draft_id).ignored
    assert (ignored.text, ignored.reason, ignored.actor) == ("网传", "引用辟谣原文", "liaison")

    window.new_draft()
    assert window.open(draft_id)
    settle(qtbot, window.editor)
    assert "网传" not in [f.text for f in window.editor.findings()]
    # the same word elsewhere is still found
    cursor = window.editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.setTextCursor(cursor)
    type_text(window.editor.body, "另有网传消息。")
    settle(qtbot, window.editor)
    assert [f.text for f in window.editor.findings()].count("网传") == 1


def test_typing_is_autosaved_for_recovery_within_seconds(qtbot, window, store):
    write(window, "未保存的稿件", "这段文字还没有保存")
    qtbot.waitUntil(lambda: pending_recovery(store, "liaison") != [], timeout=TIMEOUT_MS)
    [snapshot] = pending_recovery(store, "liaison")
    assert snapshot.is_new and snapshot.title == "未保存的稿件"
    assert "这段文字还没有保存" in snapshot.body_html
    assert list_drafts(store) == []  # a snapshot is not a revision


def test_leaving_the_editor_saves_a_revision(qtbot, window, store):
    write(window, "标题", "正文")
    window.drafts.search.setFocus()
    qtbot.waitUntil(lambda: len(list_drafts(store)) == 1, timeout=TIMEOUT_MS)
    [draft] = list_drafts(store)
    assert [r.reason for r in revisions(store, draft.id)] == ["autosave"]
    assert pending_recovery(store, "liaison") == []


def test_closing_saves(qtbot, window, store):
    write(window, "关闭前", "最后一句")
    window.close()
    [draft] = list_drafts(store)
    assert "最后一句" in load_draft(store, draft.id).body_text


def test_a_locked_database_keeps_the_text_and_says_so(qtbot, window, store, tmp_path):
    write(window, "锁定时写的稿件", "不能丢的内容")
    blocker = sqlite3.connect(tmp_path / DATABASE_NAME)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert not window.save()
        assert window.banner.isVisible()
        assert "正被另一个程序使用" in window.banner.text()
        assert window.editor.title.text() == "锁定时写的稿件"
        assert "不能丢的内容" in window.editor.body.toPlainText()
    finally:
        blocker.rollback()
        blocker.close()
    assert window.save()
    assert not window.banner.isVisible()
    assert [d.title for d in list_drafts(store)] == ["锁定时写的稿件"]


def test_a_full_disk_keeps_the_text_and_retries(qtbot, window, store):
    write(window, "磁盘满时", "内容")
    with mock.patch("desk.review.editing.apply", side_effect=disk_full(store.path)):
        assert not window.save()
        assert "磁盘空间不足" in window.banner.text()
    assert "内容" in window.editor.body.toPlainText()
    # the autosave timer keeps trying; once writing works the banner goes
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=TIMEOUT_MS)
    assert pending_recovery(store, "liaison") or list_drafts(store)


def test_recovery_offers_unsaved_text_and_restores_it(qtbot, make_window, store):
    saved = add_draft(store, "已保存的稿件", "旧内容")
    fresh = new_id()
    apply(store, RecordRecovery(new_id(), "liaison", fresh, "从未保存的稿件", "<p>新写的内容</p>"))
    apply(store, RecordRecovery(new_id(), "liaison", saved, "已保存的稿件", "<p>改过的内容</p>"))
    window = make_window()
    dialog = window.offer_recovery()
    assert dialog is not None and dialog.tree.topLevelItemCount() == 2
    dialog.restore_button.click()
    assert pending_recovery(store, "liaison") == []
    assert "改过的内容" in load_draft(store, saved).body_text
    assert [r.number for r in revisions(store, saved)] == [1, 2]
    assert "新写的内容" in load_draft(store, fresh).body_text
    assert window.offer_recovery() is None


def test_recovery_can_be_declined(qtbot, make_window, store):
    apply(store, RecordRecovery(new_id(), "liaison", new_id(), "草稿", "<p>不要了</p>"))
    window = make_window()
    dialog = window.offer_recovery()
    dialog.discard_button.click()
    assert pending_recovery(store, "liaison") == []
    assert list_drafts(store) == []


def test_a_block_finding_disables_submit_with_the_reason(qtbot, window):
    write(window, "通知", "澳门赌场开业")
    settle(qtbot, window.editor)
    qtbot.waitUntil(lambda: "「澳门赌场」" in window.submit_action.toolTip(), timeout=TIMEOUT_MS)
    assert not window.submit_action.isEnabled()
    window.editor.body.selectAll()
    type_text(window.editor.body, "开业")
    qtbot.waitUntil(window.submit_action.isEnabled, timeout=TIMEOUT_MS)


def test_importing_a_file_makes_a_draft(qtbot, window, store, tmp_path):
    source = tmp_path / "通知.html"
    source.write_text("<h1>关于值班的通知</h1><p>请<b>按时</b>到岗。</p>", encoding="utf-8")
    assert window.import_file(source)
    [draft] = list_drafts(store)
    assert draft.title == "关于值班的通知"  # the page's heading, not the file's name
    assert load_draft(store, draft.id).body_text == "请按时到岗。"
    assert [r.reason for r in revisions(store, draft.id)] == ["import"]


def test_a_file_that_cannot_be_imported_changes_nothing(qtbot, window, store, tmp_path):
    write(window, "写了一半", "正文")
    broken = tmp_path / "坏的.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with mock.patch("desk.ui.main_window.window.QMessageBox.warning") as warning:
        assert not window.import_file(broken)
    assert "不是有效的 .docx" in warning.call_args.args[2]
    assert window.editor.title.text() == "写了一半"


def test_shortcuts_are_bound(window):
    shortcuts = {a.text(): a.shortcut() for a in window.actions()}
    assert shortcuts["保存"] == QKeySequence(QKeySequence.StandardKey.Save)
    assert shortcuts["新建稿件"] == QKeySequence(QKeySequence.StandardKey.New)
    assert shortcuts["提交审核"] == QKeySequence("Ctrl+Return")


def test_window_state_and_last_draft_are_restored(qtbot, store, worker, tmp_path):
    from desk.ui.app import start

    draft_id = add_draft(store, "上次打开的稿件", "正文")
    state = WindowState(tmp_path)
    first = MainWindow(store, worker, "liaison", whitelist_for_tests(), state)
    qtbot.addWidget(first)
    start(first, state)
    first.open(draft_id)
    first.resize(720, 520)  # the offscreen screen is 800×600
    first.splitter.setSizes([100, 500, 300])
    sizes = first.splitter.sizes()
    first.close()

    again = MainWindow(store, worker, "liaison", whitelist_for_tests(), WindowState(tmp_path))
    qtbot.addWidget(again)
    start(again, WindowState(tmp_path))
    assert again.size().width() == 720
    assert again.splitter.sizes() == sizes
    assert again.editor.title.text() == "上次打开的稿件"


def test_store_errors_reading_the_list_are_shown(window):
    with mock.patch(
        "desk.ui.main_window.window.list_drafts",
        side_effect=StoreError("数据库读取失败", window.store.path),
    ):
        window.drafts.refresh()
    assert window.banner.text() == "数据库读取失败"


def test_exporting_writes_what_would_be_published(qtbot, window, tmp_path):
    from desk.documents.loader import load_document

    window.editor.title.setText("导出的通知")
    window.editor.body.setHtml(
        '<p><b>重点</b>见<a href="http://example.com/">外部网站</a>和'
        '<a href="https://www.gov.cn/">政府网</a>。</p>'
    )
    assert window.export_file(tmp_path / "通知.docx")
    exported = load_document(tmp_path / "通知.docx")
    assert "<strong>重点</strong>" in exported.html
    assert 'href="https://www.gov.cn/"' in exported.html
    assert "example.com" not in exported.html
    assert window.export_file(tmp_path / "通知.html")
    page = (tmp_path / "通知.html").read_text(encoding="utf-8")
    assert "<strong>重点</strong>" in page and "导出的通知" in page


def test_an_export_that_cannot_be_written_says_why(qtbot, window, tmp_path):
    window.editor.title.setText("通知")
    (tmp_path / "占用.docx").mkdir()
    with mock.patch("desk.ui.main_window.window.QMessageBox.warning") as warning:
        assert not window.export_file(tmp_path / "占用.docx")
    assert "是文件夹" in warning.call_args.args[2]


def test_the_preview_shows_the_draft_as_published(qtbot, window):
    window.editor.title.setText("预览测试")
    window.editor.body.setHtml(
        '<p>见<a href="http://example.com/">外部网站</a>和<a href="https://www.gov.cn/">政府网</a></p>'
    )
    window.show_preview()
    preview = window.preview
    assert preview is not None
    with qtbot.waitSignal(preview.refreshed, timeout=30_000):
        pass
    page: list[str] = []
    preview.web.page("portal").toHtml(page.append)
    qtbot.waitUntil(lambda: bool(page), timeout=TIMEOUT_MS)
    assert 'href="https://www.gov.cn/"' in page[0]
    assert "example.com" not in page[0] and "外部网站" in page[0]
    # typing refreshes it after a pause
    with qtbot.waitSignal(preview.refreshed, timeout=30_000):
        window.editor.title.setText("改过的标题")
    assert preview.shown().results["portal"].title == "改过的标题"


def test_quick_start_does_not_load_the_web_engine(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desk.ui.app import build_window, desk_whitelist, prepare_application, start\n"
        "from desk.ui.check_worker import CheckWorker\n"
        "from desk.ui.main_window import WindowState\n"
        "from desk.ui.qt import QApplication\n"
        "from desk.store import DATABASE_NAME, open_store\n"
        "data = Path(sys.argv[1])\n"
        "prepare_application()\n"
        "app = QApplication([])\n"
        "store = open_store(data / DATABASE_NAME)\n"
        "worker = CheckWorker(lambda: __import__('desk.lexicon').lexicon.Lexicon.from_entries([]))\n"
        "window = build_window(store, data, worker, desk_whitelist(data), 'liaison')\n"
        "start(window, WindowState(data))\n"
        "app.processEvents()\n"
        "print(sorted(m for m in sys.modules if 'WebEngine' in m))\n"
        "window.close()\n"
    )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(repo), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_lock_action_asks_for_the_session_lock(qtbot, window):
    with qtbot.waitSignal(window.lock_requested, timeout=TIMEOUT_MS):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_only_admins_get_the_admin_screen(qtbot, store, worker, tmp_path, fast_passwords):
    from desk.review.accounts import CreateAccount
    from desk.review.passwords import hash_password

    for login, roles in (("admin1", ["admin"]), ("clerk", ["drafter"])):
        digest = hash_password("a-long-password-1", login=login)
        apply(store, CreateAccount(new_id(), "admin1", new_id(), login, login, None, roles, digest))
    admin = MainWindow(store, worker, "admin1", whitelist_for_tests(), WindowState(tmp_path))
    clerk = MainWindow(store, worker, "clerk", whitelist_for_tests(), WindowState(tmp_path))
    qtbot.addWidget(admin)
    qtbot.addWidget(clerk)
    assert admin.admin_action.isVisible() and not clerk.admin_action.isVisible()
    dialog = admin.open_admin()
    assert dialog is not None and dialog.accounts.topLevelItemCount() == 2
    dialog.close()
    assert clerk.open_admin() is None


def test_a_broken_holiday_list_is_reported_and_the_shipped_calendar_used(
    qtbot, store, worker, tmp_path
):
    from desk.ui.app import build_window

    (tmp_path / "holidays").mkdir()
    (tmp_path / "holidays" / "2027.txt").write_text("2027-13-01,休,元旦\n", encoding="utf-8")
    window = build_window(store, tmp_path, worker, whitelist_for_tests(), "liaison")
    qtbot.addWidget(window)
    assert window.calendar is None
    assert "节假日安排有误" in window.banner.text() and "2027.txt:1" in window.banner.text()


def test_a_zip_bomb_docx_is_refused_and_the_open_draft_kept(qtbot, window, store, tmp_path):
    import zipfile

    from tests.conftest import _DOCX_PARTS

    write(window, "写了一半", "正文")
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, xml in _DOCX_PARTS.items():
            archive.writestr(part, xml)
        archive.writestr("word/document.xml", b"<w:p/>" * (12 * 1024 * 1024 // 6))
    drafts_before = list_drafts(store)
    with mock.patch("desk.ui.main_window.window.QMessageBox.warning") as warning:
        assert not window.import_file(bomb)
    message = warning.call_args.args[2]
    assert "炸弹.docx" in message and "word/document.xml" in message and "超过上限" in message
    assert window.editor.title.text() == "写了一半"
    assert window.editor.body.toPlainText() == "正文"
    assert list_drafts(store) == drafts_before
