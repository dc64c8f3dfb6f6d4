"""open_store: schema from migrations, WAL, reopening, and clear errors for bad databases."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, exc, inspect, text

from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.drafts import list_drafts, load_draft, revisions
from desk.store import StoreLocked, StoreUnavailable, migrations, open_store
from desk.store.models import Base

TABLES = {
    "drafts",
    "revisions",
    "ignored_findings",
    "applied_commands",
    "recoveries",
    "units",
    "accounts",
    "delegations",
    "review_actions",
    "publications",
}


def create_draft(store, title="关于开展政务公开专项检查的通知", body="正文"):
    draft_id = new_id()
    apply(store, CreateDraft(new_id(), "张三", draft_id, title, f"<p>{body}</p>", body))
    return draft_id


# --- schema and migrations -------------------------------------------------------------


def test_migrations_create_the_schema_from_empty(db_path):
    assert not db_path.exists()
    with open_store(db_path) as store, store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES | {"alembic_version"}
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == migrations.SCHEMA_REVISION


def test_migrated_schema_matches_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_schema_revision_is_the_head_of_the_migrations():
    assert migrations.head_revision() == migrations.SCHEMA_REVISION


def test_wal_and_the_other_pragmas_are_on(store):
    with store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 300
    raw = sqlite3.connect(store.path)
    assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # stored in the file
    raw.close()


def test_reopening_keeps_the_data_and_skips_alembic(db_path, monkeypatch):
    with open_store(db_path) as store:
        draft_id = create_draft(store, title="第一次")

    def no_migration(connection):
        raise AssertionError("a store at the current schema was migrated again")

    monkeypatch.setattr(migrations, "upgrade", no_migration)
    with open_store(db_path) as store:
        assert load_draft(store, draft_id).title == "第一次"
        assert [d.id for d in list_drafts(store)] == [draft_id]


def test_a_database_from_a_newer_desk_is_refused(db_path):
    with open_store(db_path) as store:
        draft_id = create_draft(store)
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num = 'ffff'")
    raw.commit()
    raw.close()
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path)
    assert raised.value.reason == "newer-schema"
    assert "升级" in str(raised.value)
    raw = sqlite3.connect(db_path)  # and left as it was
    assert raw.execute("SELECT id FROM drafts").fetchall() == [(str(draft_id),)]
    raw.close()


def test_keys_are_uuids_stored_as_36_character_text(store):
    draft_id = create_draft(store)
    raw = sqlite3.connect(store.path)
    row = raw.execute("SELECT id, current_revision_id FROM drafts").fetchone()
    raw.close()
    assert row[0] == str(draft_id)
    assert len(row[0]) == len(row[1]) == 36
    assert uuid.UUID(row[1]).version == 4


def test_timestamps_are_stored_in_utc_and_read_back_aware(db_path):
    beijing = timezone(timedelta(hours=8))
    with open_store(db_path, clock=lambda: datetime(2026, 3, 1, 9, 30, tzinfo=beijing)) as store:
        draft_id = create_draft(store)
        (revision,) = revisions(store, draft_id)
    assert revision.created_at == datetime(2026, 3, 1, 1, 30, tzinfo=UTC)
    assert revision.created_at.tzinfo is UTC
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT created_at FROM revisions").fetchone() == (
        "2026-03-01 01:30:00.000000",
    )
    raw.close()


def test_naive_timestamps_are_refused(db_path):
    with open_store(db_path, clock=lambda: datetime(2026, 3, 1, 9, 30)) as store:
        with pytest.raises(exc.StatementError, match="timezone-aware"):
            create_draft(store)
        assert list_drafts(store) == []


# --- locking ---------------------------------------------------------------------------


def test_a_write_lock_held_elsewhere_gives_store_locked_within_the_busy_timeout(store):
    draft_id = create_draft(store)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreLocked) as raised:
            apply(store, SaveRevision(new_id(), "张三", draft_id, "新标题", "<p>x</p>", "x"))
        waited = time.monotonic() - started
        assert 0.25 <= waited < 0.3 + 2
        assert raised.value.reason == "locked"
        assert str(store.path) in str(raised.value)
        assert "另一个程序" in str(raised.value)
        # WAL: reading goes on while another program writes
        assert [d.title for d in list_drafts(store)] == ["关于开展政务公开专项检查的通知"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    apply(store, SaveRevision(new_id(), "张三", draft_id, "新标题", "<p>x</p>", "x"))
    assert load_draft(store, draft_id).title == "新标题"


def test_opening_a_database_another_program_holds_exclusively_gives_store_locked(db_path):
    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreLocked):
            open_store(db_path, busy_timeout=0.3)
        assert time.monotonic() - started < 0.3 + 2
    finally:
        holder.close()
    open_store(db_path).close()


def test_two_programs_saving_at_once_wait_for_each_other(db_path):
    with open_store(db_path) as first:
        draft_id = create_draft(first)
    stores = [open_store(db_path), open_store(db_path)]
    failures = []

    def save_many(store, program):  # the drafter, in two windows
        try:
            for i in range(25):
                title = f"{program}{i}"
                apply(store, SaveRevision(new_id(), "张三", draft_id, title, f"<p>{i}</p>", ""))
        except Exception as error:  # collected for the assertion below
            failures.append(error)

    threads = [
        threading.Thread(target=save_many, args=(store, program))
        for store, program in zip(stores, "甲乙", strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert failures == []
    with open_store(db_path) as store:
        assert [r.number for r in revisions(store, draft_id)] == list(range(1, 52))


# --- files that are not (usable) databases ---------------------------------------------


def test_a_file_that_is_not_a_database_gives_store_unavailable_and_is_left_alone(db_path):
    db_path.parent.mkdir()
    content = "这不是数据库，是一份文稿。\n".encode() * 100
    db_path.write_bytes(content)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path)
    assert raised.value.reason == "not-a-database"
    assert str(db_path) in str(raised.value) and "备份" in str(raised.value)
    assert db_path.read_bytes() == content


def test_another_programs_database_is_not_taken_over(db_path):
    db_path.parent.mkdir()
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.commit()
    raw.close()
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path)
    assert raised.value.reason == "not-a-database"
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]
    raw.close()


def test_a_folder_that_cannot_be_created_gives_store_unavailable(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreUnavailable) as raised:
        open_store(tmp_path / "a-file" / "data" / "desk.db")
    assert "--data-dir" in str(raised.value)


def test_a_full_disk_gives_store_unavailable(store):
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def small_disk(dbapi_connection, record):
        dbapi_connection.execute("PRAGMA max_page_count = 40")  # about 160 KB

    with pytest.raises(StoreUnavailable) as raised:
        create_draft(store, body="审" * 200_000)
    assert raised.value.reason == "disk-full"
    assert "磁盘空间不足" in str(raised.value)
    assert list_drafts(store) == []


READ_ONLY_CHILD = textwrap.dedent(
    """
    import sys
    from desk.store import StoreUnavailable, open_store
    try:
        open_store(sys.argv[1]).close()
    except StoreUnavailable as error:
        print(error.reason)
        print(error)
    else:
        print("opened")
    """
)


def run_without_root_privileges(path: Path) -> subprocess.CompletedProcess:
    """Open the store in a child that file permissions apply to, even when we are root."""
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is missing")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    return subprocess.run(
        [*prefix, sys.executable, "-c", READ_ONLY_CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_a_read_only_folder_gives_store_unavailable(existing):
    folder = Path(tempfile.mkdtemp(prefix="desk-ro-"))
    try:
        path = folder / "desk.db"
        if existing:
            open_store(path).close()
            for sidecar in folder.glob("desk.db-*"):
                sidecar.unlink()
            path.chmod(0o444)
        folder.chmod(0o555)
        child = run_without_root_privileges(path)
        assert child.returncode == 0, child.stderr
        reason, message = child.stdout.splitlines()[:2]
        assert reason == "read-only"
        assert str(path) in message and "DESK_DATA_DIR" in message
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


# --- damaged stores are refused, not written into ----------------------------------------


def set_versions(db_path, *versions):
    raw = sqlite3.connect(db_path)
    raw.execute("DELETE FROM alembic_version")
    raw.executemany("INSERT INTO alembic_version VALUES (?)", [(v,) for v in versions])
    raw.commit()
    raw.close()


@pytest.mark.parametrize("versions", [(), ("0003", "0002")], ids=["no-row", "two-rows"])
def test_a_schema_version_table_without_exactly_one_row_is_reported(db_path, versions):
    open_store(db_path).close()
    set_versions(db_path, *versions)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path)
    assert raised.value.reason == "damaged"
    message = str(raised.value)
    assert f"alembic_version 应有 1 行，实有 {len(versions)} 行" in message
    assert "备份" in message and ".recover" in message


def corrupt_a_page(db_path, how: str) -> bytes:
    """Damage the revisions table's root page (an impossible page type: the check stops)
    or the file's last page (a free block inside the page header: the check lists it);
    the file's bytes after."""
    raw = sqlite3.connect(db_path)
    page_size, pages = (
        raw.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "page_count")
    )
    (root,) = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'revisions'").fetchone()
    raw.close()
    data = bytearray(db_path.read_bytes())
    if how == "page-type":
        data[(root - 1) * page_size] = 0x6B
    else:
        start = (pages - 1) * page_size
        data[start + 1 : start + 3] = b"\x00\x09"
    db_path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("how", ["page-type", "free-space"])
def test_a_store_with_a_damaged_page_is_refused_before_anything_is_written(db_path, how):
    with open_store(db_path) as store:
        for n in range(20):
            create_draft(store, body=f"第{n}份" * 500)
    damaged = corrupt_a_page(db_path, how)
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path)
    assert raised.value.reason == "damaged"
    message = str(raised.value)
    assert "已损坏（完整性检查" in message and "desk.db-wal" in message and "备份" in message
    assert db_path.read_bytes() == damaged
    with pytest.raises(StoreUnavailable, match="已损坏"):
        open_store(db_path, read_only=True)


# --- an archived copy on a read-only mount ------------------------------------------------

ARCHIVE_CHILD = textwrap.dedent(
    """
    import sys
    from desk.review.commands import CreateDraft, apply, new_id
    from desk.review.drafts import list_drafts
    from desk.store import StoreUnavailable, open_store
    with open_store(sys.argv[1], read_only=True) as store:
        print(len(list_drafts(store)))
        try:
            apply(store, CreateDraft(new_id(), "张三", new_id(), "标题", "<p>正文</p>", "正文"))
        except StoreUnavailable as error:
            print(error.reason)
    """
)


def without_root_privileges(*command) -> subprocess.CompletedProcess:
    """Run a child that file permissions apply to, even when we are root."""
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is missing")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    return subprocess.run(
        [*prefix, *command], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def archive():
    """A data folder with a store of three drafts, made read-only like an archived copy."""
    folder = Path(tempfile.mkdtemp(prefix="desk-archive-"))
    with open_store(folder / "desk.db") as store:
        for _ in range(3):
            create_draft(store)
    assert sorted(p.name for p in folder.iterdir()) == ["desk.db"]  # the WAL was merged
    (folder / "desk.db").chmod(0o444)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_archived_store_is_read_and_refuses_writes(archive):
    child = without_root_privileges(sys.executable, "-c", ARCHIVE_CHILD, str(archive / "desk.db"))
    assert child.stdout.split() == ["3", "read-only"], child.stderr
    assert sorted(p.name for p in archive.iterdir()) == ["desk.db"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_audit_log_of_an_archived_store_can_be_verified(archive):
    child = without_root_privileges(
        sys.executable, "-m", "desk", "--data-dir", str(archive), "audit", "verify"
    )
    assert child.returncode == 0, child.stderr
    assert "审计日志完整" in child.stdout


def test_a_store_opened_read_only_must_exist_and_be_current(tmp_path, db_path):
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path, read_only=True)
    assert raised.value.reason == "missing" and not db_path.parent.exists()
    open_store(db_path).close()
    set_versions(db_path, "0002")
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path, read_only=True)
    assert raised.value.reason == "needs-upgrade" and "复制到可写的位置" in str(raised.value)
    set_versions(db_path, "9999")
    with pytest.raises(StoreUnavailable) as raised:
        open_store(db_path, read_only=True)
    assert raised.value.reason == "newer-schema"


def test_the_commands_report_a_damaged_store_without_a_traceback(db_path, capsys):
    from desk.cli import main

    open_store(db_path).close()
    set_versions(db_path)
    assert main(["--data-dir", str(db_path.parent), "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "alembic_version 应有 1 行，实有 0 行" in err and "Traceback" not in err
