"""Who may change a draft's text at each stage, and what a change does to approvals.

Only the drafter edits while the draft is a draft; a change then voids every approval
still standing. During review only a reviewer of the current level may correct the
text: the revision is theirs (``Revision.stage``), it voids approvals of the levels
above and stays visible to the levels below. After 签发 the text is fixed until a
modification is requested. A 主要领导 correction at 审定 sends the draft back for
签发, since publishing needs 签发 of exactly the published text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desk.review.directory import person_named
from desk.review.errors import CommandRejected
from desk.review.replay_mode import replaying
from desk.review.roles import LEVEL_LABELS, LEVELS
from desk.review.routing import reviewer
from desk.store.models import Draft, ReviewAction

DRAFT = "draft"
READY = "ready"
PUBLISHED = "published"
RETRACTED = "retracted"
STATUS_LABELS = {
    DRAFT: "草稿",
    "review1": "待一审",
    "review2": "待二审",
    "review3": "待签发",
    "principal": "待审定",
    READY: "待发布",
    PUBLISHED: "已发布",
    RETRACTED: "已撤稿",
}
# A step in a draft's history and the stage it was taken at, as people name them. An
# approval is 通过 at 一审 and 二审, and has its own name at the levels that sign.
ACTION_LABELS = {
    "submit": "提交审核",
    "withdraw": "撤回",
    "approve": "通过",
    "reject": "退回",
    "modify": "申请修改",
    "publish": "发布",
    "retract": "撤稿",
    "halt": "中止审核",  # a modification under way, stopped by 撤稿
}
APPROVAL_LABELS = {"review3": "签发", "principal": "审定"}
STAGE_LABELS = {DRAFT: "起草", **LEVEL_LABELS, READY: "发布"}


def step_label(level: str, action: str) -> str:
    """What a step is called: 签发 for an approval at 三审, 审定 at 主要领导, else its action's
    name (the action itself when unknown)."""
    if action == "approve" and level in APPROVAL_LABELS:
        return APPROVAL_LABELS[level]
    return ACTION_LABELS.get(action, action)


def editing_stage(
    session: Session, draft: Draft, actor: str, now: datetime, doing: str = "修改"
) -> str:
    """The stage a change by ``actor`` is made at; CommandRejected if they may not make it
    now: while a draft, only its drafter; during review, only a reviewer of the current
    level. ``doing`` names the change in the refusal (修改, 忽略提示). Who made a
    journaled change is not judged again while the journal is replayed."""
    judging = not replaying(session)
    if draft.status == DRAFT:
        if judging and actor != draft.created_by:
            raise CommandRejected(f"稿件尚未提交审核，只有起草人可以{doing}")
        return DRAFT
    if draft.status in LEVELS:
        if judging and reviewer(session, actor, draft.unit_id, draft.status, now) is None:
            raise CommandRejected(
                f"稿件正在{LEVEL_LABELS[draft.status]}，只有该环节的审核人可以{doing}"
            )
        return draft.status
    raise CommandRejected(
        f"稿件{STATUS_LABELS[draft.status]}，不能直接{doing}；如需修改请先提出修改申请"
    )


def after_edit(session: Session, draft: Draft, stage: str, actor: str, now: datetime) -> None:
    """Void what the change at ``stage`` invalidates."""
    who = person_named(session, actor)
    if stage == DRAFT:
        void_approvals(session, draft, LEVELS, now, f"起草人{who}修改了稿件")
        return
    above = LEVELS[LEVELS.index(stage) + 1 :]
    void_approvals(session, draft, above, now, f"{LEVEL_LABELS[stage]}审核人{who}修改了稿件")
    if stage == "principal":
        void_approvals(session, draft, ("review3",), now, f"主要领导{who}修改了稿件，需重新签发")
        draft.status = "review3"


def void_approvals(
    session: Session, draft: Draft, levels: tuple[str, ...], now: datetime, why: str
) -> None:
    """Mark the standing approvals of ``levels`` void, saying why."""
    if not levels:
        return
    session.execute(
        update(ReviewAction)
        .where(
            ReviewAction.draft_id == draft.id,
            ReviewAction.action == "approve",
            ReviewAction.level.in_(levels),
            ReviewAction.voided_at.is_(None),
        )
        .values(voided_at=now, voided_by=why)
    )


def standing_approvals(session: Session, draft: Draft) -> list[ReviewAction]:
    """Approvals not voided, oldest first."""
    return list(
        session.scalars(
            select(ReviewAction)
            .where(
                ReviewAction.draft_id == draft.id,
                ReviewAction.action == "approve",
                ReviewAction.voided_at.is_(None),
            )
            .order_by(ReviewAction.created_at, ReviewAction.id)
        )
    )
