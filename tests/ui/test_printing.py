"""Printing HTML to an A4 PDF: the file, its pages, its Chinese text, write failures."""

import base64
import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtGui import QTextListFormat  # test-only: what the list blocks are
from PySide6.QtPdf import QPdfDocument  # test-only: reads back what was printed

from desk.render.sanitize import text_to_html
from desk.review.approval_form import (
    MAX_PICTURE_WIDTH,
    SIGN_LINE,
    ApprovalForm,
    FormAction,
    approval_form,
    form_html,
)
from desk.review.commands import SaveRevision, apply, new_id
from desk.review.verified import VerifiedState
from desk.ui.printing import print_html_to_pdf, printable_document
from desk.ui.qt import QImage, QTextBlock, QTextDocument, QTextTable, QUrl
from tests.flow import Org
from tests.render.inert import png_bytes
from tests.review.test_approval_form import RICH_BODY

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
        body_html=text_to_html(text),
        images={},
        verified=VerifiedState("cd" * 32, 12),
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


BODY_BOTTOM_PT = (297 - 25) * 72 / 25.4  # A4 less the 5 mm page margin and the 2 cm inside


def characters(pdf: QPdfDocument, page: int) -> list[tuple[str, float]]:
    """The page's printed characters (not spaces), each with the top of its box in points."""
    selection = pdf.getAllText(page)
    printed = [character for character in selection.text() if not character.isspace()]
    tops = [polygon.boundingRect().top() for polygon in selection.bounds()]
    assert len(printed) == len(tops)
    return list(zip(printed, tops, strict=True))


def page_of(pdf: QPdfDocument, text: str) -> int:
    """The one page that prints ``text`` (wrapped or not)."""
    [page] = [n for n in range(pdf.pageCount()) if text in "".join(printed(pdf, n).split())]
    return page


def printed(pdf: QPdfDocument, page: int) -> str:
    return pdf.getAllText(page).text()


# one per row; read back as printed (Qt prints some characters as their Kangxi radicals)
MARKS = "春夏秋冬梅兰松菊琴棋诗画花茶桥柳"


def test_a_row_of_the_history_is_never_split_between_pages(qapp, tmp_path):
    """Rows of the 审核过程记录 of varying height, enough for three pages: each row is
    printed whole on one page, and below the text a page shows only its number (Qt's own
    pagination printed a split row's centred cells there)."""
    form = sample_form("正文")
    first = form.actions[0]
    actions = tuple(
        dataclasses.replace(  # no approval: the rows are in the history only
            first,
            level="draft",
            level_label="起草",
            action="submit",
            action_label="提交审核",
            at=first.at + timedelta(minutes=n),
            opinion=f"{MARKS[n]}起" + "同意。" * (n * 7 % 40) + f"{MARKS[n]}尾",
        )
        for n in range(16)
    )
    path = tmp_path / "审核表.pdf"
    print_html_to_pdf(form_html(dataclasses.replace(form, actions=actions)), path)
    pdf = load(qapp, path)
    assert pdf.pageCount() >= 4  # the history runs over three pages, the original follows
    for n, action in enumerate(actions):
        at = action.at.astimezone().strftime("%H:%M")
        page = page_of(pdf, f"{MARKS[n]}起")
        assert page_of(pdf, f"{MARKS[n]}尾") == page
        assert at in printed(pdf, page)
    for page in range(pdf.pageCount()):
        below = [c for c, top in characters(pdf, page) if top > BODY_BOTTOM_PT]
        assert "".join(below) == f"{page + 1}/{pdf.pageCount()}"


def test_rows_a_cell_spans_stay_together(qapp, tmp_path):
    rows = "".join(
        f'<tr><td rowspan="2">A{n:02}</td><td>B{n:02}<br>续<br>续</td></tr><tr><td>C{n:02}</td></tr>'
        for n in range(40)
    )
    path = tmp_path / "表.pdf"
    print_html_to_pdf(f'<table border="1" cellspacing="0" cellpadding="8">{rows}</table>', path)
    pdf = load(qapp, path)
    assert pdf.pageCount() >= 2
    for n in range(40):
        assert page_of(pdf, f"A{n:02}") == page_of(pdf, f"B{n:02}") == page_of(pdf, f"C{n:02}")


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


def stored_form(store, body_html: str, *, major: bool = False) -> ApprovalForm:
    """The 审核表 of a draft with this body, signed through 三审 and published."""
    org = Org(store)
    draft = org.draft(major=major)
    apply(store, SaveRevision(new_id(), "liaison", draft, "通知", body_html, "正文"))
    org.through_signing(draft)
    return approval_form(store, draft)


def blocks(document: QTextDocument) -> list[QTextBlock]:
    found, block = [], document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def tables(document: QTextDocument) -> list[list[list[str]]]:
    """Every table of the laid-out page, as rows of cell texts."""
    found = []
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            found.append(
                [
                    [
                        frame.cellAt(row, column).firstCursorPosition().block().text()
                        for column in range(frame.columns())
                    ]
                    for row in range(frame.rows())
                ]
            )
    return found


def test_the_printer_gets_the_original_with_its_structure(qapp, store):
    picture = base64.b64encode(png_bytes(1600, 900)).decode()
    body = RICH_BODY + f'<p><img src="data:image/png;base64,{picture}"></p>'
    form = stored_form(store, body)
    document = printable_document(form_html(form), form.images)
    headings = [(b.blockFormat().headingLevel(), b.text()) for b in blocks(document)]
    assert (2, "一、工作目标") in headings
    listed = {b.text(): b.textList().format().style() for b in blocks(document) if b.textList()}
    assert listed["加强政策解读"] == QTextListFormat.Style.ListDisc
    assert listed["回应社会关切"] == QTextListFormat.Style.ListDisc
    assert listed["三月自查"] == QTextListFormat.Style.ListDecimal
    assert [["单位", "电话"], ["办公室", "12345678"]] in tables(document)  # one row, two cells
    [(name, width)] = [
        (
            fragment.charFormat().toImageFormat().name(),
            fragment.charFormat().toImageFormat().width(),
        )
        for b in blocks(document)
        for fragment in (b.begin().fragment(),)
        if fragment.isValid() and fragment.charFormat().isImageFormat()
    ]
    assert name in form.images and width == MAX_PICTURE_WIDTH
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
    assert isinstance(image, QImage) and image.width() == 1600


@pytest.mark.parametrize(("major", "lines"), [(False, 3), (True, 4)])
def test_each_level_has_room_to_sign_by_hand(qapp, store, tmp_path, major, lines):
    form = stored_form(store, "<p>正文。</p>", major=major)
    page = form_html(form)
    document = printable_document(page, form.images)
    signing = tables(document)[0]  # the form; the history follows
    sign_rows = [row for row in signing if row[1].startswith("签字：")]
    assert len(sign_rows) == lines
    assert all(row[1] == SIGN_LINE for row in sign_rows)
    path = tmp_path / "审核表.pdf"
    print_html_to_pdf(page, path, form.images)
    pdf = load(qapp, path)
    assert pdf.getAllText(0).text().count("签字：") == lines
    assert "签字" not in pdf.getAllText(1).text()  # the original starts on a page of its own


def test_the_signing_line_has_room_above_it(qapp):
    document = printable_document(form_html(sample_form("正文")))
    cells = [
        cell
        for frame in document.rootFrame().childFrames()
        if isinstance(frame, QTextTable)
        for row in range(frame.rows())
        if (cell := frame.cellAt(row, 1)).firstCursorPosition().block().text() == SIGN_LINE
    ]
    assert len(cells) == 3
    assert all(cell.format().toTableCellFormat().topPadding() >= 20 for cell in cells)
