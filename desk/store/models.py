"""The local store's tables, as SQLAlchemy 2 declarative models.

Rows are written only by the domain commands in ``desk.review.commands``; everything
else reads them through the queries in ``desk.review.drafts``. The schema itself is
created and changed by the Alembic migrations in ``desk/store/migrations/versions``;
``tests/store`` checks that the migrations and these models agree.

Keys are UUIDs stored as their canonical 36-character text (``str(uuid)``), so rows can
be created offline and merged with a shared server without renumbering. Timestamps are
UTC: written from timezone-aware datetimes, read back as timezone-aware datetimes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so later migrations (SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UUIDText(TypeDecorator[uuid.UUID]):
    """A ``uuid.UUID`` stored as its canonical 36-character text."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            raise TypeError(f"expected a uuid.UUID, got {type(value).__name__}")
        return str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        return None if value is None else uuid.UUID(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as naive UTC (SQLite has no time zones)."""

    impl = DateTime()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise TypeError("timestamps must be timezone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {uuid.UUID: UUIDText(), datetime: UTCDateTime()}  # noqa: RUF012


class Draft(Base):
    """A draft: who made it, where it stands, and which revision is its current text.

    The text itself lives only in revisions; ``current_revision_id`` names the one
    shown and searched. Every draft has one from its creation on (the foreign key is
    checked at commit, so the draft and its first revision go in one transaction).
    """

    __tablename__ = "drafts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # "draft", "review1", "review2", "review3", "principal", "ready", "published",
    # "retracted" (see desk.review.workflow)
    status: Mapped[str] = mapped_column(String(16))
    current_revision_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, deferrable=True, initially="DEFERRED")
    )
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]  # the last change of content or status
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))  # the drafter's
    major: Mapped[bool] = mapped_column(Boolean, default=False)  # 重大事项: 主要领导 审定
    formed_on: Mapped[date | None] = mapped_column(Date)  # 信息形成日期, starts the deadline


class Revision(Base):
    """One saved state of a draft. Never changed once written."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("drafts.id"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 … per draft
    title: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)  # the editor's HTML, as saved
    body_text: Mapped[str] = mapped_column(Text)  # its plain text: what is checked and searched
    # desk.render.content_hash(title, body_html): tells an unchanged save apart
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    author: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16))  # "save", "autosave" or "import"
    # 公开属性 and the like, part of content_hash (empty until set)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # where the draft stood when this was saved: "draft", or the review level whose
    # reviewer corrected the text (separation of duties tells authors from reviewers)
    stage: Mapped[str] = mapped_column(String(16), default="draft")


class IgnoredFinding(Base):
    """A finding someone chose to let stand here, with their reason, shown to reviewers.

    ``start``/``end`` are code-point offsets into the field's plain text as it was
    when the finding was ignored; ``text`` is that span.
    """

    __tablename__ = "ignored_findings"
    __table_args__ = (UniqueConstraint("draft_id", "rule", "field", "start", "end", "text"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("drafts.id"))
    rule: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(8))  # "title" or "body"
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    term: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class AppliedCommand(Base):
    """The journal and audit log: every applied domain command, in order, hash-chained.

    ``id`` is the command's own id. ``result_id`` is the row the command returned (a
    revision, an ignored finding), so a replay returns what the first application did.
    ``seq`` orders the log; ``entry_hash`` covers this entry and ``prev_hash`` (the
    entry before's ``entry_hash``), so an edited, deleted or reordered entry breaks the
    chain (desk.store.audit). Replaying the log's commands rebuilds every other table
    but the recovery snapshots (desk.review.verified).
    """

    __tablename__ = "applied_commands"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)  # the command's journal_json()
    result_id: Mapped[uuid.UUID | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))  # the draft's, after it
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    # what the domain judged when applying it (the re-check's findings), which a replay
    # takes as given (desk.review.commands.judged); None before migration 0004
    recorded: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, server_default="1")  # audit.VERSION


class Unit(Base):
    """A 部门/科室. Its chiefs are its accounts with the review2 role; ``leader_id`` is
    the 分管领导 who signs (三审) its drafts."""

    __tablename__ = "units"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    leader_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("accounts.id", use_alter=True, deferrable=True, initially="DEFERRED")
    )
    created_at: Mapped[datetime]


class Account(Base):
    """A person who logs in, with their unit and roles (desk.review.roles)."""

    __tablename__ = "accounts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"))
    roles: Mapped[list[str]] = mapped_column(JSON)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Delegation(Base):
    """代理/转审: ``to_account_id`` acts for ``from_account_id`` at ``level`` while it runs."""

    __tablename__ = "delegations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    from_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    to_account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    level: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[datetime | None]


class ReviewAction(Base):
    """One step of the 三审 flow on one draft: a submit, an approval or a rejection.

    Bound to the exact text: ``content_hash`` of the revision acted on. ``voided_at`` is
    set when a later change of the text voids an approval.
    """

    __tablename__ = "review_actions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the command's id
    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("drafts.id"), index=True)
    revision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("revisions.id"))
    level: Mapped[str] = mapped_column(String(16))  # "draft" for a submit, else the level
    action: Mapped[str] = mapped_column(String(16))  # submit, approve, reject
    actor: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    opinion: Mapped[str] = mapped_column(Text)
    proofread: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledgements: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # warn findings
    check: Mapped[dict[str, Any]] = mapped_column(JSON)  # lexicon/whitelist hash, findings
    created_at: Mapped[datetime]
    voided_at: Mapped[datetime | None]
    voided_by: Mapped[str | None] = mapped_column(Text)  # why: whose change


class Publication(Base):
    """A publishing, modification or 撤稿 of a draft's signed text: the register's rows."""

    __tablename__ = "publications"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the command's id
    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("drafts.id"), index=True)
    revision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("revisions.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # publish, retract
    channels: Mapped[list[str]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(Text)


class Recovery(Base):
    """The last autosaved, not yet saved text of one editor, for crash recovery.

    One row per draft and person who typed it (``author``, a login), replaced on every
    autosave: a snapshot is offered to its author only, and another person's editing of
    the same draft leaves it alone. ``draft_id`` is the draft being edited, or for a
    draft never saved the id its CreateDraft will use, so it is not a foreign key.
    """

    __tablename__ = "recoveries"

    draft_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    author: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime]
