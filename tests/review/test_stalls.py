"""Where the flow can't go on: levels nobody can act at, the drafts waiting there, and
for the drafter, where a draft would stop before it is submitted."""

from __future__ import annotations

from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader, UpdateAccount
from desk.review.commands import apply, new_id
from desk.review.stalls import (
    DUTIES,
    NOBODY,
    Gap,
    Stall,
    StallReport,
    stall_of,
    stall_report,
    unrouted_levels,
)
from tests.flow import ADMIN
from tests.statements import counted


def submitted(org, author="liaison", major=False):
    draft = org.draft(author=author, major=major)
    org.attributes(draft, actor=author)
    org.submit(draft, actor=author)
    return draft


def add_account(org, login, roles, unit):
    org.ids[login] = new_id()
    apply(
        org.store,
        CreateAccount(new_id(), ADMIN, org.ids[login], login, login, unit, roles, "$argon2id$x"),
    )


def test_a_set_up_organisation_has_no_stall(org):
    draft = submitted(org)
    assert stall_report(org.store).gaps == ()  # 财政局 has no drafter and no draft: no warning
    assert stall_report(org.store).drafts == ()
    assert stall_of(org.store, draft, "liaison") is None
    assert stall_of(org.store, None, "liaison") is None


def test_without_a_leader_in_charge_drafts_stall_at_signing(org):
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, None))
    report = stall_report(org.store)
    assert report.gaps == (Gap("review3", org.unit, "办公室"),)
    # the drafter is told before submitting, and while the draft waits
    assert stall_of(org.store, None, "liaison") == Stall(
        "review3", org.unit, "办公室", NOBODY, ahead=True
    )
    draft = submitted(org)
    ahead = Stall("review3", org.unit, "办公室", NOBODY, ahead=True)
    assert stall_of(org.store, draft, "liaison") == ahead  # at 一审: it will stop later
    assert stall_of(org.store, draft, "staff") == ahead  # for anyone looking
    assert stall_report(org.store).drafts == ()  # at 一审 it still moves
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    [stalled] = stall_report(org.store).drafts
    assert (stalled.draft_id, stalled.title, stalled.created_by) == (draft, "通知", "liaison")
    assert stalled.stall == Stall("review3", org.unit, "办公室", NOBODY)
    assert stall_of(org.store, draft, "liaison") == stalled.stall
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, org.ids["leader"]))
    assert stall_report(org.store) == StallReport((), ())
    assert stall_of(org.store, draft, "liaison") is None


def test_a_new_unit_with_only_a_drafter_misses_every_level(org):
    unit = new_id()
    apply(org.store, CreateUnit(new_id(), ADMIN, unit, "统计局"))
    add_account(org, "tongji", ["drafter"], unit)
    assert [(gap.unit, gap.level) for gap in stall_report(org.store).gaps] == [
        ("统计局", "review1"),
        ("统计局", "review2"),
        ("统计局", "review3"),
    ]
    assert stall_of(org.store, None, "tongji") == Stall(
        "review1", unit, "统计局", NOBODY, ahead=True
    )
    assert stall_of(org.store, None, "boss") is None  # no unit: Submit says so itself


def test_the_principal_level_is_empty_without_an_active_principal(org):
    apply(
        org.store,
        UpdateAccount(new_id(), ADMIN, org.ids["boss"], "Boss", None, ["principal"], False),
    )
    assert stall_report(org.store).gaps == (Gap("principal", None, ""),)
    draft = org.draft(major=True)
    assert stall_of(org.store, draft, "liaison") == Stall(
        "principal", org.unit, "办公室", NOBODY, True
    )
    assert stall_of(org.store, org.draft(), "liaison") is None  # not a 重大事项
    org.attributes(draft)
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    org.approve(draft, "review2", "chief")
    org.approve(draft, "review3", "leader")
    [stalled] = stall_report(org.store).drafts
    assert stalled.stall == Stall("principal", org.unit, "办公室", NOBODY)


def test_a_level_whose_only_reviewer_wrote_the_draft_is_stalled(org):
    unit = new_id()
    apply(org.store, CreateUnit(new_id(), ADMIN, unit, "统计局"))
    add_account(org, "solo", ["drafter", "review1"], unit)  # the unit's only 一审
    add_account(org, "solo_chief", ["review2"], unit)
    add_account(org, "solo_leader", ["review3"], unit)
    apply(org.store, SetUnitLeader(new_id(), ADMIN, unit, org.ids["solo_leader"]))
    assert stall_report(org.store).gaps == ()
    before = stall_of(org.store, None, "solo")
    assert before == Stall("review1", unit, "统计局", DUTIES, ahead=True)
    draft = submitted(org, author="solo")
    [stalled] = stall_report(org.store).drafts
    assert stalled.draft_id == draft and stalled.stall == Stall("review1", unit, "统计局", DUTIES)


def test_the_report_costs_the_same_statements_for_many_drafts(org):
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, None))
    submitted(org)
    with counted(org.store) as few:
        stall_report(org.store)
    for _ in range(20):
        draft = submitted(org)
        org.approve(draft, "review1", "staff")
        org.approve(draft, "review2", "chief")
    with counted(org.store) as many:
        report = stall_report(org.store)
    assert len(report.drafts) == 20
    assert len(many) == len(few) <= 10


def test_a_reviewer_role_routed_nowhere_is_named(org):
    """A role that brings its holder no drafts: 签发 without leading a unit, 一审 and 二审
    without a unit. A routed role, 审定, an inactive account and a stranger: none."""
    add_account(org, "sun", ["review3"], org.unit)
    add_account(org, "wu", ["review1", "review2", "drafter"], None)
    assert unrouted_levels(org.store, "sun") == ("review3",)
    assert unrouted_levels(org.store, "wu") == ("review1", "review2")
    assert unrouted_levels(org.store, "leader") == ()
    assert unrouted_levels(org.store, "boss") == ()
    assert unrouted_levels(org.store, "nobody") == ()
    apply(org.store, SetUnitLeader(new_id(), ADMIN, org.unit, org.ids["sun"]))
    assert unrouted_levels(org.store, "sun") == ()
    assert unrouted_levels(org.store, "leader") == ("review3",)  # no longer the leader
    apply(
        org.store,
        UpdateAccount(new_id(), ADMIN, org.ids["wu"], "wu", None, ["review1"], False),
    )
    assert unrouted_levels(org.store, "wu") == ()
