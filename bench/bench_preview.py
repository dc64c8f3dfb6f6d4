"""Preview benchmark: how long after a pause in typing the preview shows the draft.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_preview.py [--repeat 10]

Input: drafts of ~3,000 and ~100,000 characters of the reference corpus (resources/corpus),
as the editor hands them over: paragraphs and headings with a link every few paragraphs
(trusted gov.cn, untrusted hosts, a shortener) and an embedded image now and then.

Measured in this one process, with a shown `PreviewPane` whose debounce is 0 (the pause
itself is not counted):

* warm refresh: `set_draft` → `refreshed`, with QtWebEngine already running and the
  previous version of the draft on screen, in the portal and in the mobile tab; each
  run changes the last paragraph, as typing does. Best and median of --repeat;
* of which render + write: `render_html` for both templates and `write_result` for
  both pages, what the render thread does, timed alone;
* tab switch: then bringing the other tab (which has the previous version) to the
  front → `refreshed`;
* cold: showing the pane for the first time, with a draft already given, until it is
  on screen: QtWebEngine imported and started, the draft rendered and loaded.

Prints a Markdown block for the report.
"""

from __future__ import annotations

import argparse
import datetime
import html
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import best_of, corpus_texts, machine, rss_mb
from bench_render import _PNG, LINKS

SIZES = (3_000, 100_000)
TARGET_MS = 500
TITLE = "关于开展2026年政务公开专项检查的通知"


def build_draft(characters: int) -> tuple[str, int]:
    """Body HTML with about `characters` characters of text; the HTML and its text length."""
    seeds = corpus_texts()
    lines = [line.strip() for seed in seeds for line in seed.splitlines() if line.strip()]
    weighted = [template for template, weight in LINKS for _ in range(weight)]
    parts, text, n = [], 0, 0
    while text < characters:
        line = lines[n % len(lines)][: characters - text]
        n += 1
        escaped = html.escape(line, quote=False)
        if len(line) < 30:
            parts.append(f"<h2>{escaped}</h2>")
        elif n % 3 == 0:
            link = weighted[n % len(weighted)].format(n=n % 400, m=n % 250)
            parts.append(f"<p>{escaped}{link}</p>")
        else:
            parts.append(f"<p>{escaped}</p>")
        if n % 60 == 0:
            parts.append(f'<p><img src="data:image/png;base64,{_PNG}" alt="示意图"></p>')
        text += len(line)
    return "".join(parts), text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from desk.links import load_default_whitelist
    from desk.render import VerdictCache, render_html, write_result
    from desk.ui.preview import PREVIEW_TEMPLATES, PreviewPane, prepare_application
    from desk.ui.qt import QApplication, QTimer

    prepare_application()
    app = QApplication([])
    whitelist = load_default_whitelist()
    pane = PreviewPane(whitelist, debounce_ms=0)
    pane.resize(1200, 800)

    watchdog = QTimer()
    watchdog.setSingleShot(True)
    # exit(), not quit(): quit() closes the windows first, and the pane must stay on screen
    watchdog.timeout.connect(lambda: app.exit(1))
    refreshed: list[str] = []
    pane.refreshed.connect(refreshed.append)
    pane.refreshed.connect(lambda _digest: app.exit(0))

    def timed(action: Callable[[], None]) -> float:
        """Seconds from `action` to `refreshed` (which may come at once, inside it)."""
        refreshed.clear()
        watchdog.start(60_000)
        start = time.perf_counter()
        action()
        if not refreshed:
            app.exec()
        elapsed = time.perf_counter() - start
        if not refreshed or pane.message():
            raise SystemExit(f"no preview: {pane.message() or 'timed out'}")
        watchdog.stop()
        return elapsed

    def render_and_write(body: str, folder: Path) -> None:
        verdicts = VerdictCache(whitelist)
        for template in PREVIEW_TEMPLATES:
            result = render_html(body, whitelist=verdicts, template=template, title=TITLE)
            write_result(result, folder / f"{template}.html")

    rows = []  # (characters, bytes, tab in front, refreshes, switches, render + write)
    try:
        pane.set_draft(TITLE, build_draft(SIZES[0])[0])
        cold = timed(pane.show)  # imports and starts QtWebEngine, then renders
        for size in SIZES:
            body, characters = build_draft(size)
            with tempfile.TemporaryDirectory() as folder:
                alone, _ = best_of(
                    args.repeat, lambda body=body: render_and_write(body, Path(folder))
                )
            for front, other in (PREVIEW_TEMPLATES, PREVIEW_TEMPLATES[::-1]):
                refreshes, switches = [], []
                for i in range(args.repeat + 1):  # the first run is a warm-up
                    timed(lambda front=front: pane.show_template(front))
                    draft = f"{body}<p>第{i}稿。</p>"
                    refresh = timed(lambda draft=draft: pane.set_draft(TITLE, draft))
                    switch = timed(lambda other=other: pane.show_template(other))
                    if i:
                        refreshes.append(refresh)
                        switches.append(switch)
                rows.append((characters, len(body.encode()), front, refreshes, switches, alone))
    finally:
        pane.shutdown()  # a running thread must not outlive the pane

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    print(f"### Preview ({datetime.date.today().isoformat()})\n")
    print(
        f"Command: `QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_preview.py "
        f"--repeat {args.repeat}`  "
    )
    print(f"Machine: {machine()}; RSS after the runs {rss_mb():.0f} MB  ")
    print(f"Cold (first show of the pane → the draft on screen): {ms(cold)}\n")
    print(
        f"| draft | tab in front | warm refresh, best of {args.repeat} | median "
        "| of which render + write | then the other tab to the front, median | target |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for characters, size, front, refreshes, switches, alone in rows:
        median = statistics.median(refreshes)
        verdict = "met" if median * 1000 <= TARGET_MS else "**missed**"
        print(
            f"| {characters:,} characters ({size / 1000:.0f} kB HTML) | {front} "
            f"| {ms(min(refreshes))} | {ms(median)} | {ms(alone)} "
            f"| {ms(statistics.median(switches))} | ≤ {TARGET_MS} ms ({verdict}) |"
        )


if __name__ == "__main__":
    main()
