"""撤回: when the drafter may take a submitted draft back (the Withdraw command's rule,
and the question the window asks before offering it).

A submission may be withdrawn by its drafter while it waits at 一审 and no reviewer has
acted on it: no approval or rejection, and no correction of the text. After that the
reviewers' work would be lost, so the drafter asks them to return it instead.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.review.directory import person_named
from desk.review.roles import LEVELS
from desk.review.stages import STATUS_LABELS
from desk.store import Store
from desk.store.models import Draft, ReviewAction, Revision

ASK_TO_RETURN = "如需修改，请联系审核人退回"


def withdrawal_refusal(session: Session, draft: Draft, login: str) -> str | None:
    """Why ``login`` may not withdraw ``draft`` now (Chinese, for the user), or None."""
    if draft.created_by != login:
        return f"只有起草人可以撤回，{person_named(session, login)}不是本稿件的起草人"
    if draft.status not in LEVELS:
        return f"稿件{STATUS_LABELS[draft.status]}，不在审核中，无需撤回"
    if draft.status != LEVELS[0]:
        return f"稿件已通过一审，不能撤回；{ASK_TO_RETURN}"
    submitted = session.scalars(
        select(ReviewAction.revision_id)
        .where(ReviewAction.draft_id == draft.id, ReviewAction.action == "submit")
        .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
        .limit(1)
    ).one()
    if draft.current_revision_id != submitted:  # only a reviewer can have changed it since
        corrector = session.get_one(Revision, draft.current_revision_id).author
        return f"{person_named(session, corrector)}已修改了提交的稿件，不能撤回；{ASK_TO_RETURN}"
    return None


def can_withdraw(store: Store, draft_id: uuid.UUID, login: str) -> bool:
    """Whether ``login`` may withdraw the draft now (False for a draft that doesn't exist)."""
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        return draft is not None and withdrawal_refusal(session, draft, login) is None
