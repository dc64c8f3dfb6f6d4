"""Opening the local store: SQLite in WAL mode, migrated to the current schema.

``open_store(path)`` gives a ``Store``; ``Store.session()`` is one write transaction
(what the domain commands run in) and ``Store.read()`` one read transaction (what the
queries run in). Every database failure leaves here as a ``StoreError`` with a message a
user can act on (see ``desk.store.errors``); nothing else of SQLite or SQLAlchemy needs
catching by the caller.

Transactions are begun explicitly (the sqlite3 module's own implicit transactions are
off): writes with ``BEGIN IMMEDIATE``, so two programs writing at once queue up on the
busy timeout instead of failing on a stale snapshot; reads with a plain ``BEGIN``, which
in WAL mode never waits for a writer.

Every open runs SQLite's ``PRAGMA quick_check`` first: a store with a damaged page is
refused, with the way to restore it, before anything is written into it (a write would
spread the damage). ``open_store(read_only=True)`` opens an archived copy where nothing
may be written (a read-only mount): nothing is created or migrated, and every write
fails.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session

from desk.store import errors
from desk.store.migrations import SCHEMA_REVISION

if TYPE_CHECKING:
    from desk.review.recheck import DraftChecker

DATABASE_NAME = "desk.db"  # the file's name in the data folder
BUSY_TIMEOUT = 2.0  # seconds to wait for another program's write lock

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def fold(text: str | None) -> str | None:
    """The form search compares: the check's folds that need no confirming
    (desk.lexicon.normalize.search_key: 繁→简, full-width → half-width, case, compatibility
    letters, spaces and interference characters dropped), so a search for 百家乐 finds
    百*家*乐, 百 家 乐 and 百家樂 as the check does.

    Registered on every connection as the SQL function ``desk_fold``.
    """
    if text is None:
        return None
    from desk.lexicon.normalize import search_key  # numpy and OpenCC: only once searched

    return search_key(text)


class Store:
    """An open local store. Use ``session()`` to write and ``read()`` to read.

    ``checker``: when set, the workflow commands re-run the check on the stored text
    instead of trusting the check the client reports (desk.review.recheck). It lives
    here, with the store the commands are applied to, so that no caller of ``apply``
    has to pass it and no global holds it; the GUI sets it once its lexicon has loaded.
    None (CLI scripts, tests) keeps the reported check.
    """

    def __init__(self, engine: Engine, path: Path, busy_timeout: float, clock: Clock) -> None:
        self.engine = engine
        self.path = path
        self.busy_timeout = busy_timeout
        self.clock = clock  # the time commands stamp rows with (UTC, aware)
        self.checker: DraftChecker | None = None
        self._writer = engine.execution_options(desk_begin="IMMEDIATE")

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with (
            self.translate_errors(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """One read transaction, a consistent snapshot; nothing is written."""
        with self.translate_errors(), Session(self.engine) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def translate_errors(self) -> Iterator[None]:
        """Turn database failures into StoreLocked / StoreUnavailable."""
        try:
            yield
        except exc.DBAPIError as error:
            translated = (
                errors.from_sqlite(error.orig, self.path, self.busy_timeout)
                if isinstance(error.orig, sqlite3.Error)
                else None
            )
            if translated is None:
                raise
            raise translated from error

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_store(
    path: Path | str,
    *,
    busy_timeout: float = BUSY_TIMEOUT,
    clock: Clock = utc_now,
    read_only: bool = False,
) -> Store:
    """Open (creating if need be) the store at ``path`` and migrate it to the current schema;
    with ``read_only``, open an existing store at the current schema for reading only.

    Raises StoreLocked when another program holds the database past ``busy_timeout``
    seconds, StoreUnavailable when it can't be opened or created (no permission, read-only
    location, disk full, not a database, damaged, written by a newer Desk; read-only: no
    database there, or one that needs upgrading).
    """
    path = Path(path).absolute()
    if read_only:
        if not path.is_file():
            raise errors.missing(path)
        engine = _read_only_engine(path, busy_timeout)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise errors.from_os_error(error, path) from error
        engine = _engine(path, busy_timeout)
    store = Store(engine, path, busy_timeout, clock)
    try:
        with store.translate_errors():
            _check_integrity(store)
            if read_only:
                _check_revision(store)
            else:
                _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _engine(path: Path, busy_timeout: float) -> Engine:
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"timeout": busy_timeout, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _read_only_engine(path: Path, busy_timeout: float) -> Engine:
    """Connections that can't write. Reading a WAL database takes its shared-memory index
    (``-shm``), which a read-only folder may not let SQLite create; then, if no journal
    is left to merge, the file is opened as immutable (it can't change: nobody can write
    there), else the store can't be read in place."""

    def connect() -> sqlite3.Connection:
        uri = f"{path.as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            connection.close()
            if (getattr(error, "sqlite_errorcode", 0) & 0xFF) != errors.SQLITE_READONLY:
                raise
            if _journal_left(path):
                raise errors.unread_journal(path) from error
            connection = sqlite3.connect(
                f"{uri}&immutable=1", uri=True, timeout=busy_timeout, check_same_thread=False
            )
        return connection

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def _journal_left(path: Path) -> bool:
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    _run_pragmas(
        dbapi_connection,
        # busy_timeout is set by sqlite3.connect(timeout=…) before any of these run.
        "journal_mode=WAL",
        "synchronous=NORMAL",  # durable across a crash of Desk
        "foreign_keys=ON",
    )


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    _run_pragmas(dbapi_connection, "query_only=ON")  # belt and braces: mode=ro refuses too


def _run_pragmas(dbapi_connection: sqlite3.Connection, *pragmas: str) -> None:
    dbapi_connection.isolation_level = None  # no implicit transactions: _on_begin begins them
    dbapi_connection.create_function("desk_fold", 1, fold, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("desk_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _check_integrity(store: Store) -> None:
    """StoreUnavailable (damaged) unless SQLite's quick_check finds the file sound."""
    try:
        with store.engine.connect() as connection:
            problems = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    except exc.DatabaseError as error:  # a page so broken the check itself stops
        code = getattr(error.orig, "sqlite_errorcode", 0) & 0xFF
        if code != errors.SQLITE_CORRUPT:
            raise
        raise errors.damaged(store.path, f"完整性检查无法完成：{error.orig}") from error
    if problems != ["ok"]:
        lines = [line for problem in problems for line in str(problem).splitlines()]
        found = "；".join(line for line in lines if not line.startswith("***")) or "检查没有结果"
        found = found if len(found) <= 200 else found[:199] + "…"
        raise errors.damaged(store.path, f"完整性检查发现：{found}")


def _check_revision(store: Store) -> None:
    """For a read-only store: its schema must be the current one, as nothing can migrate it."""
    with store.engine.connect() as connection:
        current = _revision(connection, store.path)
    if current == SCHEMA_REVISION:
        return
    from desk.store import migrations

    if current is not None and not migrations.is_known(current):
        raise errors.newer_schema(store.path, current)
    raise errors.needs_upgrade(store.path, current)


def _migrate(store: Store) -> None:
    """Bring the schema to SCHEMA_REVISION; the common case, already there, is one query."""
    with store.engine.connect() as connection:
        if _revision(connection, store.path) == SCHEMA_REVISION:
            return
    from desk.store import migrations

    with store.engine.execution_options(desk_begin="IMMEDIATE").begin() as connection:
        current = _revision(connection, store.path)  # again: another program may have migrated
        if current is not None and not migrations.is_known(current):
            raise errors.newer_schema(store.path, current)
        migrations.upgrade(connection)


def _revision(connection: Connection, path: Path) -> str | None:
    """The schema revision stamped in the database; None for an empty database."""
    tables = set(
        connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
    )
    if "alembic_version" not in tables:
        if tables:  # some other program's database
            raise errors.not_a_database(path)
        return None
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) != 1:
        raise errors.damaged(
            path, f"数据库结构版本表 alembic_version 应有 1 行，实有 {len(versions)} 行"
        )
    return versions[0]
