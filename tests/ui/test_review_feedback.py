"""What a person sees while taking steps: every refusal beside the control it is about
(never a traceback, nothing typed lost), the deadline's warnings, why the text is
read-only and 撤回, why Ctrl+Enter does not submit, every step in the history, the
earlier levels' reasons to confirm, and a panel with room at common window sizes."""

from __future__ import annotations

from desk.review.commands import SaveRevision, apply, new_id
from desk.review.workflow import Retract, SetDraftDetails
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow
from desk.ui.qt import QDialogButtonBox, QLabel, Qt, QWidget
from desk.ui.review.field_note import FieldNote
from desk.ui.review.panel import ReviewPanel
from tests.ui.conftest import TIMEOUT_MS, settle, type_text
from tests.ui.test_review_flow import approve, open_from_inbox, put_end, write_and_submit


def shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window())


def note_at(panel: QWidget, control: QWidget) -> str:
    """The refusal shown beside ``control`` ("" when there is none)."""
    [note] = [note for note in panel.findChildren(FieldNote) if note.control is control]
    return note.text() if shown(note) else ""


def opened_by(qtbot, window_for, login: str) -> MainWindow:
    """``login``'s window with the draft waiting for them open, on the 审核 tab."""
    window = window_for(login)
    open_from_inbox(qtbot, window)
    return window


# --- refusals beside their controls ----------------------------------------------------


def test_an_approval_refused_says_why_beside_each_control(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    panel = opened_by(qtbot, window_for, "staff").review
    panel.buttons["approve"].click()  # no opinion: refused as the command is made
    assert note_at(panel, panel.opinion) == "审核意见不能为空"
    assert panel.opinion.hasFocus() and panel.error.text() == ""
    panel.opinion.setPlainText("同意")
    panel.buttons["approve"].click()
    assert note_at(panel, panel.opinion) == ""
    assert note_at(panel, panel.proofread) == "请完成校对后再通过（三审三校）"
    assert panel.opinion.toPlainText() == "同意"  # nothing typed is lost
    assert panel.state.status == "review1"
    panel.proofread.setChecked(True)
    panel.buttons["approve"].click()
    assert panel.state.status == "review2", panel.error.text()


def test_signing_refused_without_the_secrecy_review(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    panel = opened_by(qtbot, window_for, "leader").review
    panel.opinion.setPlainText("同意发布")
    panel.proofread.setChecked(True)
    panel.buttons["sign"].click()
    assert note_at(panel, panel.secrecy) == "签发前必须完成保密审查并确认"
    assert panel.state.status == "review3"


def test_publishing_without_a_channel_says_so_at_the_channels(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    approve(qtbot, window_for("leader"), "ready")
    open_from_inbox(qtbot, drafter)
    panel = drafter.review
    panel.buttons["publish"].click()
    assert note_at(panel, panel.publish_box) == "请选择发布渠道"
    panel.channels["微信"].setChecked(True)
    panel.buttons["publish"].click()
    assert panel.state.status == "published" and note_at(panel, panel.publish_box) == ""


def test_a_disclosure_without_its_reason_is_refused_at_the_reason(qtbot, org, window_for):
    drafter = window_for("liaison")
    drafter.editor.title.setText("关于公开某项信息的说明")
    settle(qtbot, drafter.editor)
    panel = drafter.review
    panel.disclosure.setCurrentText("依申请公开")
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert note_at(panel, panel.disclosure_reason) == "公开属性为依申请公开时必须写明理由"
    assert panel.disclosure.currentText() == "依申请公开"  # as chosen
    panel.disclosure_reason.setText("涉及第三方")
    drafter.submit_action.trigger()
    assert panel.state.status == "review1", panel.error.text()


def test_a_rejection_dialog_stays_open_with_its_message_and_the_text(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    panel = opened_by(qtbot, window_for, "staff").review
    panel.buttons["reject"].click()
    dialog = panel.reason_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.note.text() == "退回必须写明意见"
    assert panel.state.status == "review1" and not shown(panel.error)  # said in the dialog
    dialog.text.setPlainText("请补充值班电话")
    with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert panel.state.status == "draft" and "请补充值班电话" in panel.history.topLevelItem(1).text(
        3
    )


def test_a_refusal_about_the_person_stays_in_the_dialog_and_names_them(qtbot, org, window_for):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    drafter = window_for("liaison")
    assert drafter.open(draft)
    panel = drafter.review
    panel.buttons["retract"].click()  # offered to the drafter: the domain decides
    dialog = panel.reason_dialog
    dialog.text.setPlainText("含个人手机号")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.note.text() == "Liaison（联络员）不是本稿件三审签发环节的审核人"
    assert dialog.text.toPlainText() == "含个人手机号"
    dialog.reject()


# --- the disclosure deadline -----------------------------------------------------------


def test_an_estimated_deadline_shows_its_warning_in_the_panel_and_the_list(qtbot, org, window_for):
    draft = org.draft()
    # 20 working days after 2026-12-04, with 2027 not loaded, fall on 元旦 2027-01-01
    apply(org.store, SetDraftDetails(new_id(), "liaison", draft, False, "2026-12-04"))
    drafter = window_for("liaison")
    assert drafter.open(draft)
    panel = drafter.review
    drafter.side.setCurrentWidget(panel)
    assert "公开期限 2027-01-01（估算）" in panel.status.text()
    assert shown(panel.deadline)
    assert "2027 年的法定节假日安排尚未载入" in panel.deadline.text()
    assert "2027-01-01 是元旦（法定节假日）" in panel.deadline.text()
    drafter.drafts.set_scope(DraftScope.MINE)
    item = drafter.drafts.tree.topLevelItem(0)
    assert item.text(2) == "01-01"
    assert "2027-01-01 是元旦（法定节假日）" in item.toolTip(2)
    # a deadline on a loaded year is exact: nothing to say
    apply(org.store, SetDraftDetails(new_id(), "liaison", draft, False, "2026-03-02"))
    drafter.review.show_draft(draft)
    assert not shown(panel.deadline) and "（估算）" not in panel.status.text()


# --- read-only while under review, and 撤回 -------------------------------------------


def test_the_drafter_is_told_the_draft_is_read_only_and_may_withdraw_it(qtbot, org, window_for):
    drafter = window_for("liaison")
    assert not shown(drafter.read_only)  # a draft of one's own: editable, nothing to say
    write_and_submit(qtbot, drafter)
    notice = drafter.read_only
    assert drafter.editor.body.isReadOnly() and shown(notice)
    assert "稿件已提交，正在待一审，内容只读。" in notice.text() and "撤回" in notice.text()
    assert shown(drafter.review.buttons["withdraw"])
    notice.linkActivated.emit("#withdraw")  # the reader clicks 撤回 in the notice
    panel = drafter.review
    assert panel.state.status == "draft", panel.error.text()
    assert not drafter.editor.body.isReadOnly() and not shown(notice)
    assert [step.action for step in panel.state.history] == ["submit", "withdraw"]
    assert panel.history.topLevelItem(1).text(1) == "撤回"
    drafter.editor.body.setFocus()
    put_end(drafter)
    type_text(drafter.editor.body, "值班电话另行通知。")
    settle(qtbot, drafter.editor)
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert panel.state.status == "review1", panel.error.text()
    assert "值班电话另行通知。" in drafter.editor.body.toPlainText()

    # once 一审 has acted, the drafter can only ask for the draft back
    approve(qtbot, window_for("staff"), "review2")
    drafter.open(panel.state.draft_id)
    assert shown(notice) and "如需修改，请联系审核人退回" in notice.text()
    assert "撤回" not in notice.text() and not shown(panel.buttons["withdraw"])


def test_others_are_told_why_the_text_is_read_only(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    chief = window_for("chief")  # 二审: not yet their level
    chief.drafts.set_scope(DraftScope.ALL)
    [draft_id] = chief.drafts.draft_ids()
    assert chief.open(draft_id)
    assert chief.editor.body.isReadOnly()
    assert chief.read_only.text() == "稿件正在一审，只有该环节的审核人可以修改，内容只读。"
    assert not shown(chief.review.buttons["withdraw"])
    staff = opened_by(qtbot, window_for, "staff")  # the level's reviewer may correct
    assert not staff.editor.body.isReadOnly() and not shown(staff.read_only)


# --- Ctrl+Enter that can't submit ------------------------------------------------------


def test_ctrl_enter_with_a_block_says_why_it_does_not_submit(qtbot, org, window_for):
    drafter = window_for("liaison")
    drafter.activateWindow()
    drafter.editor.title.setText("通知")
    drafter.editor.body.setFocus()
    qtbot.waitUntil(drafter.editor.body.hasFocus, timeout=TIMEOUT_MS)
    type_text(drafter.editor.body, "请勿参与百家乐。")
    settle(qtbot, drafter.editor)
    qtbot.waitUntil(lambda: bool(drafter.findings.blocking_reason), timeout=TIMEOUT_MS)
    assert not drafter.submit_action.isEnabled()
    qtbot.keyClick(drafter.editor.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    why = drafter.submit_action.toolTip()
    assert why.startswith("不能提交：")
    assert drafter.statusBar().currentMessage() == why
    assert drafter.side.currentWidget() is drafter.review and drafter.review.error.text() == why
    assert drafter.review.state is None  # nothing was submitted (nor saved as a draft)


# --- the history and the status area --------------------------------------------------


def test_the_history_shows_every_step_and_the_status_where_it_is_published(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    approve(qtbot, window_for("leader"), "ready")
    open_from_inbox(qtbot, drafter)
    panel = drafter.review
    panel.channels["门户网站"].setChecked(True)
    panel.channels["微信"].setChecked(True)
    panel.buttons["publish"].click()
    rows = [
        [panel.history.topLevelItem(i).text(c) for c in (0, 1, 3)]
        for i in range(panel.history.topLevelItemCount())
    ]
    assert rows[-2:] == [["三审签发", "签发", "同意"], ["发布", "发布", "渠道：门户网站、微信"]]
    assert shown(panel.release) and "已发布于 门户网站、微信" in panel.release.text()

    apply(org.store, Retract(new_id(), "leader", panel.state.draft_id, "含个人手机号"))
    panel.show_draft(panel.state.draft_id)
    last = panel.history.topLevelItem(panel.history.topLevelItemCount() - 1)
    assert [last.text(c) for c in (0, 1)] == ["三审签发", "撤稿"]
    assert last.text(3) == "含个人手机号（渠道：门户网站、微信）"
    assert "已撤稿" in panel.release.text() and "含个人手机号" in panel.release.text()


# --- earlier levels' reasons for 提醒 -------------------------------------------------


def test_a_reviewer_confirms_the_earlier_levels_reasons_in_one_click(qtbot, org, window_for):
    drafter = window_for("liaison")
    drafter.editor.title.setText("关于网络传言的说明")
    drafter.editor.body.setFocus()
    type_text(drafter.editor.body, "网传某地停水，经核实不实。另有网传称将涨价。")
    settle(qtbot, drafter.editor)
    drafter.review.disclosure.setCurrentText("主动公开")
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert drafter.review.state.status == "review1", drafter.review.error.text()

    staff = opened_by(qtbot, window_for, "staff")
    acks = staff.review.acknowledgements
    qtbot.waitUntil(lambda: len(acks.reason_edits()) == 2, timeout=TIMEOUT_MS)
    assert not shown(acks.confirm)  # nothing earlier to confirm
    staff.review.opinion.setPlainText("同意")
    staff.review.proofread.setChecked(True)
    staff.review.buttons["approve"].click()  # no reasons: refused at the 提醒
    assert "还有 2 处提醒未确认" in note_at(staff.review, acks.rows_area)
    for edit, reason in zip(acks.reason_edits(), ("已向水务局核实", "已核实，辟谣"), strict=True):
        edit.setText(reason)
    staff.review.buttons["approve"].click()
    assert staff.review.state.status == "review2", staff.review.error.text()

    chief = opened_by(qtbot, window_for, "chief")
    acks = chief.review.acknowledgements
    qtbot.waitUntil(lambda: len(acks.reason_edits()) == 2, timeout=TIMEOUT_MS)
    assert shown(acks.confirm) and acks.confirm.text() == "沿用前一级理由（2 处）"
    said = [label.text() for label in said_by(acks)]
    assert "一审 Staff：已向水务局核实" in said and "一审 Staff：已核实，辟谣" in said
    assert [edit.text() for edit in acks.reason_edits()] == ["", ""]
    # which 网传 a row is about: a click on it selects it in the editor
    [second] = [label for label in said_by(acks) if "#finding" in label.text()][1:]
    second.linkActivated.emit("#finding")
    cursor = chief.editor.body.textCursor()
    assert (cursor.selectedText(), cursor.selectionStart()) == ("网传", 15)
    acks.reason_edits()[1].setText("同意辟谣")  # typed before confirming: kept
    acks.confirm.click()
    assert [edit.text() for edit in acks.reason_edits()] == ["已向水务局核实", "同意辟谣"]
    chief.review.opinion.setPlainText("同意")
    chief.review.proofread.setChecked(True)
    chief.review.buttons["approve"].click()
    assert chief.review.state.status == "review3", chief.review.error.text()


def said_by(acks) -> list[QLabel]:
    return acks.rows_area.findChildren(QLabel)


# --- room at common window sizes -------------------------------------------------------


def signing_window(qtbot, org, window_for, size: tuple[int, int]) -> MainWindow:
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    text = "关于开展政务公开专项检查的通知正文。请各单位于本周五前报送自查情况。"
    apply(org.store, SaveRevision(new_id(), "chief", draft, "通知", f"<p>{text}</p>", text))
    org.approve(draft, "review2", "chief")  # with a correction the leader is shown
    leader = window_for("leader")
    leader.resize(*size)
    open_from_inbox(qtbot, leader)
    panel = leader.review
    qtbot.waitUntil(  # laid out at the new size
        lambda: panel.opinion.width() < panel.scroll.viewport().width(), timeout=TIMEOUT_MS
    )
    return leader


def visible_in_scroll(panel: ReviewPanel, widget: QWidget) -> bool:
    viewport = panel.scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_at_1366_by_768_the_sign_step_fits_without_scrolling(qtbot, org, window_for):
    leader = signing_window(qtbot, org, window_for, (1366, 768))
    panel = leader.review
    assert shown(panel.changes_box) and shown(panel.attributes_box)
    for control in (panel.opinion, panel.proofread, panel.secrecy):
        assert visible_in_scroll(panel, control), control
    assert panel.opinion.height() >= 48 and panel.width() >= 440


def test_at_1024_by_640_the_editor_and_the_panel_keep_their_room(qtbot, org, window_for):
    leader = signing_window(qtbot, org, window_for, (1024, 640))
    panel = leader.review
    # the list gives way first: editor and panel both keep a usable width
    assert leader.editor.width() >= 360 and panel.width() >= 320
    assert leader.drafts.width() < leader.editor.width()
    controls = panel.scroll.widget()
    assert controls.width() <= panel.scroll.viewport().width()  # nothing cut off at the side
    assert shown(panel.buttons["sign"])  # the steps stay in view; the fields scroll
    panel.buttons["sign"].click()  # a refusal out of view is scrolled to
    assert note_at(panel, panel.opinion) == "审核意见不能为空"
    [note] = [n for n in panel.findChildren(FieldNote) if n.control is panel.opinion]
    assert visible_in_scroll(panel, note)
