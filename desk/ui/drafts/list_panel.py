"""The draft list beside the editor: scope tabs, a search field, one row per draft.

The 待我处理 scope is the inbox by level: drafts under a heading per group (被退回,
待一审 … 待发布) with its count; its check box adds the other drafts in the flow the
person may see. The panel only shows what the main window's query returns and asks for
drafts to be opened (or a row's menu shown) by signal; opening, saving and everything
else belong to the main window.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from desk.review.drafts import DraftSummary
from desk.review.stages import PUBLISHED
from desk.ui.qt import (
    QCheckBox,
    QColor,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPoint,
    Qt,
    QTabBar,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desk.ui.review.labels import status_label

SEARCH_SETTLE_MS = 200
_ID_ROLE = Qt.ItemDataRole.UserRole
_GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


class DraftScope(enum.IntEnum):
    """Which drafts the list shows (the tab order)."""

    MINE = 0
    WAITING = 1  # waiting for this user's review
    ALL = 2  # every draft this user may see


@dataclass(frozen=True, slots=True)
class DraftGroup:
    """Drafts listed under one heading; a plain list is one group without a heading."""

    heading: str
    drafts: Sequence[DraftSummary]
    notes: Mapping[uuid.UUID, str] = field(default_factory=dict)  # a line per draft, on hover


# Lists the drafts of a scope matching a search (the main window queries the store).
DraftQuery = Callable[[DraftScope, str], Sequence[DraftGroup]]
# A draft's disclosure deadline as shown, its urgency ("overdue", "due-soon" or ""), and
# why it is only an estimate ("" when it is not).
DueOf = Callable[[DraftSummary], tuple[str, str, str]]
# Why nothing at all waits for this person when something is amiss ("" when not): a
# role that brings them no drafts, and whom to ask.
ExplainEmpty = Callable[[], str]
NOTE_STYLE = "QLabel { background: #fff4e5; color: #7a4100; padding: 6px; border-radius: 3px; }"
URGENCY_COLOURS = {"overdue": "#c62828", "due-soon": "#e8710a"}


class DraftListPanel(QWidget):
    """Lists drafts; activating one emits `open_requested` with its id, right-clicking
    one `menu_requested` with its id and where to show the menu."""

    open_requested = Signal(object)  # uuid.UUID
    menu_requested = Signal(object, QPoint)  # uuid.UUID, global position

    def __init__(
        self,
        query: DraftQuery,
        due_of: DueOf = lambda _draft: ("", "", ""),
        explain_empty: ExplainEmpty = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self._due_of = due_of
        self._explain_empty = explain_empty
        self.scopes = QTabBar()
        self.scopes.addTab(self.tr("我的稿件"))
        self.scopes.addTab(self.tr("待我处理"))
        self.scopes.addTab(self.tr("全部"))
        self.scopes.setExpanding(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索标题或正文"))
        self.search.setClearButtonEnabled(True)
        self.watching = QCheckBox(self.tr("显示我可见的全部在办稿件"))
        self.watching.setToolTip(
            self.tr("也列出您现在不能处理、但可以查看的在办稿件（如自己起草或已审过的）")
        )
        self.watching.hide()  # the 待我处理 scope's
        self.empty_note = QLabel()  # why 待我处理 stays empty, when something is amiss
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet(NOTE_STYLE)
        self.empty_note.hide()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [self.tr("标题"), self.tr("状态"), self.tr("公开期限"), self.tr("最后修改")]
        )
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scopes)
        layout.addWidget(self.search)
        layout.addWidget(self.watching)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.tree)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_SETTLE_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.refresh)
        self.scopes.currentChanged.connect(self.refresh)
        self.watching.toggled.connect(self.refresh)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self._current: uuid.UUID | None = None
        self._collapsed: set[str] = set()  # headings folded by the user, kept on refresh
        self.tree.itemCollapsed.connect(lambda item: self._collapsed.add(item.data(0, _GROUP_ROLE)))
        self.tree.itemExpanded.connect(
            lambda item: self._collapsed.discard(item.data(0, _GROUP_ROLE))
        )

    @property
    def scope(self) -> DraftScope:
        return DraftScope(self.scopes.currentIndex())

    def set_scope(self, scope: DraftScope) -> None:
        self.scopes.setCurrentIndex(scope)

    def refresh(self) -> None:
        """Query again: after a save, a new draft, or a change of scope or search."""
        self._search_timer.stop()
        self.watching.setVisible(self.scope is DraftScope.WAITING)
        groups = self._query(self.scope, self.search.text())
        self.tree.clear()
        self.tree.setRootIsDecorated(any(group.heading for group in groups))
        for group in groups:
            heading = self._heading(group) if group.heading else None
            for draft in group.drafts:
                item = self._item(draft, group.notes.get(draft.id, ""))
                if heading is None:
                    self.tree.addTopLevelItem(item)
                else:
                    heading.addChild(item)
                if draft.id == self._current:
                    self.tree.setCurrentItem(item)
        empty = not any(group.drafts for group in groups)
        if empty:
            row = QTreeWidgetItem([self._empty_text()])
            row.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(row)
        note = self._explain_empty() if empty and self.scope is DraftScope.WAITING else ""
        self.empty_note.setText(note)
        self.empty_note.setVisible(bool(note))
        # Rebuilt rows are not all repainted when the selection changed just before
        # (set_current, as the window does when it deletes the open draft): Qt repaints
        # only the deselected row, and the rows below keep showing the old list.
        self.tree.viewport().update()

    def _heading(self, group: DraftGroup) -> QTreeWidgetItem:
        """A group's heading row: its name and count, bold, spanning the columns."""
        heading = QTreeWidgetItem([f"{group.heading} ({len(group.drafts)})"])
        heading.setData(0, _GROUP_ROLE, group.heading)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = heading.font(0)
        font.setBold(True)
        heading.setFont(0, font)
        self.tree.addTopLevelItem(heading)
        heading.setFirstColumnSpanned(True)
        heading.setExpanded(group.heading not in self._collapsed)
        return heading

    def _item(self, draft: DraftSummary, note: str) -> QTreeWidgetItem:
        due, urgency, estimate = self._due_of(draft)
        item = QTreeWidgetItem(
            [
                draft.title or self.tr("（无标题）"),
                status_label(draft.status, draft.live, draft.returned),
                due,
                _when(draft.updated_at),
            ]
        )
        tips = [estimate] if estimate else []
        if urgency in URGENCY_COLOURS:
            item.setForeground(2, QColor(URGENCY_COLOURS[urgency]))
            tips.insert(
                0, self.tr("已超过公开期限") if urgency == "overdue" else self.tr("即将到期")
            )
        if tips:
            item.setToolTip(2, "\n".join(tips))
        if draft.live and draft.status != PUBLISHED:
            modifying = self.tr("修改稿：{status}").format(status=status_label(draft.status))
            item.setToolTip(1, modifying)
        item.setData(0, _ID_ROLE, draft.id)
        item.setToolTip(0, f"{draft.title}\n{note}" if note else draft.title)
        return item

    def set_current(self, draft_id: uuid.UUID | None) -> None:
        """Mark the draft open in the editor (kept across refreshes)."""
        self._current = draft_id
        for item in self._draft_items():
            if item.data(0, _ID_ROLE) == draft_id:
                self.tree.setCurrentItem(item)
                return
        self.tree.clearSelection()

    def draft_ids(self) -> list[uuid.UUID]:
        """The ids listed, top to bottom."""
        return [item.data(0, _ID_ROLE) for item in self._draft_items()]

    def headings(self) -> list[str]:
        """The group headings listed, with their counts (the inbox's)."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.text(0) for item in items if item.data(0, _GROUP_ROLE) is not None]

    def _draft_items(self) -> Iterator[QTreeWidgetItem]:
        """The draft rows, top to bottom, whether or not under a heading."""
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            rows = [top.child(i) for i in range(top.childCount())] if top.childCount() else [top]
            yield from (row for row in rows if row.data(0, _ID_ROLE) is not None)

    def _empty_text(self) -> str:
        if self.search.text().strip():
            return self.tr("没有找到符合条件的稿件")
        if self.scope is DraftScope.WAITING and self.watching.isChecked():
            return self.tr("没有您可见的在办稿件")
        if self.scope is DraftScope.WAITING:
            return self.tr("没有等待您处理的稿件")
        return self.tr("还没有稿件")

    def _menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        draft_id = item.data(0, _ID_ROLE) if item is not None else None
        if draft_id is not None:
            self.menu_requested.emit(draft_id, self.tree.viewport().mapToGlobal(position))

    def _activate(self, item: QTreeWidgetItem) -> None:
        draft_id = item.data(0, _ID_ROLE)
        if draft_id is not None and draft_id != self._current:
            self.open_requested.emit(draft_id)


def _when(moment: datetime) -> str:
    """Local time, without the date for today."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
