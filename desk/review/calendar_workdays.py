"""Working days on China's official schedule: weekends, statutory holidays and 调休.

No rule computes the schedule: each year's is whatever the 国务院办公厅 notice says.
chinesecalendar ships the notices up to its release; admins load later years from
holiday list files (``desk.review.calendar_files``). A year with no notice loaded is
counted with plain weekends, so anything shown for such a year is an estimate and must
say so (``desk.review.deadlines`` does).
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar

# Before 1950 there was no national holiday schedule to count by; past 2199 a date is a
# typo (0205 for 2025 is caught at the other end). Both ends fail loudly, not silently.
MIN_YEAR = 1950
MAX_YEAR = 2199

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's notice: its days off and its make-up working days.

    A notice may reach into late December of the year before (the 2023 notice gives
    2022-12-31 off for 元旦); those days belong to it, not to the earlier year's.
    """

    year: int
    rest_days: frozenset[date]  # 休: holidays and the days off around them, weekends included
    work_days: frozenset[date]  # 班: Saturdays and Sundays worked in exchange (调休)
    source: str  # "chinesecalendar 1.11.0" or the file it was loaded from


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Which days are working days, from the year schedules it holds.

    Days a schedule does not list, and every day of a year with no schedule, follow the
    plain rule: Monday to Friday work, weekends off.
    """

    schedules: tuple[YearSchedule, ...] = ()
    _working: dict[date, bool] = field(init=False, repr=False, compare=False)
    # days whose status differs from the plain rule, sorted, and the running total of
    # their effect (+1 a worked weekend, -1 a weekday off) so counting a range is a lookup
    _shift_days: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _shift_totals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        schedules = tuple(sorted(self.schedules, key=lambda s: s.year))
        years = [s.year for s in schedules]
        if len(set(years)) != len(years):
            raise ValueError(f"同一年份有多份放假安排：{years}")
        working: dict[date, bool] = {}
        for schedule in schedules:  # a later notice wins the days it shares with an earlier one
            working.update(dict.fromkeys(schedule.rest_days, False))
            working.update(dict.fromkeys(schedule.work_days, True))
        shifts = sorted(
            (day, 1 if works else -1) for day, works in working.items() if works != _plain(day)
        )
        object.__setattr__(self, "schedules", schedules)
        object.__setattr__(self, "_working", working)
        object.__setattr__(self, "_shift_days", tuple(day for day, _ in shifts))
        totals = itertools.accumulate((effect for _, effect in shifts), initial=0)
        object.__setattr__(self, "_shift_totals", tuple(totals))

    @classmethod
    def official(cls) -> WorkCalendar:
        """The schedules the installed chinesecalendar knows (built once, then shared)."""
        return _official()

    def with_schedules(self, schedules: Iterable[YearSchedule]) -> WorkCalendar:
        """A calendar where each given schedule replaces its year's, whole."""
        by_year = {s.year: s for s in self.schedules} | {s.year: s for s in schedules}
        return WorkCalendar(tuple(by_year.values()))

    def known_years(self) -> tuple[int, ...]:
        """Years with an official schedule, ascending; others are counted as plain weeks."""
        return tuple(s.year for s in self.schedules)

    def is_working_day(self, day: date) -> bool:
        day = _checked(day)
        return self._working.get(day, _plain(day))

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself is never counted).

        ``n == 0`` gives ``start`` back, working day or not.
        """
        origin = day = _checked(start)
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        remaining = n
        while remaining:
            day += _ONE_DAY
            if day.year > MAX_YEAR:
                raise ValueError(
                    f"从 {origin.isoformat()} 起数 {n} 个工作日超出可计算的范围"
                    f"（{MIN_YEAR}—{MAX_YEAR} 年）"
                )
            remaining -= self.is_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b], so ``add_working_days(a, n)`` is n on; negative if b < a."""
        a, b = _checked(a), _checked(b)
        if b < a:
            return -self.working_days_between(b, a)
        plain = _weekdays_through(b) - _weekdays_through(a)
        shifts = self._shift_totals
        return (
            plain
            + shifts[bisect_right(self._shift_days, b)]
            - shifts[bisect_right(self._shift_days, a)]
        )


# 《全国年节及纪念日放假办法》 (as revised in 2024, in force since 2025): the statutory
# holidays that fall on a fixed date of the solar calendar, as (month, day).
FIXED_HOLIDAYS: dict[tuple[int, int], str] = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}
_QINGMING = "清明"
_SOLAR_TERMS_YEARS = range(1900, 2101)  # what chinese_calendar.get_solar_terms computes


def statutory_holiday(day: date) -> str | None:
    """The statutory holiday ``day`` is, whatever year, notice or no notice: those on a
    fixed date, and 清明节 (the day of the solar term). 春节, 端午节 and 中秋节 follow the
    lunar calendar and are not told; neither are the days a notice adds around holidays."""
    day = _checked(day)
    fixed = FIXED_HOLIDAYS.get((day.month, day.day))
    if fixed is not None:
        return fixed
    if day.month == 4 and day.year in _SOLAR_TERMS_YEARS:
        terms = chinese_calendar.get_solar_terms(date(day.year, 4, 1), date(day.year, 4, 30))
        if (day, _QINGMING) in terms:
            return "清明节"
    return None


def _plain(day: date) -> bool:
    return day.weekday() < 5


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday, ordinal 1) through ``day``."""
    ordinal = day.toordinal()
    return 5 * (ordinal // 7) + min(ordinal % 7, 5)


def _checked(day: date) -> date:
    """The date without its time (a datetime never equals the date it falls on), in range."""
    if isinstance(day, datetime):
        day = day.date()
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(
            f"日期 {day.isoformat()} 超出可计算的范围（{MIN_YEAR}—{MAX_YEAR} 年），"
            "请检查年份是否输入有误"
        )
    return day


@functools.cache
def _official() -> WorkCalendar:
    """chinesecalendar's years are those between its first and last holiday, as it checks."""
    holidays, workdays = chinese_calendar.holidays, chinese_calendar.workdays
    source = f"chinesecalendar {chinese_calendar.__version__}"
    return WorkCalendar(
        tuple(
            YearSchedule(
                year,
                frozenset(day for day in holidays if day.year == year),
                frozenset(day for day in workdays if day.year == year),
                source,
            )
            for year in range(min(holidays).year, max(holidays).year + 1)
        )
    )
