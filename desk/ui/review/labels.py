"""The flow's names (levels, stages, actions, statuses, inbox groups) in the UI's language.

The domain names them in Chinese (desk.review.roles.LEVEL_LABELS, desk.review.stages,
desk.review.inbox.INBOX_GROUPS); they are marked here so lupdate offers them for
translation, and a test keeps the lists in step.
"""

from __future__ import annotations

from desk.review.inbox import INBOX_GROUPS
from desk.review.roles import LEVEL_LABELS
from desk.review.stages import DRAFT, PUBLISHED, READY, STATUS_LABELS, step_label
from desk.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

TRANSLATED_LEVELS = (
    QT_TRANSLATE_NOOP("levels", "一审"),
    QT_TRANSLATE_NOOP("levels", "二审"),
    QT_TRANSLATE_NOOP("levels", "三审签发"),
    QT_TRANSLATE_NOOP("levels", "主要领导审定"),
)

TRANSLATED_ACTIONS = (
    QT_TRANSLATE_NOOP("actions", "提交审核"),
    QT_TRANSLATE_NOOP("actions", "撤回"),
    QT_TRANSLATE_NOOP("actions", "通过"),
    QT_TRANSLATE_NOOP("actions", "退回"),
    QT_TRANSLATE_NOOP("actions", "申请修改"),
    QT_TRANSLATE_NOOP("actions", "发布"),
    QT_TRANSLATE_NOOP("actions", "撤稿"),
    QT_TRANSLATE_NOOP("actions", "中止审核"),
)
TRANSLATED_APPROVALS = (
    QT_TRANSLATE_NOOP("actions", "签发"),
    QT_TRANSLATE_NOOP("actions", "审定"),
)
DRAFTING = QT_TRANSLATE_NOOP("stages", "起草")
PUBLISHING = QT_TRANSLATE_NOOP("stages", "发布")

TRANSLATED_STATUSES = (
    QT_TRANSLATE_NOOP("statuses", "草稿"),
    QT_TRANSLATE_NOOP("statuses", "待一审"),
    QT_TRANSLATE_NOOP("statuses", "待二审"),
    QT_TRANSLATE_NOOP("statuses", "待签发"),
    QT_TRANSLATE_NOOP("statuses", "待审定"),
    QT_TRANSLATE_NOOP("statuses", "待发布"),
    QT_TRANSLATE_NOOP("statuses", "已发布"),
    QT_TRANSLATE_NOOP("statuses", "已撤稿"),
)
# A published item whose modification is under way: the published version is still out.
MODIFYING = QT_TRANSLATE_NOOP("statuses", "已发布（修改中）")
# A draft sent back by a reviewer (退回), to be changed and submitted again.
RETURNED = QT_TRANSLATE_NOOP("statuses", "被退回")

TRANSLATED_INBOX_GROUPS = (
    QT_TRANSLATE_NOOP("inbox", "被退回"),
    QT_TRANSLATE_NOOP("inbox", "待一审"),
    QT_TRANSLATE_NOOP("inbox", "待二审"),
    QT_TRANSLATE_NOOP("inbox", "待签发"),
    QT_TRANSLATE_NOOP("inbox", "待审定"),
    QT_TRANSLATE_NOOP("inbox", "待发布"),
    QT_TRANSLATE_NOOP("inbox", "其他在办稿件"),
)


def level_label(level: str) -> str:
    """The review level's name (环节) in the UI's language."""
    return QCoreApplication.translate("levels", LEVEL_LABELS.get(level, level))


def stage_label(stage: str) -> str:
    """The stage a revision or step was made at: 起草, a review level, or 发布."""
    if stage == DRAFT:
        return QCoreApplication.translate("stages", DRAFTING)
    if stage == READY:
        return QCoreApplication.translate("stages", PUBLISHING)
    return level_label(stage)


def action_label(action: str, level: str = "") -> str:
    """A step (提交审核, 通过 or at their levels 签发 and 审定, 退回, 发布 …) in the UI's
    language; ``level``: where it was taken."""
    return QCoreApplication.translate("actions", step_label(level, action))


def status_label(status: str, live: bool = False, returned: bool = False) -> str:
    """A draft's status (草稿, 待一审 … 已撤稿) in the UI's language; ``live``: a published
    version is out, so a draft being modified reads 已发布（修改中）; ``returned``: a
    draft back from review reads 被退回."""
    if live and status != PUBLISHED:
        return QCoreApplication.translate("statuses", MODIFYING)
    if returned and status == DRAFT:
        return QCoreApplication.translate("statuses", RETURNED)
    return QCoreApplication.translate("statuses", STATUS_LABELS.get(status, status))


def inbox_group_label(group: str) -> str:
    """An inbox group's heading (被退回, 待一审 … 待发布) in the UI's language."""
    return QCoreApplication.translate("inbox", INBOX_GROUPS.get(group, group))
