"""Where the 三审 flow can't go on, so that nothing stalls without a word.

A review level of a unit has nobody when no active account is routed to it
(desk.review.routing): no account of the unit with the 一审 or 二审 role, no 分管领导 (the
unit's leader in charge, ``desk admin set-leader``) for 签发, no 主要领导 for 审定;
current delegates count. A draft is stalled when it waits at such a level, or when
everyone routed there is barred from it by the separation of duties
(desk.review.duties).

`unrouted_levels` is a reviewer's: the levels they hold a role for that bring them
no drafts (一审 or 二审 without a unit, 三审签发 without being any unit's 分管领导).
`stall_report` is the administrator's view: the empty levels of the units that have
work (a drafter, or a draft under review) and the stalled drafts. `stall_of` is one
draft's, for the people looking at it: where it is stuck or will stop further on, and
for its drafter, already before submitting. Each is a bounded number of statements.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desk.review.duties import Involvement, involvement
from desk.review.roles import DRAFTER, LEVELS
from desk.review.routing import PRINCIPAL, Route, routes
from desk.review.stages import DRAFT
from desk.store import Store
from desk.store.models import Account, Draft, Revision, Unit

NOBODY = "nobody"  # nobody is routed to the level
DUTIES = "duties"  # everyone routed there is barred by the separation of duties
UNIT_LEVELS = ("review1", "review2", "review3")  # each unit needs someone at these


@dataclass(frozen=True, slots=True)
class Gap:
    """Nobody can act at ``level`` on the drafts of a unit (at 审定: of any unit)."""

    level: str
    unit_id: uuid.UUID | None  # None at 审定, which serves every unit
    unit: str  # the unit's name; "" at 审定


@dataclass(frozen=True, slots=True)
class Stall:
    """Why a draft can't go on: the level it waits at, or will stop at once it gets
    there (``ahead``: it is at an earlier level, or not submitted yet), and why nobody
    acts there."""

    level: str
    unit_id: uuid.UUID | None
    unit: str
    why: str  # NOBODY or DUTIES
    ahead: bool = False


@dataclass(frozen=True, slots=True)
class StalledDraft:
    """A draft under review that nobody can take further."""

    draft_id: uuid.UUID
    title: str
    created_by: str
    updated_at: datetime
    stall: Stall


@dataclass(frozen=True, slots=True)
class StallReport:
    """The empty levels of the units with work, by unit name, and the stalled drafts,
    longest waiting first."""

    gaps: tuple[Gap, ...]
    drafts: tuple[StalledDraft, ...]


def stall_report(store: Store, at: datetime | None = None) -> StallReport:
    """What an administrator must set for the flow to go on (at the store's clock)."""
    at = at or store.clock()
    with store.read() as session:
        table = routes(session, at)
        units: dict[uuid.UUID, str] = dict(session.execute(select(Unit.id, Unit.name)).all())
        waiting = session.execute(
            select(Draft, Revision.title)
            .join(Revision, Revision.id == Draft.current_revision_id)
            .where(Draft.status.in_(LEVELS))
            .order_by(Draft.updated_at, Draft.id)
        ).all()
        working = {draft.unit_id for draft, _title in waiting} | {
            unit_id
            for unit_id, roles in session.execute(
                select(Account.unit_id, Account.roles).where(Account.active.is_(True))
            )
            if DRAFTER in roles
        }
        working = {unit_id for unit_id in working if unit_id in units}
        gaps = [
            Gap(level, unit_id, units[unit_id])
            for unit_id in sorted(working, key=lambda unit_id: units[unit_id])
            for level in UNIT_LEVELS
            if not _routed(table, unit_id, level)
        ]
        if working and not _routed(table, None, PRINCIPAL):
            gaps.append(Gap(PRINCIPAL, None, ""))
        involved = involvement(session, select(Draft.id).where(Draft.status.in_(LEVELS)))
        stalled = []
        for draft, title in waiting:
            why = _why(table, involved.get(draft.id, Involvement()), draft.unit_id, draft.status)
            if why:
                stall = Stall(draft.status, draft.unit_id, units.get(draft.unit_id, ""), why)
                stalled.append(
                    StalledDraft(draft.id, title, draft.created_by, draft.updated_at, stall)
                )
        return StallReport(tuple(gaps), tuple(stalled))


def stall_of(
    store: Store, draft_id: uuid.UUID | None, login: str, at: datetime | None = None
) -> Stall | None:
    """The first level nobody can act at, from where the draft stands on (None: it
    can go all the way). For a draft of ``login``'s not under review (``draft_id`` None:
    a new one), from 一审 in the unit of their account, where Submit sends it."""
    at = at or store.clock()
    with store.read() as session:
        draft = session.get(Draft, draft_id) if draft_id is not None else None
        if draft is not None and draft.status in LEVELS:
            unit_id = draft.unit_id
            levels = _levels(draft.major)
            levels = levels[levels.index(draft.status) :]
        elif draft_id is None or (
            draft is not None and draft.status == DRAFT and draft.created_by == login
        ):
            account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
            if account is None or account.unit_id is None or DRAFTER not in account.roles:
                return None  # not theirs to submit, or Submit itself says what is missing
            unit_id = account.unit_id
            levels = _levels(draft is not None and draft.major)
        else:
            return None
        table = routes(session, at)
        involved = Involvement(writers=frozenset({login}))  # a new draft: its writer
        if draft is not None:
            involved = involvement(session, [draft.id]).get(draft.id, involved)
        for level in levels:
            why = _why(table, involved, unit_id, level)
            if why:
                unit = session.get(Unit, unit_id) if unit_id is not None else None
                ahead = draft is None or level != draft.status
                return Stall(level, unit_id, unit.name if unit else "", why, ahead)
        return None


def unrouted_levels(store: Store, login: str, at: datetime | None = None) -> tuple[str, ...]:
    """The review levels ``login``'s account has the role for but is routed to for no
    unit: no draft ever reaches them there (none for an unknown or inactive account)."""
    at = at or store.clock()
    with store.read() as session:
        account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
        if account is None or not account.active:
            return ()
        routed = {
            route.level
            for route in routes(session, at)
            if route.login == login and route.acting_for is None
        }
        return tuple(level for level in LEVELS if level in account.roles and level not in routed)


def _levels(major: bool) -> tuple[str, ...]:
    """The levels a draft passes: 审定 only for a 重大事项."""
    return (*UNIT_LEVELS, PRINCIPAL) if major else UNIT_LEVELS


def _routed(table: Sequence[Route], unit_id: uuid.UUID | None, level: str) -> set[str]:
    """The logins routed to ``level`` of the unit's drafts."""
    return {route.login for route in table if route.covers(unit_id, level)}


def _why(
    table: Sequence[Route], involved: Involvement, unit_id: uuid.UUID | None, level: str
) -> str | None:
    """Why nobody can act at ``level`` on a draft of the unit (None: someone can)."""
    reviewers = _routed(table, unit_id, level)
    if not reviewers:
        return NOBODY
    if all(involved.barred(login, level) for login in reviewers):
        return DUTIES
    return None
