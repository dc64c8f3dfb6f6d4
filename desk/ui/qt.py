"""The one place the UI imports Qt from: the PySide6 classes the UI uses, re-exported.

Every other module in desk/ui writes ``from desk.ui.qt import QTextEdit``; swapping or
patching the binding then touches this file only. (PySide6 6.12.0 aborts Python
3.11 sessions, PYSIDE-3474: pyproject.toml keeps it out.)
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeySequence,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QTextEdit,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QAction",
    "QApplication",
    "QColor",
    "QEvent",
    "QGuiApplication",
    "QHeaderView",
    "QInputDialog",
    "QKeySequence",
    "QLineEdit",
    "QMenu",
    "QMimeData",
    "QObject",
    "QPoint",
    "QPointF",
    "QTextBlock",
    "QTextCharFormat",
    "QTextCursor",
    "QTextDocument",
    "QTextDocumentFragment",
    "QTextEdit",
    "QTextFormat",
    "QTextTable",
    "QThread",
    "QTimer",
    "QToolTip",
    "QTreeWidget",
    "QTreeWidgetItem",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
