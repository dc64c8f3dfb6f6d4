"""The audit log is the command journal, hash-chained so that tampering shows.

Every journaled command gets the next ``seq`` and an ``entry_hash`` over its content
and the previous entry's hash. Editing an entry changes its hash; deleting or
reordering entries breaks the links. ``verify`` walks the chain and names the first
entry that does not hold. (Whoever can rewrite the whole database can also recompute
the whole chain: print ``head`` on the approval form or keep it elsewhere to anchor it.)
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

if TYPE_CHECKING:
    from desk.store.database import Store

GENESIS = "0" * 64


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
) -> str:
    """SHA-256 of the entry's canonical JSON (sorted keys, UTC time to the microsecond)."""
    canonical = json.dumps(
        {
            "seq": seq,
            "id": str(id),
            "name": name,
            "actor": actor,
            "applied_at": applied_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "payload": payload,
            "result_id": str(result_id) if result_id else None,
            "content_hash": content_hash,
            "prev_hash": prev_hash,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok``, or the first entry that breaks the chain and how."""

    ok: bool
    entries: int
    head: str  # the last entry's hash (GENESIS for an empty log)
    broken_seq: int | None = None
    broken_id: uuid.UUID | None = None
    problem: str = ""  # Chinese, for people


def verify(entries: Iterable[Entry]) -> Verdict:
    """Check the chain, in ``seq`` order as stored."""
    previous, count = GENESIS, 0
    for expected_seq, entry in enumerate(entries, start=1):
        count += 1
        problem = ""
        if entry.seq != expected_seq:
            problem = f"序号应为 {expected_seq}，实为 {entry.seq}：之前的记录被删除或顺序被改动"
        elif entry.prev_hash != previous:
            problem = "与上一条记录的链接不符：上一条记录被删除、替换或顺序被改动"
        elif entry.entry_hash != _recomputed(entry):
            problem = "内容与其哈希不符：这条记录被修改过"
        if problem:
            return Verdict(False, count, previous, entry.seq, entry.id, problem)
        previous = entry.entry_hash
    return Verdict(True, count, previous)


def _recomputed(entry: Entry) -> str:
    return entry_hash(
        seq=entry.seq,
        id=entry.id,
        name=entry.name,
        actor=entry.actor,
        applied_at=entry.applied_at,
        payload=entry.payload,
        result_id=entry.result_id,
        content_hash=entry.content_hash,
        prev_hash=entry.prev_hash,
    )


def read_entries(store: Store) -> list[Entry]:
    """The whole journal in ``seq`` order, as stored (to verify it)."""
    from desk.store.models import AppliedCommand

    with store.read() as session:
        rows = session.scalars(select(AppliedCommand).order_by(AppliedCommand.seq))
        return [
            Entry(
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
            )
            for row in rows
        ]
