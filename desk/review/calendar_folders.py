"""Holiday lists from two folders: shipped with the software, and loaded by the unit's admin.

Admins can't write the install folder (``resources/holidays``), so ``desk admin
load-holidays`` checks a list and copies it into the data folder's ``holidays/``. A year
listed there replaces the built-in or shipped schedule of that year: it is a year the
release did not know yet, or a correction. The calendar is cached per data folder and
read again as soon as a list file in either folder changes, so a loaded list counts
without a restart. A broken list in ``holidays/`` (edited by hand, cut short by a full
disk) is moved to ``holidays/rejected/`` by the next load, which says so: one bad file
must not block every load after it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desk.atomic import write_bytes_atomically
from desk.reading import UnreadableInput
from desk.resources import resource_path
from desk.review.calendar_files import (
    SUFFIXES,
    HolidayListError,
    LineError,
    load_holiday_lists,
    parse_holiday_bytes,
    read_list_file,
    unreadable,
)
from desk.review.calendar_workdays import WorkCalendar

SHIPPED_DIR = resource_path("holidays")
LOADED_SUBDIR = "holidays"
REJECTED_SUBDIR = "rejected"  # in LOADED_SUBDIR: broken lists, kept for a look

Origin = Literal["builtin", "shipped", "loaded"]
ORIGIN_LABELS: dict[Origin, str] = {
    "builtin": "内置",
    "shipped": "随软件",
    "loaded": "本单位载入",
}

# per loaded folder: the list files' (name, mtime, size, inode) when read, and the result
_Signature = tuple[tuple[str, int, int, int], ...]
_cache: dict[Path, tuple[_Signature, WorkCalendar]] = {}


@dataclass(frozen=True, slots=True)
class KnownYear:
    """A year with an official schedule, and where the schedule comes from."""

    year: int
    origin: Origin
    source: str  # "chinesecalendar 1.11.0" or the list file's path

    @property
    def where(self) -> str:
        """In Chinese: 内置 chinesecalendar 1.11.0, 随软件（<file>）, 本单位载入（<file>）."""
        label = ORIGIN_LABELS[self.origin]
        return f"{label} {self.source}" if self.origin == "builtin" else f"{label}（{self.source}）"


@dataclass(frozen=True, slots=True)
class SetAside:
    """A broken list file ``load_holiday_file`` moved out of the way."""

    path: Path  # where it was
    moved_to: Path
    problem: str  # its first problem, in Chinese


@dataclass(frozen=True, slots=True)
class LoadedList:
    """What ``load_holiday_file`` did."""

    path: Path  # the copy in the data folder
    years: tuple[int, ...]
    replaced: tuple[Path, ...]  # earlier loaded lists for those years only, now removed
    set_aside: tuple[SetAside, ...] = ()  # broken loaded lists, moved to REJECTED_SUBDIR


def loaded_dir(data_dir: Path) -> Path:
    """Where the unit's admin-loaded holiday lists live."""
    return data_dir / LOADED_SUBDIR


def desk_calendar(data_dir: Path) -> WorkCalendar:
    """chinesecalendar's years, the shipped lists over them, the loaded lists over both.

    Read again only when a list file changed; HolidayListError, every bad line with its
    number, if a list is bad (nothing is counted with half a schedule).
    """
    loaded = loaded_dir(data_dir)
    signature = _signature(SHIPPED_DIR) + _signature(loaded)
    cached = _cache.get(loaded)
    if cached is not None and cached[0] == signature:
        return cached[1]
    shipped = load_holiday_lists(*_list_files(SHIPPED_DIR))
    calendar = load_holiday_lists(*_list_files(loaded), base=shipped)
    _cache[loaded] = (signature, calendar)
    return calendar


def known_years(data_dir: Path) -> list[KnownYear]:
    """Every year ``desk_calendar`` knows, ascending, with where its schedule comes from."""
    builtin = {schedule.source for schedule in WorkCalendar.official().schedules}
    found = []
    for schedule in desk_calendar(data_dir).schedules:
        origin: Origin
        if schedule.source in builtin:
            origin = "builtin"
        elif Path(schedule.source).parent == SHIPPED_DIR:
            origin = "shipped"
        else:
            origin = "loaded"
        found.append(KnownYear(schedule.year, origin, schedule.source))
    return found


def load_holiday_file(file: Path, data_dir: Path) -> LoadedList:
    """Check a holiday list and copy it, atomically, into the data folder.

    The copy is named after its years (``2027.txt``), so loading a corrected list again
    replaces the first; an earlier loaded list holding only years the new one has is
    removed. HolidayListError, with nothing copied, if the list is bad (every bad line)
    or shares a year with a loaded list that also has other years; OSError if the data
    folder can't be written.
    """
    try:
        data = read_list_file(file)
    except UnreadableInput as error:
        raise HolidayListError([unreadable(file, error)]) from error
    years = tuple(sorted(schedule.year for schedule in parse_holiday_bytes(data, str(file))))
    folder = loaded_dir(data_dir)
    target = folder / ("_".join(map(str, years)) + ".txt")
    replaced, conflicts, broken = [], [], []
    for other in _list_files(folder):
        if other == target:
            continue
        try:
            other_years = set(load_holiday_lists(other, base=WorkCalendar()).known_years())
        except HolidayListError as error:
            broken.append((other, error))
            continue
        shared = other_years & set(years)
        if other_years <= shared:
            replaced.append(other)
        elif shared:
            conflicts.append(
                LineError(
                    str(file),
                    0,
                    f"{_years_text(shared)} 年已由 {other} 载入，该文件还含"
                    f" {_years_text(other_years - shared)} 年；同一年只能写在一个文件里，"
                    "请把这些年份的安排合写在一个文件中再载入",
                )
            )
    if conflicts:
        raise HolidayListError(conflicts)
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(target, data)
    for other in replaced:
        other.unlink()
    set_aside = tuple(_set_aside(other, error) for other, error in broken)
    return LoadedList(target, years, tuple(replaced), set_aside)


def _set_aside(path: Path, error: HolidayListError) -> SetAside:
    """Move a broken list into REJECTED_SUBDIR, under a name not yet taken there."""
    folder = path.parent / REJECTED_SUBDIR
    folder.mkdir(exist_ok=True)
    moved_to = folder / path.name
    number = 1
    while os.path.lexists(moved_to):
        number += 1
        moved_to = folder / f"{path.stem}.{number}{path.suffix}"
    path.rename(moved_to)
    first = error.errors[0]
    problem = (
        first.message
        if len(error.errors) == 1
        else f"{first.message} 等 {len(error.errors)} 处错误"
    )
    return SetAside(path, moved_to, f"第 {first.line} 行：{problem}" if first.line else problem)


def _years_text(years: set[int]) -> str:
    return "、".join(map(str, sorted(years)))


def _list_files(folder: Path) -> list[Path]:
    """The folder's list files as ``load_holiday_lists`` takes them; none if no folder."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in SUFFIXES)


def _signature(folder: Path) -> _Signature:
    """What tells whether the folder's list files changed since they were read."""
    signature = []
    for path in _list_files(folder):
        try:
            status = os.stat(path)
        except OSError:  # gone meanwhile, or unreadable: reading will say which
            signature.append((path.name, -1, -1, -1))
        else:
            signature.append((path.name, status.st_mtime_ns, status.st_size, status.st_ino))
    return tuple(signature)
