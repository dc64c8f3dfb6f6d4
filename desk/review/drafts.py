"""Read-only queries on drafts: the list, one draft, its revisions, crash recovery.

Nothing here writes; every change goes through ``desk.review.commands.apply``. Results
are frozen dataclasses detached from the database, safe to hand to another thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select

from desk.review import visibility
from desk.review.stages import DRAFT
from desk.store import Store
from desk.store.database import fold
from desk.store.models import (
    Draft,
    IgnoredFinding,
    Publication,
    Recovery,
    ReviewAction,
    Revision,
)


class DraftNotFound(LookupError):
    """No draft has this id; ``str(error)`` says so in Chinese."""

    def __init__(self, draft_id: uuid.UUID) -> None:
        super().__init__(f"稿件 {draft_id} 不存在")
        self.draft_id = draft_id


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    """One saved revision, without its text."""

    id: uuid.UUID
    draft_id: uuid.UUID
    number: int  # 1, 2, 3 … per draft
    title: str
    content_hash: str  # desk.render.content_hash(title, body_html) of the saved text
    created_at: datetime
    author: str
    reason: str  # "save", "autosave" or "import"


@dataclass(frozen=True, slots=True)
class IgnoredFindingView:
    """A finding let stand, with who did it and why (shown to reviewers)."""

    id: uuid.UUID
    draft_id: uuid.UUID
    rule: str
    field: str  # "title" or "body"
    start: int  # code-point offsets into the field's plain text when it was ignored
    end: int
    text: str
    term: str | None
    reason: str
    actor: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """A line of the draft list."""

    id: uuid.UUID
    title: str
    status: str
    created_by: str
    updated_at: datetime
    formed_on: date | None = None  # 信息形成日期: the disclosure deadline counts from it
    live: bool = False  # a published version is out (also while a modification is reviewed)
    returned: bool = False  # back with its drafter after a 退回, not submitted again yet


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft as the editor opens it: its current revision's text and its ignored findings."""

    id: uuid.UUID
    title: str
    body_html: str
    body_text: str
    status: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    revision: RevisionSummary  # the current revision, whose text this is
    ignored: tuple[IgnoredFindingView, ...]  # oldest first
    attributes: dict[str, str]  # the current revision's 公开属性 and the like (hashed with it)


@dataclass(frozen=True, slots=True)
class RecoverySnapshot:
    """Autosaved text that was never saved as a revision, offered after a crash to the
    person who typed it (``author``)."""

    draft_id: uuid.UUID  # restore with SaveRevision, or CreateDraft with this id when is_new
    author: str  # login
    title: str
    body_html: str
    saved_at: datetime
    is_new: bool  # the draft was never saved: it does not exist yet


def list_drafts(
    store: Store,
    *,
    search: str | None = None,
    created_by: str | None = None,
    visible_to: str | None = None,
) -> list[DraftSummary]:
    """Every draft, most recently changed first.

    ``search`` keeps the drafts whose current title or text contains it, both read as the
    check reads them (``desk_fold``: 繁→简, width, case, spaces and interference characters
    skipped), so 百家乐 finds 百*家*乐; Chinese text matches as a plain substring.
    ``created_by`` keeps one author's drafts, ``visible_to`` those a login may see
    (desk.review.visibility).
    """
    statement = (
        select(
            Draft.id,
            Revision.title,
            Draft.status,
            Draft.created_by,
            Draft.updated_at,
            Draft.formed_on,
            live_publication(),
            returned_draft(),
        )
        .join(Revision, Revision.id == Draft.current_revision_id)
        .order_by(Draft.updated_at.desc(), Draft.id)
    )
    if created_by is not None:
        statement = statement.where(Draft.created_by == created_by)
    needle = fold(search.strip()) if search else ""
    if needle:
        statement = statement.where(
            or_(
                func.instr(func.desk_fold(Revision.title), needle) > 0,
                func.instr(func.desk_fold(Revision.body_text), needle) > 0,
            )
        )
    with store.read() as session:
        if visible_to is not None:
            statement = statement.where(visibility.visible_to(session, visible_to, store.clock()))
        return [DraftSummary(*row) for row in session.execute(statement)]


def live_publication() -> ColumnElement[bool]:
    """Whether a ``Draft`` row has a published version out: its latest publishing or 撤稿
    is a publishing, whatever the status of a modification under way (also of a new
    round after a 撤稿, whose version is no longer out)."""
    latest = (
        select(Publication.kind)
        .where(Publication.draft_id == Draft.id)
        .order_by(Publication.at.desc(), Publication.id.desc())
        .limit(1)
        .correlate(Draft)
        .scalar_subquery()
    )
    return latest == "publish"


def returned_draft() -> ColumnElement[bool]:
    """Whether a ``Draft`` row is a draft again because its last review step was a 退回."""
    last_step = (
        select(ReviewAction.action)
        .where(ReviewAction.draft_id == Draft.id)
        .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
        .limit(1)
        .correlate(Draft)
        .scalar_subquery()
    )
    return and_(Draft.status == DRAFT, func.coalesce(last_step, "") == "reject")


def load_draft(store: Store, draft_id: uuid.UUID) -> DraftView:
    """The draft's current text and its ignored findings; DraftNotFound if there is none."""
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        if draft is None:
            raise DraftNotFound(draft_id)
        revision = session.get_one(Revision, draft.current_revision_id)
        ignored = session.scalars(
            select(IgnoredFinding)
            .where(IgnoredFinding.draft_id == draft_id)
            .order_by(IgnoredFinding.created_at, IgnoredFinding.id)
        )
        return DraftView(
            id=draft.id,
            title=revision.title,
            body_html=revision.body_html,
            body_text=revision.body_text,
            status=draft.status,
            created_by=draft.created_by,
            created_at=draft.created_at,
            updated_at=draft.updated_at,
            revision=revision_summary(revision),
            ignored=tuple(ignored_view(row) for row in ignored),
            attributes=dict(revision.attributes),
        )


def revisions(store: Store, draft_id: uuid.UUID) -> list[RevisionSummary]:
    """The draft's revisions, oldest (number 1) first; empty for an unknown draft."""
    statement = (
        select(
            Revision.id,
            Revision.draft_id,
            Revision.number,
            Revision.title,
            Revision.content_hash,
            Revision.created_at,
            Revision.author,
            Revision.reason,
        )
        .where(Revision.draft_id == draft_id)
        .order_by(Revision.number)
    )
    with store.read() as session:
        return [RevisionSummary(*row) for row in session.execute(statement)]


def pending_recovery(store: Store, login: str) -> list[RecoverySnapshot]:
    """Autosaved text worth offering to ``login`` when they sign in, newest first.

    Only the snapshots ``login`` typed: a snapshot is offered to its author when its
    draft was never saved, or when it is newer than the draft's current revision and
    differs from it. Snapshots not offered (others' among them) stay until their
    author's ClearRecovery or next RecordRecovery replaces them.
    """
    statement = (
        select(
            Recovery.draft_id,
            Recovery.author,
            Recovery.title,
            Recovery.body_html,
            Recovery.saved_at,
            Draft.id.is_(None),
        )
        .outerjoin(Draft, Draft.id == Recovery.draft_id)
        .outerjoin(Revision, Revision.id == Draft.current_revision_id)
        .where(
            Recovery.author == login,
            or_(
                Draft.id.is_(None),
                and_(
                    Recovery.saved_at > Revision.created_at,
                    or_(Recovery.title != Revision.title, Recovery.body_html != Revision.body_html),
                ),
            ),
        )
        .order_by(Recovery.saved_at.desc(), Recovery.draft_id)
    )
    with store.read() as session:
        return [
            RecoverySnapshot(draft_id, author, title, body_html, saved_at, bool(is_new))
            for draft_id, author, title, body_html, saved_at, is_new in session.execute(statement)
        ]


def revision_summary(row: Revision) -> RevisionSummary:
    return RevisionSummary(
        id=row.id,
        draft_id=row.draft_id,
        number=row.number,
        title=row.title,
        content_hash=row.content_hash,
        created_at=row.created_at,
        author=row.author,
        reason=row.reason,
    )


def ignored_view(row: IgnoredFinding) -> IgnoredFindingView:
    return IgnoredFindingView(
        id=row.id,
        draft_id=row.draft_id,
        rule=row.rule,
        field=row.field,
        start=row.start,
        end=row.end,
        text=row.text,
        term=row.term,
        reason=row.reason,
        actor=row.actor,
        created_at=row.created_at,
    )
