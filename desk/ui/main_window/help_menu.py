"""帮助: the manual shipped with Desk, the window's shortcuts, and 关于 Desk 审校台.

Everything is local: the manual is the user guide in docs/ beside the program, in the
UI's language (docs/manual.zh_CN.md, for office staff; the README is for developers),
shown with its pictures; a link out of it is named, never followed (the desk is often
offline, and nothing here goes online). The shortcuts are read from the window's own actions, so
the list can't fall behind them.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TypeVar

import desk
from desk.resources import RESOURCES_DIR
from desk.ui.qt import (
    QAction,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QImage,
    QKeySequence,
    QLabel,
    QLibraryInfo,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPixmap,
    Qt,
    QTextBlock,
    QTextBrowser,
    QTextCursor,
    QTextDocument,
    QTextFragment,
    QTreeWidget,
    QTreeWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from desk.ui.screen_fit import fit_to_screen

MANUALS_DIR = RESOURCES_DIR.parent / "docs"
MANUAL_PICTURE_WIDTH = 820  # px: the dialog's width, less its margins
Shown = TypeVar("Shown", bound=QDialog)


class HelpMenu(QMenu):
    """帮助(H): 使用说明 (F1), 快捷键, 关于."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(self.tr("帮助(&H)"), window)
        self._window = window
        self.manual_action = self.addAction(self.tr("使用说明"))
        self.manual_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts_action = self.addAction(self.tr("快捷键"))
        self.addSeparator()
        self.about_action = self.addAction(self.tr("关于 Desk 审校台"))
        window.addAction(self.manual_action)  # F1 works wherever the focus is
        self.manual_action.triggered.connect(self.show_manual)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action.triggered.connect(self.show_about)

    def show_manual(self) -> QDialog:
        return _open(ManualDialog(self._window))

    def show_shortcuts(self) -> QDialog:
        """The window's actions, then those of its parts (the editor's plain paste …)."""
        own = self._window.actions()
        parts = [action for action in self._window.findChildren(QAction) if action not in own]
        return _open(ShortcutsDialog(own + parts, self._window))

    def show_about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("关于 Desk 审校台"),
            self.tr(
                "<b>Desk 审校台</b> {version}<br>"
                "政务信息发布的三审三校：敏感词与链接检查、审核签发、发布登记。<br><br>"
                "Qt {qt}，Python {python}"
            ).format(
                version=desk.__version__,
                qt=QLibraryInfo.version().toString(),
                python=platform.python_version(),
            ),
            QMessageBox.StandardButton.Close,
            self._window,
        )
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("关闭"))
        return _open(box)


def _open(dialog: Shown) -> Shown:
    """Show ``dialog`` without blocking the window; it is deleted once closed."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def manual_path() -> Path:
    """The user guide in the UI's language: its file name is translated with the UI."""
    return MANUALS_DIR / QCoreApplication.translate(
        "ManualDialog", "manual.zh_CN.md", "file name of the user guide in docs/"
    )


class ManualDialog(QDialog):
    """使用说明: the user guide, read from disk with its pictures; links within it are
    followed, links out of it only named."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用说明"))
        manual = manual_path()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 680)
        self.browser.sourceChanged.connect(self._fit_pictures)
        if manual.is_file():
            self.browser.setSource(
                QUrl.fromLocalFile(str(manual)), QTextDocument.ResourceType.MarkdownResource
            )
        else:
            self.note.setText(self.tr("找不到使用说明 {path}").format(path=manual))

    def _fit_pictures(self) -> None:
        """Scale the page's screenshots down to the dialog's width (Markdown gives none)."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            for fragment in _fragments(block):
                picture = fragment.charFormat().toImageFormat()
                if not picture.isValid():
                    continue
                image = document.resource(
                    QTextDocument.ResourceType.ImageResource, QUrl(picture.name())
                )
                if isinstance(image, QImage | QPixmap) and image.width() > MANUAL_PICTURE_WIDTH:
                    picture.setWidth(MANUAL_PICTURE_WIDTH)
                    picture.setHeight(image.height() * MANUAL_PICTURE_WIDTH / image.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(picture)
            block = block.next()

    def _follow(self, url: QUrl) -> None:
        """A link to a part of this page or to another local Markdown page is followed;
        any other is named below the page."""
        if url.isRelative() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
            return
        target = self.browser.source().resolved(url)
        local = Path(target.toLocalFile()) if target.isLocalFile() else None
        if local is not None and local.suffix == ".md" and local.is_file():
            self.browser.setSource(target, QTextDocument.ResourceType.MarkdownResource)
            self.note.clear()
            return
        self.note.setText(
            self.tr("外部链接不在此打开（本机可能未联网）：{url}").format(url=url.toString())
        )


def _fragments(block: QTextBlock) -> list[QTextFragment]:
    found = []
    iterator = block.begin()
    while not iterator.atEnd():
        found.append(iterator.fragment())
        iterator += 1
    return found


class ShortcutsDialog(QDialog):
    """快捷键: every action of the window that has one, with its keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("操作"), self.tr("快捷键")])
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and action.isVisible():
                name = action.text().replace("&", "").removesuffix("…")
                self.table.addTopLevelItem(QTreeWidgetItem([name, keys]))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 420, 480)

    def rows(self) -> list[tuple[str, str]]:
        return [
            (item.text(0), item.text(1))
            for item in (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        ]
