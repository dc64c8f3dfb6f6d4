"""Windows sized for what they show, but never larger than the screen they open on.

A dialog asks for the size its contents read best at; on a small screen (1024×640, a
laptop with a taskbar) it gets what the screen has room for, frame included, so that
its buttons are never off-screen.
"""

from __future__ import annotations

from desk.ui.qt import QSize, QWidget

# What a window manager adds around a window: the title bar and the borders.
FRAME_ALLOWANCE = QSize(16, 40)


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """Resize ``window`` to ``width``×``height``, or less where the available area of
    its screen (its parent's, before it is shown) is smaller; the size given."""
    anchor = window.parentWidget() or window
    screen = anchor.screen()
    size = QSize(width, height)
    if screen is not None:
        room = screen.availableGeometry().size() - FRAME_ALLOWANCE
        size = size.boundedTo(room).expandedTo(QSize(1, 1))
    window.resize(size)
    return size
