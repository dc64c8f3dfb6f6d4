"""The admin screen's warnings that the flow can't go on: which level of which unit has
nobody and exactly what to set (a banner above the tabs), and the drafts stuck there
(the 停滞稿件 tab). desk.review.stalls finds them."""

from __future__ import annotations

from collections.abc import Mapping

from desk.review.stalls import StallReport
from desk.ui.admin.labels import person
from desk.ui.admin.tables import fill
from desk.ui.qt import QLabel, QTreeWidget, QWidget
from desk.ui.review.labels import status_label
from desk.ui.review.stalls import gap_text, stall_reason

WARNING_STYLE = "QLabel { background: #fff4e5; color: #7a4100; padding: 6px; border-radius: 3px; }"


class FlowWarnings(QLabel):
    """What an administrator must set for the flow to go on; hidden when nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.hide()

    def show_report(self, report: StallReport) -> None:
        lines = [gap_text(gap) for gap in report.gaps]
        if report.drafts:
            stuck = self.tr("{count} 份稿件无法继续流转，见“停滞稿件”页")
            lines.append(stuck.format(count=len(report.drafts)))
        self.setText("\n".join(f"⚠ {line}" for line in lines))
        self.setVisible(bool(lines))


def fill_stalled(tree: QTreeWidget, report: StallReport, names: Mapping[str, str]) -> None:
    """List the report's drafts; ``names``: people's names by login."""
    fill(
        tree,
        [
            (
                draft.draft_id,
                [
                    draft.title,
                    status_label(draft.stall.level),
                    draft.stall.unit,
                    stall_reason(draft.stall),
                    person(names[draft.created_by], draft.created_by)
                    if draft.created_by in names
                    else draft.created_by,
                    draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                ],
            )
            for draft in report.drafts
        ],
    )
