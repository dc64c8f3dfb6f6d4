"""The 信息发布登记 export: CSV and XLSX, safe cells, from the CLI too, only from state
proved against the audit log, ending with the log's head."""

from __future__ import annotations

import csv
import re
import sqlite3
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest
from sqlalchemy import event

from desk.cli import main
from desk.review.commands import CreateDraft, SaveRevision, apply, new_id
from desk.review.register import (
    ANCHOR_LABEL,
    HEADERS,
    export,
    register_rows,
    table,
    verified_register,
)
from desk.review.workflow import RequestModification, Retract
from desk.store import DATABASE_NAME, open_store
from tests.flow import Org


@pytest.fixture
def published(tmp_path):
    """A data folder with one published draft whose text starts like a formula."""
    store = open_store(tmp_path / DATABASE_NAME)
    org = Org(store)
    draft = new_id()
    text = '=HYPERLINK("http://evil.example")关于值班的通知'
    apply(store, CreateDraft(new_id(), "liaison", draft, "值班通知", f"<p>{text}</p>", text))
    org.through_signing(draft)
    org.publish(draft)
    store.close()
    return tmp_path


def test_csv_opens_in_excel_and_wps_and_holds_no_formula(published, tmp_path):
    with open_store(published / DATABASE_NAME) as store:
        rows, verified = verified_register(store)
    target = tmp_path / "登记.csv"
    export(rows, target, "csv", verified)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    header, line, empty, anchor = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(header) == HEADERS and empty == []
    assert anchor[:2] == [ANCHOR_LABEL, verified.head] and "与日志一致" in anchor[2]
    record = dict(zip(header, line, strict=True))
    assert record["标题"] == "值班通知" and record["渠道"] == "门户网站、微信"
    assert record["一审人"].startswith("Staff") and record["三审签发意见"] == "同意"
    assert record["原文"].startswith("'=HYPERLINK")


def test_xlsx_has_the_same_table(published, tmp_path):
    target = tmp_path / "登记.xlsx"
    assert (
        main(
            [
                "--data-dir",
                str(published),
                "register",
                "export",
                "--format",
                "xlsx",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    sheet = openpyxl.load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == HEADERS and len(values) == 4
    assert values[1][HEADERS.index("类型")] == "发布"
    assert not any(values[2]) and values[3][0] == ANCHOR_LABEL and len(values[3][1]) == 64
    assert all(not str(v).startswith("=") for v in values[1] if v)


def test_an_unwritable_target_is_reported(published, tmp_path, capsys):
    (tmp_path / "folder.csv").mkdir()
    code = main(
        [
            "--data-dir",
            str(published),
            "register",
            "export",
            "--format",
            "csv",
            "-o",
            str(tmp_path / "folder.csv"),
        ]
    )
    assert code == 2 and "无法写入" in capsys.readouterr().err


def test_an_empty_register_exports_just_the_header(tmp_path):
    target = tmp_path / "empty.csv"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path),
                "register",
                "export",
                "--format",
                "csv",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    header, empty, anchor = target.read_text(encoding="utf-8-sig").splitlines()
    assert (header, empty) == (",".join(HEADERS), "")
    assert anchor.startswith(f"{ANCHOR_LABEL},{'0' * 64},已按审计日志核验（共 0 条）")


def test_a_forged_approval_is_not_exported(published, tmp_path, capsys):
    """The register lists who signed: a row added by SQL must not reach it."""
    database = sqlite3.connect(published / DATABASE_NAME)
    with database:
        database.execute(
            "INSERT INTO review_actions SELECT '00000000-0000-4000-8000-000000000001', draft_id,"
            " revision_id, 'principal', 'approve', 'boss', content_hash, '同意', proofread,"
            ' acknowledgements, "check", created_at, NULL, NULL FROM review_actions'
            " WHERE level = 'review3'"
        )
    database.close()
    target = tmp_path / "登记.csv"
    args = ["--data-dir", str(published), "register", "export", "--format", "csv", "-o"]
    assert main([*args, str(target)]) == 1
    error = capsys.readouterr().err
    assert "数据与审计日志不符" in error and "review_actions（审核记录）表多出一行" in error
    assert "desk audit verify" in error and not target.exists()


class Clock:
    """The store's clock, a minute on at every reading; ``day`` moves it to another day."""

    def __init__(self):
        self.now = datetime(2026, 3, 2, 9, 0).astimezone()

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now

    def day(self, day: date) -> None:
        self.now = datetime.combine(day, time(9, 0)).astimezone()


@pytest.fixture
def history(tmp_path):
    """In March 2026: a notice published (3-02), modified and published again (3-10), then
    retracted (3-20); a second draft published on 3-31. Four rows."""
    clock = Clock()
    store = open_store(tmp_path / DATABASE_NAME, clock=clock)
    org = Org(store)
    notice = org.draft(text="通知正文。")
    org.through_signing(notice)
    org.publish(notice)
    clock.day(date(2026, 3, 10))
    apply(store, RequestModification(new_id(), "liaison", notice, "联系电话有误"))
    apply(
        store, SaveRevision(new_id(), "liaison", notice, "通知", "<p>改后正文。</p>", "改后正文。")
    )
    org.through_signing(notice)
    org.publish(notice)
    clock.day(date(2026, 3, 20))
    apply(store, Retract(new_id(), "leader", notice, "信息已过期"))
    clock.day(date(2026, 3, 31))
    other = org.draft(text="另一篇。")
    org.through_signing(other)
    org.publish(other)
    yield store
    store.close()


def test_the_reasons_of_a_modification_and_a_retraction_are_registered(history):
    rows = register_rows(history)
    assert [(row.kind, row.revised) for row in rows] == [
        ("publish", False),
        ("publish", True),
        ("retract", False),
        ("publish", False),
    ]
    assert [row.modification_reason for row in rows] == ["", "联系电话有误", "", ""]
    assert [row.reason for row in rows] == ["", "", "信息已过期", ""]
    cells = [dict(zip(HEADERS, line, strict=True)) for line in table(rows)]
    assert cells[1]["类型"] == "发布（修改后）" and cells[1]["申请修改理由"] == "联系电话有误"
    assert cells[2]["撤稿理由"] == "信息已过期"


@pytest.mark.parametrize(
    ("since", "until", "numbers"),
    [
        (None, None, [1, 2, 3, 4]),
        (date(2026, 3, 10), None, [2, 3, 4]),
        (None, date(2026, 3, 10), [1, 2]),
        (date(2026, 3, 3), date(2026, 3, 20), [2, 3]),
        (date(2026, 3, 20), date(2026, 3, 20), [3]),
        (date(2026, 4, 1), None, []),
        (date(2026, 3, 21), date(2026, 3, 20), []),
    ],
)
def test_the_dates_keep_those_local_days_and_the_numbers_stay(history, since, until, numbers):
    rows = register_rows(history, since=since, until=until)
    assert [row.number for row in rows] == numbers
    if 2 in numbers:  # a 修改 is one even when its first publishing is left out
        assert next(row for row in rows if row.number == 2).revised


def test_the_dates_are_a_query(history):
    statements = []
    event.listen(history.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    register_rows(history, since=date(2026, 3, 20), until=date(2026, 3, 20))
    query = next(s for s in statements if "FROM publications" in s)
    assert "publications.at >=" in query and "publications.at <" in query


def test_xlsx_stores_numbers_as_numbers_and_times_as_dates(history, tmp_path):
    target = tmp_path / "登记.xlsx"
    rows, verified = verified_register(history)
    export(rows, target, "xlsx", verified)
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    first = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert first["登记号"].value == 1 and first["登记号"].data_type == "n"
    published = first["时间"]
    assert isinstance(published.value, datetime) and published.is_date
    assert published.number_format == "yyyy-mm-dd hh:mm"
    assert published.value.date() == date(2026, 3, 2)
    assert isinstance(first["三审签发时间"].value, datetime)
    assert first["二审时间"].number_format == "yyyy-mm-dd hh:mm"
    assert first["标题"].value == "通知" and first["主要领导审定时间"].value in (None, "")


def test_csv_keeps_numbers_and_times_as_text(history, tmp_path):
    target = tmp_path / "登记.csv"
    rows, verified = verified_register(history)
    export(rows, target, "csv", verified)
    lines = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    record = dict(zip(lines[0], lines[1], strict=True))
    assert record["登记号"] == "1"
    assert re.fullmatch(r"2026-03-02 09:\d\d", record["时间"])


def test_cli_exports_a_date_range(history, tmp_path):
    history.close()
    target = tmp_path / "三月中.csv"
    args = ["--data-dir", str(tmp_path), "register", "export", "--format", "csv", "-o"]
    assert main([*args, str(target), "--from", "2026-03-03", "--to", "2026-03-20"]) == 0
    lines = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [line[0] for line in lines[1:-2]] == ["2", "3"]


def test_cli_refuses_bad_dates(history, tmp_path, capsys):
    history.close()
    args = ["--data-dir", str(tmp_path), "register", "export", "-o", str(tmp_path / "x.xlsx")]
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--from", "3月1日"])
    assert exit_.value.code == 2 and "日期应为 YYYY-MM-DD" in capsys.readouterr().err
    assert main([*args, "--from", "2026-03-20", "--to", "2026-03-01"]) == 2
    assert "晚于" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
