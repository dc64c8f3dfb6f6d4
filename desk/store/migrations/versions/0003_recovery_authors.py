"""Recovery snapshots belong to the person who typed them: one per draft and author.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Written by hand (autogenerate does not see a changed primary key): the table is copied.
A snapshot written before had no author; it is given to whoever last signed in before it
was saved (they were at the desk), else to the draft's creator, so that it is offered to
that person and not to whoever signs in next.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIGNED_IN_THEN = (
    "SELECT actor FROM applied_commands WHERE name = 'RecordLogin'"
    " AND json_extract(payload, '$.succeeded') AND applied_at <= recoveries.saved_at"
    " ORDER BY seq DESC LIMIT 1"
)
_CREATOR = "SELECT created_by FROM drafts WHERE drafts.id = recoveries.draft_id"


def _recoveries(name: str, *key: str) -> None:
    op.create_table(
        name,
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        *([sa.Column("author", sa.Text(), nullable=False)] if "author" in key else []),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name="pk_recoveries"),
    )


def upgrade() -> None:
    _recoveries("recoveries_by_author", "draft_id", "author")
    op.execute(
        "INSERT INTO recoveries_by_author (draft_id, author, title, body_html, saved_at)"
        f" SELECT draft_id, coalesce(({_SIGNED_IN_THEN}), ({_CREATOR}), ''),"
        " title, body_html, saved_at FROM recoveries"
    )
    op.drop_table("recoveries")
    op.rename_table("recoveries_by_author", "recoveries")


def downgrade() -> None:
    """Keeps each draft's newest snapshot."""
    _recoveries("recoveries_by_draft", "draft_id")
    op.execute(
        "INSERT INTO recoveries_by_draft (draft_id, title, body_html, saved_at)"
        " SELECT draft_id, title, body_html, max(saved_at) FROM recoveries GROUP BY draft_id"
    )
    op.drop_table("recoveries")
    op.rename_table("recoveries_by_draft", "recoveries")
