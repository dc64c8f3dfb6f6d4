"""Alembic environment for the local store: always given a connection, never an .ini.

``desk.store.open_store`` runs the migrations inside its own write transaction and hands
that connection over in ``config.attributes["connection"]``; so does
``python -m desk.store.migrations`` when it writes a new revision.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import TypeDecorator

from desk.store.models import Base


def render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Write our column types as the plain types they store, so revisions stand alone."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "Desk's migrations run through desk.store.open_store or `python -m desk.store.migrations`"
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite changes most columns and constraints by copying the table
    render_item=render_item,
)
with context.begin_transaction():  # a no-op: the caller's transaction covers every step
    context.run_migrations()
