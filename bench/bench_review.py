"""Review-step benchmark: what the domain's own re-check adds to submit and approve.

    .venv/bin/python bench/bench_review.py [--repeat 5]

Input: a ~100,000-character draft built like the preview benchmark's (seed text, links,
headings, embedded pictures; without its hostile links and shorteners, which block, so
that it can pass), checked with the starter lexicon plus the 64k houbb list. Each run
submits a fresh copy and approves it at 一审 (acknowledging every warning, as a reviewer
must), once with the store's checker attached (desk.review.recheck) and once without,
the baseline: the same commands trusting the reported check. Best of --repeat.

Prints a Markdown block for the report.
"""

from __future__ import annotations

import argparse
import datetime
import re
import tempfile
import time
from pathlib import Path

from _common import HOUBB_TERMS, machine
from bench_preview import TITLE, build_draft

from desk.documents.html_text import html_text
from desk.lexicon import load_lexicon
from desk.links import load_default_whitelist
from desk.review.accounts import CreateAccount, CreateUnit
from desk.review.check import Checker
from desk.review.commands import CreateDraft, apply, new_id
from desk.review.drafts import load_draft
from desk.review.recheck import StoredTextChecker
from desk.review.workflow import Approve, SetAttributes, Submit, check_snapshot
from desk.store import DATABASE_NAME, open_store

TERMS_FILE = HOUBB_TERMS
CHARACTERS = 100_000
ADMIN = "admin"  # the store's first account, which makes the rest
# The preview draft's deliberately bad links (伪链, javascript:, intranet, shortener),
# kept as text.
HOSTILE_LINK = re.compile(
    r'<a href="(?:[^"]*(?:evil-site|javascript:|192\.168|t\.cn/)[^"]*|https://www\.gov\.cn/)">(.*?)</a>'
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    body_html = HOSTILE_LINK.sub(r"\1", build_draft(CHARACTERS)[0])
    body_text = html_text(body_html).text
    checker = Checker(load_lexicon(TERMS_FILE, starter=True), load_default_whitelist())
    findings, _ = checker.check_field(TITLE, "title")
    findings += checker.check_field(body_text, "body", html=body_html)[0]
    warnings = [f for f in findings if f.severity == "warn"]
    check = check_snapshot(
        checker.lexicon_hash, checker.whitelist.content_hash, [f.to_json() for f in findings]
    )
    acks = [
        {"rule": f.rule, "field": f.field, "start": f.start, "end": f.end, "text": f.text,
         "reason": "核实无误"}
        for f in warnings
    ]  # fmt: skip
    blocks = sum(f.severity == "block" for f in findings)
    if blocks:
        raise SystemExit(f"the bench draft has {blocks} block findings; it could not be submitted")

    with tempfile.TemporaryDirectory(prefix="desk-bench-") as folder:
        store = open_store(Path(folder) / DATABASE_NAME)
        unit = new_id()
        admin = CreateAccount(
            new_id(), ADMIN, new_id(), ADMIN, ADMIN, None, ["admin"], "$argon2id$x"
        )
        apply(store, admin)
        apply(store, CreateUnit(new_id(), ADMIN, unit, "办公室"))
        for login, roles in (("liaison", ["drafter"]), ("staff", ["review1"])):
            apply(
                store,
                CreateAccount(new_id(), ADMIN, new_id(), login, login, unit, roles, "$argon2id$x"),
            )

        def one_run(attached: bool) -> tuple[float, float]:
            store.checker = StoredTextChecker(checker) if attached else None
            draft = new_id()
            apply(store, CreateDraft(new_id(), "liaison", draft, TITLE, body_html, body_text))
            apply(store, SetAttributes(new_id(), "liaison", draft, "主动公开", ""))
            digest = load_draft(store, draft).revision.content_hash
            start = time.perf_counter()
            apply(store, Submit(new_id(), "liaison", draft, digest, check))
            submitted = time.perf_counter()
            apply(
                store,
                Approve(new_id(), "staff", draft, "review1", digest, "同意", True, acks, check),
            )
            return submitted - start, time.perf_counter() - submitted

        timings = {
            attached: [one_run(attached) for _ in range(args.repeat)] for attached in (False, True)
        }

    def best(attached: bool, step: int) -> float:
        return min(run[step] for run in timings[attached]) * 1000

    print(f"Measured {datetime.date.today()} on {machine()}.")
    print(
        f"Draft: {len(body_text):,} characters ({len(body_html.encode()) // 1024} kB HTML), "
        f"{len(findings):,} findings of which {len(warnings):,} warnings acknowledged; "
        f"best of {args.repeat}.\n"
    )
    print("| step | with the domain's re-check | baseline: reported check trusted | added |")
    print("| --- | --- | --- | --- |")
    for step, name in ((0, "submit"), (1, "approve at 一审")):
        with_check, without = best(True, step), best(False, step)
        print(
            f"| {name} | {with_check:.0f} ms | {without:.0f} ms | {with_check - without:.0f} ms |"
        )


if __name__ == "__main__":
    main()
