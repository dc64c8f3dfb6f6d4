"""End to end in the real windows: a drafter writes, 一审, 二审 and 三审 sign, the draft is
published and registered; a rejection path; a 重大事项 path."""

from __future__ import annotations

from desk.review.drafts import list_drafts
from desk.review.register import register_rows
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS, settle, type_text


def write_and_submit(qtbot, window: MainWindow, major: bool = False) -> None:
    window.editor.title.setText("关于做好元旦值班工作的通知")
    window.editor.body.setFocus()
    type_text(window.editor.body, "各单位要严格落实24小时值班制度。")
    settle(qtbot, window.editor)
    panel = window.review
    panel.disclosure.setCurrentText("主动公开")
    panel.major.setChecked(major)
    qtbot.waitUntil(window.submit_action.isEnabled, timeout=TIMEOUT_MS)
    window.submit_action.trigger()
    assert panel.state is not None and panel.state.status == "review1", panel.error.text()


def put_end(window: MainWindow) -> None:
    cursor = window.editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.body.setTextCursor(cursor)


def open_from_inbox(qtbot, window: MainWindow) -> None:
    window.drafts.set_scope(DraftScope.WAITING)
    [draft_id] = window.drafts.draft_ids()
    assert window.open(draft_id)
    settle(qtbot, window.editor)
    window.side.setCurrentWidget(window.review)


def approve(qtbot, window: MainWindow, expected: str) -> None:
    open_from_inbox(qtbot, window)
    panel = window.review
    assert not window.editor.body.isReadOnly()  # the reviewer may correct the text
    panel.opinion.setPlainText("同意")
    panel.proofread.setChecked(True)
    if panel.state.status == "review3":
        assert panel.buttons["sign"].isVisibleTo(panel) and panel.secrecy.isVisibleTo(panel)
        panel.secrecy.setChecked(True)
        panel.buttons["sign"].click()
    else:
        panel.buttons["approve"].click()
    assert panel.state.status == expected, panel.error.text()


def publish(qtbot, window: MainWindow) -> None:
    open_from_inbox(qtbot, window)
    panel = window.review
    assert window.editor.body.isReadOnly()  # signed text is fixed
    panel.channels["门户网站"].setChecked(True)
    panel.channels["微信"].setChecked(True)
    panel.buttons["publish"].click()
    assert panel.state.status == "published", panel.error.text()


def test_a_draft_is_written_reviewed_signed_published_and_registered(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    assert drafter.editor.body.isReadOnly()  # under review: not the drafter's to change
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    approve(qtbot, window_for("leader"), "ready")
    publish(qtbot, drafter)
    [row] = register_rows(org.store)
    assert row.title == "关于做好元旦值班工作的通知"
    assert [s.level for s in row.signatures] == ["review1", "review2", "review3"]
    assert row.channels == ("门户网站", "微信")


def test_a_rejected_draft_comes_back_with_its_comment(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    approve(qtbot, window_for("staff"), "review2")
    chief = window_for("chief")
    open_from_inbox(qtbot, chief)
    assert chief.editor.select_span(0, 3, "各单位")
    assert chief.review.reject("请写明值班联系电话")
    assert chief.review.state.status == "draft"

    open_from_inbox(qtbot, drafter)
    panel = drafter.review
    assert panel.returned.isVisibleTo(panel) and "请写明值班联系电话" in panel.returned.text()
    assert "「各单位」" in panel.returned.text()
    panel.returned.linkActivated.emit("#anchor")  # the reader clicks the quoted span
    assert drafter.editor.body.textCursor().selectedText() == "各单位"
    put_end(drafter)
    assert not drafter.editor.body.isReadOnly()
    type_text(drafter.editor.body, "值班电话见附件。")
    settle(qtbot, drafter.editor)
    qtbot.waitUntil(drafter.submit_action.isEnabled, timeout=TIMEOUT_MS)
    drafter.submit_action.trigger()
    assert panel.state.status == "review1", panel.error.text()
    approve(qtbot, window_for("staff"), "review2")


def test_a_major_matter_goes_to_the_principal(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter, major=True)
    approve(qtbot, window_for("staff"), "review2")
    approve(qtbot, window_for("chief"), "review3")
    approve(qtbot, window_for("leader"), "principal")
    approve(qtbot, window_for("boss"), "ready")
    publish(qtbot, drafter)
    [row] = register_rows(org.store)
    assert [s.level for s in row.signatures][-1] == "principal"


def test_separation_of_duties_holds_in_the_window(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    approve(qtbot, window_for("chief2"), "review2")  # chief2 holds 一审 and 二审
    chief2 = window_for("chief2")
    chief2.drafts.set_scope(DraftScope.WAITING)
    assert chief2.drafts.draft_ids() == []  # its 二审 is not chief2's work
    assert chief2.refresh_inbox() == 0
    chief2.drafts.watching.click()  # 显示我可见的全部在办稿件
    assert chief2.drafts.headings() == ["其他在办稿件 (1)"]
    row = chief2.drafts.tree.topLevelItem(0).child(0)
    assert "两个环节" in row.toolTip(0) and row.text(1) == "待二审"
    open_from_inbox(qtbot, chief2)
    chief2.review.opinion.setPlainText("同意")
    chief2.review.proofread.setChecked(True)
    assert not chief2.review.approve()
    assert "两个环节" in chief2.review.error.text()
    assert [d.status for d in list_drafts(org.store)] == ["review2"]


def test_the_inbox_counts_and_announces_new_work(qtbot, org, window_for):
    staff = window_for("staff")
    assert staff.refresh_inbox() == 0
    assert staff.drafts.scopes.tabText(DraftScope.WAITING) == "待我处理"
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    assert staff.refresh_inbox() == 1
    assert staff.drafts.scopes.tabText(DraftScope.WAITING) == "待我处理 (1)"
    assert "一审 1" in staff.drafts.scopes.tabToolTip(DraftScope.WAITING)
    assert "有 1 份稿件等待您处理" in staff.statusBar().currentMessage()


def test_deadlines_show_in_the_list(qtbot, org, window_for):
    from desk.review.commands import apply, new_id
    from desk.review.workflow import SetDraftDetails

    draft = org.draft()
    apply(org.store, SetDraftDetails(new_id(), "liaison", draft, False, "2020-01-02"))
    drafter = window_for("liaison")
    drafter.drafts.refresh()
    item = drafter.drafts.tree.topLevelItem(0)
    # 20 working days after 2020-01-02: the Sunday 1-19 worked, 春节 1-24…2-2 off
    assert item.text(2) == "02-06"
    assert item.toolTip(2) == "已超过公开期限"


def test_history_and_register_open_from_the_window(qtbot, org, window_for):
    drafter = window_for("liaison")
    assert drafter.open_history() is None  # nothing saved yet
    write_and_submit(qtbot, drafter)
    history = drafter.open_history()
    assert history is not None and history.revisions.topLevelItemCount() >= 1
    history.close()
    register = drafter.open_register()
    assert register.shown_rows() == []
    register.close()


def test_the_inbox_lists_what_waits_by_level(qtbot, org, window_for):
    from datetime import UTC, datetime, timedelta

    from desk.review.accounts import Delegate
    from desk.review.commands import apply, new_id
    from desk.review.workflow import Reject
    from tests.flow import ADMIN

    at_first = org.draft(text="第一份。")
    org.attributes(at_first)
    org.submit(at_first)
    at_second = org.draft(text="第二份。")
    org.attributes(at_second)
    org.submit(at_second)
    org.approve(at_second, "review1", "drafting_reviewer")  # not staff: it stands in below
    chief2 = window_for("chief2")  # holds 一审 and 二审 of the unit
    chief2.drafts.set_scope(DraftScope.WAITING)
    assert chief2.drafts.headings() == ["待一审 (1)", "待二审 (1)"]
    assert chief2.drafts.draft_ids() == [at_first, at_second]
    assert chief2.drafts.tree.isHeaderHidden() is False
    assert chief2.drafts.tree.rootIsDecorated()

    # a folded heading stays folded when the list is refreshed
    heading = chief2.drafts.tree.topLevelItem(0)
    heading.setExpanded(False)
    chief2.drafts.refresh()
    assert not chief2.drafts.tree.topLevelItem(0).isExpanded()
    assert chief2.drafts.tree.topLevelItem(1).isExpanded()

    # the drafter's inbox: what was returned, what is signed and waits to be published
    apply(org.store, Reject(new_id(), "staff", at_first, "review1", org.hash(at_first), "补充"))
    signed = org.draft(text="第三份。")
    org.through_signing(signed)
    drafter = window_for("liaison")
    drafter.drafts.set_scope(DraftScope.WAITING)
    assert drafter.drafts.headings() == ["被退回 (1)", "待发布 (1)"]
    assert drafter.drafts.draft_ids() == [at_first, signed]

    # standing in for someone: the row says whom for
    now = datetime.now(UTC)
    apply(
        org.store,
        Delegate(
            new_id(), ADMIN, new_id(), org.ids["chief"], org.ids["staff"], "review2",
            (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=1)).isoformat(),
            "休假",
        ),
    )  # fmt: skip
    staff = window_for("staff")
    staff.drafts.set_scope(DraftScope.WAITING)
    assert staff.drafts.headings() == ["待二审 (1)"]
    row = staff.drafts.tree.topLevelItem(0).child(0)
    assert "代 chief 审核" in row.toolTip(0)
    # the plain scopes have no headings
    staff.drafts.set_scope(DraftScope.ALL)
    assert staff.drafts.headings() == [] and not staff.drafts.tree.rootIsDecorated()


def test_the_review_panel_shows_what_changed_since_the_reviewer_last_acted(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    staff = window_for("staff")
    open_from_inbox(qtbot, staff)
    assert staff.review.changes_box.isHidden()  # nothing changed since it was submitted
    put_end(staff)
    type_text(staff.editor.body, "请各单位认真执行。")
    settle(qtbot, staff.editor)
    staff.review.opinion.setPlainText("同意")
    staff.review.proofread.setChecked(True)
    assert staff.review.approve(), staff.review.error.text()

    # 二审 never acted: sees the correction 一审 made to the submitted text
    chief = window_for("chief")
    open_from_inbox(qtbot, chief)
    panel = chief.review
    assert panel.changes_box.isVisibleTo(panel)
    assert "审核中Staff（staff）修改了提交的稿件" in panel.changes_title.text()
    assert "请各单位认真执行。" in panel.changes.toPlainText()
    with qtbot.waitSignal(panel.history_requested):
        panel.changes_title.linkActivated.emit("#history")

    # the drafter sees since their submit; 一审 sees nothing new (the change is theirs)
    drafter.open(panel.state.draft_id)
    assert drafter.review.changes_box.isVisibleTo(drafter.review)
    assert "自您上次处理（第" in drafter.review.changes_title.text()
    staff.open(panel.state.draft_id)
    assert staff.review.changes_box.isHidden()


def test_opening_a_draft_made_outside_the_editor_saves_nothing(qtbot, org, window_for, monkeypatch):
    from desk.ui.main_window import window as window_module

    # were a save refused, closing would ask whether to quit anyway: answer, don't hang
    monkeypatch.setattr(
        window_module.QMessageBox,
        "question",
        lambda *_: window_module.QMessageBox.StandardButton.Yes,
    )
    from desk.review.diff import revision_texts
    from desk.review.inbox import review_state

    html = '<p style="text-indent:2em">关于开展政务公开专项检查的通知正文。</p><p>请遵照执行。</p>'
    text = "关于开展政务公开专项检查的通知正文。\n请遵照执行。"
    from desk.review.commands import CreateDraft, apply, new_id

    draft = new_id()
    apply(org.store, CreateDraft(new_id(), "liaison", draft, "通知", html, text))
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    published = org.draft(text="已发布的稿件。")
    org.through_signing(published)
    org.publish(published)
    before = {d: len(revision_texts(org.store, d)) for d in (draft, published)}

    chief = window_for("chief")  # 二审 of the first draft
    assert chief.open(draft)
    settle(qtbot, chief.editor)
    assert chief.open(published)  # letting go of the first saves it if it changed
    settle(qtbot, chief.editor)
    assert chief.open_draft is not None and chief.open_draft.save("autosave")  # signed
    assert {d: len(revision_texts(org.store, d)) for d in (draft, published)} == before
    assert not any(step.voided for step in review_state(org.store, draft).history)

    # an edit is still saved, as the reviewer's correction
    assert chief.open(draft)
    put_end(chief)
    type_text(chief.editor.body, "（已核）")
    assert chief.save()
    assert len(revision_texts(org.store, draft)) == before[draft] + 1


def test_submit_is_for_the_drafters_own_draft(qtbot, org, window_for):
    drafter = window_for("liaison")
    write_and_submit(qtbot, drafter)
    staff = window_for("staff")
    open_from_inbox(qtbot, staff)
    assert not staff.submit_action.isEnabled()
    assert staff.submit_action.toolTip() == "不能提交：只有起草人可以提交自己的草稿"
    # a reviewer who also drafts: a new draft of their own could be submitted
    both = window_for("drafting_reviewer")
    open_from_inbox(qtbot, both)
    assert not both.submit_action.isEnabled()
    assert both.new_draft()
    both.editor.title.setText("新稿件")
    settle(qtbot, both.editor)
    assert both.submit_action.isEnabled()


def test_an_account_that_cannot_draft_gets_no_drafting_actions(qtbot, org, window_for):
    staff = window_for("staff")  # 一审 only
    assert not staff.new_draft()
    assert staff.editor.title.isReadOnly() and staff.editor.body.isReadOnly()
    for action in (staff.new_action, staff.import_action, staff.submit_action):
        assert not action.isVisible()
    assert not staff.review.buttons["submit"].isVisibleTo(staff.review)
    drafter = window_for("liaison")
    assert drafter.new_action.isVisible() and drafter.submit_action.isVisible()
    assert drafter.review.buttons["submit"].isVisibleTo(drafter.review)
