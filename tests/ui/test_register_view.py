"""信息发布登记 on screen: the published rows, the search, the export and its failures."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from desk.review.commands import SaveRevision, apply, new_id
from desk.review.register import HEADERS
from desk.review.workflow import Retract
from desk.ui.register import RegisterDialog
from tests.flow import Org

TITLES = ("关于开展政务公开专项检查的通知", "关于做好元旦值班工作的通知")


@pytest.fixture
def dialog(qtbot, store) -> RegisterDialog:
    """Two drafts published, the first retracted: three rows."""
    org = Org(store)
    for title in TITLES:
        draft = org.draft()
        text = f"{title}正文。"
        apply(store, SaveRevision(new_id(), "liaison", draft, title, f"<p>{text}</p>", text))
        org.through_signing(draft)
        org.publish(draft)
        if title == TITLES[0]:
            apply(store, Retract(new_id(), "leader", draft, "信息有误"))
    dialog = RegisterDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog: RegisterDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [item.text(column) for column in range(table.columnCount())]
        for item in (table.topLevelItem(i) for i in range(table.topLevelItemCount()))
        if not item.isHidden()
    ]


def test_lists_the_published_and_retracted_rows(dialog):
    rows = shown(dialog)
    assert [row[:4] for row in rows] == [
        ["1", "发布", TITLES[0], "办公室"],
        ["2", "撤稿", TITLES[0], "办公室"],
        ["3", "发布", TITLES[1], "办公室"],
    ]
    assert rows[0][5] == "Leader（leader）" and rows[0][8] == "门户网站、微信"
    assert rows[0][6] == "Liaison（liaison）" and rows[1][6] == "Leader（leader）"  # retracted
    tooltip = dialog.table.topLevelItem(0).toolTip(0)
    assert "一审人</b>：Staff（staff）" in tooltip and "内容哈希" in tooltip
    assert dialog.count.text() == "共 3 条"


def test_the_search_filters_by_title_or_unit(dialog, qtbot):
    dialog.search.setText("元旦")
    assert [row[2] for row in shown(dialog)] == [TITLES[1]]
    assert dialog.count.text() == "显示 1 / 3 条"
    dialog.search.setText("办公室")
    assert len(shown(dialog)) == 3
    dialog.search.setText("财政局")
    assert shown(dialog) == [] and dialog.shown_rows() == []
    dialog.search.clear()
    assert len(dialog.shown_rows()) == 3


def test_exports_the_rows_shown_to_excel_and_csv(dialog, tmp_path):
    assert dialog.export_to(tmp_path / "登记.xlsx")
    sheet = load_workbook(tmp_path / "登记.xlsx").active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0] == HEADERS and len(lines) == 4
    dialog.search.setText("专项检查")
    assert dialog.export_to(tmp_path / "登记.CSV")
    with (tmp_path / "登记.CSV").open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert [line[1:3] for line in lines[1:]] == [["发布", TITLES[0]], ["撤稿", TITLES[0]]]
    assert dialog.message.text() == f"已导出 2 条到 {tmp_path / '登记.CSV'}"


def test_an_export_that_cannot_be_written_says_why(dialog, tmp_path):
    path = tmp_path / "missing" / "登记.xlsx"
    assert not dialog.export_to(path)
    assert dialog.message.text().startswith(f"无法导出到 {path}：")
    assert "color" in dialog.message.styleSheet()
    assert not dialog.export_to(tmp_path / "登记.pdf")
    assert dialog.message.text() == "只能导出为 .xlsx 或 .csv 文件"
