"""Role names, account states and delegation periods as the admin screen
shows them, in the UI's language.

The states have a context of their own ("accounts"): the admin dialog uses 启用 and 停用
as button actions too, which translate differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from desk.review.accounts import local_time
from desk.review.directory import AccountView, DelegationView
from desk.review.roles import ROLES
from desk.ui.qt import QT_TRANSLATE_NOOP, QCoreApplication

# The domain's role names (desk.review.roles.ROLES), marked here so lupdate offers them
# for translation; a test keeps this list and the domain's in step.
TRANSLATED_ROLES = (
    QT_TRANSLATE_NOOP("roles", "信息发布联络员"),
    QT_TRANSLATE_NOOP("roles", "一审（工作人员）"),
    QT_TRANSLATE_NOOP("roles", "二审（处/科室负责人）"),
    QT_TRANSLATE_NOOP("roles", "三审签发（分管领导）"),
    QT_TRANSLATE_NOOP("roles", "审定（主要领导）"),
    QT_TRANSLATE_NOOP("roles", "管理员"),
)


def person(name: str, login: str) -> str:
    """'姓名（login）': the name people know, the login that tells two namesakes apart."""
    return f"{name}（{login}）"


def role_label(role: str) -> str:
    """The role's name in the UI's language."""
    return QCoreApplication.translate("roles", ROLES[role])


def role_labels(roles: Iterable[str]) -> str:
    """The roles' names in the order of ROLES, joined for a table cell."""
    held = set(roles)
    return "、".join(role_label(role) for role in ROLES if role in held)


def delegation_period(delegation: DelegationView) -> str:
    """When the delegation runs, in local time; open-ended ones run until revoked."""
    start = local_time(delegation.starts_at)
    if delegation.ends_at is None:
        return QCoreApplication.translate("delegations", "{start} 起，直至撤销").format(start=start)
    period = QCoreApplication.translate("delegations", "{start} 至 {end}")
    return period.format(start=start, end=local_time(delegation.ends_at))


def account_status(account: AccountView, now: datetime) -> str:
    """启用, 停用 or 锁定至 …: whether the account can log in at ``now``."""
    if not account.active:
        return QCoreApplication.translate("accounts", "停用")
    if account.locked_until is not None and account.locked_until > now:
        locked = QCoreApplication.translate("accounts", "锁定至 {time}")
        return locked.format(time=local_time(account.locked_until))
    return QCoreApplication.translate("accounts", "启用")
