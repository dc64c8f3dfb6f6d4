"""Property tests: every hit's offsets map to an original span that reads as its term."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.lexicon import Entry, Lexicon
from desk.lexicon.normalize import Change, fold_in_place, fold_tables, normalize, normalize_term

TERMS = ["百家乐", "六合彩", "网传", "ab12", "澳门赌场", "下三滥"]
MATCHER = Lexicon.from_entries(Entry(t, severity="block") for t in TERMS).compile()
TABLES = fold_tables()
_DROPPED = np.flatnonzero(TABLES.width[:0x30000] == 0)
_SYMBOLIC = (TABLES.change[_DROPPED] & int(Change.SKIP_SYMBOL)) != 0
# Dropped wherever they stand (spaces, * . - …, invisible characters, combining marks) …
NOISE = "".join(map(chr, _DROPPED[~_SYMBOLIC]))
# … and punctuation and symbols, dropped where a hit through them is confirmed.
SYMBOLS = "".join(map(chr, _DROPPED[_SYMBOLIC & (_DROPPED < 0xE000)])) + "\ue809"


def variants(ch: str) -> str:
    """Every character that reads as `ch` on its own (樂 for 乐, 陸 ⑥ ６ for 六, Ａ ⓐ for a)."""
    code = TABLES.fold[ord(ch)]
    return "".join(map(chr, np.flatnonzero((TABLES.fold == code) & (TABLES.width == 1))))


VARIANTS = {ch: variants(ch) for ch in set("".join(TERMS))}
CONTEXT = st.text(st.sampled_from("的一是在了和有大这主中人上为们地"), max_size=10)

text_chars = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from("".join(VARIANTS.values()) + "\n"),
    st.sampled_from(NOISE),
    st.sampled_from(SYMBOLS),
)


@settings(max_examples=300, deadline=None)
@given(st.text(text_chars, max_size=80))
def test_every_hit_maps_to_an_original_span_reading_as_its_term(text):
    for hit in MATCHER.scan(text):
        span = text[hit.start : hit.end]
        assert span == hit.text
        assert normalize(span).text == normalize_term(hit.term)
        # the span starts and ends on a character of the term, never on a dropped one
        assert TABLES.width[ord(span[0])] and TABLES.width[ord(span[-1])]


@st.composite
def evasion(draw, gap):
    """A term in any forms of its characters, with gaps drawn from `gap` between them."""
    term = draw(st.sampled_from(TERMS))
    chars = [draw(st.sampled_from(VARIANTS[c])) for c in term]
    gaps = [draw(gap) for _ in chars[1:]]
    disguised = chars[0] + "".join(g + c for g, c in zip(gaps, chars[1:], strict=True))
    return term, disguised


@settings(max_examples=300, deadline=None)
@given(evasion(st.text(st.sampled_from(NOISE), max_size=3)), CONTEXT, CONTEXT)
def test_any_form_with_any_noise_is_found_with_its_whole_span(case, before, after):
    term, disguised = case
    hits = [h for h in MATCHER.scan(before + disguised + after) if h.term == term]
    assert [(h.start, h.end) for h in hits] == [(len(before), len(before) + len(disguised))]


@settings(max_examples=300, deadline=None)
@given(evasion(st.text(st.sampled_from(SYMBOLS), min_size=1, max_size=2)), CONTEXT, CONTEXT)
def test_symbols_between_every_character_are_found_and_named(case, before, after):
    """Symbols between every character: no side of a separator is a word of its own."""
    term, disguised = case
    before, text = before + "。", before + "。" + disguised + "。" + after
    hits = [h for h in MATCHER.scan(text) if h.term == term]
    assert [(h.start, h.end) for h in hits] == [(len(before), len(before) + len(disguised))]
    assert "忽略符号" in hits[0].explanation


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_fold_in_place_keeps_length_and_normalize_keeps_order(text):
    assert len(fold_in_place(text)) == len(text)
    origins = normalize(text).origins.tolist()
    assert origins == sorted(origins)  # an expanded character (⑩ → 10) repeats its origin
    assert all(0 <= i < len(text) for i in origins)
    kept = [i for i, ch in enumerate(text) if TABLES.width[ord(ch)]]
    assert sorted(set(origins)) == kept


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(TERMS), CONTEXT, CONTEXT)
def test_a_term_written_as_listed_needs_no_explanation(term, before, after):
    hits = [h for h in MATCHER.scan(before + term + after) if h.term == term]
    assert [h.explanation for h in hits] == [()]
