"""Run as a program on the X display: hold a Word-like copy on the clipboard until
terminated, as the word processor a person copies from does.

Argument: a file holding the copied HTML. Prints "ready" once the clipboard is ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from desk.documents.html_text import html_text


def main(html_file: str) -> int:
    app = QApplication([])
    copied = Path(html_file).read_text(encoding="utf-8")
    data = QMimeData()
    data.setHtml(copied)
    data.setText(html_text(copied).text)
    app.clipboard().setMimeData(data)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
