"""The fold tables: built from Unicode data, one table per purpose, checked per family."""

import unicodedata

import numpy as np
import pytest

from desk.lexicon.normalize import (
    _CJK_RANGES,
    _PLAIN_RANGES,
    Change,
    fold_in_place,
    fold_tables,
    normalize,
    search_key,
)

TABLES = fold_tables()


def folded(text: str) -> str:
    return normalize(text).text


@pytest.mark.parametrize(
    ("family", "chars", "reads"),
    [
        ("enclosed letters", "Ⓕⓕ⒡🄕🅕🅵", "f"),
        ("mathematical letters", "𝐅𝐟𝑭𝒇𝓕𝔣𝕗𝖋𝗙𝘧𝙛𝚏", "f"),
        ("full-width and small", "Ｆｆ", "f"),
        ("digits: enclosed, full-width, styled", "③⑶⒊３𝟑𝟛𝟥³₃🄄", "3"),
        ("digits of other scripts and dingbats", "٣۳३❸➂➌⓷", "3"),
        ("Chinese numerals", "三叁弎〣", "3"),
        ("Chinese numerals, six", "六陆陸⑥⑹⒍❻", "6"),
        ("zero", "〇零⓪０", "0"),
        ("Kangxi radicals and compatibility ideographs", "⼈", "人"),
        ("Latin letters with accents", "áǎàâäāå", "a"),
    ],
)
def test_every_form_of_a_character_reads_as_it(family, chars, reads):
    assert [folded(ch) for ch in chars] == [reads] * len(chars), family


@pytest.mark.parametrize(
    ("text", "reads", "origins"),
    [
        ("⑩元", "10元", [0, 0, 1]),
        ("㈠", "1", [0]),  # (一): the brackets go, the numeral reads as a digit
        ("™", "tm", [0, 0]),
        ("下⒊滥", "下3滥", [0, 1, 2]),
    ],
)
def test_some_characters_expand_and_keep_their_origin(text, reads, origins):
    normalized = normalize(text)
    assert (normalized.text, normalized.origins.tolist()) == (reads, origins)


@pytest.mark.parametrize(
    ("chars", "skip"),
    [
        (" \t\u00a0\u3000\u2002", Change.SKIP_SPACE),
        ("*.-_|·/\\＊．－＿｜／＼﹡・", Change.SKIP_PUNCTUATION),
        ("@+~#☆★、，。“”《》【】（）%&※→♥…—😀🏻🇨\ue809", Change.SKIP_SYMBOL),
        ("\u200b\u200d\u2060\ufeff\u00ad\u2066\u180e\ufe0f\U000e0100\U000e0020\u3164", Change.SKIP_INVISIBLE),
        ("\u0301\u0336\u20dd\u20e3", Change.DIACRITIC),
    ],
)  # fmt: skip
def test_separators_are_dropped_by_family(chars, skip):
    for ch in chars:
        assert TABLES.width[ord(ch)] == 0, repr(ch)
        assert TABLES.change[ord(ch)] == skip, repr(ch)


def test_ordinary_words_are_not_numerals():
    assert folded("参加油漆两岸") == "参加油漆两岸"
    assert folded("參加") == "参加"  # 參 is the traditional 参 first, not the numeral


def test_line_breaks_stay_and_control_characters_are_no_separators():
    assert folded("百\r\n家\u2028乐") == "百\n\n家\n乐"
    assert folded("百\x07家") == "百\x07家"


def test_the_plain_ranges_need_no_look_up():
    """fold_tables skips the per-character look-ups in _PLAIN_RANGES: nothing there has a
    compatibility form, a case, a category other than letter/unassigned/private use, or
    (outside the ideographs, whose numerals are looked up) a numeric value."""
    surrogates = range(0xD800, 0xE000)
    ideographs = [range(start, stop) for start, stop in _CJK_RANGES]
    for start, stop in _PLAIN_RANGES:
        for cp in range(start, stop):
            if cp in surrogates:
                continue
            ch = chr(cp)
            assert unicodedata.category(ch) in ("Lo", "Cn", "Co"), hex(cp)
            assert unicodedata.normalize("NFKC", ch) == ch and ch.lower() == ch, hex(cp)
            if unicodedata.numeric(ch, None) is not None:
                assert any(cp in block for block in ideographs), hex(cp)


def test_fold_in_place_keeps_offsets_and_numerals_written_as_words():
    text = "１３８①③⑧ＡＢ貳三叁\r\n𝐅"
    assert fold_in_place(text) == "138138ab贰三叁\n\nf"
    assert len(fold_in_place(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("百 家 樂", "百家乐"),
        ("百*家*乐", "百家乐"),
        ("ＡＢＣ", "abc"),
        ("Ⓕⓤ", "fu"),
        ("%", "%"),  # punctuation stays: search cannot confirm a hit through it
        ("三、加强", "三、加强"),  # and so do numerals: searching 参加 must not find this
        ("百\u200b家", "百家"),
    ],
)
def test_search_key_drops_only_what_needs_no_confirming(text, key):
    assert search_key(text) == key


def test_the_tables_are_read_only_and_cover_every_code_point():
    for table in (TABLES.fold, TABLES.width, TABLES.change, TABLES.in_place):
        assert len(table) == 0x110000 and not table.flags.writeable
    assert np.all(TABLES.expansions[TABLES.expansion_starts] == TABLES.fold[TABLES.expanded])
