"""The 信息发布登记 export: CSV and XLSX, safe cells, from the CLI too."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from desk.cli import main
from desk.review.commands import CreateDraft, apply, new_id
from desk.review.register import HEADERS, export, register_rows
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
        rows = register_rows(store)
    target = tmp_path / "登记.csv"
    export(rows, target, "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    header, line = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(header) == HEADERS
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
    assert tuple(values[0]) == HEADERS and len(values) == 2
    assert values[1][HEADERS.index("类型")] == "发布"
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
    assert target.read_text(encoding="utf-8-sig").splitlines() == [",".join(HEADERS)]
