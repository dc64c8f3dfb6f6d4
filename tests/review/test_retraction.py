"""撤稿 while a modification is under way: the modification's review stops and says so in
the history, and its drafter starts a new round from the current text; the register keeps
the retraction."""

from __future__ import annotations

import pytest

from desk.review.commands import apply, new_id
from desk.review.drafts import list_drafts, load_draft
from desk.review.errors import CommandRejected
from desk.review.inbox import review_state, waiting_for
from desk.review.register import register_rows
from desk.review.workflow import RequestModification, Retract, can_retract
from tests.flow import CORRECTED, correction_at_review2


def live(org, draft) -> bool:
    [summary] = [d for d in list_drafts(org.store) if d.id == draft]
    return summary.live


def test_retracting_stops_the_modification_under_review_and_says_so(org):
    draft = correction_at_review2(org)
    assert [item.draft_id for item in waiting_for(org.store, "chief")] == [draft]
    apply(org.store, Retract(new_id(), "leader", draft, "含个人手机号码"))
    state = review_state(org.store, draft)
    assert state.status == "retracted" and not state.modifying
    retract, halt = state.history[-2:]
    assert (retract.action, halt.level, halt.action, halt.label) == (
        "retract",
        "review2",
        "halt",
        "中止审核",
    )
    assert halt.actor == "Leader（leader）" and "修改稿随之中止审核" in halt.opinion
    review1 = [s for s in state.history if s.action == "approve" and s.level == "review1"]
    assert review1[-1].voided == "撤稿，第 3 版修改稿中止审核"  # the correction's 一审
    assert waiting_for(org.store, "chief") == []  # gone from the inbox, said in the history
    assert not live(org, draft) and not can_retract(org.store, "leader", draft)


def test_the_drafter_starts_a_new_round_from_the_current_text(org):
    draft = correction_at_review2(org)
    apply(org.store, Retract(new_id(), "leader", draft, "含个人手机号码"))
    with pytest.raises(CommandRejected, match="修改申请由起草人提出"):
        apply(org.store, RequestModification(new_id(), "chief", draft, "重新发布"))
    apply(org.store, RequestModification(new_id(), "liaison", draft, "删去手机号后重新发布"))
    reopened = load_draft(org.store, draft)
    assert (reopened.status, reopened.body_text) == ("draft", CORRECTED)
    assert not live(org, draft)  # the retracted version stays down
    assert not can_retract(org.store, "leader", draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    org.publish(draft)
    assert live(org, draft) and can_retract(org.store, "leader", draft)
    rows = register_rows(org.store)
    assert [(row.kind, row.revised) for row in rows] == [
        ("publish", False),
        ("retract", False),
        ("publish", True),
    ]
    assert rows[1].reason == "含个人手机号码"
    assert rows[2].modification_reason == "删去手机号后重新发布" and rows[2].text == CORRECTED


def test_retracting_a_published_draft_with_no_modification_stops_nothing(org):
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    apply(org.store, Retract(new_id(), "leader", draft, "信息有误"))
    assert [s.action for s in review_state(org.store, draft).history][-2:] == [
        "publish",
        "retract",
    ]


def test_a_draft_never_published_can_t_be_reopened(org):
    draft = org.draft()
    org.through_signing(draft)
    with pytest.raises(CommandRejected, match="只有已发布或已撤稿的稿件可以申请修改"):
        apply(org.store, RequestModification(new_id(), "liaison", draft, "改一下"))
