"""The local store: SQLite (WAL) under Alembic migrations, written only by domain commands.

Plain Python, no Qt. ``open_store(path)`` opens it; ``desk.review.commands.apply``
changes it; ``desk.review.drafts`` reads it.
"""

from desk.store.database import BUSY_TIMEOUT, DATABASE_NAME, Store, open_store
from desk.store.errors import StoreError, StoreLocked, StoreUnavailable

__all__ = [
    "BUSY_TIMEOUT",
    "DATABASE_NAME",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoreUnavailable",
    "open_store",
]
