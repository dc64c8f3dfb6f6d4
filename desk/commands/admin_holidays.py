"""`desk admin load-holidays` and `list-holidays`: the unit's own holiday lists.

A year's 放假安排 is published by the 国务院办公厅 each winter, often before a release of
Desk knows it; an admin loads it into the data folder (``desk.review.calendar_folders``)
and deadlines count with it at once. Both return what to print; a bad list raises
HolidayListError naming every bad line, and nothing is copied.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterable
from pathlib import Path

from desk.review.calendar_folders import desk_calendar, known_years, load_holiday_file

_HINT = "其他年份按普通周末估算；载入国务院办公厅发布的放假安排：desk admin load-holidays FILE"


def load_holidays(data: Path, args: argparse.Namespace) -> str:
    loaded = load_holiday_file(Path(args.file), data)
    lines = [f"已载入 {_spans(loaded.years)} 年的法定节假日安排，保存为 {loaded.path}"]
    lines += [f"取代了先前载入的 {path}" for path in loaded.replaced]
    lines += [
        f"先前载入的 {aside.path} 有误（{aside.problem}），已移到 {aside.moved_to}，不再计入"
        for aside in loaded.set_aside
    ]
    lines.append(f"现已知安排的年份：{_spans(desk_calendar(data).known_years())}")
    return "\n".join(lines)


def list_holidays(data: Path, args: argparse.Namespace) -> str:
    """Known years, consecutive ones from the same source on one line."""
    lines = ["已知法定节假日安排的年份："]
    for where, group in itertools.groupby(known_years(data), key=lambda known: known.where):
        years = [known.year for known in group]
        lines.append(f"  {_spans(years)} 年：{where}")
    lines.append(_HINT)
    return "\n".join(lines)


def _spans(years: Iterable[int]) -> str:
    """2004—2026、2028: runs of consecutive years."""
    ordered = sorted(years)
    runs = []
    for _, run in itertools.groupby(enumerate(ordered), key=lambda pair: pair[1] - pair[0]):
        run_years = [year for _, year in run]
        first, last = run_years[0], run_years[-1]
        runs.append(str(first) if first == last else f"{first}—{last}")
    return "、".join(runs)
