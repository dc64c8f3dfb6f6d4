"""Verified state: the store's tables proved against the audit log.

The hash-chained log (desk.store.audit) is the record. Every other table, but this
desk's crash-recovery snapshots (a convenience, never journaled), must be exactly what
replaying the log's commands produces (desk.review.commands.replay). To prove it, the
log is replayed into a replica, a second store, and the two are compared row by row and
column by column; the content hash of every revision is computed again from its text,
and every review action and publication must carry its revision's. Password verifiers
are compared by their seal, the only trace of them the log keeps.

``verify_state`` replays the whole log into a scratch replica (``desk audit verify``).
``verified_state`` keeps a replica next to the database (``REPLICA_NAME``) and replays
only what was added since it was last verified, so that the 审核表 and the register,
produced only from verified state, stay quick to make. That replica is a cache: it is
rebuilt from the log whenever it does not fit (missing, damaged, of another log, or
differing from the tables), and only a full replay from scratch decides against the
tables. (Whoever can write the database can also write the replica; the full replay
trusts nothing but the log, and the log only as far as its printed heads anchor it.)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.render import content_hash
from desk.review.commands import Replayed, replay
from desk.store import Store, StoreError, StoreLocked, audit, open_store
from desk.store.models import AppliedCommand, Base

REPLICA_NAME = "desk-verified.db"  # next to desk.db
# The tables a replay rebuilds, in the order they are compared, with what people call them.
STATE_TABLES = {
    "accounts": "账号",
    "units": "部门",
    "delegations": "委托",
    "drafts": "稿件",
    "revisions": "版本",
    "ignored_findings": "忽略的提示",
    "review_actions": "审核记录",
    "publications": "发布记录",
}
SEALED = {"accounts": ("password_hash",)}  # compared by their seal (desk.store.audit.seal)
_ATTEMPTS = 5  # catch-ups while others keep writing, before giving up
_REPLICA_BUSY_TIMEOUT = 30.0  # seconds to wait for another program catching it up
_SHOWN_CHARACTERS = 40  # of a differing value, in a message
_Read = TypeVar("_Read")


class StateUnverified(Exception):
    """The tables do not match the log (or could not be proved to); ``str(error)`` says
    what, in Chinese."""


@dataclass(frozen=True, slots=True)
class Difference:
    """The first row of a table that is not what the log produces, and how."""

    table: str
    row: str  # its id
    column: str | None  # None: the whole row is missing or extra
    problem: str  # Chinese, naming table, row and column


@dataclass(frozen=True, slots=True)
class Verification:
    """What a verification found: the chain's verdict, where the replay stopped (if it
    did), and the differences between the tables and the replay (one per table)."""

    chain: audit.Verdict
    replayed: Replayed
    differences: tuple[Difference, ...] = ()
    rows: int = 0  # rows of the state tables compared

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.replayed.stopped_at is None and not self.differences

    @property
    def head(self) -> str:
        return self.chain.head

    def problems(self) -> list[str]:
        """What is wrong, one line each, in Chinese (empty when ``ok``)."""
        if not self.chain.ok:
            return [
                f"审计日志已被改动：第 {self.chain.broken_seq} 条（命令 {self.chain.broken_id}）"
                f"{self.chain.problem}"
            ]
        stopped = self.replayed.stopped_at
        if stopped is not None:
            return [
                f"按审计日志重放第 {stopped.seq} 条命令（{stopped.name}，{stopped.id}）时出错："
                f"{self.replayed.problem}"
            ]
        return [difference.problem for difference in self.differences]


@dataclass(frozen=True, slots=True)
class VerifiedState:
    """The log head the tables were proved against."""

    head: str  # the last entry's hash
    entries: int  # its seq: how many entries the log holds


def verify_state(store: Store, draft_id: uuid.UUID | None = None) -> Verification:
    """Replay the whole log into a scratch replica and compare it with the tables (with
    ``draft_id``, that draft's rows and the tables of people only)."""
    with tempfile.TemporaryDirectory(prefix="desk-replay-") as folder:
        replica = open_store(Path(folder) / REPLICA_NAME)
        try:
            return _catch_up(replica, store, draft_id, fresh=True)
        finally:
            replica.close()


def verified_state(store: Store, draft_id: uuid.UUID | None = None) -> VerifiedState:
    """The head the tables are proved against now, replaying only what the replica next
    to the database has not seen; StateUnverified (saying what differs) if they don't
    match the log. ``draft_id``: prove that draft's rows (its revisions, review actions,
    publications, ignored findings) and the accounts, units and delegations only, what
    its 审核表 shows; None: every table."""
    verification = _verified_by_replica(store, draft_id)
    if not verification.ok:
        raise StateUnverified(
            "数据与审计日志不符，不能据此生成：" + "；".join(verification.problems())
        )
    return VerifiedState(verification.head, verification.chain.entries)


def read_verified(
    store: Store,
    read: Callable[[Session, VerifiedState], _Read],
    draft_id: uuid.UUID | None = None,
) -> _Read:
    """``read(session, state)`` on verified state (as ``verified_state`` proves it): in a
    read transaction whose log head is the one just verified (again if commands came
    in); StateUnverified if the tables don't match the log."""
    for _attempt in range(_ATTEMPTS):
        state = verified_state(store, draft_id)
        with store.read() as session:
            if (_last(session) or (0, audit.GENESIS)) == (state.entries, state.head):
                return read(session, state)
    raise StateUnverified(_BUSY)


_BUSY = "数据库正在被持续写入，暂时无法完成核验，请稍后再试"


# --- the replica -----------------------------------------------------------------------


def _verified_by_replica(store: Store, draft_id: uuid.UUID | None) -> Verification:
    """Catch the replica next to the database up with the log and compare; a replica
    that can't be used is rebuilt, and differences are confirmed by a rebuild (the
    replica may be stale or tampered with) before they count."""
    path = store.path.with_name(REPLICA_NAME)
    if not os.access(store.path.parent, os.W_OK):  # an archived copy: nowhere to keep it
        return verify_state(store, draft_id)
    try:
        replica = open_store(path, busy_timeout=_REPLICA_BUSY_TIMEOUT)
    except StoreLocked:
        return verify_state(store, draft_id)
    except StoreError:
        with contextlib.suppress(OSError):
            path.unlink()  # not a store we can use: made again from the log next time
        return verify_state(store, draft_id)
    try:
        try:
            verification = _catch_up(replica, store, draft_id, fresh=False)
        except _StaleReplica:
            verification = None
        if verification is None or not verification.ok:
            verification = _catch_up(replica, store, draft_id, fresh=True)
        return verification
    finally:
        replica.close()


class _StaleReplica(Exception):
    """The replica's head is not in the log: it was made from another log."""


def _catch_up(
    replica: Store, store: Store, draft_id: uuid.UUID | None, *, fresh: bool
) -> Verification:
    """Replay what the replica lacks (all of the log if ``fresh``), then compare in one
    snapshot of the tables; if more was journaled meanwhile, catch up again. A replay
    from scratch also computes every revision's content hash again from the tables'
    text (a catch-up relies on the replica's, computed from the log's text)."""
    rehash = fresh
    after = (0, audit.GENESIS) if fresh else _replica_head(replica)
    for _attempt in range(_ATTEMPTS):
        with store.read() as session:
            if after[0] and _hash_at(session, after[0]) != after[1]:
                raise _StaleReplica
            # entries amended by migration 0004 come before any replica was made
            chain = audit.Chain(audit.amendments(session) if not after[0] else {}, after=after)
            replayed = replay(
                replica, _holding(audit.stream_entries(session, after=after[0]), chain), fresh=fresh
            )
        fresh = False
        head = (replayed.last.seq, replayed.last.entry_hash) if replayed.last else after
        if not chain.verdict().ok or replayed.stopped_at is not None:
            return Verification(_counted(chain, head), replayed)
        compared = _compare(replica.path, store.path, head, draft_id, rehash=rehash)
        if compared is not None:
            differences, rows = compared
            return Verification(_counted(chain, head), replayed, differences, rows)
        after = head  # the log grew while we compared
    raise StateUnverified(_BUSY)


def _holding(entries: Iterable[audit.Entry], chain: audit.Chain) -> Iterator[audit.Entry]:
    """The entries as long as the chain holds."""
    for entry in entries:
        if not chain.check(entry):
            return
        yield entry


def _counted(chain: audit.Chain, head: tuple[int, str]) -> audit.Verdict:
    """The chain's verdict counting every entry up to the head, not only those walked."""
    verdict = chain.verdict()
    if not verdict.ok:
        return verdict
    return audit.Verdict(True, head[0], head[1])


def _replica_head(replica: Store) -> tuple[int, str]:
    with replica.read() as session:
        return _last(session) or (0, audit.GENESIS)


def _last(session: Session) -> tuple[int, str] | None:
    row = session.execute(
        select(AppliedCommand.seq, AppliedCommand.entry_hash)
        .order_by(AppliedCommand.seq.desc())
        .limit(1)
    ).one_or_none()
    return (row[0], row[1]) if row is not None else None


def _hash_at(session: Session, seq: int) -> str | None:
    return session.scalar(select(AppliedCommand.entry_hash).where(AppliedCommand.seq == seq))


# --- comparing -------------------------------------------------------------------------


def _compare(
    replica_path: Path,
    live_path: Path,
    head: tuple[int, str],
    draft_id: uuid.UUID | None,
    *,
    rehash: bool,
) -> tuple[tuple[Difference, ...], int] | None:
    """The differences between the tables and the replica (of one draft's rows and the
    people tables, if ``draft_id``), and how many rows were compared; None if the log's
    head is no longer ``head`` (compare again after catching up). ``rehash``: also
    compute each revision's content hash from its text (``_unhashed``).

    One connection to the replica with the database attached, in one transaction, so
    the tables are read in one snapshot whose head is checked first."""
    connection = sqlite3.connect(
        replica_path.as_uri(), uri=True, timeout=_REPLICA_BUSY_TIMEOUT, isolation_level=None
    )
    try:
        connection.create_function("desk_seal", 1, _seal, deterministic=True)
        connection.create_function("desk_content_hash", 3, _content_hash, deterministic=True)
        _attach_read_only(connection, live_path)
        connection.execute("BEGIN")
        last = connection.execute(
            "SELECT seq, entry_hash FROM live.applied_commands ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if (tuple(last) if last else (0, audit.GENESIS)) != head:
            return None
        scope = _Scope(draft_id)
        differences = [
            found
            for table in STATE_TABLES
            if (found := _first_difference(connection, table, scope)) is not None
        ]
        if rehash:
            differences += _unhashed(connection, scope)
        rows = sum(
            connection.execute(
                f"SELECT count(*) FROM live.{table} AS t WHERE {scope.where(table)}",
                scope.parameters(table),
            ).fetchone()[0]
            for table in STATE_TABLES
        )
        return tuple(differences), rows
    finally:
        connection.close()


@dataclass(frozen=True, slots=True)
class _Scope:
    """Which rows are compared: all, or one draft's and every row of the tables of people."""

    draft_id: uuid.UUID | None

    def where(self, table: str, alias: str = "t") -> str:
        if self.draft_id is None or table not in _OF_A_DRAFT:
            return "1"
        return f"{alias}.{_OF_A_DRAFT[table]} = ?"

    def parameters(self, table: str) -> tuple[str, ...]:
        return () if self.where(table) == "1" else (str(self.draft_id),)


_OF_A_DRAFT = {  # the column naming the draft, of the tables with rows of one draft
    "drafts": "id",
    "revisions": "draft_id",
    "ignored_findings": "draft_id",
    "review_actions": "draft_id",
    "publications": "draft_id",
}


def _attach_read_only(connection: sqlite3.Connection, live_path: Path) -> None:
    """Attach the store as ``live`` for reading only (it is only compared): on an archived
    copy whose folder can't be written, SQLite can't make the shared-memory index a WAL
    database is read with, and the file is attached as immutable, as the store itself is
    opened there (desk.store.database)."""
    uri = f"{live_path.as_uri()}?mode=ro"
    try:
        connection.execute("ATTACH DATABASE ? AS live", (uri,))
        connection.execute("SELECT count(*) FROM live.sqlite_master").fetchone()
    except sqlite3.OperationalError:
        attached = connection.execute("PRAGMA database_list").fetchall()
        if any(row[1] == "live" for row in attached):
            connection.execute("DETACH DATABASE live")
        connection.execute("ATTACH DATABASE ? AS live", (f"{uri}&immutable=1",))


def _first_difference(
    connection: sqlite3.Connection, table: str, scope: _Scope
) -> Difference | None:
    """The first row (by id) that one side has and the other lacks, or whose columns
    differ; the row's id and the first differing column named."""
    columns = [column.name for column in Base.metadata.tables[table].columns]
    sealed = SEALED.get(table, ())

    def live(column: str, alias: str = "l") -> str:
        return f'desk_seal({alias}."{column}")' if column in sealed else f'{alias}."{column}"'

    label = f"{table}（{STATE_TABLES[table]}）表"
    for side, other, problem in (
        ("live", "main", "{label}多出一行 {row}：日志中没有产生它的命令"),
        ("main", "live", "{label}缺少一行 {row}：日志中的命令产生了它"),
    ):
        found = connection.execute(
            f"SELECT t.id FROM {side}.{table} AS t WHERE {scope.where(table)}"
            f" AND NOT EXISTS (SELECT 1 FROM {other}.{table} AS o WHERE o.id = t.id)"
            " ORDER BY t.id LIMIT 1",
            scope.parameters(table),
        ).fetchone()
        if found:
            return Difference(table, found[0], None, problem.format(label=label, row=found[0]))
    differs = " OR ".join(f'{live(column)} IS NOT r."{column}"' for column in columns)
    found = connection.execute(
        f"SELECT l.id FROM live.{table} AS l JOIN main.{table} AS r ON r.id = l.id"
        f" WHERE {scope.where(table, 'l')} AND ({differs}) ORDER BY l.id LIMIT 1",
        scope.parameters(table),
    ).fetchone()
    if not found:
        return None
    row_id = found[0]
    selected = ", ".join(live(column, "l") for column in columns)
    live_row = connection.execute(
        f"SELECT {selected} FROM live.{table} AS l WHERE l.id = ?", (row_id,)
    ).fetchone()
    replayed = ", ".join(f'r."{column}"' for column in columns)
    replayed_row = connection.execute(
        f"SELECT {replayed} FROM main.{table} AS r WHERE r.id = ?", (row_id,)
    ).fetchone()
    column, value, expected = next(
        (column, value, expected)
        for column, value, expected in zip(columns, live_row, replayed_row, strict=True)
        if value != expected
    )
    if column in sealed:
        problem = f"{label}行 {row_id} 的 {column} 列与日志记下的不符（密码验证值被替换过）"
    else:
        problem = (
            f"{label}行 {row_id} 的 {column} 列：数据库中为 {_shown(value)}，"
            f"按日志应为 {_shown(expected)}"
        )
    return Difference(table, row_id, column, problem)


def _unhashed(connection: sqlite3.Connection, scope: _Scope) -> list[Difference]:
    """Revisions whose text does not give their content hash, and review actions and
    publications that do not carry the content hash of the revision they name."""
    found = []
    row = connection.execute(
        "SELECT t.id FROM live.revisions AS t"
        f" WHERE {scope.where('revisions')}"
        " AND desk_content_hash(t.title, t.body_html, t.attributes) IS NOT t.content_hash"
        " ORDER BY t.id LIMIT 1",
        scope.parameters("revisions"),
    ).fetchone()
    if row:
        found.append(
            Difference(
                "revisions",
                row[0],
                "content_hash",
                f"revisions（版本）表行 {row[0]}：标题、正文或属性与其内容哈希不符，文本被改动过",
            )
        )
    for table in ("review_actions", "publications"):
        row = connection.execute(
            f"SELECT t.id FROM live.{table} AS t JOIN live.revisions AS r ON r.id = t.revision_id"
            f" WHERE {scope.where(table)} AND t.content_hash IS NOT r.content_hash"
            " ORDER BY t.id LIMIT 1",
            scope.parameters(table),
        ).fetchone()
        if row:
            found.append(
                Difference(
                    table,
                    row[0],
                    "content_hash",
                    f"{table}（{STATE_TABLES[table]}）表行 {row[0]}：内容哈希与其所指版本的不符",
                )
            )
    return found


def _seal(value: str | None) -> str | None:
    return audit.seal(value) if isinstance(value, str) else None


def _content_hash(title: object, body_html: object, attributes: object) -> str | None:
    """``content_hash`` of a revision row as stored; None for values no revision has."""
    try:
        parsed = json.loads(attributes) if isinstance(attributes, str) else None
        if not isinstance(title, str) or not isinstance(body_html, str):
            return None
        return content_hash(title, body_html, parsed or None)
    except (ValueError, TypeError, AttributeError):
        return None


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    if len(text) > _SHOWN_CHARACTERS:
        text = text[:_SHOWN_CHARACTERS] + "…"
    return f"“{text}”"
