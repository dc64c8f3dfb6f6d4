"""Printing HTML to an A4 PDF: the file, its pages, its Chinese text, write failures."""

import uuid
from datetime import UTC, date, datetime

import pytest
from PySide6.QtPdf import QPdfDocument  # test-only: reads back what was printed

from desk.review.approval_form import ApprovalForm, FormAction, form_html
from desk.ui.printing import print_html_to_pdf

AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def load(qapp, path) -> QPdfDocument:
    document = QPdfDocument(qapp)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def sample_form(text: str) -> ApprovalForm:
    return ApprovalForm(
        draft_id=uuid.UUID(int=1),
        title="关于开展政务公开专项检查的通知",
        unit="办公室",
        drafter="李联络（li）",
        formed_on=date(2026, 3, 1),
        major=False,
        disclosure="主动公开",
        disclosure_reason="",
        withheld="",
        revision_number=2,
        content_hash="ab" * 32,
        status="ready",
        status_label="待发布",
        actions=(
            FormAction(
                level="review1",
                level_label="一审",
                action="approve",
                action_label="通过",
                reviewer="王一审（wang）",
                opinion="同意",
                proofread=True,
                acknowledgements=0,
                at=AT,
                revision_number=2,
                content_hash="ab" * 32,
                voided=False,
                voided_reason="",
            ),
        ),
        publications=(),
        text=text,
    )


def test_prints_a_pdf_with_chinese_text(qapp, tmp_path):
    path = tmp_path / "审核表.pdf"
    print_html_to_pdf(form_html(sample_form("各单位：定于3月开展检查。")), path)
    assert path.read_bytes().startswith(b"%PDF")
    document = load(qapp, path)
    assert document.pageCount() >= 1
    first_page = document.getAllText(0).text()
    # Qt maps a glyph shared with a Kangxi radical (一 ⼀, 人 ⼈) back to the radical, so
    # the words checked here have none of those.
    assert "信息发布审核表" in first_page
    assert "关于开展政务公开专项检查的通知" in first_page


def test_long_text_runs_onto_more_pages(qapp, tmp_path):
    path = tmp_path / "form.pdf"
    text = "\n".join(f"第{n}段：为规范政务信息发布工作，制定本办法。" for n in range(200))
    print_html_to_pdf(form_html(sample_form(text)), path)
    assert load(qapp, path).pageCount() >= 3  # the form, then the text on pages of its own


def test_replaces_an_existing_file(qapp, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")
    print_html_to_pdf("<p>你好</p>", path)
    assert path.read_bytes().startswith(b"%PDF")


def test_unwritable_path_raises_oserror_in_chinese(qapp, tmp_path):
    path = tmp_path / "missing" / "out.pdf"
    with pytest.raises(OSError, match="无法写入 PDF 文件"):
        print_html_to_pdf("<p>你好</p>", path)
    assert not path.parent.exists()
