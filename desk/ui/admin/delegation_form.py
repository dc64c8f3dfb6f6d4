"""新建代理: who stands in for whom, at which of the delegator's review levels, until when.

A delegation made here starts at once and runs through the end of the chosen day
(local time), as one made with ``desk admin delegate`` does; it can be revoked earlier.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from desk.review.directory import AccountView
from desk.review.roles import LEVELS
from desk.ui.admin.forms import FormDialog
from desk.ui.admin.labels import person
from desk.ui.qt import QComboBox, QDate, QDateEdit, QLabel, QLineEdit, QWidget
from desk.ui.review.labels import level_label


@dataclass(frozen=True, slots=True)
class DelegationValues:
    """What the form holds once each choice is made."""

    from_account_id: uuid.UUID
    to_account_id: uuid.UUID
    level: str  # one of LEVELS, held by the delegator
    last_day: date  # the delegation ends when this day does, local time
    reason: str


class DelegationForm(FormDialog):
    """Offers the active accounts holding a review level as delegators, any active account
    as the delegate, the delegator's own levels, and a last day from ``today`` to
    ``latest`` (a delegation runs at most a year); OK hands the values to ``submit``."""

    def __init__(
        self,
        accounts: Sequence[AccountView],
        today: date,
        latest: date,
        submit: Callable[[DelegationValues], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("新建代理"), parent)
        self._send = submit
        active = [account for account in accounts if account.active]
        self._levels = {
            account.id: [level for level in LEVELS if level in account.roles] for account in active
        }
        self.delegator = QComboBox()
        self.delegate = QComboBox()
        for account in active:
            if self._levels[account.id]:
                self.delegator.addItem(person(account.name, account.login), account.id)
            self.delegate.addItem(person(account.name, account.login), account.id)
        self.level = QComboBox()
        first_day = QDate(today.year, today.month, today.day)
        self.last_day = QDateEdit(first_day)
        self.last_day.setMinimumDate(first_day)
        self.last_day.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit()
        hint = QLabel(self.tr("代理自确定时起生效，至截止日期当天结束；可随时撤销。"))
        hint.setWordWrap(True)
        self.fields.addRow(self.tr("委托人："), self.delegator)
        self.fields.addRow(self.tr("代理人："), self.delegate)
        self.fields.addRow(self.tr("环节："), self.level)
        self.fields.addRow(self.tr("截止日期："), self.last_day)
        self.fields.addRow(self.tr("事由："), self.reason)
        self.fields.addRow(hint)
        self.delegator.currentIndexChanged.connect(self._offer_levels)
        self._offer_levels()

    def _offer_levels(self) -> None:
        """The levels the chosen delegator holds: only those can be handed on."""
        self.level.clear()
        for level in self._levels.get(self.delegator.currentData(), []):
            self.level.addItem(level_label(level), level)

    def _submit(self) -> bool:
        chosen = (self.delegator.currentData(), self.delegate.currentData())
        level = self.level.currentData()
        if None in chosen or level is None:
            self.error.setText(self.tr("请选择委托人、代理人和环节"))
            return False
        return self._send(
            DelegationValues(
                from_account_id=chosen[0],
                to_account_id=chosen[1],
                level=level,
                last_day=self.last_day.date().toPython(),
                reason=self.reason.text(),
            )
        )
