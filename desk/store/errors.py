"""What can go wrong with the local store, as exceptions with messages a user can act on.

``StoreError`` is the base; its ``str()`` is a Chinese sentence that says what happened
and what to do, fit to show as is. ``reason`` is a stable code for the UI to branch on.
The original database error is chained as ``__cause__`` for the log.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

# SQLite primary result codes (extended codes carry these in their low byte).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
SQLITE_READONLY = 8
_SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_SEE_DATA_DIR = (
    "请检查文件夹权限，或用 --data-dir 或环境变量 DESK_DATA_DIR 指定一个可写的数据目录。"
)


class StoreError(Exception):
    """The store could not do what was asked; ``str(error)`` tells the user why."""

    reason = "error"

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class StoreLocked(StoreError):
    """Another program held the database longer than the busy timeout."""

    reason = "locked"


class StoreUnavailable(StoreError):
    """The database can't be opened, created or written (``reason`` says why)."""

    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(message, path)
        self.reason = reason


def locked(path: Path, timeout: float) -> StoreLocked:
    return StoreLocked(
        f"数据库 {path} 正被另一个程序使用，等待 {timeout:g} 秒后仍被锁定。"
        "请关闭其他正在运行的 Desk 审校台后重试。",
        path,
    )


def read_only(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"无法打开或写入数据库 {path}：没有权限，或该位置只读。{_SEE_DATA_DIR}", path, "read-only"
    )


def not_a_database(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"文件 {path} 不是 Desk 审校台的数据库，或已经损坏，无法打开。"
        "请从备份恢复该文件；或把它移到别处后重新启动，程序会新建一个空的数据库。",
        path,
        "not-a-database",
    )


_HOW_TO_RESTORE = (
    "请关闭所有 Desk 审校台，把数据目录中的 desk.db（连同 desk.db-wal、desk.db-shm，如有）"
    "移到别处保存，再把最近的备份复制为 desk.db；没有备份时，请技术人员用 SQLite 的"
    " .recover 命令从移走的文件中抢救数据。"
)


def damaged(path: Path, problem: str) -> StoreUnavailable:
    """The database's own integrity check failed: nothing more is written into it."""
    return StoreUnavailable(
        f"数据库 {path} 已损坏（{problem}）。为免损坏扩大，Desk 审校台不会再写入或读取它。"
        + _HOW_TO_RESTORE,
        path,
        "damaged",
    )


def missing(path: Path) -> StoreUnavailable:
    """No database where a read-only folder should hold one."""
    return StoreUnavailable(
        f"数据目录 {path.parent} 中没有数据库 {path.name}，而该目录只读，无法新建。"
        "请用 --data-dir 指向含有 desk.db 的数据目录。",
        path,
        "missing",
    )


def needs_upgrade(path: Path, revision: str | None) -> StoreUnavailable:
    """An older schema where the folder is read-only, so it can't be migrated."""
    return StoreUnavailable(
        f"数据库 {path} 由旧版 Desk 审校台写入（数据库结构版本 {revision or '无'}），"
        "须先升级才能读取，而它所在的位置只读。请把整个数据目录复制到可写的位置，"
        "再用 --data-dir 指向该副本。",
        path,
        "needs-upgrade",
    )


def unread_journal(path: Path) -> StoreUnavailable:
    """A write-ahead log that can't be read where nothing may be written."""
    return StoreUnavailable(
        f"数据库 {path} 还有未合并的预写日志（{path.name}-wal），在只读的位置上无法读取。"
        "请把整个数据目录复制到可写的位置，再用 --data-dir 指向该副本。",
        path,
        "read-only",
    )


def disk_full(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"磁盘空间不足，无法写入数据库 {path}。请清理磁盘空间后重试。", path, "disk-full"
    )


def newer_schema(path: Path, revision: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"数据库 {path} 由更新版本的 Desk 审校台写入（数据库结构版本 {revision}），"
        "当前版本无法使用。请升级 Desk 审校台。",
        path,
        "newer-schema",
    )


def io_error(path: Path, detail: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"读写数据库 {path} 时出错（{detail}）。请检查磁盘和文件后重试。{_SEE_DATA_DIR}",
        path,
        "io",
    )


def from_sqlite(error: sqlite3.Error, path: Path, timeout: float) -> StoreError | None:
    """The StoreError for an SQLite error, or None when it is not about the store's file
    (a constraint or SQL error is a bug and is left to propagate)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return locked(path, timeout)
    if code in (_SQLITE_NOTADB, SQLITE_CORRUPT):
        return not_a_database(path)
    if code == _SQLITE_FULL:
        return disk_full(path)
    if code in (_SQLITE_PERM, SQLITE_READONLY, _SQLITE_CANTOPEN):
        return read_only(path)
    if code == _SQLITE_IOERR:
        return io_error(path, str(error))
    return None


def from_os_error(error: OSError, path: Path) -> StoreUnavailable:
    """For the file system work around the database (creating its folder)."""
    if error.errno == errno.ENOSPC:
        return disk_full(path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return read_only(path)
    return io_error(path, error.strerror or str(error))
