"""信息发布登记: the register on screen, by date and searchable, exported to Excel or CSV.

The table shows the columns that fit a screen; the whole row (every level's signature,
the hash, the start of the text) is in its tooltip, and in the export. Cells are the
export's own (``desk.review.register.table``), so screen and file never disagree. The
date filter is a query (``register_rows(since=, until=)``); the search filters what it
returned. 导出 reads the rows again from state proved against the audit log
(``verified_register``), and refuses, saying what differs, if it doesn't match.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from desk.review.register import (
    FORMATS,
    HEADERS,
    RegisterRow,
    export,
    register_rows,
    table,
    verified_register,
)
from desk.review.roles import LEVEL_LABELS
from desk.review.verified import StateUnverified
from desk.store import Store, StoreError
from desk.ui.file_dialogs import FileDialogs, FileKind, FileType, file_name
from desk.ui.qt import (
    QApplication,
    QCheckBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desk.ui.screen_fit import fit_to_screen

# The HEADERS shown as columns, in order, each the first non-empty of its names; the 签发
# column is 三审's signer, the last the reason of a 修改 or a 撤稿.
_SHOWN = (
    ("登记号",),
    ("类型",),
    ("标题",),
    ("单位",),
    ("起草人",),
    (f"{LEVEL_LABELS['review3']}人",),
    ("发布/撤稿人",),
    ("时间",),
    ("渠道",),
    ("申请修改理由", "撤稿理由"),
)
_TITLE_COLUMN = _SHOWN.index(("标题",))
_TOOLTIP_TEXT_CHARS = 200  # of 原文, which can run to pages


class RegisterDialog(QDialog):
    """The register, oldest first; the dates (when ticked) keep the rows of those days,
    the search the rows whose title or unit matches, and 导出 writes the rows shown."""

    def __init__(self, store: Store, files: FileDialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("信息发布登记"))
        self._store = store
        self._files = files
        self.rows: list[RegisterRow] = []
        today = QDate.currentDate()
        self.by_date = QCheckBox(self.tr("按日期"))
        self.since = QDateEdit(QDate(today.year(), today.month(), 1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按标题或单位筛选"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels(
            [
                self.tr("登记号"),
                self.tr("类型"),
                self.tr("标题"),
                self.tr("单位"),
                self.tr("起草人"),
                self.tr("签发人"),
                self.tr("发布/撤稿人"),
                self.tr("时间"),
                self.tr("渠道"),
                self.tr("修改/撤稿理由"),
            ]
        )
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(self.by_date)
        top.addWidget(self.since)
        top.addWidget(QLabel(self.tr("至")))
        top.addWidget(self.until)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 1200, 600)

        self.load()
        self.by_date.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(self.load)
        self.until.dateChanged.connect(self.load)
        self.search.textChanged.connect(self._filter)
        self.export_button.clicked.connect(self._ask_export)
        buttons.rejected.connect(self.reject)

    def dates(self) -> tuple[date | None, date | None]:
        """The first and last day kept (both included), None for no limit."""
        if not self.by_date.isChecked():
            return None, None
        return self.since.date().toPython(), self.until.date().toPython()

    def load(self) -> None:
        """Query the register for the dates chosen, then apply the search."""
        since, until = self.dates()
        if since is not None and until is not None and since > until:
            self._report(self.tr("起始日期晚于结束日期"), error=True)
            self.rows = []
        else:
            try:
                self.rows = register_rows(self._store, since=since, until=until)
            except StoreError as error:
                self._report(str(error), error=True)
                self.rows = []
            else:
                self._report("")
        self.table.clear()
        for cells in table(self.rows):
            item = QTreeWidgetItem([_shown_cell(cells, names) for names in _SHOWN])
            tooltip = _tooltip(cells)
            for column in range(len(_SHOWN)):
                item.setToolTip(column, tooltip)
            self.table.addTopLevelItem(item)
        self._filter()

    def shown_rows(self) -> list[RegisterRow]:
        """The rows the search keeps, in order."""
        return [
            row
            for index, row in enumerate(self.rows)
            if not self.table.topLevelItem(index).isHidden()
        ]

    def export_to(self, path: Path) -> bool:
        """Write the rows shown to ``path``, as Excel or CSV by its suffix, read again from
        state proved against the audit log; False (and why, in red) if it doesn't match
        the log or can't be written."""
        fmt = path.suffix.lower().removeprefix(".")
        if fmt not in FORMATS:
            self._report(self.tr("只能导出为 .xlsx 或 .csv 文件"), error=True)
            return False
        since, until = self.dates()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a first proof takes long
        try:
            verified_rows, verified = verified_register(self._store, since=since, until=until)
        except (StateUnverified, StoreError) as error:
            self._report(self.tr("登记未导出：{reason}").format(reason=error), error=True)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        needle = self._needle()
        rows = [row for row in verified_rows if _matches(row, needle)]
        try:
            export(rows, path, fmt, verified)
        except OSError as error:
            self._report(
                self.tr("无法导出到 {path}：{reason}").format(
                    path=path, reason=error.strerror or error
                ),
                error=True,
            )
            return False
        self._report(
            self.tr("已导出 {count} 条到 {path}（已按审计日志核验，链头 {head}）").format(
                count=len(rows), path=path, head=verified.head
            )
        )
        return True

    def _needle(self) -> str:
        return self.search.text().strip().casefold()

    def _filter(self) -> None:
        needle = self._needle()
        for index, row in enumerate(self.rows):
            self.table.topLevelItem(index).setHidden(not _matches(row, needle))
        shown = len(self.shown_rows())
        if shown == len(self.rows):
            self.count.setText(self.tr("共 {total} 条").format(total=len(self.rows)))
        else:
            self.count.setText(
                self.tr("显示 {shown} / {total} 条").format(shown=shown, total=len(self.rows))
            )

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.load()

    def _ask_export(self) -> None:
        """Proposed as "信息发布登记-<date>" (today's, or the dates chosen)."""
        since, until = self.dates()
        dates = (
            self.tr("{since}至{until}").format(since=since, until=until)
            if since is not None and until is not None
            else date.today().isoformat()
        )
        path = self._files.save_file(
            self,
            FileKind.REGISTER,
            self.tr("导出登记"),
            file_name(self.tr("信息发布登记"), dates),
            [FileType("Excel", ("xlsx",)), FileType("CSV", ("csv",))],
        )
        if path is not None:
            self.export_to(path)

    def _report(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("QLabel { color: #b3261e; }" if error else "")
        self.message.setText(text)


def _matches(row: RegisterRow, needle: str) -> bool:
    """Whether the search (casefolded) keeps the row: its title or unit has it."""
    return not needle or any(needle in field.casefold() for field in (row.title, row.unit))


def _shown_cell(cells: list[str], names: tuple[str, ...]) -> str:
    return next((cell for name in names if (cell := cells[HEADERS.index(name)])), "")


def _tooltip(cells: list[str]) -> str:
    """The whole row, one field a line (empty ones left out), 原文 cut short."""
    lines = []
    for name, cell in zip(HEADERS, cells, strict=True):
        if not cell:
            continue
        if name == "原文" and len(cell) > _TOOLTIP_TEXT_CHARS:
            cell = cell[:_TOOLTIP_TEXT_CHARS] + "…"
        lines.append(f"<b>{html.escape(name)}</b>：{html.escape(cell)}")
    return "<br>".join(lines)
