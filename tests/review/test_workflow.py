"""The 三审 flow: routing, separation of duties, binding to the exact text, 公开属性,
publishing, modification and 撤稿, all enforced by the domain commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from desk.review.accounts import Delegate
from desk.review.commands import (
    CommandRejected,
    SaveRevision,
    apply,
    command_from_json,
    new_id,
)
from desk.review.drafts import load_draft
from desk.review.register import register_rows
from desk.review.workflow import (
    Approve,
    Publish,
    Reject,
    RequestModification,
    Retract,
    SetAttributes,
    SetDraftDetails,
    Submit,
    check_snapshot,
)
from desk.store.audit import read_entries, verify
from tests.flow import BLOCK, CLEAN, WARN


def status(org, draft_id):
    return load_draft(org.store, draft_id).status


# --- the whole flow --------------------------------------------------------------------


def test_a_draft_goes_through_the_three_levels_and_is_published_and_registered(org):
    draft = org.draft()
    assert org.through_signing(draft).status == "ready"
    result = org.publish(draft)
    assert result.status == "published"
    [row] = register_rows(org.store)
    assert row.kind == "publish" and row.channels == ("门户网站", "微信")
    assert [s.level for s in row.signatures] == ["review1", "review2", "review3"]
    assert row.unit == "办公室" and row.drafter.startswith("Liaison")
    assert row.disclosure == "主动公开" and "专项检查" in row.text
    assert verify(read_entries(org.store)).ok


def test_a_major_matter_needs_the_principal(org):
    draft = org.draft(major=True)
    assert org.through_signing(draft).status == "principal"
    with pytest.raises(CommandRejected, match="尚未完成签发"):
        org.publish(draft)
    assert org.approve(draft, "principal", "boss").status == "ready"
    assert org.publish(draft).status == "published"
    [row] = register_rows(org.store)
    assert [s.level for s in row.signatures] == ["review1", "review2", "review3", "principal"]


def test_a_rejection_returns_the_draft_with_its_comment_and_voids_approvals(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    anchor = {"field": "body", "start": 0, "end": 4, "text": "关于开展"}
    apply(
        org.store, Reject(new_id(), "chief", draft, "review2", org.hash(draft), "措辞不当", anchor)
    )
    assert status(org, draft) == "draft"
    # the drafter corrects and resubmits: 一审 again from the start
    apply(
        org.store, SaveRevision(new_id(), "liaison", draft, "通知", "<p>改后正文</p>", "改后正文")
    )
    org.submit(draft)
    with pytest.raises(CommandRejected, match="不在二审环节"):
        org.approve(draft, "review2", "chief")
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    assert org.publish(draft).status == "published"


def test_a_rejection_needs_a_comment():
    with pytest.raises(CommandRejected, match="意见"):
        Reject(new_id(), "chief", new_id(), "review2", "h", "  ")


# --- separation of duties ----------------------------------------------------------------


def test_nobody_approves_their_own_draft(org):
    draft = org.draft(author="drafting_reviewer")
    org.attributes(draft, actor="drafting_reviewer")
    org.submit(draft, actor="drafting_reviewer")
    with pytest.raises(CommandRejected, match="审稿分离"):
        org.approve(draft, "review1", "drafting_reviewer")


def test_a_reviewer_cannot_edit_a_draft_before_it_is_submitted(org):
    """Which would make them its co-author, barred from reviewing it (审稿分离): the
    drafter alone writes a draft until it is submitted."""
    draft = org.draft()
    text = "一审人员在起草阶段改过的正文"
    with pytest.raises(CommandRejected, match="只有起草人可以修改"):
        apply(org.store, SaveRevision(new_id(), "staff", draft, "通知", f"<p>{text}</p>", text))
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")


def test_nobody_approves_two_levels_of_one_draft(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "chief2")
    with pytest.raises(CommandRejected, match="两个环节"):
        org.approve(draft, "review2", "chief2")
    org.approve(draft, "review2", "chief")


def test_only_the_units_reviewers_act_at_a_level(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    with pytest.raises(CommandRejected, match="不是本稿件一审环节的审核人"):
        org.approve(draft, "review1", "outsider")
    with pytest.raises(CommandRejected, match="不是本稿件一审环节的审核人"):
        org.approve(draft, "review1", "chief")  # a chief, not 一审
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    with pytest.raises(CommandRejected, match="不是本稿件三审签发环节的审核人"):
        org.approve(draft, "review3", "boss")


def test_a_delegate_signs_while_the_delegation_runs(org, store):
    start = datetime.now(UTC) - timedelta(hours=1)
    end = datetime.now(UTC) + timedelta(days=3)
    apply(
        store,
        Delegate(
            new_id(), "leader", new_id(), org.ids["leader"], org.ids["chief2"], "review3",
            start.isoformat(), end.isoformat(), "出差",
        ),
    )  # fmt: skip
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    assert org.approve(draft, "review3", "chief2").status == "ready"


def test_only_the_drafter_submits(org):
    draft = org.draft()
    with pytest.raises(CommandRejected, match="只有起草人"):
        org.submit(draft, actor="liaison2")


# --- binding to the text ---------------------------------------------------------------


def test_an_approval_of_text_that_has_changed_since_is_refused(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    seen = org.hash(draft)
    text = "一审改过的正文"
    apply(org.store, SaveRevision(new_id(), "staff", draft, "通知", f"<p>{text}</p>", text))
    with pytest.raises(CommandRejected, match="已被修改"):
        org.approve(draft, "review1", "staff", seen=seen)
    # the reviewer's own correction does not stop them approving their level
    org.approve(draft, "review1", "staff")
    assert load_draft(org.store, draft).revision.author == "staff"


def test_the_drafter_cannot_edit_during_review_and_nobody_after_signing(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    with pytest.raises(CommandRejected, match="只有该环节的审核人可以修改"):
        apply(org.store, SaveRevision(new_id(), "liaison", draft, "通知", "<p>偷改</p>", "偷改"))
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    with pytest.raises(CommandRejected, match="不能直接修改"):
        apply(org.store, SaveRevision(new_id(), "leader", draft, "通知", "<p>改</p>", "改"))


def test_a_principal_correction_needs_signing_again(org):
    draft = org.draft(major=True)
    org.through_signing(draft)
    text = "主要领导改过的正文"
    apply(org.store, SaveRevision(new_id(), "boss", draft, "通知", f"<p>{text}</p>", text))
    assert status(org, draft) == "review3"
    org.approve(draft, "review3", "leader")
    org.approve(draft, "principal", "boss")
    assert org.publish(draft).status == "published"


# --- checks, 审 and 校 -------------------------------------------------------------------


def test_a_block_finding_stops_submitting_and_approving(org):
    draft = org.draft()
    org.attributes(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):
        org.submit(draft, check=check_snapshot("l", "w", [BLOCK]))
    org.submit(draft)
    with pytest.raises(CommandRejected, match="屏蔽项"):
        org.approve(draft, "review1", "staff", check=check_snapshot("l", "w", [BLOCK]))


def test_every_warning_is_acknowledged_with_a_reason(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    check = check_snapshot("l", "w", [WARN])
    with pytest.raises(CommandRejected, match="1 处提醒未确认"):
        org.approve(draft, "review1", "staff", check=check)
    blank = [{**WARN, "reason": " "}]
    with pytest.raises(CommandRejected, match="提醒未确认"):
        org.approve(draft, "review1", "staff", check=check, acks=blank)
    acks = [{**WARN, "reason": "引用原文，需保留"}]
    assert org.approve(draft, "review1", "staff", check=check, acks=acks).status == "review2"


def test_an_approval_needs_an_opinion_and_proofreading():
    with pytest.raises(CommandRejected, match="意见"):
        Approve(new_id(), "staff", new_id(), "review1", "h", " ", True, [], CLEAN)
    with pytest.raises(CommandRejected, match="校对"):
        Approve(new_id(), "staff", new_id(), "review1", "h", "同意", False, [], CLEAN)


# --- 公开属性 and 保密审查 --------------------------------------------------------------------


def test_signing_needs_the_disclosure_and_the_secrecy_review(org):
    draft = org.draft()
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    with pytest.raises(CommandRejected, match="公开属性"):
        org.approve(draft, "review3", "leader")
    org.attributes(draft, actor="leader", disclosure="依申请公开", reason="涉及个人信息")
    with pytest.raises(CommandRejected, match="保密审查"):
        org.approve(draft, "review3", "leader", secrecy=False)
    assert org.approve(draft, "review3", "leader").status == "ready"


@pytest.mark.parametrize(
    ("disclosure", "reason", "withheld", "message"),
    [
        ("公开", "", "", "公开属性只能是"),
        ("依申请公开", "", "", "必须写明理由"),
        ("部分公开", "涉及个人信息", "", "不予公开的内容"),
    ],
)
def test_disclosure_rules(disclosure, reason, withheld, message):
    with pytest.raises(CommandRejected, match=message):
        SetAttributes(new_id(), "liaison", new_id(), disclosure, reason, withheld)


def test_not_for_disclosure_is_never_published(org):
    draft = org.draft()
    org.attributes(draft, disclosure="不予公开", reason="涉及国家秘密")
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    with pytest.raises(CommandRejected, match="不予公开"):
        org.publish(draft)


def test_the_attributes_are_part_of_the_signed_hash(org):
    draft = org.draft()
    before = org.hash(draft)
    org.attributes(draft)
    assert org.hash(draft) != before


# --- after publishing ----------------------------------------------------------------------


def test_a_modification_runs_the_flow_again_and_the_published_version_stays_the_record(org):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    apply(org.store, RequestModification(new_id(), "liaison", draft, "数据更新"))
    assert status(org, draft) == "draft"
    text = "更新后的正文"
    apply(org.store, SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{text}</p>", text))
    [first] = register_rows(org.store)
    assert "专项检查" in first.text  # the record until the new version is published
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    org.publish(draft)
    first, second = register_rows(org.store)
    assert "专项检查" in first.text and second.text == text and second.revised


def test_retraction_is_approved_at_the_signing_level_and_registered(org):
    draft = org.draft()
    org.through_signing(draft)
    with pytest.raises(CommandRejected, match="尚未发布"):
        apply(org.store, Retract(new_id(), "leader", draft, "信息有误"))
    org.publish(draft)
    with pytest.raises(CommandRejected, match="不是本稿件三审签发环节的审核人"):
        apply(org.store, Retract(new_id(), "liaison", draft, "信息有误"))
    apply(org.store, Retract(new_id(), "leader", draft, "信息有误"))
    assert status(org, draft) == "retracted"
    published, retracted = register_rows(org.store)
    assert retracted.kind == "retract" and retracted.reason == "信息有误"
    assert retracted.content_hash == published.content_hash


# --- commands as data ------------------------------------------------------------------------


SAMPLES = [
    SetDraftDetails(new_id(), "liaison", new_id(), True, "2026-03-02"),
    SetAttributes(new_id(), "liaison", new_id(), "部分公开", "涉及个人信息", "联系人电话"),
    Submit(new_id(), "liaison", new_id(), "h" * 64, check_snapshot("l", "w", [WARN])),
    Approve(
        new_id(),
        "staff",
        new_id(),
        "review1",
        "h" * 64,
        "同意",
        True,
        [{**WARN, "reason": "保留"}],
        CLEAN,
        False,
    ),
    Reject(
        new_id(),
        "chief",
        new_id(),
        "review2",
        "h" * 64,
        "措辞不当",
        {"field": "body", "start": 1, "end": 3, "text": "措辞"},
    ),
    Publish(new_id(), "liaison", new_id(), "h" * 64, ["门户网站"]),
    RequestModification(new_id(), "liaison", new_id(), "数据更新"),
    Retract(new_id(), "leader", new_id(), "信息有误"),
]


@pytest.mark.parametrize("command", SAMPLES, ids=lambda command: command.name)
def test_every_workflow_command_round_trips_through_json(command):
    data = json.loads(json.dumps(command.to_json(), ensure_ascii=False))
    assert command_from_json(data) == command


def test_bad_dates_and_channels_are_refused():
    with pytest.raises(CommandRejected, match="YYYY-MM-DD"):
        SetDraftDetails(new_id(), "liaison", new_id(), False, "2026/03/02")
    with pytest.raises(CommandRejected, match="未知发布渠道"):
        Publish(new_id(), "liaison", new_id(), "h", ["报纸"])
    with pytest.raises(CommandRejected, match="发布渠道"):
        Publish(new_id(), "liaison", new_id(), "h", [])


# --- the inbox -----------------------------------------------------------------------------


def test_the_inbox_follows_the_draft_through_the_levels(org):
    from desk.review.inbox import inbox_counts, review_state, waiting_for

    draft = org.draft()
    org.attributes(draft)
    apply(org.store, SetDraftDetails(new_id(), "liaison", draft, False, "2026-03-02"))
    org.submit(draft)
    [item] = waiting_for(org.store, "staff")
    assert (item.draft_id, item.why, item.status) == (draft, "review", "review1")
    assert item.due is not None and item.urgency in ("overdue", "due-soon", "ok")
    assert waiting_for(org.store, "chief") == [] and waiting_for(org.store, "outsider") == []
    org.approve(draft, "review1", "staff")
    assert inbox_counts(org.store, "chief") == {"review2": 1}
    apply(org.store, Reject(new_id(), "chief", draft, "review2", org.hash(draft), "请补充依据"))
    [returned] = waiting_for(org.store, "liaison")
    assert returned.why == "returned"
    state = review_state(org.store, draft)
    assert state.returned is not None and state.returned.opinion == "请补充依据"
    assert [step.action for step in state.history] == ["submit", "approve", "reject"]
    assert state.history[1].voided == "二审退回"
