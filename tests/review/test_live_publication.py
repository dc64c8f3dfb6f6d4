"""A published version stays out while a modification is reviewed: the list says so,
and 撤稿 stays possible for those who may take it down."""

from __future__ import annotations

from desk.review.commands import apply, new_id
from desk.review.drafts import list_drafts
from desk.review.workflow import RequestModification, Retract, can_retract


def live(org, draft_id) -> bool:
    [summary] = [d for d in list_drafts(org.store) if d.id == draft_id]
    return summary.live


def test_retracting_is_possible_while_a_published_version_is_out(org):
    draft = org.draft()
    org.through_signing(draft)
    assert not live(org, draft) and not can_retract(org.store, "leader", draft)
    org.publish(draft)
    assert live(org, draft) and can_retract(org.store, "leader", draft)
    apply(org.store, RequestModification(new_id(), "liaison", draft, "更正联系电话"))
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    assert live(org, draft) and can_retract(org.store, "leader", draft)
    for someone_else in ("liaison", "staff", "chief", "boss", "outsider"):
        assert not can_retract(org.store, someone_else, draft)
    apply(org.store, Retract(new_id(), "leader", draft, "含个人手机号码"))
    assert not live(org, draft) and not can_retract(org.store, "leader", draft)
    assert not can_retract(org.store, "leader", new_id())
