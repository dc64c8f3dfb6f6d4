"""The main window, signed in as the people of the demo desk: the liaison writing and
getting a draft back, the chief's inbox, the leader about to sign."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desk.links import Whitelist
from desk.review.findings import SEVERITY_RANK
from desk.store import Store
from desk.ui.check_worker import CheckWorker
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.positions import Utf16Map
from desk.ui.qt import QApplication, QEvent, QHelpEvent, QTextCursor, QWidget
from desk.ui.screenshots.demo import CHIEF, DRAFTER, FINANCE_DRAFTER, LEADER, DemoDrafts
from desk.ui.screenshots.support import (
    WINDOW_SIZE,
    ScreenshotError,
    pause,
    save,
    wait,
    with_popups,
)

# Widths of the draft list, the editor and the side panel where the flow is the subject:
# titles and the review history readable, the editor narrower.
INBOX_SPLIT = [470, 470, 500]
REVIEW_SPLIT = [340, 600, 500]


@dataclass(frozen=True, slots=True)
class DemoSession:
    """The demo desk's store and checks, for the windows to be opened on."""

    store: Store
    worker: CheckWorker
    whitelist: Whitelist
    data_dir: Path
    drafts: DemoDrafts


@contextmanager
def signed_in(demo: DemoSession, login: str) -> Iterator[MainWindow]:
    """The main window of ``login``, shown at the screenshots' size; closed after."""
    window = MainWindow(demo.store, demo.worker, login, demo.whitelist, WindowState(demo.data_dir))
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        window.refresh_inbox()
        yield window
    finally:
        window.close()


def open_checked(window: MainWindow, draft_id: uuid.UUID, tab: QWidget | None = None) -> None:
    """Open the draft (on the side tab ``tab``) and wait until its check is shown."""
    if not window.open(draft_id):
        raise ScreenshotError(f"无法打开演示稿件 {draft_id}")
    if tab is not None:
        window.side.setCurrentWidget(tab)
    wait(lambda: not window.editor.checking, "检查")
    pause(0.5)  # the findings list settles after typing pauses


def shoot_editor(demo: DemoSession, folder: Path) -> list[Path]:
    """The liaison's draft with findings: list and editor, a hover card, both previews."""
    with signed_in(demo, DRAFTER) as window:
        window.drafts.set_scope(DraftScope.ALL)
        open_checked(window, demo.drafts.notice)
        window.editor.body.setFocus()
        pause(0.3)
        written = [save(window.grab(), folder / "drafts.png")]

        # The editor with a hover card over its most severe term.
        window.drafts.hide()
        body = window.editor.body
        shown = [f for f in window.editor.findings() if f.field == "body" and f.kind == "term"]
        if not shown:
            raise ScreenshotError("演示稿件没有检查出问题")
        worst = max(shown, key=lambda finding: SEVERITY_RANK[finding.severity])
        cursor = QTextCursor(body.document())
        cursor.setPosition(Utf16Map(body.toPlainText()).to_utf16(worst.start) + 1)
        point = body.cursorRect(cursor).center()
        viewport = body.viewport()
        QApplication.sendEvent(
            viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
        )
        pause(0.3)
        written.append(save(with_popups(window), folder / "editor.png"))
        window.drafts.show()

        window.show_preview()
        preview = window.preview
        assert preview is not None
        refreshed: list[str] = []
        preview.refreshed.connect(refreshed.append)
        wait(lambda: bool(refreshed), "预览")
        sizes = window.splitter.sizes()
        for template, side_width in (("portal", 900), ("mobile", sizes[2])):
            window.splitter.setSizes([0, sum(sizes) - side_width, side_width])
            preview.show_template(template)
            pause(1.0)  # laid out and painted
            written.append(save(window.grab(), folder / f"preview-{template}.png"))
        return written


def shoot_inbox(demo: DemoSession, folder: Path) -> Path:
    """The chief's 待我处理: drafts waiting for him at 一审 and at 二审, one of them open."""
    with signed_in(demo, CHIEF) as window:
        window.drafts.set_scope(DraftScope.WAITING)
        window.splitter.setSizes(INBOX_SPLIT)
        open_checked(window, demo.drafts.second_review, window.review)
        return save(window.grab(), folder / "inbox.png")


def shoot_review(demo: DemoSession, folder: Path) -> Path:
    """The 三审签发 step: the leader in charge signs a draft that passed 一审 and 二审, and
    is told, beside the tick, that the 保密审查 must be confirmed first."""
    with signed_in(demo, LEADER) as window:
        window.drafts.set_scope(DraftScope.WAITING)
        window.splitter.setSizes(REVIEW_SPLIT)
        open_checked(window, demo.drafts.signing, window.review)
        window.review.opinion.setPlainText("同意发布。")
        window.review.proofread.setChecked(True)
        window.review.buttons["sign"].click()
        if window.review.refusal != "签发前必须完成保密审查并确认":
            raise ScreenshotError(f"签发未因保密审查被拒：{window.review.refusal!r}")
        pause(0.3)
        return save(window.grab(), folder / "review.png")


def shoot_returned(demo: DemoSession, folder: Path) -> Path:
    """The liaison's draft back from 二审: the comment, and the text it is about selected
    (as a click on the quoted text selects it)."""
    with signed_in(demo, DRAFTER) as window:
        window.drafts.set_scope(DraftScope.WAITING)
        window.splitter.setSizes(REVIEW_SPLIT)
        open_checked(window, demo.drafts.returned, window.review)
        if not window.review.returned.isVisible():
            raise ScreenshotError("退回的演示稿件没有显示退回意见")
        window.review.returned.linkActivated.emit("#anchor")
        pause(0.3)
        if not window.editor.body.textCursor().hasSelection():
            raise ScreenshotError("退回意见所指的文字没有选中")
        return save(window.grab(), folder / "returned.png")


def shoot_account(demo: DemoSession, folder: Path) -> Path:
    """The 区财政局's liaison signed in (the status bar names them), the 文件 menu open at
    注销/切换账号, and the 审核 tab warning that nobody can review the unit's drafts yet
    (its reviewers have not been set)."""
    with signed_in(demo, FINANCE_DRAFTER) as window:
        window.splitter.setSizes(REVIEW_SPLIT)
        window.side.setCurrentWidget(window.review)
        if not window.review.standing.stall.text():
            raise ScreenshotError("区财政局的新稿件没有显示无人审核的提示")
        bar = window.menuBar()
        where = bar.actionGeometry(window.file_menu.menuAction()).bottomLeft()
        window.file_menu.popup(bar.mapToGlobal(where))
        window.file_menu.setActiveAction(window.sign_out_action)
        pause(0.3)
        picture = with_popups(window)
        window.file_menu.hide()
        return save(picture, folder / "account.png")
