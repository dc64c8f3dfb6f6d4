"""Initial schema: drafts, revisions, ignored findings, the command journal, recovery.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Written by autogenerate from desk/store/models.py, then ordered and checked by hand.
UUIDs are 36-character text, timestamps naive UTC (see models.UUIDText, UTCDateTime).
``drafts.current_revision_id`` and ``revisions.draft_id`` point at each other; the
first is checked at commit (DEFERRABLE INITIALLY DEFERRED), so a draft and its first
revision can be inserted in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_revision_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["current_revision_id"],
            ["revisions.id"],
            name=op.f("fk_drafts_current_revision_id_revisions"),
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_revisions_draft_id_drafts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
        sa.UniqueConstraint("draft_id", "number", name=op.f("uq_revisions_draft_id_number")),
    )
    op.create_table(
        "ignored_findings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=8), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("term", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_ignored_findings_draft_id_drafts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ignored_findings")),
        sa.UniqueConstraint(
            "draft_id",
            "rule",
            "field",
            "start",
            "end",
            "text",
            name=op.f("uq_ignored_findings_draft_id_rule_field_start_end_text"),
        ),
    )
    op.create_table(
        "applied_commands",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("result_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_commands")),
    )
    op.create_table(
        "recoveries",
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("draft_id", name=op.f("pk_recoveries")),
    )


def downgrade() -> None:
    op.drop_table("recoveries")
    op.drop_table("applied_commands")
    op.drop_table("ignored_findings")
    op.drop_table("revisions")
    op.drop_table("drafts")
