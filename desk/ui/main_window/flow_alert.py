"""For an administrator, at sign-in and after each visit to 账号与单位管理: the 三审 flow
can't go on somewhere (a level with nobody, drafts stalled), with a button to the screen
where it is set right (desk.review.stalls finds what is missing)."""

from __future__ import annotations

from desk.review.stalls import StallReport
from desk.ui.qt import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget, Signal
from desk.ui.review.stalls import gap_text

ALERT_STYLE = "#flow-alert { background: #fff4e5; border-radius: 3px; } QLabel { color: #7a4100; }"


class FlowAlert(QFrame):
    """Hidden while the flow can go on everywhere; ``open_admin`` asks for the admin screen."""

    open_admin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flow-alert")
        self.setStyleSheet(ALERT_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("打开账号与单位管理…"))
        self.button.clicked.connect(self.open_admin)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_report(self, report: StallReport) -> None:
        """Say what is missing: the first gap in full, then how many more, and how many
        drafts are stalled."""
        lines = []
        if report.gaps:
            lines.append("⚠ " + gap_text(report.gaps[0]))
            if len(report.gaps) > 1:
                more = self.tr("另有 {count} 处审核环节无人")
                lines.append(more.format(count=len(report.gaps) - 1))
        if report.drafts:
            lines.append(self.tr("{count} 份稿件无法继续流转").format(count=len(report.drafts)))
        self.text.setText("\n".join(lines))
        self.setVisible(bool(lines))
