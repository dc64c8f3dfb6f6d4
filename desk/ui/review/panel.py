"""The review panel beside the editor: where the draft stands, its history, and the one
step the signed-in person can take now (submit, approve or sign, reject, publish …).

The panel only shows and asks; every step is a domain command (desk.review.workflow),
which enforces the rules whatever the panel shows. Before a step the window saves the
editor (a reviewer's correction is a revision of theirs) and the step names the hash
of exactly that text, with the check result the person saw.
"""

from __future__ import annotations

import contextlib
import html
import uuid
from collections.abc import Callable, Sequence
from functools import partial

from desk.review.calendar_workdays import WorkCalendar
from desk.review.commands import Command, CommandRejected, apply, new_id
from desk.review.diff import changes_html
from desk.review.directory import reviewers_for
from desk.review.findings import Finding
from desk.review.inbox import ReviewState, review_state
from desk.review.roles import LEVELS
from desk.review.seen import SINCE_SEEN, ChangesToSee, changes_to_see
from desk.review.stages import (
    DRAFT,
    PUBLISHED,
    READY,
)
from desk.review.workflow import (
    CHANNELS,
    DISCLOSURES,
    Approve,
    Publish,
    Reject,
    RequestModification,
    Retract,
    SetAttributes,
    SetDraftDetails,
    StepResult,
    Submit,
    check_snapshot,
)
from desk.store import Store, StoreError
from desk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desk.ui.review.labels import action_label, level_label, stage_label, status_label


class ReviewPanel(QWidget):
    """One draft's flow for one person (``login``)."""

    acted = Signal(object)  # StepResult, after a step was taken
    anchor_requested = Signal(dict)  # show the span a returned draft's comment is about
    history_requested = Signal()  # open the revision history (the full comparison)

    def __init__(
        self,
        store: Store,
        login: str,
        prepare: Callable[[], uuid.UUID | None],
        findings: Callable[[], Sequence[Finding]],
        check_hashes: Callable[[], tuple[str, str]],
        selection: Callable[[], dict[str, object] | None] = lambda: None,
        calendar: WorkCalendar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``prepare()`` saves the editor and returns the draft's id, or None when it may
        not be acted on now (still checking, or the save failed); ``findings()`` and
        ``check_hashes()`` give what the person sees: findings, lexicon and whitelist hash;
        ``selection()`` the span selected in the editor, which a rejection's comment is
        pinned to ({field, start, end, text} in code points, or None)."""
        super().__init__(parent)
        self.store = store
        self.login = login
        self._prepare = prepare
        self._findings = findings
        self._check_hashes = check_hashes
        self._selection = selection
        self._calendar = calendar
        self.state: ReviewState | None = None

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.returned = QLabel()
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet("QLabel { background: #fff4e5; padding: 6px; }")
        self.returned.linkActivated.connect(self._show_anchor)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        # what changed since the person last acted, or during this round of review
        self.changes_title = QLabel()
        self.changes_title.setWordWrap(True)
        self.changes_title.linkActivated.connect(self.history_requested)
        self.changes = QTextBrowser()
        self.changes.setMaximumHeight(160)
        self.changes_box = QWidget()
        changes = QVBoxLayout(self.changes_box)
        changes.setContentsMargins(0, 0, 0, 0)
        changes.addWidget(self.changes_title)
        changes.addWidget(self.changes)
        self.seen_changes: ChangesToSee | None = None
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(
            [self.tr("环节"), self.tr("操作"), self.tr("人员"), self.tr("意见"), self.tr("时间")]
        )
        header = self.history.header()  # names and times whole; the opinion takes the rest
        header.setStretchLastSection(False)
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        # 公开属性 and details (the drafter proposes, 签发 fixes)
        self.disclosure = QComboBox()
        self.disclosure.addItems(DISCLOSURES)
        self.disclosure_reason = QLineEdit()
        self.withheld = QLineEdit()
        self.major = QCheckBox(self.tr("重大事项（需主要领导审定）"))
        self.formed_known = QCheckBox(self.tr("信息形成日期"))
        self.formed_on = QDateEdit(QDate.currentDate())
        self.formed_on.setCalendarPopup(True)
        self.formed_on.setDisplayFormat("yyyy-MM-dd")
        self.attributes_box = QGroupBox(self.tr("公开属性"))
        form = QFormLayout(self.attributes_box)
        form.addRow(self.tr("公开属性"), self.disclosure)
        form.addRow(self.tr("理由"), self.disclosure_reason)
        form.addRow(self.tr("不予公开的内容"), self.withheld)
        dated = QHBoxLayout()
        dated.addWidget(self.formed_known)
        dated.addWidget(self.formed_on)
        form.addRow(dated)
        form.addRow(self.major)

        # 审 and 校
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText(self.tr("审核意见"))
        self.opinion.setMaximumHeight(80)
        self.proofread = QCheckBox(self.tr("已完成校对"))
        self.secrecy = QCheckBox(self.tr("已进行保密审查，确认不涉及国家秘密、工作秘密和敏感信息"))
        self.acknowledgements = QTreeWidget()
        self.acknowledgements.setRootIsDecorated(False)
        self.acknowledgements.setHeaderLabels([self.tr("提醒"), self.tr("处理理由（必填）")])
        self.acknowledgements.setMaximumHeight(120)
        self._reasons: list[tuple[Finding, QLineEdit]] = []
        self.review_box = QGroupBox(self.tr("审核"))
        review = QVBoxLayout(self.review_box)
        review.addWidget(self.opinion)
        review.addWidget(self.acknowledgements)
        review.addWidget(self.proofread)
        review.addWidget(self.secrecy)

        self.channels = {channel: QCheckBox(channel) for channel in CHANNELS}
        self.publish_box = QGroupBox(self.tr("发布渠道"))
        channels = QHBoxLayout(self.publish_box)
        for box in self.channels.values():
            channels.addWidget(box)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label in (
            ("submit", self.tr("提交审核")),
            ("approve", self.tr("通过")),
            ("sign", self.tr("签发")),
            ("reject", self.tr("退回…")),
            ("publish", self.tr("发布")),
            ("modify", self.tr("申请修改…")),
            ("retract", self.tr("撤稿…")),
        ):
            button = QPushButton(label)
            button.clicked.connect(partial(self._clicked, key))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.returned)
        layout.addWidget(self.changes_box)
        layout.addWidget(self.attributes_box)
        layout.addWidget(self.review_box)
        layout.addWidget(self.publish_box)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.history, 1)
        self.show_draft(None)

    # Showing

    def show_draft(self, draft_id: uuid.UUID | None) -> None:
        """Show the draft's state (None: a draft not saved yet)."""
        self.error.clear()
        try:
            self.state = review_state(self.store, draft_id, self._calendar) if draft_id else None
        except (LookupError, StoreError) as error:
            self.state = None
            self.error.setText(str(error))
        state = self.state
        self._show_status(state)
        self._show_changes(state)
        self._show_history(state)
        mine = state is not None and state.created_by == self.login
        status = state.status if state else DRAFT
        at_level = status in LEVELS and self.can_review()
        drafting = self.can_submit()
        self.attributes_box.setVisible(drafting or (at_level and status == "review3"))
        self.formed_known.setEnabled(drafting)
        self.formed_on.setEnabled(drafting)
        self.major.setEnabled(drafting)
        self.review_box.setVisible(at_level)
        self.secrecy.setVisible(status == "review3")
        self.publish_box.setVisible(status == READY and mine)
        shown = {
            "submit": drafting,
            "approve": at_level and status != "review3",
            "sign": at_level and status == "review3",
            "reject": at_level,
            "publish": status == READY and mine,
            "modify": status == PUBLISHED and mine,
            "retract": status == PUBLISHED,
        }
        for key, button in self.buttons.items():
            button.setVisible(shown[key])
        if state is not None:
            self._fill_attributes(state)
        self.refresh_findings()

    def can_submit(self) -> bool:
        """Whether the draft shown is the person's own draft (or not saved yet)."""
        state = self.state
        return state is None or (state.status == DRAFT and state.created_by == self.login)

    def can_review(self) -> bool:
        """Whether the person is a reviewer at the draft's current level."""
        state = self.state
        if state is None or state.status not in LEVELS:
            return False
        try:
            people = reviewers_for(self.store, state.unit_id, state.status)
        except StoreError:
            return False
        return any(person.login == self.login for person in people)

    def refresh_findings(self) -> None:
        """List the warn findings to acknowledge (after the check of new text)."""
        self.acknowledgements.clear()
        kept = {finding_key(f): edit.text() for f, edit in self._reasons}
        self._reasons = []
        for finding in self._findings():
            if finding.severity != "warn":
                continue
            item = QTreeWidgetItem([f"「{finding.text}」{finding.message}"])
            self.acknowledgements.addTopLevelItem(item)
            reason = QLineEdit(kept.get(finding_key(finding), ""))
            self.acknowledgements.setItemWidget(item, 1, reason)
            self._reasons.append((finding, reason))
        self.acknowledgements.setVisible(bool(self._reasons))

    # Steps (also called by tests)

    def submit(self) -> bool:
        state = self._prepared()
        if state is None:
            return False
        if not self._apply_details(state) or not self._apply_attributes():
            return False
        return self._step(Submit(new_id(), self.login, state.draft_id, self._hash(), self._check()))

    def approve(self) -> bool:
        state = self._prepared()
        if state is None:
            return False
        if state.status == "review3" and not self._apply_attributes():
            return False
        acks = [
            {**_key_dict(finding), "text": finding.text, "reason": edit.text().strip()}
            for finding, edit in self._reasons
        ]
        return self._step(
            Approve(
                new_id(), self.login, state.draft_id, state.status, self._hash(),
                self.opinion.toPlainText(), self.proofread.isChecked(), acks, self._check(),
                self.secrecy.isChecked(),
            )
        )  # fmt: skip

    def reject(self, comment: str) -> bool:
        state = self._prepared()
        if state is None:
            return False
        command = Reject(
            new_id(), self.login, state.draft_id, state.status, self._hash(), comment,
            self._selection(),
        )  # fmt: skip
        return self._step(command)

    def publish(self) -> bool:
        state = self.state
        assert state is not None
        chosen = [channel for channel, box in self.channels.items() if box.isChecked()]
        return self._step(Publish(new_id(), self.login, state.draft_id, state.content_hash, chosen))

    def request_modification(self, reason: str) -> bool:
        state = self.state
        assert state is not None
        return self._step(RequestModification(new_id(), self.login, state.draft_id, reason))

    def retract(self, reason: str) -> bool:
        state = self.state
        assert state is not None
        return self._step(Retract(new_id(), self.login, state.draft_id, reason))

    # Internals

    def _prepared(self) -> ReviewState | None:
        """The state after the editor is saved (its hash is what the step names)."""
        draft_id = self._prepare()
        if draft_id is None:
            self.error.setText(self.tr("请等待检查完成、稿件保存后再操作"))
            return None
        try:
            self.state = review_state(self.store, draft_id, self._calendar)
        except (LookupError, StoreError) as error:
            self.error.setText(str(error))
            return None
        return self.state

    def _clicked(self, key: str) -> None:
        if key == "submit":
            self.submit()
        elif key in ("approve", "sign"):
            self.approve()
        elif key == "publish":
            self.publish()
        else:
            title = {
                "reject": self.tr("退回"),
                "modify": self.tr("申请修改"),
                "retract": self.tr("撤稿"),
            }
            text, accepted = QInputDialog.getMultiLineText(
                self, title[key], self.tr("意见或理由（必填）：")
            )
            if accepted:
                {
                    "reject": self.reject,
                    "modify": self.request_modification,
                    "retract": self.retract,
                }[key](text)

    def _step(self, command: Command) -> bool:
        try:
            result: StepResult = apply(self.store, command)
        except (CommandRejected, StoreError) as error:
            self.error.setText(str(error))
            return False
        self.opinion.clear()
        self.proofread.setChecked(False)
        self.secrecy.setChecked(False)
        self.show_draft(result.draft_id)
        self.acted.emit(result)
        return True

    def _apply_details(self, state: ReviewState) -> bool:
        formed = (
            self.formed_on.date().toString("yyyy-MM-dd") if self.formed_known.isChecked() else None
        )
        if (self.major.isChecked(), formed) == (
            state.major,
            state.formed_on.isoformat() if state.formed_on else None,
        ):
            return True
        return self._apply(
            SetDraftDetails(new_id(), self.login, state.draft_id, self.major.isChecked(), formed)
        )

    def _apply_attributes(self) -> bool:
        state = self.state
        assert state is not None
        wanted = {"公开属性": self.disclosure.currentText()}
        if self.disclosure_reason.text().strip():
            wanted["理由"] = self.disclosure_reason.text().strip()
        if self.withheld.text().strip():
            wanted["不予公开内容"] = self.withheld.text().strip()
        if wanted == state.attributes:
            return True
        return self._apply(
            SetAttributes(
                new_id(), self.login, state.draft_id, self.disclosure.currentText(),
                self.disclosure_reason.text(), self.withheld.text(),
            )
        )  # fmt: skip

    def _apply(self, command: Command) -> bool:
        """A preparatory command; refreshes the state so the step names the new hash."""
        try:
            apply(self.store, command)
        except (CommandRejected, StoreError) as error:
            self.error.setText(str(error))
            return False
        self.state = review_state(self.store, command.draft_id, self._calendar)  # type: ignore[attr-defined]
        return True

    def _hash(self) -> str:
        assert self.state is not None
        return self.state.content_hash

    def _check(self) -> dict[str, object]:
        lexicon_hash, whitelist_hash = self._check_hashes()
        findings = [finding.to_json() for finding in self._findings()]
        return check_snapshot(lexicon_hash, whitelist_hash, findings)

    def _fill_attributes(self, state: ReviewState) -> None:
        disclosure = state.attributes.get("公开属性")
        if disclosure in DISCLOSURES:
            self.disclosure.setCurrentText(disclosure)
        self.disclosure_reason.setText(state.attributes.get("理由", ""))
        self.withheld.setText(state.attributes.get("不予公开内容", ""))
        self.major.setChecked(state.major)
        self.formed_known.setChecked(state.formed_on is not None)
        if state.formed_on is not None:
            self.formed_on.setDate(
                QDate(state.formed_on.year, state.formed_on.month, state.formed_on.day)
            )

    def _show_status(self, state: ReviewState | None) -> None:
        if state is None:
            self.status.setText(self.tr("草稿（尚未保存）"))
            self.returned.hide()
            return
        parts = [status_label(state.status)]
        if state.unit:
            parts.append(state.unit)
        if state.major:
            parts.append(self.tr("重大事项"))
        if state.due is not None:
            parts.append(self.tr("公开期限 {date}").format(date=state.due.due.isoformat()))
        self.status.setText(" · ".join(parts))
        returned = state.returned
        self.returned.setVisible(returned is not None)
        if returned is not None:
            about = ""
            if returned.anchor:
                quoted = html.escape(str(returned.anchor.get("text", "")))
                about = f'（<a href="#anchor">「{quoted}」</a>）'
            self.returned.setTextFormat(Qt.TextFormat.RichText)
            self.returned.setText(
                self.tr("{level}退回：{comment}{about}").format(
                    level=level_label(returned.level),
                    comment=html.escape(returned.opinion),
                    about=about,
                )
            )

    def _show_anchor(self, _link: str) -> None:
        returned = self.state.returned if self.state else None
        if returned is not None and returned.anchor:
            self.anchor_requested.emit(dict(returned.anchor))

    def _show_changes(self, state: ReviewState | None) -> None:
        """Point out the changes to read before acting: since the person's last step, or
        the corrections reviewers made to the submitted text."""
        self.seen_changes = None
        if state is not None:
            with contextlib.suppress(LookupError, StoreError):
                self.seen_changes = changes_to_see(self.store, state.draft_id, self.login)
        changes = self.seen_changes
        self.changes_box.setVisible(changes is not None)
        if changes is None:
            return
        if changes.why == SINCE_SEEN:
            said = self.tr("自您上次处理（第 {since} 版）以来，{editors}修改了稿件")
        else:
            said = self.tr("审核中{editors}修改了提交的稿件（第 {since} 版）")
        said = said.format(since=changes.since.number, editors="、".join(changes.editors))
        more = self.tr("修订记录")
        self.changes_title.setText(f'<b>{html.escape(said)}</b> · <a href="#history">{more}</a>')
        old, new = changes.since, changes.current
        self.changes.setHtml(changes_html(old.title, old.body_text, new.title, new.body_text))

    def _show_history(self, state: ReviewState | None) -> None:
        self.history.clear()
        for step in state.history if state else ():
            item = QTreeWidgetItem(
                [
                    stage_label(step.level),
                    action_label(step.action) + (self.tr("（已作废）") if step.voided else ""),
                    step.actor,
                    step.opinion,
                    step.at.astimezone().strftime("%m-%d %H:%M"),
                ]
            )
            item.setToolTip(3, step.opinion)
            if step.voided:
                item.setToolTip(1, step.voided)
                item.setForeground(1, Qt.GlobalColor.gray)
            self.history.addTopLevelItem(item)


def finding_key(finding: Finding) -> tuple[str, str, int, int]:
    return (finding.rule, finding.field, finding.start, finding.end)


def _key_dict(finding: Finding) -> dict[str, object]:
    return {
        "rule": finding.rule,
        "field": finding.field,
        "start": finding.start,
        "end": finding.end,
    }
