"""信息发布审核表: one draft's record on one page, to print, sign off and file.

Read from the store (the draft, its revisions, every review action and publication),
never kept separately, so the form can't disagree with the record; and only once those
rows are proved against the audit log (desk.review.verified), whose head the form
prints, so a forged row can't reach paper. The form is about the version that went
through the flow and was published last (retracted since, or not), with the approvals it
was published on, even those a later 申请修改 voided for the new round; a modification
under way since is said in a line of its own. A draft never published shows its current
revision and the approvals still standing. The level rows have room to sign by hand; the
审核过程记录 below lists every action in order, voided ones with why, so a form shows how
the text got signed.

The text the form covers follows on pages of its own, with its structure (headings,
paragraphs, lists, tables, pictures embedded in the draft): the revision's body as it
would be published, through ``desk.render`` (sanitized, hidden content dropped, links as
their text, remote pictures named by a placeholder), never the draft's raw markup.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.documents.image_size import pixel_size
from desk.links import Whitelist
from desk.render import render_html
from desk.review.drafts import DraftNotFound
from desk.review.register import PUBLICATION_LABELS
from desk.review.roles import LEVEL_LABELS, LEVELS
from desk.review.stages import (
    DRAFT,
    PUBLISHED,
    RETRACTED,
    STAGE_LABELS,
    STATUS_LABELS,
    step_label,
)
from desk.review.verified import VerifiedState, read_verified
from desk.store import Store
from desk.store.models import Account, Draft, Publication, ReviewAction, Revision, Unit


@dataclass(frozen=True, slots=True)
class FormAction:
    """One step of the review, as the form lists it."""

    level: str  # "draft" for a submit or a modification request, else the review level
    level_label: str  # 起草, 一审 …
    action: str  # submit, approve, reject, modify
    action_label: str  # 提交审核, 通过, 退回, 申请修改
    reviewer: str  # 'Name（login）'
    opinion: str
    proofread: bool
    acknowledgements: int  # warn findings acknowledged with a reason
    at: datetime
    revision_number: int  # the revision acted on
    content_hash: str  # its content hash
    voided: bool
    voided_reason: str  # whose change voided it
    voided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FormPublication:
    """One publishing or 撤稿 of the draft."""

    kind: str  # publish, retract
    kind_label: str  # 发布, 撤稿
    actor: str  # 'Name（login）'
    channels: tuple[str, ...]
    at: datetime
    reason: str  # of a 撤稿
    content_hash: str


@dataclass(frozen=True, slots=True)
class FormModification:
    """A 申请修改 after the publishing the form is about, and where its round stands."""

    requested_by: str  # 'Name（login）'
    reason: str
    at: datetime
    revision_number: int  # the draft's current revision
    stage: str  # where that revision stands: 待一审 …, or 已撤稿 when a 撤稿 stopped it


@dataclass(frozen=True, slots=True)
class ApprovalForm:
    """Everything the 审核表 shows, for the revision published last (else the current)."""

    draft_id: uuid.UUID
    title: str
    unit: str  # the unit the draft was submitted from (else the drafter's)
    drafter: str  # 'Name（login）'
    formed_on: date | None  # 信息形成日期
    major: bool  # 重大事项: needs 主要领导 审定
    disclosure: str  # 公开属性, empty until set
    disclosure_reason: str
    withheld: str  # 部分公开: what is withheld
    revision_number: int
    content_hash: str
    status: str
    status_label: str
    actions: tuple[FormAction, ...]  # oldest first
    publications: tuple[FormPublication, ...]  # oldest first
    body_html: str  # the revision's body, sanitized as published (desk.render)
    images: Mapping[str, bytes]  # the pictures body_html shows: src → image file bytes
    verified: VerifiedState  # the audit log head these rows were proved against
    published_at: datetime | None = None  # the publishing the form is about, if any
    modification: FormModification | None = None  # one under way since that publishing

    def signatures(self) -> dict[str, FormAction]:
        """Per level, its last approval standing when the version was published (voided
        only later, by a 申请修改 or a 撤稿), or for a draft never published standing now."""
        published = self.published_at
        standing: dict[str, FormAction] = {}
        for action in self.actions:
            if action.action != "approve":
                continue
            if published is None:
                stood = not action.voided
            else:
                stood = action.at <= published and (
                    action.voided_at is None or action.voided_at > published
                )
            if stood:
                standing[action.level] = action
        return standing


def approval_form(store: Store, draft_id: uuid.UUID) -> ApprovalForm:
    """The draft's 审核表, from rows proved against the audit log; DraftNotFound if there
    is no such draft, desk.review.verified.StateUnverified if they don't match the log."""
    return read_verified(store, lambda session, state: _form(session, draft_id, state), draft_id)


def _form(session: Session, draft_id: uuid.UUID, verified: VerifiedState) -> ApprovalForm:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise DraftNotFound(draft_id)
    published = _last(session, draft_id, "publish")
    live = published is not None and _last(session, draft_id) is published
    revision_id = published.revision_id if published else draft.current_revision_id
    revision = session.get_one(Revision, revision_id)
    actions = session.execute(
        select(ReviewAction, Revision.number)
        .join(Revision, Revision.id == ReviewAction.revision_id)
        .where(ReviewAction.draft_id == draft_id)
        .order_by(ReviewAction.created_at, ReviewAction.id)
    ).all()
    publications = session.scalars(
        select(Publication)
        .where(Publication.draft_id == draft_id)
        .order_by(Publication.at, Publication.id)
    ).all()
    body = render_html(
        revision.body_html, whitelist=_NO_LINKS, template="bare", assets_dir=_PICTURES
    )
    names = _names(
        session,
        [draft.created_by]
        + [action.actor for action, _ in actions]
        + [publication.actor for publication in publications],
    )
    return ApprovalForm(
        draft_id=draft.id,
        title=revision.title,
        unit=_unit_name(session, draft),
        drafter=names[draft.created_by],
        formed_on=draft.formed_on,
        major=draft.major,
        disclosure=str(revision.attributes.get("公开属性", "")),
        disclosure_reason=str(revision.attributes.get("理由", "")),
        withheld=str(revision.attributes.get("不予公开内容", "")),
        revision_number=revision.number,
        content_hash=revision.content_hash,
        status=draft.status,
        status_label=_status_label(draft.status, published is not None, live),
        actions=tuple(
            FormAction(
                level=action.level,
                level_label=STAGE_LABELS.get(action.level, action.level),
                action=action.action,
                action_label=step_label(action.level, action.action),
                reviewer=names[action.actor],
                opinion=action.opinion,
                proofread=action.proofread,
                acknowledgements=len(action.acknowledgements),
                at=action.created_at,
                revision_number=number,
                content_hash=action.content_hash,
                voided=action.voided_at is not None,
                voided_reason=action.voided_by or "",
                voided_at=action.voided_at,
            )
            for action, number in actions
        ),
        publications=tuple(
            FormPublication(
                kind=publication.kind,
                kind_label=PUBLICATION_LABELS.get(publication.kind, publication.kind),
                actor=names[publication.actor],
                channels=tuple(publication.channels),
                at=publication.at,
                reason=publication.reason or "",
                content_hash=publication.content_hash,
            )
            for publication in publications
        ),
        body_html=body.body,
        images={f"{_PICTURES}/{name}": data for name, data in body.assets.items()},
        published_at=published.at if published else None,
        modification=_modification(session, draft, published, names) if published else None,
        verified=verified,
    )


def _last(session: Session, draft_id: uuid.UUID, kind: str | None = None) -> Publication | None:
    """The draft's last publishing (``kind`` "publish"), or publishing or 撤稿."""
    statement = select(Publication).where(Publication.draft_id == draft_id)
    if kind is not None:
        statement = statement.where(Publication.kind == kind)
    return session.scalars(
        statement.order_by(Publication.at.desc(), Publication.id.desc()).limit(1)
    ).one_or_none()


def _modification(
    session: Session, draft: Draft, published: Publication, names: Mapping[str, str]
) -> FormModification | None:
    """The last 申请修改 after ``published``, if any, and where its round stands."""
    modify = session.scalars(
        select(ReviewAction)
        .where(
            ReviewAction.draft_id == draft.id,
            ReviewAction.action == "modify",
            ReviewAction.created_at > published.at,
        )
        .order_by(ReviewAction.created_at.desc(), ReviewAction.id.desc())
        .limit(1)
    ).one_or_none()
    if modify is None:
        return None
    current = session.get_one(Revision, draft.current_revision_id)
    return FormModification(
        requested_by=names.get(modify.actor, modify.actor),
        reason=modify.opinion,
        at=modify.created_at,
        revision_number=current.number,
        stage=_round_stage(draft.status),
    )


def _status_label(status: str, published: bool, live: bool) -> str:
    """The status; with a new round under way after a publishing, what became of the
    published version (已发布 or 已撤稿) and where the round stands."""
    if not published or status in (PUBLISHED, RETRACTED):
        return STATUS_LABELS.get(status, status)
    return f"{STATUS_LABELS[PUBLISHED if live else RETRACTED]}（修改稿{_round_stage(status)}）"


def _round_stage(status: str) -> str:
    return "起草中" if status == DRAFT else STATUS_LABELS.get(status, status)


_NO_LINKS = Whitelist(())  # on paper a link is its text; no remote picture is fetched
_PICTURES = "pictures"  # the folder name the body's embedded pictures are referred to by


def _names(session: Session, logins: Iterable[str]) -> dict[str, str]:
    """'Name（login）' for each login, the bare login when no account has it."""
    wanted = set(logins)
    names = {login: login for login in wanted}
    for login, name in session.execute(
        select(Account.login, Account.name).where(Account.login.in_(wanted))
    ):
        names[login] = f"{name}（{login}）"
    return names


def _unit_name(session: Session, draft: Draft) -> str:
    unit_id = draft.unit_id
    if unit_id is None:
        unit_id = session.scalars(
            select(Account.unit_id).where(Account.login == draft.created_by)
        ).one_or_none()
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit is not None else ""


# --- HTML ------------------------------------------------------------------------------

# Qt lays this out (QTextDocument): the original's margins are in px, the only unit its
# rich text honours for every block margin.
_STYLE = """
body {
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
    sans-serif;
  font-size: 10.5pt;
  color: #000;
}
h1.form { font-size: 20pt; font-weight: bold; text-align: center; margin: 0 0 4pt; }
p.meta { font-size: 9pt; color: #333; margin: 0 0 6pt; }
table.form { border-collapse: collapse; width: 100%; }
table.form th, table.form td { border: 1px solid #000; vertical-align: middle; }
table.form th { font-weight: bold; text-align: center; background-color: #f2f2f2; }
table.form th.section { text-align: left; background-color: #dcdcdc; }
td.wrap { white-space: pre-wrap; }
td.hash { font-family: "Noto Sans Mono", monospace; font-size: 8pt; white-space: pre-wrap; }
td.center { text-align: center; }
td.time { text-align: center; font-size: 9pt; white-space: nowrap; }
td.empty { color: #666; text-align: center; }
tr.voided td { color: #777; }
span.note { color: #555; font-size: 9pt; }
p.history { font-size: 12pt; font-weight: bold; margin: 12pt 0 4pt; }
p.appendix { font-size: 12pt; font-weight: bold; margin: 0 0 8pt; page-break-before: always; }
h2.original { font-size: 16pt; font-weight: bold; text-align: center; margin: 0 0 16px; }
div.original { font-size: 12pt; }
div.original p { line-height: 160%; margin: 0 0 8px; }
div.original td p, div.original th p, div.original li p { margin: 0; }
div.original h1 { font-size: 16pt; margin: 16px 0 8px; }
div.original h2 { font-size: 14pt; margin: 14px 0 8px; }
div.original h3 { font-size: 13pt; margin: 10px 0 6px; }
div.original h4, div.original h5, div.original h6 { font-size: 12pt; margin: 8px 0 6px; }
div.original blockquote { -qt-block-indent: 1; }
div.original pre { font-family: "Noto Sans Mono", monospace; font-size: 10pt; }
table.original { border-collapse: collapse; margin: 6px 0 10px; }
table.original th { font-weight: bold; background-color: #f2f2f2; }
"""
# Room above the line to sign on (Qt applies a cell's padding from its style attribute
# only), and the line's spaces kept.
_SIGN_CELL = 'colspan="5" style="padding-top: 28px; white-space: pre-wrap"'
SIGN_LINE = "签字：________________________　　日期：________年____月____日"
# Sizes the printed body's pictures fit in, in CSS pixels (A4 less the margins ≈ 600 × 930).
MAX_PICTURE_WIDTH = 560
MAX_PICTURE_HEIGHT = 760
_PICTURE = re.compile(r"<img\b[^<>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')


def form_html(form: ApprovalForm) -> str:
    """The printable A4 审核表: the form, then the text it covers on its own pages.

    It prints the head of the audit log its rows were proved against
    (``form.verified``), which anchors the log: a form on paper shows what the log
    said when it was printed, and that the form agreed with it.
    """
    rows = [
        _tr(_th("标　　题", width=16), _td(form.title, colspan=5)),
        _tr(
            _th("单　　位"),
            _td(form.unit, colspan=2),
            _th("起 草 人", width=14),
            _td(form.drafter, colspan=2),
        ),
        _tr(
            _th("信息形成日期"),
            _td(_date(form.formed_on), colspan=2),
            _th("重大事项"),
            _td("是（需主要领导审定）" if form.major else "否", colspan=2),
        ),
        _tr(
            _th("公开属性"),
            _td(_disclosure(form), colspan=2),
            _th("当前状态"),
            _td(form.status_label, colspan=2),
        ),
        *_modification_rows(form),
        _section("审核签批"),
        _tr(
            _th("环节"),
            _th("审核人", width=20),
            _th("审核意见", colspan=2),
            _th("时间", width=18),
            _th("校对", width=11),
        ),
        *(row for level in LEVELS for row in _signature_rows(form, level)),
        _section("发布记录"),
        _tr(_th("类型"), _th("操作人"), _th("发布渠道", colspan=2), _th("时间"), _th("说明")),
        *(_publication_row(publication) for publication in form.publications),
        *([] if form.publications else [_tr(_td("尚未发布", colspan=6, css="empty"))]),
        _section("校验信息"),
        _tr(
            _th("内容哈希"),
            _td(
                f"SHA-256（第 {form.revision_number} 版）\n{form.content_hash}",
                colspan=5,
                css="hash",
            ),
        ),
        _tr(
            _th("审计日志链头"),
            _td(
                f"{form.verified.head}\n已按审计日志核验（共 {form.verified.entries} 条），"
                "本表所载与日志一致",
                colspan=5,
                css="hash",
            ),
        ),
    ]
    published = "，发布稿" if form.published_at is not None else ""
    history = [
        _tr(
            _th("时间", width=18),
            _th("环节", width=12),
            _th("操作", width=11),
            _th("操作人", width=22),
            _th("意见及说明"),
        ),
        *(_history_row(action) for action in form.actions),
        *([] if form.actions else [_tr(_td("尚无审核记录", colspan=5, css="empty"))]),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>信息发布审核表 - {_escape(form.title)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        '<h1 class="form">信息发布审核表</h1>\n'
        f'<p class="meta">稿件编号：{form.draft_id}</p>\n'
        '<table class="form" border="1" cellspacing="0" cellpadding="3" width="100%">\n'
        + "\n".join(rows)
        + "\n</table>\n"
        '<p class="history">审核过程记录（全部操作，按时间顺序）</p>\n'
        '<table class="form" border="1" cellspacing="0" cellpadding="3" width="100%">\n'
        + "\n".join(history)
        + "\n</table>\n"
        f'<p class="appendix">附：信息原文（第 {form.revision_number} 版{published}）</p>\n'
        f'<h2 class="original">{_escape(form.title)}</h2>\n'
        f'<div class="original">\n{_printed_body(form)}\n</div>\n</body>\n</html>\n'
    )


def _signature_rows(form: ApprovalForm, level: str) -> list[str]:
    """A level's standing approval (or empty cells), and below it the line its reviewer
    signs and dates by hand; a 主要领导 row needs neither when the matter isn't major."""
    if level == "principal" and not form.major:
        return [
            _tr(
                _th(LEVEL_LABELS[level]),
                _td("非重大事项，无需主要领导审定", colspan=5, css="empty"),
            )
        ]
    label = f'<th rowspan="2">{_escape(LEVEL_LABELS[level])}</th>'
    action = form.signatures().get(level)
    if action is None:
        approval = _tr(label, _td(""), _td("", colspan=2), _td(""), _td(""))
    else:
        note = (
            f"审核的是第 {action.revision_number} 版"
            if action.content_hash != form.content_hash
            else ""
        )
        approval = _tr(
            label,
            _td(action.reviewer),
            _opinion(action.opinion, note),
            _td(_time(action.at), css="time"),
            _td("已校对" if action.proofread else "未校对", css="center"),
        )
    signing = f"<tr><td {_SIGN_CELL}>{SIGN_LINE}</td></tr>"
    return [approval, signing]


def _modification_rows(form: ApprovalForm) -> list[str]:
    """The modification under way since the publishing the form is about: who asked for
    it and why, and where its revision stands."""
    modification = form.modification
    if modification is None:
        return []
    stands = "已随撤稿中止审核" if form.status == RETRACTED else f"{modification.stage}，尚未发布"
    said = (
        f"{modification.requested_by}于 {_time(modification.at)} 申请修改："
        f"{modification.reason}。修改稿（第 {modification.revision_number} 版）{stands}。"
        f"本表所载为已发布的第 {form.revision_number} 版及其发布时的审核签批。"
    )
    return [_tr(_th("修改情况"), _td(said, colspan=5))]


def _printed_body(form: ApprovalForm) -> str:
    """The sanitized body with its tables ruled (on a published page the template's
    stylesheet draws their borders) and every picture sized to fit the paper."""
    ruled = form.body_html.replace(
        "<table>", '<table class="original" border="1" cellspacing="0" cellpadding="4">'
    )
    return _PICTURE.sub(lambda match: _fitted_picture(match.group(), form.images), ruled)


def _fitted_picture(tag: str, images: Mapping[str, bytes]) -> str:
    """An ``<img>`` of the sanitized body with the size it prints at: the one the author
    gave, else the picture's own, scaled down to fit the page."""
    attributes = dict(_ATTRIBUTE.findall(tag))
    data = images.get(html.unescape(attributes.get("src", "")))
    natural = pixel_size(data) if data is not None else None
    if natural is None:  # not a picture the form carries: left out, not a broken icon
        return ""
    width, height = (int(attributes.get(name) or 0) for name in ("width", "height"))
    if width and not height:
        height = round(natural[1] * width / natural[0])
    elif height and not width:
        width = round(natural[0] * height / natural[1])
    elif not width:
        width, height = natural
    scale = min(1.0, MAX_PICTURE_WIDTH / max(width, 1), MAX_PICTURE_HEIGHT / max(height, 1))
    kept = "".join(
        f' {name}="{value}"' for name, value in attributes.items() if name in ("src", "alt")
    )
    printed = (max(1, round(width * scale)), max(1, round(height * scale)))
    return f'<img{kept} width="{printed[0]}" height="{printed[1]}">'


def _publication_row(publication: FormPublication) -> str:
    return _tr(
        _th(publication.kind_label),
        _td(publication.actor),
        _td("、".join(publication.channels), colspan=2),
        _td(_time(publication.at), css="time"),
        _td(publication.reason),
    )


def _history_row(action: FormAction) -> str:
    notes = [f"第 {action.revision_number} 版"]
    if action.action == "approve":
        notes.append("已校对" if action.proofread else "未校对")
    if action.acknowledgements:
        notes.append(f"确认提醒 {action.acknowledgements} 条")
    if action.voided:
        notes.append(f"已作废：{action.voided_reason}" if action.voided_reason else "已作废")
    cells = (
        _td(_time(action.at), css="time"),
        _td(action.level_label, css="center"),
        _td(action.action_label, css="center"),
        _td(action.reviewer),
        _opinion(action.opinion, "；".join(notes), colspan=1),
    )
    return f'<tr class="voided">{"".join(cells)}</tr>' if action.voided else _tr(*cells)


def _opinion(opinion: str, note: str, colspan: int = 2) -> str:
    """An opinion cell, with a note in small print below it."""
    lines = [_escape(opinion)] if opinion else []
    if note:
        lines.append(f'<span class="note">（{_escape(note)}）</span>')
    return f'<td{_span(colspan)} class="wrap">{"<br>".join(lines)}</td>'


def _disclosure(form: ApprovalForm) -> str:
    if not form.disclosure:
        return "未设置"
    parts = [form.disclosure]
    if form.disclosure_reason:
        parts.append(f"理由：{form.disclosure_reason}")
    if form.withheld:
        parts.append(f"不予公开内容：{form.withheld}")
    return "；".join(parts)


def _section(title: str) -> str:
    return f'<tr><th colspan="6" class="section">{_escape(title)}</th></tr>'


def _tr(*cells: str) -> str:
    return f"<tr>{''.join(cells)}</tr>"


def _th(text: str, colspan: int = 1, width: int | None = None) -> str:
    """A label cell; ``width`` in percent fixes its column (Qt ignores ``<col>``)."""
    size = f' width="{width}%"' if width is not None else ""
    return f"<th{_span(colspan)}{size}>{_escape(text)}</th>"


def _td(text: str, colspan: int = 1, css: str = "wrap") -> str:
    return f'<td{_span(colspan)} class="{css}">{_escape(text)}</td>'


def _span(colspan: int) -> str:
    return f' colspan="{colspan}"' if colspan > 1 else ""


def _date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day is not None else ""


def _time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
