"""Lexicon interchange files: CSV and XLSX with the entry columns, plain TXT term lists.

A file with any bad row is rejected whole, with every bad line listed, so an
import never half-succeeds. Values may be written in English or in Chinese
(屏蔽/提醒/提示/放行, 包含/整词, 全部/标题/正文) for staff who keep lists in WPS.

Files are bounded (``MAX_FILE_BYTES``, ``MAX_ROWS`` rows of ``MAX_LINE_CHARS``, terms of
``MAX_TERM_LENGTH``): a list is typed by people, and anything far longer is a mistake
or an attack on the matcher.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desk.atomic import write_bytes_atomically
from desk.documents.encoding import UndecodableText, decode_text
from desk.lexicon.entry import (
    DEFAULT_CATEGORY,
    DEFAULT_MATCH,
    DEFAULT_SCOPE,
    DEFAULT_SEVERITY,
    FIELDS,
    MATCH_VALUES,
    MAX_TERM_LENGTH,
    SCOPE_VALUES,
    SEVERITY_VALUES,
    Entry,
)
from desk.lexicon.normalize import LINE_BREAKS, normalize_term
from desk.reading import (
    MAX_LINE_CHARS,
    MB,
    UnreadableInput,
    ZipLimits,
    check_zip,
    overlong_message,
    quoted,
    read_regular_file,
)

SUFFIXES = (".csv", ".txt", ".xlsx")
MAX_FILE_BYTES = 20 * MB  # the 64,000-term houbb list is 1.2 MB
MAX_ROWS = 200_000  # three times that list; a million terms take a gigabyte to match with
XLSX_LIMITS = ZipLimits(markup_part=64 * MB, other_part=20 * MB, total=128 * MB)
_XLSX_COLUMNS = 64  # read no further right: an empty sheet may claim 16,384 columns
_MAX_ERRORS = 100  # listed; the rest are counted

_ALIASES: dict[str, dict[str, str]] = {
    "severity": {"屏蔽": "block", "阻断": "block", "提醒": "warn", "警告": "warn",
                 "提示": "info", "放行": "allow", "允许": "allow", "白名单": "allow"},
    "match": {"包含": "substring", "子串": "substring", "整词": "word", "词语": "word"},
    "scope": {"全部": "all", "全文": "all", "标题": "title", "正文": "body"},
}  # fmt: skip
_CHOICES = {"severity": SEVERITY_VALUES, "match": MATCH_VALUES, "scope": SCOPE_VALUES}
_HEADER_ALIASES = {"词条": "term", "敏感词": "term", "类别": "category", "分类": "category",
                   "级别": "severity", "匹配": "match", "范围": "scope", "建议": "suggestion",
                   "替换": "suggestion", "备注": "note", "来源": "note"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 0: about the file as a whole
    message: str
    path: str = ""  # the file, when not the one the error is about

    def where(self, path: str) -> str:
        path = self.path or path
        return f"{path}:{self.line}" if self.line else path


class _StopReading(Exception):
    """The rows can't be read any further (broken CSV quoting): the error says where."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


class LexiconFileError(Exception):
    """A lexicon file that can't be imported; `errors` lists every bad line."""

    def __init__(self, path: Path | str, errors: Sequence[RowError]) -> None:
        self.path = str(path)
        self.errors = tuple(errors)
        lines = "\n".join(f"  {e.where(self.path)}: {e.message}" for e in self.errors)
        super().__init__(f"词库文件无法导入（{len(self.errors)} 处错误）:\n{lines}")


def read_entries(
    path: Path | str, *, category: str | None = None, severity: str | None = None
) -> list[Entry]:
    """Read one .csv, .xlsx or .txt file; `category`/`severity` apply to TXT term lists."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LexiconFileError(
            path, [RowError(0, f"不支持的文件类型 {suffix or '(无)'}，应为 .csv/.txt/.xlsx")]
        )
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableInput as error:
        raise LexiconFileError(path, [RowError(0, f"无法读取：{error}")]) from None
    if suffix == ".xlsx":
        rows = _xlsx_rows(path, data)
    else:
        try:
            text = decode_text(data)
        except UndecodableText as error:
            raise LexiconFileError(path, [RowError(0, str(error))]) from None
        rows = _csv_rows(text) if suffix == ".csv" else _txt_rows(text, category, severity)
    return _entries_from_rows(path, rows)


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _StopReading(RowError(start, _csv_problem(str(error)))) from None
        yield start, row


def _csv_problem(error: str) -> str:
    """What a csv.Error means, for the person who typed the file."""
    if "unexpected end of data" in error:
        return "引号没有闭合：从这一行起直到文件末尾都没有与之配对的引号"
    if "expected after" in error:
        return '引号用法有误：引号括起的内容后面应紧跟逗号或换行（内容中的引号要写成两个 ""）'
    if "field larger than field limit" in error:
        return overlong_message()
    return f"不是有效的 CSV（{error}）"


def _txt_rows(
    text: str, category: str | None, severity: str | None
) -> Iterator[tuple[int, list[str]]]:
    yield 0, ["term", "category", "severity"]
    for number, line in enumerate(text.splitlines(), start=1):
        term = line.strip()
        if term and not term.startswith("#"):
            yield number, [term, category or DEFAULT_CATEGORY, severity or DEFAULT_SEVERITY]


def _xlsx_rows(path: Path, data: bytes) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    try:
        check_zip(data, XLSX_LIMITS)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except UnreadableInput as error:
        raise LexiconFileError(path, [RowError(0, f"XLSX 文件不能导入：{error}")]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as error:
        raise LexiconFileError(path, [RowError(0, f"不是有效的 XLSX 文件: {error}")]) from None
    except MemoryError:
        raise
    except Exception as error:  # openpyxl raises assorted errors on malformed XML
        raise LexiconFileError(path, [_unparsable(error)]) from None
    try:
        sheet.reset_dimensions()  # read every row there is, not the ones a stale header claims
        rows = sheet.iter_rows(max_col=_XLSX_COLUMNS, values_only=True)
        for number, row in enumerate(rows, start=1):
            if row.count(None) == len(row):  # also the rows a far-off cell makes up
                continue
            yield number, ["" if cell is None else str(cell) for cell in row]
    except MemoryError:
        raise
    except Exception as error:  # a sheet broken further in: nothing is imported
        raise _StopReading(_unparsable(error)) from None
    finally:
        book.close()


def _unparsable(error: Exception) -> RowError:
    """A sheet openpyxl could not read, said for the whole file."""
    name = type(error).__name__
    return RowError(0, f"XLSX 文件内容无法解析（{name}），请在 WPS/Excel 中另存后重试")


def _entries_from_rows(path: Path, rows: Iterable[tuple[int, list[str]]]) -> list[Entry]:
    entries: list[Entry] = []
    errors: list[RowError] = []
    unlisted = 0
    columns: list[str] | None = None
    try:
        for count, (number, row) in enumerate(_filled(rows), start=1):
            if count > MAX_ROWS + 1:  # the header, then the entries
                errors.append(
                    RowError(number, f"超过 {MAX_ROWS:,} 个词条，不像是一份词库，请拆分后分别导入")
                )
                break
            if sum(map(len, row)) > MAX_LINE_CHARS:
                found: list[RowError] = [RowError(number, overlong_message())]
            elif columns is None:
                columns, header_errors = _read_header(row)
                found = [RowError(number, message) for message in header_errors]
            else:
                entry, message = _entry_from_row(columns, row, f"{path.name}:{number}")
                found = [RowError(number, message)] if message else []
                if entry is not None and not message:
                    entries.append(entry)
            room = max(_MAX_ERRORS - len(errors), 0)
            errors += found[:room]
            unlisted += len(found) - len(found[:room])
    except _StopReading as stop:
        errors.append(stop.error)
    if columns is None and not errors:
        errors.append(
            RowError(0, "文件为空，缺少表头 term,category,severity,match,scope,suggestion,note")
        )
    if unlisted:
        errors.append(RowError(0, f"另有 {unlisted} 处错误未列出"))
    if errors:
        raise LexiconFileError(path, errors)
    return entries


def _filled(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    return ((number, row) for number, row in rows if any(cell.strip() for cell in row))


def _read_header(row: list[str]) -> tuple[list[str], list[str]]:
    columns = [_HEADER_ALIASES.get(cell.strip(), cell.strip().lower()) for cell in row]
    while columns and not columns[-1]:
        columns.pop()
    errors = [
        f"未知的列「{quoted(c)}」，可用的列: {','.join(FIELDS)}" for c in columns if c not in FIELDS
    ]
    if "term" not in columns:
        errors.append("表头缺少 term 列")
    errors += [f"列「{quoted(c)}」重复" for c in sorted(set(columns)) if columns.count(c) > 1]
    return columns, errors


def _entry_from_row(columns: list[str], row: list[str], source: str) -> tuple[Entry | None, str]:
    if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns) :]):
        return None, f"列数 {len(row)} 多于表头的 {len(columns)} 列"
    if len(row) < len(columns):
        return None, (
            f"只有 {len(row)} 列，少于表头的 {len(columns)} 列"
            "（没有内容的列也要用逗号占位，或检查是否少写了逗号）"
        )
    values = {name: row[i].strip() for i, name in enumerate(columns)}
    term = values.get("term", "")
    if not term:
        return None, "term 为空"
    if any(ch in term for ch in LINE_BREAKS):
        return None, "词条中不能有换行"
    if len(term) > MAX_TERM_LENGTH:
        return None, f"词条过长（{len(term)} 个字符，最多 {MAX_TERM_LENGTH} 个）"
    if not normalize_term(term):
        return None, f"词条「{quoted(term)}」只有空白或干扰符号"
    for name, choices in _CHOICES.items():
        value = values.get(name, "")
        value = _ALIASES[name].get(value, value.lower())
        if value and value not in choices:
            return None, f"{name} 的值「{quoted(values[name])}」无效，应为 {'/'.join(choices)}"
        values[name] = value
    return Entry(
        term=term,
        category=values.get("category") or DEFAULT_CATEGORY,
        severity=values.get("severity") or DEFAULT_SEVERITY,  # type: ignore[arg-type]
        match=values.get("match") or DEFAULT_MATCH,  # type: ignore[arg-type]
        scope=values.get("scope") or DEFAULT_SCOPE,  # type: ignore[arg-type]
        suggestion=values.get("suggestion") or None,
        note=values.get("note") or None,
        source=source,
    ), ""


def write_csv(entries: Iterable[Entry], path: Path | str) -> None:
    """UTF-8 with a BOM so Excel and WPS open it as UTF-8; written atomically, and only
    over a regular file (desk.atomic)."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(entry.as_row() for entry in entries)
    write_bytes_atomically(Path(path), text.getvalue().encode("utf-8-sig"))


def write_xlsx(entries: Iterable[Entry], path: Path | str) -> None:
    """Written atomically, and only over a regular file (desk.atomic)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("词库")
    sheet.append(list(FIELDS))
    for entry in entries:
        sheet.append([entry.as_row()[name] for name in FIELDS])
    data = io.BytesIO()
    book.save(data)  # whole, before the target is looked at: a write-only book must be saved
    write_bytes_atomically(Path(path), data.getvalue())


def write_entries(entries: Iterable[Entry], path: Path | str) -> None:
    """Export by suffix: .csv or .xlsx."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(entries, path)
    elif suffix == ".csv":
        write_csv(entries, path)
    else:
        raise ValueError(f"导出格式只支持 .csv 或 .xlsx，而不是 {suffix or '(无)'}")
