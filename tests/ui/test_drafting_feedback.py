"""What the drafter sees while writing, as walked in the real window: an empty draft
says it is empty, a refusal goes away once its reason is fixed, the first save shows
the saved draft, the deadline shows as soon as its date is set, a returned draft says
so in the list, and deleting a draft repaints the whole list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QRegion  # test-only: what a paint event covered

from desk.review.commands import CommandRejected, SaveRevision, apply, new_id
from desk.review.drafts import RecoverySnapshot, list_drafts
from desk.review.workflow import Approve, Reject, SetDraftDetails
from desk.ui.drafts import DraftScope
from desk.ui.main_window.recovery import RecoveryDialog
from desk.ui.qt import QEvent, QObject
from tests.flow import CLEAN
from tests.ui.conftest import TIMEOUT_MS, settle, type_text
from tests.ui.test_review_feedback import note_at, opened_by, shown
from tests.ui.test_review_flow import approve, write_and_submit

EMPTY = "不能提交：标题和正文都是空的"
REPAINTED_MS = 300


# --- an empty draft ----------------------------------------------------------------------


def test_an_empty_draft_says_it_is_empty_and_waits_for_text(qtbot, org, window_for):
    window = window_for("liaison")
    settle(qtbot, window.editor)
    assert not window.submit_action.isEnabled()
    assert window.submit_action.toolTip() == EMPTY
    panel = window.review
    window.side.setCurrentWidget(panel)
    panel.buttons["submit"].click()  # the panel's own button: the same reason
    assert panel.error.text() == EMPTY and shown(panel.error)
    window.submit_refused.activated.emit()  # Ctrl+Enter
    assert panel.error.text() == EMPTY
    window.editor.title.setText("关于做好元旦值班工作的通知")
    assert window.submit_action.isEnabled()  # at once, as the title is typed
    settle(qtbot, window.editor)
    assert not shown(panel.error)  # the reason is gone, and so is what it said


def test_after_deleting_the_open_draft_the_empty_one_says_so(qtbot, org, window_for):
    window = window_for("liaison")
    window.editor.title.setText("要删除的稿件")
    settle(qtbot, window.editor)
    assert window.save()
    [draft_id] = window.drafts.draft_ids()
    assert window.delete_draft(draft_id)
    settle(qtbot, window.editor)
    assert window.submit_action.toolTip() == EMPTY
    window.review.buttons["submit"].click()
    assert window.review.error.text() == EMPTY  # not "请等待检查完成…"


def test_the_domain_refuses_to_submit_an_empty_draft(org):
    draft = org.draft()
    apply(org.store, SaveRevision(new_id(), "liaison", draft, " ", "<p></p>", "", "save"))
    org.attributes(draft)
    with pytest.raises(CommandRejected, match="标题和正文都是空的"):
        org.submit(draft)


# --- deleting repaints the list ----------------------------------------------------------


class PaintedRegion(QObject):
    """What a widget repainted, all paint events together."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


def test_deleting_the_open_draft_repaints_every_row(qtbot, org, window_for):
    """The walk saw the next draft twice: Qt repainted only the row just deselected,
    and the rows below kept showing the old list."""
    window = window_for("liaison")
    for title in ("第一份", "第二份", "第三份"):
        window.new_draft()
        window.editor.title.setText(title)
        settle(qtbot, window.editor)
        assert window.save()
    top, *rest = window.drafts.draft_ids()
    assert window.open(top)
    tree = window.drafts.tree
    rows = tree.visualItemRect(tree.topLevelItem(0)).united(
        tree.visualItemRect(tree.topLevelItem(2))
    )
    qtbot.wait(50)
    painted = PaintedRegion()
    tree.viewport().installEventFilter(painted)
    assert window.delete_draft(top)
    qtbot.wait(REPAINTED_MS)  # the repaint that follows the change, not a later one
    assert QRegion(rows).subtracted(painted.region).isEmpty()  # every old row repainted
    assert window.drafts.draft_ids() == rest


# --- refusals go away when fixed ---------------------------------------------------------


def test_field_notes_clear_as_the_control_is_changed(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    panel = opened_by(qtbot, window_for, "staff").review
    panel.buttons["approve"].click()
    assert note_at(panel, panel.opinion) == "审核意见不能为空"
    panel.opinion.setPlainText("同意")
    assert note_at(panel, panel.opinion) == ""  # typed: gone before clicking again
    panel.buttons["approve"].click()
    assert note_at(panel, panel.proofread) == "请完成校对后再通过（三审三校）"
    panel.proofread.setChecked(True)
    assert note_at(panel, panel.proofread) == ""


def test_the_channels_note_clears_when_a_channel_is_ticked(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    approve(qtbot, window_for("leader"), "ready")
    drafter.drafts.set_scope(DraftScope.WAITING)
    [draft_id] = drafter.drafts.draft_ids()
    assert drafter.open(draft_id)
    panel = drafter.review
    panel.buttons["publish"].click()
    assert note_at(panel, panel.publish_box) == "请选择发布渠道"
    panel.channels["微信"].setChecked(True)
    assert note_at(panel, panel.publish_box) == ""


def write_blocked(qtbot, window) -> None:
    """A title and a body with a 屏蔽项, checked."""
    window.activateWindow()
    window.editor.title.setText("通知")
    window.editor.body.setFocus()
    qtbot.waitUntil(window.editor.body.hasFocus, timeout=TIMEOUT_MS)
    type_text(window.editor.body, "请勿参与百家乐。")
    settle(qtbot, window.editor)
    qtbot.waitUntil(lambda: bool(window.findings.blocking_reason), timeout=TIMEOUT_MS)


def rewrite_cleanly(qtbot, window) -> None:
    window.editor.body.setFocus()
    qtbot.waitUntil(window.editor.body.hasFocus, timeout=TIMEOUT_MS)
    window.editor.body.selectAll()
    type_text(window.editor.body, "各单位要严格落实值班制度。")
    settle(qtbot, window.editor)
    qtbot.waitUntil(lambda: not window.findings.blocking_reason, timeout=TIMEOUT_MS)


def test_a_refusal_for_blocked_text_goes_when_the_blocks_are_removed(qtbot, org, window_for):
    window = window_for("liaison")
    write_blocked(qtbot, window)
    assert not window.submit_action.isEnabled()
    window.submit_refused.activated.emit()  # Ctrl+Enter says why not
    panel = window.review
    assert panel.error.text().startswith("不能提交：有 1 处屏蔽项") and shown(panel.error)
    rewrite_cleanly(qtbot, window)
    assert window.submit_action.isEnabled()
    assert not shown(panel.error)


def test_the_domain_refusal_of_blocks_goes_when_the_blocks_are_removed(qtbot, org, window_for):
    """A block the domain found (the panel's own 提交审核 does not ask the window)."""
    window = window_for("liaison")
    write_blocked(qtbot, window)
    panel = window.review
    window.side.setCurrentWidget(panel)
    panel.buttons["submit"].click()
    assert panel.error.text() == "有 1 处屏蔽项，必须先修改" and shown(panel.error)
    rewrite_cleanly(qtbot, window)
    assert not shown(panel.error)


@pytest.mark.parametrize(("level", "step"), [("review3", "签发"), ("principal", "审定")])
def test_the_proofreading_refusal_names_the_step(level, step):
    with pytest.raises(CommandRejected, match=f"请完成校对后再{step}（三审三校）"):
        Approve(new_id(), "leader", new_id(), level, "hash", "同意", False, [], CLEAN)


def test_signing_without_proofreading_says_sign(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    panel = opened_by(qtbot, window_for, "leader").review
    panel.opinion.setPlainText("同意发布")
    panel.buttons["sign"].click()
    assert note_at(panel, panel.proofread) == "请完成校对后再签发（三审三校）"


# --- the first save ----------------------------------------------------------------------


def test_the_first_save_shows_the_saved_draft_and_keeps_the_fields(qtbot, org, window_for):
    window = window_for("liaison")
    panel = window.review
    assert panel.status.text() == "草稿（尚未保存）"
    panel.disclosure.setCurrentText("依申请公开")
    panel.disclosure_reason.setText("涉及第三方")
    window.editor.title.setText("关于做好元旦值班工作的通知")
    settle(qtbot, window.editor)
    assert window.save()
    assert panel.state is not None and panel.status.text().startswith("草稿")
    assert "尚未保存" not in panel.status.text()
    assert panel.disclosure.currentText() == "依申请公开"  # as chosen before the save
    assert panel.disclosure_reason.text() == "涉及第三方"


# --- the disclosure deadline while drafting ----------------------------------------------


def test_the_deadline_shows_as_soon_as_the_date_is_set(qtbot, org, window_for):
    window = window_for("liaison")
    panel = window.review
    panel.formed_on.setDate(panel.formed_on.date().fromString("2026-03-02", "yyyy-MM-dd"))
    assert "公开期限" not in panel.status.text()
    panel.formed_known.setChecked(True)
    assert "公开期限 2026-03-30" in panel.status.text()  # not saved yet: shown all the same
    window.editor.title.setText("关于做好元旦值班工作的通知")
    settle(qtbot, window.editor)
    assert window.save()  # the date is stored with the draft
    assert panel.state.formed_on.isoformat() == "2026-03-02"
    assert "公开期限 2026-03-30" in panel.status.text()
    [listed] = list_drafts(org.store, created_by="liaison")
    assert listed.formed_on is not None
    assert window.drafts.tree.topLevelItem(0).text(2) == "03-30"  # the list shows it too


def test_a_new_draft_starts_with_empty_details(qtbot, org, window_for):
    window = window_for("liaison")
    panel = window.review
    panel.formed_known.setChecked(True)
    panel.major.setChecked(True)
    panel.disclosure.setCurrentText("部分公开")
    panel.withheld.setText("联系电话")
    window.editor.title.setText("第一份")
    settle(qtbot, window.editor)
    assert window.save()
    assert window.new_draft()
    assert not panel.formed_known.isChecked() and not panel.major.isChecked()
    assert panel.disclosure.currentText() == "主动公开" and panel.withheld.text() == ""
    assert "公开期限" not in panel.status.text()


def test_the_estimate_warning_goes_once_published(qtbot, org, window_for):
    draft = org.draft()
    apply(org.store, SetDraftDetails(new_id(), "liaison", draft, False, "2039-12-20"))
    org.through_signing(draft)
    drafter = window_for("liaison")
    assert drafter.open(draft)
    panel = drafter.review
    drafter.side.setCurrentWidget(panel)
    assert shown(panel.deadline) and "估算" in panel.status.text()  # signed: still due
    org.publish(draft)
    assert drafter.open(draft)
    assert not shown(panel.deadline) and "公开期限" not in panel.status.text()


# --- a returned draft in the list --------------------------------------------------------


def test_a_returned_draft_is_listed_as_returned(qtbot, org, window_for):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    apply(
        org.store,
        Reject(new_id(), "staff", draft, "review1", org.hash(draft), "请补充值班电话"),
    )
    [listed] = list_drafts(org.store, created_by="liaison")
    assert listed.returned and listed.status == "draft"
    window = window_for("liaison")
    [row] = [window.drafts.tree.topLevelItem(0)]
    assert row.text(1) == "被退回"
    assert window.open(draft)
    window.editor.title.setText("通知（已补充值班电话）")
    settle(qtbot, window.editor)
    window.submit_action.trigger()
    window.drafts.set_scope(DraftScope.MINE)
    assert window.drafts.tree.topLevelItem(0).text(1) == "待一审"


def test_a_never_submitted_draft_is_not_returned(org):
    org.draft()
    [listed] = list_drafts(org.store)
    assert not listed.returned


# --- the recovery dialog -----------------------------------------------------------------


def test_the_recovery_dialog_shows_its_columns_in_full(qtbot):
    snapshot = RecoverySnapshot(
        new_id(),
        "liaison",
        "关于开展二〇二六年度政务公开专项检查工作的通知",
        "<p>各科室：请于本月底前完成政务公开专项检查，并报送自查报告。</p>",
        datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        False,
    )
    dialog = RecoveryDialog([snapshot])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    for column in (0, 1):
        assert tree.header().sectionSize(column) >= tree.sizeHintForColumn(column)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
