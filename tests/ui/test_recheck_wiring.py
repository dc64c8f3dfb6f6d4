"""The GUI attaches the domain's checker once the lexicon has loaded, and the domain's
re-check finds exactly what the editor shows, so acknowledgements made in the window
name the findings the domain requires (desk.review.recheck, desk.ui.app)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from desk.links import load_default_whitelist
from desk.review.commands import CommandRejected
from desk.review.recheck import CheckerUnavailable, StoredTextChecker
from desk.store.models import ReviewAction
from desk.ui.app import attach_checker
from desk.ui.check_worker import CheckWorker
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow
from tests.ui.conftest import SMALL_LEXICON, TIMEOUT_MS, settle

PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
    "hgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_the_checker_is_attached_once_the_lexicon_loads(qtbot, store):
    release = threading.Event()

    def load():
        assert release.wait(TIMEOUT_MS / 1000)
        return SMALL_LEXICON

    worker = CheckWorker(load, load_default_whitelist())
    attach_checker(store, worker)
    try:
        worker.start()
        assert isinstance(store.checker, CheckerUnavailable)  # refuses, never trusts
        with pytest.raises(CommandRejected, match="词库正在载入"):
            store.checker.check("", "", "")
        with qtbot.waitSignal(worker.loaded, timeout=TIMEOUT_MS):
            release.set()
        assert isinstance(store.checker, StoredTextChecker)
        assert store.checker.lexicon_hash == worker.lexicon_hash == SMALL_LEXICON.content_hash
        assert store.checker.whitelist_hash == load_default_whitelist().content_hash
    finally:
        release.set()
        assert worker.stop(TIMEOUT_MS)


def test_a_loaded_worker_is_attached_at_once_and_a_failed_load_refuses(qtbot, store, worker):
    attach_checker(store, worker)
    assert isinstance(store.checker, StoredTextChecker)

    def broken():
        raise OSError("词库文件损坏")

    failing = CheckWorker(broken)
    attach_checker(store, failing)
    try:
        with qtbot.waitSignal(failing.load_failed, timeout=TIMEOUT_MS):
            failing.start()
        with pytest.raises(CommandRejected, match=r"词库载入失败.*词库文件损坏"):
            store.checker.check("", "", "")
    finally:
        assert failing.stop(TIMEOUT_MS)


BODIES = [
    "<p>网传 消息</p><p></p><p>  两个  空格  网传</p>",
    "<table><tr><td>网传</td><td>国家工商行政管理总局</td></tr><tr><td>百家乐</td><td></td></tr>"
    "</table><p>尾 网传</p>",
    f'<p>图<img src="{PNG}"/>网传 后</p><p>看<a href="http://example.com/x">这里</a>和 '
    "http://www.gov.cn/ 以及 http://example.org/a 链接</p>",
    '<p><a href="http://example.com/"><b>粗</b>体链接</a> 网传</p><ul><li>一 网传</li></ul>',
    "<p>一\u00a0二 网传</p><h1>标题 网传</h1><p>line<br/>break 网传</p>",
    "<p>𠀋😀网传 “引号</p><p>下一段”</p><p>身份证 110101199003074578</p>",
]


def keys(findings):
    return sorted((f.rule, f.field, f.start, f.end, f.severity) for f in findings)


@pytest.mark.parametrize("body", BODIES)
def test_the_domain_finds_what_the_editor_shows(qtbot, editor, worker, body):
    editor.set_draft("震惊！网传消息", body)
    settle(qtbot, editor)
    text = editor.draft_text()
    domain = StoredTextChecker(worker.checker).check(text.title, text.body_html, text.body_text)
    assert keys(domain) == keys(editor.findings())


def test_typed_text_is_found_where_the_editor_shows_it(qtbot, editor, worker):
    editor.set_draft("", "")
    editor.body.setPlainText(
        "a   网传\t\tb\n\n\n网传  x http://example.com/a  尾\n  “引号\n\n下一段”  "
    )
    settle(qtbot, editor)
    text = editor.draft_text()
    assert text.body_html != text.body_text  # the html reads differently: both are checked
    domain = StoredTextChecker(worker.checker).check(text.title, text.body_html, text.body_text)
    assert keys(domain) == keys(editor.findings())
    assert len(domain) >= 3


@pytest.fixture
def window_for(store, worker, window_for):
    """The shared windows, on a store with the app's checker attached."""
    attach_checker(store, worker)
    return window_for


def review(qtbot, window: MainWindow, reason: str) -> bool:
    """Open the waiting draft, give ``reason`` for every 提醒 listed, approve or sign."""
    window.drafts.set_scope(DraftScope.WAITING)
    [draft_id] = window.drafts.draft_ids()
    assert window.open(draft_id)
    settle(qtbot, window.editor)
    panel = window.review
    window.side.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(panel.acknowledgements.reason_edits()) == 3, timeout=TIMEOUT_MS)
    for edit in panel.acknowledgements.reason_edits():
        edit.setText(reason)
    panel.opinion.setPlainText("同意")
    panel.proofread.setChecked(True)
    panel.secrecy.setChecked(True)
    return panel.approve()  # at 三审 this is 签发


def test_warnings_acknowledged_in_the_window_satisfy_the_domain(qtbot, org, window_for):
    drafter = window_for("liaison")
    drafter.editor.title.setText("关于核实网络信息的通知")
    drafter.editor.body.set_html(
        "<p>网传消息不实。</p><p><br/></p><p>详见  <a href='http://example.com/'>这里</a>，"
        "网传  内容另行核实。</p>"
    )
    settle(qtbot, drafter.editor)
    drafter.review.disclosure.setCurrentText("主动公开")
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert drafter.review.state.status == "review1", drafter.review.error.text()

    staff = window_for("staff")
    assert not review(qtbot, staff, "")  # the domain wants a reason for each
    assert "还有 3 处提醒未确认" in staff.review.acknowledgements.note.text()  # shown at the 提醒
    assert review(qtbot, staff, "经核实，引用原文"), staff.review.error.text()
    assert review(qtbot, window_for("chief"), "同意保留"), "二审"
    leader = window_for("leader")
    assert review(qtbot, leader, "同意保留"), leader.review.error.text()
    assert leader.review.state.status == "ready"
    with org.store.read() as session:
        checks = list(session.scalars(select(ReviewAction.check)))
    assert len(checks) == 4 and all(check["rechecked"] for check in checks)
