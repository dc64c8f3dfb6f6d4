"""Migration 0004 on a store written before it (tests/data/stores/store-0003.db, made by
the code of that time): the verifiers leave the log, the re-checks it lacked are
recorded, the chain still verifies and its old heads still stand, and the tables are
what the log replays to."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from desk.cli import main
from desk.review import passwords
from desk.review.accounts import RecoverAdmin
from desk.review.commands import apply, new_id
from desk.review.directory import has_any_admin
from desk.review.login import authenticate
from desk.review.verified import verify_state
from desk.store import DATABASE_NAME, audit, open_store

OLD_STORE = Path(__file__).parents[1] / "data" / "stores" / "store-0003.db"
PASSWORD = "correct horse battery"  # liaison's in the old store


def rows(path, sql, *parameters):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


@pytest.fixture
def old(tmp_path):
    """A copy of the old store, and its journal as it was: seq → (name, hash, payload)."""
    path = tmp_path / DATABASE_NAME
    shutil.copyfile(OLD_STORE, path)
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0003",)]
    journal = {
        seq: (name, digest, json.loads(payload))
        for seq, name, digest, payload in rows(
            path, "SELECT seq, name, entry_hash, payload FROM applied_commands"
        )
    }
    return path, journal


def test_the_old_journal_held_verifiers(old):
    _path, journal = old
    holding = [seq for seq, (_name, _hash, payload) in journal.items() if "$argon2" in str(payload)]
    assert len(holding) == 9 + 2  # every CreateAccount, both SetPassword


def test_after_migration_no_verifier_is_in_the_log_and_the_tables_match_it(old, capsys):
    path, _journal = old
    with open_store(path) as store:
        verification = verify_state(store)
        assert verification.ok, verification.problems()
        assert authenticate(store, "liaison", PASSWORD).login == "liaison"  # still signs in
    payloads = rows(path, "SELECT payload, recorded FROM applied_commands")
    assert not any("$argon2" in str(row) for row in payloads)
    assert main(["--data-dir", str(path.parent), "audit", "verify"]) == 0
    assert "数据与日志一致" in capsys.readouterr().out


def test_the_old_hashes_stand_and_a_note_anchored_to_the_old_head_says_what_changed(old):
    path, journal = old
    with open_store(path) as store:
        log = audit.read_entries(store)
    last = max(journal)
    assert [(e.seq, e.entry_hash) for e in log[:last]] == [
        (seq, digest) for seq, (_name, digest, _payload) in sorted(journal.items())
    ]  # a head printed before the migration is still in the chain
    note = log[last]
    assert (note.seq, note.name, note.actor, note.version) == (
        last + 1,
        audit.AMEND,
        "migration:0004",
        audit.VERSION,
    )
    assert note.prev_hash == journal[last][1] == note.payload["old_head"]
    assert note.payload["broken_before"] is None and note.payload["old_entries"] == last
    amended = {int(seq) for seq in note.payload["amended"]}
    sealed = {
        seq for seq, (name, _h, _p) in journal.items() if name in ("CreateAccount", "SetPassword")
    }
    rechecked = {e.seq for e in log if e.recorded}
    assert amended == sealed | rechecked and len(rechecked) == 2  # the re-checked submit, 一审
    assert all(log[seq - 1].recorded["check"]["rechecked"] for seq in rechecked)
    for seq in sealed:
        verifier = journal[seq][2]["password_hash"]
        assert log[seq - 1].payload["password_hash"] == audit.seal(verifier)


def test_an_amended_entry_edited_after_the_migration_is_found(old):
    path, _journal = old
    with open_store(path) as store:
        seq = next(e.seq for e in audit.read_entries(store) if e.name == "SetPassword")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"UPDATE applied_commands SET actor = 'liaison2' WHERE seq = {seq}")
    connection.close()
    with open_store(path) as store:
        verdict = audit.verify_store(store)
    assert not verdict.ok and verdict.broken_seq == seq
    assert verdict.problem == "内容与迁移 0004 记下的摘要不符：这条记录被修改过"


def test_no_later_note_can_amend_the_log(old):
    """A note appended after entries of the current format is refused: nobody can rewrite
    old entries by writing a note of their own."""
    path, _journal = old
    with open_store(path) as store:
        log = audit.read_entries(store)
        store_id = store.path
    first = log[0]
    forged = audit.Entry(**{**audit.fields(first), "actor": "boss"})
    fake = {
        "seq": len(log) + 1,
        "id": uuid.uuid4(),
        "name": audit.AMEND,
        "actor": "migration:0004",
        "applied_at": first.applied_at,
        "payload": {"command": audit.AMEND, "amended": {"1": audit.amended_digest(forged)}},
        "result_id": None,
        "content_hash": None,
        "prev_hash": log[-1].entry_hash,
        "recorded": None,
        "version": audit.VERSION,
    }
    connection = sqlite3.connect(store_id)
    with connection:
        connection.execute("UPDATE applied_commands SET actor = 'boss' WHERE seq = 1")
        connection.execute(
            "INSERT INTO applied_commands (id, seq, name, actor, applied_at, payload, prev_hash,"
            " entry_hash, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(fake["id"]),
                fake["seq"],
                audit.AMEND,
                fake["actor"],
                first.applied_at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                json.dumps(fake["payload"]),
                fake["prev_hash"],
                audit.entry_hash(**fake),
                audit.VERSION,
            ),
        )
    connection.close()
    with open_store(store_id) as store:
        verdict = audit.verify_store(store)
    assert not verdict.ok and verdict.broken_seq == len(log) + 1
    assert "只能在迁移时写入一次" in verdict.problem


def test_a_chain_broken_before_the_migration_stays_broken(old):
    path, journal = old
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE applied_commands SET actor = 'x' WHERE seq = 3")  # amended
    connection.close()
    with open_store(path) as store:
        verdict = audit.verify_store(store)
    assert not verdict.ok and verdict.broken_seq == max(journal) + 1  # the note says so
    assert verdict.problem.startswith("迁移 0004 之前审计日志已在第 3 条断开：内容与其哈希不符")


def test_an_older_store_recovers_its_admin_and_still_verifies(old, fast_passwords):
    """A store from before only admins could administer: its cli: administrators and
    its accounts without an admin replay as they were accepted then, and the command
    line's RecoverAdmin, the way such a store gets an admin, is replayed too."""
    path, _journal = old
    with open_store(path) as store:
        assert not has_any_admin(store)
        hashed = passwords.hash_password("信息中心-2026", login="it-admin")
        apply(
            store,
            RecoverAdmin(
                new_id(), "cli:it", new_id(), "it-admin", "信息中心", None, ["admin"], hashed
            ),
        )
        assert has_any_admin(store)
        verification = verify_state(store)
        assert verification.ok, verification.problems()
