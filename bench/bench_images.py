"""Embedded-picture benchmark: typing beside a 4 MB picture, opening and saving its draft.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_images.py [--megabytes 4]

A draft of seed text with one PNG of random pixels (incompressible, so the file is as
large as asked) near its top, in the draft editor with the starter lexicon:

* keystroke: one character typed just above the picture (on screen) until the
  paragraph's highlights are updated and the view repainted; the picture named by its
  ``data:`` URI (plain ``setHtml``, as the editor did before) and by a short name
  (``BodyEdit.set_html``), with the same draft without a picture as a baseline;
* open and save: ``set_html`` and ``to_html`` against plain ``setHtml`` and ``toHtml``.

Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import best_of, corpus_texts, machine

DRAFT_CHARACTERS = 20_000


def seed_paragraphs(characters: int) -> list[str]:
    seeds = "".join(corpus_texts())
    text = (seeds * (characters // len(seeds) + 1))[:characters]
    return [p for p in text.split("\n") if p.strip()]


def noise_png(megabytes: float) -> tuple[bytes, int]:
    """A PNG of random pixels of about ``megabytes``, and its side in pixels."""
    from desk.ui.qt import QBuffer, QByteArray, QImage, QIODevice

    side = int((megabytes * 1_000_000 / 3) ** 0.5)
    pixels = os.urandom(side * side * 3)
    image = QImage(pixels, side, side, side * 3, QImage.Format.Format_RGB888).copy()
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return encoded.data(), side


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--keystrokes", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from desk.ui.app import lexicon_loader, prepare_application
    from desk.ui.check_worker import CheckWorker
    from desk.ui.editor import DraftEditor
    from desk.ui.qt import QApplication, QTextCursor

    prepare_application()
    app = QApplication([])
    worker = CheckWorker(lexicon_loader(Path(tempfile.mkdtemp(prefix="desk-bench-"))))
    ready: list[bool] = []
    worker.loaded.connect(lambda *_: ready.append(True))
    worker.start()
    while not ready:
        app.processEvents()
        time.sleep(0.01)

    data, side = noise_png(args.megabytes)
    uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    paragraphs = [f"<p>{p}</p>" for p in seed_paragraphs(DRAFT_CHARACTERS)]
    with_picture = "".join([*paragraphs[:2], f'<p><img src="{uri}" /></p>', *paragraphs[2:]])
    without_picture = "".join(paragraphs)

    editor = DraftEditor(worker)
    editor.resize(1280, 800)
    editor.show()
    app.processEvents()

    def wait_checked() -> None:
        while editor.checking:
            app.processEvents()
            time.sleep(0.0005)

    def keystroke_times() -> list[float]:
        """Typing at the end of the paragraph above the picture, checked and repainted."""
        body = editor.body
        wait_checked()
        cursor = QTextCursor(body.document().findBlockByNumber(1))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        body.setTextCursor(cursor)
        body.ensureCursorVisible()
        body.viewport().repaint()
        times = []
        for index in range(args.keystrokes):
            began = time.perf_counter()
            cursor.insertText("博彩" if index % 2 == 0 else "。")
            app.processEvents()
            wait_checked()
            body.viewport().repaint()
            times.append(time.perf_counter() - began)
        return times

    editor.set_draft("基准测试稿件", "")
    editor.body.setHtml(with_picture)
    before = keystroke_times()
    editor.set_draft("基准测试稿件", with_picture)
    after = keystroke_times()
    editor.set_draft("基准测试稿件", without_picture)
    baseline = keystroke_times()

    def opened(load: Callable[[str], None]) -> None:
        load(with_picture)
        editor.body.viewport().repaint()

    open_before, _ = best_of(args.repeat, lambda: opened(editor.body.setHtml))
    save_before, saved_before = best_of(args.repeat, editor.body.toHtml)
    open_after, _ = best_of(args.repeat, lambda: opened(editor.body.set_html))
    save_after, saved_after = best_of(args.repeat, editor.body.to_html)
    assert saved_after == saved_before, "to_html must give what toHtml gave before"
    editor.close()
    worker.stop()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"

    print(f"### Embedded pictures — {datetime.date.today().isoformat()}\n")
    print(f"Machine: {machine()}  ")
    print(
        f"Draft: {DRAFT_CHARACTERS:,} characters of seed text, one {len(data) / 1e6:.1f} MB PNG "
        f"({side}×{side} px, {len(uri) / 1e6:.1f} MB as a data: URI) on screen, "
        f"starter lexicon\n"
    )
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    rows = [
        (
            f"keystroke → updated highlight, picture named by its data: URI ({args.keystrokes} "
            "keystrokes, with repaint)",
            ms(before),
            "",
        ),
        (
            "keystroke → updated highlight, picture named by a short name (`set_html`)",
            ms(after),
            "≤ 30 ms",
        ),
        ("baseline: the same keystroke in the draft without the picture", ms(baseline), ""),
        (
            f"open: `setHtml` + first paint (best of {args.repeat})",
            f"{open_before * 1000:.0f} ms",
            "",
        ),
        ("open: `set_html` + first paint", f"{open_after * 1000:.0f} ms", ""),
        ("save: `toHtml`", f"{save_before * 1000:.0f} ms", ""),
        ("save: `to_html`", f"{save_after * 1000:.0f} ms", ""),
    ]
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
