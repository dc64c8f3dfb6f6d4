"""The title of an imported file: Word's Title style or a heading, else the first line of a
公文 that reads as a title, else an HTML page's <title>; taken out of the body."""

from __future__ import annotations

import pytest

from desk.documents.export import export_docx
from desk.documents.loader import load_document
from desk.documents.title import take_title
from desk.links import load_default_whitelist
from tests.conftest import docx_paragraph

NOTICE = "关于做好2026年政务公开工作的通知"
SALUTATION = "各区县人民政府，市政府各部门："
FIRST = "为深入贯彻落实《中华人民共和国政府信息公开条例》，现将有关事项通知如下。"
# Chinese Word: built-in styles keep their English names under ids of its own
STYLES = {"a3": "Title", "1": "heading 1", "2": "heading 2", "a5": "Normal"}


def docx_title(make_docx, *paragraphs: str) -> tuple[str | None, str]:
    title, body = take_title(load_document(make_docx("".join(paragraphs), styles=STYLES)))
    return title, body.text


def test_word_s_title_style_is_the_title(make_docx):
    title, text = docx_title(
        make_docx,
        docx_paragraph("XX市人民政府办公室文件"),  # the 版头 before it stays in the body
        docx_paragraph(NOTICE, style="a3"),
        docx_paragraph(SALUTATION),
        docx_paragraph(FIRST),
    )
    assert title == NOTICE
    assert text == f"XX市人民政府办公室文件\n{SALUTATION}\n{FIRST}"


def test_a_first_heading_is_the_title(make_docx):
    title, text = docx_title(
        make_docx,
        docx_paragraph(""),
        docx_paragraph(NOTICE, style="1"),
        docx_paragraph(FIRST),
        docx_paragraph("一、工作目标", style="2"),
    )
    assert title == NOTICE
    assert text == f"{FIRST}\n一、工作目标"


def test_the_first_line_of_a_notice_is_its_title(make_docx):
    title, text = docx_title(
        make_docx,
        docx_paragraph("关于做好", "2026", "年政务公开工作的通知", bold=(0, 1, 2)),
        docx_paragraph(SALUTATION),
        docx_paragraph(FIRST),
    )
    assert title == NOTICE
    assert text == f"{SALUTATION}\n{FIRST}"


def test_the_head_of_an_official_document_is_passed_over(make_docx):
    title, text = docx_title(
        make_docx,
        docx_paragraph("特急"),
        docx_paragraph("XX市人民政府办公室文件"),
        docx_paragraph("X政办发〔2026〕3号"),
        docx_paragraph(NOTICE),
        docx_paragraph(SALUTATION),
    )
    assert title == NOTICE
    assert text == f"特急\nXX市人民政府办公室文件\nX政办发〔2026〕3号\n{SALUTATION}"


@pytest.mark.parametrize("label", ["附件1", "附件", "附件：", "附件 2：", "附件一", "附件1-2"])
@pytest.mark.parametrize("style", [None, "1"])
def test_the_attachment_label_above_the_title_is_passed_over(make_docx, label, style):
    """An attachment (附件1) starts with its label, then its title; the label stays in
    the body, also when it is styled as a heading."""
    title, text = docx_title(
        make_docx,
        docx_paragraph(label, style=style),
        docx_paragraph(NOTICE),
        docx_paragraph(SALUTATION),
        docx_paragraph(FIRST),
    )
    assert title == NOTICE
    assert text == f"{label}\n{SALUTATION}\n{FIRST}"


def test_a_title_that_names_an_attachment_is_a_title(make_docx):
    title, _ = docx_title(make_docx, docx_paragraph("附件材料报送说明"), docx_paragraph(FIRST))
    assert title == "附件材料报送说明"


@pytest.mark.parametrize(
    "first",
    [
        SALUTATION,  # a salutation: the text has begun
        FIRST,  # a sentence
        "一、工作目标",  # a section
        "2026年3月1日",
        "这是一段很长的文字" * 8,  # longer than a title
    ],
)
def test_no_title_when_the_text_begins_at_once(make_docx, first):
    title, text = docx_title(make_docx, docx_paragraph(first), docx_paragraph("第二段。"))
    assert title is None
    assert text == f"{first}\n第二段。"


def test_a_heading_after_the_text_has_begun_is_not_the_title(make_docx):
    title, _ = docx_title(
        make_docx,
        docx_paragraph(SALUTATION),
        docx_paragraph("一、工作目标", style="1"),
        docx_paragraph(FIRST),
    )
    assert title is None


def test_a_one_line_file_has_text_but_no_title(make_docx):
    assert docx_title(make_docx, docx_paragraph(NOTICE)) == (None, NOTICE)


def test_a_title_before_a_table_only(make_docx):
    table = (
        "<w:tbl><w:tr><w:tc>"
        + docx_paragraph("单位")
        + "</w:tc><w:tc>"
        + docx_paragraph("电话")
        + "</w:tc></w:tr></w:tbl>"
    )
    assert (
        docx_title(make_docx, table, docx_paragraph("值班安排"), docx_paragraph("正文"))[0] is None
    )
    assert docx_title(make_docx, docx_paragraph("值班安排"), table)[0] == "值班安排"


def test_desk_s_own_export_comes_back_with_its_title(tmp_path):
    path = tmp_path / f"{NOTICE}（发布稿）.docx"
    export_docx(
        NOTICE, f"<p>{SALUTATION}</p><p>{FIRST}</p>", path, whitelist=load_default_whitelist()
    )
    title, body = take_title(load_document(path))
    assert title == NOTICE
    assert body.text == f"{SALUTATION}\n{FIRST}"
    assert NOTICE not in body.html


@pytest.mark.parametrize(
    ("html", "title", "text"),
    [
        (f"<h1>{NOTICE}</h1><p>{FIRST}</p>", NOTICE, FIRST),
        (
            f"<html><head><title>{NOTICE}_XX市人民政府</title></head>"
            f"<body><div><p>{SALUTATION}</p><p>{FIRST}</p></div></body></html>",
            f"{NOTICE}_XX市人民政府",
            f"{SALUTATION}\n{FIRST}",
        ),
        (
            f"<html><head><title>网页标题</title></head><body><p>{NOTICE}</p><p>{FIRST}</p>",
            NOTICE,
            FIRST,
        ),
        (
            "<p>关于印发《工作要点》<br>的通知</p><p>各单位：</p>",  # broken over two lines
            "关于印发《工作要点》的通知",
            "各单位：",
        ),
        ("<p>Annual<br>Report</p><p>Text.</p>", "Annual Report", "Text."),
        (f"<p><img src='logo.png'>{NOTICE}</p><p>{FIRST}</p>", None, f"{NOTICE}\n{FIRST}"),
        (f"<p><img src='banner.png'></p><p>{NOTICE}</p><p>{FIRST}</p>", NOTICE, FIRST),
    ],
)
def test_html(tmp_path, html, title, text):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    found, body = take_title(load_document(path))
    assert (found, body.text) == (title, text)
    assert body.layout is not None and body.layout.text == body.text


def test_plain_text(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(f"\n{NOTICE}\n\n{SALUTATION}\n{FIRST}\n", encoding="utf-8")
    title, body = take_title(load_document(path))
    assert title == NOTICE
    assert body.text == f"{SALUTATION}\n{FIRST}\n"
    path.write_text(f"{SALUTATION}\n{FIRST}\n", encoding="utf-8")
    assert take_title(load_document(path)) == (None, load_document(path))
