"""The real program, started as a user starts it: `desk` in its own process, on a real X
server, signed in and driven with the keyboard and the clipboard.

Unit tests build widgets one at a time; this one catches what only the whole app shows
(the preview crashing the process once the session lock was installed went through
thousands of them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.review import passwords
from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.commands import apply, new_id
from desk.review.drafts import load_draft
from desk.store import DATABASE_NAME, open_store
from tests.e2e.desk_process import DeskProcess
from tests.e2e.xserver import Display, XServerMissing, xvfb

PASSWORD = "desk-e2e-2026"
TITLE = "Notice 2026-12"  # typed (ASCII: Chinese arrives by paste or an input method)
# what Word puts on the clipboard for a heading, a paragraph and a small table
COPIED_FROM_WORD = """<html><body><!--StartFragment-->
<h2>关于开展政务公开专项检查的通知</h2>
<p class=MsoNormal>各科室：请于本月底前完成政务公开专项检查，并报送自查报告。</p>
<table class=MsoTableGrid border=1><tr><td>科室</td><td>联系人</td></tr>
<tr><td>办公室</td><td>李联络</td></tr></table>
<!--EndFragment--></body></html>"""
PASTED_TEXT = ("关于开展政务公开专项检查的通知", "请于本月底前完成政务公开专项检查", "李联络")
PREVIEW_AREA = {"left": 0.72, "top": 0.2}  # the side panel, below its tabs


@pytest.fixture(scope="module")
def display() -> Iterator[Display]:
    try:
        with xvfb() as started:
            yield started
    except XServerMissing as missing:
        if os.environ.get("CI"):
            raise  # ./dev installs Xvfb and xdotool: in CI this test never skips
        pytest.skip(str(missing))


@pytest.fixture
def office(tmp_path, fast_passwords) -> Path:
    """A data folder as its admin set it up: a unit with a liaison, 一审, 二审 and the
    leader in charge."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = open_store(data_dir / DATABASE_NAME)
    try:
        ids = {"admin": new_id()}
        hashed = passwords.hash_password(PASSWORD, login="admin")
        made = CreateAccount(
            new_id(), "admin", ids["admin"], "admin", "管理员", None, ["admin"], hashed
        )
        apply(store, made)  # the first account, the admin, who makes the rest
        unit = new_id()
        apply(store, CreateUnit(new_id(), "admin", unit, "办公室"))
        for login, name, roles in (
            ("liaison", "李联络", ["drafter"]),
            ("staff", "王一审", ["review1"]),
            ("chief", "赵科长", ["review2"]),
            ("leader", "钱分管", ["review3"]),
        ):
            ids[login] = new_id()
            hashed = passwords.hash_password(PASSWORD, login=login)
            apply(
                store,
                CreateAccount(new_id(), "admin", ids[login], login, name, unit, roles, hashed),
            )
        apply(store, SetUnitLeader(new_id(), "admin", unit, ids["leader"]))
    finally:
        store.close()
    return data_dir


@pytest.fixture
def desk(display, office, tmp_path) -> Iterator[DeskProcess]:
    started = DeskProcess(display, office, tmp_path / "desk.log")
    try:
        yield started
    except BaseException:
        display.screenshot(tmp_path / "failed.png")  # what the screen showed, to look at
        raise
    finally:
        started.kill()


def dark_pixels(png: Path) -> int:
    """How many dark (text) pixels the preview area of a window's screenshot holds."""
    from PySide6.QtGui import QImage  # reading a PNG needs no QApplication

    image = QImage(str(png))
    assert not image.isNull(), png
    x0 = int(image.width() * PREVIEW_AREA["left"])
    y0 = int(image.height() * PREVIEW_AREA["top"])
    return sum(
        image.pixelColor(x, y).lightness() < 110
        for y in range(y0, image.height(), 2)
        for x in range(x0, image.width(), 2)
    )


@pytest.mark.slow
def test_sign_in_preview_paste_submit_and_switch(display, desk, tmp_path):
    window = desk.sign_in("liaison", PASSWORD)
    display.key("F6")  # the preview: loads QtWebEngine (it crashed the app here once)
    window = desk.main_window(replacing=window)
    blank = dark_pixels(display.screenshot(tmp_path / "preview-empty.png", window))

    display.key("ctrl+n")  # a new draft, the title field ready for typing
    display.type(TITLE)
    display.key("Tab")
    copied = tmp_path / "copied.html"
    copied.write_text(COPIED_FROM_WORD, encoding="utf-8")
    with display.clipboard(copied):  # held until the app has read it
        display.key("ctrl+v")

        def preview_shows_the_paste() -> bool:
            shot = display.screenshot(tmp_path / "preview.png", window)
            return dark_pixels(shot) > blank + 800  # the title alone: ~250

        desk.wait_for("the preview to show the pasted text", preview_shows_the_paste, every=0.5)

    def submitted() -> bool:
        display.key("ctrl+Return")  # refused while the lexicon loads: asked again
        return desk.wait_for_status("review1", within=3.0)

    desk.wait_for("the draft to be submitted", submitted, every=0)
    display.screenshot(tmp_path / "submitted.png", window)

    display.key("ctrl+shift+l")  # 注销/切换账号: the next person signs in, same process
    window = desk.sign_in("staff", PASSWORD, remembered=True)
    assert display.window_title(window) == "Desk 审校台 — 王一审 · 一审（工作人员）"
    display.screenshot(tmp_path / "switched.png", window)
    assert desk.quit() == 0, desk.log.read_text()

    [draft] = desk.drafts()
    assert (draft.title, draft.status, draft.created_by) == (TITLE, "review1", "liaison")
    store = open_store(desk.data_dir / DATABASE_NAME)
    try:
        stored = load_draft(store, draft.id)
    finally:
        store.close()
    assert all(text in stored.body_text for text in PASTED_TEXT)
    assert "<table" in stored.body_html  # the paste kept Word's structure
