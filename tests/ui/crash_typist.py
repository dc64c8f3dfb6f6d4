"""Run as a program by test_crash_recovery: the real app, typing until it is killed.

Argument: the data folder. Prints "<characters typed> <monotonic time>" after each
keystroke has been handled, so the test knows what was on screen when it killed us.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desk.links import load_default_whitelist
from desk.store import DATABASE_NAME, open_store
from desk.ui.app import build_window, lexicon_loader, prepare_application, start
from desk.ui.check_worker import CheckWorker
from desk.ui.main_window import WindowState
from desk.ui.qt import QApplication, QTextCursor, QTimer

KEYSTROKE_MS = 50


def main(data_dir: Path) -> None:
    prepare_application()
    app = QApplication([])
    store = open_store(data_dir / DATABASE_NAME)
    whitelist = load_default_whitelist()
    worker = CheckWorker(lexicon_loader(data_dir), whitelist)
    worker.start()
    window = build_window(store, data_dir, worker, whitelist, "liaison")
    start(window, WindowState(data_dir))
    window.editor.title.setText("崩溃前的稿件")
    window.editor.body.setFocus()
    typed = 0

    def keystroke() -> None:
        nonlocal typed
        cursor = window.editor.body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("字")
        typed += 1
        print(typed, time.monotonic(), flush=True)

    timer = QTimer()
    timer.timeout.connect(keystroke)
    timer.start(KEYSTROKE_MS)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
