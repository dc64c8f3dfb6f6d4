"""What changed in the text that the person should read before acting: since their last
step, or the corrections reviewers made during this round (desk.review.seen)."""

from __future__ import annotations

import html

from desk.review.diff import changes_html
from desk.review.seen import SINCE_SEEN, ChangesToSee
from desk.ui.qt import QLabel, QTextBrowser, QVBoxLayout, QWidget, Signal

COMPARISON_HEIGHT = 120  # the first lines of the comparison (修订记录 has all of it)


class ChangesToRead(QWidget):
    """A title naming who changed the text, and the comparison; hidden when nothing did."""

    history_requested = Signal()  # open the revision history (the full comparison)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.linkActivated.connect(self.history_requested)
        self.comparison = QTextBrowser()
        self.comparison.setMaximumHeight(COMPARISON_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.comparison)

    def show_changes(self, changes: ChangesToSee | None) -> None:
        self.setVisible(changes is not None)
        if changes is None:
            return
        if changes.why == SINCE_SEEN:
            said = self.tr("自您上次处理（第 {since} 版）以来，{editors}修改了稿件")
        else:
            said = self.tr("审核中{editors}修改了提交的稿件（第 {since} 版）")
        said = said.format(since=changes.since.number, editors="、".join(changes.editors))
        more = self.tr("修订记录")
        self.title.setText(f'<b>{html.escape(said)}</b> · <a href="#history">{more}</a>')
        old, new = changes.since, changes.current
        self.comparison.setHtml(changes_html(old.title, old.body_text, new.title, new.body_text))
