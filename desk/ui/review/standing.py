"""Where a draft stands, at the top of the review panel: its status, unit and deadline
(with why the deadline is only an estimate), where the flow stalls for want of a
reviewer, where it is published or why it was retracted, and the comment it was
returned with."""

from __future__ import annotations

import html

from desk.review.deadlines import Deadline
from desk.review.inbox import ReviewState
from desk.ui.qt import QLabel, Qt, QVBoxLayout, QWidget, Signal
from desk.ui.review.labels import level_label, status_label

WARNING_STYLE = "QLabel { background: #fff4e5; color: #7a4a00; padding: 4px; }"
RETURNED_STYLE = "QLabel { background: #fff4e5; padding: 6px; }"


class DraftStanding(QWidget):
    """Labels that show only what applies to the draft shown."""

    anchor_requested = Signal(dict)  # show the span a returned draft's comment is about

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.stall = QLabel()  # nobody can act at its level, or will be able to
        self.stall.setStyleSheet(WARNING_STYLE)
        self.deadline = QLabel()  # why the disclosure deadline is only an estimate
        self.deadline.setStyleSheet(WARNING_STYLE)
        self.release = QLabel()  # where it is published, or why it was retracted
        self.contact = QLabel()  # whom to ask for a 撤稿, for those who can't
        self.returned = QLabel()
        self.returned.setStyleSheet(RETURNED_STYLE)
        self.returned.setTextFormat(Qt.TextFormat.RichText)
        self.returned.linkActivated.connect(self._show_anchor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        shown = (self.status, self.stall, self.deadline, self.release, self.contact, self.returned)
        for label in shown:
            label.setWordWrap(True)
            layout.addWidget(label)
        self._anchor: dict[str, object] | None = None

    def show_state(
        self, state: ReviewState | None, stall: str = "", due: Deadline | None = None
    ) -> None:
        """Show where the draft in ``state`` stands (None: a draft not saved yet),
        ``stall``: where its flow stops (desk.ui.review.stalls.stall_line), and ``due``:
        its disclosure deadline, if one applies."""
        self.stall.setText(stall)
        self.stall.setVisible(bool(stall))
        self.deadline.hide()
        self.release.hide()
        self.returned.hide()
        self._anchor = None
        parts = [status_label(state.status) if state else self.tr("草稿（尚未保存）")]
        if state is not None and state.unit:
            parts.append(state.unit)
        if state is not None and state.major:
            parts.append(self.tr("重大事项"))
        if due is not None:
            parts.append(
                self.tr("公开期限 {date}（估算）").format(date=due.due.isoformat())
                if due.warnings
                else self.tr("公开期限 {date}").format(date=due.due.isoformat())
            )
            self.deadline.setText("\n".join(due.warnings))
            self.deadline.setVisible(bool(due.warnings))
        self.status.setText(" · ".join(parts))
        if state is not None:
            self._show_release(state)
            self._show_returned(state)

    def show_contact(self, text: str) -> None:
        """Whom to ask for a 撤稿 ("": nothing to say)."""
        self.contact.setText(text)
        self.contact.setVisible(bool(text))

    def _show_release(self, state: ReviewState) -> None:
        """Where the published version is live, or why it was retracted."""
        release = state.release
        if release is None:
            return
        when = release.at.astimezone().strftime("%Y-%m-%d %H:%M")
        channels = "、".join(release.channels)
        if release.kind == "publish":
            said = self.tr("已发布于 {channels}（{actor}，{when}）")
        else:
            said = self.tr("已撤稿（{actor}，{when}，原发布于 {channels}）：{reason}")
        self.release.setText(
            said.format(channels=channels, actor=release.actor, when=when, reason=release.reason)
        )
        self.release.show()

    def _show_returned(self, state: ReviewState) -> None:
        returned = state.returned
        if returned is None:
            return
        about = ""
        if returned.anchor:
            self._anchor = dict(returned.anchor)
            quoted = html.escape(str(returned.anchor.get("text", "")))
            about = f'（<a href="#anchor">「{quoted}」</a>）'
        self.returned.setText(
            self.tr("{level}退回：{comment}{about}").format(
                level=level_label(returned.level),
                comment=html.escape(returned.opinion),
                about=about,
            )
        )
        self.returned.show()

    def _show_anchor(self, _link: str) -> None:
        if self._anchor is not None:
            self.anchor_requested.emit(dict(self._anchor))
