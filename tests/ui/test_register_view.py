"""信息发布登记 on screen: the published rows, the search, the export and its failures."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook

from desk.review.commands import SaveRevision, apply, new_id
from desk.review.register import ANCHOR_LABEL, HEADERS
from desk.review.workflow import RequestModification, Retract
from desk.ui.file_dialogs import FileDialogs
from desk.ui.main_window import WindowState
from desk.ui.qt import QDate, Qt
from desk.ui.register import RegisterDialog
from tests.flow import Org

TITLES = ("关于开展政务公开专项检查的通知", "关于做好元旦值班工作的通知")


@pytest.fixture
def dialog(qtbot, store, tmp_path) -> RegisterDialog:
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
    dialog = RegisterDialog(store, FileDialogs(WindowState(tmp_path)))
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
    assert lines[0] == HEADERS and len(lines) == 6  # and an empty line, the log head
    assert lines[5][0] == ANCHOR_LABEL
    dialog.search.setText("专项检查")
    assert dialog.export_to(tmp_path / "登记.CSV")
    with (tmp_path / "登记.CSV").open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert [line[1:3] for line in lines[1:-2]] == [["发布", TITLES[0]], ["撤稿", TITLES[0]]]
    head = lines[-1][1]
    assert dialog.message.text() == (
        f"已导出 2 条到 {tmp_path / '登记.CSV'}（已按审计日志核验，链头 {head}）"
    )


def test_a_register_is_not_exported_from_a_forged_publication(dialog, store, tmp_path):
    database = sqlite3.connect(store.path)
    with database:
        database.execute("UPDATE publications SET channels = '[\"微博\"]' WHERE kind = 'publish'")
    database.close()
    assert not dialog.export_to(tmp_path / "登记.xlsx")
    assert dialog.message.text().startswith("登记未导出：数据与审计日志不符")
    assert (
        "publications（发布记录）表" in dialog.message.text()
        and "channels 列" in dialog.message.text()
    )
    assert "color" in dialog.message.styleSheet() and not (tmp_path / "登记.xlsx").exists()


def test_an_export_that_cannot_be_written_says_why(dialog, tmp_path):
    path = tmp_path / "missing" / "登记.xlsx"
    assert not dialog.export_to(path)
    assert dialog.message.text().startswith(f"无法导出到 {path}：")
    assert "color" in dialog.message.styleSheet()
    assert not dialog.export_to(tmp_path / "登记.pdf")
    assert dialog.message.text() == "只能导出为 .xlsx 或 .csv 文件"


def test_the_reason_of_a_retraction_is_shown(dialog):
    rows = shown(dialog)
    assert [row[9] for row in rows] == ["", "信息有误", ""]
    assert "撤稿理由</b>：信息有误" in dialog.table.topLevelItem(1).toolTip(0)


def test_the_reason_of_a_modification_is_shown(qtbot, store, tmp_path):
    org = Org(store)
    draft = org.draft()
    org.through_signing(draft)
    org.publish(draft)
    apply(store, RequestModification(new_id(), "liaison", draft, "联系电话有误"))
    apply(store, SaveRevision(new_id(), "liaison", draft, "通知", "<p>改后。</p>", "改后。"))
    org.through_signing(draft)
    org.publish(draft)
    dialog = RegisterDialog(store, FileDialogs(WindowState(tmp_path)))
    qtbot.addWidget(dialog)
    assert [row[1::8] for row in shown(dialog)] == [
        ["发布", ""],
        ["发布（修改后）", "联系电话有误"],
    ]


def test_the_dates_filter_the_rows_in_the_query(dialog, qtbot):
    today = QDate.currentDate()
    assert not dialog.since.isEnabled()
    qtbot.mouseClick(dialog.by_date, Qt.MouseButton.LeftButton)
    assert dialog.since.isEnabled() and dialog.until.isEnabled()
    dialog.since.setDate(today.addDays(-7))
    dialog.until.setDate(today.addDays(-1))
    assert shown(dialog) == [] and dialog.count.text() == "共 0 条"
    dialog.until.setDate(today)
    assert [row[0] for row in shown(dialog)] == ["1", "2", "3"]
    dialog.since.setDate(today.addDays(1))
    assert shown(dialog) == [] and dialog.message.text() == "起始日期晚于结束日期"
    dialog.search.setText("元旦")  # the search still works on what the dates keep
    dialog.since.setDate(today)
    assert [row[0] for row in shown(dialog)] == ["3"] and dialog.message.text() == ""
    qtbot.mouseClick(dialog.by_date, Qt.MouseButton.LeftButton)
    assert [row[0] for row in shown(dialog)] == ["3"] and dialog.count.text() == "显示 1 / 3 条"


def test_export_proposes_a_dated_name_in_the_documents_folder(
    dialog, qtbot, tmp_path, monkeypatch, answer_file_dialog
):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    target = tmp_path / "Documents" / "三月"
    answer = answer_file_dialog(target)
    dialog._ask_export()
    today = date.today().isoformat()
    assert answer.proposed == tmp_path / "Documents" / f"信息发布登记-{today}.xlsx"
    assert (tmp_path / "Documents" / "三月.xlsx").is_file()  # the type's suffix added
    qtbot.mouseClick(dialog.by_date, Qt.MouseButton.LeftButton)
    dialog.since.setDate(QDate(2026, 3, 1))
    dialog.until.setDate(QDate(2026, 3, 31))
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    answer = answer_file_dialog(elsewhere / "登记.csv")
    dialog._ask_export()
    assert answer.folder == tmp_path / "Documents"
    assert answer.proposed.name == "信息发布登记-2026-03-01至2026-03-31.xlsx"
    assert (elsewhere / "登记.csv").read_text(encoding="utf-8-sig").startswith("登记号,")
    answer = answer_file_dialog(None)
    dialog._ask_export()
    assert answer.folder == elsewhere  # the last folder used for the register
