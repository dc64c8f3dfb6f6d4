"""撤回: the drafter takes a submission back to 草稿 while no reviewer has acted on it."""

from __future__ import annotations

import pytest

from desk.review.commands import CommandRejected, SaveRevision, apply, command_from_json, new_id
from desk.review.drafts import load_draft
from desk.review.inbox import review_state, waiting_for
from desk.review.withdrawal import can_withdraw
from desk.review.workflow import Reject, Withdraw
from desk.store.audit import read_entries, verify


def submitted(org):
    draft = org.draft()
    org.attributes(draft)
    org.submit(draft)
    return draft


def withdraw(org, draft, actor="liaison"):
    return apply(org.store, Withdraw(new_id(), actor, draft))


def test_the_drafter_withdraws_edits_and_submits_again(org):
    draft = submitted(org)
    assert can_withdraw(org.store, draft, "liaison")
    result = withdraw(org, draft)
    assert result.status == "draft" and load_draft(org.store, draft).status == "draft"
    assert waiting_for(org.store, "staff") == []  # gone from 一审's inbox
    assert [s.action for s in review_state(org.store, draft).history] == ["submit", "withdraw"]
    assert review_state(org.store, draft).returned is None  # withdrawn, not returned
    text = "改正后的正文。"
    apply(org.store, SaveRevision(new_id(), "liaison", draft, "通知", f"<p>{text}</p>", text))
    org.submit(draft)
    assert org.approve(draft, "review1", "staff").status == "review2"
    # logged in the hash chain, and a repeated command changes nothing
    [entry] = [e for e in read_entries(org.store) if e.name == "Withdraw"]
    assert entry.actor == "liaison" and verify(read_entries(org.store)).ok
    assert command_from_json(entry.payload) == Withdraw(entry.id, "liaison", draft)


def test_a_repeated_withdrawal_returns_the_first_result(org):
    draft = submitted(org)
    command = Withdraw(new_id(), "liaison", draft)
    first = apply(org.store, command)
    assert apply(org.store, command) == first


def test_only_the_drafter_withdraws(org):
    draft = submitted(org)
    for someone, named in (("liaison2", "Liaison2（联络员）"), ("staff", "Staff（一审人员）")):
        assert not can_withdraw(org.store, draft, someone)
        with pytest.raises(CommandRejected, match=f"只有起草人可以撤回，{named}不是本稿件的起草人"):
            withdraw(org, draft, someone)
    assert load_draft(org.store, draft).status == "review1"


def test_no_withdrawal_once_a_reviewer_approved(org):
    draft = submitted(org)
    org.approve(draft, "review1", "staff")
    with pytest.raises(
        CommandRejected, match="稿件已通过一审，不能撤回；如需修改，请联系审核人退回"
    ):
        withdraw(org, draft)
    assert not can_withdraw(org.store, draft, "liaison")
    standing = [s for s in review_state(org.store, draft).history if s.action == "approve"]
    assert standing and not standing[0].voided  # nothing was voided


def test_no_withdrawal_once_a_reviewer_corrected_the_text(org):
    draft = submitted(org)
    text = "一审改过的正文。"
    apply(org.store, SaveRevision(new_id(), "staff", draft, "通知", f"<p>{text}</p>", text))
    with pytest.raises(CommandRejected, match="Staff（一审人员）已修改了提交的稿件，不能撤回"):
        withdraw(org, draft)
    assert load_draft(org.store, draft).status == "review1"


def test_no_withdrawal_of_what_is_not_under_review(org):
    draft = org.draft()
    with pytest.raises(CommandRejected, match="稿件草稿，不在审核中，无需撤回"):
        withdraw(org, draft)
    returned = submitted(org)
    apply(org.store, Reject(new_id(), "staff", returned, "review1", org.hash(returned), "补充"))
    with pytest.raises(CommandRejected, match="不在审核中"):
        withdraw(org, returned)
    signed = org.draft(text="另一份。")
    org.through_signing(signed)
    with pytest.raises(CommandRejected, match="稿件待发布，不在审核中"):
        withdraw(org, signed)
    assert not can_withdraw(org.store, new_id(), "liaison")  # no such draft
    with pytest.raises(CommandRejected, match="不存在"):
        withdraw(org, new_id())
