"""The audit log is the command journal, hash-chained so that tampering shows.

Every journaled command gets the next ``seq`` and an ``entry_hash`` over its content
and the previous entry's hash. Editing an entry changes its hash; deleting or
reordering entries breaks the links. ``verify`` walks the chain and names the first
entry that does not hold. (Whoever can rewrite the whole database can also recompute
the whole chain: print ``head`` on the approval form or keep it elsewhere to anchor it.)

The log holds no secret: a command's secret fields (a password's verifier) are journaled
as their ``seal``, a SHA-256 that proves which verifier was set without helping anyone
guess the password (an argon2 verifier carries its random salt).

Entries written before migration 0004 (format 1) held verifiers. That migration sealed
them and recorded the check the domain had judged on (see desk.review.commands.judged),
which changes those entries' content but not their stored hashes, so heads printed before
it still anchor the log. It appended one note (``AMEND``), chained to the old head,
that pins the new content of each entry it amended; an amended entry holds if its new
content has that digest. Only one such note is accepted, and only before any entry of
the current format: no one can append a later note to rewrite old entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk.store.database import Store

GENESIS = "0" * 64
VERSION = 2  # the format entries are written in: 2 covers ``version`` and ``recorded``
AMEND = "AmendJournal"  # the note of migration 0004: not a command, nothing to replay
_SEAL_PREFIX = "sealed-sha256:"


@dataclass(frozen=True, slots=True)
class Entry:
    """One journaled command as the chain covers it."""

    seq: int
    id: uuid.UUID
    name: str
    actor: str
    applied_at: datetime  # timezone-aware
    payload: dict[str, Any]
    result_id: uuid.UUID | None
    content_hash: str | None
    prev_hash: str
    entry_hash: str
    recorded: dict[str, Any] | None = None  # what the domain judged (replay takes it)
    version: int = 1


def fields(entry: Entry) -> dict[str, Any]:
    """The entry's fields by name (the journal's columns)."""
    return {field.name: getattr(entry, field.name) for field in dataclasses.fields(entry)}


def entry_hash(
    *,
    seq: int,
    id: uuid.UUID,
    name: str,
    actor: str,
    applied_at: datetime,
    payload: dict[str, Any],
    result_id: uuid.UUID | None,
    content_hash: str | None,
    prev_hash: str,
    recorded: dict[str, Any] | None = None,
    version: int = 1,
) -> str:
    """SHA-256 of the entry's canonical JSON (sorted keys, UTC time to the microsecond).

    Format 1 (before migration 0004) has neither ``version`` nor ``recorded``, so the
    hashes of its entries are as they were written."""
    content: dict[str, Any] = {
        "seq": seq,
        "id": str(id),
        "name": name,
        "actor": actor,
        "applied_at": applied_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "payload": payload,
        "result_id": str(result_id) if result_id else None,
        "content_hash": content_hash,
        "prev_hash": prev_hash,
    }
    if version >= 2:
        content["version"] = version
    if version >= 2 or recorded is not None:
        content["recorded"] = recorded
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal(secret: str) -> str:
    """What the log keeps of a secret: that it was set, and which (not what) it was."""
    return _SEAL_PREFIX + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def is_sealed(text: str) -> bool:
    return text.startswith(_SEAL_PREFIX)


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok``, or the first entry that breaks the chain and how."""

    ok: bool
    entries: int
    head: str  # the last entry's hash (GENESIS for an empty log)
    broken_seq: int | None = None
    broken_id: uuid.UUID | None = None
    problem: str = ""  # Chinese, for people


class Chain:
    """Walks the chain one entry at a time, so a log of any length is checked while it
    streams past; ``after`` starts the walk behind an entry already verified (its seq
    and hash). ``amended``: the digests the note of migration 0004 pins, by seq."""

    def __init__(
        self, amended: Mapping[int, str] | None = None, *, after: tuple[int, str] = (0, GENESIS)
    ) -> None:
        self.amended = dict(amended or {})
        self.seq, self.head = after
        self.entries = 0
        self.problem: str = ""
        self.broken: Entry | None = None
        # Whether an entry of the current format, or the note, has passed: either ends
        # the time a note may be written. A walk that starts behind a verified entry
        # starts after both (a store is verified only by code that writes format 2).
        self._current_seen = self._noted = after[0] > 0

    def check(self, entry: Entry) -> bool:
        """Whether ``entry`` holds as the next link; if not, remember why."""
        self.entries += 1
        problem = self._problem(entry)
        if problem:
            self.problem, self.broken = problem, entry
            return False
        self.seq, self.head = entry.seq, entry.entry_hash
        self._current_seen = self._current_seen or entry.version >= 2
        return True

    def verdict(self) -> Verdict:
        if self.broken is not None:
            return Verdict(
                False, self.entries, self.head, self.broken.seq, self.broken.id, self.problem
            )
        return Verdict(True, self.entries, self.head)

    def _problem(self, entry: Entry) -> str:
        expected = self.seq + 1
        if entry.seq != expected:
            return f"序号应为 {expected}，实为 {entry.seq}：之前的记录被删除或顺序被改动"
        if entry.prev_hash != self.head:
            return "与上一条记录的链接不符：上一条记录被删除、替换或顺序被改动"
        if entry.seq in self.amended and entry.version < 2:
            if _recomputed(entry, entry.prev_hash) != self.amended[entry.seq]:
                return "内容与迁移 0004 记下的摘要不符：这条记录被修改过"
            return ""
        if entry.entry_hash != _recomputed(entry, entry.prev_hash):
            return "内容与其哈希不符：这条记录被修改过"
        if entry.name == AMEND:
            return self._note_problem(entry)
        return ""

    def _note_problem(self, note: Entry) -> str:
        if self._current_seen or self._noted:
            return "迁移说明只能在迁移时写入一次，而这一条写在之后：可能是伪造的"
        self._noted = True
        amended = _amended_by(note.payload)
        if amended is None:
            return "迁移说明的格式不符"
        if any(seq >= note.seq for seq in amended):
            return "迁移说明列出了写在它之后的记录"
        broken = note.payload.get("broken_before")
        if isinstance(broken, dict):
            seq, problem = broken.get("seq"), broken.get("problem")
            return f"迁移 0004 之前审计日志已在第 {seq} 条断开：{problem}"
        return ""


def verify(entries: Iterable[Entry], amended: Mapping[int, str] | None = None) -> Verdict:
    """Check the chain, in ``seq`` order as stored."""
    chain = Chain(amended)
    for entry in entries:
        if not chain.check(entry):
            break
    return chain.verdict()


def _recomputed(entry: Entry, prev_hash: str) -> str:
    return entry_hash(
        seq=entry.seq,
        id=entry.id,
        name=entry.name,
        actor=entry.actor,
        applied_at=entry.applied_at,
        payload=entry.payload,
        result_id=entry.result_id,
        content_hash=entry.content_hash,
        prev_hash=prev_hash,
        recorded=entry.recorded,
        version=entry.version,
    )


def amended_digest(entry: Entry) -> str:
    """The digest the note of migration 0004 pins for an entry it amended."""
    return _recomputed(entry, entry.prev_hash)


def stream_entries(session: Session, *, after: int = 0, batch: int = 1000) -> Iterator[Entry]:
    """The journal from ``seq`` ``after + 1`` on, in order, read ``batch`` rows at a time
    in ``session``'s transaction (a log of any length without holding it in memory)."""
    from desk.store.models import AppliedCommand

    journal = AppliedCommand.__table__
    statement = select(journal).where(journal.c.seq > after).order_by(journal.c.seq)
    for row in session.execute(statement).yield_per(batch):
        yield _entry(row)


def read_entries(store: Store) -> list[Entry]:
    """The whole journal in ``seq`` order, as stored (to verify a small one)."""
    with store.read() as session:
        return list(stream_entries(session))


def amendments(session: Session) -> dict[int, str]:
    """The digests pinned by the note of migration 0004 (if any), by seq."""
    from desk.store.models import AppliedCommand

    notes = session.scalars(select(AppliedCommand.payload).where(AppliedCommand.name == AMEND))
    return {seq: digest for note in notes for seq, digest in (_amended_by(note) or {}).items()}


def _amended_by(payload: object) -> dict[int, str] | None:
    """The digests a note pins, by seq; None if it is no such note."""
    amended = payload.get("amended") if isinstance(payload, dict) else None
    if not isinstance(amended, dict):
        return None
    try:
        return {int(seq): str(digest) for seq, digest in amended.items()}
    except ValueError:
        return None


def verify_store(store: Store) -> Verdict:
    """The chain of ``store``'s journal, streamed."""
    with store.read() as session:
        return verify(stream_entries(session), amendments(session))


def _entry(row: Any) -> Entry:
    return Entry(
        seq=row.seq,
        id=row.id,
        name=row.name,
        actor=row.actor,
        applied_at=row.applied_at,
        payload=row.payload,
        result_id=row.result_id,
        content_hash=row.content_hash,
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
        recorded=row.recorded,
        version=row.version,
    )
