"""The 政府信息公开 disclosure deadline, and how close a draft is to it.

《政府信息公开条例》第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起
20个工作日内及时公开 (the desk's own rules repeat it: seed 000, 附件1 第五条). 工作日 are
China's official ones (``desk.review.calendar_workdays``): the app counts with
``desk_calendar(data_dir)``, which includes the holiday lists the unit's admin loaded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from desk.review.calendar_files import load_holiday_lists
from desk.review.calendar_folders import SHIPPED_DIR, desk_calendar
from desk.review.calendar_workdays import WorkCalendar, statutory_holiday

__all__ = [
    "DISCLOSURE_WORKING_DAYS",
    "DUE_SOON_WORKING_DAYS",
    "HOLIDAYS_DIR",
    "Deadline",
    "DueStatus",
    "default_calendar",
    "desk_calendar",
    "disclosure_deadline",
    "due_status",
]

DISCLOSURE_WORKING_DAYS = 20
# Lists highlight a draft this many working days before its deadline: enough to get a
# draft through 三审 once more, not so early that every draft is highlighted.
DUE_SOON_WORKING_DAYS = 3

DueStatus = Literal["overdue", "due-soon", "ok"]

HOLIDAYS_DIR = SHIPPED_DIR


@dataclass(frozen=True, slots=True)
class Deadline:
    """When information formed on ``formed`` must be public by.

    ``warnings`` (Chinese, for users) are non-empty when ``due`` is an estimate.
    """

    formed: date
    due: date
    warnings: tuple[str, ...] = ()


def disclosure_deadline(formed: date, calendar: WorkCalendar | None = None) -> Deadline:
    """The 20th working day after ``formed``; the formation day itself is not counted.

    自……之日起 N 个工作日: a period counted in days does not count the day it starts on
    (《民法典》第二百零一条：按照年、月、日计算期间的，开始的当日不计入，自下一日开始
    计算; procedural law counts 期间 the same way). So day 1 is the first working day after
    ``formed``, whatever day ``formed`` is, and the due date is always a working day.

    A year in the counted range with no official schedule loaded is counted with plain
    weekends, and gets a warning; so does each statutory holiday such a count took for a
    working day (the real deadline is later). ``calendar`` defaults to
    ``default_calendar()``.
    """
    calendar = default_calendar() if calendar is None else calendar
    due = calendar.add_working_days(formed, DISCLOSURE_WORKING_DAYS)
    known = set(calendar.known_years())
    first = formed + timedelta(days=1)
    unknown = [year for year in range(first.year, due.year + 1) if year not in known]
    warnings = [
        f"{year} 年的法定节假日安排尚未载入，截止日期按普通周末估算，"
        f"请管理员用 desk admin load-holidays 载入国务院办公厅发布的 {year} 年放假安排"
        for year in unknown
    ]
    counted = [
        day
        for day in (first + timedelta(days=n) for n in range((due - first).days + 1))
        if day.year in unknown and calendar.is_working_day(day) and statutory_holiday(day)
    ]
    if due in counted:
        warnings.append(
            f"估算的截止日期 {due.isoformat()} 是{statutory_holiday(due)}（法定节假日），"
            "实际截止日期会晚于此日"
        )
    elif counted:
        named = "、".join(f"{day.isoformat()}（{statutory_holiday(day)}）" for day in counted)
        warnings.append(f"法定节假日 {named}在估算中算作了工作日，实际截止日期会晚于此日")
    return Deadline(formed=formed, due=due, warnings=tuple(warnings))


def due_status(deadline: date, today: date, calendar: WorkCalendar | None = None) -> DueStatus:
    """Overdue once ``deadline`` has passed, due-soon from 3 working days before it, else ok.

    ``remaining`` is computed first so absurd dates fail the same way on either branch.
    """
    calendar = default_calendar() if calendar is None else calendar
    remaining = calendar.working_days_between(today, deadline)
    if deadline < today:
        return "overdue"
    return "due-soon" if remaining <= DUE_SOON_WORKING_DAYS else "ok"


@functools.cache
def default_calendar() -> WorkCalendar:
    """chinesecalendar's years plus the holiday lists in resources/holidays, read once.

    The folder is where a release ships a year's notice before chinesecalendar has it;
    HolidayListError if a list there is bad. Without the admin-loaded lists: where a
    data folder is known, ``desk_calendar`` counts better.
    """
    return load_holiday_lists(HOLIDAYS_DIR)
