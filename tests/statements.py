"""Counting the SQL statements a query runs: a list must cost the same few statements
whether the desk holds ten drafts or thirty thousand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def counted(store) -> Iterator[list[str]]:
    """The statements run on ``store`` inside the block."""
    run: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        run.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield run
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
