"""Lexicon files: CSV/XLSX/TXT import, CSV/XLSX export, whole-file rejection, duplicates, hash."""

import pytest

from desk.lexicon import Entry, Lexicon, LexiconFileError, load_lexicon, read_entries, write_entries

HEADER = "term,category,severity,match,scope,suggestion,note\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_all_columns(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "网传,标题规范,warn,substring,title,据报道,seed 000\n")
    (entry,) = read_entries(path)
    assert entry == Entry(
        "网传", "标题规范", "warn", "substring", "title", "据报道", "seed 000", "a.csv:2"
    )


def test_only_term_is_required_and_defaults_apply(tmp_path):
    path = write(tmp_path, "a.csv", "term\n百家乐\n")
    (entry,) = read_entries(path)
    assert (entry.category, entry.severity, entry.match, entry.scope) == (
        "未分类", "warn", "substring", "all",
    )  # fmt: skip
    assert entry.suggestion is None and entry.note is None


def test_columns_in_any_order_and_chinese_values(tmp_path):
    path = write(
        tmp_path, "a.csv", "级别,词条,范围,匹配\n屏蔽,百家乐,正文,整词\n提示,测试,标题,包含\n"
    )
    first, second = read_entries(path)
    assert (first.term, first.severity, first.scope, first.match) == (
        "百家乐",
        "block",
        "body",
        "word",
    )
    assert (second.severity, second.scope, second.match) == ("info", "title", "substring")


def test_bom_and_gbk_csv(tmp_path):
    assert read_entries(write(tmp_path, "a.csv", "\ufeffterm\n百家乐\n"))[0].term == "百家乐"
    assert read_entries(write(tmp_path, "b.csv", "term\n百家乐\n", "gbk"))[0].term == "百家乐"


def test_bad_rows_reject_the_whole_file_listing_every_line(tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        HEADER
        + "好词,类,warn,,,,\n"
        + ",空词条,warn,,,,\n"
        + "词,类,fatal,,,,\n"
        + "词2,类,warn,fuzzy,,,\n"
        + "词3,类,warn,,everywhere,,\n"
        + "* * *,类,warn,,,,\n"
        + "词4,类,warn,,,,,extra\n",
    )
    with pytest.raises(LexiconFileError) as caught:
        read_entries(path)
    lines = [e.line for e in caught.value.errors]
    assert lines == [3, 4, 5, 6, 7, 8]
    message = str(caught.value)
    assert "bad.csv:4" in message and "fatal" in message and "term 为空" in message


def test_quoted_line_break_in_term_is_rejected(tmp_path):
    path = write(tmp_path, "a.csv", 'term\n"百家\n乐"\n')
    with pytest.raises(LexiconFileError, match="换行"):
        read_entries(path)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "表头"),
        ("word\nx\n", "未知的列"),
        ("category\nx\n", "缺少 term"),
        ("term,term\na,b\n", "重复"),
    ],
)
def test_bad_headers(tmp_path, text, needle):
    with pytest.raises(LexiconFileError, match=needle):
        read_entries(write(tmp_path, "a.csv", text))


def test_undecodable_and_missing_and_wrong_type(tmp_path):
    undecodable = tmp_path / "a.csv"
    undecodable.write_bytes(b"term\n\x80\x80\xff\xff")
    with pytest.raises(LexiconFileError, match="编码"):
        read_entries(undecodable)
    with pytest.raises(LexiconFileError, match="无法读取"):
        read_entries(tmp_path / "missing.csv")
    with pytest.raises(LexiconFileError, match="不支持"):
        read_entries(write(tmp_path, "a.json", "[]"))


def test_txt_one_term_per_line_with_category_and_severity(tmp_path):
    path = write(tmp_path, "spam.txt", "# 注释\n百家乐\n\n  六合彩  \n")
    entries = read_entries(path, category="涉赌", severity="block")
    assert [(e.term, e.category, e.severity) for e in entries] == [
        ("百家乐", "涉赌", "block"),
        ("六合彩", "涉赌", "block"),
    ]
    assert entries[1].source == "spam.txt:4"
    assert read_entries(path)[0].severity == "warn"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_and_reimport_round_trip(tmp_path, suffix):
    entries = [
        Entry("网传", "标题规范", "warn", "substring", "title", "据报道", "seed 000"),
        Entry("百家乐", "涉赌", "block", "word", "all", None, "暗链常见词"),
        Entry("110", "数字", "info"),
    ]
    path = tmp_path / f"out{suffix}"
    write_entries(entries, path)
    back = read_entries(path)
    assert [e.as_row() for e in back] == [e.as_row() for e in entries]


def test_xlsx_bad_row_reported_with_row_number(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["term", "severity"])
    sheet.append(["百家乐", "block"])
    sheet.append(["六合彩", "sometimes"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    with pytest.raises(LexiconFileError) as caught:
        read_entries(path)
    assert [e.line for e in caught.value.errors] == [3]


def test_broken_xlsx(tmp_path):
    with pytest.raises(LexiconFileError, match="XLSX"):
        read_entries(write(tmp_path, "a.xlsx", "not a zip"))


def test_export_rejects_unknown_suffix(tmp_path):
    with pytest.raises(ValueError, match="csv"):
        write_entries([Entry("x")], tmp_path / "a.json")


def test_duplicates_merge_with_warning_keeping_the_stricter_severity(tmp_path):
    a = write(tmp_path, "a.csv", "term,category,severity\n百家乐,涉赌,warn\n")
    b = write(tmp_path, "b.csv", "term,severity,suggestion\n百家樂,block,\n百 家 乐,allow,\n")
    lexicon = load_lexicon(a, b)
    (entry,) = lexicon.entries
    assert (entry.term, entry.severity, entry.category) == ("百家乐", "block", "涉赌")
    assert len(lexicon.warnings) == 2 and "b.csv:2" in lexicon.warnings[0]


def test_same_term_in_other_scope_is_not_a_duplicate():
    lexicon = Lexicon.from_entries([Entry("重磅", scope="title"), Entry("重磅")])
    assert len(lexicon) == 2 and not lexicon.warnings


def test_load_lexicon_reads_every_file_before_failing(tmp_path):
    good = write(tmp_path, "good.csv", "term\n好\n")
    bad1 = write(tmp_path, "bad1.csv", "term,severity\n坏,x\n")
    bad2 = write(tmp_path, "bad2.csv", "term,severity\n坏,y\n")
    with pytest.raises(LexiconFileError) as caught:
        load_lexicon(good, bad1, bad2)
    assert "bad1.csv" in str(caught.value) and "bad2.csv" in str(caught.value)


def test_load_lexicon_from_a_folder(tmp_path):
    write(tmp_path, "a.csv", "term\n甲乙\n")
    write(tmp_path, "b.txt", "丙丁\n")
    write(tmp_path, "readme.md", "not a lexicon")
    assert sorted(e.term for e in load_lexicon(tmp_path).entries) == ["丙丁", "甲乙"]


def test_content_hash_depends_on_content_not_order_or_source():
    a = Lexicon.from_entries([Entry("甲", source="x:1"), Entry("乙")])
    b = Lexicon.from_entries([Entry("乙", source="y:9"), Entry("甲")])
    c = Lexicon.from_entries([Entry("甲"), Entry("乙", severity="block")])
    assert a.content_hash == b.content_hash != c.content_hash
    assert len(a.content_hash) == 64


def test_entry_that_folds_to_nothing_is_rejected():
    with pytest.raises(ValueError, match="干扰符号"):
        Lexicon.from_entries([Entry("* *")])


def test_starter_lexicon_loads_cleanly():
    lexicon = load_lexicon(starter=True)
    assert len(lexicon) > 100
    assert not lexicon.warnings, lexicon.warnings
    assert all(entry.note for entry in lexicon.entries), "every starter entry names its source"
