"""Lexicon files that are too big, too long or malformed: a clear error naming the file
and the line, exit 2, never a crash, a hang or a silent half-import."""

import io
import os
import subprocess
import sys
import zipfile

import pytest

from desk.cli import main
from desk.lexicon import Entry, Lexicon, LexiconFileError, load_lexicon, read_entries
from desk.lexicon.files import MAX_FILE_BYTES
from desk.reading import MAX_LINE_CHARS
from tests.bounded import within

HEADER = "term,category,severity\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path):
    with pytest.raises(LexiconFileError) as caught:
        read_entries(path)
    return [(error.line, error.message) for error in caught.value.errors], str(caught.value)


def test_a_huge_term_exits_2_naming_file_and_line_instead_of_crashing(tmp_path):
    lexicon = write(tmp_path, "terms.txt", "百家乐\n" + "赌" * 300_000 + "\n")
    draft = write(tmp_path, "draft.txt", "正文")
    child = subprocess.run(
        [sys.executable, "-m", "desk", "check", "--lexicon", str(lexicon), str(draft)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 2, child.stderr[-500:]
    assert f"{lexicon}:2: 该行超过 {MAX_LINE_CHARS} 个字符" in child.stderr
    assert len(child.stderr) < 1000


def test_a_term_over_200_characters_is_refused(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "好词,类,warn\n" + "长" * 201 + ",类,block\n")
    errors, message = errors_of(path)
    assert errors == [(3, "词条过长（201 个字符，最多 200 个）")]
    assert "a.csv:3:" in message
    assert read_entries(write(tmp_path, "b.csv", HEADER + "长" * 200 + ",类,warn\n"))


def test_entries_made_in_code_are_bounded_too():
    with pytest.raises(ValueError, match="词条过长"):
        Lexicon.from_entries([Entry("长" * 201)]).compile()


def test_a_csv_field_past_the_csv_module_limit_exits_2_not_1(tmp_path, capsys):
    lexicon = write(tmp_path, "big.csv", HEADER + '"' + "x\n" * 70_000 + '",类,block\n')
    draft = write(tmp_path, "draft.txt", "正文")
    assert main(["check", "--lexicon", str(lexicon), str(draft)]) == 2
    err = capsys.readouterr().err
    assert f"{lexicon}:2: 该行超过" in err and "Traceback" not in err


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    errors, _ = errors_of(path)
    assert errors == [(0, "无法读取：文件过大（20.1 MB，上限 20 MB）")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")
def test_a_fifo_in_the_lexicon_folder_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    write(tmp_path, "good.csv", "term\n好\n")
    outcome = within(5, lambda: load_lexicon(tmp_path), tmp_path / "pipe.csv")
    assert isinstance(outcome.error, LexiconFileError)
    assert "pipe.csv: 无法读取：不是普通文件" in str(outcome.error)


def test_a_row_with_missing_columns_is_an_error(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "百家乐,赌博,block\n六合彩,赌博\n")
    errors, message = errors_of(path)
    assert errors == [
        (3, "只有 2 列，少于表头的 3 列（没有内容的列也要用逗号占位，或检查是否少写了逗号）")
    ]
    assert "a.csv:3:" in message


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    path = write(
        tmp_path,
        "a.csv",
        HEADER + "百家乐,赌博,block\n" + '"六合彩,赌博,block\n' + "好词,类,warn\n" * 3,
    )
    errors, _ = errors_of(path)
    assert errors == [(3, "引号没有闭合：从这一行起直到文件末尾都没有与之配对的引号")]


def test_text_after_a_closing_quote_is_reported_on_its_line(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + '百家乐,赌博,block\n"六合"彩,赌博,block\n')
    errors, _ = errors_of(path)
    assert [line for line, _ in errors] == [3] and "引号用法有误" in errors[0][1]


def test_a_row_spanning_lines_is_reported_at_its_first_line(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + '好词,类,warn\n"百家\n乐",赌博,block\n好,类,warn\n')
    errors, _ = errors_of(path)
    assert errors == [(3, "词条中不能有换行")]


def test_a_bad_long_value_is_quoted_short(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "百家乐,赌博," + "x" * 1500 + "\n")
    errors, message = errors_of(path)
    assert errors[0][1].startswith("severity 的值「" + "x" * 40 + "…（共 1500 个字符）」无效")
    assert len(message) < 300


def test_escape_codes_in_a_bad_value_are_shown_as_escapes(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "百家乐,赌博,\x1b[2J\x1b[31mblock\n")
    _, message = errors_of(path)
    assert "\x1b" not in message and "\\x1b[2J" in message


def test_thousands_of_bad_rows_list_a_hundred(tmp_path):
    path = write(tmp_path, "a.csv", HEADER + "词,类,fatal\n" * 5000)
    errors, _ = errors_of(path)
    assert len(errors) == 101 and errors[-1] == (0, "另有 4900 处错误未列出")


def xlsx(rows, *, far_cell=None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if far_cell:
        sheet[far_cell] = "远处的格子"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sheet_reaching_its_last_row_and_column_is_read_quickly(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx([["term"], ["百家乐"]], far_cell="XFD1048576"))
    outcome = within(20, lambda: read_entries(path))
    assert outcome.finished and [entry.term for entry in outcome.value] == ["百家乐"]


def test_an_xlsx_bomb_is_refused_before_unpacking(tmp_path):
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx([["term"], ["百家乐"]]))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b"<row/>" * 12_000_000)
            bomb.writestr(part.filename, data)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    errors, _ = errors_of(path)
    assert errors == [(0, errors[0][1])] and "xl/worksheets/sheet1.xml" in errors[0][1]
    assert "超过上限" in errors[0][1] or "压缩比异常" in errors[0][1]


def test_a_file_of_more_entries_than_any_lexicon_is_refused(tmp_path, monkeypatch):
    from desk.lexicon import files

    monkeypatch.setattr(files, "MAX_ROWS", 5)
    assert (
        len(
            read_entries(write(tmp_path, "a.csv", "term\n" + "".join(f"词{n}\n" for n in range(5))))
        )
        == 5
    )
    errors, _ = errors_of(write(tmp_path, "b.txt", "".join(f"词{n}\n\n" for n in range(9))))
    assert errors == [(11, "超过 5 个词条，不像是一份词库，请拆分后分别导入")]


def test_an_xlsx_whose_header_claims_fewer_rows_is_read_whole(tmp_path):
    data = xlsx([["term"], ["百家乐"], ["六合彩"], ["澳门赌场"]])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as stale:
        for name, part in parts:
            if name == "xl/worksheets/sheet1.xml":
                part = part.replace(b'<dimension ref="A1:A4"', b'<dimension ref="A1:A2"')
                assert b'ref="A1:A2"' in part
            stale.writestr(name, part)
    path = tmp_path / "stale.xlsx"
    path.write_bytes(buffer.getvalue())
    assert [entry.term for entry in read_entries(path)] == ["百家乐", "六合彩", "澳门赌场"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_never_replaces_a_link(tmp_path, capsys, suffix):
    source = write(tmp_path, "in.csv", "term\n百家乐\n")
    target = tmp_path / f"elsewhere{suffix}"
    target.write_text("别处的文件", encoding="utf-8")
    link = tmp_path / f"out{suffix}"
    link.symlink_to(target)
    assert main(["lexicon", "convert", str(source), "-o", str(link)]) == 2
    assert "不是普通文件" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "别处的文件"
