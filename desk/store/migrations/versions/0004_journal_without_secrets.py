"""The journal keeps no password verifier and records what the domain judged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Written by hand. Until now every CreateAccount and SetPassword entry held the account's
argon2 verifier, so every copy of the database kept old passwords open to guessing; and
an approval's re-check (desk.review.recheck) was recorded in its review action only, not
in the log, so replaying the log could not rebuild it. This migration:

* adds ``recorded`` (what the domain judged, replayed as given) and ``version`` (the
  entry format: 1 before, 2 from now on) to the journal;
* indexes the review actions and publications by draft, which every step and its replay
  look up (without, a replay of 10,000 drafts slows down with every draft);
* seals the verifier in each old entry (``desk.store.audit.seal``: its SHA-256, which
  proves which verifier was set and helps no one guess the password);
* records, for each old Submit and Approve whose review action holds another check than
  the one the command reported, that check (``{"check": …}``), as judged then;
* appends a note (``audit.AMEND``), chained to the old head, that names the old head,
  whether the old chain held, and the digest of every entry it amended. The amended
  entries keep their stored hashes, so heads printed before still anchor the log.

The downgrade drops the two columns; the verifiers stay sealed (they are gone).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from desk.store.audit import (
    AMEND,
    VERSION,
    Chain,
    Entry,
    amended_digest,
    entry_hash,
    fields,
    seal,
)

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTOR = "migration:0004"
# The commands that carried a secret in this version, and its fields.
SECRETS = {"CreateAccount": ("password_hash",), "SetPassword": ("password_hash",)}
# The commands whose review action records the check the domain judged on.
CHECKED = ("Submit", "Approve")
_BATCH = 500
_COLUMNS = (
    "seq, id, name, actor, applied_at, payload, result_id, content_hash, prev_hash, entry_hash"
)
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how the store writes a timestamp (naive UTC)


def upgrade() -> None:
    with op.batch_alter_table("applied_commands", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for table in ("review_actions", "publications"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_draft_id"), ["draft_id"], unique=False)
    connection = op.get_bind()
    chain = Chain()
    amended: dict[str, str] = {}
    last = 0
    while rows := connection.exec_driver_sql(
        f"SELECT {_COLUMNS} FROM applied_commands WHERE seq > ? ORDER BY seq LIMIT ?",
        (last, _BATCH),
    ).all():
        for row in rows:
            entry = _entry(row)
            if chain.broken is None:  # the first break is what the note records
                chain.check(entry)
            amendment = _amended(connection, entry)
            if amendment is not None:
                payload, recorded = amendment
                connection.exec_driver_sql(
                    "UPDATE applied_commands SET payload = ?, recorded = ? WHERE seq = ?",
                    (json.dumps(payload), json.dumps(recorded) if recorded else None, entry.seq),
                )
                changed = Entry(**{**fields(entry), "payload": payload, "recorded": recorded})
                amended[str(entry.seq)] = amended_digest(changed)
        last = rows[-1][0]
    if last:
        _note(connection, chain, last, amended)


def _entry(row: Any) -> Entry:
    seq, id_, name, actor, applied_at, payload, result_id, content_hash, prev, digest = row
    return Entry(
        seq=seq,
        id=uuid.UUID(id_),
        name=name,
        actor=actor,
        applied_at=datetime.fromisoformat(str(applied_at)).replace(tzinfo=UTC),
        payload=json.loads(payload),
        result_id=uuid.UUID(result_id) if result_id else None,
        content_hash=content_hash,
        prev_hash=prev,
        entry_hash=digest,
    )


def _amended(
    connection: sa.Connection, entry: Entry
) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The entry's new payload and recorded judgement, or None if it stays as it is."""
    payload = dict(entry.payload)
    for field in SECRETS.get(entry.name, ()):
        value = payload.get(field)
        if isinstance(value, str):
            payload[field] = seal(value)
    recorded = None
    if entry.name in CHECKED:
        stored = connection.exec_driver_sql(
            'SELECT "check" FROM review_actions WHERE id = ?', (str(entry.id),)
        ).scalar_one_or_none()
        check = json.loads(stored) if stored is not None else None
        if check is not None and check != payload.get("check"):
            recorded = {"check": check}
    if payload == entry.payload and recorded is None:
        return None
    return payload, recorded


def _note(connection: sa.Connection, chain: Chain, last: int, amended: dict[str, str]) -> None:
    """Append the note: the old head, whether the old chain held, what was amended."""
    broken = chain.broken
    head = connection.exec_driver_sql(
        "SELECT entry_hash FROM applied_commands WHERE seq = ?", (last,)
    ).scalar_one()
    payload = {
        "command": AMEND,
        "migration": revision,
        "reason": "密码验证值移出审计日志（改记其 SHA-256 封存值）；补记当时复查所依据的检查结果",
        "old_entries": last,
        "old_head": head,
        "broken_before": {"seq": broken.seq, "problem": chain.problem} if broken else None,
        "amended": amended,
    }
    entry = {
        "seq": last + 1,
        "id": uuid.uuid4(),
        "name": AMEND,
        "actor": ACTOR,
        "applied_at": datetime.now(UTC),
        "payload": payload,
        "result_id": None,
        "content_hash": None,
        "prev_hash": head,
        "recorded": None,
        "version": VERSION,
    }
    connection.exec_driver_sql(
        "INSERT INTO applied_commands (id, seq, name, actor, applied_at, payload, result_id,"
        " content_hash, prev_hash, entry_hash, recorded, version)"
        " VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?)",
        (
            str(entry["id"]),
            entry["seq"],
            AMEND,
            ACTOR,
            entry["applied_at"].replace(tzinfo=None).strftime(_TIME_FORMAT),
            json.dumps(payload),
            head,
            entry_hash(**entry),
            VERSION,
        ),
    )


def downgrade() -> None:
    for table in ("review_actions", "publications"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_draft_id"))
    with op.batch_alter_table("applied_commands", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("recorded")
