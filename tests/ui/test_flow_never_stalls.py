"""Issue 10 §5 in the real windows: only what one may see, only what one may do, a word
wherever the flow stalls, 撤稿 while a published version is out, and deleting a draft
never submitted."""

from __future__ import annotations

import pytest

from desk.review.accounts import SetUnitLeader
from desk.review.commands import apply, new_id
from desk.review.drafts import list_drafts, pending_recovery
from desk.review.workflow import RequestModification
from desk.ui.admin import AdminDialog
from desk.ui.drafts import DraftScope
from desk.ui.qt import Qt
from tests.flow import ADMIN
from tests.ui.conftest import settle, type_text


def submitted(org, author="liaison"):
    draft = org.draft(author=author)
    org.attributes(draft, actor=author)
    org.submit(draft, actor=author)
    return draft


def signed(org):
    draft = submitted(org)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    return draft


# --- what one may see ------------------------------------------------------------------


def test_all_lists_only_what_one_may_see_and_open_refuses_the_rest(qtbot, org, window_for):
    private = org.draft(author="liaison2")
    under_review = submitted(org)
    staff = window_for("staff")
    staff.drafts.set_scope(DraftScope.ALL)
    assert staff.drafts.draft_ids() == [under_review]
    assert not staff.open(private)
    assert "无权查看" in staff.banner.text() and staff.banner.isVisibleTo(staff)
    assert staff.open_draft.session.is_new  # still the empty editor it had


# --- what one may do -----------------------------------------------------------------------


def test_retract_is_offered_while_a_modification_is_reviewed(qtbot, org, window_for):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    apply(org.store, RequestModification(new_id(), "liaison", draft, "更正联系电话"))
    org.submit(draft)
    leader = window_for("leader")
    leader.drafts.set_scope(DraftScope.ALL)
    row = leader.drafts.tree.topLevelItem(0)
    assert row.text(1) == "已发布（修改中）" and "待一审" in row.toolTip(1)
    assert leader.open(draft)
    panel = leader.review
    assert panel.buttons["retract"].isVisibleTo(panel)
    drafter = window_for("liaison")  # not the drafter's to take down
    assert drafter.open(draft)
    assert not drafter.review.buttons["retract"].isVisibleTo(drafter.review)
    assert panel.retract("含个人手机号码"), panel.error.text()
    assert panel.state.status == "retracted"
    assert not panel.buttons["retract"].isVisibleTo(panel)
    leader.drafts.refresh()
    assert leader.drafts.tree.topLevelItem(0).text(1) == "已撤稿"


# --- a word wherever the flow stalls -------------------------------------------------------


SIGNING_STALL = "暂无人能签发此稿：请管理员为「办公室」设置分管领导"


def test_the_drafter_is_told_nobody_can_sign_and_before_submitting(qtbot, org, window_for):
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, None))
    drafter = window_for("liaison")  # a new draft open
    assert "稿件将停在三审签发，暂无人能签发：请管理员为「办公室」设置分管领导" in (
        drafter.review.standing.stall.text()
    )
    draft = signed(org)
    assert drafter.open(draft)
    assert SIGNING_STALL in drafter.review.standing.stall.text()
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, org.ids["leader"]))
    drafter.review.show_draft(draft)
    assert "暂无人" not in drafter.review.standing.stall.text()


def test_the_admin_is_told_what_to_set_and_sees_the_stalled_items(qtbot, org):
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, None))
    draft = signed(org)
    dialog = AdminDialog(org.store, ADMIN)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    warning = dialog.flow_warnings
    assert warning.isVisible()
    assert "「办公室」没有分管领导" in warning.text() and "设置分管领导…" in warning.text()
    assert "1 份稿件无法继续流转" in warning.text()
    assert dialog.tabs.tabText(3) == "停滞稿件 (1)"
    row = dialog.stalled.topLevelItem(0)
    assert [row.text(column) for column in range(4)] == ["通知", "待签发", "办公室", "无人能签发"]
    assert row.data(0, Qt.ItemDataRole.UserRole) == draft
    assert dialog.set_unit_leader(org.unit, org.ids["leader"])
    assert not warning.isVisible() and dialog.tabs.tabText(3) == "停滞稿件"
    assert dialog.stalled.topLevelItemCount() == 0


# --- deleting a draft never submitted ------------------------------------------------------


def answer(window, button_text: str) -> None:
    box = window.delete_confirmation
    assert box is not None and box.isVisible()
    [button] = [b for b in box.buttons() if b.text() == button_text]
    button.click()


def test_the_open_draft_is_deleted_from_the_file_menu_after_confirming(qtbot, org, window_for):
    drafter = window_for("liaison")
    drafter.editor.title.setText("作废的通知")
    drafter.editor.body.setFocus()
    type_text(drafter.editor.body, "这份稿件不要了。")
    settle(qtbot, drafter.editor)
    assert not drafter.delete_action.isEnabled()  # nothing stored yet
    assert drafter.save()
    assert drafter.delete_action.isEnabled()
    [draft] = list_drafts(org.store)
    drafter.delete_action.trigger()
    box = drafter.delete_confirmation
    assert "「作废的通知」" in box.text()
    answer(drafter, "取消")
    assert [d.id for d in list_drafts(org.store)] == [draft.id]
    drafter.delete_action.trigger()
    answer(drafter, "删除")
    assert list_drafts(org.store) == [] and pending_recovery(org.store, "liaison") == []
    assert drafter.open_draft.session.is_new and drafter.editor.title.text() == ""
    assert drafter.drafts.draft_ids() == []
    assert "已删除稿件「作废的通知」" in drafter.statusBar().currentMessage()


@pytest.mark.parametrize("deletable", [True, False])
def test_the_list_menu_deletes_only_a_draft_never_submitted(qtbot, org, window_for, deletable):
    draft = org.draft() if deletable else submitted(org)
    drafter = window_for("liaison")
    drafter.drafts.set_scope(DraftScope.MINE)
    tree = drafter.drafts.tree
    rect = tree.visualItemRect(tree.topLevelItem(0))
    tree.customContextMenuRequested.emit(rect.center())  # a right click on the row
    menu = drafter.draft_menu
    assert menu is not None and menu.isVisible()
    [opening, deleting] = menu.actions()
    assert (opening.text(), deleting.text()) == ("打开", "删除稿件…")
    assert deleting.isEnabled() == deletable
    if deletable:
        deleting.trigger()
        menu.close()
        answer(drafter, "删除")
        assert list_drafts(org.store) == []
        assert drafter.drafts.draft_ids() == []
    else:
        menu.close()
        assert drafter.delete_confirmation is None
        assert [d.id for d in list_drafts(org.store)] == [draft]


def test_a_deletion_the_domain_refuses_is_shown(qtbot, org, window_for):
    draft = submitted(org)
    drafter = window_for("liaison")
    assert not drafter.delete_draft(draft)
    assert "提交过审核" in drafter.banner.text()
    assert [d.id for d in list_drafts(org.store)] == [draft]
