"""修订记录: revisions with their stages, what changed since a reviewer last acted, the
comparison shown, the 审核表 and the comparison printed to PDF."""

from __future__ import annotations

import base64
import sqlite3
from datetime import date

import pytest
from PySide6.QtPdf import QPdfDocument  # test-only: reads back what was printed

from desk.review.commands import SaveRevision, apply, new_id
from desk.review.seen import changed_since_seen
from desk.review.workflow import Reject
from desk.store import DATABASE_NAME
from desk.ui.file_dialogs import FileDialogs
from desk.ui.history import HistoryDialog
from desk.ui.main_window import WindowState
from desk.ui.qt import QBuffer, QByteArray, QColor, QImage, QIODevice, QSize, Qt
from tests.flow import Org

ORIGINAL = "关于开展政务公开专项检查的通知正文。"
INSERTED = "请于三月底前报送自查报告。"


@pytest.fixture
def open_history(qtbot, store, tmp_path):
    def make(draft_id, login: str) -> HistoryDialog:
        dialog = HistoryDialog(store, draft_id, login, FileDialogs(WindowState(tmp_path)))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def save(org: Org, draft_id, actor: str, text: str) -> None:
    apply(org.store, SaveRevision(new_id(), actor, draft_id, "通知", f"<p>{text}</p>", text))


def returned_and_resubmitted(org: Org):
    """一审 approves 第 2 版; 二审 rejects; the drafter adds a sentence (第 3 版), resubmits."""
    draft = org.draft(text=ORIGINAL)
    org.attributes(draft)  # 第 2 版: the 公开属性, same text
    org.submit(draft)
    org.approve(draft, "review1", "staff")
    apply(org.store, Reject(new_id(), "chief", draft, "review2", org.hash(draft), "补充时限"))
    save(org, draft, "liaison", ORIGINAL + INSERTED)
    org.submit(draft)
    return draft


def rows(dialog: HistoryDialog) -> list[list[str]]:
    tree = dialog.revisions
    return [
        [tree.topLevelItem(i).text(column) for column in range(3)]
        for i in range(tree.topLevelItemCount())
    ]


def test_lists_revisions_with_their_stage_after_a_reviewers_correction(org, open_history):
    draft = org.draft(text=ORIGINAL)
    org.attributes(draft)
    org.submit(draft)
    save(org, draft, "staff", ORIGINAL + INSERTED)
    dialog = open_history(draft, "staff")
    assert rows(dialog) == [
        ["第 1 版", "Liaison（liaison）", "起草"],
        ["第 2 版", "Liaison（liaison）", "起草"],
        ["第 3 版", "Staff（staff）", "一审"],
    ]
    # staff had not acted before correcting: the last change is shown, no banner
    assert dialog.banner.isHidden()
    assert (dialog.old_picker.currentData(), dialog.new_picker.currentData()) == (2, 3)
    assert f'<span class="ins">{INSERTED}</span>' in dialog.diff_page
    assert INSERTED in dialog.diff.toPlainText()


def test_a_reviewer_sees_what_changed_since_their_approval(org, open_history):
    draft = returned_and_resubmitted(org)
    assert changed_since_seen(org.store, draft, "staff") == 2
    assert changed_since_seen(org.store, draft, "chief") == 2  # rejected 第 2 版
    assert changed_since_seen(org.store, draft, "liaison") is None  # the changes are theirs
    assert changed_since_seen(org.store, draft, "leader") is None  # never acted
    dialog = open_history(draft, "staff")
    assert dialog.banner.isVisibleTo(dialog)
    assert dialog.banner.text() == "自您上次审核（第 2 版）以来有改动"
    assert (dialog.old_picker.currentData(), dialog.new_picker.currentData()) == (2, 3)
    assert f'<span class="ins">{INSERTED}</span>' in dialog.diff_page


def test_no_banner_once_the_reviewer_acted_on_the_current_text(org, open_history):
    draft = returned_and_resubmitted(org)
    org.approve(draft, "review1", "staff")
    assert changed_since_seen(org.store, draft, "staff") is None
    assert open_history(draft, "staff").banner.isHidden()


def test_other_revisions_are_compared_by_picker_or_by_row(org, open_history, qtbot):
    draft = returned_and_resubmitted(org)
    dialog = open_history(draft, "leader")
    assert (dialog.old_picker.currentData(), dialog.new_picker.currentData()) == (2, 3)
    dialog.old_picker.setCurrentIndex(0)
    dialog.new_picker.setCurrentIndex(1)
    assert "正文无改动" in dialog.diff_page  # 第 2 版 only set the 公开属性
    dialog.revisions.itemClicked.emit(dialog.revisions.topLevelItem(2), 0)
    assert (dialog.old_picker.currentData(), dialog.new_picker.currentData()) == (2, 3)
    assert dialog.revisions.currentItem() is dialog.revisions.topLevelItem(2)


def test_prints_the_form_and_the_comparison_to_pdf(org, open_history, tmp_path):
    draft = returned_and_resubmitted(org)
    dialog = open_history(draft, "staff")
    for method, name in ((dialog.print_form, "审核表.pdf"), (dialog.print_diff, "比对.pdf")):
        path = tmp_path / name
        assert method(path)
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5_000
    assert dialog.message.text() == ""


@pytest.mark.parametrize(
    ("tampering", "named"),
    [
        ("UPDATE applied_commands SET actor = 'x' WHERE seq = 3", "第 3 条"),
        ("UPDATE revisions SET body_text = '改过' WHERE number = 1", "body_text 列"),
    ],
)
def test_no_form_is_printed_from_a_tampered_store(org, open_history, tmp_path, tampering, named):
    draft = returned_and_resubmitted(org)
    connection = sqlite3.connect(tmp_path / DATABASE_NAME)
    with connection:
        connection.execute(tampering)
    connection.close()
    dialog = open_history(draft, "staff")
    assert not dialog.print_form(tmp_path / "审核表.pdf")
    assert dialog.message.text().startswith("审核表未生成：数据与审计日志不符")
    assert named in dialog.message.text()
    assert not (tmp_path / "审核表.pdf").exists()


def test_a_print_that_cannot_be_written_says_why(org, open_history, tmp_path):
    dialog = open_history(org.draft(), "liaison")
    path = tmp_path / "missing" / "审核表.pdf"
    assert not dialog.print_form(path)
    assert "无法写入 PDF 文件" in dialog.message.text()
    assert not path.parent.exists()


def test_changes_to_see_names_why_and_who(org):
    from desk.review.seen import DURING_REVIEW, SINCE_SEEN, changes_to_see

    draft = returned_and_resubmitted(org)
    staff = changes_to_see(org.store, draft, "staff")
    assert staff is not None and staff.why == SINCE_SEEN
    assert (staff.since.number, staff.current.number) == (2, 3)
    assert staff.editors == ("Liaison（liaison）",)
    assert changes_to_see(org.store, draft, "leader") is None  # submitted text unchanged
    save(org, draft, "staff", ORIGINAL + INSERTED + "（已核）")  # 一审 corrects 第 3 版
    leader = changes_to_see(org.store, draft, "leader")
    assert leader is not None and leader.why == DURING_REVIEW
    assert (leader.since.number, leader.current.number) == (3, 4)
    assert leader.editors == ("Staff（staff）",)
    assert changes_to_see(org.store, draft, "staff") is None  # the correction is theirs


def red_png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_print_form_asks_where_with_a_dated_name_and_prints_the_pictures(
    org, open_history, qtbot, tmp_path, monkeypatch, answer_file_dialog
):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    draft = org.draft()
    picture = base64.b64encode(red_png(300, 200)).decode()
    body = f'<p>正文。</p><p><img src="data:image/png;base64,{picture}"></p>'
    apply(org.store, SaveRevision(new_id(), "liaison", draft, "值班/通知", body, "正文。"))
    dialog = open_history(draft, "liaison")
    answer = answer_file_dialog(tmp_path / "Documents" / "打印")
    qtbot.mouseClick(dialog.print_form_button, Qt.MouseButton.LeftButton)
    today = date.today().isoformat()
    assert answer.proposed == tmp_path / "Documents" / f"审核表-值班_通知-{today}.pdf"
    printed = QPdfDocument(dialog)
    assert printed.load(str(tmp_path / "Documents" / "打印.pdf")) == QPdfDocument.Error.None_
    assert printed.pageCount() == 2
    page = printed.render(1, QSize(595, 842))  # the picture, drawn on the original's page
    reds = [
        (x, y)
        for x in range(0, 595, 5)
        for y in range(0, 842, 5)
        if (colour := page.pixelColor(x, y)).red() > 200 and colour.green() < 80
    ]
    assert len(reds) > 100
    answer = answer_file_dialog(None)
    qtbot.mouseClick(dialog.print_diff_button, Qt.MouseButton.LeftButton)
    assert answer.folder == tmp_path / "Documents"  # the PDFs' folder, remembered
    assert answer.proposed.name == f"修改比对-值班_通知-{today}.pdf"
