"""Editor benchmark: cold start, opening a 100,000-character draft, keystroke to highlight.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editor.py [--keystrokes 50]

The 64k-term houbb-sensitive-word list is installed as the desk's own lexicon (in a
temporary data folder's ``lexicons/``), so every figure is with it loaded:

* cold start: a fresh process running the real start-up path (``desk.ui.app``) until
  the window is shown and usable, and until the lexicon and jieba are loaded behind it;
* open: a stored 100,000-character draft (seed text) until ``MainWindow.open`` returns
  (usable) and until the whole-document check's highlights are in place;
* keystroke: one character typed in the middle of that draft until the highlights of
  its paragraph are updated, with baselines in the same run: the same keystroke in a
  plain QTextEdit (Qt's own cost) and in the editor before any highlight exists.

Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import HOUBB_TERMS, REPO, corpus_texts, machine

TERMS_FILE = HOUBB_TERMS
DRAFT_CHARACTERS = 100_000

COLD_START = """
import sys, time
from pathlib import Path
from desk.ui.app import build_window, desk_whitelist, lexicon_loader, prepare_application, start
from desk.ui.check_worker import CheckWorker
from desk.ui.main_window import WindowState
from desk.ui.qt import QApplication
from desk.store import DATABASE_NAME, open_store
data = Path(sys.argv[1])
prepare_application()
app = QApplication([])
store = open_store(data / DATABASE_NAME)
whitelist = desk_whitelist(data)
worker = CheckWorker(lexicon_loader(data), whitelist)
worker.loaded.connect(lambda *_: (print("loaded", time.time(), flush=True), app.quit()))
worker.start()
window = build_window(store, data, worker, whitelist, "bench")
start(window, WindowState(data))
app.processEvents()
print("shown", time.time(), flush=True)
app.exec()
worker.stop()
"""


def seed_text(characters: int) -> str:
    seeds = "".join(corpus_texts())
    return (seeds * (characters // len(seeds) + 1))[:characters]


def cold_start(data_dir: Path, repeat: int) -> tuple[float, float]:
    """Best-of seconds from process start to a shown window, and to a loaded lexicon."""
    shown, loaded = [], []
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(repeat):
        began = time.time()
        output = subprocess.run(
            [sys.executable, "-c", COLD_START, str(data_dir)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        ).stdout
        moments = dict(line.split() for line in output.splitlines() if line[:1].isalpha())
        shown.append(float(moments["shown"]) - began)
        loaded.append(float(moments["loaded"]) - began)
    return min(shown), min(loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        (data_dir / "lexicons").mkdir()
        shutil.copy(TERMS_FILE, data_dir / "lexicons" / "houbb.txt")
        shown, loaded = cold_start(data_dir, args.repeat)
        rows = in_process(data_dir, args.keystrokes)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    print(f"### Editor — {datetime.date.today().isoformat()}\n")
    print(f"Machine: {machine()}  ")
    print(
        f"Lexicon: starter + {sum(1 for _ in TERMS_FILE.open(encoding='utf-8')):,} houbb terms; "
        f"draft: {DRAFT_CHARACTERS:,} characters of seed text\n"
    )
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    rows = [
        (
            f"cold start → window shown and usable (best of {args.repeat})",
            f"{shown * 1000:.0f} ms",
            "≤ 2 s",
        ),
        (
            "cold start → 64k lexicon and jieba loaded in the background",
            f"{loaded * 1000:.0f} ms",
            "",
        ),
        *rows,
    ]
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


def in_process(data_dir: Path, keystrokes: int) -> list[tuple[str, str, str]]:
    from desk.review.commands import CreateDraft, apply, new_id
    from desk.store import DATABASE_NAME, open_store
    from desk.ui.app import desk_whitelist, lexicon_loader, prepare_application
    from desk.ui.check_worker import CheckWorker
    from desk.ui.main_window import MainWindow, WindowState
    from desk.ui.qt import QApplication, QTextCursor, QTextEdit

    prepare_application()
    app = QApplication([])
    store = open_store(data_dir / DATABASE_NAME)
    whitelist = desk_whitelist(data_dir)
    worker = CheckWorker(lexicon_loader(data_dir), whitelist)
    ready: list[bool] = []
    worker.loaded.connect(lambda *_: ready.append(True))
    worker.start()
    while not ready:
        app.processEvents()
        time.sleep(0.01)

    text = seed_text(DRAFT_CHARACTERS)
    paragraphs = text.split("\n")
    body_html = "".join(f"<p>{p}</p>" for p in paragraphs)
    draft_id = new_id()
    apply(
        store,
        CreateDraft(new_id(), "bench", draft_id, "基准测试稿件", body_html, "\n".join(paragraphs)),
    )
    window = MainWindow(store, worker, "bench", whitelist, WindowState(data_dir))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    editor = window.editor

    def wait_checked() -> None:
        while editor.checking:
            app.processEvents()
            time.sleep(0.0005)

    began = time.perf_counter()
    window.open(draft_id)
    usable = time.perf_counter() - began
    app.processEvents()
    wait_checked()
    complete = time.perf_counter() - began
    highlights = len(editor.body.extraSelections())

    # Keystrokes in the middle of the draft: "博" then "彩" completes a term there.
    middle = editor.body.document().findBlockByNumber(len(paragraphs) // 2)

    def keystroke_times(edit: QTextEdit, checked: bool) -> list[float]:
        times = []
        for index in range(keystrokes):
            cursor = QTextCursor(middle)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            began = time.perf_counter()
            cursor.insertText("博彩" if index % 2 == 0 else "。")
            if checked:
                app.processEvents()
                wait_checked()
            edit.viewport().repaint()
            times.append(time.perf_counter() - began)
        return times

    typed = keystroke_times(editor.body, checked=True)
    plain = QTextEdit()
    plain.setHtml(body_html)
    plain.resize(editor.body.size())
    plain.show()
    middle = plain.document().findBlockByNumber(len(paragraphs) // 2)
    baseline = keystroke_times(plain, checked=False)
    window.close()
    worker.stop()
    store.close()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"

    return [
        ("open the draft → editor usable", f"{usable * 1000:.0f} ms", "≤ 1 s"),
        (
            f"open → highlights complete ({highlights:,} highlights)",
            f"{complete * 1000:.0f} ms",
            "≤ 2 s",
        ),
        (
            f"keystroke → updated highlight ({keystrokes} keystrokes, with repaint)",
            ms(typed),
            "≤ 30 ms",
        ),
        ("baseline: the same keystroke in a plain QTextEdit", ms(baseline), ""),
    ]


if __name__ == "__main__":
    main()
