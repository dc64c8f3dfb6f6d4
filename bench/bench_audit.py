"""Audit benchmark: proving the tables against the log, for a desk of N drafts.

    .venv/bin/python bench/bench_audit.py --drafts 1000 [--store DIR]

Builds (once; kept in DIR, default /tmp/desk-bench-audit-<N>, and reused by later
runs) a store with the domain commands: an office with its drafter and reviewers, then
N drafts of 1,500–2,500 characters of the reference corpus, each created, corrected
once, given its 公开属性, submitted, approved at 一审, 二审 and 三审, and published:
8 journaled commands a draft. Then measures, in a fresh process:

* the chain alone (streamed), as `desk audit verify` did before issue 12;
* the full proof (`desk audit verify`): replay the whole log into a scratch replica and
  compare every table;
* the first verified state (builds the replica kept next to the database);
* a verified state with nothing new, and after one more draft's 8 commands (what
  exporting the register costs on top of making it), and the same for one draft and
  the tables of people (what printing its 审核表 costs);
* peak memory (the replay streams the log).

Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from _common import corpus_texts, machine, rss_mb

from desk.review.accounts import CreateAccount, CreateUnit, SetUnitLeader
from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.verified import verified_state, verify_state
from desk.review.workflow import Approve, Publish, SetAttributes, Submit, check_snapshot
from desk.store import DATABASE_NAME, Store, audit, open_store

ADMIN = "cli:bench"
PEOPLE = (
    ("liaison", ["drafter"]),
    ("staff", ["review1"]),
    ("chief", ["review2"]),
    ("leader", ["review3"]),
)
CLEAN = check_snapshot("lexicon", "whitelist", [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--store", type=Path, help="folder of the store (built if missing)")
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = args.store or Path(f"/tmp/desk-bench-audit-{args.drafts}")
    if args.build:
        build(folder, args.drafts)
        return
    if not (folder / DATABASE_NAME).exists():
        subprocess.run(
            [sys.executable, __file__, "--build", "--drafts", str(args.drafts), "--store", folder],
            check=True,
        )
    measure(folder, args.drafts)


def build(folder: Path, drafts: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open_store(folder / "building.db") as store:
        organisation(store)
        texts = source_texts()
        for number in range(drafts):
            one_draft(store, texts, number)
            if number % 500 == 499:
                print(f"  {number + 1:,} drafts, {time.perf_counter() - start:.0f} s", flush=True)
    (folder / "building.db").rename(folder / DATABASE_NAME)
    print(f"Built {drafts:,} drafts in {time.perf_counter() - start:.0f} s", flush=True)


def source_texts() -> list[str]:
    return [text.replace("\n", "") for text in corpus_texts()]


def organisation(store: Store) -> None:
    unit = new_id()
    apply(store, CreateUnit(new_id(), ADMIN, unit, "办公室"))
    accounts = {}
    for login, roles in PEOPLE:
        accounts[login] = new_id()
        apply(
            store,
            CreateAccount(
                new_id(), ADMIN, accounts[login], login, login, unit, roles, "$argon2id$x"
            ),
        )
    apply(store, SetUnitLeader(new_id(), ADMIN, unit, accounts["leader"]))


def one_draft(store: Store, texts: list[str], number: int) -> uuid.UUID:
    """One draft through the whole flow: 8 journaled commands; its id."""
    source = texts[number % len(texts)]
    length = 1500 + number % 1000
    start = (number * 997) % max(1, len(source) - length)
    text = f"第{number}号。" + source[start : start + length]
    paragraphs = [text[i : i + 300] for i in range(0, len(text), 300)]
    body_html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    draft = new_id()
    title = f"关于第{number}号事项的通知"
    digest = apply(
        store, CreateDraft(new_id(), "liaison", draft, title, body_html, "\n".join(paragraphs))
    ).content_hash
    corrected = body_html.replace("。", "；", 1)
    apply(
        store,
        SaveRevision(new_id(), "liaison", draft, title, corrected, "\n".join(paragraphs) + " "),
    )
    digest = apply(store, SetAttributes(new_id(), "liaison", draft, "主动公开")).content_hash
    apply(store, Submit(new_id(), "liaison", draft, digest, CLEAN))
    for level, reviewer in (("review1", "staff"), ("review2", "chief"), ("review3", "leader")):
        step = Approve(
            new_id(), reviewer, draft, level, digest, "同意", True, [], CLEAN, level == "review3"
        )
        apply(store, step)
    apply(store, Publish(new_id(), "liaison", draft, digest, ["门户网站"]))
    return draft


def timed(run):
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def measure(folder: Path, drafts: int) -> None:
    """On a copy of the store, which the last measure adds a draft to."""
    work = folder / "measured"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    path = work / DATABASE_NAME
    shutil.copyfile(folder / DATABASE_NAME, path)
    size = path.stat().st_size
    with open_store(path) as store:
        chain_time, chain = timed(lambda: audit.verify_store(store))
        full_time, full = timed(lambda: verify_state(store))
        assert full.ok, full.problems()
        first_time, _ = timed(lambda: verified_state(store))
        again_time, _ = timed(lambda: verified_state(store))
        draft = one_draft(store, source_texts(), drafts)
        added_time, _ = timed(lambda: verified_state(store))
        form_time, _ = timed(lambda: verified_state(store, draft))
        one_draft(store, source_texts(), drafts + 1)
        form_added_time, state = timed(lambda: verified_state(store, draft))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"### Audit proof, {drafts:,} drafts — {datetime.date.today()}\n")
    print(f"Machine: {machine()}  ")
    print(
        f"Store: {drafts:,} drafts, {chain.entries:,} log entries, {size / 2**20:.0f} MB; "
        f"{full.rows:,} rows in the compared tables  "
    )
    print(f"Peak memory of the measuring process: {peak:.0f} MB (RSS now {rss_mb():.0f} MB)\n")
    print("| measure | time |")
    print("| --- | --- |")
    for name, seconds in (
        ("chain only, streamed (the old `desk audit verify`)", chain_time),
        ("`desk audit verify`: replay the whole log into a scratch replica, compare", full_time),
        ("first verified state (builds the replica next to the database)", first_time),
        ("verified state, nothing new (before a register export)", again_time),
        ("verified state after one more draft (8 commands)", added_time),
        ("verified state of one draft and the people, nothing new (before a 审核表)", form_time),
        ("the same after one more draft (8 commands)", form_added_time),
    ):
        print(f"| {name} | {_seconds(seconds)} |")
    print(f"\nHead after the run: {state.head[:16]}…, {state.entries:,} entries.")


def _seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


if __name__ == "__main__":
    main()
