"""What waits for someone, and where a draft stands in the flow (read-only queries).

``waiting_for`` is the inbox, what the person can do now: drafts at a level where they
are a reviewer of the draft's unit (in their own right or standing in) and the
separation of duties does not bar them, drafts of theirs that were returned with a
comment, and signed drafts of theirs ready to publish; on request also the other drafts
in the flow they may see. ``review_state`` is one draft's place in the flow with its
history (every step, publishing and 撤稿 included), for the review panel.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from desk.review.calendar_workdays import WorkCalendar
from desk.review.deadlines import Deadline, disclosure_deadline, due_status
from desk.review.directory import display_name
from desk.review.duties import Involvement, involvement
from desk.review.roles import LEVELS
from desk.review.routing import PRINCIPAL, routes
from desk.review.stages import DRAFT, PUBLISHED, READY, RETRACTED, STATUS_LABELS, step_label
from desk.review.visibility import visible_to
from desk.store import Store
from desk.store.models import Draft, Publication, ReviewAction, Revision, Unit

# The inbox's groups as listed: what came back first, then each review level, then what
# is signed and waits to be published.
INBOX_GROUPS = {
    "returned": "被退回",
    **{level: STATUS_LABELS[level] for level in LEVELS},
    "publish": "待发布",
    "watching": "其他在办稿件",  # only with ``watching``: in the flow, not the person's to do now
}


@dataclass(frozen=True, slots=True)
class InboxItem:
    """A draft waiting for someone, and why."""

    draft_id: uuid.UUID
    title: str
    status: str
    why: str  # "review" (at ``status``), "returned", "publish", "watching"
    acting_for: str | None  # the login stood in for, when reviewing as a delegate
    updated_at: datetime
    due: Deadline | None  # the disclosure deadline, when the formation date is known
    urgency: str  # "overdue", "due-soon", "ok" or "" without a deadline
    barred: str = ""  # why the person, a reviewer at ``status``, may not act (审稿分离)

    @property
    def group(self) -> str:
        """The inbox group it is listed under (a key of INBOX_GROUPS)."""
        return self.status if self.why == "review" else self.why


@dataclass(frozen=True, slots=True)
class Step:
    """One step in a draft's history: a review action, a publication or a 撤稿."""

    level: str  # the stage: draft (起草) or a review level; ready (发布) for a publication
    action: str  # submit, withdraw, approve, reject, modify, publish, retract
    login: str
    actor: str  # 'Name（login）'
    opinion: str  # the opinion or comment; the reason of a 申请修改 or a 撤稿
    at: datetime
    content_hash: str
    voided: str | None  # why a later change voided this approval
    anchor: dict[str, Any] | None  # the span a rejection's comment is about
    channels: tuple[str, ...] = ()  # where it was published (or retracted from)

    @property
    def label(self) -> str:
        """The step's name: 签发 and 审定 for approvals at those levels (`step_label`)."""
        return step_label(self.level, self.action)


@dataclass(frozen=True, slots=True)
class Release:
    """The draft's latest publication or 撤稿: what the public sees, or saw."""

    kind: str  # "publish" (live on ``channels``) or "retract"
    channels: tuple[str, ...]
    actor: str  # 'Name（login）'
    at: datetime
    reason: str  # why it was retracted ("" for a publication)


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where a draft stands, for the review panel."""

    draft_id: uuid.UUID
    status: str
    created_by: str
    unit_id: uuid.UUID | None
    unit: str
    major: bool
    formed_on: date | None
    due: Deadline | None
    attributes: dict[str, Any]
    content_hash: str
    history: tuple[Step, ...]
    release: Release | None = None  # the latest publication or 撤稿, None if never published

    @property
    def modifying(self) -> bool:
        """A modification of the published version is under way (撤稿 would stop it)."""
        live = self.release is not None and self.release.kind == "publish"
        return live and self.status != PUBLISHED

    @property
    def returned(self) -> Step | None:
        """The rejection that sent the draft back, while it is a draft again."""
        last = self.history[-1] if self.history else None
        return last if self.status == DRAFT and last and last.action == "reject" else None


def waiting_for(
    store: Store,
    login: str,
    at: datetime | None = None,
    calendar: WorkCalendar | None = None,
    *,
    watching: bool = False,
) -> list[InboxItem]:
    """The person's inbox, most urgent first (deadlines counted with ``calendar``, by
    default the shipped one; the app passes the desk's, ``desk_calendar``).

    Only what the person can do now: drafts at a level they review, unless the separation
    of duties bars them (desk.review.duties); their returned drafts; their signed drafts
    to publish. ``watching`` adds the other drafts in the flow they may see (group
    "watching"), with the reason they are barred where that is why. A bounded number of
    statements, whatever the number of drafts.
    """
    at = at or datetime.now(UTC)
    today = at.astimezone().date()
    with store.read() as session:
        routed: dict[tuple[str, uuid.UUID | None], str | None] = {}
        for route in sorted(
            (route for route in routes(session, at) if route.login == login),
            key=lambda route: route.acting_for is not None,  # in their own right first
        ):
            routed.setdefault((route.level, route.unit_id), route.acting_for)
        at_levels = _at_levels(routed)
        rows = session.execute(
            _listed(or_(at_levels, _returned_to(login), _signed_for(login)))
        ).all()
        involved = involvement(session, select(Draft.id).where(at_levels), login)
        items: list[InboxItem] = []
        for draft, title in rows:
            barred = ""
            acting_for = None
            if draft.status in LEVELS:
                key = (draft.status, None if draft.status == PRINCIPAL else draft.unit_id)
                acting_for = routed[key]
                barred = involved.get(draft.id, Involvement()).barred(login, draft.status) or ""
                why = "watching" if barred else "review"
            else:
                why = "publish" if draft.status == READY else "returned"
            if watching or not barred:
                items.append(_item(draft, title, why, acting_for, barred, today, calendar))
        if watching:
            listed = {item.draft_id for item in items}
            for draft, title in session.execute(
                _listed(and_(_in_flight(), visible_to(session, login, at)))
            ):
                if draft.id not in listed:
                    items.append(_item(draft, title, "watching", None, "", today, calendar))
    order = {"overdue": 0, "due-soon": 1, "ok": 2, "": 3}
    return sorted(items, key=lambda item: (order[item.urgency], -item.updated_at.timestamp()))


def inbox_counts(
    store: Store, login: str, at: datetime | None = None, calendar: WorkCalendar | None = None
) -> dict[str, int]:
    """How many drafts wait in each group (keys of INBOX_GROUPS, in their order)."""
    items = waiting_for(store, login, at, calendar)
    counts = {group: sum(item.group == group for item in items) for group in INBOX_GROUPS}
    return {group: count for group, count in counts.items() if count}


def review_state(
    store: Store, draft_id: uuid.UUID, calendar: WorkCalendar | None = None
) -> ReviewState:
    """The draft's place in the flow and its history (LookupError if there is none)."""
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        if draft is None:
            raise LookupError(f"稿件 {draft_id} 不存在")
        revision = session.get_one(Revision, draft.current_revision_id)
        unit = session.get(Unit, draft.unit_id) if draft.unit_id else None
        actions = session.scalars(
            select(ReviewAction)
            .where(ReviewAction.draft_id == draft_id)
            .order_by(ReviewAction.created_at, ReviewAction.id)
        ).all()
        releases = session.scalars(
            select(Publication)
            .where(Publication.draft_id == draft_id)
            .order_by(Publication.at, Publication.id)
        ).all()
        # a 撤稿 and the 中止审核 of the modification it stopped share a time: 撤稿 first
        steps = [_release_step(session, release) for release in releases]
        steps += [_review_step(session, action) for action in actions]
        return ReviewState(
            draft_id=draft.id,
            status=draft.status,
            created_by=draft.created_by,
            unit_id=draft.unit_id,
            unit=unit.name if unit else "",
            major=draft.major,
            formed_on=draft.formed_on,
            due=disclosure_deadline(draft.formed_on, calendar) if draft.formed_on else None,
            attributes=dict(revision.attributes),
            content_hash=revision.content_hash,
            history=tuple(sorted(steps, key=lambda step: step.at)),
            release=_release(session, releases[-1]) if releases else None,
        )


def _review_step(session: Session, action: ReviewAction) -> Step:
    return Step(
        level=action.level,
        action=action.action,
        login=action.actor,
        actor=display_name(session, action.actor),
        opinion=action.opinion,
        at=action.created_at,
        content_hash=action.content_hash,
        voided=action.voided_by,
        anchor=action.check.get("anchor") if action.action == "reject" else None,
    )


def _release(session: Session, release: Publication) -> Release:
    return Release(
        release.kind,
        tuple(release.channels),
        display_name(session, release.actor),
        release.at,
        release.reason or "",
    )


def _release_step(session: Session, release: Publication) -> Step:
    """A publication, at 发布; a 撤稿, at 三审签发 (the level that decides it)."""
    return Step(
        level=READY if release.kind == "publish" else "review3",
        action=release.kind,
        login=release.actor,
        actor=display_name(session, release.actor),
        opinion=release.reason or "",
        at=release.at,
        content_hash=release.content_hash,
        voided=None,
        anchor=None,
        channels=tuple(release.channels),
    )


def _listed(condition: ColumnElement[bool]) -> Select[tuple[Draft, str]]:
    """The drafts meeting ``condition``, with their current title."""
    return (
        select(Draft, Revision.title)
        .join(Revision, Revision.id == Draft.current_revision_id)
        .where(condition)
    )


def _at_levels(routed: Mapping[tuple[str, uuid.UUID | None], str | None]) -> ColumnElement[bool]:
    """Drafts waiting at a level the person is routed to (for 审定, every unit's)."""
    units: dict[str, set[uuid.UUID | None]] = {}
    for level, unit_id in routed:
        units.setdefault(level, set()).add(unit_id)
    return or_(
        false(),
        *(
            Draft.status == level
            if level == PRINCIPAL
            else and_(Draft.status == level, Draft.unit_id.in_(unit_ids))
            for level, unit_ids in units.items()
        ),
    )


def _returned_to(login: str) -> ColumnElement[bool]:
    """The person's drafts whose last step was a rejection (退回)."""
    latest = (
        select(
            ReviewAction.draft_id,
            ReviewAction.action,
            func.row_number()
            .over(
                partition_by=ReviewAction.draft_id,
                order_by=(ReviewAction.created_at.desc(), ReviewAction.id.desc()),
            )
            .label("rank"),
        )
        .join(Draft, Draft.id == ReviewAction.draft_id)
        .where(Draft.created_by == login, Draft.status == DRAFT)
        .subquery()
    )
    rejected = select(latest.c.draft_id).where(latest.c.rank == 1, latest.c.action == "reject")
    return and_(Draft.created_by == login, Draft.status == DRAFT, Draft.id.in_(rejected))


def _signed_for(login: str) -> ColumnElement[bool]:
    """The person's signed drafts, waiting to be published."""
    return and_(Draft.created_by == login, Draft.status == READY)


def _in_flight() -> ColumnElement[bool]:
    """Drafts submitted and not yet published for good: under review, signed, or back
    with their drafter (returned, or a modification being written)."""
    submitted = select(ReviewAction.draft_id).where(ReviewAction.action == "submit")
    return and_(Draft.id.in_(submitted), Draft.status.not_in((PUBLISHED, RETRACTED)))


def _item(
    draft: Draft,
    title: str,
    why: str,
    acting_for: str | None,
    barred: str,
    today: date,
    calendar: WorkCalendar | None,
) -> InboxItem:
    due = disclosure_deadline(draft.formed_on, calendar) if draft.formed_on else None
    urgency = due_status(due.due, today, calendar) if due else ""
    return InboxItem(
        draft.id, title, draft.status, why, acting_for, draft.updated_at, due, urgency, barred
    )
