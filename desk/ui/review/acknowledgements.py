"""The 提醒 a reviewer acknowledges, each with a reason, beside the reasons the earlier
levels gave for it, which one click confirms as the reviewer's own (each stays editable).

The list grows with the 提醒: the review panel around it scrolls, so no reason is typed
in a box too small to read.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from desk.review.acknowledgements import PriorReason, reasons_for
from desk.review.findings import Finding
from desk.ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desk.ui.review.field_note import FieldNote
from desk.ui.review.labels import level_label

PRIOR_STYLE = "QLabel { color: #555; padding-left: 12px; }"


@dataclass(frozen=True, slots=True)
class _Row:
    finding: Finding
    reason: QLineEdit
    prior: tuple[PriorReason, ...]  # lowest level first


class AcknowledgementsBox(QWidget):
    """One row per 提醒: what was found, the earlier levels' reasons, the reason to give.
    Clicking what was found asks for it to be shown in the editor (`finding_activated`)."""

    finding_activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.confirm = QPushButton()
        self.confirm.setToolTip(self.tr("把前一级审核人写的理由填入尚未填写的处理理由，可再修改"))
        self.confirm.clicked.connect(self.confirm_prior)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.confirm)
        self.rows_area = QWidget()
        self._rows_layout = QVBoxLayout(self.rows_area)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.note = FieldNote(self.rows_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.rows_area)
        self._rows: list[_Row] = []
        self.hide()

    def set_findings(self, findings: Sequence[Finding], prior: Sequence[PriorReason]) -> None:
        """List the 提醒 of ``findings`` (after each check), keeping the reasons typed."""
        typed = {_key(row.finding): row.reason.text() for row in self._rows}
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        warnings = [finding for finding in findings if finding.severity == "warn"]
        earlier = reasons_for(warnings, prior)
        self._rows = []
        for finding in warnings:
            key = _key(finding)
            row = _Row(finding, QLineEdit(typed.get(key, "")), earlier.get(key, ()))
            self._rows_layout.addWidget(self._row_widget(row))
            self._rows.append(row)
        count = len(self._rows)
        self.heading.setText(self.tr("提醒 {count} 处：请逐条写明处理理由").format(count=count))
        confirmable = sum(bool(row.prior) for row in self._rows)
        self.confirm.setText(self.tr("沿用前一级理由（{count} 处）").format(count=confirmable))
        self.confirm.setVisible(bool(confirmable))
        self.setVisible(bool(count))

    def acknowledgements(self) -> list[dict[str, object]]:
        """What an Approve sends: each 提醒 by its spot, with the reason given (may be blank)."""
        return [
            {
                "rule": row.finding.rule,
                "field": row.finding.field,
                "start": row.finding.start,
                "end": row.finding.end,
                "text": row.finding.text,
                "reason": row.reason.text().strip(),
            }
            for row in self._rows
        ]

    def confirm_prior(self) -> int:
        """Fill each blank reason with the nearest earlier level's; how many were filled."""
        filled = 0
        for row in self._rows:
            if row.prior and not row.reason.text().strip():
                row.reason.setText(row.prior[-1].reason)
                filled += 1
        return filled

    def reason_edits(self) -> list[QLineEdit]:
        """The reason fields, in the order of the 提醒."""
        return [row.reason for row in self._rows]

    def clear_reasons(self) -> None:
        for row in self._rows:
            row.reason.clear()

    def _row_widget(self, row: _Row) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        quote = f"「{row.finding.found_text}」"
        rest = row.finding.message.removeprefix(quote)
        found = QLabel(f'<a href="#finding">{html.escape(quote)}</a>{html.escape(rest)}')
        found.setTextFormat(Qt.TextFormat.RichText)
        found.setWordWrap(True)
        found.setToolTip(self.tr("在编辑器中选中"))
        found.linkActivated.connect(partial(self._activated, row.finding))
        layout.addWidget(found)
        for reason in row.prior:
            said = QLabel(f"{level_label(reason.level)} {reason.reviewer}：{reason.reason}")
            said.setWordWrap(True)
            said.setStyleSheet(PRIOR_STYLE)
            layout.addWidget(said)
        row.reason.setPlaceholderText(self.tr("处理理由（必填）"))
        row.reason.textChanged.connect(self.note.clear_note)
        layout.addWidget(row.reason)
        return widget

    def _activated(self, finding: Finding, _link: str) -> None:
        self.finding_activated.emit(finding)


def _key(finding: Finding) -> tuple[str, str, int, int]:
    return (finding.rule, finding.field, finding.start, finding.end)
