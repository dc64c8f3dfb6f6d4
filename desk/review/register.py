"""信息发布登记: one row per publishing or 撤稿, with who reviewed what and when.

The register is read from the store (publications, the review actions standing when
each was published, the published revision), never kept separately, so it can't
disagree with the record. ``export`` writes it as CSV (UTF-8 with BOM, so Excel and
WPS open it, every cell text) or XLSX (登记号 a number, times real date-times), from
rows proved against the audit log (``verified_register``), and ends with the log's head
they were proved against.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.atomic import write_atomically, write_bytes_atomically
from desk.review.directory import display_name
from desk.review.roles import LEVEL_LABELS, LEVELS
from desk.review.verified import VerifiedState, read_verified
from desk.store import Store
from desk.store.models import Draft, Publication, ReviewAction, Revision, Unit

PUBLICATION_LABELS = {"publish": "发布", "retract": "撤稿"}
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True, slots=True)
class Signature:
    """One level's approval of the published text."""

    level: str
    reviewer: str
    opinion: str
    at: datetime


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One publishing or 撤稿 of one draft."""

    number: int  # 1, 2, 3 … in the order they happened
    kind: str  # "publish" or "retract"
    title: str
    unit: str
    drafter: str
    signatures: tuple[Signature, ...]  # in level order
    disclosure: str  # 公开属性
    publisher: str  # who published or retracted
    at: datetime
    channels: tuple[str, ...]
    reason: str  # of a 撤稿
    content_hash: str
    text: str  # the original content, as plain text
    revised: bool  # a later publishing of a draft published before (修改)
    modification_reason: str = ""  # of the 申请修改 that led to a revised publishing


def register_rows(
    store: Store, *, since: date | None = None, until: date | None = None
) -> list[RegisterRow]:
    """The register, oldest first; ``since``/``until`` keep the rows of those local days
    (both included). 登记号 count the whole register, so a row keeps its number."""
    with store.read() as session:
        return _rows(session, since, until)


def verified_register(
    store: Store, *, since: date | None = None, until: date | None = None
) -> tuple[list[RegisterRow], VerifiedState]:
    """``register_rows`` read from tables proved against the audit log, and the log head
    they were proved against; desk.review.verified.StateUnverified if they don't match."""
    return read_verified(store, lambda session, state: (_rows(session, since, until), state))


def _rows(session: Session, since: date | None, until: date | None) -> list[RegisterRow]:
    numbered = select(
        Publication.id.label("id"),
        func.row_number().over(order_by=(Publication.at, Publication.id)).label("number"),
        func.row_number()
        .over(
            partition_by=(Publication.draft_id, Publication.kind),
            order_by=(Publication.at, Publication.id),
        )
        .label("nth"),  # 2 and up: a publishing after an earlier one, i.e. a 修改
    ).subquery()
    statement = (
        select(Publication, numbered.c.number, numbered.c.nth)
        .join(numbered, numbered.c.id == Publication.id)
        .order_by(Publication.at, Publication.id)
    )
    if since is not None:
        statement = statement.where(Publication.at >= _local_midnight(since))
    if until is not None:
        statement = statement.where(Publication.at < _local_midnight(until + timedelta(days=1)))
    return [
        _row(session, number, publication, publication.kind == "publish" and nth > 1)
        for publication, number, nth in session.execute(statement)
    ]


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _row(session: Session, number: int, publication: Publication, revised: bool) -> RegisterRow:
    draft = session.get_one(Draft, publication.draft_id)
    revision = session.get_one(Revision, publication.revision_id)
    unit = session.get(Unit, draft.unit_id) if draft.unit_id else None
    return RegisterRow(
        number=number,
        kind=publication.kind,
        title=revision.title,
        unit=unit.name if unit else "",
        drafter=display_name(session, draft.created_by),
        signatures=_signatures(session, publication),
        disclosure=str(revision.attributes.get("公开属性", "")),
        publisher=display_name(session, publication.actor),
        at=publication.at,
        channels=tuple(publication.channels),
        reason=publication.reason or "",
        content_hash=publication.content_hash,
        text=revision.body_text,
        revised=revised,
        modification_reason=_modification_reason(session, publication) if revised else "",
    )


def _modification_reason(session: Session, publication: Publication) -> str:
    """Why the published draft was reopened: its last 申请修改 before this publishing."""
    reason = session.scalars(
        select(ReviewAction.opinion)
        .where(
            ReviewAction.draft_id == publication.draft_id,
            ReviewAction.action == "modify",
            ReviewAction.created_at <= publication.at,
        )
        .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
        .limit(1)
    ).one_or_none()
    return reason or ""


def _signatures(session: Session, publication: Publication) -> tuple[Signature, ...]:
    """Per level, the last approval of the published text made before it was published."""
    approvals = session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.draft_id == publication.draft_id,
            ReviewAction.action == "approve",
            ReviewAction.created_at <= publication.at,
        )
        .order_by(ReviewAction.created_at, ReviewAction.id)
    )
    latest: dict[str, ReviewAction] = {}
    for approval in approvals:
        latest[approval.level] = approval
    return tuple(
        Signature(level, display_name(session, action.actor), action.opinion, action.created_at)
        for level in LEVELS
        if (action := latest.get(level)) is not None
    )


HEADERS = (
    "登记号",
    "类型",
    "标题",
    "单位",
    "起草人",
    *(f"{LEVEL_LABELS[level]}{part}" for level in LEVELS for part in ("人", "意见", "时间")),
    "公开属性",
    "发布/撤稿人",
    "时间",
    "渠道",
    "申请修改理由",
    "撤稿理由",
    "内容哈希",
    "原文",
)
ANCHOR_LABEL = "审计日志链头"  # first cell of the line after the rows
TIME_FORMAT = "%Y-%m-%d %H:%M"  # local time, as text (screen, CSV)
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"  # the same, as a spreadsheet's date format

Cell = str | int | datetime


def records(rows: Sequence[RegisterRow]) -> list[list[Cell]]:
    """The register as typed cells under ``HEADERS``: 登记号 an int, times aware datetimes,
    empty times and everything else text."""
    lines = []
    for row in rows:
        by_level = {signature.level: signature for signature in row.signatures}
        signed: list[Cell] = []
        for level in LEVELS:
            signature = by_level.get(level)
            signed += (
                [signature.reviewer, signature.opinion, signature.at] if signature else ["", "", ""]
            )
        kind = PUBLICATION_LABELS[row.kind] + ("（修改后）" if row.revised else "")
        lines.append(
            [
                row.number,
                kind,
                row.title,
                row.unit,
                row.drafter,
                *signed,
                row.disclosure,
                row.publisher,
                row.at,
                "、".join(row.channels),
                row.modification_reason,
                row.reason,
                row.content_hash,
                row.text,
            ]
        )
    return lines


def table(rows: Sequence[RegisterRow]) -> list[list[str]]:
    """The register as text cells under ``HEADERS`` (local times), as the screen and the
    CSV show it."""
    return [[_text(cell) for cell in line] for line in records(rows)]


def export(rows: Sequence[RegisterRow], path: Path, fmt: str, verified: VerifiedState) -> None:
    """Write the register to ``path`` as ``csv`` or ``xlsx``, atomically (OSError on
    failure): the rows (of ``verified_register``), then after an empty line the audit
    log head ``verified`` they were proved against."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        writer.writerows(table(rows))
        writer.writerows(anchor(verified))
        write_bytes_atomically(path, buffer.getvalue().encode("utf-8-sig"))
        return
    if fmt != "xlsx":
        raise ValueError(f"不支持的格式 {fmt!r}，可选：{'、'.join(FORMATS)}")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "信息发布登记"
    sheet.append(HEADERS)
    for line in records(rows):
        sheet.append([_spreadsheet_value(cell) for cell in line])
    for line in anchor(verified):
        sheet.append(line)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = XLSX_TIME_FORMAT
    sheet.freeze_panes = "A2"
    write_atomically(path, book.save)


def anchor(verified: VerifiedState) -> list[list[str]]:
    """The lines that end an exported register: an empty one, then the log head."""
    return [
        [],
        [
            ANCHOR_LABEL,
            verified.head,
            f"已按审计日志核验（共 {verified.entries} 条），本登记所载与日志一致",
        ],
    ]


def _text(cell: Cell) -> str:
    if isinstance(cell, datetime):
        return cell.astimezone().strftime(TIME_FORMAT)
    return _safe(str(cell))


def _spreadsheet_value(cell: Cell) -> Cell:
    """A number stays a number; a time becomes the local wall-clock time (spreadsheets
    have no time zones); text is made safe."""
    if isinstance(cell, datetime):
        return cell.astimezone().replace(tzinfo=None)
    return cell if isinstance(cell, int) else _safe(cell)


def _safe(cell: str) -> str:
    """Text as a spreadsheet cell: never a formula, no characters XML forbids."""
    cleaned = "".join(ch for ch in cell if ch in "\t\n\r" or ord(ch) >= 0x20)
    return "'" + cleaned if cleaned[:1] in ("=", "+", "-", "@") else cleaned
