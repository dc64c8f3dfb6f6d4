"""修订记录: every revision of a draft, any two of them compared, the forms printed.

A reviewer opening a draft they acted on before sees first what changed since then,
not the whole text again; the 审核表 and the comparison print from here to PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from desk.review.approval_form import approval_form, form_html
from desk.review.diff import RevisionText, diff_html, revision_texts
from desk.review.seen import changed_since_seen
from desk.review.verified import StateUnverified
from desk.store import Store
from desk.ui.file_dialogs import FileDialogs, FileKind, FileType, file_name
from desk.ui.printing import print_html_to_pdf
from desk.ui.qt import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desk.ui.review.labels import stage_label
from desk.ui.screen_fit import fit_to_screen


class HistoryDialog(QDialog):
    """Lists the revisions and shows two of them compared (by default what changed since
    the viewer last acted, else the last change); prints the 审核表 and the comparison."""

    def __init__(
        self,
        store: Store,
        draft_id: uuid.UUID,
        viewer_login: str,
        files: FileDialogs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修订记录"))
        self._store = store
        self._files = files
        self._draft_id = draft_id
        self.texts: list[RevisionText] = revision_texts(store, draft_id)
        self.diff_page = ""
        seen = changed_since_seen(store, draft_id, viewer_login)

        self.banner = QLabel()
        self.banner.setStyleSheet("QLabel { background: #fff4e5; padding: 6px; }")
        self.banner.setVisible(seen is not None)
        if seen is not None:
            self.banner.setText(
                self.tr("自您上次审核（第 {number} 版）以来有改动").format(number=seen)
            )
        self.revisions = QTreeWidget()
        self.revisions.setRootIsDecorated(False)
        self.revisions.setHeaderLabels(
            [self.tr("版本"), self.tr("修改人"), self.tr("环节"), self.tr("时间")]
        )
        for text in self.texts:
            self.revisions.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        self.tr("第 {number} 版").format(number=text.number),
                        text.author_name,
                        stage_label(text.stage),
                        text.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    ]
                )
            )
        self.revisions.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.old_picker, self.new_picker = QComboBox(), QComboBox()
        for picker in (self.old_picker, self.new_picker):
            for text in self.texts:
                picker.addItem(self.tr("第 {number} 版").format(number=text.number), text.number)
        self.diff = QTextBrowser()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b3261e; }")
        self.print_form_button = QPushButton(self.tr("打印审核表…"))
        self.print_diff_button = QPushButton(self.tr("导出比对 PDF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.addButton(self.print_form_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_diff_button, QDialogButtonBox.ButtonRole.ActionRole)

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(self.tr("比较")))
        pickers.addWidget(self.old_picker)
        pickers.addWidget(QLabel(self.tr("与")))
        pickers.addWidget(self.new_picker)
        pickers.addStretch()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(pickers)
        right_layout.addWidget(self.diff)
        splitter = QSplitter()
        splitter.addWidget(self.revisions)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 680)

        current = self.texts[-1].number
        self.compare(seen or max(current - 1, 1), current)
        self.old_picker.currentIndexChanged.connect(self._show_diff)
        self.new_picker.currentIndexChanged.connect(self._show_diff)
        self.revisions.itemClicked.connect(self._compare_with_previous)
        self.revisions.itemActivated.connect(self._compare_with_previous)
        self.print_form_button.clicked.connect(self._ask_print_form)
        self.print_diff_button.clicked.connect(self._ask_print_diff)
        buttons.rejected.connect(self.reject)

    def compare(self, old_number: int, new_number: int) -> None:
        """Show revision ``old_number`` against ``new_number`` (numbers from 1)."""
        for picker, number in ((self.old_picker, old_number), (self.new_picker, new_number)):
            picker.blockSignals(True)
            picker.setCurrentIndex(picker.findData(number))
            picker.blockSignals(False)
        self._show_diff()

    def print_form(self, path: Path) -> bool:
        """Write the draft's 审核表 to ``path`` as PDF, once its rows are proved against the
        audit log; False (and why, in red) if not."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a first proof takes long
        try:
            form = approval_form(self._store, self._draft_id)
        except StateUnverified as error:
            self.message.setText(self.tr("审核表未生成：{reason}").format(reason=error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return self._print(form_html(form), path, form.images)

    def print_diff(self, path: Path) -> bool:
        """Write the comparison shown to ``path`` as PDF; False (and why, in red) if not."""
        return self._print(self.diff_page, path)

    def _print(self, page: str, path: Path, images: Mapping[str, bytes] | None = None) -> bool:
        try:
            print_html_to_pdf(page, path, images)
        except OSError as error:
            self.message.setText(error.strerror or str(error))
            return False
        self.message.clear()
        return True

    def _show_diff(self) -> None:
        old = self.texts[self.old_picker.currentIndex()]
        new = self.texts[self.new_picker.currentIndex()]
        self.diff_page = diff_html(
            old.title,
            old.body_text,
            new.title,
            new.body_text,
            old_label=self._label(old),
            new_label=self._label(new),
        )
        self.diff.setHtml(self.diff_page)
        self.revisions.setCurrentItem(self.revisions.topLevelItem(self.new_picker.currentIndex()))

    def _label(self, text: RevisionText) -> str:
        return self.tr("第 {number} 版（{stage}）").format(
            number=text.number, stage=stage_label(text.stage)
        )

    def _compare_with_previous(self, item: QTreeWidgetItem) -> None:
        number = self.revisions.indexOfTopLevelItem(item) + 1
        self.compare(max(number - 1, 1), number)

    def _ask_print_form(self) -> None:
        path = self._ask_pdf(self.tr("打印审核表"), self.tr("审核表"))
        if path is not None:
            self.print_form(path)

    def _ask_print_diff(self) -> None:
        path = self._ask_pdf(self.tr("导出比对 PDF"), self.tr("修改比对"))
        if path is not None:
            self.print_diff(path)

    def _ask_pdf(self, caption: str, what: str) -> Path | None:
        """A PDF path from the save dialog, proposed as "<what>-<标题>-<date>.pdf"; None if
        cancelled."""
        return self._files.save_file(
            self,
            FileKind.PDF,
            caption,
            file_name(what, self.texts[-1].title, date.today().isoformat()),
            [FileType(self.tr("PDF 文件"), ("pdf",))],
        )
