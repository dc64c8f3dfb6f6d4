"""What changed in a draft that a reviewer should look at, rather than the whole text.

A reviewer who approved 第 2 版 and gets the draft back as 第 4 版 should read what
changed since (``since_seen``). A reviewer opening a draft for the first time should
still see the corrections reviewers made during review, against the text the drafter
submitted (``during_review``): a correction is recorded as its reviewer's, with a diff,
and shown to every other level. Read-only: ``revision_texts`` and ``review_state`` say
everything needed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desk.review.diff import RevisionText, revision_texts
from desk.review.inbox import Step, review_state
from desk.store import Store

SINCE_SEEN = "since_seen"
DURING_REVIEW = "during_review"


@dataclass(frozen=True, slots=True)
class ChangesToSee:
    """Revisions ``since`` → ``current`` to compare, and why they are shown."""

    since: RevisionText
    current: RevisionText
    why: str  # SINCE_SEEN or DURING_REVIEW
    editors: tuple[str, ...]  # 'Name（login）' of who changed the text since, in order


def changes_to_see(store: Store, draft_id: uuid.UUID, login: str) -> ChangesToSee | None:
    """What ``login`` should compare before acting on the draft, or None.

    Since their last step (submit, approve, reject …) when someone else has changed the
    text since; else, for someone who never acted, the corrections made during the
    current round of review. What the person saved themselves they have seen.
    """
    history = review_state(store, draft_id).history
    revisions = revision_texts(store, draft_id)
    mine = [step for step in history if step.login == login]
    if mine:
        return _changed_after(revisions, mine[-1], login, SINCE_SEEN)
    submits = [step for step in history if step.action == "submit"]
    if not submits:
        return None
    return _changed_after(revisions, submits[-1], login, DURING_REVIEW)


def changed_since_seen(store: Store, draft_id: uuid.UUID, login: str) -> int | None:
    """The revision number ``login`` last acted on when someone else has changed the
    draft since, else None."""
    changes = changes_to_see(store, draft_id, login)
    return changes.since.number if changes is not None and changes.why == SINCE_SEEN else None


def _changed_after(
    revisions: list[RevisionText], step: Step, login: str, why: str
) -> ChangesToSee | None:
    """What others changed since the revision ``step`` named, or since the person's own
    later revision (what they saved, they saw)."""
    acted_on = [
        revision
        for revision in revisions
        if revision.content_hash == step.content_hash and revision.created_at <= step.at
    ]
    if not acted_on:
        return None
    own = [revision for revision in revisions if revision.author == login]
    since = max([acted_on[-1], *own], key=lambda revision: revision.number)
    later = [revision for revision in revisions if revision.number > since.number]
    editors = tuple(dict.fromkeys(r.author_name for r in later if r.author != login))
    if not editors or revisions[-1].content_hash == since.content_hash:
        return None
    return ChangesToSee(since, revisions[-1], why, editors)
