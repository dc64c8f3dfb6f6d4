"""Running a reader that might hang (on a FIFO, a device) without hanging the test run."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Outcome:
    """What a call did in the time it had: returned, raised, or neither (``finished``)."""

    finished: bool = False
    value: object = None
    error: BaseException | None = None


def within(seconds: float, call: Callable[[], object], *fifos: Path) -> Outcome:
    """Run ``call`` on a thread for at most ``seconds``. A call still blocked on one of
    ``fifos`` is then released: a writer opens and closes it, so the reader sees an end."""
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.value = call()
        except BaseException as error:  # the test looks at it
            outcome.error = error
        outcome.finished = True

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome.finished:
        for fifo in fifos:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    return outcome
