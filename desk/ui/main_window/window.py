"""The main window: draft list, editor, findings and preview, and the actions on them.

The window wires the parts together and turns user actions into calls on the open
draft (`OpenDraft`, which applies the domain commands); it never writes rows itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desk.documents.export import export_docx, export_html
from desk.documents.loader import DocumentError, load_document
from desk.documents.title import take_title
from desk.links import Whitelist
from desk.render.sanitize import text_to_html
from desk.review.calendar_workdays import WorkCalendar
from desk.review.commands import CommandRejected, DeleteDraft, apply, can_delete, new_id
from desk.review.deadlines import disclosure_deadline, due_status
from desk.review.directory import AccountView, account_by_login, administrators, may_draft
from desk.review.drafts import (
    DraftNotFound,
    DraftSummary,
    RevisionSummary,
    list_drafts,
    load_draft,
    pending_recovery,
)
from desk.review.editing import DraftText, EditingSession
from desk.review.inbox import INBOX_GROUPS, inbox_counts, waiting_for
from desk.review.roles import LEVELS
from desk.review.stages import DRAFT, PUBLISHED, RETRACTED
from desk.review.stalls import StallReport, stall_report, unrouted_levels
from desk.review.visibility import may_see
from desk.review.workflow import StepResult
from desk.store import Store, StoreError
from desk.ui.admin import AdminDialog
from desk.ui.check_worker import CheckWorker
from desk.ui.drafts import DraftGroup, DraftListPanel, DraftScope
from desk.ui.editor import DraftEditor
from desk.ui.file_dialogs import FileDialogs, FileKind, FileType, file_name
from desk.ui.findings import FindingsPanel
from desk.ui.history import HistoryDialog
from desk.ui.main_window.flow_alert import FlowAlert
from desk.ui.main_window.help_menu import HelpMenu
from desk.ui.main_window.language_menu import LanguageMenu
from desk.ui.main_window.open_draft import AUTOSAVE_MS, OpenDraft
from desk.ui.main_window.recovery import RecoveryDialog
from desk.ui.main_window.signed_in import SignedInLabel, signed_in_title
from desk.ui.main_window.state import WindowState
from desk.ui.preview import DEBOUNCE_MS, PreviewPane
from desk.ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QEvent,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPoint,
    QShortcut,
    QSplitter,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desk.ui.register import RegisterDialog
from desk.ui.review import ReviewPanel
from desk.ui.review.labels import inbox_group_label, status_label
from desk.ui.review.read_only_notice import ReadOnlyNotice
from desk.ui.review.stalls import unrouted_text

IMPORT_SUFFIXES = ("docx", "html", "htm", "txt", "doc", "wps")  # .doc/.wps: "save as .docx"
PREVIEW_SETTLE_MS = DEBOUNCE_MS  # typing pause before the preview is refreshed
EDITOR_MINIMUM_WIDTH = 300  # the editor stays usable when the window is narrow
INBOX_POLL_MS = 30_000  # how often the inbox is counted (others' steps arrive by the store)
SUBMITTING = "submit"  # the panel's refusal of 提交审核, said on Ctrl+Enter


class MainWindow(QMainWindow):
    """Desk's main window for one user (``actor``) on one store."""

    lock_requested = Signal()  # 锁定: the session lock (desk.ui.login) covers the window
    signed_out = Signal()  # 注销: the window has closed; the app asks who signs in next

    def __init__(
        self,
        store: Store,
        worker: CheckWorker,
        actor: str,
        whitelist: Whitelist,
        state: WindowState,
        autosave_ms: int = AUTOSAVE_MS,
        calendar: WorkCalendar | None = None,
    ) -> None:
        """``calendar``: for disclosure deadlines (the app passes the desk's, with the
        holiday lists its admins loaded; by default the shipped one)."""
        super().__init__()
        self.autosave_ms = autosave_ms
        self.calendar = calendar
        self.store = store
        self.actor = actor
        self.whitelist = whitelist
        self.state = state
        self.files = FileDialogs(state)
        self.may_draft = may_draft(store, actor)  # 信息发布联络员: new drafts, import, submit

        self.drafts = DraftListPanel(self._query_drafts, self._due_of, self._explain_empty)
        self.editor = DraftEditor(worker)
        self.findings = FindingsPanel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 3px; }"
        )
        self.banner.hide()
        self.read_only = ReadOnlyNotice()
        self.flow_alert = FlowAlert()
        editor_area = QWidget()
        editor_area.setMinimumWidth(EDITOR_MINIMUM_WIDTH)
        editor_layout = QVBoxLayout(editor_area)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.flow_alert)
        editor_layout.addWidget(self.banner)
        editor_layout.addWidget(self.read_only)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addStretch(0)  # holds the notices at the top while no draft is open
        self.review = ReviewPanel(
            store,
            actor,
            self._prepare_step,
            self.editor.findings,
            lambda: (worker.lexicon_hash, whitelist.content_hash),
            self.editor.selected_span,
            calendar,
        )
        self.side = QTabWidget()
        self.side.addTab(self.findings, self.tr("问题"))
        self.side.addTab(self.review, self.tr("审核"))
        self.preview: PreviewPane | None = None  # built when first shown (QtWebEngine is slow)
        self._preview_host = QWidget()
        QVBoxLayout(self._preview_host).setContentsMargins(0, 0, 0, 0)
        self.side.addTab(self._preview_host, self.tr("预览"))
        self.splitter = QSplitter()
        self.splitter.addWidget(self.drafts)
        self.splitter.addWidget(editor_area)
        self.splitter.addWidget(self.side)
        for column, stretch in enumerate((1, 2, 1)):  # the editor grows and gives most
            self.splitter.setStretchFactor(column, stretch)
        self.splitter.setSizes([320, 520, 440])  # titles readable, the review panel roomy
        self.setCentralWidget(self.splitter)
        self.lexicon_label = QLabel(self.tr("词库加载中…"))
        self.statusBar().addPermanentWidget(self.lexicon_label)
        self.signed_in_label = SignedInLabel()
        self.statusBar().addPermanentWidget(self.signed_in_label)

        self._build_actions()
        self.show_signed_in()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_SETTLE_MS)
        self._preview_timer.timeout.connect(self._refresh_preview)
        self._waiting = 0
        self._inbox_timer = QTimer(self)
        self._inbox_timer.setInterval(INBOX_POLL_MS)
        self._inbox_timer.timeout.connect(self.refresh_inbox)
        self._inbox_timer.start()
        self.open_draft: OpenDraft | None = None
        self.drafts.open_requested.connect(self.open)
        self.drafts.menu_requested.connect(self.show_draft_menu)
        self.draft_menu: QMenu | None = None  # the last row menu shown
        self.delete_confirmation: QMessageBox | None = None  # open while asking
        self.editor.findings_changed.connect(self._findings_changed)
        self.editor.notice.connect(self.show_message)
        self.findings.finding_activated.connect(self.editor.select_finding)
        self.review.acted.connect(self._acted)
        self.read_only.withdraw_requested.connect(self.review.withdraw)
        self.review.anchor_requested.connect(self._show_anchor)
        self.review.finding_requested.connect(self.editor.select_finding)
        self.review.history_requested.connect(self.open_history)
        self.findings.blocking_reason_changed.connect(self._update_submit)
        self.side.currentChanged.connect(self._side_tab_changed)
        self.editor.title.textChanged.connect(self._schedule_preview)
        self.editor.body.document().contentsChanged.connect(self._schedule_preview)
        self._was_blank = True  # 提交审核 waits for a title or some text
        self.editor.title.textChanged.connect(self._blank_changed)
        self.editor.body.document().contentsChanged.connect(self._blank_changed)
        worker.loaded.connect(self._lexicon_loaded)
        if worker.lexicon_hash:  # loaded before this window was made
            self._lexicon_loaded(worker.entries, worker.lexicon_hash)
        worker.load_failed.connect(self._lexicon_failed)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.flow_alert.open_admin.connect(self.open_admin)
        self.show_flow_alert()
        if not self.may_draft:  # their work is reviewing (or administering)
            self.drafts.set_scope(DraftScope.WAITING)

    # Building

    def _build_actions(self) -> None:
        def action(
            text: str, shortcut: str | QKeySequence.StandardKey, slot: Callable[[], object]
        ) -> QAction:
            created = QAction(text, self)
            created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(slot)
            self.addAction(created)
            return created

        self.new_action = action(self.tr("新建稿件"), QKeySequence.StandardKey.New, self.new_draft)
        self.save_action = action(
            self.tr("保存"), QKeySequence.StandardKey.Save, lambda: self.save()
        )
        self.import_action = action(
            self.tr("导入文件…"), QKeySequence.StandardKey.Open, self._choose_import
        )
        self.export_action = action(self.tr("导出…"), "Ctrl+Shift+E", self._choose_export)
        self.submit_action = action(self.tr("提交审核"), "Ctrl+Return", self._submit)
        self.find_action = action(self.tr("查找稿件"), "Ctrl+Shift+F", self._focus_search)
        self.findings_action = action(self.tr("问题列表"), "F7", self._show_findings)
        self.preview_action = action(self.tr("预览"), "F6", self.show_preview)
        self.lock_action = action(self.tr("锁定"), "Ctrl+L", self.lock_requested.emit)
        self.sign_out_action = action(self.tr("注销/切换账号"), "Ctrl+Shift+L", self.sign_out)
        self.admin_action = action(self.tr("账号与单位管理…"), "Ctrl+Shift+U", self.open_admin)
        self.history_action = action(self.tr("修订记录与审核表…"), "Ctrl+H", self.open_history)
        self.register_action = action(self.tr("信息发布登记…"), "Ctrl+Shift+R", self.open_register)
        self.delete_action = action(self.tr("删除稿件…"), "", self._delete_open)
        account = account_by_login(self.store, self.actor)
        self.admin_action.setVisible(account is not None and "admin" in account.roles)
        for drafting in (self.new_action, self.import_action, self.submit_action):
            drafting.setVisible(self.may_draft)  # the domain refuses the others anyway
        self.quit_action = action(self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        for shown in (self.new_action, self.save_action, self.import_action, self.export_action):
            shown.setToolTip(f"{shown.text()} ({shown.shortcut().toString()})")
        menu = self.file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for item in (self.new_action, self.import_action, self.save_action, self.export_action):
            menu.addAction(item)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.admin_action)
        menu.addAction(self.lock_action)
        menu.addAction(self.sign_out_action)
        menu.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("查看(&V)"))
        for item in (self.find_action, self.findings_action, self.preview_action):
            view.addAction(item)
        view.addSeparator()
        view.addAction(self.history_action)
        view.addAction(self.register_action)
        view.addSeparator()
        self.language_menu = LanguageMenu(self.state, self)
        view.addMenu(self.language_menu)
        self.help_menu = HelpMenu(self)
        self.menuBar().addMenu(self.help_menu)
        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (self.new_action, self.import_action, self.save_action, self.export_action):
            toolbar.addAction(item)
        toolbar.addSeparator()
        toolbar.addAction(self.submit_action)
        self.submit_action.setEnabled(False)
        # a disabled action's shortcut never fires: this one does, to say why not
        self.submit_refused = QShortcut(self.submit_action.shortcut(), self, self._submit)
        self.submit_refused.setEnabled(False)

    # Drafts

    def _query_drafts(self, scope: DraftScope, search: str) -> list[DraftGroup]:
        try:
            if scope is DraftScope.MINE:
                return [
                    DraftGroup("", list_drafts(self.store, search=search, created_by=self.actor))
                ]
            if scope is DraftScope.WAITING:
                return self._inbox(search)
            return [DraftGroup("", list_drafts(self.store, search=search, visible_to=self.actor))]
        except StoreError as error:
            self.show_problem(str(error))
            return []

    def _inbox(self, search: str) -> list[DraftGroup]:
        """What this person can do now, by group (被退回, each level, 待发布), most urgent
        first in each; with the list's check box also the rest of the flow they may see.
        A delegate's rows say whom they stand in for, a barred reviewer's why."""
        watching = self.drafts.watching.isChecked()
        waiting = waiting_for(self.store, self.actor, calendar=self.calendar, watching=watching)
        found = {
            draft.id: draft
            for draft in list_drafts(self.store, search=search, visible_to=self.actor)
        }
        groups = []
        for group in INBOX_GROUPS:
            items = [item for item in waiting if item.group == group and item.draft_id in found]
            if items:
                notes = {
                    item.draft_id: self.tr("代 {login} 审核").format(login=item.acting_for)
                    for item in items
                    if item.acting_for
                }
                notes.update({item.draft_id: item.barred for item in items if item.barred})
                drafts = [found[item.draft_id] for item in items]
                groups.append(DraftGroup(inbox_group_label(group), drafts, notes))
        return groups

    def _explain_empty(self) -> str:
        """Why no draft ever reaches this person's inbox, if a role of theirs is routed
        nowhere (no unit, not a 分管领导), and whom to ask."""
        try:
            levels = unrouted_levels(self.store, self.actor)
            admins = [account.name for account in administrators(self.store)] if levels else []
        except StoreError:
            return ""
        return unrouted_text(levels, admins)

    def show_flow_alert(self) -> StallReport | None:
        """For an administrator: where the flow can't go on, with the way to the admin
        screen (at sign-in, and each time that screen closes)."""
        if not self.admin_action.isVisible():
            return None
        try:
            report = stall_report(self.store)
        except StoreError:
            return None
        self.flow_alert.show_report(report)
        return report

    def _due_of(self, draft: DraftSummary) -> tuple[str, str, str]:
        """The disclosure deadline of a draft not yet published, how urgent it is, and
        why it is only an estimate."""
        if draft.formed_on is None or draft.live or draft.status in (PUBLISHED, RETRACTED):
            return "", "", ""
        try:
            due = disclosure_deadline(draft.formed_on, self.calendar)
        except ValueError:  # a bad holiday list or an absurd date: no deadline shown
            return "", "", ""
        urgency = due_status(due.due, date.today(), self.calendar)
        return due.due.strftime("%m-%d"), urgency, "\n".join(due.warnings)

    def open_last(self) -> bool:
        """Open the draft this person had open last, if they may still see it; False if
        there is none (the caller starts a new one)."""
        draft_id = self.state.last_draft(self.actor)
        if draft_id is None:
            return False
        try:
            seen = may_see(self.store, self.actor, draft_id)
        except StoreError:
            seen = False
        # deleted meanwhile, unreadable, or no longer theirs to see: start afresh quietly
        return seen and self.open(draft_id)

    def new_draft(self) -> bool:
        """Start an empty draft (stored once it has text), the title ready for typing.
        For an account that can't draft, the editor is left empty and read-only, and the
        answer is False."""
        if not self._show(EditingSession(self.store, self.actor), DraftText("", "", ""), ()):
            return False
        if self.may_draft:
            self.editor.title.setFocus()
        return self.may_draft

    def open(self, draft_id: uuid.UUID) -> bool:
        """Open a stored draft; False (with a message) if it can't be or the person may
        not see it."""
        try:
            draft = load_draft(self.store, draft_id)
            if not may_see(self.store, self.actor, draft_id):
                self.show_problem(
                    self.tr("您无权查看这份稿件：它尚未提交，或不在您参与或审核的范围内")
                )
                return False
        except (DraftNotFound, StoreError) as error:
            self.show_problem(str(error))
            return False
        text = DraftText(draft.title, draft.body_html, draft.body_text)
        session = EditingSession(self.store, self.actor, draft)
        if not self._show(session, text, draft.ignored):
            return False
        session.shown(self.editor.draft_text())  # the stored text in the editor's markup
        return True

    def _show(self, session: EditingSession, text: DraftText, ignored: Sequence) -> bool:
        if not self._let_go():
            return False
        self.editor.set_draft(text.title, text.body_html, ignored)
        self.open_draft = OpenDraft(self.editor, session, self.autosave_ms, parent=self)
        self.open_draft.saved.connect(self._saved)
        self.open_draft.store_failed.connect(self.show_problem)
        self.open_draft.store_recovered.connect(self.banner.hide)
        self.drafts.set_current(None if session.is_new else session.draft_id)
        self.state.remember_draft(self.actor, None if session.is_new else session.draft_id)
        self.review.show_draft(None if session.is_new else session.draft_id)
        self.editor.setVisible(not (session.is_new and not self.may_draft))  # nothing open
        self._set_editable()
        if not self.editor.isVisibleTo(self):
            self.read_only.show_no_draft(self._reviews())
        self._update_delete()
        self._update_submit()
        self._schedule_preview()
        return True

    def _set_editable(self) -> None:
        """The text is editable by the drafter while a draft (a new one only by those who
        may draft), by the level's reviewer during review, by nobody after 签发 (the
        domain refuses other saves anyway)."""
        state = self.review.state
        editable = (
            self.may_draft
            if state is None
            else (state.status == DRAFT and state.created_by == self.actor)
            or (state.status in LEVELS and self.review.can_review())
        )
        self.editor.title.setReadOnly(not editable)
        self.editor.body.setReadOnly(not editable)
        self.read_only.show_for(state, self.actor, editable, self.review.withdrawable)
        self.save_action.setEnabled(editable)  # saving what can't change would do nothing
        self.export_action.setEnabled(self.editor.isVisibleTo(self))  # a draft is open

    def _reviews(self) -> bool:
        """Whether this person holds a review role (their work is in 待我处理)."""
        account = account_by_login(self.store, self.actor)
        return account is not None and any(level in account.roles for level in LEVELS)

    def _prepare_step(self) -> uuid.UUID | str:
        """Before a review step: the check is complete and the text saved; else why not."""
        if self.editor.checking:
            return self.tr("正在检查稿件，请稍候再操作")
        if self._blank():
            return self.tr("不能提交：{reason}").format(reason=self.tr("标题和正文都是空的"))
        if self.open_draft is None or not self.save() or self.open_draft.session.is_new:
            return self.tr("稿件未能保存，请按提示处理后再操作")
        return self.open_draft.session.draft_id

    def _blank(self) -> bool:
        """Whether the editor holds neither a title nor any text."""
        return not (self.editor.title.text().strip() or self.editor.body.toPlainText().strip())

    def _blank_changed(self) -> None:
        """Typing into an empty draft (or emptying it) decides 提交审核 at once."""
        if self._blank() != self._was_blank:
            self._update_submit()

    def _show_anchor(self, anchor: dict[str, object]) -> None:
        found = self.editor.select_span(
            int(anchor.get("start", 0)), int(anchor.get("end", 0)), str(anchor.get("text", ""))
        )
        if not found:
            self.show_message(self.tr("退回意见所指的文字已不在稿件中"))

    def refresh_inbox(self) -> int:
        """Count what waits for this person; say so when more has arrived."""
        try:
            counts = inbox_counts(self.store, self.actor, calendar=self.calendar)
        except StoreError:
            return self._waiting
        total = sum(counts.values())
        label = self.tr("待我处理")
        self.drafts.scopes.setTabText(DraftScope.WAITING, f"{label} ({total})" if total else label)
        self.drafts.scopes.setTabToolTip(
            DraftScope.WAITING,
            " · ".join(f"{inbox_group_label(group)} {n}" for group, n in counts.items()),
        )
        if total > self._waiting:
            self.show_message(self.tr("有 {count} 份稿件等待您处理").format(count=total))
            QApplication.alert(self)
        self._waiting = total
        return total

    def _acted(self, result: StepResult) -> None:
        self.refresh_inbox()
        self.drafts.refresh()
        self.open(result.draft_id)
        label = status_label(result.status)
        self.show_message(self.tr("已完成，稿件现在：{status}").format(status=label))

    def _let_go(self) -> bool:
        """Save the open draft before another takes its place; False keeps it open."""
        if self.open_draft is None:
            return True
        if not self.open_draft.close():
            self.show_problem(
                self.tr("当前稿件未能保存，仍保留在编辑器中，请先处理后再打开其他稿件。")
            )
            return False
        self.open_draft.deleteLater()
        self.open_draft = None
        return True

    def save(self, reason: str = "save") -> bool:
        """Save the open draft as a new revision."""
        if self.open_draft is None:
            return True
        return self.open_draft.save(reason)

    def _saved(self, revision: RevisionSummary) -> None:
        self.banner.hide()
        self.state.remember_draft(self.actor, revision.draft_id)
        self.review.saved(revision.draft_id)  # before the list: its deadline as stored
        self.drafts.set_current(revision.draft_id)
        self.drafts.refresh()
        self._update_delete()
        self.show_message(self.tr("已保存（第 {number} 版）").format(number=revision.number))

    # Deleting

    def _deletable(self, draft_id: uuid.UUID | None) -> bool:
        try:
            return draft_id is not None and can_delete(self.store, self.actor, draft_id)
        except StoreError:
            return False

    def _update_delete(self) -> None:
        """删除稿件 is for the author's own draft, while never submitted."""
        session = self.open_draft.session if self.open_draft else None
        self.delete_action.setEnabled(
            session is not None and not session.is_new and self._deletable(session.draft_id)
        )

    def _delete_open(self) -> None:
        session = self.open_draft.session if self.open_draft else None
        if session is not None and not session.is_new:
            self.ask_delete(session.draft_id)

    def show_draft_menu(self, draft_id: uuid.UUID, position: QPoint) -> QMenu:
        """The menu of a row of the draft list: open it, or delete it if one may."""
        menu = QMenu(self)
        menu.addAction(self.tr("打开"), lambda: self.open(draft_id))
        deleting = menu.addAction(self.tr("删除稿件…"), lambda: self.ask_delete(draft_id))
        deleting.setEnabled(self._deletable(draft_id))
        menu.aboutToHide.connect(menu.deleteLater)
        self.draft_menu = menu
        menu.popup(position)
        return menu

    def ask_delete(self, draft_id: uuid.UUID) -> QMessageBox | None:
        """Ask before deleting the draft, naming it (not modal to the event loop: the
        answer is handled when the box closes)."""
        try:
            title = load_draft(self.store, draft_id).title.strip() or self.tr("（无标题）")
        except (DraftNotFound, StoreError) as error:
            self.show_problem(str(error))
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("删除稿件"),
            self.tr("确定删除稿件「{title}」吗？").format(title=title),
            parent=self,
        )
        box.setInformativeText(
            self.tr("稿件的全部修订和未保存的内容都将删除，无法恢复；删除操作会记入日志。")
        )
        delete = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole))

        def answered() -> None:
            self.delete_confirmation = None
            box.deleteLater()
            if box.clickedButton() is delete:
                self.delete_draft(draft_id)

        box.finished.connect(answered)
        self.delete_confirmation = box
        box.open()
        return box

    def delete_draft(self, draft_id: uuid.UUID) -> bool:
        """Delete the draft (DeleteDraft); if it is the one open, an empty one takes its
        place without saving anything of it."""
        try:
            title = load_draft(self.store, draft_id).title.strip() or self.tr("（无标题）")
            apply(self.store, DeleteDraft(new_id(), self.actor, draft_id))
        except (DraftNotFound, CommandRejected, StoreError) as error:
            self.show_problem(str(error))
            return False
        session = self.open_draft.session if self.open_draft else None
        if self.open_draft is not None and session is not None and session.draft_id == draft_id:
            self.open_draft.release()
            self.open_draft.deleteLater()
            self.open_draft = None
            self.new_draft()
        self.drafts.refresh()
        self.show_message(self.tr("已删除稿件「{title}」").format(title=title))
        return True

    # Files

    def _choose_import(self) -> None:
        path = self.files.open_file(
            self, FileKind.IMPORT, self.tr("导入稿件"), [FileType(self.tr("稿件"), IMPORT_SUFFIXES)]
        )
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> bool:
        """Make a new draft from a .docx, .html or .txt file, titled as the file is (its
        title, else its file name); a file that can't be read leaves everything as it
        was and says why."""
        try:
            title, document = take_title(load_document(path))
        except DocumentError as error:
            self.show_problem(str(error), dialog=True)
            return False
        body_html = document.html if document.html is not None else text_to_html(document.text)
        text = DraftText(title or path.stem, body_html, "")
        if not self._show(EditingSession(self.store, self.actor), text, ()):
            return False
        if self.open_draft is not None and self.open_draft.save("import"):
            self.show_message(self.tr("已导入 {name}").format(name=path.name))
        return True

    def _choose_export(self) -> None:
        """The published text, named "<标题>（发布稿）" so it never replaces the source file."""
        title = self.editor.title.text().strip() or self.tr("稿件")
        path = self.files.save_file(
            self,
            FileKind.EXPORT,
            self.tr("导出稿件"),
            file_name(self.tr("{title}（发布稿）").format(title=title)),
            [FileType(self.tr("Word 文档"), ("docx",)), FileType(self.tr("网页"), ("html", "htm"))],
        )
        if path is not None:
            self.export_file(path)

    def export_file(self, path: Path) -> bool:
        """Write the draft as it would be published, as .docx or .html (by the suffix)."""
        text = self.editor.draft_text()
        export = export_html if path.suffix.lower() in (".html", ".htm") else export_docx
        if export is export_docx and path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        try:
            export(text.title, text.body_html, path, whitelist=self.whitelist)
        except OSError as error:  # an ExportError says what went wrong in Chinese
            self.show_problem(str(error), dialog=True)
            return False
        self.show_message(self.tr("已导出到 {path}").format(path=path))
        return True

    # Crash recovery

    def offer_recovery(self) -> RecoveryDialog | None:
        """If this person left unsaved text (a crash), open the dialog that offers it
        (not modal to the event loop: the result is handled when the dialog is closed).
        Others' unsaved text stays for them."""
        try:
            snapshots = pending_recovery(self.store, self.actor)
        except StoreError as error:
            self.show_problem(str(error))
            return None
        if not snapshots:
            return None
        dialog = RecoveryDialog(snapshots, self)
        dialog.finished.connect(lambda _result: self._recover(dialog))
        dialog.open()
        return dialog

    def _recover(self, dialog: RecoveryDialog) -> None:
        """Restore each chosen snapshot through the editor (so the saved plain text is the
        editor's), newest last so it stays open; drop the others."""
        dialog.deleteLater()
        chosen = dialog.chosen()
        for snapshot in reversed(dialog.snapshots):
            try:
                if snapshot.is_new:
                    session = EditingSession.recovered(self.store, self.actor, snapshot.draft_id)
                    ignored: Sequence = ()
                else:
                    draft = load_draft(self.store, snapshot.draft_id)
                    session = EditingSession(self.store, self.actor, draft)
                    ignored = draft.ignored
                if snapshot not in chosen:
                    session.discard_snapshot()
                    continue
            except (StoreError, DraftNotFound) as error:
                self.show_problem(str(error), dialog=True)
                return
            text = DraftText(snapshot.title, snapshot.body_html, "")
            if not self._show(session, text, ignored) or not self.save("autosave"):
                return  # the problem is shown; the snapshots not yet handled stay offered
        self.drafts.refresh()
        if chosen:
            self.show_message(self.tr("已恢复未保存的内容"))

    # Checks and submitting

    def _findings_changed(self) -> None:
        self.findings.set_findings(self.editor.findings())
        self.review.refresh_findings()
        count = len(self.editor.findings())
        self.side.setTabText(
            0, self.tr("问题 ({count})").format(count=count) if count else self.tr("问题")
        )
        self._update_submit()

    def _update_submit(self, *_args: object) -> None:
        """提交审核 is for the drafter's own draft, once nothing in it is blocked."""
        reason = self.findings.blocking_reason
        self._was_blank = self._blank()
        if self._was_blank:
            reason = self.tr("标题和正文都是空的")
        if not self.review.can_submit():
            reason = self.tr("只有起草人可以提交自己的草稿")
        refusal = self.tr("不能提交：{reason}").format(reason=reason) if reason else ""
        self.submit_action.setEnabled(not reason)
        self.submit_refused.setEnabled(bool(reason))
        self.submit_action.setToolTip(refusal or self.tr("提交审核"))
        self.review.update_refusal(SUBMITTING, refusal)  # as said on Ctrl+Enter, if it was

    def _submit(self) -> None:
        if not self.submit_action.isEnabled():  # Ctrl+Enter: say why not, as the tooltip does
            self.show_message(self.submit_action.toolTip())
            self.side.setCurrentWidget(self.review)
            self.review.say(self.submit_action.toolTip(), SUBMITTING)
            return
        if self.editor.checking:
            self.show_message(self.tr("正在检查，请稍候"))
            return
        self.side.setCurrentWidget(self.review)
        self.review.submit()

    # Administration

    def open_admin(self) -> AdminDialog | None:
        """账号与单位管理 (admins only; the domain refuses anyone else's changes anyway)."""
        if not self.admin_action.isVisible():
            return None
        dialog = AdminDialog(self.store, self.actor, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self.show_flow_alert)
        dialog.open()
        return dialog

    def open_history(self) -> HistoryDialog | None:
        """The open draft's revisions, diff and approval form (a saved draft only)."""
        session = self.open_draft.session if self.open_draft else None
        if session is None or session.is_new:
            self.show_message(self.tr("稿件保存后才有修订记录"))
            return None
        dialog = HistoryDialog(self.store, session.draft_id, self.actor, self.files, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_register(self) -> RegisterDialog:
        dialog = RegisterDialog(self.store, self.files, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # Preview

    def show_preview(self) -> None:
        self.side.setCurrentWidget(self._preview_host)

    def _show_findings(self) -> None:
        self.side.setCurrentWidget(self.findings)

    def _side_tab_changed(self, _index: int) -> None:
        if self.side.currentWidget() is self._preview_host:
            if self.preview is None:
                self.preview = PreviewPane(self.whitelist, self._preview_host, debounce_ms=0)
                self._preview_host.layout().addWidget(self.preview)
            self._refresh_preview()

    def _schedule_preview(self) -> None:
        """Refresh the preview once typing pauses (the editor's HTML is costly to take)."""
        if self.preview is not None and self.side.currentWidget() is self._preview_host:
            self._preview_timer.start()

    def _refresh_preview(self) -> None:
        if self.preview is not None:
            text = self.editor.draft_text()
            self.preview.set_draft(text.title, text.body_html)

    # Messages

    def show_signed_in(self, account: AccountView | None = None) -> None:
        """Who works here, in the title and the status bar (the app calls it again after
        an unlock: the account as it is now)."""
        if account is None:
            account = account_by_login(self.store, self.actor)
        self.setWindowTitle(signed_in_title(self.actor, account))
        keys = self.sign_out_action.shortcut().toString()
        self.signed_in_label.show_account(self.actor, account, keys)

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8_000)

    def show_problem(self, message: str, *, dialog: bool = False) -> None:
        """A problem the user must see; the text in the editor is never touched."""
        self.banner.setText(message)
        self.banner.show()
        if dialog:
            QMessageBox.warning(self, self.tr("Desk 审校台"), message)

    def _lexicon_loaded(self, entries: int, _hash: str) -> None:
        self.lexicon_label.setText(self.tr("词库 {entries} 条").format(entries=entries))

    def _lexicon_failed(self, message: str) -> None:
        self.lexicon_label.setText(self.tr("词库未加载"))
        self.show_problem(self.tr("词库无法加载，暂不能检查：{message}").format(message=message))

    def _focus_search(self) -> None:
        self.drafts.search.setFocus()
        self.drafts.search.selectAll()

    # Window events

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        inside = self.editor.isAncestorOf
        leaving = old is not None and inside(old) and (new is None or not inside(new))
        if leaving and self.open_draft is not None:
            self.open_draft.save("autosave")

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        deactivated = event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow()
        if deactivated and self.open_draft is not None:
            self.open_draft.save("autosave")
        super().changeEvent(event)

    def sign_out(self) -> bool:
        """注销/切换账号: close as 退出 does (the open draft is saved), then ``signed_out``
        lets the app ask who signs in next. False if the window stays open (the draft
        could not be saved and the person chose to stay)."""
        if not self.close():
            return False
        self.signed_out.emit()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.open_draft is not None and not self.open_draft.close():
            answer = QMessageBox.question(
                self,
                self.tr("Desk 审校台"),
                self.tr(
                    "当前稿件未能保存。仍要退出吗？（最近自动保存的内容会在您下次登录时提供恢复）"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.state.save_window(self, self.splitter)
        QApplication.instance().focusChanged.disconnect(self._focus_changed)
        if self.preview is not None:
            self.preview.shutdown()
        event.accept()
