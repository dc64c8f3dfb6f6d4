"""Separation of duties (审稿分离): who may not act at a level of a draft.

Nobody approves any level of a draft they wrote (created it, or edited it while it was a
draft), nor two levels of one draft (an approval of theirs still standing at another
level). The workflow refuses such a step with the reason below; the inbox leaves the
draft out of that person's work, and desk.review.stalls reports a level whose every
reviewer is barred.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desk.review.stages import DRAFT
from desk.store.models import Draft, ReviewAction, Revision

WROTE_IT = "您参与了本稿件的起草或修改，不能审核本稿件（审稿分离）"
TWO_LEVELS = "同一人不能审核同一稿件的两个环节"

# Drafts to look at: their ids, or a select of them (kept in SQL for long lists).
Drafts = Collection[uuid.UUID] | Select[tuple[uuid.UUID]]


@dataclass(frozen=True, slots=True)
class Involvement:
    """Who had a hand in one draft: its writers, and the levels at which each person has
    an approval still standing."""

    writers: frozenset[str] = frozenset()
    approvals: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def barred(self, login: str, level: str) -> str | None:
        """Why ``login`` may not act at ``level`` of the draft (None: they may)."""
        if login in self.writers:
            return WROTE_IT
        if self.approvals.get(login, frozenset()) - {level}:
            return TWO_LEVELS
        return None


def involvement(
    session: Session, drafts: Drafts, login: str | None = None
) -> dict[uuid.UUID, Involvement]:
    """Each listed draft's involvement (three statements, however many drafts);
    ``login``: only that person's part, which is all one person's inbox needs."""
    created = select(Draft.id, Draft.created_by).where(Draft.id.in_(drafts))
    wrote = (
        select(Revision.draft_id, Revision.author)
        .where(Revision.draft_id.in_(drafts), Revision.stage == DRAFT)
        .distinct()
    )
    approved = select(ReviewAction.draft_id, ReviewAction.actor, ReviewAction.level).where(
        ReviewAction.draft_id.in_(drafts),
        ReviewAction.action == "approve",
        ReviewAction.voided_at.is_(None),
    )
    if login is not None:
        created = created.where(Draft.created_by == login)
        wrote = wrote.where(Revision.author == login)
        approved = approved.where(ReviewAction.actor == login)
    writers: dict[uuid.UUID, set[str]] = {}
    approvals: dict[uuid.UUID, dict[str, set[str]]] = {}
    for draft_id, author in [*session.execute(created), *session.execute(wrote)]:
        writers.setdefault(draft_id, set()).add(author)
    for draft_id, actor, level in session.execute(approved):
        approvals.setdefault(draft_id, {}).setdefault(actor, set()).add(level)
    return {
        draft_id: Involvement(
            frozenset(writers.get(draft_id, ())),
            {actor: frozenset(levels) for actor, levels in approvals.get(draft_id, {}).items()},
        )
        for draft_id in writers.keys() | approvals.keys()
    }


def barred(session: Session, draft_id: uuid.UUID, login: str, level: str) -> str | None:
    """Why ``login`` may not act at ``level`` of the draft (None: they may)."""
    return involvement(session, [draft_id], login).get(draft_id, Involvement()).barred(login, level)
