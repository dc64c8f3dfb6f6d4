"""A draft's history in the review panel: every step, who took it, with the opinion,
the reason or the channels, and when."""

from __future__ import annotations

from collections.abc import Sequence

from desk.review.inbox import Step
from desk.ui.qt import QHeaderView, Qt, QTreeWidget, QTreeWidgetItem, QWidget
from desk.ui.review.labels import action_label, stage_label


class ReviewHistory(QTreeWidget):
    """One row per step, oldest first, scrolled to the latest (what happened last, such
    as a 中止审核, is what one opens a draft to see); voided approvals greyed, with why
    on hover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setHeaderLabels(
            [self.tr("环节"), self.tr("操作"), self.tr("人员"), self.tr("意见"), self.tr("时间")]
        )
        header = self.header()  # names and times whole; the opinion takes the rest
        header.setStretchLastSection(False)
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def show_steps(self, steps: Sequence[Step]) -> None:
        self.clear()
        for step in steps:
            said = self.said(step)
            item = QTreeWidgetItem(
                [
                    stage_label(step.level),
                    action_label(step.action, step.level)
                    + (self.tr("（已作废）") if step.voided else ""),
                    step.actor,
                    said,
                    step.at.astimezone().strftime("%m-%d %H:%M"),
                ]
            )
            item.setToolTip(3, said)
            if step.voided:
                item.setToolTip(1, step.voided)
                item.setForeground(1, Qt.GlobalColor.gray)
            self.addTopLevelItem(item)
        self.scrollToBottom()

    def said(self, step: Step) -> str:
        """The opinion or reason, and for a publication or 撤稿 the channels."""
        if not step.channels:
            return step.opinion
        channels = self.tr("渠道：{channels}").format(channels="、".join(step.channels))
        return f"{step.opinion}（{channels}）" if step.opinion else channels
