"""File dialogs: where they open, the names they propose (never a file already there),
the folder remembered per kind of file; imported drafts titled as the file is."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from desk.documents.loader import load_document
from desk.review.drafts import list_drafts
from desk.ui.file_dialogs import FileDialogs, FileKind, FileType, file_name, unused_path
from desk.ui.main_window import WindowState
from tests.conftest import docx_paragraph

NOTICE = "关于做好2026年政务公开工作的通知"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder with a Documents folder, as Qt finds them."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def test_a_dialog_starts_in_the_last_folder_else_documents_else_home(home, tmp_path):
    files = FileDialogs(WindowState(tmp_path))
    assert files.start_folder(FileKind.IMPORT) == home / "Documents"
    files.state.remember_folder(FileKind.IMPORT, tmp_path)
    assert files.start_folder(FileKind.IMPORT) == tmp_path
    assert files.start_folder(FileKind.PDF) == home / "Documents"  # each kind its own
    assert FileDialogs(WindowState(tmp_path)).start_folder(FileKind.IMPORT) == tmp_path  # kept
    (home / "Documents").rmdir()
    assert files.start_folder(FileKind.PDF) == home
    files.state.remember_folder(FileKind.PDF, tmp_path / "gone")
    assert files.start_folder(FileKind.PDF) == home  # a folder since removed is forgotten


def test_a_kind_not_used_yet_starts_where_the_last_file_went(
    qtbot, home, tmp_path, answer_file_dialog
):
    """The register saved to a stick: the 审核表 printed next is offered the stick too,
    and the import after it; a kind used since keeps its own folder."""
    files = FileDialogs(WindowState(tmp_path))
    stick = tmp_path / "U盘"
    stick.mkdir()
    answer = answer_file_dialog(stick / "登记.xlsx")
    files.save_file(None, FileKind.REGISTER, "导出登记", "登记", [FileType("Excel", ("xlsx",))])
    assert answer.folder == home / "Documents"
    answer = answer_file_dialog(None)
    files.save_file(None, FileKind.PDF, "打印审核表", "审核表", [FileType("PDF", ("pdf",))])
    assert answer.folder == stick
    answer = answer_file_dialog(None)
    files.open_file(None, FileKind.IMPORT, "导入稿件", [FileType("稿件", ("docx",))])
    assert answer.folder == stick
    answer = answer_file_dialog(home / "表.pdf")
    files.save_file(None, FileKind.PDF, "打印审核表", "审核表", [FileType("PDF", ("pdf",))])
    answer = answer_file_dialog(None)
    files.save_file(None, FileKind.REGISTER, "导出登记", "登记", [FileType("Excel", ("xlsx",))])
    assert answer.folder == stick  # the register's own folder
    answer = answer_file_dialog(None)
    files.open_file(None, FileKind.IMPORT, "导入稿件", [FileType("稿件", ("docx",))])
    assert answer.folder == home  # the last file chosen


@pytest.mark.parametrize("suffix", ["doc", "wps"])
def test_a_word_97_or_wps_file_is_offered_and_said_to_be_saved_as_docx(
    qtbot, window_for, store, tmp_path, answer_file_dialog, suffix
):
    window = window_for("liaison")
    window.editor.title.setText("正在写的稿件")
    old = tmp_path / f"通知.{suffix}"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # an OLE compound file
    answer = answer_file_dialog(old)
    with mock.patch("desk.ui.main_window.window.QMessageBox.warning") as warning:
        window.import_action.trigger()
    assert f"*.{suffix}" in answer.filters[0]
    [(_parent, _title, message)] = [call.args for call in warning.call_args_list]
    assert f"暂不能直接导入 .{suffix} 文件，请在 WPS 或 Word 中“另存为” .docx 后再导入" in message
    assert [d.title for d in list_drafts(store)] in ([], ["正在写的稿件"])  # no new draft
    assert window.editor.title.text() == "正在写的稿件"  # what was being written stays


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("审核表", "关于/值班:的*通知?", "2026-03-02"), "审核表-关于_值班_的_通知_-2026-03-02"),
        (("审核表", "", "2026-03-02"), "审核表-2026-03-02"),
        (("  多个   空格\t标题 ",), "多个 空格 标题"),
        (("标" * 200,), "标" * 80),
        (("...",), "_"),
    ],
)
def test_file_names_are_safe_on_windows(parts, name):
    assert file_name(*parts) == name


def test_a_proposed_name_is_never_a_file_already_there(tmp_path):
    assert unused_path(tmp_path, "通知", "docx") == tmp_path / "通知.docx"
    (tmp_path / "通知.docx").write_bytes(b"")
    (tmp_path / "通知 (2).docx").write_bytes(b"")
    assert unused_path(tmp_path, "通知", "docx") == tmp_path / "通知 (3).docx"


def test_import_opens_in_documents_and_titles_the_draft_from_the_file(
    qtbot, window_for, store, home, make_docx, answer_file_dialog
):
    window = window_for("liaison")
    source = make_docx(
        docx_paragraph(NOTICE) + docx_paragraph("各单位：") + docx_paragraph("请做好工作。"),
        name="通知（定稿）.docx",
    )
    answer = answer_file_dialog(source)
    window.import_action.trigger()
    assert answer.folder == home / "Documents"
    [draft] = list_drafts(store)
    assert draft.title == NOTICE and window.editor.title.text() == NOTICE
    assert window.editor.body.toPlainText() == "各单位：\n请做好工作。"  # not twice
    answer = answer_file_dialog(None)
    window.import_action.trigger()
    assert answer.folder == source.parent  # the import folder, remembered


def test_a_file_without_a_title_is_named_after_the_file(qtbot, window_for, store, make_docx):
    window = window_for("liaison")
    source = make_docx(
        docx_paragraph("各单位：") + docx_paragraph("请做好工作。"), name="值班.docx"
    )
    assert window.import_file(source)
    assert [d.title for d in list_drafts(store)] == ["值班"]


def test_export_proposes_the_published_copy_never_the_source(
    qtbot, window_for, home, tmp_path, make_docx, answer_file_dialog
):
    window = window_for("liaison")
    folder = tmp_path  # make_docx's folder: where the Word file came from
    source = make_docx(
        docx_paragraph(NOTICE) + docx_paragraph("正文。"), name=f"{NOTICE}（发布稿）.docx"
    )
    assert window.import_file(source)
    answer = answer_file_dialog(None)
    window.export_action.trigger()
    assert answer.proposed == home / "Documents" / f"{NOTICE}（发布稿）.docx"
    window.state.remember_folder(FileKind.EXPORT, folder)  # exported there once
    answer = answer_file_dialog(folder / "发布稿")
    window.export_action.trigger()
    assert answer.proposed == folder / f"{NOTICE}（发布稿） (2).docx"  # not over the source
    assert source.read_bytes().startswith(b"PK")  # untouched
    exported = load_document(folder / "发布稿.docx")  # the Word type's suffix added
    assert NOTICE in exported.text
