"""Reading drafts: encodings, HTML visible text, docx, and clear errors for bad files."""

import pytest

from desk.documents.encoding import UndecodableText, decode_text
from desk.documents.html_text import visible_text
from desk.documents.loader import DocumentError, load_document
from tests.conftest import docx_paragraph

TEXT = "关于印发《政务公开工作要点》的通知\r\n第二行"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16", "utf16le-bom"],
)
def test_text_decodes_exactly(data):
    assert decode_text(data) == TEXT


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x80\x80\xff\xfe\xfd", "既不是 UTF-8 也不是 GB18030"),
        (b"abc\x00def", "空字节"),
        (b"\xef\xbb\xbf\xff\xfe\x80", "UTF-8"),
    ],
)
def test_undecodable_bytes_give_a_clear_error(data, needle):
    with pytest.raises(UndecodableText, match=needle):
        decode_text(data)


def test_txt_is_read_exactly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))
    document = load_document(path)
    assert (document.kind, document.text, document.html) == ("txt", TEXT, None)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>百<b>家</b>乐</p>", "百家乐"),
        ("<p>百<span style='color:red'>家</span><i>乐</i></p>", "百家乐"),
        ("<p>一</p><p>二</p>", "一\n二"),
        ("<div>一<br>二</div>", "一\n二"),
        ("<table><tr><td>甲</td><td>乙</td></tr></table>", "甲\n乙"),
        ("<p>a  \n  b</p>", "a b"),
        ("<pre>a  b\n c</pre>", "a  b\n c"),
        ("<script>百家乐()</script><style>p{}</style><p>正文</p>", "正文"),
        ("<head><title>标题</title></head><body>正文</body>", "正文"),
        ("<p>&#x767e;&amp;&lt;家&gt;</p>", "百&<家>"),
        ("<p>未闭合 <b>粗体 <i>斜体</p></div></span>尾", "未闭合 粗体 斜体\n尾"),
        ("<p>a</b>b", "ab"),
        ("<<<>>>&&&<p", "<<<>>>&&&<p"),  # never raises on garbage
    ],
)
def test_html_visible_text(html, text):
    assert visible_text(html) == text


def test_html_file(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><body><h1>标题</h1><p>百<b>家</b>乐</p></body></html>", encoding="gbk")
    document = load_document(path)
    assert document.kind == "html" and document.text == "标题\n百家乐" and "<b>" in document.html


def test_docx_keeps_terms_split_across_runs(make_docx):
    path = make_docx(docx_paragraph("欢迎来到百", "家", "乐", bold=(1,)) + docx_paragraph("第二段"))
    document = load_document(path)
    assert document.kind == "docx"
    assert document.text == "欢迎来到百家乐\n第二段"
    assert "<strong>家</strong>" in document.html


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "不是有效的 .docx"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "“另存为” .docx 后再导入"),
        ("a.pdf", b"%PDF", "另存为"),
        ("a.exe", b"MZ", "不支持的文件类型"),
        ("gb.txt", b"\x80\x80\xff\xfe", "UTF-8"),
    ],
)
def test_unreadable_files_give_clear_errors(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=needle):
        load_document(path)


def test_docx_zip_without_document_part(tmp_path):
    import zipfile

    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "x")
    with pytest.raises(DocumentError, match="docx"):
        load_document(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="不存在"):
        load_document(tmp_path / "nope.txt")
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="文件夹"):
        load_document(folder)
