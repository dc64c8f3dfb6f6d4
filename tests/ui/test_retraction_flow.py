"""撤稿 while a correction is reviewed, in the real windows: the dialog warns that the
correction's review stops, the reviewers read it in the history, and the drafter starts
a new round from the corrected text."""

from __future__ import annotations

from desk.ui.qt import QDialogButtonBox, QWidget
from tests.flow import CORRECTED, correction_at_review2
from tests.ui.conftest import TIMEOUT_MS, settle


def shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window())


def take_step_in_dialog(qtbot, panel, button: str, text: str) -> None:
    panel.buttons[button].click()
    dialog = panel.reason_dialog
    dialog.text.setPlainText(text)
    with qtbot.waitSignal(dialog.finished, timeout=TIMEOUT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_retracting_warns_that_the_correction_stops_and_the_drafter_goes_on(qtbot, org, window_for):
    draft = correction_at_review2(org)
    leader = window_for("leader")
    assert leader.open(draft)
    panel = leader.review
    panel.buttons["retract"].click()
    dialog = panel.reason_dialog
    assert shown(dialog.warning)
    assert "正在进行的修改（待二审）将随撤稿中止审核" in dialog.warning.text()
    assert "起草人可从当前文本重新申请修改" in dialog.warning.text()
    dialog.reject()
    take_step_in_dialog(qtbot, panel, "retract", "含个人手机号码")
    assert panel.state.status == "retracted", panel.error.text()

    chief = window_for("chief")  # it was waiting for them: the history says why it left
    assert chief.open(draft)
    chief.side.setCurrentWidget(chief.review)  # the 审核 tab, where the history is
    rows = chief.review.history
    last = rows.topLevelItem(rows.topLevelItemCount() - 1)
    assert [last.text(c) for c in (0, 1)] == ["二审", "中止审核"]
    assert "修改稿随之中止审核" in last.text(3)
    qtbot.waitUntil(lambda: rows.viewport().rect().contains(rows.visualItemRect(last)))

    drafter = window_for("liaison")
    assert drafter.open(draft)
    assert "如需更正后重新发布，请提出修改申请" in drafter.read_only.text()
    buttons = drafter.review.buttons
    assert buttons["modify"].isVisibleTo(drafter.review)
    assert not buttons["retract"].isVisibleTo(drafter.review)
    take_step_in_dialog(qtbot, drafter.review, "modify", "删去手机号后重新发布")
    assert drafter.review.state.status == "draft", drafter.review.error.text()
    assert not drafter.editor.body.isReadOnly() and not shown(drafter.read_only)
    assert drafter.editor.body.toPlainText() == CORRECTED
    settle(qtbot, drafter.editor)
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert drafter.review.state.status == "review1", drafter.review.error.text()


def test_retracting_with_no_correction_under_way_warns_of_nothing(qtbot, org, window_for):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    leader = window_for("leader")
    assert leader.open(draft)
    leader.review.buttons["retract"].click()
    assert not shown(leader.review.reason_dialog.warning)
    leader.review.reason_dialog.reject()
