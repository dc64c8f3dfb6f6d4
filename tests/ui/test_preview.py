"""The preview pane: the exact `desk render` pages, refreshed off the UI thread, offline."""

from __future__ import annotations

import base64
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # test-only: an image to embed
from PySide6.QtGui import QImage

from desk.links import parse_whitelist
from desk.render import TemplateError, render_html
from desk.render.images import LocalImages
from desk.ui.preview import PREVIEW_TEMPLATES, PreviewPane, prepare_application
from desk.ui.qt import QColor, Qt, QUrl
from tests.test_architecture import imported_modules
from tests.ui.conftest import TIMEOUT_MS

REPO = Path(__file__).resolve().parents[2]
WHITELIST = parse_whitelist("gov.cn\n")
TITLE = "关于开展政务公开专项检查的通知"
BODY = (
    "<p>各街道、区政府各部门：</p>"
    '<p>详见<a href="https://www.gov.cn/zhengce/">国务院政策文件库</a>，'
    '另见<a href="http://example.com/ref">外部网站</a>。</p>'
)
PAINT_MS = 300  # after a page has loaded, before it is surely painted


@pytest.fixture
def make_pane(qtbot):
    """A shown preview pane; shut down (thread ended, folders removed) after the test."""
    panes: list[PreviewPane] = []

    def make(*, show: bool = True, **options) -> PreviewPane:
        pane = PreviewPane(WHITELIST, **{"debounce_ms": 50, **options})
        panes.append(pane)  # alive until shut down: a running thread must not be collected
        qtbot.addWidget(pane)
        pane.resize(1000, 700)
        if show:
            pane.show()
            qtbot.waitExposed(pane)
        return pane

    yield make
    for pane in panes:
        pane.shutdown()


@pytest.fixture
def pane(make_pane) -> PreviewPane:
    return make_pane()


def refresh(qtbot, pane: PreviewPane, title: str, body: str) -> str:
    """Give the pane a draft and wait until it is on screen; the content hash."""
    with qtbot.waitSignal(pane.refreshed, timeout=TIMEOUT_MS) as blocker:
        pane.set_draft(title, body)
    return blocker.args[0]


def to_front(qtbot, pane: PreviewPane, template: str) -> None:
    """Bring a tab to the front and wait until its view shows the latest render."""
    with qtbot.waitSignal(pane.refreshed, timeout=TIMEOUT_MS):
        pane.show_template(template)


def page_html(qtbot, pane: PreviewPane, template: str) -> str:
    """The HTML of the page the view shows, as the browser holds it."""
    with qtbot.waitCallback(timeout=TIMEOUT_MS) as callback:
        pane.web.page(template).toHtml(callback)
    return callback.args[0]


def png(width: int, height: int, colour: str) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


# What the pane shows


def test_the_pane_shows_exactly_what_desk_render_publishes(qtbot, pane):
    digest = refresh(qtbot, pane, TITLE, BODY)
    for template in PREVIEW_TEMPLATES:
        to_front(qtbot, pane, template)
        shown = pane.shown()
        expected = render_html(BODY, whitelist=WHITELIST, template=template, title=TITLE)
        assert shown.results[template] == expected
        assert shown.pages[template].read_text(encoding="utf-8") == expected.html
        assert pane.web.page(template).url() == QUrl.fromLocalFile(str(shown.pages[template]))
        assert expected.content_hash == digest
        assert TITLE in page_html(qtbot, pane, template)


def test_untrusted_links_are_delinked_on_the_page_and_trusted_ones_kept(qtbot, pane):
    refresh(qtbot, pane, TITLE, BODY)
    for template in PREVIEW_TEMPLATES:
        to_front(qtbot, pane, template)
        html = page_html(qtbot, pane, template)
        assert '<a href="https://www.gov.cn/zhengce/"' in html
        assert "国务院政策文件库</a>" in html
        assert "外部网站" in html
        assert "example.com" not in html


def test_the_mobile_tab_follows_the_draft_at_a_phone_width(qtbot, pane):
    refresh(qtbot, pane, TITLE, BODY)
    to_front(qtbot, pane, "mobile")
    assert pane.template() == "mobile"
    refresh(qtbot, pane, "第二版标题", "<p>修改后的正文，移动端也要更新。</p>")
    html = page_html(qtbot, pane, "mobile")
    assert "第二版标题" in html and "移动端也要更新" in html and "各街道" not in html
    assert pane.web.views["mobile"].width() == 390
    to_front(qtbot, pane, "portal")
    assert "移动端也要更新" in page_html(qtbot, pane, "portal")


def test_only_the_tab_in_front_loads_until_the_other_comes_to_the_front(qtbot, pane):
    refresh(qtbot, pane, TITLE, BODY)
    mobile = pane.web.page("mobile")
    assert mobile.url().isEmpty()  # nobody looks at it: not loaded on every pause
    to_front(qtbot, pane, "mobile")
    assert mobile.url() == QUrl.fromLocalFile(str(pane.shown().pages["mobile"]))
    portal = pane.web.page("portal")
    with qtbot.assertNotEmitted(portal.loadStarted), qtbot.waitSignal(pane.refreshed, timeout=0):
        pane.show_template("portal")  # up to date: refreshed at once, nothing loaded


def test_a_typing_burst_is_rendered_once_after_the_pause(qtbot, make_pane):
    pane = make_pane(debounce_ms=400)
    shown: list[str] = []
    pane.refreshed.connect(shown.append)
    with qtbot.waitSignal(pane.refreshed, timeout=TIMEOUT_MS):
        for n in range(1, 6):
            pane.set_draft(TITLE, f"<p>第{n}稿</p>")
            qtbot.wait(50)
    qtbot.wait(600)
    assert len(shown) == 1
    assert "第5稿" in page_html(qtbot, pane, "portal")


def test_the_same_draft_again_keeps_the_page_and_its_scroll_position(qtbot, pane):
    long_body = "".join(f"<p>第{n}段：政务公开专项检查的内容。</p>" for n in range(200))
    refresh(qtbot, pane, TITLE, long_body)
    page = pane.web.page("portal")
    page.runJavaScript("window.scrollTo(0, 800)", 1)  # 1: Qt's isolated world
    qtbot.waitUntil(lambda: page.scrollPosition().y() == 800, timeout=TIMEOUT_MS)
    with qtbot.assertNotEmitted(page.loadStarted, wait=300):
        refresh(qtbot, pane, TITLE, long_body)
    refresh(qtbot, pane, TITLE, long_body + "<p>新增一段。</p>")
    qtbot.waitUntil(lambda: page.scrollPosition().y() == 800, timeout=TIMEOUT_MS)


def test_a_draft_given_before_the_pane_is_shown_is_rendered_when_it_shows(qtbot, make_pane):
    pane = make_pane(show=False, debounce_ms=60_000)  # no pause to wait for on showing
    pane.set_draft(TITLE, BODY)
    assert pane.web is None
    with qtbot.waitSignal(pane.refreshed, timeout=TIMEOUT_MS):
        pane.show()
    assert pane.shown().results["portal"].title == TITLE


def test_local_and_embedded_images_are_shown_from_the_assets_folder(qtbot, make_pane, tmp_path):
    (tmp_path / "photo.png").write_bytes(png(40, 30, "#2060c0"))
    pane = make_pane(read_local=LocalImages(tmp_path))
    embedded = base64.b64encode(png(40, 30, "#c02020")).decode()
    body = (
        '<p><img src="photo.png" alt="本地图片"></p>'
        f'<p><img src="data:image/png;base64,{embedded}" alt="内嵌图片"></p>'
    )
    refresh(qtbot, pane, TITLE, body)
    shown = pane.shown()
    assets = sorted(shown.results["portal"].assets)
    assert len(assets) == 2
    for name in assets:
        path = shown.folder / "assets" / name
        assert path.is_file()
        assert QUrl.fromLocalFile(str(path)).toString() in pane.web.guard.allowed


# Nothing from the network, nowhere else to go


def test_a_draft_pointing_at_the_network_makes_no_request_outside_the_preview(qtbot, pane):
    body = (
        '<p><img src="https://www.gov.cn/images/logo.png" alt="国徽"></p>'
        '<p><img src="http://example.com/banner.png" alt="广告"></p>'
        '<p style="background:url(http://example.com/bg.png)">背景</p>'
        '<link rel="stylesheet" href="http://example.com/site.css">'
        '<p><a href="http://example.com/">外部</a></p>'
    )
    refresh(qtbot, pane, TITLE, body)
    assert '<img src="https://www.gov.cn/images/logo.png"' in page_html(qtbot, pane, "portal")
    qtbot.wait(PAINT_MS)
    folder = QUrl.fromLocalFile(str(pane.shown().folder)).toString() + "/"
    allowed = list(pane.web.guard.allowed)
    assert allowed and all(url.startswith(folder) for url in allowed)


def test_the_guard_blocks_every_request_outside_the_preview_folder(qtbot, pane):
    # A page that could reach the network (the setting the guard backs up, turned on)
    # and asks for remote and local files outside its folder: all of it is blocked.
    refresh(qtbot, pane, TITLE, BODY)
    page = pane.web.page("portal")
    page.settings().setAttribute(page.settings().WebAttribute.LocalContentCanAccessRemoteUrls, True)
    hostile = pane.shown().folder / "hostile.html"
    hostile.write_text(
        "<!DOCTYPE html><html><head>"
        '<link rel="stylesheet" href="http://example.com/site.css"></head><body>'
        '<div style="background:url(http://example.com/bg.png)">背景</div>'
        '<img src="https://www.gov.cn/images/logo.png"><img src="file:///etc/hostname">'
        "</body></html>",
        encoding="utf-8",
    )
    with qtbot.waitSignal(page.loadFinished, timeout=TIMEOUT_MS):
        page.load(QUrl.fromLocalFile(str(hostile)))
    qtbot.waitUntil(lambda: len(pane.web.guard.blocked) >= 4, timeout=TIMEOUT_MS)
    assert set(pane.web.guard.blocked) >= {
        "http://example.com/site.css",
        "http://example.com/bg.png",
        "https://www.gov.cn/images/logo.png",
        "file:///etc/hostname",
    }
    assert QUrl.fromLocalFile(str(hostile)).toString() in pane.web.guard.allowed
    assert not [url for url in pane.web.guard.allowed if not url.startswith("file:")]


def test_activating_a_link_in_the_preview_goes_nowhere(qtbot, pane):
    refresh(qtbot, pane, TITLE, '<p><a href="https://www.gov.cn/">中国政府网</a></p>')
    view = pane.web.views["portal"]
    page = view.page()
    shown = page.url()
    view.setFocus()
    qtbot.waitUntil(lambda: view.focusProxy().hasFocus(), timeout=TIMEOUT_MS)
    with qtbot.waitSignal(page.loadFinished, timeout=TIMEOUT_MS) as refused:
        qtbot.keyClick(view.focusProxy(), Qt.Key.Key_Tab)  # to the link
        qtbot.keyClick(view.focusProxy(), Qt.Key.Key_Return)
    assert refused.args == [False]
    assert page.url() == shown
    assert "中国政府网" in page_html(qtbot, pane, "portal")
    assert not [url for url in pane.web.guard.allowed if "www.gov.cn" in url]


def test_the_page_refuses_navigations_it_did_not_start(pane, qtbot):
    refresh(qtbot, pane, TITLE, BODY)
    page = pane.web.page("portal")
    kinds = page.NavigationType
    inside = QUrl.fromLocalFile(str(pane.shown().folder / "portal.html"))
    assert page.acceptNavigationRequest(inside, kinds.NavigationTypeTyped, True)
    assert not page.acceptNavigationRequest(inside, kinds.NavigationTypeTyped, False)
    assert not page.acceptNavigationRequest(inside, kinds.NavigationTypeLinkClicked, True)
    assert not page.acceptNavigationRequest(inside, kinds.NavigationTypeReload, True)
    for outside in ("https://www.gov.cn/", "file:///etc/hostname", "data:text/html,x"):
        assert not page.acceptNavigationRequest(QUrl(outside), kinds.NavigationTypeTyped, True)


# Failures, start-up, clean-up


@pytest.mark.parametrize(
    ("target", "error", "expected"),
    [
        (
            "write_result",
            OSError(errno.ENOSPC, "No space left on device"),
            "预览未能更新：无法写入预览临时文件夹（No space left on device）",
        ),
        (
            "render_html",
            TemplateError("模板 mobile.html 无法读取"),
            "预览未能更新：页面模板有误：模板 mobile.html 无法读取",
        ),
        (
            "render_html",
            RecursionError("maximum recursion depth exceeded"),
            "预览未能更新：生成预览时出错（maximum recursion depth exceeded）",
        ),
        ("render_html", MemoryError(), "预览未能更新：生成预览时出错（MemoryError）"),
    ],
)
def test_a_failed_render_is_told_in_the_pane(qtbot, pane, monkeypatch, target, error, expected):
    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(f"desk.ui.preview.render_worker.{target}", fail)
    with qtbot.waitSignal(pane.failed, timeout=TIMEOUT_MS) as blocker:
        pane.set_draft(TITLE, BODY)
    assert pane.message() == blocker.args[0] == expected
    assert pane.shown() is None
    monkeypatch.undo()
    refresh(qtbot, pane, TITLE, BODY)
    assert pane.message() == ""


def test_a_failure_after_a_good_render_says_the_old_preview_stays(qtbot, pane, monkeypatch):
    refresh(qtbot, pane, TITLE, BODY)
    monkeypatch.setattr(
        "desk.ui.preview.render_worker.write_result",
        lambda *_: (_ for _ in ()).throw(OSError(errno.EACCES, "Permission denied")),
    )
    with qtbot.waitSignal(pane.failed, timeout=TIMEOUT_MS):
        pane.set_draft(TITLE, "<p>新的正文</p>")
    assert pane.message().endswith("（下面仍是上一次的预览）")
    assert "各街道" in page_html(qtbot, pane, "portal")


def test_temp_folders_are_reused_and_removed_at_shutdown(qtbot, pane):
    for n in range(5):
        refresh(qtbot, pane, TITLE, f"<p>第{n}稿</p>")
    root = pane.shown().folder.parent
    assert oct(root.stat().st_mode & 0o777) == "0o700"
    assert len(list(root.iterdir())) <= 2
    pane.shutdown()
    assert not root.exists()


def test_a_temp_root_emptied_under_the_pane_is_made_again(qtbot, pane):
    refresh(qtbot, pane, TITLE, BODY)
    root = pane.shown().folder.parent
    shutil.rmtree(root)
    refresh(qtbot, pane, TITLE, "<p>临时文件夹被清理之后</p>")
    assert pane.shown().folder.parent == root
    assert oct(root.stat().st_mode & 0o777) == "0o700"


def test_screenshots_of_both_templates_show_the_page(qtbot, pane):
    refresh(qtbot, pane, TITLE, BODY)
    qtbot.wait(PAINT_MS)
    [(name, portal)] = pane.grab_views().items()
    assert name == "portal"
    to_front(qtbot, pane, "mobile")
    qtbot.wait(PAINT_MS)
    mobile = pane.grab_views()["mobile"]
    assert mobile.width() == 390
    for pixmap in (portal, mobile):
        image = pixmap.toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 200, 3)}
        assert len(colours) > 2  # text on the page, not a blank view


def test_qtwebengine_loads_only_when_the_pane_is_first_shown():
    script = (
        "import json, sys\n"
        "from desk.ui.preview import PreviewPane, prepare_application\n"
        "prepare_application()\n"
        "from desk.ui.qt import QApplication\n"
        "app = QApplication([])\n"
        "def web():\n"
        "    return sorted(m for m in sys.modules if 'QtWebEngine' in m or m == 'desk.ui.qt_web')\n"
        "pane = PreviewPane()\n"
        "pane.set_draft('标题', '<p>正文</p>')\n"
        "app.processEvents()\n"
        "hidden = web()\n"
        "pane.show()\n"
        "shown = web()\n"
        "pane.shutdown()\n"
        "print(json.dumps([hidden, shown]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    hidden, shown = json.loads(result.stdout.splitlines()[-1])
    assert hidden == []
    assert {"desk.ui.qt_web", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"} <= set(shown)


def test_only_qt_web_imports_qtwebengine():
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "desk").rglob("*.py")
        if path.name != "qt_web.py"
        and any("QtWebEngine" in name for name in imported_modules(path))
    ]
    assert offenders == []


def test_prepare_application_must_come_before_the_application(qapp):
    with pytest.raises(RuntimeError):
        prepare_application()
