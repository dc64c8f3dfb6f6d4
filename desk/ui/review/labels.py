"""The flow's level, status and inbox group names in the UI's language.

The domain names them in Chinese (desk.review.roles.LEVEL_LABELS,
desk.review.stages.STATUS_LABELS, desk.review.inbox.INBOX_GROUPS); they are marked
here so lupdate offers them for translation, and a test keeps the lists in step.
"""

from __future__ import annotations

from desk.review.inbox import INBOX_GROUPS
from desk.review.roles import LEVEL_LABELS
from desk.review.stages import STATUS_LABELS
from desk.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

TRANSLATED_LEVELS = (
    QT_TRANSLATE_NOOP("levels", "一审"),
    QT_TRANSLATE_NOOP("levels", "二审"),
    QT_TRANSLATE_NOOP("levels", "三审签发"),
    QT_TRANSLATE_NOOP("levels", "主要领导审定"),
)

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

TRANSLATED_INBOX_GROUPS = (
    QT_TRANSLATE_NOOP("inbox", "被退回"),
    QT_TRANSLATE_NOOP("inbox", "待一审"),
    QT_TRANSLATE_NOOP("inbox", "待二审"),
    QT_TRANSLATE_NOOP("inbox", "待签发"),
    QT_TRANSLATE_NOOP("inbox", "待审定"),
    QT_TRANSLATE_NOOP("inbox", "待发布"),
)


def level_label(level: str) -> str:
    """The review level's name (环节) in the UI's language."""
    return QCoreApplication.translate("levels", LEVEL_LABELS.get(level, level))


def status_label(status: str) -> str:
    """A draft's status (草稿, 待一审 … 已撤稿) in the UI's language."""
    return QCoreApplication.translate("statuses", STATUS_LABELS.get(status, status))


def inbox_group_label(group: str) -> str:
    """An inbox group's heading (被退回, 待一审 … 待发布) in the UI's language."""
    return QCoreApplication.translate("inbox", INBOX_GROUPS.get(group, group))
