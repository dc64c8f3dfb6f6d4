"""Who may see a draft.

The rule:

* A draft never submitted is private to its author.
* Once submitted, it is visible to its author, to everyone who acted on it (a review
  step, a correction of its text, a publication or 撤稿), to the reviewers it is routed
  to at any of its levels — the unit's 一审 and 二审 accounts, the unit's 分管领导, and
  for a 重大事项 the 主要领导 — and to their current delegates (desk.review.routing).
* Once published (retracted ones included), it is visible to every account: the item
  was public.

`visible_to` is the rule as a SQL condition on ``Draft``, so that a list of drafts is
filtered by the database (a handful of statements, whatever the number of drafts);
`may_see` asks it of one draft.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from desk.review.routing import PRINCIPAL, routes
from desk.store import Store
from desk.store.models import Draft, Publication, ReviewAction, Revision


def visible_to(session: Session, login: str, at: datetime) -> ColumnElement[bool]:
    """The condition a ``Draft`` row meets when ``login`` may see it at ``at``."""
    routed = [route for route in routes(session, at) if route.login == login]
    units = {route.unit_id for route in routed if route.level != PRINCIPAL}
    principal = any(route.level == PRINCIPAL for route in routed)
    submitted = Draft.id.in_(select(ReviewAction.draft_id).where(ReviewAction.action == "submit"))
    acted = or_(
        Draft.id.in_(select(ReviewAction.draft_id).where(ReviewAction.actor == login)),
        Draft.id.in_(select(Revision.draft_id).where(Revision.author == login)),
        Draft.id.in_(select(Publication.draft_id).where(Publication.actor == login)),
    )
    reviewed = or_(
        Draft.unit_id.in_(units) if units else false(),
        Draft.major.is_(True) if principal else false(),
    )
    return or_(
        Draft.created_by == login,
        Draft.id.in_(select(Publication.draft_id)),
        and_(submitted, or_(acted, reviewed)),
    )


def may_see(store: Store, login: str, draft_id: uuid.UUID) -> bool:
    """Whether ``login`` may see the draft (False for a draft that does not exist)."""
    with store.read() as session:
        visible = visible_to(session, login, store.clock())
        found = session.execute(select(Draft.id).where(Draft.id == draft_id, visible))
        return found.first() is not None
