"""Lexicon matcher benchmark: this engine against raw matchers on the same text and terms.

    .venv/bin/python bench/bench_lexicon.py [--megabytes 1] [--repeat 5]

Text: the reference corpus (resources/corpus) repeated to ~1 MB of UTF-8. Terms: the 64k
houbb-sensitive-word list. Prints a Markdown block for docs/benchmarks.md.
Every contender runs in this same process and run, so the machine's noise
affects all of them alike; each figure is the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import datetime
import re
import statistics
import time

from _common import HOUBB_TERMS, best_of, corpus_texts, machine, rss_mb

TERMS_FILE = HOUBB_TERMS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    seeds = "".join(corpus_texts())
    target = int(args.megabytes * 1_000_000)
    text = seeds * (target // len(seeds.encode("utf-8")) + 1)
    while len(text.encode("utf-8")) > target:
        text = text[: len(text) - 1000]
    megabytes = len(text.encode("utf-8")) / 1e6
    terms = [t for t in TERMS_FILE.read_text(encoding="utf-8").splitlines() if t.strip()]
    rows: list[tuple[str, str, str]] = []

    def throughput(seconds: float) -> str:
        return f"{megabytes / seconds:.1f} MB/s ({seconds * 1000:.0f} ms)"

    # This engine: cold build, memory, end-to-end scan, a 10,000-character re-check.
    from desk.lexicon import Entry, Lexicon
    from desk.lexicon.normalize import fold_tables

    fold_tables()  # shared, process-wide; built once whatever the lexicon
    before = rss_mb()
    start = time.perf_counter()
    lexicon = Lexicon.from_entries(Entry(term=t) for t in terms)
    matcher = lexicon.compile()
    build = time.perf_counter() - start
    memory = rss_mb() - before
    engine, hits = best_of(args.repeat, lambda: matcher.scan(text))
    post = text[:10_000]
    post_times = []
    for _ in range(50):
        start = time.perf_counter()
        matcher.scan(post)
        post_times.append(time.perf_counter() - start)
    rows.append(
        ("desk engine (normalize + match + map back)", throughput(engine), f"{len(hits)} hits")
    )

    # The whole check a draft gets: starter lexicon and every rule, title and body.
    from desk.lexicon import load_lexicon
    from desk.review.check import Checker

    checker = Checker(load_lexicon(starter=True))
    full_times = []
    for _ in range(20):
        start = time.perf_counter()
        checker.check(post, title="关于印发政务公开工作要点的通知")
        full_times.append(time.perf_counter() - start)

    # Raw pyahocorasick, no normalization, the same terms.
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, index)
    automaton.make_automaton()
    raw, raw_hits = best_of(args.repeat, lambda: sum(1 for _ in automaton.iter(text)))
    rows.append(("pyahocorasick raw", throughput(raw), f"{raw_hits} hits"))

    try:
        import ahocorasick_rs

        rs = ahocorasick_rs.AhoCorasick(terms)
        rust, rust_hits = best_of(
            args.repeat, lambda: len(rs.find_matches_as_indexes(text, overlapping=True))
        )
        rows.append(("ahocorasick-rs raw (overlapping)", throughput(rust), f"{rust_hits} hits"))
    except ImportError:
        rust = float("nan")

    # A regex alternation of the same terms.
    start = time.perf_counter()
    pattern = re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
    compiled = time.perf_counter() - start
    sample = text[: len(text) // 10]  # ~100 kB: the alternation is too slow for the whole text
    regex, regex_hits = best_of(1, lambda: sum(1 for _ in pattern.finditer(sample)))
    sample_mb = len(sample.encode("utf-8")) / 1e6
    rows.append(
        (
            "regex alternation (non-overlapping)",
            f"{sample_mb / regex:.2f} MB/s",
            f"{regex_hits} hits in the first {sample_mb:.2f} MB; compile {compiled:.1f} s",
        )
    )

    print(f"### Lexicon matcher — {datetime.date.today().isoformat()}")
    print()
    print(
        f"Machine: {machine()}. Text: seeds repeated to {megabytes:.2f} MB UTF-8 "
        f"({len(text):,} characters); terms: {len(terms):,} (houbb-sensitive-word)."
    )
    print()
    print("| contender | throughput (best of runs) | notes |")
    print("| --- | --- | --- |")
    for name, speed, notes in rows:
        print(f"| {name} | {speed} | {notes} |")
    print()
    print(
        f"- engine vs raw pyahocorasick: **{raw / engine:.1f}×**; "
        f"vs ahocorasick-rs: {engine / rust:.1f}× its time"
    )
    print(
        f"- 64k-term matcher built from scratch: **{build * 1000:.0f} ms**; "
        f"memory +{memory:.0f} MB RSS"
    )
    print(
        "- 10,000-character post re-checked: "
        f"median **{statistics.median(post_times) * 1000:.2f} ms**, "
        f"max {max(post_times) * 1000:.2f} ms (50 runs); the whole check of it (starter lexicon "
        f"+ every rule): median {statistics.median(full_times) * 1000:.1f} ms (20 runs)"
    )


if __name__ == "__main__":
    main()
