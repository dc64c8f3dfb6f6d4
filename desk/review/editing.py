"""One draft open in an editor: which command saves it, and its crash-recovery snapshot.

The editor (or a script) holds an ``EditingSession`` per open draft and hands it the
text; the session decides between CreateDraft (a draft never saved) and SaveRevision,
keeps the recovery snapshot in step, and ignores findings against saved text. Plain
Python: the GUI calls it from timers, tests call it directly.

Every method applies domain commands, so failures are ``desk.store.StoreError`` (the
database is locked, the disk is full …) or ``CommandRejected``; the caller still has
the text and may try again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desk.render import content_hash
from desk.review.commands import (
    ClearRecovery,
    CreateDraft,
    IgnoreFinding,
    RecordRecovery,
    SaveRevision,
    apply,
    new_id,
)
from desk.review.drafts import DraftView, IgnoredFindingView, RevisionSummary
from desk.review.findings import Finding
from desk.store import Store


@dataclass(frozen=True, slots=True)
class DraftText:
    """What an editor holds of a draft: title, body as HTML, and the body's plain text."""

    title: str
    body_html: str
    body_text: str

    def content_hash(self, attributes: dict[str, str] | None = None) -> str:
        return content_hash(self.title, self.body_html, attributes or None)


class EditingSession:
    """Saves one draft's text through the domain commands, on behalf of ``actor``."""

    def __init__(self, store: Store, actor: str, draft: DraftView | None = None) -> None:
        self.store = store
        self.actor = actor
        self.draft_id: uuid.UUID = draft.id if draft is not None else new_id()
        self.is_new = draft is None  # no CreateDraft yet
        self._saved_hash = draft.revision.content_hash if draft is not None else None
        self._attributes = draft.attributes if draft is not None else {}
        self._saved_text = draft.body_text if draft is not None else None
        self._shown: tuple[str, str] | None = None  # see shown()
        self._snapshot_hash: str | None = None

    @classmethod
    def recovered(cls, store: Store, actor: str, draft_id: uuid.UUID) -> EditingSession:
        """A session for a never-saved draft whose recovery snapshot is being restored."""
        session = cls(store, actor)
        session.draft_id = draft_id
        return session

    def shown(self, text: DraftText) -> None:
        """The editor's rendering of the revision just opened. A draft made by a command,
        the CLI or a server is rarely in the editor's own markup; the same text in its
        markup is no edit, and must not be saved as a new revision (a reviewer's would
        count as their correction, and a signed draft can't be saved at all)."""
        if not self.is_new:
            self._shown = (text.content_hash(self._attributes), text.body_text)

    def is_saved(self, text: DraftText) -> bool:
        """Whether ``text`` is what the draft's current revision holds (as stored, or as
        the editor showed it when opened)."""
        if self.is_new:
            return False
        seen = (text.content_hash(self._attributes), text.body_text)
        return seen in ((self._saved_hash, self._saved_text), self._shown)

    def save(self, text: DraftText, reason: str = "save") -> RevisionSummary | None:
        """Save ``text`` as a revision (the first one makes the draft); None if unchanged.

        A saved draft needs no recovery snapshot, so a successful save drops it.
        """
        if self.is_saved(text):
            return None
        command_type = CreateDraft if self.is_new else SaveRevision
        revision = apply(
            self.store,
            command_type(
                command_id=new_id(),
                actor=self.actor,
                draft_id=self.draft_id,
                title=text.title,
                body_html=text.body_html,
                body_text=text.body_text,
                reason=reason,
            ),
        )
        self.is_new = False
        self._saved_hash = revision.content_hash
        self._saved_text = text.body_text
        self._shown = None
        self.discard_snapshot()
        return revision

    def snapshot(self, text: DraftText) -> bool:
        """Record ``text`` for crash recovery unless it is saved or already recorded."""
        digest = text.content_hash()
        if self.is_saved(text) or digest == self._snapshot_hash:
            return False
        apply(
            self.store,
            RecordRecovery(
                command_id=new_id(),
                actor=self.actor,
                draft_id=self.draft_id,
                title=text.title,
                body_html=text.body_html,
            ),
        )
        self._snapshot_hash = digest
        return True

    def discard_snapshot(self) -> None:
        """Drop the recovery snapshot (after a save, or when the text is thrown away)."""
        apply(
            self.store,
            ClearRecovery(command_id=new_id(), actor=self.actor, draft_id=self.draft_id),
        )
        self._snapshot_hash = None

    def ignore(self, finding: Finding, reason: str, text: DraftText) -> IgnoredFindingView:
        """Let ``finding`` stand, with a reason; ``text`` (what its offsets are into) is
        saved first, so the ignore refers to a revision reviewers can see."""
        self.save(text)
        return apply(
            self.store,
            IgnoreFinding.for_finding(
                finding,
                command_id=new_id(),
                actor=self.actor,
                draft_id=self.draft_id,
                reason=reason,
            ),
        )
