"""The real program, started as a user starts it: `desk` in its own process, on a real X
server, signed in and driven with the keyboard.

Unit tests build widgets one at a time; this one catches what only the whole app shows
(the preview crashing the process once the session lock was installed went through
thousands of them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.review import passwords
from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.commands import apply, new_id
from desk.review.drafts import DraftSummary, list_drafts, load_draft
from desk.store import DATABASE_NAME, open_store
from tests.e2e.xserver import Display, XServerMissing, xvfb

PASSWORD = "desk-e2e-2026"
TITLE = "关于开展政务公开专项检查的通知"
BODY = "各科室：请于本月底前完成政务公开专项检查，并报送自查报告。联系人：办公室。"
STARTED_IN_S = 30.0


@pytest.fixture(scope="module")
def display() -> Iterator[Display]:
    try:
        with xvfb() as started:
            yield started
    except XServerMissing as missing:
        if os.environ.get("CI"):
            raise  # ./dev installs Xvfb and xdotool: in CI this test never skips
        pytest.skip(str(missing))


def make_office(data_dir: Path) -> None:
    """An office as its admin sets it up: a unit with a liaison, 一审, 二审 and its leader."""
    store = open_store(data_dir / DATABASE_NAME)
    try:
        unit = new_id()
        apply(store, CreateUnit(new_id(), "cli:setup", unit, "办公室"))
        ids = {}
        for login, name, roles in (
            ("admin", "管理员", ["admin"]),
            ("liaison", "李联络", ["drafter"]),
            ("staff", "王一审", ["review1"]),
            ("chief", "赵科长", ["review2"]),
            ("leader", "钱分管", ["review3"]),
        ):
            ids[login] = new_id()
            hashed = passwords.hash_password(PASSWORD, login=login)
            apply(
                store,
                CreateAccount(new_id(), "cli:setup", ids[login], login, name, unit, roles, hashed),
            )
        apply(store, SetUnitLeader(new_id(), "cli:setup", unit, ids["leader"]))
    finally:
        store.close()


def start_desk(display: Display, data_dir: Path, log: Path) -> subprocess.Popen:
    """`desk --data-dir DIR`, the console script a user's shortcut runs."""
    program = Path(sys.executable).with_name("desk")
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(program), "--data-dir", str(data_dir)],
            env=display.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def drafts_of(data_dir: Path) -> list[DraftSummary]:
    store = open_store(data_dir / DATABASE_NAME)
    try:
        return list_drafts(store)
    finally:
        store.close()


def dark_pixels(png: Path, left: float, top: float) -> int:
    """How many dark (text) pixels lie right of ``left`` and below ``top`` (fractions)."""
    from PySide6.QtGui import QImage  # reading a PNG needs no QApplication

    image = QImage(str(png))
    assert not image.isNull(), png
    x0, y0 = int(image.width() * left), int(image.height() * top)
    return sum(
        image.pixelColor(x, y).lightness() < 110
        for y in range(y0, image.height(), 2)
        for x in range(x0, image.width(), 2)
    )


def wait_for(what: str, condition, timeout: float = STARTED_IN_S, every: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.slow
def test_sign_in_preview_type_and_submit(display, tmp_path, fast_passwords):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    make_office(data_dir)
    log = tmp_path / "desk.log"
    app = start_desk(display, data_dir, log)

    def alive() -> None:
        assert app.poll() is None, f"desk exited with {app.returncode}:\n{log.read_text()}"

    try:
        login = display.wait_window("登录 Desk 审校台", timeout=STARTED_IN_S)
        display.focus(login)
        display.type("liaison")
        display.key("Tab")
        display.type(PASSWORD)
        display.key("Return")

        window = display.wait_window("^Desk 审校台", timeout=STARTED_IN_S)
        display.focus(window)
        alive()

        display.key("F6")  # the preview: loads QtWebEngine
        time.sleep(1.0)
        alive()
        # Qt recreates the window's X window for the web view's OpenGL surface
        window = display.wait_window("^Desk 审校台")
        display.focus(window)
        empty = display.screenshot(tmp_path / "preview-empty.png", window)
        blank = dark_pixels(empty, left=0.72, top=0.2)

        display.key("ctrl+n")  # a new draft, the title field ready for typing
        display.type(TITLE)
        display.key("Tab")
        display.type(BODY)
        alive()

        def preview_shows_text() -> bool:
            alive()
            shot = display.screenshot(tmp_path / "preview.png", window)
            return dark_pixels(shot, left=0.72, top=0.2) > blank + 300

        wait_for("the preview to show the draft", preview_shows_text, every=0.5)

        def submitted() -> bool:
            alive()
            display.key("ctrl+Return")  # refused while the lexicon loads: asked again
            return wait_until_status(data_dir, "review1", within=3.0)

        wait_for("the draft to be submitted", submitted, every=0)
        display.screenshot(tmp_path / "submitted.png", window)
        alive()

        display.key("ctrl+q")
        assert app.wait(timeout=STARTED_IN_S) == 0, log.read_text()
    except BaseException:
        display.screenshot(tmp_path / "failed.png")  # what the screen showed, to look at
        raise
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

    [draft] = drafts_of(data_dir)
    assert (draft.title, draft.status, draft.created_by) == (TITLE, "review1", "liaison")
    store = open_store(data_dir / DATABASE_NAME)
    try:
        assert load_draft(store, draft.id).body_text.strip() == BODY
    finally:
        store.close()


def wait_until_status(data_dir: Path, status: str, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if any(draft.status == status for draft in drafts_of(data_dir)):
            return True
        time.sleep(0.25)
    return False
