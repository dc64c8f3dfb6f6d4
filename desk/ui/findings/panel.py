"""The findings list beside the editor: grouped by severity, then kind, with counts."""

from __future__ import annotations

from collections.abc import Sequence

from desk.review.findings import KIND_LABELS, SEVERITIES, Finding
from desk.ui.findings.style import (
    SEVERITY_COLOURS,
    finding_card,
    kind_label,
    quoted,
    severity_label,
)
from desk.ui.qt import (
    QColor,
    QCoreApplication,
    QHeaderView,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

_FINDING_ROLE = Qt.ItemDataRole.UserRole
_REASON_EXAMPLES = 3  # block findings named in the blocking reason before "等" (etc.)


class FindingsPanel(QWidget):
    """Lists a draft's findings; clicking one asks the editor to show it.

    `blocking_reason` says why the draft can't be submitted ("" when it can), for the
    submit button's enabled state and tooltip.
    """

    finding_activated = Signal(object)  # Finding
    blocking_reason_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("原文"), self.tr("说明")])
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._blocking_reason = ""

    @property
    def blocking_reason(self) -> str:
        return self._blocking_reason

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show these findings (in reading order), replacing what was listed."""
        self.tree.clear()
        for severity in SEVERITIES:
            of_severity = [f for f in findings if f.severity == severity]
            if not of_severity:
                continue
            group = _group_item(severity_label(severity), len(of_severity))
            group.setForeground(0, QColor(SEVERITY_COLOURS[severity]))
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)  # only takes effect once the item is in the tree
            for kind in KIND_LABELS:
                of_kind = [f for f in of_severity if f.kind == kind]
                if of_kind:
                    kind_group = _group_item(kind_label(kind), len(of_kind))
                    group.addChild(kind_group)
                    kind_group.setFirstColumnSpanned(True)
                    kind_group.addChildren([_finding_item(f) for f in of_kind])
        if not findings:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr("未发现问题")]))
        self.tree.expandAll()
        self._set_blocking_reason(blocking_reason(findings))

    def _set_blocking_reason(self, reason: str) -> None:
        if reason != self._blocking_reason:
            self._blocking_reason = reason
            self.blocking_reason_changed.emit(reason)

    def _activate(self, item: QTreeWidgetItem) -> None:
        finding = item.data(0, _FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)


def blocking_reason(findings: Sequence[Finding]) -> str:
    """Why a draft with these findings can't be submitted: 有 2 处屏蔽项：「…」、「…」."""
    blocking = [f for f in findings if f.severity == "block"]
    if not blocking:
        return ""
    named = "、".join(quoted(f) for f in blocking[:_REASON_EXAMPLES])
    if len(blocking) > _REASON_EXAMPLES:
        named += QCoreApplication.translate("findings", "等")
    reason = QCoreApplication.translate("findings", "有 {count} 处屏蔽项：{named}")
    return reason.format(count=len(blocking), named=named)


def _group_item(label: str, count: int) -> QTreeWidgetItem:
    item = QTreeWidgetItem([f"{label} ({count})"])
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    return item


def _finding_item(finding: Finding) -> QTreeWidgetItem:
    where = QCoreApplication.translate("findings", "标题 ") if finding.field == "title" else ""
    item = QTreeWidgetItem([where + quoted(finding), finding.message])
    item.setData(0, _FINDING_ROLE, finding)
    card = finding_card(finding)
    item.setToolTip(0, card)
    item.setToolTip(1, card)
    return item
