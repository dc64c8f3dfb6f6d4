"""The review panel beside the editor: where the draft stands, its history, and the one
step the signed-in person can take now (submit, withdraw, approve or sign, reject,
publish …).

The panel only shows and asks; every step is a domain command (desk.review.workflow),
which enforces the rules whatever the panel shows. Before a step the window saves the
editor (a reviewer's correction is a revision of theirs) and the step names the hash
of exactly that text, with the check result the person saw. A refusal is shown beside
the control it is about (the field the domain names), else on the panel's error line;
nothing typed is lost.

The fields scroll; the step buttons and the error line stay in view below them, above
the history, so that the panel stays usable however little room the window gives it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from desk.review.acknowledgements import PriorReason, prior_reasons
from desk.review.calendar_workdays import WorkCalendar
from desk.review.commands import Command, CommandRejected, apply, new_id
from desk.review.deadlines import Deadline, disclosure_deadline
from desk.review.directory import may_draft, reviewers_for
from desk.review.findings import Finding
from desk.review.inbox import ReviewState, review_state
from desk.review.roles import LEVELS
from desk.review.seen import ChangesToSee, changes_to_see
from desk.review.stages import (
    DRAFT,
    READY,
)
from desk.review.withdrawal import can_withdraw
from desk.review.workflow import (
    CHANNELS,
    DISCLOSURES,
    REOPENABLE,
    Approve,
    Publish,
    Reject,
    RequestModification,
    Retract,
    SetAttributes,
    SetDraftDetails,
    StepResult,
    Submit,
    Withdraw,
    can_retract,
    check_snapshot,
)
from desk.store import Store, StoreError
from desk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desk.ui.review.acknowledgements import AcknowledgementsBox
from desk.ui.review.changes import ChangesToRead
from desk.ui.review.field_note import FieldNote
from desk.ui.review.history import ReviewHistory
from desk.ui.review.labels import status_label
from desk.ui.review.reason_dialog import ReasonDialog
from desk.ui.review.retraction import retraction_contact
from desk.ui.review.stalls import stall_line
from desk.ui.review.standing import DraftStanding

MINIMUM_WIDTH = 280  # the narrowest the panel's controls stay readable at
CHANNEL_COLUMNS = 3
HISTORY_HEIGHT = 100  # the history's share of the panel at first (the splitter moves it)
PREPARING = "prepare"  # a step refused before it was tried: the check or the save not done


class ReviewPanel(QWidget):
    """One draft's flow for one person (``login``)."""

    acted = Signal(object)  # StepResult, after a step was taken
    anchor_requested = Signal(dict)  # show the span a returned draft's comment is about
    history_requested = Signal()  # open the revision history (the full comparison)
    finding_requested = Signal(object)  # show a 提醒 being acknowledged in the editor

    def __init__(
        self,
        store: Store,
        login: str,
        prepare: Callable[[], uuid.UUID | str],
        findings: Callable[[], Sequence[Finding]],
        check_hashes: Callable[[], tuple[str, str]],
        selection: Callable[[], dict[str, object] | None] = lambda: None,
        calendar: WorkCalendar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``prepare()`` saves the editor and returns the draft's id, or why it may not be
        acted on now (still checking, nothing written yet, the save failed); ``findings()`` and
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
        self._shown: uuid.UUID | None = None  # the draft whose fields are filled in
        self._drafting = False  # the person writes this draft: the details are theirs
        self._stall = ""  # where the draft's flow stops, as shown under its status
        self._error_about = ""  # what the error line's refusal is about (see `say`)
        self.withdrawable = False  # the drafter may still take the submission back
        self.refusal = ""  # the last step's refusal, as shown
        self.reason_dialog: ReasonDialog | None = None
        self._prior: tuple[PriorReason, ...] = ()  # earlier levels' reasons for 提醒

        self.standing = DraftStanding()
        self.standing.anchor_requested.connect(self.anchor_requested)
        self.status = self.standing.status
        self.deadline = self.standing.deadline
        self.release = self.standing.release
        self.returned = self.standing.returned
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b3261e; }")
        self.changes_box = ChangesToRead()
        self.changes_box.history_requested.connect(self.history_requested)
        self.changes_title = self.changes_box.title
        self.changes = self.changes_box.comparison
        self.seen_changes: ChangesToSee | None = None
        self.history = ReviewHistory()

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
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        disclosure_note = self._noted(form, self.tr("公开属性"), self.disclosure)
        reason_note = self._noted(form, self.tr("理由"), self.disclosure_reason)
        withheld_note = self._noted(form, self.tr("不予公开的内容"), self.withheld)
        # the drafter's: reviewers read them in the status line (重大事项, 公开期限)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        dated = QHBoxLayout()
        dated.addWidget(self.formed_known)
        dated.addWidget(self.formed_on)
        details.addLayout(dated)
        formed_note = FieldNote(self.formed_on)
        formed_note.clear_on(self.formed_known.toggled)
        self.formed_known.toggled.connect(self._show_standing)
        self.formed_on.dateChanged.connect(self._show_standing)
        details.addWidget(formed_note)
        details.addWidget(self.major)
        form.addRow(self.details)

        # 审 and 校
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText(self.tr("审核意见"))
        self.opinion.setMinimumHeight(48)
        self.opinion.setMaximumHeight(80)
        self.opinion.setTabChangesFocus(True)
        self.proofread = QCheckBox(self.tr("已完成校对"))
        self.secrecy = QCheckBox(
            self.tr("已进行保密审查，\n确认不涉及国家秘密、工作秘密和敏感信息")
        )
        self.acknowledgements = AcknowledgementsBox()
        self.acknowledgements.finding_activated.connect(self.finding_requested)
        self.review_box = QGroupBox(self.tr("审核"))
        review = QVBoxLayout(self.review_box)
        opinion_note = self._noted(review, None, self.opinion)
        acknowledgements_note = self.acknowledgements.note
        review.addWidget(self.acknowledgements)
        proofread_note = self._noted(review, None, self.proofread)
        secrecy_note = self._noted(review, None, self.secrecy)

        self.channels = {channel: QCheckBox(channel) for channel in CHANNELS}
        self.publish_box = QGroupBox(self.tr("发布渠道"))
        channels_grid = QGridLayout()
        for index, box in enumerate(self.channels.values()):
            channels_grid.addWidget(box, index // CHANNEL_COLUMNS, index % CHANNEL_COLUMNS)
        publish = QVBoxLayout(self.publish_box)
        publish.addLayout(channels_grid)
        channels_note = FieldNote(self.publish_box)
        channels_note.clear_on(*(box.toggled for box in self.channels.values()))
        publish.addWidget(channels_note)

        # Where each command's refusals are shown, by the field the domain names; the
        # comment of 退回 and the reason of 申请修改 and 撤稿 are the dialog's own.
        self._notes: dict[type[Command], dict[str, FieldNote]] = {
            SetDraftDetails: {"formed_on": formed_note},
            SetAttributes: {
                "disclosure": disclosure_note,
                "reason": reason_note,
                "withheld": withheld_note,
            },
            Approve: {
                "opinion": opinion_note,
                "proofread": proofread_note,
                "secrecy_reviewed": secrecy_note,
                "acknowledgements": acknowledgements_note,
                "disclosure": disclosure_note,
            },
            Publish: {"channels": channels_note},
        }

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label in (
            ("submit", self.tr("提交审核")),
            ("withdraw", self.tr("撤回")),
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
        self.buttons["withdraw"].setToolTip(
            self.tr("审核人处理前，把稿件撤回为草稿，修改后重新提交")
        )

        controls = QWidget()
        layout = QVBoxLayout(controls)
        layout.addWidget(self.standing)
        layout.addWidget(self.changes_box)
        layout.addWidget(self.attributes_box)
        layout.addWidget(self.review_box)
        layout.addWidget(self.publish_box)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(controls)
        acting = QWidget()  # the steps and what refused them stay in view below the fields
        steps = QVBoxLayout(acting)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addWidget(self.scroll, 1)
        steps.addLayout(row)
        steps.addWidget(self.error)
        self.history.setMinimumHeight(90)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(acting)
        self.split.addWidget(self.history)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([self.split.sizeHint().height(), HISTORY_HEIGHT])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.split)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.show_draft(None)

    # Showing

    def show_draft(self, draft_id: uuid.UUID | None, *, keep_fields: bool = False) -> None:
        """Show the draft's state (None: a draft not saved yet), its fields filled in
        from it (a new draft's empty); ``keep_fields``: the draft shown was just saved
        for the first time, and what the person chose in the fields stays."""
        self._clear_refusals()
        try:
            self.state = review_state(self.store, draft_id, self._calendar) if draft_id else None
        except (LookupError, StoreError) as error:
            self.state = None
            self.say(str(error))
        state = self.state
        self._stall = stall_line(self.store, state.draft_id if state else None, self.login)
        self._show_changes(state)
        self.history.show_steps(state.history if state else ())
        mine = state is not None and state.created_by == self.login
        status = state.status if state else DRAFT
        at_level = status in LEVELS and self.can_review()
        drafting = self.can_submit()
        self.withdrawable, self._prior = False, ()
        if state is not None:
            with contextlib.suppress(StoreError):  # then neither is offered
                self.withdrawable = mine and can_withdraw(self.store, state.draft_id, self.login)
                self._prior = prior_reasons(self.store, state.draft_id, status) if at_level else ()
        self.attributes_box.setVisible(drafting or (at_level and status == "review3"))
        self.details.setVisible(drafting)
        self.review_box.setVisible(at_level)
        self.secrecy.setVisible(status == "review3")
        self.publish_box.setVisible(status == READY and mine)
        shown = {
            "submit": drafting,
            "withdraw": self.withdrawable,
            "approve": at_level and status != "review3",
            "sign": at_level and status == "review3",
            "reject": at_level,
            "publish": status == READY and mine,
            "modify": status in REOPENABLE and mine,
            "retract": state is not None and can_retract(self.store, self.login, state.draft_id),
        }
        for key, button in self.buttons.items():
            button.setVisible(shown[key])
        self._drafting = drafting
        if not keep_fields:
            self._fill_fields(state, draft_id != self._shown)
        self._shown = draft_id
        self._show_standing()
        self.standing.show_contact(retraction_contact(self.store, state, self.login))
        self.refresh_findings()

    def saved(self, draft_id: uuid.UUID) -> None:
        """The draft shown was saved: after its first save, show where it stands (its
        fields as the person left them); the drafter's details (重大事项, 信息形成日期) are
        stored with it when they changed."""
        if self.state is None or self.state.draft_id != draft_id:
            self.show_draft(draft_id, keep_fields=True)
        if self._drafting and self.state is not None and self._apply_details(self.state):
            self._show_standing()

    def can_submit(self) -> bool:
        """Whether the draft shown is the person's own draft (or not saved yet), and
        they may write drafts at all."""
        state = self.state
        mine = state is None or (state.status == DRAFT and state.created_by == self.login)
        try:
            return mine and may_draft(self.store, self.login)
        except StoreError:
            return False

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
        """List the warn findings to acknowledge (after the check of new text); a
        refusal for want of a check, or for 屏蔽项 that are gone now, goes away."""
        findings = self._findings()
        self.acknowledgements.set_findings(findings, self._prior)
        self.update_refusal(PREPARING)
        if not any(finding.severity == "block" for finding in findings):
            self.update_refusal("findings")

    def say(self, message: str, about: str = "") -> None:
        """Show ``message`` on the panel's error line (a step that can't be taken now);
        ``about``: what it concerns, so that `update_refusal` can take it back."""
        self.refusal = message
        self._error_about = about
        self.error.setText(message)
        self.error.show()

    def update_refusal(self, about: str, message: str = "") -> None:
        """If the error line says why not about ``about``, say ``message`` instead, or
        nothing when that reason is gone."""
        if not about or self._error_about != about or self.error.isHidden():
            return
        if message:
            self.say(message, about)
        else:
            self._clear_refusals()

    # Steps (also called by tests)

    def submit(self) -> bool:
        state = self._prepared()
        if state is None:
            return False
        if not self._apply_details(state) or not self._apply_attributes():
            return False
        return self._step(Submit, state.draft_id, self._hash(), self._check())

    def withdraw(self) -> bool:
        """撤回: the drafter takes the submission back, to change it and submit it again."""
        state = self.state
        assert state is not None
        return self._step(Withdraw, state.draft_id)

    def approve(self) -> bool:
        state = self._prepared()
        if state is None:
            return False
        if state.status == "review3" and not self._apply_attributes():
            return False
        state = self.state
        assert state is not None
        return self._step(
            Approve, state.draft_id, state.status, self._hash(), self.opinion.toPlainText(),
            self.proofread.isChecked(), self.acknowledgements.acknowledgements(), self._check(),
            self.secrecy.isChecked(),
        )  # fmt: skip

    def reject(self, comment: str) -> bool:
        state = self._prepared()
        if state is None:
            return False
        return self._step(
            Reject, state.draft_id, state.status, self._hash(), comment, self._selection()
        )

    def publish(self) -> bool:
        state = self.state
        assert state is not None
        chosen = [channel for channel, box in self.channels.items() if box.isChecked()]
        return self._step(Publish, state.draft_id, state.content_hash, chosen)

    def request_modification(self, reason: str) -> bool:
        state = self.state
        assert state is not None
        return self._step(RequestModification, state.draft_id, reason)

    def retract(self, reason: str) -> bool:
        state = self.state
        assert state is not None
        return self._step(Retract, state.draft_id, reason)

    # Internals

    def _prepared(self) -> ReviewState | None:
        """The state after the editor is saved (its hash is what the step names)."""
        self._clear_refusals()
        draft_id = self._prepare()
        if not isinstance(draft_id, uuid.UUID):
            self.say(draft_id, PREPARING)
            return None
        try:
            self.state = review_state(self.store, draft_id, self._calendar)
        except (LookupError, StoreError) as error:
            self.say(str(error))
            return None
        return self.state

    def _clicked(self, key: str) -> None:
        steps: dict[str, tuple[str, Callable[[str], bool]]] = {
            "reject": (self.tr("退回"), self.reject),
            "modify": (self.tr("申请修改"), self.request_modification),
            "retract": (self.tr("撤稿"), self.retract),
        }
        if key in steps:
            title, step = steps[key]
            stops = key == "retract" and self.state is not None and self.state.modifying
            self.reason_dialog = ReasonDialog(
                title,
                self.tr("意见或理由（必填）："),
                partial(self._step_in_dialog, step),
                self,
                warning=self._retraction_stops() if stops else "",
            )
            self.reason_dialog.finished.connect(self.reason_dialog.deleteLater)
            self.reason_dialog.open()
            return
        {
            "submit": self.submit,
            "withdraw": self.withdraw,
            "approve": self.approve,
            "sign": self.approve,
            "publish": self.publish,
        }[key]()

    def _retraction_stops(self) -> str:
        """What 撤稿 does to the modification under way."""
        assert self.state is not None
        return self.tr(
            "正在进行的修改（{status}）将随撤稿中止审核，审核记录中会写明。"
            "撤稿后，起草人可从当前文本重新申请修改，再次送审发布。"
        ).format(status=status_label(self.state.status))

    def _step_in_dialog(self, step: Callable[[str], bool], text: str) -> str | None:
        """Take ``step`` with the dialog's text: None when taken, else the refusal, which
        the dialog shows (so not the panel too)."""
        if step(text):
            return None
        refusal = self.refusal
        self._clear_refusals()
        return refusal

    def _step(self, command_type: type[Command], *fields: Any) -> bool:
        """Take a step by ``command_type`` (made here: a refusal may come as it is made)."""
        applied, result = self._run(command_type, *fields)
        if not applied:
            return False
        assert isinstance(result, StepResult)
        self.opinion.clear()
        self.proofread.setChecked(False)
        self.secrecy.setChecked(False)
        self.acknowledgements.clear_reasons()
        self.show_draft(result.draft_id)
        self.acted.emit(result)
        return True

    def _run(self, command_type: type[Command], *fields: Any) -> tuple[bool, Any]:
        """Apply the command of ``command_type`` by this person with ``fields``: whether it
        was applied, and its result (a refusal is shown)."""
        self._clear_refusals()
        try:
            return True, apply(self.store, command_type(new_id(), self.login, *fields))
        except (CommandRejected, StoreError) as error:
            self._refused(command_type, error)
            return False, None

    def _refused(self, command_type: type[Command], error: Exception) -> None:
        """Show the refusal beside the control of the field it names, if shown; else on
        the error line."""
        self.refusal = str(error)
        field = error.field if isinstance(error, CommandRejected) else None
        note = self._notes.get(command_type, {}).get(field or "")
        if note is not None and note.control.isVisibleTo(self):
            note.say(self.refusal)
            self.scroll.ensureWidgetVisible(note)
        else:
            self.say(self.refusal, field or "")

    def _clear_refusals(self) -> None:
        self.refusal = ""
        self._error_about = ""
        self.error.clear()
        self.error.hide()
        for notes in self._notes.values():
            for note in notes.values():
                note.clear_note()

    def _apply_details(self, state: ReviewState) -> bool:
        formed = (
            self.formed_on.date().toString("yyyy-MM-dd") if self.formed_known.isChecked() else None
        )
        if (self.major.isChecked(), formed) == (
            state.major,
            state.formed_on.isoformat() if state.formed_on else None,
        ):
            return True
        return self._apply(SetDraftDetails, state.draft_id, self.major.isChecked(), formed)

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
            SetAttributes, state.draft_id, self.disclosure.currentText(),
            self.disclosure_reason.text(), self.withheld.text(),
        )  # fmt: skip

    def _apply(self, command_type: type[Command], draft_id: uuid.UUID, *fields: Any) -> bool:
        """A preparatory command; refreshes the state so the step names the new hash."""
        applied, _result = self._run(command_type, draft_id, *fields)
        if not applied:
            return False
        self.state = review_state(self.store, draft_id, self._calendar)
        return True

    def _hash(self) -> str:
        assert self.state is not None
        return self.state.content_hash

    def _check(self) -> dict[str, object]:
        lexicon_hash, whitelist_hash = self._check_hashes()
        findings = [finding.to_json() for finding in self._findings()]
        return check_snapshot(lexicon_hash, whitelist_hash, findings)

    def _noted(
        self, layout: QFormLayout | QVBoxLayout, label: str | None, control: QWidget
    ) -> FieldNote:
        """Add ``control`` (in a form, labelled) with the note for its refusals under it."""
        note = FieldNote(control)
        if isinstance(layout, QFormLayout):
            layout.addRow(label, control)
            layout.addRow(note)
        else:
            layout.addWidget(control)
            layout.addWidget(note)
        return note

    def _fill_fields(self, state: ReviewState | None, other_draft: bool) -> None:
        """The 公开属性 and details as stored (a new draft's as for a new one); what was
        typed for another draft (an opinion, ticks, channels) does not carry over."""
        attributes = state.attributes if state is not None else {}
        self.disclosure.setCurrentText(attributes.get("公开属性", DISCLOSURES[0]))
        self.disclosure_reason.setText(attributes.get("理由", ""))
        self.withheld.setText(attributes.get("不予公开内容", ""))
        self.major.setChecked(state is not None and state.major)
        formed_on = state.formed_on if state is not None else None
        self.formed_known.setChecked(formed_on is not None)
        shown = formed_on or date.today()
        self.formed_on.setDate(QDate(shown.year, shown.month, shown.day))
        if other_draft:
            self.opinion.clear()
            for box in (self.proofread, self.secrecy, *self.channels.values()):
                box.setChecked(False)
            self.acknowledgements.clear_reasons()

    def _show_standing(self) -> None:
        self.standing.show_state(self.state, self._stall, self._due())

    def _due(self) -> Deadline | None:
        """The disclosure deadline to show: while drafting, counted from the date in the
        field as it is set (it is stored with the draft when saved); none once
        published, when it no longer applies."""
        state = self.state
        if self._drafting:
            if not self.formed_known.isChecked() or (state and state.release):
                return None
            try:
                return disclosure_deadline(self.formed_on.date().toPython(), self._calendar)
            except ValueError:  # a bad holiday list: no deadline rather than a wrong one
                return None
        if state is None or state.release is not None:
            return None
        return state.due

    def _show_changes(self, state: ReviewState | None) -> None:
        """Point out the changes to read before acting: since the person's last step, or
        the corrections reviewers made to the submitted text."""
        self.seen_changes = None
        if state is not None:
            with contextlib.suppress(LookupError, StoreError):
                self.seen_changes = changes_to_see(self.store, state.draft_id, self.login)
        self.changes_box.show_changes(self.seen_changes)
