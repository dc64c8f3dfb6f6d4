"""Utf16Map: engine code points ↔ Qt UTF-16 positions."""

from hypothesis import given
from hypothesis import strategies as st

from desk.ui.positions import Utf16Map


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_text_maps_one_to_one():
    positions = Utf16Map("关于开展政务公开专项检查的通知")
    assert [positions.to_utf16(i) for i in range(16)] == list(range(16))
    assert [positions.to_code_point(i) for i in range(16)] == list(range(16))


def test_emoji_and_extension_b_before_a_hit_shift_it_by_one_each():
    text = "😀𠀋百家乐"  # U+1F600 and U+2000B take two UTF-16 units each
    positions = Utf16Map(text)
    assert (positions.to_utf16(2), positions.to_utf16(5)) == (4, 7)
    assert (positions.to_code_point(4), positions.to_code_point(7)) == (2, 5)
    assert positions.to_utf16(1) == 2  # 𠀋 starts after 😀's two units


def test_a_position_inside_a_surrogate_pair_means_its_character():
    positions = Utf16Map("a😀b")
    assert positions.to_code_point(2) == 1  # between 😀's surrogates
    assert positions.to_code_point(3) == 2


def test_a_long_draft_with_few_astral_characters():
    text = ("政务公开" * 25_000)[:99_998] + "😀" + "完"
    positions = Utf16Map(text)
    assert positions.to_utf16(99_999) == 100_000
    assert positions.to_utf16(100_000) == 100_001 == utf16_length(text)
    assert positions.to_code_point(100_001) == 100_000


texts = st.text(alphabet=st.sampled_from("ab中文 \n😀𠀋🇨🇳\U0010ffff"), max_size=60) | st.text(
    max_size=60
)


@given(texts)
def test_every_code_point_offset_round_trips(text):
    positions = Utf16Map(text)
    for offset in range(len(text) + 1):
        utf16 = positions.to_utf16(offset)
        assert utf16 == utf16_length(text[:offset])
        assert positions.to_code_point(utf16) == offset


@given(texts)
def test_every_utf16_position_maps_to_the_character_it_is_in(text):
    positions = Utf16Map(text)
    for utf16 in range(utf16_length(text) + 1):
        offset = positions.to_code_point(utf16)
        assert utf16_length(text[:offset]) <= utf16 < utf16_length(text[: offset + 1]) or (
            offset == len(text) and utf16 == utf16_length(text)
        )
