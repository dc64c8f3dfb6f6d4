"""The admin screen's tables: one row per item, each row carrying its item's id."""

from __future__ import annotations

import uuid

from desk.ui.qt import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

_ID_ROLE = Qt.ItemDataRole.UserRole


def table(headers: list[str]) -> QTreeWidget:
    """A flat, sized-to-contents list with these column headers."""
    tree = QTreeWidget()
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setHeaderLabels(headers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


def page(tree: QTreeWidget, buttons: list[QPushButton]) -> QWidget:
    """A tab's page: the table above a row of its buttons."""
    widget = QWidget()
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    layout = QVBoxLayout(widget)
    layout.addWidget(tree)
    layout.addLayout(row)
    return widget


def fill(tree: QTreeWidget, rows: list[tuple[uuid.UUID, list[str]]]) -> None:
    """Replace the rows, keeping the selected id selected."""
    chosen = selected_id(tree)
    tree.clear()
    for row_id, cells in rows:
        item = QTreeWidgetItem(cells)
        item.setData(0, _ID_ROLE, row_id)
        tree.addTopLevelItem(item)
        if row_id == chosen:
            tree.setCurrentItem(item)


def selected_id(tree: QTreeWidget) -> uuid.UUID | None:
    """The id of the selected row, if any."""
    item = tree.currentItem()
    return item.data(0, _ID_ROLE) if item is not None else None
