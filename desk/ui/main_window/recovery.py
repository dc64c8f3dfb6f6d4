"""The offer on start: text autosaved before a crash, restored or thrown away."""

from __future__ import annotations

from collections.abc import Sequence

from desk.documents.html_text import html_text
from desk.review.drafts import RecoverySnapshot
from desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desk.ui.screen_fit import fit_to_screen

_PREVIEW_CHARS = 60
DIALOG_MARGINS = 60  # the layout's margins, the check boxes' indent, a scroll bar


class RecoveryDialog(QDialog):
    """Lists the snapshots, all ticked; 恢复 restores the ticked ones, 放弃 none."""

    def __init__(self, snapshots: Sequence[RecoverySnapshot], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("恢复未保存的内容"))
        self.snapshots = list(snapshots)
        intro = QLabel(
            self.tr("上次没有正常退出。下列稿件有未保存的内容，勾选要恢复的（恢复后存为新版本）：")
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("稿件"), self.tr("自动保存于"), self.tr("内容")])
        for snapshot in self.snapshots:
            title = snapshot.title or self.tr("（无标题）")
            if snapshot.is_new:
                title = self.tr("{title}（新稿件）").format(title=title)
            item = QTreeWidgetItem(
                [
                    title,
                    snapshot.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    _excerpt(snapshot.body_html),
                ]
            )
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(2, item.text(2))
            self.tree.addTopLevelItem(item)
        header = self.tree.header()  # title and time in full; the excerpt takes the rest
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("恢复所选"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_button = self.buttons.addButton(
            self.tr("全部放弃"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.restore_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self._discard_all)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(self.buttons)
        columns = sum(self.tree.sizeHintForColumn(column) for column in range(3))
        fit_to_screen(self, max(640, columns + DIALOG_MARGINS), 320)

    def chosen(self) -> list[RecoverySnapshot]:
        """The ticked snapshots (to restore); the others are to be thrown away."""
        return [
            snapshot
            for index, snapshot in enumerate(self.snapshots)
            if self.tree.topLevelItem(index).checkState(0) == Qt.CheckState.Checked
        ]

    def _discard_all(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(index).setCheckState(0, Qt.CheckState.Unchecked)
        self.accept()


def _excerpt(body_html: str) -> str:
    text = " ".join(html_text(body_html).text.split())
    return text[:_PREVIEW_CHARS] + ("…" if len(text) > _PREVIEW_CHARS else "")
