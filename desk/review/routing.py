"""Who may act at a review level of a unit's draft: routing by the organisation.

一审 goes to the unit's staff with the review1 role, 二审 to its chiefs (review2), 三审
签发 to the unit's leader in charge (``Unit.leader_id``), 审定 to the principal leaders;
each also to whoever is standing in for one of them (a running, unrevoked delegation).
Works on an open session, so the domain commands check it inside their transaction.

The rule is written once, as the table of every route (`routes`, three statements
whatever the number of drafts); who reviews a unit (`reviewers`), whether one person
does (`reviewer`), what a person reviews (the inbox, visibility) and where nobody does
(desk.review.stalls) are all read from it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desk.store.models import Account, Delegation, Unit

PRINCIPAL = "principal"  # the level that serves every unit (its 重大事项)
_UNIT_LEVELS = ("review1", "review2")  # held by the unit's own accounts with the role


@dataclass(frozen=True, slots=True)
class Reviewer:
    """An account that may act at a level, and whom it stands in for (None: itself)."""

    login: str
    name: str
    acting_for: str | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """``login`` acts at ``level`` on the drafts of ``unit_id`` (None at 审定: the major
    items of every unit), in their own right or standing in for ``acting_for``."""

    login: str
    name: str
    level: str
    unit_id: uuid.UUID | None
    acting_for: str | None = None

    def covers(self, unit_id: uuid.UUID | None, level: str) -> bool:
        """Whether this route reaches the unit's drafts at ``level``."""
        return self.level == level and (level == PRINCIPAL or self.unit_id == unit_id)


def routes(session: Session, at: datetime) -> list[Route]:
    """Every route at ``at``: active accounts in their own right (by login), then active
    delegates of theirs whose delegation runs at ``at``."""
    accounts = session.scalars(
        select(Account).where(Account.active.is_(True)).order_by(Account.login)
    ).all()
    led: dict[uuid.UUID, list[uuid.UUID]] = {}
    for unit_id, leader_id in session.execute(
        select(Unit.id, Unit.leader_id).where(Unit.leader_id.is_not(None)).order_by(Unit.name)
    ):
        led.setdefault(leader_id, []).append(unit_id)
    own = {account.id: list(_own_routes(account, led.get(account.id, ()))) for account in accounts}
    delegate = aliased(Account)
    running = session.execute(
        select(Delegation.from_account_id, Delegation.level, delegate.login, delegate.name)
        .join(delegate, delegate.id == Delegation.to_account_id)
        .where(
            Delegation.revoked_at.is_(None),
            Delegation.starts_at <= at,
            or_(Delegation.ends_at.is_(None), Delegation.ends_at > at),
            delegate.active.is_(True),
        )
        .order_by(delegate.login)
    ).all()
    stood_in = [
        Route(login, name, route.level, route.unit_id, route.login)
        for from_id, level, login, name in running
        for route in own.get(from_id, ())
        if route.level == level
    ]
    return [route for held in own.values() for route in held] + stood_in


def _own_routes(account: Account, led_units: Iterable[uuid.UUID]) -> Iterable[Route]:
    """The account's routes by its own roles and place."""
    for level in _UNIT_LEVELS:
        if level in account.roles and account.unit_id is not None:
            yield Route(account.login, account.name, level, account.unit_id)
    if "review3" in account.roles:
        for unit_id in led_units:
            yield Route(account.login, account.name, "review3", unit_id)
    if PRINCIPAL in account.roles:
        yield Route(account.login, account.name, PRINCIPAL, None)


def reviewers(
    session: Session, unit_id: uuid.UUID | None, level: str, at: datetime
) -> list[Reviewer]:
    """Everyone who may act at ``level`` on the unit's drafts at ``at``."""
    return [
        Reviewer(route.login, route.name, route.acting_for)
        for route in routes(session, at)
        if route.covers(unit_id, level)
    ]


def reviewer(
    session: Session, login: str, unit_id: uuid.UUID | None, level: str, at: datetime
) -> Reviewer | None:
    """``login`` as a reviewer at ``level`` (in their own right first), or None."""
    matches = [r for r in reviewers(session, unit_id, level, at) if r.login == login]
    return min(matches, key=lambda r: r.acting_for is not None, default=None)
