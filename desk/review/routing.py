"""Who may act at a review level of a unit's draft: routing by the organisation.

一审 goes to the unit's staff with the review1 role, 二审 to its chiefs (review2), 三审
签发 to the unit's leader in charge (``Unit.leader_id``), 审定 to the principal leaders;
each also to whoever is standing in for one of them (a running, unrevoked delegation).
Works on an open session, so the domain commands check it inside their transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk.store.models import Account, Delegation, Unit


@dataclass(frozen=True, slots=True)
class Reviewer:
    """An account that may act at a level, and whom it stands in for (None: itself)."""

    login: str
    name: str
    acting_for: str | None = None


def holders(session: Session, unit_id: uuid.UUID | None, level: str) -> list[Account]:
    """The active accounts whose own role and place give them ``level`` for the unit."""
    if level == "review3":
        unit = session.get(Unit, unit_id) if unit_id is not None else None
        leader = session.get(Account, unit.leader_id) if unit and unit.leader_id else None
        return [leader] if leader is not None and leader.active and level in leader.roles else []
    accounts = session.scalars(select(Account).where(Account.active.is_(True))).all()
    return [
        account
        for account in accounts
        if level in account.roles and (level == "principal" or account.unit_id == unit_id)
    ]


def reviewers(
    session: Session, unit_id: uuid.UUID | None, level: str, at: datetime
) -> list[Reviewer]:
    """Everyone who may act at ``level`` on the unit's drafts at ``at``."""
    own = holders(session, unit_id, level)
    found = [Reviewer(account.login, account.name) for account in own]
    if own:
        running = session.execute(
            select(Delegation, Account)
            .join(Account, Account.id == Delegation.to_account_id)
            .where(
                Delegation.from_account_id.in_([account.id for account in own]),
                Delegation.level == level,
                Delegation.revoked_at.is_(None),
                Delegation.starts_at <= at,
                or_(Delegation.ends_at.is_(None), Delegation.ends_at > at),
                Account.active.is_(True),
            )
        ).all()
        by_id = {account.id: account for account in own}
        found += [
            Reviewer(delegate.login, delegate.name, by_id[delegation.from_account_id].login)
            for delegation, delegate in running
        ]
    return found


def reviewer(
    session: Session, login: str, unit_id: uuid.UUID | None, level: str, at: datetime
) -> Reviewer | None:
    """``login`` as a reviewer at ``level`` (in their own right first), or None."""
    matches = [r for r in reviewers(session, unit_id, level, at) if r.login == login]
    return min(matches, key=lambda r: r.acting_for is not None, default=None)
