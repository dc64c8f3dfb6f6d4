"""Who may see a draft: private until submitted, then its author, whoever acted on it,
the reviewers it is routed to and their delegates; everyone once published."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desk.review.accounts import Delegate, RevokeDelegation, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.drafts import list_drafts
from desk.review.visibility import may_see
from desk.review.workflow import Retract
from tests.flow import ADMIN
from tests.statements import counted

EVERYONE = (
    "liaison", "liaison2", "staff", "chief", "chief2", "leader", "boss", "outsider",
    "drafting_reviewer",
)  # fmt: skip


def seeing(org, draft_id) -> set[str]:
    """Who may see the draft, asked both ways: one draft, and the filtered list."""
    one = {login for login in EVERYONE if may_see(org.store, login, draft_id)}
    listed = {
        login
        for login in EVERYONE
        if draft_id in {d.id for d in list_drafts(org.store, visible_to=login)}
    }
    assert one == listed
    return one


def submitted(org, major=False):
    draft = org.draft(major=major)
    org.attributes(draft)
    org.submit(draft)
    return draft


def test_a_draft_never_submitted_is_its_authors_alone(org):
    draft = org.draft()
    assert seeing(org, draft) == {"liaison"}
    assert not may_see(org.store, "liaison", new_id())  # no such draft


def test_once_submitted_the_units_reviewers_see_it(org):
    draft = submitted(org)
    # 一审 and 二审 of the unit, its leader; not another drafter, another unit or 审定
    assert seeing(org, draft) == {
        "liaison", "staff", "chief", "chief2", "leader", "drafting_reviewer",
    }  # fmt: skip


def test_a_major_matter_is_also_the_principals(org):
    draft = org.draft(major=True)
    assert seeing(org, draft) == {"liaison"}
    org.attributes(draft)
    org.submit(draft)
    assert "boss" in seeing(org, draft)


def test_a_delegate_sees_while_the_delegation_runs(org):
    draft = submitted(org)
    now = datetime.now(UTC)
    delegation = apply(
        org.store,
        Delegate(
            new_id(), ADMIN, new_id(), org.ids["leader"], org.ids["outsider"], "review3",
            (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=1)).isoformat(), "出差",
        ),
    )  # fmt: skip
    assert may_see(org.store, "outsider", draft)
    apply(org.store, RevokeDelegation(new_id(), ADMIN, delegation.id))
    assert not may_see(org.store, "outsider", draft)


def test_whoever_acted_keeps_seeing_it_after_leaving_the_unit(org):
    draft = submitted(org)
    org.approve(draft, "review1", "staff")
    apply(
        org.store,
        UpdateAccount(
            new_id(), ADMIN, org.ids["staff"], "Staff", org.other_unit, ["review1"], True
        ),
    )
    assert may_see(org.store, "staff", draft)
    other = submitted(org)  # not acted on: the unit's business, no longer staff's
    assert not may_see(org.store, "staff", other)


def test_published_and_retracted_items_are_everyones(org):
    draft = org.draft()
    org.through_signing(draft)
    assert "outsider" not in seeing(org, draft)
    org.publish(draft)
    assert seeing(org, draft) == set(EVERYONE)
    apply(org.store, Retract(new_id(), "leader", draft, "信息有误"))
    assert seeing(org, draft) == set(EVERYONE)


@pytest.mark.parametrize("login", ["liaison", "chief", "boss", "outsider"])
def test_the_filtered_list_costs_the_same_statements_for_many_drafts(org, login):
    for _ in range(3):
        submitted(org)
    with counted(org.store) as few:
        list_drafts(org.store, visible_to=login)
    for _ in range(30):
        submitted(org, major=True)
    with counted(org.store) as many:
        list_drafts(org.store, visible_to=login)
    assert len(many) == len(few) <= 6
