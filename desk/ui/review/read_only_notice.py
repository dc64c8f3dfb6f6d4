"""Above the editor: why the open draft's text can't be changed by this person, and 撤回
while the drafter may still take a submission back (desk.review.withdrawal)."""

from __future__ import annotations

from desk.review.inbox import ReviewState
from desk.review.roles import LEVELS
from desk.review.stages import PUBLISHED, READY, RETRACTED
from desk.ui.qt import QLabel, Qt, QWidget, Signal
from desk.ui.review.labels import level_label, status_label

NOTICE_STYLE = "QLabel { background: #e8f0fe; color: #1a3e72; padding: 6px; border-radius: 3px; }"
WITHDRAW_LINK = "#withdraw"


class ReadOnlyNotice(QLabel):
    """Hidden while the person may edit the text."""

    withdraw_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(NOTICE_STYLE)
        self.linkActivated.connect(self._link)
        self.hide()

    def show_for(
        self, state: ReviewState | None, login: str, editable: bool, withdrawable: bool
    ) -> None:
        """Say why ``login`` can't change the draft in ``state`` (nothing when they can,
        or when no draft is open: see `show_no_draft`)."""
        if editable or state is None:
            self.hide()
            return
        self.setText(self._why(state, login, withdrawable))
        self.show()

    def show_no_draft(self, reviews: bool) -> None:
        """For an account that can't draft, while no draft is open: where its work is
        (``reviews``: it holds a review role)."""
        if reviews:
            said = self.tr(
                "您的账号不能起草稿件。请从左侧“待我处理”打开要审核的稿件，或在“全部”中查看稿件。"
            )
        else:
            said = self.tr("您的账号不能起草或审核稿件，可在左侧“全部”中查看稿件。")
        self.setText(said)
        self.show()

    def _why(self, state: ReviewState, login: str, withdrawable: bool) -> str:
        mine = state.created_by == login
        if state.status in LEVELS and mine:
            said = self.tr("稿件已提交，正在{status}，内容只读。").format(
                status=status_label(state.status)
            )
            if withdrawable:
                return said + self.tr(
                    '审核人处理前可以<a href="{link}">撤回</a>，修改后重新提交。'
                ).format(link=WITHDRAW_LINK)
            return said + self.tr("如需修改，请联系审核人退回。")
        if state.status in LEVELS:
            return self.tr("稿件正在{level}，只有该环节的审核人可以修改，内容只读。").format(
                level=level_label(state.status)
            )
        if state.status == READY:
            return self.tr("稿件已签发，内容已固定，只读。")
        if state.status == PUBLISHED:
            more = self.tr("如需修改，请提出修改申请。") if mine else ""
            return self.tr("稿件已发布，内容只读。") + more
        if state.status == RETRACTED:
            more = self.tr("如需更正后重新发布，请提出修改申请。") if mine else ""
            return self.tr("稿件已撤稿，内容只读。") + more
        return self.tr("这是他人的草稿，只有起草人可以修改，内容只读。")

    def _link(self, link: str) -> None:
        if link == WITHDRAW_LINK:
            self.withdraw_requested.emit()
