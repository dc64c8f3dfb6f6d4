"""What every screenshot needs: waiting for a screen to be ready, and saving its picture."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from desk.ui.qt import QApplication, QImage, QPainter, QPixmap, QWidget

WINDOW_SIZE = (1440, 860)
WAIT_SECONDS = 60.0


class ScreenshotError(RuntimeError):
    """A screen did not become ready in time; says which."""


def wait(ready: Callable[[], bool], what: str) -> None:
    """Process events until ``ready()``; ScreenshotError naming ``what`` if it takes too long."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise ScreenshotError(f"{what}未在 {WAIT_SECONDS:g} 秒内完成")
        QApplication.processEvents()
        time.sleep(0.01)


def pause(seconds: float) -> None:
    """Process events for a while (layouts settle, views paint)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def shown(widget: QWidget, seconds: float = 0.3) -> QWidget:
    """Show ``widget`` and let it lay itself out and paint."""
    widget.show()
    pause(seconds)
    return widget


def with_popups(window: QWidget) -> QPixmap:
    """The window's picture with its open popups (a tooltip, a menu) painted where they
    are on screen: they are windows of their own, which a grab of the window leaves out."""
    picture = window.grab()
    popups = [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and (widget.inherits("QTipLabel") or widget.inherits("QMenu"))
    ]
    if popups:
        painter = QPainter(picture)
        origin = window.mapToGlobal(window.rect().topLeft())
        for popup in popups:
            painter.drawPixmap(popup.pos() - origin, popup.grab())
        painter.end()
    return picture


def save(picture: QPixmap | QImage, path: Path) -> Path:
    if not picture.save(str(path), "PNG"):
        raise OSError(f"无法写入 {path}")
    return path
