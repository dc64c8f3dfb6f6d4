"""What a stalled flow looks like to people: a line for whoever looks at the draft, and
for the administrator what to set and where (desk.review.stalls finds the stalls)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from desk.review.roles import ROLES
from desk.review.stalls import NOBODY, Gap, Stall, stall_of
from desk.store import Store, StoreError
from desk.ui.qt import QCoreApplication
from desk.ui.review.labels import level_label

translate = QCoreApplication.translate  # by this name lupdate finds the texts below


def _names(level: str, unit: str) -> dict[str, str]:
    """What the sentences below name: the act (签发), the level, the unit and the role."""
    acts = {
        "review1": translate("stalls", "一审"),
        "review2": translate("stalls", "二审"),
        "review3": translate("stalls", "签发"),
        "principal": translate("stalls", "审定"),
    }
    return {
        "act": acts[level],
        "level": level_label(level),
        "unit": unit,
        "role": translate("roles", ROLES[level]),
    }


def stall_text(stall: Stall) -> str:
    """For the drafter or a reviewer: where the draft is stuck (or will be), and what
    to ask the administrator for."""
    if stall.why == NOBODY:
        if stall.level == "review3":
            advice = translate("stalls", "请管理员为「{unit}」设置分管领导")
        elif stall.level == "principal":
            advice = translate("stalls", "请管理员为主要领导的账号加上“{role}”角色")
        else:
            advice = translate("stalls", "请管理员为「{unit}」的人员加上“{role}”角色")
        if stall.ahead:
            said = translate("stalls", "稿件将停在{level}，暂无人能{act}：{advice}")
        else:
            said = translate("stalls", "暂无人能{act}此稿：{advice}")
    else:
        advice = translate("stalls", "请管理员为{level}设置代理人，或增加{level}人员")
        if stall.ahead:
            said = translate(
                "stalls", "稿件到{level}时，该环节的审核人都参与过本稿件（审稿分离）：{advice}"
            )
        else:
            said = translate(
                "stalls", "{level}的审核人都参与过本稿件，按审稿分离不能审核：{advice}"
            )
    names = _names(stall.level, stall.unit)
    return said.format(advice=advice.format(**names), **names)


def stall_line(store: Store, draft_id: uuid.UUID | None, login: str) -> str:
    """A line to add under a draft's status when it is stuck or will be ("" when it
    is not, or when the store can't say)."""
    try:
        stall = stall_of(store, draft_id, login)
    except StoreError:
        return ""
    return "⚠ " + stall_text(stall) if stall is not None else ""


def stall_reason(stall: Stall) -> str:
    """Why a listed draft is stuck, in a few words."""
    if stall.why == NOBODY:
        return translate("stalls", "无人能{act}").format(**_names(stall.level, stall.unit))
    return translate("stalls", "审核人均须回避（审稿分离）")


def gap_text(gap: Gap) -> str:
    """For the administrator: which level of which unit has nobody, and what to set."""
    if gap.level == "review3":
        text = translate(
            "stalls",
            "「{unit}」没有分管领导，稿件无人签发：请在“单位”页选中「{unit}」，"
            "点“设置分管领导…”，选一位有“{role}”角色的账号",
        )
    elif gap.level == "principal":
        text = translate(
            "stalls",
            "没有主要领导账号，重大事项无人审定：请在“账号”页为主要领导加上“{role}”角色",
        )
    else:
        text = translate(
            "stalls",
            "「{unit}」没有{level}人员：请在“账号”页为「{unit}」的人员加上“{role}”角色",
        )
    return text.format(**_names(gap.level, gap.unit))


def unrouted_text(levels: Sequence[str], admins: Sequence[str]) -> str:
    """For a reviewer whose inbox stays empty: the roles they hold that bring them no
    drafts (desk.review.stalls.unrouted_levels), and whom to ask (``admins``' names)."""
    ask = translate("stalls", "请联系管理员{names}").format(
        names=" " + "、".join(admins) if admins else ""
    )
    lines = []
    for level in levels:
        if level == "review3":
            said = translate(
                "stalls",
                "您有“{role}”角色，但还不是任何单位的分管领导，待签发的稿件不会送到您这里。"
                "{ask}，在“账号与单位管理”的“单位”页把您设为分管领导。",
            )
        else:
            said = translate(
                "stalls",
                "您有“{role}”角色，但账号没有所属单位，待{level}的稿件不会送到您这里。"
                "{ask}，为您的账号设置所属单位。",
            )
        role = translate("roles", ROLES[level])
        lines.append(said.format(role=role, level=level_label(level), ask=ask))
    return "\n".join(lines)
