"""The rule set as a whole: registry, run_rules, the real seed documents and speed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import pytest

from desk.review.findings import Field, Finding, sort_key
from desk.rules import RULES, headline, pii, proofread, run_rules, secret

Rule = Callable[[str, Field], list[Finding]]
RULE_IDS = {
    "pii": {"pii.id-card", "pii.bank-card", "pii.mobile"},
    "secret": {"secret.classification", "secret.internal-marking"},
    "headline": {"headline.punctuation", "headline.length"},
    "proofread": {
        "proofread.doubled-char",
        "proofread.unpaired-punctuation",
        "proofread.ascii-punctuation",
    },
}
SAMPLE = (
    "关于某事项的通知!!机密★5年\n"
    "联系人手机13812345678,身份证11010519491231002X。\n"
    "内部资料 注意保存\n"
    "请阅读《条例,见附件"
)


def test_rules_are_the_four_find_functions() -> None:
    assert (pii.find, secret.find, headline.find, proofread.find) == RULES


def test_run_rules_merges_every_rule_in_reading_order() -> None:
    findings = run_rules(SAMPLE, "title")
    assert findings == sorted(findings, key=sort_key)
    assert {f.rule for f in findings} == {
        "headline.punctuation",
        "headline.length",
        "secret.classification",
        "pii.mobile",
        "pii.id-card",
        "secret.internal-marking",
        "proofread.ascii-punctuation",
        "proofread.unpaired-punctuation",
    }
    for finding in findings:
        assert finding.rule in RULE_IDS[finding.kind]
        assert finding.text == SAMPLE[finding.start : finding.end]
        assert finding.field == "title"


def test_run_rules_on_a_body_skips_title_rules() -> None:
    assert not {f.kind for f in run_rules(SAMPLE, "body")} & {"headline"}


def test_empty_text_has_no_findings() -> None:
    assert run_rules("", "title") == [] and run_rules("", "body") == []


def test_seeds_have_no_personal_data_and_no_markings(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        for field in ("title", "body"):
            assert pii.find(text, field) == [], name
            assert secret.find(text, field) == [], name


def test_seeds_never_block(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        assert [f for f in run_rules(text, "body") if f.severity == "block"] == [], name


def test_seed_warnings_are_real_slips(seed_texts: dict[str, str]) -> None:
    """What the rules say about the seeds, inspected by hand.

    000, 001 and 003 are clean.  002 lost the 「（二」 of six list items when it was
    scraped and leaves a quotation open (“三审原则); 004 carries pinyin in ASCII
    parentheses with some opening ones garbled into ?, and 實(shí)實(shí)在在, where the
    pinyin hides 实实在在 from the exception list.  The rest are ASCII marks (info).
    """
    warnings = {
        name[:3]: Counter(f.text for f in run_rules(text, "body") if f.severity == "warn")
        for name, text in seed_texts.items()
    }
    assert warnings == {
        "000": Counter(),
        "001": Counter(),
        "002": Counter({")": 6, "“": 1}),
        "003": Counter(),
        "004": Counter({")": 27, "在在": 1}),
    }


HITS = "联系人手机13812345678,身份证11010519491231002X。机密★5年\n我们的的工作!!《条例\n"
SCAN_BUDGET = 0.1  # seconds for a megabyte, whatever it holds
PER_FINDING = 4e-6  # seconds: building one frozen Finding costs 1.5–3 µs on its own


def _tiled(text: str, size: int, measure: Callable[[str], int] = len) -> str:
    """text repeated (with a line of hits in between) until measure() reaches size."""
    unit = text + HITS
    return unit * (size // measure(unit) + 1)


def _timed(rule: Rule, text: str) -> tuple[float, int]:
    """Best of five runs (the machine is shared) and the number of findings."""
    rule(text[:1000], "title")  # build the fold tables outside the timing
    best, count = float("inf"), 0
    for _ in range(5):
        began = time.perf_counter()
        count = len(rule(text, "title"))
        best = min(best, time.perf_counter() - began)
    return best, count


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__module__)
def test_a_million_characters_take_well_under_100_ms(
    rule: Rule, seed_texts: dict[str, str]
) -> None:
    """Scanning cost: 10⁶ characters of the seed with full-width punctuation (003)."""
    clean = next(text for name, text in seed_texts.items() if name.startswith("003"))
    best, count = _timed(rule, _tiled(clean, 1_000_000))
    assert count > 0
    assert best < SCAN_BUDGET, f"{rule.__module__}: {best * 1000:.0f} ms"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__module__)
def test_a_megabyte_full_of_findings_costs_little_more_per_finding(
    rule: Rule, seed_texts: dict[str, str]
) -> None:
    """1 MB of UTF-8 seeds: 004 alone has an ASCII mark every 9 characters (22 000 findings)."""
    text = _tiled("".join(seed_texts.values()), 1_000_000, lambda t: len(t.encode()))
    best, count = _timed(rule, text)
    budget = SCAN_BUDGET + PER_FINDING * count
    assert best < budget, f"{rule.__module__}: {best * 1000:.0f} ms for {count} findings"
