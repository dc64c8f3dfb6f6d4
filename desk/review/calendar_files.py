"""Holiday list files: how an admin adds a year's official schedule chinesecalendar lacks.

One date a line, ``2027-01-01,休,元旦``: 休 for a day off, 班 for a weekend worked
in exchange (调休); the third field is an optional note; ``#`` starts a comment. The
format is described for admins in ``resources/holidays/README.md``.

A year in a file replaces that year's schedule whole (so a file can also correct one),
which makes a partial year dangerous: it would quietly turn holidays into working days.
So each year must list at least as many days off as it has statutory holidays, and
files are checked whole and rejected whole, every bad line listed. A list is a few
dozen lines: files over ``MAX_FILE_BYTES`` and lines over ``MAX_LINE_CHARS`` characters
are refused, and only regular files are read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desk.documents.encoding import UndecodableText, decode_text
from desk.reading import (
    MB,
    UnreadableInput,
    overlong_lines,
    overlong_message,
    quoted,
    read_regular_file,
)
from desk.review.calendar_workdays import MAX_YEAR, MIN_YEAR, WorkCalendar, YearSchedule

SUFFIXES = (".txt", ".csv")
MAX_FILE_BYTES = MB

_FIELD_SEPARATOR = re.compile(r"[,，\t]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_KINDS = {"休": False, "放假": False, "班": True, "上班": True}  # kind -> is a working day
_WEEKDAY_NAMES = "一二三四五六日"
_EXAMPLE = "2027-01-01,休,元旦"

# Statutory holiday days by 《全国年节及纪念日放假办法》 (1949; revised 1999, 2007, 2024):
# every one is a day off in its year's notice, or is moved to one, so a complete year
# lists at least this many 休.
_STATUTORY_DAYS = ((2025, 13), (2008, 11), (2000, 10), (MIN_YEAR, 7))


@dataclass(frozen=True, slots=True)
class LineError:
    """One problem in a holiday list; ``line`` 0 is about the file as a whole."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class HolidayListError(ValueError):
    """Holiday lists that can't be loaded; ``errors`` lists every problem, in Chinese."""

    def __init__(self, errors: Sequence[LineError]) -> None:
        self.errors = tuple(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"节假日安排无法载入（{len(self.errors)} 处错误）：\n{lines}")


def load_holiday_lists(
    *paths: str | os.PathLike[str], base: WorkCalendar | None = None
) -> WorkCalendar:
    """``base`` (the official calendar by default) with the years in these files.

    A folder stands for its .txt and .csv files. A year may be in one file only.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        else:
            files.append(path)
    schedules: dict[int, YearSchedule] = {}
    errors: list[LineError] = []
    for file in files:
        try:
            data = read_list_file(file)
        except UnreadableInput as error:
            errors.append(unreadable(file, error))
            continue
        found, problems = _parse_bytes(data, str(file))
        errors += problems
        for schedule in found:
            if schedule.year in schedules:
                errors.append(
                    LineError(
                        str(file),
                        0,
                        f"{schedule.year} 年的安排已在 {schedules[schedule.year].source} 中列出，"
                        "同一年只能写在一个文件里",
                    )
                )
            else:
                schedules[schedule.year] = schedule
    if errors:
        raise HolidayListError(errors)
    base = WorkCalendar.official() if base is None else base
    return base.with_schedules(schedules.values())


def parse_holiday_list(text: str, source: str = "<文本>") -> tuple[YearSchedule, ...]:
    """The year schedules in a holiday list; HolidayListError lists every bad line."""
    schedules, errors = _parse(text, source)
    if errors:
        raise HolidayListError(errors)
    return schedules


def parse_holiday_bytes(data: bytes, source: str) -> tuple[YearSchedule, ...]:
    """``parse_holiday_list`` for a file's bytes, in any encoding ``decode_text`` reads."""
    schedules, errors = _parse_bytes(data, source)
    if errors:
        raise HolidayListError(errors)
    return schedules


def read_list_file(file: Path) -> bytes:
    """A list file's bytes; UnreadableInput if it is no regular file or is too big."""
    return read_regular_file(file, MAX_FILE_BYTES)


def unreadable(file: Path, error: UnreadableInput) -> LineError:
    """The problem of a list file that can't be read at all."""
    return LineError(str(file), 0, f"无法读取：{error}")


@dataclass(frozen=True, slots=True)
class _Entry:
    day: date
    working: bool
    line: int


class _BadLine(Exception):
    """Why one line is not a usable entry."""


def _parse_bytes(data: bytes, source: str) -> tuple[tuple[YearSchedule, ...], list[LineError]]:
    try:
        text = decode_text(data)
    except UndecodableText as error:
        return (), [LineError(source, 0, str(error))]
    return _parse(text, source)


def _parse(text: str, source: str) -> tuple[tuple[YearSchedule, ...], list[LineError]]:
    entries: dict[date, _Entry] = {}
    errors: list[LineError] = []
    overlong = set(overlong_lines(text))
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if number in overlong:
            errors.append(LineError(source, number, overlong_message()))
            continue
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        try:
            day, working = _parse_line(content)
        except _BadLine as error:
            errors.append(LineError(source, number, str(error)))
            continue
        first = entries.get(day)
        if first is None:
            entries[day] = _Entry(day, working, number)
        elif first.working == working:
            errors.append(LineError(source, number, f"{day} 与第 {first.line} 行重复"))
        else:
            errors.append(
                LineError(source, number, f"{day} 与第 {first.line} 行矛盾：一处写休，一处写班")
            )
    if not entries and not errors:
        errors.append(LineError(source, 0, f"没有任何日期；每行写一个日期，如 {_EXAMPLE}"))
    schedules: list[YearSchedule] = []
    for year, notice in _notices(entries.values()).items():
        rest = frozenset(e.day for e in notice if not e.working)
        need = next(days for since, days in _STATUTORY_DAYS if year >= since)
        if len(rest) < need:
            errors.append(
                LineError(
                    source,
                    min(e.line for e in notice),
                    f"{year} 年只列了 {len(rest)} 个放假日（休），"
                    f"少于该年法定节假日的 {need} 天；载入后 {year} 年整年以本文件为准，"
                    "请按国务院办公厅通知列全放假日期和调休上班日",
                )
            )
            continue
        work = frozenset(e.day for e in notice if e.working)
        schedules.append(YearSchedule(year, rest, work, source))
    return tuple(schedules), errors


def _notices(entries: Iterable[_Entry]) -> dict[int, list[_Entry]]:
    """Entries by the year whose notice they belong to.

    That is their own year, except that a year listed only in December, followed by the
    next year, is the next year's notice reaching back (2022-12-31 off for 元旦 2023).
    """
    by_year: dict[int, list[_Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.day):
        by_year.setdefault(entry.day.year, []).append(entry)
    notices: dict[int, list[_Entry]] = {}
    for year, group in sorted(by_year.items()):
        if year + 1 in by_year and all(e.day.month == 12 for e in group):
            notices.setdefault(year + 1, []).extend(group)
        else:
            notices.setdefault(year, []).extend(group)
    return notices


def _parse_line(content: str) -> tuple[date, bool]:
    fields = [field.strip() for field in _FIELD_SEPARATOR.split(content)]
    if len(fields) < 2:
        raise _BadLine(f"缺少“休”或“班”：每行写日期、休/班和可选的说明，如 {_EXAMPLE}")
    if len(fields) > 3:
        raise _BadLine(f"字段过多：每行只写日期、休/班和可选的说明，用逗号分隔，如 {_EXAMPLE}")
    written, kind = fields[0], fields[1]
    match = _DATE.fullmatch(written)
    if match is None:
        raise _BadLine(f"“{quoted(written)}”不是日期，应写成 2027-01-01")
    try:
        day = date(*map(int, match.groups()))
    except ValueError:
        raise _BadLine(f"“{quoted(written)}”不是有效日期") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _BadLine(f"“{quoted(written)}”超出可计算的范围（{MIN_YEAR}—{MAX_YEAR} 年）")
    if kind not in _KINDS:
        raise _BadLine(f"“{quoted(kind)}”无效，应为“休”（放假）或“班”（调休上班）")
    working = _KINDS[kind]
    if working and day.weekday() < 5:
        raise _BadLine(
            f"{day} 是星期{_WEEKDAY_NAMES[day.weekday()]}，本来就是工作日；"
            "“班”只用于调休上班的周六、周日，请核对日期"
        )
    return day, working
