"""Property tests: every hit's offsets map to an original span that reads as the term."""

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.lexicon import Entry, Lexicon
from desk.lexicon.normalize import (
    INTERFERENCE_PUNCTUATION,
    INVISIBLE,
    SPACES,
    fold_in_place,
    normalize,
    normalize_term,
)

TERMS = ["百家乐", "六合彩", "网传", "ab12", "澳门赌场"]
MATCHER = Lexicon.from_entries(Entry(t, severity="block") for t in TERMS).compile()
NOISE = SPACES + INTERFERENCE_PUNCTUATION + INVISIBLE
TRADITIONAL = {"乐": "樂", "门": "門", "场": "場", "网": "網", "传": "傳", "赌": "賭"}

text_chars = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from("百家乐六合彩网传澳门赌场樂門場網傳賭ab12ＡＢ１２\n" + NOISE),
)


@settings(max_examples=300, deadline=None)
@given(st.text(text_chars, max_size=80))
def test_every_hit_maps_to_an_original_span_reading_as_its_term(text):
    for hit in MATCHER.scan(text):
        span = text[hit.start : hit.end]
        assert span == hit.text
        assert normalize(span).text == normalize_term(hit.term)
        # the span starts and ends on a real character of the term, never on noise
        assert span[0] not in NOISE and span[-1] not in NOISE


@st.composite
def evasion(draw):
    term = draw(st.sampled_from(TERMS))
    chars = [TRADITIONAL.get(c, c) if draw(st.booleans()) else c for c in term]
    gaps = [draw(st.text(st.sampled_from(NOISE), max_size=3)) for _ in chars[1:]]
    disguised = chars[0] + "".join(g + c for g, c in zip(gaps, chars[1:], strict=True))
    before = draw(st.text(st.sampled_from("的一是在了和有大这主中人上为们地"), max_size=10))
    after = draw(st.text(st.sampled_from("的一是在了和有大这主中人上为们地"), max_size=10))
    return term, before, disguised, after


@settings(max_examples=300, deadline=None)
@given(evasion())
def test_any_interference_and_traditional_mix_is_found_with_its_whole_span(case):
    term, before, disguised, after = case
    hits = [h for h in MATCHER.scan(before + disguised + after) if h.term == term]
    assert [(h.start, h.end) for h in hits] == [(len(before), len(before) + len(disguised))]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_fold_in_place_keeps_length_and_normalize_keeps_order(text):
    assert len(fold_in_place(text)) == len(text)
    origins = normalize(text).origins.tolist()
    assert origins == sorted(set(origins))
    assert all(0 <= i < len(text) for i in origins)
