"""账号与单位管理: an admin's tables of accounts, units and delegations (代理), changed only
by domain commands.

Every change is one command applied as ``actor``, so the domain decides who may do what
and why not; a refusal changes nothing and its reason is shown in red in the form being
filled in (or in this dialog, when a change is asked for directly). The tables are read
again after every change. The 代理 tab lists the delegations still to come or running.
Above the tabs a warning says which review level of which unit has nobody and exactly
what to set; the 停滞稿件 tab lists the drafts stuck there.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from desk.review.accounts import (
    CreateAccount,
    CreateUnit,
    Delegate,
    RevokeDelegation,
    SetPassword,
    SetUnitLeader,
    UpdateAccount,
    delegation_end,
    last_delegation_day,
)
from desk.review.commands import apply, new_id
from desk.review.directory import (
    AccountView,
    DelegationView,
    UnitView,
    list_accounts,
    list_delegations,
    list_units,
)
from desk.review.errors import CommandRejected
from desk.review.names import normalize_login
from desk.review.passwords import WeakPassword, hash_password
from desk.review.stalls import stall_report
from desk.store import Store, StoreError
from desk.ui.admin.account_editor import AccountEditor, AccountValues
from desk.ui.admin.delegation_form import DelegationForm, DelegationValues
from desk.ui.admin.forms import FormDialog, LeaderForm, PasswordForm, UnitForm, error_label
from desk.ui.admin.labels import (
    account_status,
    delegation_period,
    person,
    role_labels,
)
from desk.ui.admin.stalls import FlowWarnings, fill_stalled
from desk.ui.admin.tables import fill, page, selected_id, table
from desk.ui.qt import QDialog, QDialogButtonBox, QPushButton, QTabWidget, QVBoxLayout, QWidget
from desk.ui.review.labels import level_label
from desk.ui.screen_fit import fit_to_screen

_NONE = "—"
_LEADER_ROLE = "review3"  # the domain lets only holders of this role lead a unit
STALLED_TAB = 3


class AdminDialog(QDialog):
    """Tabs 账号, 单位 and 代理 with their buttons; each change method returns whether it
    was made."""

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.setWindowTitle(self.tr("账号与单位管理"))
        self._accounts: dict[uuid.UUID, AccountView] = {}
        self._units: dict[uuid.UUID, UnitView] = {}
        self._delegations: dict[uuid.UUID, DelegationView] = {}
        self._form: FormDialog | None = None

        self.accounts = table(
            [self.tr("登录名"), self.tr("姓名"), self.tr("单位"), self.tr("角色"), self.tr("状态")]
        )
        self.new_account_button = QPushButton(self.tr("新建账号…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.password_button = QPushButton(self.tr("重置密码…"))
        self.active_button = QPushButton(self.tr("停用"))
        self.units = table([self.tr("名称"), self.tr("分管领导")])
        self.new_unit_button = QPushButton(self.tr("新建单位…"))
        self.leader_button = QPushButton(self.tr("设置分管领导…"))
        self.delegations = table(
            [
                self.tr("委托人"),
                self.tr("代理人"),
                self.tr("环节"),
                self.tr("起止时间"),
                self.tr("事由"),
            ]
        )
        self.stalled = table(
            [
                self.tr("标题"),
                self.tr("状态"),
                self.tr("单位"),
                self.tr("原因"),
                self.tr("起草人"),
                self.tr("等待自"),
            ]
        )
        self.flow_warnings = FlowWarnings()
        self.new_delegation_button = QPushButton(self.tr("新建代理…"))
        self.revoke_button = QPushButton(self.tr("撤销"))
        self.tabs = QTabWidget()
        self.tabs.addTab(
            page(
                self.accounts,
                [
                    self.new_account_button,
                    self.edit_button,
                    self.password_button,
                    self.active_button,
                ],
            ),
            self.tr("账号"),
        )
        self.tabs.addTab(
            page(self.units, [self.new_unit_button, self.leader_button]), self.tr("单位")
        )
        self.tabs.addTab(
            page(self.delegations, [self.new_delegation_button, self.revoke_button]),
            self.tr("代理"),
        )
        self.tabs.addTab(page(self.stalled, []), self.tr("停滞稿件"))
        self.error = error_label()
        closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        closing.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        closing.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flow_warnings)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(closing)

        self.new_account_button.clicked.connect(self._new_account)
        self.edit_button.clicked.connect(self._edit_account)
        self.accounts.itemActivated.connect(self._edit_account)
        self.password_button.clicked.connect(self._reset_password)
        self.active_button.clicked.connect(self._toggle_active)
        self.new_unit_button.clicked.connect(self._new_unit)
        self.leader_button.clicked.connect(self._set_leader)
        self.new_delegation_button.clicked.connect(self._new_delegation)
        self.revoke_button.clicked.connect(self._revoke)
        for tree in (self.accounts, self.units, self.delegations):
            tree.currentItemChanged.connect(self._update_buttons)
        self.refresh()
        fit_to_screen(self, 860, 480)

    @property
    def form(self) -> FormDialog | None:
        """The form open over this dialog, if any."""
        return self._form

    def refresh(self) -> None:
        """Read units, accounts and delegations again, keeping the selected rows."""
        self._units = {unit.id: unit for unit in list_units(self.store)}
        self._accounts = {account.id: account for account in list_accounts(self.store)}
        self._delegations = {
            delegation.id: delegation for delegation in list_delegations(self.store)
        }
        now = self.store.clock()
        fill(
            self.accounts,
            [
                (
                    account.id,
                    [
                        account.login,
                        account.name,
                        account.unit_name or _NONE,
                        role_labels(account.roles),
                        account_status(account, now),
                    ],
                )
                for account in self._accounts.values()
            ],
        )
        fill(
            self.units,
            [(unit.id, [unit.name, self._leader(unit)]) for unit in self._units.values()],
        )
        fill(
            self.delegations,
            [
                (
                    delegation.id,
                    [
                        person(delegation.from_name, delegation.from_login),
                        person(delegation.to_name, delegation.to_login),
                        level_label(delegation.level),
                        delegation_period(delegation),
                        delegation.reason,
                    ],
                )
                for delegation in self._delegations.values()
            ],
        )
        self._show_stalls()
        self._update_buttons()

    def _show_stalls(self) -> None:
        """Warn of levels nobody can act at, saying what to set; list the drafts stuck."""
        report = stall_report(self.store)
        self.flow_warnings.show_report(report)
        names = {account.login: account.name for account in self._accounts.values()}
        fill_stalled(self.stalled, report, names)
        count = len(report.drafts)
        label = self.tr("停滞稿件")
        self.tabs.setTabText(STALLED_TAB, f"{label} ({count})" if count else label)

    # --- changes: each one domain command, applied as the actor ----------------------

    def create_unit(self, name: str) -> bool:
        return self._attempt(
            lambda: apply(
                self.store,
                CreateUnit(command_id=new_id(), actor=self.actor, unit_id=new_id(), unit_name=name),
            )
        )

    def set_unit_leader(self, unit_id: uuid.UUID, account_id: uuid.UUID | None) -> bool:
        """Make the account (holding review3) the unit's 分管领导; None: no leader."""
        return self._attempt(
            lambda: apply(
                self.store,
                SetUnitLeader(
                    command_id=new_id(), actor=self.actor, unit_id=unit_id, account_id=account_id
                ),
            )
        )

    def create_account(
        self,
        *,
        login: str,
        name: str,
        unit_id: uuid.UUID | None,
        roles: Sequence[str],
        password: str,
    ) -> bool:
        """A new active account; only the password's hash goes into the command."""

        def create() -> None:
            normalized = normalize_login(login)  # ＷＡＮＧ is wang
            password_hash = hash_password(password, login=normalized)
            apply(
                self.store,
                CreateAccount(
                    command_id=new_id(),
                    actor=self.actor,
                    account_id=new_id(),
                    login=normalized,
                    full_name=name,
                    unit_id=unit_id,
                    roles=list(roles),
                    password_hash=password_hash,
                ),
            )

        return self._attempt(create)

    def update_account(
        self,
        account_id: uuid.UUID,
        *,
        name: str,
        unit_id: uuid.UUID | None,
        roles: Sequence[str],
    ) -> bool:
        """New name, unit and roles; whether it is active stays as stored."""
        return self._attempt(
            lambda: self._update(account_id, name=name, unit_id=unit_id, roles=tuple(roles))
        )

    def set_active(self, account_id: uuid.UUID, active: bool) -> bool:
        """停用 or 启用 the account, keeping everything else."""
        return self._attempt(lambda: self._update(account_id, active=active))

    def reset_password(self, account_id: uuid.UUID, password: str) -> bool:
        """A new password for the account; this also lifts a lockout."""

        def reset() -> None:
            login = self._stored(account_id).login
            apply(
                self.store,
                SetPassword(
                    command_id=new_id(),
                    actor=self.actor,
                    account_id=account_id,
                    password_hash=hash_password(password, login=login),
                ),
            )

        return self._attempt(reset)

    def delegate(self, values: DelegationValues) -> bool:
        """代理 from now until the end of ``values.last_day``, local time."""

        def create() -> None:
            starts = self.store.clock()
            ends = delegation_end(values.last_day, starts)
            apply(
                self.store,
                Delegate(
                    command_id=new_id(),
                    actor=self.actor,
                    delegation_id=new_id(),
                    from_account_id=values.from_account_id,
                    to_account_id=values.to_account_id,
                    level=values.level,
                    starts_at=starts.isoformat(),
                    ends_at=ends.isoformat(),
                    reason=values.reason,
                ),
            )

        return self._attempt(create)

    def revoke_delegation(self, delegation_id: uuid.UUID) -> bool:
        """End the delegation now: its delegate no longer reviews for the delegator."""
        return self._attempt(
            lambda: apply(
                self.store,
                RevokeDelegation(
                    command_id=new_id(), actor=self.actor, delegation_id=delegation_id
                ),
            )
        )

    def _attempt(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except (CommandRejected, WeakPassword, StoreError) as error:
            # where the person is looking: the open form, or this dialog
            (self._form.error if self._form is not None else self.error).setText(str(error))
            return False
        self.error.clear()
        self.refresh()
        return True

    def _update(self, account_id: uuid.UUID, **changes: Any) -> None:
        """UpdateAccount replaces the whole state, so what is not changed is read afresh
        rather than taken from a table another admin may have outdated."""
        account = dataclasses.replace(self._stored(account_id), **changes)
        apply(
            self.store,
            UpdateAccount(
                command_id=new_id(),
                actor=self.actor,
                account_id=account_id,
                full_name=account.name,
                unit_id=account.unit_id,
                roles=list(account.roles),
                active=account.active,
            ),
        )

    def _stored(self, account_id: uuid.UUID) -> AccountView:
        for account in list_accounts(self.store):
            if account.id == account_id:
                return account
        raise CommandRejected(self.tr("账号不存在"))

    # --- forms and buttons -----------------------------------------------------------

    def _open(self, form: FormDialog) -> None:
        """Show ``form`` without blocking; refusals go to it while it is open."""
        self._form = form
        form.finished.connect(lambda _result: self._closed(form))
        form.open()

    def _closed(self, form: FormDialog) -> None:
        if self._form is form:
            self._form = None
        form.deleteLater()

    def _new_account(self) -> None:
        self._open(AccountEditor(list(self._units.values()), None, self._create_from, self))

    def _create_from(self, values: AccountValues) -> bool:
        return self.create_account(
            login=values.login,
            name=values.name,
            unit_id=values.unit_id,
            roles=values.roles,
            password=values.password,
        )

    def _edit_account(self) -> None:
        account = self._selected_account()
        if account is None:
            return

        def save(values: AccountValues) -> bool:
            return self.update_account(
                account.id, name=values.name, unit_id=values.unit_id, roles=values.roles
            )

        self._open(AccountEditor(list(self._units.values()), account, save, self))

    def _reset_password(self) -> None:
        account = self._selected_account()
        if account is not None:
            self._open(
                PasswordForm(
                    account, lambda password: self.reset_password(account.id, password), self
                )
            )

    def _toggle_active(self) -> None:
        account = self._selected_account()
        if account is not None:
            self.set_active(account.id, not account.active)

    def _new_unit(self) -> None:
        self._open(UnitForm(self.create_unit, self))

    def _set_leader(self) -> None:
        unit = self._units.get(selected_id(self.units))
        if unit is None:
            return
        candidates = [
            account
            for account in self._accounts.values()
            if account.active and _LEADER_ROLE in account.roles
        ]
        self._open(
            LeaderForm(
                unit, candidates, lambda account_id: self.set_unit_leader(unit.id, account_id), self
            )
        )

    def _new_delegation(self) -> None:
        now = self.store.clock()
        days = (now.astimezone().date(), last_delegation_day(now))
        self._open(DelegationForm(list(self._accounts.values()), *days, self.delegate, self))

    def _revoke(self) -> None:
        delegation_id = selected_id(self.delegations)
        if delegation_id in self._delegations:
            self.revoke_delegation(delegation_id)

    def _selected_account(self) -> AccountView | None:
        return self._accounts.get(selected_id(self.accounts))

    def _update_buttons(self) -> None:
        account = self._selected_account()
        for button in (self.edit_button, self.password_button, self.active_button):
            button.setEnabled(account is not None)
        inactive = account is not None and not account.active
        self.active_button.setText(self.tr("启用") if inactive else self.tr("停用"))
        self.leader_button.setEnabled(selected_id(self.units) in self._units)
        self.revoke_button.setEnabled(selected_id(self.delegations) in self._delegations)

    def _leader(self, unit: UnitView) -> str:
        leader = self._accounts.get(unit.leader_id) if unit.leader_id is not None else None
        return person(leader.name, leader.login) if leader is not None else _NONE
