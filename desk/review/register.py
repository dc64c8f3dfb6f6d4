"""信息发布登记: one row per publishing or 撤稿, with who reviewed what and when.

The register is read from the store (publications, the review actions standing when
each was published, the published revision), never kept separately, so it can't
disagree with the record. ``export`` writes it as CSV (UTF-8 with BOM, so Excel and
WPS open it) or XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.atomic import write_atomically, write_bytes_atomically
from desk.review.directory import display_name
from desk.review.roles import LEVEL_LABELS, LEVELS
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


def register_rows(store: Store) -> list[RegisterRow]:
    """The whole register, oldest first."""
    with store.read() as session:
        publications = session.scalars(select(Publication).order_by(Publication.at, Publication.id))
        rows: list[RegisterRow] = []
        published_before: set[object] = set()
        for number, publication in enumerate(publications, start=1):
            rows.append(
                _row(session, number, publication, publication.draft_id in published_before)
            )
            if publication.kind == "publish":
                published_before.add(publication.draft_id)
        return rows


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
        revised=revised and publication.kind == "publish",
    )


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
    "撤稿理由",
    "内容哈希",
    "原文",
)


def table(rows: Sequence[RegisterRow]) -> list[list[str]]:
    """The register as text cells under ``HEADERS`` (local times)."""
    cells = []
    for row in rows:
        by_level = {signature.level: signature for signature in row.signatures}
        signed: list[str] = []
        for level in LEVELS:
            signature = by_level.get(level)
            signed += (
                [signature.reviewer, signature.opinion, _local(signature.at)]
                if signature
                else ["", "", ""]
            )
        kind = PUBLICATION_LABELS[row.kind] + ("（修改后）" if row.revised else "")
        cells.append(
            [
                _safe(cell)
                for cell in (
                    str(row.number),
                    kind,
                    row.title,
                    row.unit,
                    row.drafter,
                    *signed,
                    row.disclosure,
                    row.publisher,
                    _local(row.at),
                    "、".join(row.channels),
                    row.reason,
                    row.content_hash,
                    row.text,
                )
            ]
        )
    return cells


def export(rows: Sequence[RegisterRow], path: Path, fmt: str) -> None:
    """Write the register to ``path`` as ``csv`` or ``xlsx``, atomically (OSError on failure)."""
    cells = table(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        writer.writerows(cells)
        write_bytes_atomically(path, buffer.getvalue().encode("utf-8-sig"))
        return
    if fmt != "xlsx":
        raise ValueError(f"不支持的格式 {fmt!r}，可选：{'、'.join(FORMATS)}")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "信息发布登记"
    sheet.append(HEADERS)
    for line in cells:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    write_atomically(path, book.save)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _safe(cell: str) -> str:
    """Text as a spreadsheet cell: never a formula, no characters XML forbids."""
    cleaned = "".join(ch for ch in cell if ch in "\t\n\r" or ord(ch) >= 0x20)
    return "'" + cleaned if cleaned[:1] in ("=", "+", "-", "@") else cleaned
