"""Matching: evasions hit, ordinary text doesn't, offsets point into the original."""

import sys

import pytest

from desk.lexicon import Entry, Lexicon


def matcher(*entries: Entry):
    return Lexicon.from_entries(entries).compile()


GAMBLING = Entry("百家乐", category="涉赌", severity="block")


@pytest.mark.parametrize(
    ("text", "span", "explanation"),
    [
        ("百家乐", (0, 3), ()),
        ("百 家 乐", (0, 5), ("忽略空格",)),
        ("百　家　乐", (0, 5), ("忽略空格",)),
        ("百*家*乐", (0, 5), ("忽略干扰符号",)),
        ("百.家-乐", (0, 5), ("忽略干扰符号",)),
        ("百_家|乐", (0, 5), ("忽略干扰符号",)),
        ("百·家/乐", (0, 5), ("忽略干扰符号",)),
        ("百\\家\\乐", (0, 5), ("忽略干扰符号",)),
        ("百＊家．乐", (0, 5), ("忽略干扰符号",)),
        ("百－家＿乐", (0, 5), ("忽略干扰符号",)),
        ("百｜家／乐＼", (0, 5), ("忽略干扰符号",)),
        ("百家樂", (0, 3), ("繁→简",)),
        ("百\u200b家乐", (0, 4), ("忽略不可见字符",)),
        ("百\u200c家\u200d乐", (0, 5), ("忽略不可见字符",)),
        ("百\u2060家\ufeff乐", (0, 5), ("忽略不可见字符",)),
        ("百\u00ad家乐", (0, 4), ("忽略不可见字符",)),
        ("百 * 家 * 樂", (0, 9), ("繁→简", "忽略空格", "忽略干扰符号")),
        ("欢迎来到百 家 乐！", (4, 9), ("忽略空格",)),
    ],
)
def test_evasions_hit_with_the_whole_span(text, span, explanation):
    hits = matcher(GAMBLING).scan(text)
    assert [(h.start, h.end) for h in hits] == [span]
    assert hits[0].term == "百家乐"
    assert hits[0].text == text[span[0] : span[1]]
    assert hits[0].explanation == explanation
    assert hits[0].severity == "block" and hits[0].category == "涉赌"


@pytest.mark.parametrize(
    "text", ["百\n家乐", "百家\r\n乐", "百家\u2028乐", "百家", "家乐百", "百加乐"]
)
def test_line_breaks_and_other_text_do_not_hit(text):
    assert matcher(GAMBLING).scan(text) == []


def test_full_width_and_case_fold():
    m = matcher(Entry("bet365", severity="block"))
    assert [h.text for h in m.scan("上ＢＥＴ３６５和Bet 365")] == ["ＢＥＴ３６５", "Bet 365"]
    assert m.scan("上ＢＥＴ３６５")[0].explanation == ("全角→半角", "忽略大小写")


def test_terms_are_normalized_like_the_text():
    m = matcher(Entry("百家樂", severity="block"), Entry("ＡＢＣ", severity="warn"))
    assert [h.term for h in m.scan("百家乐 abc")] == ["百家樂", "ＡＢＣ"]


def test_offsets_after_astral_characters():
    text = "𠀋😀𪚥百家乐"
    (hit,) = matcher(GAMBLING).scan(text)
    assert (hit.start, hit.end) == (3, 6)
    assert text[hit.start : hit.end] == "百家乐"


def test_traditional_target_outside_the_bmp_folds():
    # OpenCC maps some characters to simplified forms outside the BMP.
    from desk.lexicon.normalize import fold_in_place, fold_tables

    tables = fold_tables()
    astral = [cp for cp in range(0x4E00, 0xA000) if tables.fold[cp] > 0xFFFF]
    assert astral, "expected t2s targets outside the BMP"
    source = chr(astral[0])
    target = fold_in_place(source)
    m = matcher(Entry(target + "测试"))
    assert [h.text for h in m.scan(source + "测试")] == [source + "测试"]


def test_overlapping_terms_all_reported_in_reading_order():
    m = matcher(Entry("色情"), Entry("情网"), Entry("色情网站", severity="block"))
    hits = m.scan("色情网站")
    assert [(h.term, h.start, h.end) for h in hits] == [
        ("色情网站", 0, 4),
        ("色情", 0, 2),
        ("情网", 1, 3),
    ]


def test_allow_suppresses_only_inside_the_allowed_phrase():
    m = matcher(Entry("黄片", severity="block"), Entry("三黄片", severity="allow"))
    assert m.scan("服用三黄片") == []
    assert [(h.start, h.end) for h in m.scan("三黄片和黄片")] == [(4, 6)]
    assert [(h.start, h.end) for h in m.scan("黄片三黄片")] == [(0, 2)]


def test_allow_span_covers_evasion_too():
    m = matcher(Entry("黄片", severity="block"), Entry("三黄片", severity="allow"))
    assert m.scan("三 黄 片") == []


def test_scope_title_and_body():
    m = matcher(
        Entry("网曝", scope="title", category="标题规范"),
        Entry("正文词", scope="body"),
        Entry("处处", scope="all"),
    )
    text = "网曝正文词处处"
    assert [h.term for h in m.scan(text, "title")] == ["网曝", "处处"]
    assert [h.term for h in m.scan(text, "body")] == ["正文词", "处处"]
    assert [h.term for h in m.scan(text)] == ["网曝", "正文词", "处处"]


def test_same_term_in_two_scopes_both_apply():
    m = matcher(Entry("重磅", scope="title", severity="warn"), Entry("重磅", severity="info"))
    assert sorted(h.severity for h in m.scan("重磅", "title")) == ["info", "warn"]
    assert [h.severity for h in m.scan("重磅", "body")] == ["info"]


@pytest.fixture(scope="module")
def word_matcher():
    return matcher(Entry("艳照", match="word", severity="block"), Entry("sex", match="word"))


class TestWordMatch:
    """`word` entries are confirmed with jieba."""

    @pytest.mark.parametrize("text", ["色彩鲜艳照片", "画面鲜艳照亮夜空", "色彩鲜豔照片", "sussex"])
    def test_dropped_when_cutting_a_dictionary_word(self, word_matcher, text):
        assert word_matcher.scan(text) == []

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("他在网上传播艳照。", (6, 8)),
            ("㐀㐁艳照㐂㐃", (2, 4)),
            ("艳 照", (0, 3)),
            ("no sex here", (3, 6)),
        ],
    )
    def test_kept_at_word_boundaries_and_among_unknown_characters(self, word_matcher, text, span):
        assert [(h.start, h.end) for h in word_matcher.scan(text)] == [span]

    def test_substring_entry_is_not_confirmed(self):
        m = matcher(Entry("艳照", match="substring"))
        assert [h.text for h in m.scan("色彩鲜艳照片")] == ["艳照"]


def test_jieba_is_not_loaded_at_import():
    import subprocess

    code = "import desk.lexicon, desk.review.check, desk.cli, sys; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_empty_inputs():
    assert matcher(GAMBLING).scan("") == []
    assert matcher(GAMBLING).scan("   \u200b") == []
    assert Lexicon.from_entries([]).compile().scan("百家乐") == []


def test_hit_exposes_entry_fields():
    entry = Entry("网传", "标题规范", "warn", "substring", "title", "据报道", "seed 000")
    (hit,) = matcher(entry).scan("网传消息", "title")
    assert (hit.category, hit.severity, hit.match, hit.scope, hit.suggestion, hit.note) == (
        "标题规范", "warn", "substring", "title", "据报道", "seed 000",
    )  # fmt: skip
    assert hit.entry is entry


def test_lone_surrogates_do_not_crash():
    assert [h.term for h in matcher(GAMBLING).scan("\ud800百家乐\udfff")] == ["百家乐"]


def test_warm_up_loads_the_segmenter_ahead_of_the_first_word_match():
    import subprocess

    code = (
        "import sys, desk.lexicon as lx; assert 'jieba' not in sys.modules; "
        "lx.warm_up(); print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
