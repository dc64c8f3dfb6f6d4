"""What every benchmark script needs: best-of timing, the machine, memory."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# the 64k-term houbb/sensitive-word list (Apache-2.0, see its NOTICE), for load and noise
HOUBB_TERMS = REPO / "tests" / "data" / "houbb-sensitive-word" / "sensitive_word_dict.txt"


def corpus_texts() -> list[str]:
    """The reference corpus's five documents (clean public government text)."""
    from desk.corpus import reference_corpus

    return [document.text for document in reference_corpus()]


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    """The fastest of `repeat` runs (the least disturbed by a noisy machine), and a result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
