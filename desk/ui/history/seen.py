"""Whether a draft changed since someone last acted on it, so they look at the change.

A reviewer who approved 第 2 版 and gets the draft back as 第 4 版 should read what
changed rather than the whole text again. Read-only: ``revision_texts`` and
``review_state`` say everything needed.
"""

from __future__ import annotations

import uuid

from desk.review.diff import revision_texts
from desk.review.inbox import review_state
from desk.store import Store


def changed_since_seen(store: Store, draft_id: uuid.UUID, login: str) -> int | None:
    """The revision number ``login`` last acted on (submitted, approved, rejected …) when
    someone else has changed the draft since, else None.

    Revisions the person saved themselves after acting don't count: they have seen those.
    """
    mine = [step for step in review_state(store, draft_id).history if step.login == login]
    if not mine:
        return None
    last = mine[-1]
    revisions = revision_texts(store, draft_id)
    acted_on = [
        revision
        for revision in revisions
        if revision.content_hash == last.content_hash and revision.created_at <= last.at
    ]
    if not acted_on or revisions[-1].content_hash == last.content_hash:
        return None
    number = acted_on[-1].number
    later_authors = {revision.author for revision in revisions if revision.number > number}
    return number if later_authors - {login} else None
