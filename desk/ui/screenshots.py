"""`desk screenshots DIR`: the main screens of a demo draft, as PNG files.

Runs the real window on a throwaway data folder holding a few demo drafts, waits until
the checks and the preview are done, and grabs: the draft list with the editor, the
editor with its findings and a hover card, the preview in the portal and mobile
templates, and a leader's review panel about to sign (三审签发). Works offscreen
(``QT_QPA_PLATFORM=offscreen``), for the README and checks.
"""

from __future__ import annotations

import secrets
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desk.lexicon import Lexicon, load_lexicon
from desk.links import load_default_whitelist
from desk.resources import resource_path
from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.commands import CreateDraft, apply, new_id
from desk.review.drafts import load_draft
from desk.review.findings import SEVERITY_RANK
from desk.review.passwords import hash_password
from desk.review.workflow import (
    Approve,
    SetAttributes,
    SetDraftDetails,
    Submit,
    check_snapshot,
)
from desk.store import DATABASE_NAME, Store, open_store
from desk.ui.check_worker import CheckWorker
from desk.ui.drafts import DraftScope
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.positions import Utf16Map
from desk.ui.qt import (
    QApplication,
    QEvent,
    QHelpEvent,
    QPainter,
    QPixmap,
    QTextCursor,
    QWidget,
)

WINDOW_SIZE = (1440, 860)
WAIT_SECONDS = 60.0
DEMO_TITLE = "震惊！关于开展2026年政务公开专项检查的通知"
OTHER_DRAFTS = (
    ("liaison", "关于做好元旦春节期间值班工作的通知", "各单位要严格落实24小时值班制度。"),
    ("liaison", "区政府办公室2026年第四季度政务公开工作要点", "一、深化重点领域信息公开。"),
    ("chief", "关于征集2027年民生实事项目建议的公告", "欢迎广大市民通过来信来电提出建议。"),
)


def demo_lexicon() -> Lexicon:
    """The starter lexicon plus a desk's own list that blocks gambling terms."""
    return load_lexicon(resource_path("demo", "lexicon.csv"), starter=True)


class ScreenshotError(RuntimeError):
    """A screen did not become ready in time; says which."""


def take_screenshots(folder: Path) -> list[Path]:
    """Write the PNGs into ``folder`` (created if need be); the paths written.

    Needs a QApplication made after ``desk.ui.preview.prepare_application()``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-screens-") as data:
        data_dir = Path(data)
        store = open_store(data_dir / DATABASE_NAME)
        worker = CheckWorker(demo_lexicon, load_default_whitelist())
        worker.start()
        window = MainWindow(
            store, worker, "liaison", load_default_whitelist(), WindowState(data_dir)
        )
        try:
            written = _shoot(window, store, worker, folder)
            window.close()
            written.append(_shoot_review(store, worker, data_dir, folder))
            return written
        finally:
            window.close()
            worker.stop()
            store.close()


def _shoot(window: MainWindow, store: Store, worker: CheckWorker, folder: Path) -> list[Path]:
    loaded: list[bool] = []
    worker.loaded.connect(lambda *_: loaded.append(True))
    _wait(lambda: bool(loaded), "词库加载")
    demo = _add_demo_drafts(store)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.drafts.set_scope(DraftScope.ALL)
    window.open(demo)
    window.editor.body.setFocus()
    _wait(lambda: not window.editor.checking, "检查")
    _pause(0.5)  # the findings list settles after typing pauses
    written = [_save(window.grab(), folder / "drafts.png")]

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
    QApplication.sendEvent(
        body.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, body.viewport().mapToGlobal(point))
    )
    _pause(0.3)
    written.append(_save(_with_tooltip(window), folder / "editor.png"))
    window.drafts.show()

    window.show_preview()
    preview = window.preview
    assert preview is not None
    refreshed: list[str] = []
    preview.refreshed.connect(refreshed.append)
    _wait(lambda: bool(refreshed), "预览")
    sizes = window.splitter.sizes()
    for template, side_width in (("portal", 900), ("mobile", sizes[2])):
        window.splitter.setSizes([0, sum(sizes) - side_width, side_width])
        preview.show_template(template)
        _pause(1.0)  # laid out and painted
        written.append(_save(window.grab(), folder / f"preview-{template}.png"))
    return written


def _shoot_review(store: Store, worker: CheckWorker, data_dir: Path, folder: Path) -> Path:
    """The 三审签发 step: the leader in charge signs a draft that passed 一审 and 二审."""
    draft_id = _demo_flow(store)
    leader = MainWindow(store, worker, "leader", load_default_whitelist(), WindowState(data_dir))
    try:
        leader.resize(*WINDOW_SIZE)
        leader.show()
        leader.refresh_inbox()
        leader.drafts.set_scope(DraftScope.WAITING)
        leader.open(draft_id)
        leader.side.setCurrentWidget(leader.review)
        _wait(lambda: not leader.editor.checking, "检查")
        _pause(0.5)
        leader.review.opinion.setPlainText("同意发布。")
        leader.review.proofread.setChecked(True)
        leader.review.secrecy.setChecked(True)
        return _save(leader.grab(), folder / "review.png")
    finally:
        leader.close()


def _demo_flow(store: Store) -> uuid.UUID:
    """A unit with its people, and a draft submitted and approved at 一审 and 二审."""
    actor = "cli:screenshots"
    unit = new_id()
    apply(store, CreateUnit(new_id(), actor, unit, "区政府办公室"))
    ids = {}
    for login, name, roles in (
        ("liaison", "李联络", ["drafter"]),
        ("staff", "王一审", ["review1"]),
        ("chief", "赵科长", ["review2"]),
        ("leader", "钱分管", ["review3"]),
    ):
        ids[login] = new_id()
        digest = hash_password(secrets.token_urlsafe(16), login=login)  # nobody signs in
        apply(store, CreateAccount(new_id(), actor, ids[login], login, name, unit, roles, digest))
    apply(store, SetUnitLeader(new_id(), actor, unit, ids["leader"]))
    draft_id = new_id()
    title, body = OTHER_DRAFTS[0][1], "各单位要严格落实24小时值班制度，值班人员不得擅自离岗。"
    apply(store, CreateDraft(new_id(), "liaison", draft_id, title, f"<p>{body}</p>", body))
    apply(store, SetDraftDetails(new_id(), "liaison", draft_id, False, date.today().isoformat()))
    apply(store, SetAttributes(new_id(), "liaison", draft_id, "主动公开"))
    clean = check_snapshot("", "", [])
    digest = load_draft(store, draft_id).revision.content_hash
    apply(store, Submit(new_id(), "liaison", draft_id, digest, clean))
    for login, level in (("staff", "review1"), ("chief", "review2")):
        apply(
            store,
            Approve(new_id(), login, draft_id, level, digest, "同意", True, [], clean),
        )
    return draft_id


def _add_demo_drafts(store: Store) -> object:
    for actor, title, body in OTHER_DRAFTS:
        apply(store, CreateDraft(new_id(), actor, new_id(), title, f"<p>{body}</p>", body))
    draft_id = new_id()
    body_html = resource_path("demo", "notice.html").read_text(encoding="utf-8")
    apply(store, CreateDraft(new_id(), "liaison", draft_id, DEMO_TITLE, body_html, ""))
    return draft_id


def _with_tooltip(window: QWidget) -> QPixmap:
    """The window's picture with the tooltip window painted where it is on screen."""
    picture = window.grab()
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    if tips:
        painter = QPainter(picture)
        origin = window.mapToGlobal(window.rect().topLeft())
        painter.drawPixmap(tips[0].pos() - origin, tips[0].grab())
        painter.end()
    return picture


def _save(picture: QPixmap, path: Path) -> Path:
    if not picture.save(str(path), "PNG"):
        raise OSError(f"无法写入 {path}")
    return path


def _wait(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise ScreenshotError(f"{what}未在 {WAIT_SECONDS:g} 秒内完成")
        QApplication.processEvents()
        time.sleep(0.01)


def _pause(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
