"""Exporting a draft as .docx and as a published page: what survives, what doesn't, and failures."""

import base64
import errno
import os
import re
import struct
import tempfile
import zipfile
import zlib
from xml.etree import ElementTree

import pytest

from desk.documents import ooxml
from desk.documents.export import ExportError, export_docx, export_html
from desk.documents.image_size import pixel_size
from desk.documents.loader import load_document
from desk.documents.rich_text import semantic_html
from desk.links import parse_whitelist
from desk.render import render_html

W = f"{{{ooxml.W}}}"


def png(width: int, height: int) -> bytes:
    """A real, decodable RGB PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


PICTURE = png(3, 2)
_P = ' style=" margin-top:12px; margin-bottom:12px; margin-left:0px; margin-right:0px; -qt-block-indent:0; text-indent:0px;"'
# What QTextDocument.toHtml() gives for a typical draft (PySide6, trimmed to the parts that matter)
QT_DRAFT = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN" "http://www.w3.org/TR/REC-html40/strict.dtd">
<html><head><meta name="qrichtext" content="1" /><meta charset="utf-8" /><style type="text/css">
p, li {{ white-space: pre-wrap; }}
hr {{ height: 1px; border-width: 0; }}
li.unchecked::marker {{ content: "\\2610"; }}
li.checked::marker {{ content: "\\2612"; }}
</style></head><body style=" font-family:'Sans Serif'; font-size:9pt; font-weight:400; font-style:normal;">
<h1{_P}><span style=" font-size:xx-large; font-weight:700;">一、总体要求</span></h1>
<p{_P}>正文<span style=" font-weight:700;">加粗</span><span style=" font-style:italic;">斜体</span><span style=" text-decoration: underline;">下划线</span>x<span style=" vertical-align:super;">2</span>H<span style=" vertical-align:sub;">2</span>O 表情😀</p>
<ul style="margin-top: 0px; margin-bottom: 0px; margin-left: 0px; margin-right: 0px; -qt-list-indent: 1;">
<li{_P}>甲项
<ul style="margin-top: 0px; margin-bottom: 0px; margin-left: 0px; margin-right: 0px; -qt-list-indent: 2;">
<li{_P}>甲项之一</li></ul></li>
<li{_P}>乙项</li></ul>
<ol style="margin-top: 0px; margin-bottom: 0px; margin-left: 0px; margin-right: 0px; -qt-list-indent: 1;">
<li{_P}>第一步</li>
<li{_P}>第二步</li></ol>
<table border="1" style=" margin-top:0px; margin-bottom:0px; margin-left:0px; margin-right:0px;" cellspacing="2" cellpadding="0">
<tr>
<td colspan="2">
<p align="center"{_P}><span style=" font-weight:700;">表头</span></p></td></tr>
<tr>
<td>
<p{_P}>单元甲</p></td>
<td>
<p{_P}>单元乙</p></td></tr></table>
<p{_P}><a href="https://www.gov.cn/zhengce/"><span style=" text-decoration: underline; color:#0000ff;">中国政府网</span></a> <a href="http://evil.example/"><span style=" text-decoration: underline; color:#0000ff;">外部网站</span></a></p>
<p{_P}><img src="{data_uri(PICTURE)}" alt="示意图" width="3" height="2" /></p></body></html>"""


@pytest.fixture(scope="module")
def whitelist():
    return parse_whitelist("gov.cn\n", source="export-test-whitelist")


def docx_xml(path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def all_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def leftovers(folder) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


# -- .docx round trip ----------------------------------------------------------------------


@pytest.fixture
def round_trip(tmp_path, whitelist):
    path = tmp_path / "通知.docx"
    export_docx("关于开展专项检查的通知", QT_DRAFT, path, whitelist=whitelist)
    return load_document(path).html


def test_docx_keeps_title_headings_and_run_formatting(round_trip):
    assert round_trip.startswith(
        '<h1 class="title">关于开展专项检查的通知</h1><h1>一、总体要求</h1>'
    )
    assert (
        "<p>正文<strong>加粗</strong><em>斜体</em>下划线x<sup>2</sup>H<sub>2</sub>O 表情😀</p>"
        in round_trip
    )


def test_docx_keeps_nested_bullets_and_numbers(round_trip):
    assert "<ul><li>甲项<ul><li>甲项之一</li></ul></li><li>乙项</li></ul>" in round_trip
    assert "<ol><li>第一步</li><li>第二步</li></ol>" in round_trip


def test_docx_keeps_tables_with_colspan(round_trip):
    assert '<table><tr><td colspan="2"><p><strong>表头</strong></p></td></tr>' in round_trip
    assert "<td><p>单元甲</p></td><td><p>单元乙</p></td>" in round_trip


def test_docx_keeps_trusted_links_and_delinks_the_rest(round_trip):
    assert '<a href="https://www.gov.cn/zhengce/">中国政府网</a> 外部网站' in round_trip
    assert "evil.example" not in round_trip


def test_docx_embeds_data_uri_images(round_trip):
    image = re.search(r'<img alt="示意图" src="data:image/png;base64,([^"]+)" />', round_trip)
    assert image is not None
    assert base64.b64decode(image.group(1)) == PICTURE


def test_docx_rowspan_becomes_a_vertical_merge(tmp_path, whitelist):
    body = (
        "<table><tr><td rowspan=2>合并</td><td>一</td></tr><tr><td>二</td></tr>"
        "<tr><td>三</td><td>四</td></tr></table>"
    )
    path = tmp_path / "t.docx"
    export_docx("", body, path, whitelist=whitelist)
    html = load_document(path).html
    assert (
        '<td rowspan="2"><p>合并</p></td><td><p>一</p></td></tr><tr><td><p>二</p></td></tr>' in html
    )
    assert "<w:vMerge/>" in docx_xml(path)


def test_each_numbered_list_restarts(tmp_path, whitelist):
    path = tmp_path / "lists.docx"
    export_docx(
        "", "<ol><li>一</li></ol><p>中间</p><ol><li>一</li></ol>", path, whitelist=whitelist
    )
    numbers = re.findall(r'<w:numId w:val="(\d+)"/>', docx_xml(path))
    assert len(set(numbers)) == 2
    numbering = docx_xml(path, "word/numbering.xml")
    assert numbering.count('<w:startOverride w:val="1"/>') == 2 * 9


def test_quotes_preformatted_and_code(tmp_path, whitelist):
    body = "<blockquote><p>引文</p></blockquote><pre>\nif x:\n\treturn  1\n</pre><p>用 <code>desk check</code></p>"
    path = tmp_path / "q.docx"
    export_docx("", body, path, whitelist=whitelist)
    xml = docx_xml(path)
    assert (
        '<w:ind w:left="640" w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">引文'
        in xml
    )
    assert (
        '<w:pStyle w:val="HTMLPreformatted"/></w:pPr><w:r><w:t xml:space="preserve">if x:</w:t><w:br/>'
        '<w:tab/><w:t xml:space="preserve">return  1</w:t></w:r></w:p>'
    ) in xml
    assert (
        '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/></w:rPr><w:t xml:space="preserve">desk check'
        in xml
    )


def test_remote_trusted_image_is_linked_not_fetched(tmp_path, whitelist):
    path = tmp_path / "r.docx"
    export_docx(
        "", '<p><img src="https://www.gov.cn/a.png" alt="图"></p>', path, whitelist=whitelist
    )
    assert '<p><a href="https://www.gov.cn/a.png">[图片：图]</a></p>' in load_document(path).html
    assert not any(name.startswith("word/media/") for name in zipfile.ZipFile(path).namelist())


def test_a_remote_image_without_alt_is_not_named_by_its_address(tmp_path, whitelist):
    path = tmp_path / "r.docx"
    src = "https://www.gov.cn/网上赌博开户.png"
    export_docx("", f'<p><img src="{src}"></p>', path, whitelist=whitelist)
    assert '">[图片]</a></p>' in load_document(path).html  # the address is the link's target


# -- package structure ---------------------------------------------------------------------


def test_every_part_is_well_formed_and_referenced(tmp_path, whitelist):
    path = tmp_path / "a.docx"
    export_docx("标题", QT_DRAFT, path, whitelist=whitelist)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for name in names:
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        relationships = ElementTree.fromstring(archive.read("word/_rels/document.xml.rels"))
    assert names[0] == "[Content_Types].xml"
    for required in ("_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml",
                     "docProps/core.xml", "word/_rels/document.xml.rels"):  # fmt: skip
        assert required in names
    for relationship in relationships:
        if relationship.get("TargetMode") != "External":
            assert "word/" + relationship.get("Target") in names
    assert [name for name in names if name.startswith("word/media/")] == ["word/media/image1.png"]


def test_styles_give_the_official_document_look(tmp_path, whitelist):
    path = tmp_path / "s.docx"
    export_docx("标题", "<p>正文</p>", path, whitelist=whitelist)
    styles = ElementTree.fromstring(docx_xml(path, "word/styles.xml"))
    fonts = {
        style.get(f"{W}styleId"): style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
        for style in styles.iter(f"{W}style")
        if style.find(f"{W}rPr/{W}rFonts") is not None
    }
    assert fonts["Title"] == "方正小标宋简体"
    assert fonts["Heading1"] == "黑体"
    assert {fonts[f"Heading{level}"] for level in range(1, 7)} <= {
        "黑体",
        "楷体_GB2312",
        "仿宋_GB2312",
    }
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋_GB2312"
    font_table = docx_xml(path, "word/fontTable.xml")
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in font_table


def test_pictures_keep_their_size_and_fit_the_page(tmp_path, whitelist):
    body = "".join(
        f'<p><img src="{data_uri(png(w, h))}" alt="图{w}" {extra}></p>'
        for w, h, extra in ((30, 20, ""), (4000, 100, ""), (30, 20, 'width="60"'))
    )
    path = tmp_path / "p.docx"
    export_docx("", body, path, whitelist=whitelist)
    extents = [
        tuple(map(int, m))
        for m in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', docx_xml(path))
    ]
    pixel = ooxml.EMU_PER_PIXEL
    page = ooxml.TEXT_WIDTH * ooxml.EMU_PER_TWIP
    assert extents[0] == (30 * pixel, 20 * pixel)
    assert extents[1][0] == page and extents[1][1] == round(100 * pixel * page / (4000 * pixel))
    assert extents[2] == (60 * pixel, 40 * pixel)
    assert 'descr="图30"' in docx_xml(path)


def test_pixel_size_reads_image_headers():
    gif = b"GIF89a" + struct.pack("<HH", 7, 9) + b"\x00" * 10
    jpeg = (
        b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
        + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\x00" * 10
    )  # fmt: skip
    bmp = b"BM" + b"\x00" * 16 + struct.pack("<ii", 5, -6) + b"\x00" * 30
    webp = (
        b"RIFF\x00\x00\x00\x00WEBPVP8X"
        + b"\x00" * 8
        + (9).to_bytes(3, "little")
        + (4).to_bytes(3, "little")
    )
    assert pixel_size(png(12, 34)) == (12, 34)
    assert pixel_size(gif) == (7, 9)
    assert pixel_size(jpeg) == (640, 480)
    assert pixel_size(bmp) == (5, 6)
    assert pixel_size(webp) == (10, 5)
    for broken in (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xda\x00\x02", png(0, 0), b"GIF89a"):
        assert pixel_size(broken) is None


# -- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kept", "gone"),
    [
        ("<p>控制\x01字\x0b符\x1f\x7f\x85\ufffe与&#1;代理\ud800对</p>", "控制字符与代理", "\x01"),
        ("<p>正文</p><script>alert('秘密')</script><style>p{}</style>", "正文", "alert"),
        (
            "<p>看得见<span style='display:none'>秘密</span><font style='font-size:0'>暗链</font></p>",
            "看得见",
            "秘密",
        ),
        (
            "<style>.x{display:none}</style><p class=x><span style='font-weight:700'>秘密</span></p><p>公开</p>",
            "公开",
            "秘密",
        ),
        (
            "<p><b>未闭合<i>斜体<table><tr><td rowspan=9 colspan=2>格<td>乙</table></div></p><li>孤项<p hidden>秘密",
            "孤项",
            "秘密",
        ),
        (
            "<table><tr>" + "<td>列</td>" * 100 + "</tr><tr><td colspan=99999>宽</td></tr></table>",
            "宽",
            "秘密",
        ),
        ("<div>" * 300 + "<b>深处</b>" + "</div>" * 300, "深处", "秘密"),
        (
            "<ul><li>" * 40 + "<blockquote>" * 20 + f"<img src='{data_uri(PICTURE)}'>嵌套",
            "嵌套",
            "秘密",
        ),
        ("<p>" + "政务公开工作要点" * 12500 + "</p>", "政务公开工作要点" * 100, "秘密"),
    ],
    ids=[
        "control-chars",
        "script",
        "hidden",
        "stylesheet-hidden",
        "broken",
        "wide-table",
        "deep",
        "deep-lists",
        "huge",
    ],
)
def test_hostile_input_gives_a_valid_file_without_hidden_content(
    tmp_path, whitelist, body, kept, gone
):
    path = tmp_path / "h.docx"
    export_docx("标题\x00\ud800", body, path, whitelist=whitelist)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
    grid = re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", docx_xml(path))
    assert all(columns.count("<w:gridCol ") <= 63 for columns in grid)
    text = load_document(path).text
    assert kept in text
    assert gone not in all_text(path)


# -- the published page ------------------------------------------------------------------------


def test_export_html_writes_the_page_and_its_assets(tmp_path, whitelist):
    path = tmp_path / "out" / "通知.html"
    path.parent.mkdir()
    result = export_html("关于开展专项检查的通知", QT_DRAFT, path, whitelist=whitelist)
    page = path.read_text(encoding="utf-8")
    assert f'<meta name="desk-content-sha256" content="{result.content_hash}">' in page
    assert page == result.html and result.template == "portal"
    assert "<strong>加粗</strong>" in page and "<em>斜体</em>" in page
    assert '<a href="https://www.gov.cn/zhengce/">中国政府网</a>' in page
    assert "evil.example" not in page and "data:" not in page
    ((name, data),) = result.assets.items()
    assert data == PICTURE and (path.parent / "assets" / name).read_bytes() == PICTURE
    assert f'src="assets/{name}"' in page
    assert leftovers(path.parent) == [] and leftovers(path.parent / "assets") == []


def test_docx_holds_exactly_the_published_body(tmp_path, whitelist):
    page = export_html("标题", QT_DRAFT, tmp_path / "p.html", whitelist=whitelist)
    document = export_docx("标题", QT_DRAFT, tmp_path / "p.docx", whitelist=whitelist)
    assert document.body == page.body and document.content_hash == page.content_hash


# -- editor formatting -------------------------------------------------------------------------


def test_styled_spans_become_elements():
    html = (
        '<p><span style="font-weight:700">粗<span style="font-weight:400">细</span></span>'
        '<span style="font-style:italic; text-decoration: underline">斜</span>'
        "<span style=\"font-family:'Courier New'\">等宽</span></p>"
    )
    assert semantic_html(html) == (
        '<p><span style="font-weight:700"><strong>粗</strong><span style="font-weight:400">细</span></span>'
        '<span style="font-style:italic; text-decoration: underline"><em><u>斜</u></em></span>'
        "<span style=\"font-family:'Courier New'\"><code>等宽</code></span></p>"
    )


@pytest.mark.parametrize(
    "html",
    [
        '<h1><span style="font-weight:700">标题</span></h1>',
        '<a href="https://www.gov.cn/"><span style="text-decoration: underline">链接</span></a>',
        '<b><span style="font-weight:bold">已粗</span></b>',
        '<p><span style="font-weight:700;display:none">隐藏</span></p>',
        "<script>var s = '<span style=\"font-weight:700\">x</span>';</script>",
        '<style>strong{visibility:visible}</style><span style="visibility:hidden;font-weight:700">隐藏</span>',
        '<style>strong{display:none}</style><span style="font-weight:700">可见</span>',
    ],
    ids=["heading", "link", "already-bold", "hidden", "script", "revealing-sheet", "hiding-sheet"],
)
def test_nothing_is_wrapped_where_it_would_add_nothing_or_change_visibility(html):
    assert semantic_html(html) == html


def test_hidden_styled_text_is_not_published(whitelist):
    html = '<p><span style="font-weight:700;font-size:0">暗链</span>正文</p>'
    assert render_html(html, whitelist=whitelist, template="bare").body == "<p>正文</p>"


# -- failures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("export", [export_docx, export_html])
def test_a_folder_in_the_way_raises_and_writes_nothing(tmp_path, whitelist, export):
    path = tmp_path / "draft.out"
    path.mkdir()
    with pytest.raises(OSError) as caught:
        export("标题", QT_DRAFT, path, whitelist=whitelist)
    assert isinstance(caught.value, ExportError) and caught.value.errno == errno.EISDIR
    assert "无法保存" in str(caught.value) and "文件夹" in str(caught.value)
    assert sorted(os.listdir(tmp_path)) == ["draft.out"]
    assert os.listdir(path) == []


@pytest.mark.parametrize("export", [export_docx, export_html])
def test_a_missing_folder_raises(tmp_path, whitelist, export):
    with pytest.raises(ExportError, match="文件夹不存在"):
        export("标题", "<p>正文</p>", tmp_path / "nowhere" / "a.out", whitelist=whitelist)


@pytest.mark.parametrize("export", [export_docx, export_html])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path, whitelist, export, monkeypatch
):
    path = tmp_path / "draft.out"
    path.write_bytes(b"old")

    def disk_full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportError, match="磁盘空间不足"):
        export("标题", "<p>正文</p>", path, whitelist=whitelist)
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
@pytest.mark.parametrize("export", [export_docx, export_html])
def test_a_read_only_folder_raises(tmp_path, whitelist, export):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="没有写入权限"):
            export("标题", QT_DRAFT, folder / "a.out", whitelist=whitelist)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("export", [export_docx, export_html])
def test_permission_denied_is_reported(tmp_path, whitelist, export, monkeypatch):
    """What a read-only folder gives when the tests run as root (who may write anywhere)."""

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="没有写入权限") as caught:
        export("标题", "<p>正文</p>", tmp_path / "a.out", whitelist=whitelist)
    assert caught.value.errno == errno.EACCES
    assert os.listdir(tmp_path) == []
