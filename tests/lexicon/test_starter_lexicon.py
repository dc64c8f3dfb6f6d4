"""The shipped starter lexicon: suggestions are literal replacements that read right in place.

The editor's "apply the suggestion" replaces the matched span with `suggestion` verbatim,
so a suggestion must be replacement text, never advice; advice lives at the start of
`note` as 处理：…。 and is shown in the finding's message.
"""

import re

import pytest

from desk.lexicon import load_lexicon
from desk.review.check import Checker

lexicon = load_lexicon(starter=True)
matcher = lexicon.compile()
checker = Checker(lexicon)

ADVICE = "处理："
# Words and marks that belong to advice or comments, not to replacement text.
ADVICE_MARKERS = ("删去", "核实", "改用", "写明", "（", "）", "(", ")", "、", "/")
REPORTED = [e for e in lexicon.entries if e.severity != "allow"]
SUGGESTED = [e for e in REPORTED if e.suggestion]
# Where a term typically stands: after a national or local prefix, after 原, before more text.
PREFIXES = ("国家", "原", "市")
# A term that already names the national level takes no further 国家 (国家中国银监会).
NATIONAL = ("国家", "中国", "中华人民共和国", "国务院", "中央", "全国", "中共")
SUFFIXES = ("的通知",)
# A replacement that repeats what stands next to it (国家国家市场监督管理总局).
# 市市场 is the right way to write 市 + 市场监督管理局, so it does not count.
DOUBLED = re.compile(r"国家国家|中国中国|台湾台湾|省省|县县|市市(?!场)|局局|部部|““|””")


def term_findings(text):
    return [f for f in checker.check(text).findings if f.kind == "term"]


def applied(text, finding):
    return text[: finding.start] + finding.suggestion + text[finding.end :]


def contexts(term):
    yield term
    for prefix in PREFIXES:
        if term.startswith(NATIONAL if prefix == "国家" else prefix):
            continue  # 国家国家林业局, 市市委书记: no way to write it
        yield prefix + term
    for suffix in SUFFIXES:
        yield term + suffix


def test_the_starter_lexicon_has_suggestions_and_advice_to_check():
    assert len(SUGGESTED) > 200
    assert sum(1 for e in REPORTED if (e.note or "").startswith(ADVICE)) > 80


@pytest.mark.parametrize("entry", SUGGESTED, ids=lambda e: e.term)
def test_suggestion_is_a_literal_replacement(entry):
    found = [marker for marker in ADVICE_MARKERS if marker in entry.suggestion]
    assert not found, f"{entry.source}: 建议「{entry.suggestion}」含 {found}，应写进 note 的处理："
    assert entry.suggestion.strip() == entry.suggestion
    assert entry.suggestion != entry.term, f"{entry.source}: 建议与词条相同"
    assert "处理" not in entry.suggestion


@pytest.mark.parametrize("entry", lexicon.entries, ids=lambda e: e.term)
def test_note_is_present_and_advice_is_one_closed_sentence(entry):
    assert entry.note and entry.note.strip(), f"{entry.source}: note 必须写明出处"
    if entry.note.startswith(ADVICE):
        advice, stop, source = entry.note.removeprefix(ADVICE).partition("。")
        assert stop == "。", f"{entry.source}: 处理：之后缺少结束处理意见的「。」"
        assert advice.strip(), f"{entry.source}: 处理：之后没有处理意见"
        assert source.strip(), f"{entry.source}: 处理意见之后还要写出处"
        assert ADVICE not in source
    else:
        assert ADVICE not in entry.note, f"{entry.source}: 处理：应放在 note 开头"


def test_entries_without_a_replacement_say_what_to_do():
    """Outside the spam lists (delete the hit), an entry with no suggestion carries advice."""
    silent = [
        e.term
        for e in REPORTED
        if not e.suggestion
        and e.category not in {"涉赌", "涉黄", "涉诈", "违法广告"}
        and not e.note.startswith(ADVICE)
    ]
    assert silent == []


@pytest.mark.parametrize(
    "entry", [e for e in SUGGESTED if e.scope != "title"], ids=lambda e: e.term
)
def test_applying_the_suggestion_in_typical_contexts_reads_right(entry):
    reached = False
    for text in contexts(entry.term):
        for finding in term_findings(text):
            if finding.term == entry.term:
                reached = True
            if not finding.suggestion:
                continue
            result = applied(text, finding)
            doubled = DOUBLED.findall(result)
            assert len(doubled) <= len(DOUBLED.findall(text)), (
                f"{text} → {result}: 「{finding.term}」的建议重复了前后文 {doubled}"
            )
            again = [f.term for f in term_findings(result)]
            assert finding.term not in again, f"{text} → {result}: 仍命中「{finding.term}」"
    assert reached, f"「{entry.term}」在 {list(contexts(entry.term))} 中都没有命中"


def test_the_full_national_name_wins_over_its_short_form():
    # The matcher finds both; the check reports only the longest hit at that spot.
    scanned = {hit.term for hit in matcher.scan("根据国家工商行政管理总局的规定")}
    assert scanned == {"国家工商行政管理总局", "工商行政管理总局"}
    (finding,) = term_findings("根据国家工商行政管理总局的规定")
    assert (finding.term, finding.suggestion) == ("国家工商行政管理总局", "国家市场监督管理总局")
    assert finding.text == "国家工商行政管理总局"
    assert applied("根据国家工商行政管理总局的规定", finding) == "根据国家市场监督管理总局的规定"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国家工商总局", "国家市场监督管理总局"),
        ("国家质检总局", "国家市场监督管理总局"),
        ("国家安监总局", "应急管理部"),
        ("杭州市工商局", "杭州市市场监督管理局"),
        ("县工商行政管理局", "县市场监督管理局"),
        ("市政府法制办", "市司法局"),
        ("浙江省政府法制办", "浙江省司法厅"),
        ("国务院法制办公室", "司法部"),
        ("中国银保监会", "国家金融监督管理总局"),
        ("浙江银保监局", "浙江金融监管局"),
        ("中国共产党第十九届全国代表大会", "中国共产党第十九次全国代表大会"),
        ("台湾立法委员", "台湾地区民意代表"),
        ("台语歌曲", "台湾闽南语歌曲"),
    ],
)
def test_hand_picked_replacements(text, expected):
    findings = term_findings(text)
    assert len(findings) == 1, findings
    assert applied(text, findings[0]) == expected


@pytest.mark.parametrize(
    "text", ["原国家工商行政管理总局令", "原国家工商总局", "原国务院法制办公室", "原农业部"]
)
def test_explicit_historical_reference_is_not_outdated(text):
    assert [f for f in term_findings(text) if f.category == "过时表述"] == []


def test_title_with_unverified_source_gets_advice_not_a_replacement():
    result = checker.check("正文", title="网传某地发生事故")
    (finding,) = [f for f in result.findings if f.term == "网传"]
    assert (finding.field, finding.kind, finding.suggestion) == ("title", "headline", None)
    assert finding.message == "「网传」属于标题规范词条；删去，写明权威信息来源"


def test_two_possible_replacements_leave_the_choice_to_the_writer():
    (finding,) = term_findings("铁道部")
    assert finding.suggestion is None
    assert "国家铁路局" in finding.message and "中国国家铁路集团有限公司" in finding.message


def test_advice_and_replacement_share_the_message():
    (finding,) = term_findings("质检总局")
    assert finding.suggestion == "市场监管总局"
    assert finding.message == (
        "「质检总局」属于过时表述词条，建议改为「市场监管总局」；"
        "出入境检验检疫职责已划入海关总署，涉及出入境检验检疫的改为“海关总署”"
    )
