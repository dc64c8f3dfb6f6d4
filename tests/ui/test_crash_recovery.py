"""Kill -9 the running app mid-typing: the next start offers all but the last seconds,
to the person who typed them only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk.documents.html_text import visible_text
from desk.links import load_default_whitelist
from desk.review.drafts import list_drafts, load_draft, pending_recovery
from desk.store import DATABASE_NAME, open_store
from desk.ui.main_window import MainWindow, WindowState

REPO = Path(__file__).resolve().parents[2]
TYPIST = Path(__file__).with_name("crash_typist.py")
TYPING_SECONDS = 7.0
MAX_LOSS_SECONDS = 5.0


def type_then_kill(data_dir: Path) -> list[tuple[int, float]]:
    """Run the typist, SIGKILL it after a few seconds of typing; what it had typed when."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    typist = subprocess.Popen(
        [sys.executable, str(TYPIST), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    progress: list[tuple[int, float]] = []
    try:
        for line in typist.stdout:
            count, moment = line.split()
            progress.append((int(count), float(moment)))
            if progress[-1][1] - progress[0][1] >= TYPING_SECONDS:
                break
        else:
            pytest.fail(f"the typist stopped by itself (exit {typist.wait()})")
        os.kill(typist.pid, signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        typist.kill()
        typist.wait(timeout=30)
        typist.stdout.close()
    assert typist.returncode == -signal.SIGKILL
    return [(count, moment) for count, moment in progress if moment <= killed_at]


@pytest.mark.slow
def test_a_killed_app_loses_at_most_the_last_seconds(qtbot, tmp_path, worker):
    progress = type_then_kill(tmp_path)
    killed_at = progress[-1][1]
    typed_in_time = max(
        count for count, moment in progress if moment <= killed_at - MAX_LOSS_SECONDS
    )
    store = open_store(tmp_path / DATABASE_NAME)
    try:
        [snapshot] = pending_recovery(store, "liaison")
        recovered = visible_text(snapshot.body_html).count("字")
        assert snapshot.title == "崩溃前的稿件"
        assert typed_in_time <= recovered <= progress[-1][0]

        # the text is the liaison's: whoever else signs in first is not offered it
        other = MainWindow(store, worker, "chief", load_default_whitelist(), WindowState(tmp_path))
        qtbot.addWidget(other)
        other.show()
        assert other.offer_recovery() is None
        other.close()

        window = MainWindow(
            store, worker, "liaison", load_default_whitelist(), WindowState(tmp_path)
        )
        qtbot.addWidget(window)
        window.show()
        dialog = window.offer_recovery()
        assert dialog is not None
        dialog.restore_button.click()
        [draft] = list_drafts(store)
        assert load_draft(store, draft.id).body_text.count("字") == recovered
        assert window.editor.body.toPlainText().count("字") == recovered
        window.close()
    finally:
        store.close()
