"""Disclosure deadlines: working days on China's official schedule, holiday lists, due status."""

import os
import re
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.reading import MB
from desk.review import calendar_folders
from desk.review.calendar_files import (
    HolidayListError,
    LineError,
    load_holiday_lists,
    parse_holiday_list,
)
from desk.review.calendar_folders import KnownYear, LoadedList, known_years, load_holiday_file
from desk.review.calendar_workdays import MAX_YEAR, MIN_YEAR, WorkCalendar, YearSchedule
from desk.review.deadlines import (
    DUE_SOON_WORKING_DAYS,
    HOLIDAYS_DIR,
    Deadline,
    default_calendar,
    desk_calendar,
    disclosure_deadline,
    due_status,
)
from tests.bounded import within

OFFICIAL = WorkCalendar.official()
LAST_KNOWN = OFFICIAL.known_years()[-1]
FUTURE = LAST_KNOWN + 1  # the first year the installed chinesecalendar has no notice for
ONE_DAY = timedelta(days=1)


def warning_for(year: int) -> str:
    return (
        f"{year} 年的法定节假日安排尚未载入，截止日期按普通周末估算，"
        f"请管理员用 desk admin load-holidays 载入国务院办公厅发布的 {year} 年放假安排"
    )


def counted_holiday(day: date, name: str) -> str:
    return f"法定节假日 {day.isoformat()}（{name}）在估算中算作了工作日，实际截止日期会晚于此日"


def made_up_list(year: int) -> str:
    """A complete-looking schedule for a year no notice is known for (test data, not real)."""
    october_8 = date(year, 10, 8)
    saturday = october_8 + timedelta(days=(5 - october_8.weekday()) % 7)
    lines = [f"# {year} 年（测试用，并非真实安排）", f"{year}-01-01,休,元旦"]
    lines += [f"{date(year, 2, 10) + timedelta(days=i)},休,春节" for i in range(8)]
    lines += [f"{date(year, 10, 1) + timedelta(days=i)},休,国庆节" for i in range(7)]
    lines.append(f"{saturday},班,国庆节调休")
    return "\n".join(lines) + "\n"


FUTURE_LOADED = OFFICIAL.with_schedules(parse_holiday_list(made_up_list(FUTURE)))


def count_working_days(calendar: WorkCalendar, a: date, b: date) -> int:
    """Working days in (a, b], one day at a time."""
    return sum(calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def as_list_text(schedule: YearSchedule) -> str:
    days = [(d, "休") for d in schedule.rest_days] + [(d, "班") for d in schedule.work_days]
    return "".join(f"{d},{kind}\n" for d, kind in sorted(days))


# --- the official schedule -------------------------------------------------------------


def test_installed_chinesecalendar_knows_2004_through_at_least_2026():
    assert OFFICIAL.known_years() == tuple(range(2004, LAST_KNOWN + 1))
    assert LAST_KNOWN >= 2026
    assert {s.source for s in OFFICIAL.schedules} == {
        f"chinesecalendar {chinese_calendar.__version__}"
    }


def test_every_known_day_agrees_with_chinese_calendar():
    day = date(2004, 1, 1)
    while day.year <= LAST_KNOWN:
        assert OFFICIAL.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += ONE_DAY


def test_make_up_weekend_days_are_working_days_and_holidays_are_not():
    assert OFFICIAL.is_working_day(date(2025, 9, 28))  # 周日，国庆调休上班
    assert OFFICIAL.is_working_day(date(2025, 10, 11))  # 周六，国庆调休上班
    assert not OFFICIAL.is_working_day(date(2025, 10, 8))  # 周三，国庆假期
    assert not OFFICIAL.is_working_day(date(2025, 10, 12))  # 普通周日
    # Friday 10 October, the make-up Saturday, then Monday
    assert OFFICIAL.working_days_between(date(2025, 10, 9), date(2025, 10, 13)) == 3


def test_a_datetime_is_taken_as_its_date():
    assert not OFFICIAL.is_working_day(datetime(2025, 10, 1, 9, 30))
    assert OFFICIAL.add_working_days(datetime(2025, 9, 30, 18, 0), 1) == date(2025, 10, 9)


# --- the disclosure deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("formed", "due"),
    [
        # 2025 国庆: 10月1日至8日放假，9月28日(周日)、10月11日(周六)上班. Day 1 is Sunday
        # 28 September; 29, 30 Sept, 9, 10, 11 (Sat), 13–17 Oct make 11; 20–24 and 27–30 Oct the rest
        (date(2025, 9, 26), date(2025, 10, 30)),
        # formed on a holiday: day 1 is 9 October
        (date(2025, 10, 1), date(2025, 11, 4)),
        # formed on the make-up Saturday: that day is the formation day, not day 1
        (date(2025, 10, 11), date(2025, 11, 7)),
        # 2025 春节: 1月28日至2月4日放假，1月26日(周日)、2月8日(周六)上班
        (date(2025, 1, 20), date(2025, 2, 21)),
        # 2024 春节: 2月10日至17日放假，2月4日(周日)、2月18日(周日)上班; 2月9日(除夕) still a working day
        (date(2024, 2, 5), date(2024, 3, 8)),
        # 2024 国庆: 10月1日至7日放假，9月29日(周日)、10月12日(周六)上班
        (date(2024, 9, 27), date(2024, 10, 30)),
        # 2026 春节: 2月15日至23日放假，2月14日(周六)、2月28日(周六)上班
        (date(2026, 2, 13), date(2026, 3, 19)),
        # 2026 中秋 9月25日至27日、国庆 10月1日至7日放假，9月20日(周日)、10月10日(周六)上班
        (date(2026, 9, 18), date(2026, 10, 22)),
    ],
)
def test_hand_checked_deadlines(formed, due):
    assert disclosure_deadline(formed) == Deadline(formed, due)
    assert disclosure_deadline(formed, OFFICIAL) == Deadline(formed, due)


def test_deadlines_agree_with_chinese_calendar_2024_to_2026():
    day = date(2024, 1, 1)
    while day <= date(2026, 10, 31):
        end = min(day + timedelta(days=70), date(2026, 12, 31))
        expected = chinese_calendar.get_workdays(day + ONE_DAY, end)[19]
        assert disclosure_deadline(day, OFFICIAL) == Deadline(day, expected), day
        day += ONE_DAY


def test_a_year_without_a_notice_is_counted_with_plain_weekends_and_warned():
    def reference(day: date) -> bool:
        known = 2004 <= day.year <= LAST_KNOWN
        return chinese_calendar.is_workday(day) if known else day.weekday() < 5

    formed = date(LAST_KNOWN, 12, 20)
    deadline = disclosure_deadline(formed, OFFICIAL)
    expected, counted = formed, 0
    while counted < 20:
        expected += ONE_DAY
        counted += reference(expected)
    new_year = date(FUTURE, 1, 1)  # counted: the estimate is too early, and says so
    assert deadline == Deadline(
        formed, expected, (warning_for(FUTURE), counted_holiday(new_year, "元旦"))
    )
    assert expected.year == FUTURE
    october_1 = date(FUTURE, 10, 1)  # certainly a holiday, but no notice says so yet
    assert OFFICIAL.is_working_day(october_1) == (october_1.weekday() < 5)


def test_the_warning_names_each_unknown_year_in_the_range_only():
    assert disclosure_deadline(date(FUTURE, 12, 15), OFFICIAL).warnings == (
        warning_for(FUTURE),
        warning_for(FUTURE + 1),
    )
    # the formation day is not in the counted range
    assert disclosure_deadline(date(2003, 12, 31), OFFICIAL).warnings == ()


def test_a_loaded_list_removes_the_warning_and_is_honoured(tmp_path):
    (tmp_path / f"{FUTURE}.txt").write_text(made_up_list(FUTURE), encoding="utf-8")
    calendar = load_holiday_lists(tmp_path, base=OFFICIAL)
    assert calendar.known_years() == (*OFFICIAL.known_years(), FUTURE)
    formed = date(FUTURE, 9, 30)
    estimate = disclosure_deadline(formed, OFFICIAL)
    deadline = disclosure_deadline(formed, calendar)
    assert deadline.warnings == ()
    assert not calendar.is_working_day(date(FUTURE, 10, 1))
    # seven days off in October, minus the ones that were weekends anyway, plus the make-up Saturday
    weekday_holidays = sum(date(FUTURE, 10, 1 + i).weekday() < 5 for i in range(7))
    assert OFFICIAL.working_days_between(estimate.due, deadline.due) == weekday_holidays - 1
    assert count_working_days(calendar, formed, deadline.due) == 20
    assert calendar.is_working_day(deadline.due)


@pytest.mark.parametrize("year", [1990, 2003, 2050, 2100])
def test_years_long_before_or_after_the_library_work_with_a_warning(year):
    deadline = disclosure_deadline(date(year, 6, 1), OFFICIAL)
    assert deadline.warnings == (warning_for(year),)
    assert count_working_days(OFFICIAL, deadline.formed, deadline.due) == 20


@pytest.mark.parametrize(
    "formed", [date(1, 1, 1), date(205, 3, 1), date(1949, 12, 31), date(9999, 12, 31)]
)
def test_absurd_dates_are_refused_in_chinese(formed):
    with pytest.raises(
        ValueError, match=r"超出可计算的范围（1950—2199 年），请检查年份是否输入有误"
    ):
        disclosure_deadline(formed)


def test_the_ends_of_the_range():
    assert disclosure_deadline(date(MIN_YEAR, 1, 1), OFFICIAL).warnings == (warning_for(MIN_YEAR),)
    assert disclosure_deadline(date(MAX_YEAR, 11, 1), OFFICIAL).due.year == MAX_YEAR
    with pytest.raises(ValueError, match="从 2199-12-20 起数 20 个工作日超出可计算的范围"):
        disclosure_deadline(date(MAX_YEAR, 12, 20), OFFICIAL)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="工作日数不能为负数"):
        OFFICIAL.add_working_days(date(2025, 1, 1), -1)


# --- due status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 10, 31), "overdue"),
        (date(2025, 10, 30), "due-soon"),  # due today
        (date(2025, 10, 27), "due-soon"),  # 28, 29, 30: three working days left
        (date(2025, 10, 26), "ok"),  # Sunday: 27–30 are four
        (date(2025, 10, 24), "ok"),
    ],
)
def test_due_status(today, status):
    assert DUE_SOON_WORKING_DAYS == 3
    assert due_status(date(2025, 10, 30), today, OFFICIAL) == status
    assert due_status(date(2025, 10, 30), today) == status


def test_due_soon_counts_working_days_not_calendar_days():
    # nine calendar days, but 1–8 October are the 国庆 holiday: one working day left
    assert due_status(date(2025, 10, 9), date(2025, 9, 30), OFFICIAL) == "due-soon"
    assert due_status(date(2025, 10, 14), date(2025, 10, 9), OFFICIAL) == "ok"


# --- holiday list files ----------------------------------------------------------------


def readme_example() -> str:
    text = HOLIDAYS_DIR.joinpath("README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", text, flags=re.DOTALL)
    return next(block for block in blocks if "2026-01-01,休" in block)


def test_the_readme_example_is_the_official_2026_schedule():
    (schedule,) = parse_holiday_list(readme_example(), "README.md")
    official = OFFICIAL.schedules[OFFICIAL.known_years().index(2026)]
    assert (schedule.year, schedule.rest_days, schedule.work_days) == (
        2026,
        official.rest_days,
        official.work_days,
    )
    assert schedule.source == "README.md"


@pytest.mark.parametrize("schedule", OFFICIAL.schedules, ids=lambda s: str(s.year))
def test_every_library_year_is_a_valid_list(schedule):
    (parsed,) = parse_holiday_list(as_list_text(schedule))
    assert (parsed.year, parsed.rest_days, parsed.work_days) == (
        schedule.year,
        schedule.rest_days,
        schedule.work_days,
    )


def test_the_shipped_lists_load_and_agree_with_the_library():
    calendar = default_calendar()
    assert set(OFFICIAL.known_years()) <= set(calendar.known_years())
    for schedule in calendar.schedules:
        if schedule.year in OFFICIAL.known_years():
            day = date(schedule.year, 1, 1)
            while day.year == schedule.year:
                assert calendar.is_working_day(day) == OFFICIAL.is_working_day(day), day
                day += ONE_DAY


def test_other_ways_of_writing_dates_kinds_and_separators():
    text = "\ufeff2030年1月1日，放假，元旦\n2030/2/2\t上班\n" + "".join(
        f"2030-02-{d:02d} , 休 # 春节\n" for d in range(3, 15)
    )
    (schedule,) = parse_holiday_list(text)
    assert date(2030, 1, 1) in schedule.rest_days
    assert schedule.work_days == {date(2030, 2, 2)}
    assert len(schedule.rest_days) == 13


def test_a_gbk_file_loads(tmp_path):
    path = tmp_path / "2030.csv"
    path.write_bytes(made_up_list(2030).encode("gbk"))
    assert 2030 in load_holiday_lists(path, base=OFFICIAL).known_years()


def test_a_list_replaces_its_year_whole():
    text = readme_example() + "2026-10-08,休,假期延长（测试）\n"
    calendar = OFFICIAL.with_schedules(parse_holiday_list(text, "更正.txt"))
    assert calendar.known_years() == OFFICIAL.known_years()
    assert not calendar.is_working_day(date(2026, 10, 8))
    assert OFFICIAL.is_working_day(date(2026, 10, 8))
    assert calendar.schedules[calendar.known_years().index(2026)].source == "更正.txt"


def test_late_december_days_belong_to_the_next_years_notice():
    december = date(LAST_KNOWN, 12, 31)
    saturday = december - timedelta(days=(december.weekday() - 5) % 7)
    text = f"{LAST_KNOWN}-12-31,休,元旦\n{saturday},班,元旦调休\n" + made_up_list(FUTURE)
    (schedule,) = parse_holiday_list(text)
    assert schedule.year == FUTURE
    assert {date(LAST_KNOWN, 12, 31), saturday} <= schedule.rest_days | schedule.work_days
    calendar = OFFICIAL.with_schedules([schedule])
    assert calendar.is_working_day(saturday)
    assert not OFFICIAL.is_working_day(saturday)
    # the library's schedule for the earlier year is kept
    assert calendar.known_years() == (*OFFICIAL.known_years(), FUTURE)
    assert calendar.is_working_day(date(LAST_KNOWN, 10, 1)) is False


BAD_LIST = """\
# 2030 年放假安排（有错的样例）
2030-01-01,休,元旦
2030-02-30,休
2030-03-06,班,周三不能写班
2030-01-01,休,又写一遍
2030-03-09,休
2030-03-09,班
三月十日,休
2030-05-01
2030-05-01,休,劳动节,多余
2030-05-02,假
1900-05-03,休
2031-01-01,休,元旦
"""


def test_a_bad_list_is_rejected_with_every_bad_line():
    with pytest.raises(HolidayListError) as caught:
        parse_holiday_list(BAD_LIST, "2030.txt")
    assert [(e.line, e.message) for e in caught.value.errors] == [
        (3, "“2030-02-30”不是有效日期"),
        (4, "2030-03-06 是星期三，本来就是工作日；“班”只用于调休上班的周六、周日，请核对日期"),
        (5, "2030-01-01 与第 2 行重复"),
        (7, "2030-03-09 与第 6 行矛盾：一处写休，一处写班"),
        (8, "“三月十日”不是日期，应写成 2027-01-01"),
        (9, "缺少“休”或“班”：每行写日期、休/班和可选的说明，如 2027-01-01,休,元旦"),
        (10, "字段过多：每行只写日期、休/班和可选的说明，用逗号分隔，如 2027-01-01,休,元旦"),
        (11, "“假”无效，应为“休”（放假）或“班”（调休上班）"),
        (12, "“1900-05-03”超出可计算的范围（1950—2199 年）"),
        (
            2,
            "2030 年只列了 2 个放假日（休），少于该年法定节假日的 13 天；"
            "载入后 2030 年整年以本文件为准，请按国务院办公厅通知列全放假日期和调休上班日",
        ),
        (
            13,
            "2031 年只列了 1 个放假日（休），少于该年法定节假日的 13 天；"
            "载入后 2031 年整年以本文件为准，请按国务院办公厅通知列全放假日期和调休上班日",
        ),
    ]
    message = str(caught.value)
    assert message.startswith(
        "节假日安排无法载入（11 处错误）：\n  2030.txt:3: “2030-02-30”不是有效日期\n"
    )


@pytest.mark.parametrize(
    ("year", "needed"), [(2025, 13), (2024, 11), (2008, 11), (2007, 10), (2000, 10), (1999, 7)]
)
def test_a_year_needs_as_many_days_off_as_it_has_statutory_holidays(year, needed):
    days = [date(year, 3, 1) + timedelta(days=i) for i in range(needed)]
    parse_holiday_list("".join(f"{d},休\n" for d in days))
    with pytest.raises(HolidayListError, match=f"少于该年法定节假日的 {needed} 天"):
        parse_holiday_list("".join(f"{d},休\n" for d in days[:-1]))


def test_a_year_with_only_make_up_days_is_incomplete():
    with pytest.raises(HolidayListError, match="2030 年只列了 0 个放假日"):
        parse_holiday_list("2030-03-09,班\n")


def test_an_empty_list_is_an_error():
    with pytest.raises(HolidayListError) as caught:
        parse_holiday_list("# 只有注释\n\n", "空.txt")
    assert caught.value.errors == (
        LineError("空.txt", 0, "没有任何日期；每行写一个日期，如 2027-01-01,休,元旦"),
    )


def test_files_are_checked_together_and_a_year_may_be_in_one_file_only(tmp_path):
    (tmp_path / "a.txt").write_text(made_up_list(2030), encoding="utf-8")
    (tmp_path / "b.csv").write_text(made_up_list(2030) + made_up_list(2031), encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate
    (tmp_path / "README.md").write_text("不是节假日安排", encoding="utf-8")
    with pytest.raises(HolidayListError) as caught:
        load_holiday_lists(tmp_path, tmp_path / "missing.txt")
    errors = caught.value.errors
    assert [(e.source, e.line) for e in errors] == [
        (str(tmp_path / "b.csv"), 0),
        (str(tmp_path / "c.txt"), 0),
        (str(tmp_path / "missing.txt"), 0),
    ]
    assert errors[0].message == (
        f"2030 年的安排已在 {tmp_path / 'a.txt'} 中列出，同一年只能写在一个文件里"
    )
    assert "无法解码" in errors[1].message
    assert errors[2].message.startswith("无法读取：")


def test_a_folder_loads_its_txt_and_csv_files(tmp_path):
    (tmp_path / "2030.txt").write_text(made_up_list(2030), encoding="utf-8")
    (tmp_path / "2031.csv").write_text(made_up_list(2031), encoding="utf-8")
    (tmp_path / "README.md").write_text("说明", encoding="utf-8")
    calendar = load_holiday_lists(tmp_path, base=WorkCalendar())
    assert calendar.known_years() == (2030, 2031)
    assert load_holiday_lists(base=OFFICIAL) == OFFICIAL


def test_a_calendar_refuses_two_schedules_for_one_year():
    schedule = YearSchedule(2030, frozenset({date(2030, 1, 1)}), frozenset(), "x")
    with pytest.raises(ValueError, match="同一年份有多份放假安排"):
        WorkCalendar((schedule, schedule))


# --- lists loaded into the data folder -------------------------------------------------


@pytest.fixture
def data(tmp_path):
    """A data folder, and beside it a folder for the files an admin loads from."""
    (tmp_path / "downloads").mkdir()
    return tmp_path / "data"


def list_file(data, name: str, text: str):
    path = data.parent / "downloads" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_loaded_list_is_counted_at_once(data):
    # FUTURE is 2027 with chinesecalendar 1.11: its notice is loaded after the release
    source = list_file(data, "国务院办公厅通知.txt", made_up_list(FUTURE))
    formed = date(FUTURE - 1, 12, 20)
    assert disclosure_deadline(formed, desk_calendar(data)).warnings == (
        warning_for(FUTURE),
        counted_holiday(date(FUTURE, 1, 1), "元旦"),
    )

    loaded = load_holiday_file(source, data)
    assert loaded == LoadedList(data / "holidays" / f"{FUTURE}.txt", (FUTURE,), ())
    assert loaded.path.read_bytes() == source.read_bytes()
    calendar = desk_calendar(data)
    assert disclosure_deadline(formed, calendar).warnings == ()
    assert not calendar.is_working_day(date(FUTURE, 1, 1))
    assert calendar.known_years() == (*OFFICIAL.known_years(), FUTURE)


def test_the_calendar_is_read_again_only_when_a_list_changes(data):
    calendar = desk_calendar(data)
    assert calendar == default_calendar() and desk_calendar(data) is calendar
    load_holiday_file(list_file(data, "a.txt", made_up_list(FUTURE)), data)
    loaded = desk_calendar(data)
    assert FUTURE in loaded.known_years() and desk_calendar(data) is loaded
    extra_day = date(FUTURE, 6, 1) + timedelta(days=(0 - date(FUTURE, 6, 1).weekday()) % 7)
    corrected = made_up_list(FUTURE) + f"{extra_day},休,更正\n"
    load_holiday_file(list_file(data, "a.txt", corrected), data)
    assert not desk_calendar(data).is_working_day(extra_day)
    assert loaded.is_working_day(extra_day)


def test_a_bad_list_is_refused_with_its_line_numbers_and_nothing_copied(data):
    with pytest.raises(HolidayListError) as caught:
        load_holiday_file(list_file(data, "2030.txt", BAD_LIST), data)
    assert [error.line for error in caught.value.errors] == [3, 4, 5, 7, 8, 9, 10, 11, 12, 2, 13]
    assert "2030.txt:3: “2030-02-30”不是有效日期" in str(caught.value)
    assert not (data / "holidays").exists()
    with pytest.raises(HolidayListError, match="无法读取"):
        load_holiday_file(data.parent / "missing.txt", data)


def test_a_bad_list_put_into_the_data_folder_by_hand_stops_the_count(data):
    (data / "holidays").mkdir(parents=True)
    (data / "holidays" / "2030.txt").write_text(BAD_LIST, encoding="utf-8")
    with pytest.raises(HolidayListError) as caught:
        desk_calendar(data)
    assert caught.value.errors[0] == LineError(
        str(data / "holidays" / "2030.txt"), 3, "“2030-02-30”不是有效日期"
    )


def test_a_list_replaces_the_loaded_lists_it_covers_and_no_part_of_one(data):
    first = load_holiday_file(list_file(data, "a.txt", made_up_list(FUTURE)), data)
    both = made_up_list(FUTURE) + made_up_list(FUTURE + 1)
    second = load_holiday_file(list_file(data, "b.txt", both), data)
    assert second == LoadedList(
        data / "holidays" / f"{FUTURE}_{FUTURE + 1}.txt", (FUTURE, FUTURE + 1), (first.path,)
    )
    assert sorted(path.name for path in (data / "holidays").iterdir()) == [second.path.name]
    overlapping = made_up_list(FUTURE + 1) + made_up_list(FUTURE + 2)
    with pytest.raises(HolidayListError) as caught:
        load_holiday_file(list_file(data, "c.txt", overlapping), data)
    assert caught.value.errors[0].message == (
        f"{FUTURE + 1} 年已由 {second.path} 载入，该文件还含 {FUTURE} 年；"
        "同一年只能写在一个文件里，请把这些年份的安排合写在一个文件中再载入"
    )
    assert sorted(path.name for path in (data / "holidays").iterdir()) == [second.path.name]


def test_known_years_say_where_each_comes_from(data, tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "2026.txt").write_text(readme_example(), encoding="utf-8")
    (shipped / f"{FUTURE + 1}.txt").write_text(made_up_list(FUTURE + 1), encoding="utf-8")
    monkeypatch.setattr(calendar_folders, "SHIPPED_DIR", shipped)
    loaded = load_holiday_file(list_file(data, "x.txt", made_up_list(FUTURE)), data)
    years = {known.year: known for known in known_years(data)}
    assert list(years) == [*OFFICIAL.known_years(), FUTURE, FUTURE + 1]
    library = f"chinesecalendar {chinese_calendar.__version__}"
    assert years[2004] == KnownYear(2004, "builtin", library)
    assert years[2026] == KnownYear(2026, "shipped", str(shipped / "2026.txt"))
    assert years[FUTURE] == KnownYear(FUTURE, "loaded", str(loaded.path))
    assert years[2004].where == f"内置 {library}"
    assert years[2026].where == f"随软件（{shipped / '2026.txt'}）"
    assert years[FUTURE].where == f"本单位载入（{loaded.path}）"


# --- properties ------------------------------------------------------------------------

calendars = st.sampled_from([OFFICIAL, FUTURE_LOADED, WorkCalendar()])
days = st.dates(date(2000, 1, 1), date(FUTURE + 2, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@given(calendars, days, st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_a_working_day(calendar, day, n):
    assert calendar.is_working_day(calendar.add_working_days(day, n))


@given(calendars, days, counts)
def test_counting_undoes_adding(calendar, day, n):
    assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n


@given(calendars, days, counts, st.integers(min_value=1, max_value=50))
def test_adding_is_strictly_monotonic_in_n(calendar, day, n, more):
    assert calendar.add_working_days(day, n) < calendar.add_working_days(day, n + more)


@given(calendars, days, st.integers(min_value=-1500, max_value=1500))
def test_counting_matches_a_day_by_day_count(calendar, a, span):
    b = a + timedelta(days=span)
    low, high = min(a, b), max(a, b)
    expected = count_working_days(calendar, low, high)
    assert calendar.working_days_between(low, high) == expected
    assert calendar.working_days_between(high, low) == -expected


@given(calendars, days, days, days)
def test_counting_is_additive(calendar, a, b, c):
    between = calendar.working_days_between
    assert between(a, b) + between(b, c) == between(a, c)


@given(st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 11, 1)))
def test_every_deadline_in_range_is_twenty_working_days_on(formed):
    deadline = disclosure_deadline(formed)
    assert deadline.due > formed
    assert default_calendar().working_days_between(formed, deadline.due) == 20


def test_statutory_holidays_are_told_in_any_year():
    from desk.review.calendar_workdays import statutory_holiday

    assert statutory_holiday(date(2027, 1, 1)) == "元旦"
    assert [statutory_holiday(date(2031, 5, d)) for d in (1, 2, 3)] == ["劳动节", "劳动节", None]
    assert [statutory_holiday(date(2027, 10, d)) for d in (1, 3, 4)] == ["国庆节", "国庆节", None]
    assert statutory_holiday(date(2027, 4, 5)) == "清明节"  # the solar term's day
    assert (
        statutory_holiday(date(2028, 4, 4)) == "清明节"
        and statutory_holiday(date(2028, 4, 5)) is None
    )
    assert statutory_holiday(date(2150, 4, 4)) is None  # past the solar terms' table: not told
    assert statutory_holiday(date(2027, 2, 6)) is None  # 春节 follows the lunar calendar
    with pytest.raises(ValueError, match="超出可计算的范围"):
        statutory_holiday(date(1900, 1, 1))


def test_an_estimated_deadline_on_a_holiday_says_so():
    formed = date(FUTURE - 1, 12, 4)
    deadline = disclosure_deadline(formed, OFFICIAL)
    assert deadline.due == date(FUTURE, 1, 1)
    assert deadline.warnings == (
        warning_for(FUTURE),
        f"估算的截止日期 {FUTURE}-01-01 是元旦（法定节假日），实际截止日期会晚于此日",
    )
    # once the year's notice is loaded, the count skips the holiday and nothing is said
    assert disclosure_deadline(formed, FUTURE_LOADED).warnings == ()
    assert disclosure_deadline(formed, FUTURE_LOADED).due > date(FUTURE, 1, 1)
    # every statutory holiday the estimate counted as a working day is named
    national_day = date(FUTURE, 10, 1)
    assert (
        counted_holiday(national_day, "国庆节")
        in disclosure_deadline(date(FUTURE, 9, 10), OFFICIAL).warnings
    )


# --- lists that would block, hang or flood -----------------------------------------------


def test_a_broken_loaded_list_no_longer_blocks_the_next_load(data):
    from argparse import Namespace

    from desk.commands.admin_holidays import load_holidays

    folder = data / "holidays"
    folder.mkdir(parents=True)
    (folder / "手工放入.txt").write_text(BAD_LIST, encoding="utf-8")
    (folder / "rejected").mkdir()
    (folder / "rejected" / "手工放入.txt").write_text("先前移走的", encoding="utf-8")
    source = list_file(data, "通知.txt", made_up_list(FUTURE))
    output = load_holidays(data, Namespace(file=str(source)))
    moved = folder / "rejected" / "手工放入.2.txt"
    assert moved.read_text(encoding="utf-8") == BAD_LIST
    assert not (folder / "手工放入.txt").exists()
    assert (
        f"先前载入的 {folder / '手工放入.txt'} 有误（第 3 行：“2030-02-30”不是有效日期 等 11 处错误），"
        f"已移到 {moved}，不再计入"
    ) in output
    assert FUTURE in desk_calendar(data).known_years()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")
def test_a_fifo_among_the_lists_is_refused_without_waiting(data):
    folder = data / "holidays"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2030.txt")
    outcome = within(5, lambda: desk_calendar(data), folder / "2030.txt")
    assert isinstance(outcome.error, HolidayListError)
    assert "无法读取：不是普通文件" in str(outcome.error)
    loaded = load_holiday_file(list_file(data, "a.txt", made_up_list(FUTURE)), data)
    assert [aside.path.name for aside in loaded.set_aside] == ["2030.txt"]
    assert FUTURE in desk_calendar(data).known_years()


def test_a_huge_line_is_refused_unquoted_and_a_huge_file_unread(data):
    with pytest.raises(HolidayListError) as caught:
        parse_holiday_list(f"2030-01-01,休,{'元旦' * 600_000}\n2030-02-3x,休\n", "a.txt")
    assert [(e.line, e.message) for e in caught.value.errors[:2]] == [
        (1, "该行超过 2000 个字符，不像是正常内容，请检查文件"),
        (2, "“2030-02-3x”不是日期，应写成 2027-01-01"),
    ]
    assert len(str(caught.value)) < 500
    big = list_file(data, "big.txt", "")
    with open(big, "wb") as file:
        file.truncate(MB + 1)
    with pytest.raises(HolidayListError, match=r"无法读取：文件过大（1\.1 MB，上限 1 MB）"):
        load_holiday_file(big, data)
