"""Migration 0003: recovery snapshots written before it get the author who typed them."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import create_engine

from desk.review.commands import new_id
from desk.review.drafts import pending_recovery
from desk.store import DATABASE_NAME, open_store
from desk.store.migrations import alembic_config


def test_old_snapshots_go_to_whoever_was_signed_in_else_the_drafts_creator(tmp_path):
    path = tmp_path / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    before_login, typed_by_li, of_zhangs_draft = new_id(), new_id(), new_id()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        sql = connection.exec_driver_sql
        revision_id = new_id()
        sql(
            "INSERT INTO drafts (id, status, current_revision_id, created_at, created_by,"
            " updated_at, major) VALUES (?, 'draft', ?, '2026-03-01 07:00:00.000000', '张三',"
            " '2026-03-01 07:00:00.000000', 0)",
            (str(of_zhangs_draft), str(revision_id)),
        )
        sql(
            "INSERT INTO revisions (id, draft_id, number, title, body_html, body_text,"
            " content_hash, created_at, author, reason, attributes, stage) VALUES (?, ?, 1, '通知',"
            " '<p>旧</p>', '旧', 'x', '2026-03-01 07:00:00.000000', '张三', 'save', '{}', 'draft')",
            (str(revision_id), str(of_zhangs_draft)),
        )
        for seq, (login, succeeded, at) in enumerate(
            [("李四", True, "08:00"), ("王五", False, "08:30")], start=1
        ):
            payload = {"command": "RecordLogin", "succeeded": succeeded}
            sql(
                "INSERT INTO applied_commands (id, seq, name, actor, applied_at, payload,"
                " prev_hash, entry_hash) VALUES (?, ?, 'RecordLogin', ?, ?, ?, '', '')",
                (str(new_id()), seq, login, f"2026-03-01 {at}:00.000000", json.dumps(payload)),
            )
        for draft_id, at in (
            (before_login, "07:30"),  # nobody had signed in yet: nobody's
            (typed_by_li, "09:00"),  # 李四 signed in at 08:00 (王五 only failed to)
            (of_zhangs_draft, "07:30"),  # before any login: the draft's creator
        ):
            sql(
                "INSERT INTO recoveries (draft_id, title, body_html, saved_at)"
                " VALUES (?, '未保存', '<p>新</p>', ?)",
                (str(draft_id), f"2026-03-01 {at}:00.000000"),
            )
    engine.dispose()
    with open_store(path) as store:
        assert [s.draft_id for s in pending_recovery(store, "李四")] == [typed_by_li]
        assert [s.draft_id for s in pending_recovery(store, "张三")] == [of_zhangs_draft]
        assert pending_recovery(store, "王五") == []
        with store.read() as session:
            authors = session.connection().exec_driver_sql(
                "SELECT draft_id, author FROM recoveries ORDER BY saved_at, draft_id"
            )
            assert dict(authors.all())[str(before_login)] == ""
