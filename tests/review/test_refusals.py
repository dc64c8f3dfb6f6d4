"""Refusals say which field they are about (so a form can show them beside it) and name
people by name and role, never by a bare login."""

from __future__ import annotations

import pytest

from desk.review.accounts import SetUnitLeader, UpdateAccount
from desk.review.commands import CommandRejected, SaveRevision, apply, new_id
from desk.review.inbox import review_state
from desk.review.workflow import (
    Approve,
    Publish,
    Reject,
    RequestModification,
    Retract,
    SetAttributes,
    SetDraftDetails,
)
from tests.flow import CLEAN, WARN

DRAFT = new_id()


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (lambda: Approve(new_id(), "staff", DRAFT, "review1", "h", " ", True, [], CLEAN), "opinion", "审核意见不能为空"),
        (lambda: Approve(new_id(), "staff", DRAFT, "review1", "h", "同意", False, [], CLEAN), "proofread", "请完成校对"),
        (lambda: Approve(new_id(), "staff", DRAFT, "nowhere", "h", "同意", True, [], CLEAN), None, "审核环节只能是"),
        (lambda: Reject(new_id(), "staff", DRAFT, "review1", "h", ""), "comment", "退回必须写明意见"),
        (lambda: Publish(new_id(), "liaison", DRAFT, "h", []), "channels", "请选择发布渠道"),
        (lambda: Publish(new_id(), "liaison", DRAFT, "h", ["电视"]), "channels", "未知发布渠道"),
        (lambda: RequestModification(new_id(), "liaison", DRAFT, ""), "reason", "修改申请必须写明理由"),
        (lambda: Retract(new_id(), "leader", DRAFT, "\n"), "reason", "撤稿必须写明理由"),
        (lambda: SetAttributes(new_id(), "liaison", DRAFT, "保密"), "disclosure", "公开属性只能是"),
        (lambda: SetAttributes(new_id(), "liaison", DRAFT, "依申请公开"), "reason", "必须写明理由"),
        (lambda: SetAttributes(new_id(), "liaison", DRAFT, "部分公开", "涉及隐私"), "withheld", "不予公开的内容"),
        (lambda: SetDraftDetails(new_id(), "liaison", DRAFT, False, "2026-13-01"), "formed_on", "日期格式"),
    ],
)  # fmt: skip
def test_a_command_refused_as_it_is_made_names_its_field(build, field, message):
    with pytest.raises(CommandRejected, match=message) as refused:
        build()
    assert refused.value.field == field


def at_signing(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    return draft


def test_a_step_refused_by_a_rule_names_its_field(org):
    draft = at_signing(org)
    with pytest.raises(CommandRejected, match="保密审查") as refused:
        org.approve(draft, "review3", "leader", secrecy=False)
    assert refused.value.field == "secrecy_reviewed"
    warned = {"lexicon_hash": "l", "whitelist_hash": "w", "findings": [WARN]}
    with pytest.raises(CommandRejected, match="1 处提醒未确认") as refused:
        org.approve(draft, "review3", "leader", check=warned)
    assert refused.value.field == "acknowledgements"
    with pytest.raises(CommandRejected, match="不是本稿件") as refused:
        org.approve(draft, "review3", "chief")
    assert refused.value.field is None  # about the person, not a field


def test_signing_without_a_disclosure_names_the_disclosure(org):
    draft = org.draft()
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    with pytest.raises(CommandRejected, match="签发前必须确定公开属性") as refused:
        org.approve(draft, "review3", "leader")
    assert refused.value.field == "disclosure"


def test_people_are_named_by_name_and_role(org):
    draft = at_signing(org)
    org.approve(draft, "review3", "leader")
    org.publish(draft)
    # the walk: 撤稿 offered to the drafter, refused with a raw login
    with pytest.raises(CommandRejected) as refused:
        apply(org.store, Retract(new_id(), "liaison", draft, "号码有误"))
    assert str(refused.value) == "Liaison（联络员）不是本稿件三审签发环节的审核人"
    other = at_signing(org)
    with pytest.raises(CommandRejected, match=r"^Chief2（一审人员、处/科室负责人）不是本稿件"):
        org.approve(other, "review3", "chief2")
    with pytest.raises(CommandRejected, match=r"^cli:someone不是本稿件"):
        org.approve(other, "review3", "cli:someone")  # no account: the actor as given


def test_why_an_approval_was_voided_names_who_changed_the_text(org):
    draft = org.draft(major=True)
    org.through_signing(draft)
    text = "主要领导改过的正文"
    apply(org.store, SaveRevision(new_id(), "boss", draft, "通知", f"<p>{text}</p>", text))
    [signed] = [s for s in review_state(org.store, draft).history if s.level == "review3"]
    assert signed.voided == "主要领导Boss（主要领导）修改了稿件，需重新签发"


def test_account_refusals_name_people_by_name_and_role(org):
    from tests.flow import ADMIN

    with pytest.raises(CommandRejected) as refused:
        apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, org.ids["chief"]))
    assert (
        str(refused.value)
        == "Chief（处/科室负责人）没有“三审签发（分管领导）”角色，不能担任分管领导"
    )
    with pytest.raises(CommandRejected, match=r"^Leader（分管领导）是办公室的分管领导"):
        apply(
            org.store,
            UpdateAccount(
                new_id(), ADMIN, org.ids["leader"], "Leader", org.unit, ["review1"], True
            ),
        )
