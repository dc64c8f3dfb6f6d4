"""What people who don't draft see, as walked in the real window: their inbox first and
no editor pretending to be theirs, why their inbox stays empty when a role of theirs
reaches no drafts, an administrator told at sign-in where the flow stalls, whom to ask
for a 撤稿, and dialogs that fit on a small screen."""

from __future__ import annotations

import pytest

from desk.review.accounts import CreateAccount, CreateUnit
from desk.review.commands import apply, new_id
from desk.review.stalls import unrouted_levels
from desk.ui.admin import AdminDialog
from desk.ui.drafts import DraftScope
from tests.flow import ADMIN
from tests.ui.conftest import TIMEOUT_MS
from tests.ui.test_review_feedback import shown
from tests.ui.test_review_flow import open_from_inbox, write_and_submit


def add_account(org, login: str, name: str, roles: list[str], unit=None) -> None:
    apply(
        org.store,
        CreateAccount(new_id(), ADMIN, new_id(), login, name, unit, roles, "$argon2id$x"),
    )


# --- accounts that can't draft -----------------------------------------------------------


def test_a_reviewer_starts_on_the_inbox_with_no_editor_to_type_in(qtbot, org, window_for):
    write_and_submit(qtbot, window_for("liaison"))
    staff = window_for("staff")
    assert staff.drafts.scope is DraftScope.WAITING
    assert len(staff.drafts.draft_ids()) == 1  # their work, in view
    assert not shown(staff.editor)  # no empty editor that ignores their typing
    assert shown(staff.read_only)
    assert "您的账号不能起草稿件" in staff.read_only.text()
    assert "待我处理" in staff.read_only.text()
    assert not staff.save_action.isEnabled() and not staff.export_action.isEnabled()
    open_from_inbox(qtbot, staff)
    assert shown(staff.editor) and not staff.editor.body.isReadOnly()
    assert not shown(staff.read_only)
    assert staff.save_action.isEnabled() and staff.export_action.isEnabled()


def test_a_drafter_still_starts_on_their_own_drafts_with_an_editor(qtbot, org, window_for):
    drafter = window_for("liaison")
    assert drafter.drafts.scope is DraftScope.MINE
    assert shown(drafter.editor) and not shown(drafter.read_only)
    assert drafter.save_action.isEnabled() and drafter.export_action.isEnabled()


def test_save_is_off_where_the_text_is_read_only(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    assert drafter.editor.body.isReadOnly() and not drafter.save_action.isEnabled()
    assert drafter.export_action.isEnabled()  # what is open can still be exported


# --- an inbox that stays empty -----------------------------------------------------------


def test_a_signer_who_leads_no_unit_is_told_why_and_whom_to_ask(qtbot, org, window_for):
    add_account(org, "sun", "孙领导", ["review3"], org.unit)
    write_and_submit(qtbot, window_for("liaison"))
    assert unrouted_levels(org.store, "sun") == ("review3",)
    sun = window_for("sun")
    panel = sun.drafts
    assert panel.scope is DraftScope.WAITING and panel.draft_ids() == []
    assert shown(panel.empty_note)
    assert "还不是任何单位的分管领导" in panel.empty_note.text()
    assert "请联系管理员 管理员，" in panel.empty_note.text()  # named: the org's admin is 管理员
    assert panel.tree.topLevelItem(0).text(0) == "没有等待您处理的稿件"
    panel.watching.setChecked(True)
    assert panel.tree.topLevelItem(0).text(0) == "没有您可见的在办稿件"
    assert shown(panel.empty_note)
    panel.set_scope(DraftScope.ALL)
    assert not shown(panel.empty_note)  # the note is about the inbox


def test_a_first_reviewer_without_a_unit_is_told_to_ask_for_one(qtbot, org, window_for):
    add_account(org, "wu", "吴一审", ["review1"])
    assert unrouted_levels(org.store, "wu") == ("review1",)
    wu = window_for("wu")
    assert "账号没有所属单位" in wu.drafts.empty_note.text()
    assert shown(wu.drafts.empty_note)


def test_a_routed_reviewer_with_nothing_to_do_gets_no_note(qtbot, org, window_for):
    assert unrouted_levels(org.store, "leader") == ()
    leader = window_for("leader")
    assert leader.drafts.draft_ids() == [] and not shown(leader.drafts.empty_note)


# --- the administrator told at sign-in ---------------------------------------------------


def test_an_admin_is_told_at_sign_in_where_the_flow_stalls(qtbot, org, window_for):
    unit = new_id()
    apply(org.store, CreateUnit(new_id(), ADMIN, unit, "财务科"))
    add_account(org, "qian", "钱联络", ["drafter"], unit)  # a unit with work, nobody to review
    admin = window_for("admin")
    assert admin.read_only.text() == "您的账号不能起草或审核稿件，可在左侧“全部”中查看稿件。"
    alert = admin.flow_alert
    assert shown(alert) and "「财务科」没有" in alert.text.text()
    assert "另有" in alert.text.text()  # 二审 and 签发 are missing too
    alert.button.click()
    qtbot.waitUntil(lambda: admin.findChild(AdminDialog) is not None, timeout=TIMEOUT_MS)
    dialog = admin.findChild(AdminDialog)
    assert dialog.isVisible()
    dialog.reject()


def test_no_alert_where_the_flow_can_go_on_or_for_others(qtbot, org, window_for):
    assert not shown(window_for("admin").flow_alert)
    unit = new_id()
    apply(org.store, CreateUnit(new_id(), ADMIN, unit, "财务科"))
    add_account(org, "qian", "钱联络", ["drafter"], unit)
    assert not shown(window_for("liaison").flow_alert)  # the administrator's to set


# --- whom to ask for a 撤稿 ----------------------------------------------------------------


@pytest.mark.parametrize("login", ["liaison", "chief"])
def test_those_who_cant_retract_see_whom_to_ask(qtbot, org, window_for, login):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    window = window_for(login)
    assert window.open(draft)
    window.side.setCurrentWidget(window.review)
    standing = window.review.standing
    assert shown(standing.contact)
    assert standing.contact.text() == "如需撤稿，请联系分管领导 Leader（三审签发）"
    assert not window.review.buttons["retract"].isVisibleTo(window.review)


def test_the_signer_gets_the_button_and_no_note(qtbot, org, window_for):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    leader = window_for("leader")
    assert leader.open(draft)
    leader.side.setCurrentWidget(leader.review)
    assert leader.review.buttons["retract"].isVisibleTo(leader.review)
    assert not shown(leader.review.standing.contact)


def test_no_note_before_publication(qtbot, org, window_for):
    draft = org.draft()
    org.through_signing(draft)
    drafter = window_for("liaison")
    assert drafter.open(draft)
    assert drafter.review.standing.contact.text() == ""
