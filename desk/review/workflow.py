"""The 三审 flow as domain commands: submit (and withdraw), approve or reject at each
level, publish, modify and retract.

    draft → 一审 → 二审 → 三审签发 → (主要领导审定, for 重大事项) → ready → published
      ↖ (撤回 before 一审 acts)                                  ↘ retracted (撤稿)
      ↖ (申请修改: a new round from the current text, of a published or retracted draft)

Every rule is enforced here, whoever sends the command (GUI, CLI or, later, a server):

* Routing: only a reviewer of the draft's unit at the current level (desk.review.routing,
  delegations included) acts at it.
* Separation of duties: nobody approves any level of a draft they wrote (created, or
  edited while it was a draft), nor two levels of one draft.
* Binding: every action names the content hash (title + body + attributes) it saw;
  it must be the draft's current one. Publishing needs 签发 (and 审定 when required) of
  exactly the current text.
* 审 and 校: an approval records the opinion, that proofreading was done, an
  acknowledgement with a reason for every warn finding, and the check it saw. A block
  finding refuses submitting and every approval. The check is the one the client reports;
  when the store has a checker (``Store.checker``, set by the GUI) the check is also re-run
  here on the stored revision, and its findings decide and are recorded
  (desk.review.recheck). Without one (CLI scripts, tests) the reported check is trusted.
* 签发 needs the 公开属性 (reason unless 主动公开; 部分公开 names what is withheld;
  不予公开 can't be published) and the 保密审查 attestation.
* 撤稿 takes the published version down at once, also while a modification is under way:
  the modification's review then stops (its approvals void, a 中止审核 step in the history
  at the stage it had reached), and its drafter may start a new round from the current
  text by 申请修改 on the retracted draft. The register keeps the retraction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.review.commands import (
    Command,
    attached_checker,
    judged,
    new_revision,
    no_replay,
    register,
)
from desk.review.directory import person, person_named
from desk.review.duties import barred
from desk.review.errors import CommandRejected
from desk.review.recheck import acknowledged_keys, spot_key, verify
from desk.review.roles import LEVEL_LABELS, LEVELS
from desk.review.routing import reviewer
from desk.review.stages import (
    DRAFT,
    PUBLISHED,
    READY,
    RETRACTED,
    STATUS_LABELS,
    standing_approvals,
    step_label,
    void_approvals,
)
from desk.review.withdrawal import withdrawal_refusal
from desk.store import Store
from desk.store.models import (
    Account,
    Draft,
    IgnoredFinding,
    Publication,
    ReviewAction,
    Revision,
)

DISCLOSURES = ("主动公开", "依申请公开", "部分公开", "不予公开")
CHANNELS = ("门户网站", "微信", "微博", "抖音", "头条", "客户端")


# --- commands --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetDraftDetails(Command):
    """重大事项 (needs 主要领导 审定) and the date the information was formed (deadline)."""

    name: ClassVar[str] = "SetDraftDetails"

    draft_id: uuid.UUID
    major: bool
    formed_on: str | None  # ISO date

    def validate(self) -> None:
        if self.formed_on is not None:
            _iso_date(self.formed_on, "formed_on")


@dataclass(frozen=True, slots=True)
class SetAttributes(Command):
    """The 公开属性: a new revision with the same text (the hash covers attributes)."""

    name: ClassVar[str] = "SetAttributes"

    draft_id: uuid.UUID
    disclosure: str  # one of DISCLOSURES
    reason: str = ""  # required unless 主动公开
    withheld: str = ""  # 部分公开: what is withheld

    def validate(self) -> None:
        if self.disclosure not in DISCLOSURES:
            raise CommandRejected(
                f"公开属性只能是{'、'.join(DISCLOSURES)}，收到 {self.disclosure!r}",
                field="disclosure",
            )
        if self.disclosure != "主动公开" and not self.reason.strip():
            raise CommandRejected(f"公开属性为{self.disclosure}时必须写明理由", field="reason")
        if self.disclosure == "部分公开" and not self.withheld.strip():
            raise CommandRejected("部分公开必须写明不予公开的内容", field="withheld")


@dataclass(frozen=True, slots=True)
class Submit(Command):
    """The drafter sends the draft to 一审."""

    name: ClassVar[str] = "Submit"

    draft_id: uuid.UUID
    content_hash: str
    check: dict[str, Any]  # see `check_snapshot`


@dataclass(frozen=True, slots=True)
class Withdraw(Command):
    """撤回: the drafter takes a submitted draft back to 草稿, to change it and submit it
    again; only while no reviewer has acted on the submission (desk.review.withdrawal)."""

    name: ClassVar[str] = "Withdraw"

    draft_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Approve(Command):
    """Pass the draft at ``level`` (审 and 校); at review3 this is 签发."""

    name: ClassVar[str] = "Approve"

    draft_id: uuid.UUID
    level: str
    content_hash: str
    opinion: str
    proofread: bool
    acknowledgements: list[dict[str, Any]]  # {rule, field, start, end, text, reason}
    check: dict[str, Any]
    secrecy_reviewed: bool = False  # 保密审查, required for 签发

    def validate(self) -> None:
        _check_level(self.level)
        if not self.opinion.strip():
            raise CommandRejected("审核意见不能为空", field="opinion")
        if not self.proofread:
            step = step_label(self.level, "approve")  # 签发 at 三审, 审定 at 主要领导
            raise CommandRejected(f"请完成校对后再{step}（三审三校）", field="proofread")


@dataclass(frozen=True, slots=True)
class Reject(Command):
    """Send the draft back to the drafter with a comment, pinned to a span if given."""

    name: ClassVar[str] = "Reject"

    draft_id: uuid.UUID
    level: str
    content_hash: str
    comment: str
    anchor: dict[str, Any] | None = None  # {field, start, end, text} the comment is about

    def validate(self) -> None:
        _check_level(self.level)
        if not self.comment.strip():
            raise CommandRejected("退回必须写明意见", field="comment")


@dataclass(frozen=True, slots=True)
class Publish(Command):
    """Publish the signed text to one or more channels."""

    name: ClassVar[str] = "Publish"

    draft_id: uuid.UUID
    content_hash: str
    channels: list[str]

    def validate(self) -> None:
        if not self.channels:
            raise CommandRejected("请选择发布渠道", field="channels")
        unknown = [c for c in self.channels if c not in CHANNELS]
        if unknown:
            raise CommandRejected(
                f"未知发布渠道：{'、'.join(unknown)}；可选：{'、'.join(CHANNELS)}",
                field="channels",
            )


@dataclass(frozen=True, slots=True)
class RequestModification(Command):
    """Reopen a published draft for changes; the published version stays the record
    until the new one is signed and published. A retracted draft is reopened the same
    way, from its current text (a correction its 撤稿 stopped)."""

    name: ClassVar[str] = "RequestModification"

    draft_id: uuid.UUID
    reason: str

    def validate(self) -> None:
        if not self.reason.strip():
            raise CommandRejected("修改申请必须写明理由", field="reason")


@dataclass(frozen=True, slots=True)
class Retract(Command):
    """撤稿: withdraw a published draft; approved at the 签发 level."""

    name: ClassVar[str] = "Retract"

    draft_id: uuid.UUID
    reason: str

    def validate(self) -> None:
        if not self.reason.strip():
            raise CommandRejected("撤稿必须写明理由", field="reason")


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepResult:
    """Where the draft stands after a step."""

    draft_id: uuid.UUID
    status: str
    content_hash: str


def check_snapshot(
    lexicon_hash: str, whitelist_hash: str, findings: list[dict[str, Any]]
) -> dict[str, Any]:
    """The check result an action records: hashes and findings (``Finding.to_json()``)."""
    return {"lexicon_hash": lexicon_hash, "whitelist_hash": whitelist_hash, "findings": findings}


# --- handlers --------------------------------------------------------------------------


def _set_details(session: Session, command: SetDraftDetails, now: datetime) -> tuple[None, None]:
    draft = _draft(session, command.draft_id)
    _require(draft.status == DRAFT, "只有草稿可以更改重大事项标记和信息形成日期")
    _require(draft.created_by == command.actor, "只有起草人可以更改稿件信息")
    draft.major = command.major
    draft.formed_on = _iso_date(command.formed_on) if command.formed_on else None
    draft.updated_at = now
    return None, None


def _set_attributes(
    session: Session, command: SetAttributes, now: datetime
) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    if draft.status == DRAFT:
        _require(draft.created_by == command.actor, "只有起草人可以设置公开属性")
    else:
        _require(draft.status == "review3", "公开属性由起草人拟定，在签发环节确定")
        _require_reviewer(session, draft, command.actor, "review3", now)
    attributes = {"公开属性": command.disclosure}
    if command.reason.strip():
        attributes["理由"] = command.reason.strip()
    if command.withheld.strip():
        attributes["不予公开内容"] = command.withheld.strip()
    current = session.get_one(Revision, draft.current_revision_id)
    revision = new_revision(
        session, draft, command, current.title, current.body_html, current.body_text,
        attributes, now,
    )  # fmt: skip
    return StepResult(draft.id, draft.status, revision.content_hash), revision.id


def _submit(session: Session, command: Submit, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    _require(draft.status == DRAFT, f"稿件{STATUS_LABELS[draft.status]}，不能再次提交")
    _require(draft.created_by == command.actor, "只有起草人可以提交审核")
    account = _account(session, command.actor)
    _require("drafter" in account.roles, "只有信息发布联络员（起草）角色可以提交审核")
    _require(account.unit_id is not None, "您的账号没有所属单位，请管理员设置后再提交")
    revision = _current(session, draft, command.content_hash)
    _require(
        bool(revision.title.strip() or revision.body_text.strip()), "标题和正文都是空的，不能提交"
    )
    _no_blocks(command.check)
    check = _rechecked(session, revision, command.check)
    draft.unit_id = account.unit_id
    draft.status = "review1"
    draft.updated_at = now
    _record(session, command, draft, revision, DRAFT, "submit", "", False, [], now, check=check)
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _withdraw(session: Session, command: Withdraw, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    refusal = withdrawal_refusal(session, draft, command.actor)
    if refusal is not None:
        raise CommandRejected(refusal)
    revision = session.get_one(Revision, draft.current_revision_id)
    _record(session, command, draft, revision, DRAFT, "withdraw", "", False, [], now)
    draft.status = DRAFT
    draft.updated_at = now
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _approve(session: Session, command: Approve, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    label = LEVEL_LABELS[command.level]
    _require(draft.status == command.level, f"稿件{STATUS_LABELS[draft.status]}，不在{label}环节")
    _require_reviewer(session, draft, command.actor, command.level, now)
    _separate_duties(session, draft, command.actor, command.level)
    revision = _current(session, draft, command.content_hash)
    _no_blocks(command.check)
    _warnings_acknowledged(command.check, command.acknowledgements)
    if command.level == "review3":
        _signable(revision.attributes)
        _require(command.secrecy_reviewed, "签发前必须完成保密审查并确认", "secrecy_reviewed")
    check = _rechecked(session, revision, command.check, command.acknowledgements)
    _record(
        session,
        command,
        draft,
        revision,
        command.level,
        "approve",
        command.opinion,
        command.proofread,
        command.acknowledgements,
        now,
        check=check,
    )
    draft.status = _next_status(draft, command.level)
    draft.updated_at = now
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _reject(session: Session, command: Reject, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    label = LEVEL_LABELS[command.level]
    _require(draft.status == command.level, f"稿件{STATUS_LABELS[draft.status]}，不在{label}环节")
    _require_reviewer(session, draft, command.actor, command.level, now)
    revision = _current(session, draft, command.content_hash)
    void_approvals(session, draft, LEVELS, now, f"{label}退回")
    check = {"anchor": command.anchor} if command.anchor else {}
    _record(
        session, command, draft, revision, command.level, "reject", command.comment, False, [], now,
        check=check,
    )  # fmt: skip
    draft.status = DRAFT
    draft.updated_at = now
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _publish(session: Session, command: Publish, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    _require(draft.status == READY, f"稿件{STATUS_LABELS[draft.status]}，尚未完成签发，不能发布")
    account = _account(session, command.actor)
    _require("drafter" in account.roles, "只有信息发布联络员可以执行发布")
    revision = _current(session, draft, command.content_hash)
    signed = {a.level: a for a in standing_approvals(session, draft)}
    needed = ("review3", "principal") if draft.major else ("review3",)
    for level in needed:
        approval = signed.get(level)
        _require(
            approval is not None and approval.content_hash == revision.content_hash,
            f"{LEVEL_LABELS[level]}没有通过当前这一版内容，不能发布",
        )
    _require(revision.attributes.get("公开属性") != "不予公开", "公开属性为不予公开，不能发布")
    session.add(
        Publication(
            id=command.command_id,
            draft_id=draft.id,
            revision_id=revision.id,
            content_hash=revision.content_hash,
            kind="publish",
            channels=list(command.channels),
            actor=command.actor,
            at=now,
            reason=None,
        )
    )
    draft.status = PUBLISHED
    draft.updated_at = now
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _request_modification(
    session: Session, command: RequestModification, now: datetime
) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    _require(draft.status in REOPENABLE, "只有已发布或已撤稿的稿件可以申请修改")
    _require(draft.created_by == command.actor, "修改申请由起草人提出")
    revision = session.get_one(Revision, draft.current_revision_id)
    void_approvals(session, draft, LEVELS, now, f"申请修改：{command.reason}")
    _record(session, command, draft, revision, DRAFT, "modify", command.reason, False, [], now)
    draft.status = DRAFT
    draft.updated_at = now
    return StepResult(draft.id, draft.status, revision.content_hash), command.command_id


def _retract(session: Session, command: Retract, now: datetime) -> tuple[StepResult, uuid.UUID]:
    draft = _draft(session, command.draft_id)
    published = _retractable(session, draft, command.actor, now)
    _halt_modification(session, command, draft, now)
    session.add(
        Publication(
            id=command.command_id,
            draft_id=draft.id,
            revision_id=published.revision_id,
            content_hash=published.content_hash,
            kind="retract",
            channels=list(published.channels),
            actor=command.actor,
            at=now,
            reason=command.reason,
        )
    )
    draft.status = RETRACTED
    draft.updated_at = now
    return StepResult(draft.id, draft.status, published.content_hash), command.command_id


def can_retract(store: Store, login: str, draft_id: uuid.UUID) -> bool:
    """Whether ``login`` may 撤稿 the draft now, by the rule Retract applies: a published
    version is out (also while a modification is under review) and they sign (三审) for
    the draft's unit."""
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        try:
            return draft is not None and bool(_retractable(session, draft, login, store.clock()))
        except CommandRejected:
            return False


# --- rules -----------------------------------------------------------------------------

REOPENABLE = (PUBLISHED, RETRACTED)  # the statuses 申请修改 starts a new round from
HALTED = "中止审核"


def _retractable(session: Session, draft: Draft, login: str, now: datetime) -> Publication:
    """The publication 撤稿 takes down, if ``login`` may take it down now: the latest
    publishing, unless a 撤稿 came after it."""
    latest = session.scalars(
        select(Publication)
        .where(Publication.draft_id == draft.id)
        .order_by(Publication.at.desc(), Publication.id.desc())
        .limit(1)
    ).one_or_none()
    _require(latest is not None and latest.kind == "publish", "稿件尚未发布，无需撤稿")
    _require_reviewer(session, draft, login, "review3", now)
    return latest  # type: ignore[return-value]


def _halt_modification(session: Session, command: Retract, draft: Draft, now: datetime) -> None:
    """撤稿 during a modification stops it: the approvals of its round are voided, and a
    中止审核 step at the stage it had reached tells whoever had it in hand."""
    if draft.status == PUBLISHED:
        return
    revision = session.get_one(Revision, draft.current_revision_id)
    void_approvals(session, draft, LEVELS, now, f"撤稿，第 {revision.number} 版修改稿中止审核")
    session.add(
        ReviewAction(
            id=uuid.uuid5(command.command_id, "halt"),  # the same on every replica
            draft_id=draft.id,
            revision_id=revision.id,
            level=draft.status,
            action="halt",
            actor=command.actor,
            content_hash=revision.content_hash,
            opinion=f"稿件已撤稿，第 {revision.number} 版修改稿随之{HALTED}",
            proofread=False,
            acknowledgements=[],
            check={},
            created_at=now,
            voided_at=None,
            voided_by=None,
        )
    )


def _require(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise CommandRejected(message, field=field)


def _draft(session: Session, draft_id: uuid.UUID) -> Draft:
    draft = session.get(Draft, draft_id)
    _require(draft is not None, f"稿件 {draft_id} 不存在")
    return draft  # type: ignore[return-value]


def _account(session: Session, login: str) -> Account:
    account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
    _require(account is not None, f"账号 {login} 不存在")
    _require(account.active, f"{person(account)}的账号已停用")  # type: ignore[union-attr]
    return account  # type: ignore[return-value]


def _current(session: Session, draft: Draft, seen_hash: str) -> Revision:
    """The current revision, which must be the text the actor saw."""
    revision = session.get_one(Revision, draft.current_revision_id)
    _require(
        revision.content_hash == seen_hash,
        "稿件内容在您查看之后已被修改，请刷新后重新审阅",
    )
    return revision


def _require_reviewer(
    session: Session, draft: Draft, login: str, level: str, now: datetime
) -> None:
    _require(
        reviewer(session, login, draft.unit_id, level, now) is not None,
        f"{person_named(session, login)}不是本稿件{LEVEL_LABELS[level]}环节的审核人",
    )


def _separate_duties(session: Session, draft: Draft, login: str, level: str) -> None:
    reason = barred(session, draft.id, login, level)
    _require(reason is None, reason or "")


def _no_blocks(check: dict[str, Any]) -> None:
    findings = check.get("findings")
    _require(isinstance(findings, list), "缺少检查结果，请重新检查后再操作")
    blocks = [f for f in findings if isinstance(f, dict) and f.get("severity") == "block"]
    _require(not blocks, f"有 {len(blocks)} 处屏蔽项，必须先修改", "findings")


def _warnings_acknowledged(check: dict[str, Any], acknowledgements: list[dict[str, Any]]) -> None:
    acknowledged = acknowledged_keys(acknowledgements)
    open_warnings = [
        f
        for f in check["findings"]
        if f.get("severity") == "warn" and spot_key(f) not in acknowledged
    ]
    _require(
        not open_warnings,
        f"还有 {len(open_warnings)} 处提醒未确认，请逐条写明处理理由",
        "acknowledgements",
    )


def _rechecked(
    session: Session,
    revision: Revision,
    reported: dict[str, Any],
    acknowledgements: list[dict[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """The check to record: the reported one, or with a checker attached the domain's own
    check of ``revision`` (refused on a block, and for an approval on a warning without a
    reason); see desk.review.recheck. A replay of the journal takes the check recorded
    then and runs none (``judged``)."""
    return judged(
        session, "check", lambda: _domain_check(session, revision, reported, acknowledgements)
    )


def _domain_check(
    session: Session,
    revision: Revision,
    reported: dict[str, Any],
    acknowledgements: list[dict[str, Any]] | None,
) -> dict[str, Any] | None:
    checker = attached_checker(session)
    if checker is None:
        return None
    ignored = (
        session.scalars(select(IgnoredFinding).where(IgnoredFinding.draft_id == revision.draft_id))
        if acknowledgements is not None
        else ()
    )
    findings = verify(
        checker,
        revision.title,
        revision.body_html,
        revision.body_text,
        reported,
        acknowledgements,
        ignored,
    )
    recorded = check_snapshot(
        checker.lexicon_hash, checker.whitelist_hash, [f.to_json() for f in findings]
    )
    return {**recorded, "rechecked": True}


def _signable(attributes: dict[str, Any]) -> None:
    _require(attributes.get("公开属性") in DISCLOSURES, "签发前必须确定公开属性", "disclosure")


def _next_status(draft: Draft, level: str) -> str:
    if level == "review3":
        return "principal" if draft.major else READY
    if level == "principal":
        return READY
    return LEVELS[LEVELS.index(level) + 1]


def _record(
    session: Session,
    command: Command,
    draft: Draft,
    revision: Revision,
    level: str,
    action: str,
    opinion: str,
    proofread: bool,
    acknowledgements: list[dict[str, Any]],
    now: datetime,
    *,
    check: dict[str, Any] | None = None,
) -> None:
    session.add(
        ReviewAction(
            id=command.command_id,
            draft_id=draft.id,
            revision_id=revision.id,
            level=level,
            action=action,
            actor=command.actor,
            content_hash=revision.content_hash,
            opinion=opinion,
            proofread=proofread,
            acknowledgements=list(acknowledgements),
            check=check if check is not None else dict(getattr(command, "check", {})),
            created_at=now,
            voided_at=None,
            voided_by=None,
        )
    )


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise CommandRejected(f"审核环节只能是 {'、'.join(LEVELS)}，收到 {level!r}")


def _iso_date(text: str, field: str | None = None) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandRejected(f"日期格式应为 YYYY-MM-DD，收到 {text!r}", field=field) from None


def _replay_step(session: Session, result_id: uuid.UUID | None) -> StepResult:
    action = session.get(ReviewAction, result_id) or session.get(Publication, result_id)
    if action is None:  # SetAttributes: the revision it made
        revision = session.get_one(Revision, result_id)
        draft = session.get_one(Draft, revision.draft_id)
        return StepResult(draft.id, draft.status, revision.content_hash)
    draft = session.get_one(Draft, action.draft_id)
    return StepResult(draft.id, draft.status, action.content_hash)


register(SetDraftDetails, _set_details, no_replay)
register(SetAttributes, _set_attributes, _replay_step)
register(Submit, _submit, _replay_step)
register(Withdraw, _withdraw, _replay_step)
register(Approve, _approve, _replay_step)
register(Reject, _reject, _replay_step)
register(Publish, _publish, _replay_step)
register(RequestModification, _request_modification, _replay_step)
register(Retract, _retract, _replay_step)
