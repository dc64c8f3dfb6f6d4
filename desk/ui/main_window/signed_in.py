"""Who works in the window, and as what: the window title and a permanent status-bar
label, so that nobody reviews or signs under another person's name unawares."""

from __future__ import annotations

from desk.review.directory import AccountView
from desk.ui.admin.labels import person, role_labels
from desk.ui.qt import QCoreApplication, QLabel


def signed_in_title(login: str, account: AccountView | None) -> str:
    """'Desk 审校台 — 李联络 · 信息发布联络员' (the login alone for a login that is no
    account, as in scripts)."""
    name, roles = _name_and_roles(login, account)
    who = f"{name} · {roles}" if roles else name
    return QCoreApplication.translate("signed_in", "Desk 审校台 — {who}").format(who=who)


class SignedInLabel(QLabel):
    """'李联络（li） · 信息发布联络员'; the tooltip adds the unit and how to sign out."""

    def __init__(self) -> None:
        super().__init__()
        self.setContentsMargins(12, 0, 4, 0)  # apart from the lexicon's label

    def show_account(self, login: str, account: AccountView | None, sign_out_keys: str) -> None:
        name, roles = _name_and_roles(login, account)
        who = person(name, login)
        self.setText(f"{who} · {roles}" if roles else who)
        unit = account.unit_name if account is not None else None
        none = self.tr("（无）")
        tip = self.tr("已登录：{person}\n单位：{unit}\n角色：{roles}\n注销/切换账号：{keys}")
        self.setToolTip(
            tip.format(person=who, unit=unit or none, roles=roles or none, keys=sign_out_keys)
        )


def _name_and_roles(login: str, account: AccountView | None) -> tuple[str, str]:
    if account is None:
        return login, ""
    return account.name, role_labels(account.roles)
