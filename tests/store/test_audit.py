"""The journal is a hash chain: every command is in it, and tampering is found."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk.cli import main
from desk.review.commands import CreateDraft, IgnoreFinding, SaveRevision, apply, new_id
from desk.store import DATABASE_NAME, open_store
from desk.store.audit import AMEND, GENESIS, read_entries, verify
from desk.store.migrations import alembic_config


@pytest.fixture
def journal(tmp_path):
    """A store with three journaled commands; its path."""
    path = tmp_path / DATABASE_NAME
    with open_store(path) as store:
        draft_id = new_id()
        apply(store, CreateDraft(new_id(), "张三", draft_id, "通知", "<p>正文</p>", "正文"))
        apply(store, SaveRevision(new_id(), "张三", draft_id, "通知", "<p>正文二</p>", "正文二"))
        apply(
            store,
            IgnoreFinding(
                new_id(), "张三", draft_id, "lexicon.term", "body", 0, 2, "正文", None, "原文引用"
            ),
        )
    return path


def entries(path):
    with open_store(path) as store:
        return read_entries(store)


def tamper(path, sql, *params):
    connection = sqlite3.connect(path)
    connection.execute(sql, params)
    connection.commit()
    connection.close()


def test_every_command_is_chained_in_order(journal):
    log = entries(journal)
    assert [e.name for e in log] == ["CreateDraft", "SaveRevision", "IgnoreFinding"]
    assert [e.seq for e in log] == [1, 2, 3]
    assert log[0].prev_hash == GENESIS and log[1].prev_hash == log[0].entry_hash
    assert all(e.content_hash and len(e.content_hash) == 64 for e in log)
    assert log[0].content_hash != log[1].content_hash  # the text changed
    verdict = verify(log)
    assert verdict.ok and verdict.entries == 3 and verdict.head == log[-1].entry_hash


def test_a_replayed_command_is_not_logged_twice(tmp_path):
    with open_store(tmp_path / DATABASE_NAME) as store:
        create = CreateDraft(new_id(), "张三", new_id(), "通知", "<p>正文</p>", "正文")
        apply(store, create)
        apply(store, create)
        assert len(read_entries(store)) == 1


def test_an_edited_entry_is_named(journal):
    tamper(journal, "UPDATE applied_commands SET actor = '王五' WHERE seq = 2")
    verdict = verify(entries(journal))
    assert not verdict.ok and verdict.broken_seq == 2 and "修改" in verdict.problem


def test_a_deleted_entry_is_found(journal):
    tamper(journal, "DELETE FROM applied_commands WHERE seq = 2")
    verdict = verify(entries(journal))
    assert not verdict.ok and verdict.broken_seq == 3 and "删除" in verdict.problem


def test_a_deleted_last_entry_changes_the_head(journal):
    head = verify(entries(journal)).head
    tamper(journal, "DELETE FROM applied_commands WHERE seq = 3")
    verdict = verify(entries(journal))
    assert verdict.ok and verdict.head != head  # only an anchored head can tell


def test_reordered_entries_are_found(journal):
    tamper(journal, "UPDATE applied_commands SET seq = 99 WHERE seq = 1")
    tamper(journal, "UPDATE applied_commands SET seq = 1 WHERE seq = 2")
    tamper(journal, "UPDATE applied_commands SET seq = 2 WHERE seq = 99")
    verdict = verify(entries(journal))
    assert not verdict.ok and verdict.broken_seq == 1


def test_desk_audit_verify_exit_codes(journal, capsys):
    assert main(["--data-dir", str(journal.parent), "audit", "verify"]) == 0
    assert "共 3 条" in capsys.readouterr().out
    tamper(journal, "UPDATE applied_commands SET payload = '{}' WHERE seq = 1")
    assert main(["--data-dir", str(journal.parent), "audit", "verify"]) == 1
    assert "第 1 条" in capsys.readouterr().err


def test_desk_audit_verify_on_a_broken_database(tmp_path):
    (tmp_path / DATABASE_NAME).write_bytes(b"not a database at all" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "desk", "--data-dir", str(tmp_path), "audit", "verify"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "不是 Desk 审校台的数据库" in done.stderr


def test_the_migration_chains_a_journal_written_before_it(tmp_path):
    path = tmp_path / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        for index in range(3):
            connection.exec_driver_sql(
                "INSERT INTO applied_commands (id, name, actor, applied_at, payload, result_id)"
                " VALUES (?, 'CreateDraft', '张三', ?, '{\"command\": \"CreateDraft\"}', NULL)",
                (str(new_id()), f"2026-03-0{index + 1} 08:00:00.000000"),
            )
    engine.dispose()
    log = entries(path)
    assert [e.seq for e in log] == [1, 2, 3, 4]  # and migration 0004's note
    assert log[-1].name == AMEND and log[-1].prev_hash == log[2].entry_hash
    assert verify(log).ok
