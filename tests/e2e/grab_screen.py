"""Run as a program on the X display: save part of the screen as a PNG.

Arguments: the PNG's path, then x, y, width and height (-1 -1 for the whole screen). The
screen is read, not the window: a window that reaches past the screen's edge can't be
read by itself, and what the person sees is the screen.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication


def main(path: str, x: int, y: int, width: int, height: int) -> int:
    app = QGuiApplication([])
    picture = app.primaryScreen().grabWindow(0, x, y, width, height)
    return 0 if not picture.isNull() and picture.save(path) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *map(int, sys.argv[2:6])))
