"""The inbox lists only what the person can do now; "all I can see" adds the rest of the
flow they may see, saying why it is not theirs to do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk.review.accounts import Delegate
from desk.review.commands import apply, new_id
from desk.review.duties import TWO_LEVELS, WROTE_IT
from desk.review.inbox import inbox_counts, waiting_for
from desk.review.visibility import may_see
from tests.flow import ADMIN
from tests.statements import counted


def submitted(org, author="liaison", major=False):
    draft = org.draft(author=author, major=major)
    org.attributes(draft, actor=author)
    org.submit(draft, actor=author)
    return draft


def ids(items):
    return [item.draft_id for item in items]


def test_your_own_draft_under_review_is_not_your_work(org):
    draft = submitted(org, author="drafting_reviewer")  # also holds 一审 of the unit
    assert waiting_for(org.store, "drafting_reviewer") == []
    assert inbox_counts(org.store, "drafting_reviewer") == {}
    assert ids(waiting_for(org.store, "staff")) == [draft]
    [item] = waiting_for(org.store, "drafting_reviewer", watching=True)
    assert (item.draft_id, item.why, item.group, item.barred) == (
        draft, "watching", "watching", WROTE_IT,
    )  # fmt: skip


def test_after_doing_the_first_review_the_second_is_not_yours(org):
    draft = submitted(org)
    org.approve(draft, "review1", "chief2")  # chief2 holds 一审 and 二审
    assert waiting_for(org.store, "chief2") == []
    assert inbox_counts(org.store, "chief") == {"review2": 1}
    [item] = waiting_for(org.store, "chief2", watching=True)
    assert (item.why, item.barred) == ("watching", TWO_LEVELS)


def test_watching_adds_the_flow_you_may_see_and_nothing_else(org):
    at_first = submitted(org)
    at_third = submitted(org)
    org.approve(at_third, "review1", "staff")
    org.approve(at_third, "review2", "chief")
    private = org.draft()
    leader = waiting_for(org.store, "leader", watching=True)
    assert {(item.draft_id, item.why) for item in leader} == {
        (at_third, "review"),
        (at_first, "watching"),
    }
    assert inbox_counts(org.store, "leader") == {"review3": 1}  # counts only the work
    mine = waiting_for(org.store, "liaison", watching=True)
    assert set(ids(mine)) == {at_first, at_third} and private not in ids(mine)
    assert waiting_for(org.store, "outsider", watching=True) == []
    assert waiting_for(org.store, "liaison2", watching=True) == []


def test_a_delegate_is_told_whom_they_stand_in_for(org):
    draft = submitted(org)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    now = datetime.now(UTC)
    apply(
        org.store,
        Delegate(
            new_id(), ADMIN, new_id(), org.ids["leader"], org.ids["outsider"], "review3",
            (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=1)).isoformat(), "出差",
        ),
    )  # fmt: skip
    [item] = waiting_for(org.store, "outsider")
    assert (item.draft_id, item.why, item.acting_for) == (draft, "review", "leader")
    assert waiting_for(org.store, "leader")[0].acting_for is None


def test_everything_in_an_inbox_may_be_seen(org):
    drafts = [submitted(org), submitted(org, major=True), submitted(org, author="liaison2")]
    org.approve(drafts[1], "review1", "staff")
    org.approve(drafts[1], "review2", "chief")
    org.approve(drafts[1], "review3", "leader")
    for login in ("liaison", "staff", "chief", "chief2", "leader", "boss", "drafting_reviewer"):
        for item in waiting_for(org.store, login, watching=True):
            assert may_see(org.store, login, item.draft_id), (login, item)


def test_the_inbox_costs_the_same_statements_for_many_drafts(org):
    for _ in range(2):
        submitted(org)
    with counted(org.store) as few:
        waiting_for(org.store, "chief2", watching=True)
    for _ in range(20):
        draft = submitted(org)
        org.approve(draft, "review1", "chief2")
    with counted(org.store) as many:
        waiting_for(org.store, "chief2", watching=True)
    assert len(many) == len(few) <= 12
