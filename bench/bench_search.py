"""Draft-list search benchmark: folding evasions (百*家*乐, 百家樂) in SQL, on a full store.

    .venv/bin/python bench/bench_search.py [--drafts 2000] [--characters 2000] [--repeat 5]

Input: --drafts drafts of about --characters characters each, cut from the reference
corpus (resources/corpus), one in ten with an evasion (百*家*乐, 百 家 乐 or 百家樂) in its text.
Measured: ``list_drafts`` with a search, which folds every current title and text as the
check does (the ``desk_fold`` SQL function), against the same query without a search, the
baseline. Best of --repeat; the first search of a process also builds the fold tables
(about 0.1 s), which is not counted.

Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
from pathlib import Path

from _common import best_of, corpus_texts, machine

from desk.review.commands import CreateDraft, apply, new_id
from desk.review.drafts import list_drafts
from desk.store import DATABASE_NAME, open_store

EVASIONS = ("百*家*乐", "百 家 乐", "百家樂")


def texts(count: int, characters: int) -> list[str]:
    """``count`` texts of about ``characters`` characters, every tenth with an evasion."""
    seeds = corpus_texts()
    stream = "\n".join(line.strip() for seed in seeds for line in seed.splitlines() if line)
    made = []
    for n in range(count):
        start = (n * 997) % max(1, len(stream) - characters)
        text = stream[start : start + characters]
        if n % 10 == 0:
            text = text[: characters // 2] + EVASIONS[n // 10 % 3] + text[characters // 2 :]
        made.append(text)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--characters", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bodies = texts(args.drafts, args.characters)
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as folder:
        store = open_store(Path(folder) / DATABASE_NAME)
        for n, body in enumerate(bodies):
            apply(store, CreateDraft(new_id(), "liaison", new_id(), f"第{n}号通知", "", body))
        list_drafts(store, search="预热")  # the fold tables, built once per process
        baseline, everything = best_of(args.repeat, lambda: list_drafts(store))
        searched, found = best_of(args.repeat, lambda: list_drafts(store, search="百家乐"))
        store.close()
    assert len(everything) == args.drafts
    assert len(found) == len(range(0, args.drafts, 10)), len(found)
    print(f"Measured {datetime.date.today()} on {machine()}.")
    print(f"{args.drafts:,} drafts of ~{args.characters:,} characters; best of {args.repeat}.\n")
    print("| query | time | drafts |")
    print("| --- | --- | --- |")
    print(f"| list, no search (baseline) | {baseline * 1000:.0f} ms | {len(everything):,} |")
    print(f"| search 百家乐 (folded) | {searched * 1000:.0f} ms | {len(found):,} |")


if __name__ == "__main__":
    main()
