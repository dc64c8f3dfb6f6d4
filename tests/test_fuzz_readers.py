"""Fuzzing every reader of files Desk did not write.

Random bytes, random zip archives shaped like .docx and .xlsx (with parts that are
garbage, truncated, or bombs), and random HTML go to the readers of drafts, lexicons,
whitelists, holiday lists and images, and loaded drafts on to the check and the render.
Each must give a result or its own clear error, never another exception, and within a
memory bound: on Linux the address space is capped around each read (``bounded_memory``), so
a reader that tried to unpack a bomb would fail with MemoryError.
"""

import contextlib
import io
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desk.documents.loader import Document, DocumentError, load_document
from desk.lexicon import LexiconFileError, load_lexicon, read_entries
from desk.links import WhitelistError, load_whitelist
from desk.reading import MB
from desk.render import render_document
from desk.render.images import LocalImages, image_extension
from desk.review.calendar_files import HolidayListError, load_holiday_lists
from desk.review.calendar_workdays import WorkCalendar
from desk.review.check import Checker
from tests.conftest import _DOCX_PARTS
from tests.render.sample_images import SAMPLES

CHECKER = Checker(load_lexicon(starter=True))
HEADROOM = 1024 * MB  # address space a reader may take on top of what the run has
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize")


@contextlib.contextmanager
def bounded_memory() -> Iterator[None]:
    """Cap this process's address space: what it has, plus HEADROOM. Only around a
    reader, so that hypothesis and pytest report a failure with memory to spare."""
    if not sys.platform.startswith("linux"):
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + HEADROOM
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# --- the readers, and the errors each may give ---------------------------------------------


def _draft(path: Path) -> object:
    document = load_document(path)
    _check_and_render(document, path)
    return document


def _check_and_render(document: Document, path: Path) -> None:
    result = CHECKER.check(document.text, None, document.html, document.layout, limit=50)
    assert len(result.findings) <= 50
    render_document(document, whitelist=CHECKER.whitelist, output_path=path.with_suffix(".out"))


def _image(path: Path) -> object:
    data = LocalImages(path.parent)(path.name)
    return None if data is None else image_extension(data)


READERS: dict[str, tuple[Callable[[Path], object], tuple[type[Exception], ...]]] = {
    ".txt": (_draft, (DocumentError,)),
    ".html": (_draft, (DocumentError,)),
    ".docx": (_draft, (DocumentError,)),
    "lexicon.csv": (read_entries, (LexiconFileError,)),
    "lexicon.txt": (read_entries, (LexiconFileError,)),
    "lexicon.xlsx": (read_entries, (LexiconFileError,)),
    "whitelist.txt": (load_whitelist, (WhitelistError, OSError)),
    "holidays.txt": (
        lambda path: load_holiday_lists(path, base=WorkCalendar()),
        (HolidayListError,),
    ),
    "image.png": (_image, ()),
}


def read_as(name: str, data: bytes) -> None:
    """Write ``data`` as a file named ``name`` (beside a real picture and a fake one) and
    read it with its reader: a result, or one of the reader's own errors with a message."""
    reader, errors = READERS[name]
    with tempfile.TemporaryDirectory(prefix="desk-fuzz-") as folder:
        (Path(folder) / "pic.png").write_bytes(SAMPLES[".png"])
        (Path(folder) / "note.bmp").write_bytes(b"BM not a picture")
        path = Path(folder) / ("draft" + name if name.startswith(".") else name)
        path.write_bytes(data)
        try:
            with bounded_memory(), warnings.catch_warnings():  # a warning is no traceback
                warnings.simplefilter("ignore")
                reader(path)
        except errors as error:
            event(f"{name}: {type(error).__name__}")  # --hypothesis-show-statistics
            message = str(error)
            assert message.strip() and "Traceback" not in message
            assert len(message) < 20_000  # every bad line listed, none echoed whole
        else:
            event(f"{name}: read")


# --- strategies ------------------------------------------------------------------------------

_TOKENS = [
    *"百家乐法轮功绝密身份证 13812345678（）“”<>&;=,\"'#\n\t\r",
    *("\u200b", "\ufeff", "\x00", "\x1b", "\ud800", "𠀀", "http://x.cn/", "2027-01-01,休,元旦"),
    *("gov.cn", "com.cn", "term,category,severity", "屏蔽", '"', "\u3000", "﹏" * 30),
]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=16).map("".join)
_MAGIC = st.sampled_from(
    [b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"GIF89a", b"BM", b"\x89PNG"]
)
RANDOM_BYTES = st.builds(lambda magic, rest: magic + rest, _MAGIC, st.binary(max_size=2048))
_URLS = st.sampled_from(
    [
        "pic.png", "note.bmp", "../pic.png", "/etc/passwd", "file:///etc/passwd",
        "file://server/share/a.png", "data:image/png;base64,iVBORw0K", "javascript:alert(1)",
        "http://evil.com/a.png", "https://www.gov.cn/", "\\\\server\\a.png", "", "%00",
    ]
)  # fmt: skip
_STYLES = st.sampled_from(["display:none", "font-size:0", "color:red", "left:-9999px", "x"])


def _element(tag: str, attributes: list[tuple[str, str]], children: list[str]) -> str:
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in attributes)
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


HTML = st.recursive(
    _TEXT,
    lambda children: st.builds(
        _element,
        st.sampled_from(
            ["p", "span", "a", "img", "b", "div", "table", "td", "script", "h1", "svg"]
        ),
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(["href", "src"]), _URLS),
                st.tuples(st.just("style"), _STYLES),
                st.tuples(st.sampled_from(["hidden", "alt", "class"]), _TEXT),
            ),
            max_size=3,
        ),
        st.lists(children, max_size=4),
    ),
    max_leaves=30,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_XML = st.recursive(
    _TEXT.map(lambda text: text.replace("&", "&amp;").replace("<", "&lt;")),
    lambda children: st.builds(
        _element,
        st.sampled_from(
            [
                "w:p",
                "w:r",
                "w:t",
                "w:tbl",
                "w:tr",
                "w:tc",
                "w:hyperlink",
                "w:pPr",
                "w:pStyle",
                "w:ins",
                "w:del",
                "w:br",
                "w:drawing",
                "w:instrText",
                "w:footnoteReference",
            ]
        ),
        st.lists(
            st.tuples(st.sampled_from(["w:val", "r:id", "r:embed", "w:id", "xml:space"]), _TEXT),
            max_size=2,
        ),
        st.lists(children, max_size=4),
    ),
    max_leaves=30,
)


def _document_xml(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode("utf-8", "surrogatepass")


_RELATIONSHIPS = st.lists(
    st.tuples(st.sampled_from(["rId1", "rId2", "rId9"]), _URLS, st.sampled_from(["", "External"])),
    max_size=3,
).map(
    lambda items: (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{R}/image" Target={quoteattr(target)}'
            + (f' TargetMode="{mode}"' if mode else "")
            + "/>"
            for rid, target, mode in items
        )
        + "</Relationships>"
    ).encode()
)
# A part that compresses far too well, or unpacks past a limit: the bombs.
BOMB = st.builds(
    lambda unit, times: unit * times, st.sampled_from([b"<w:p/>", b"\x00"]), st.integers(1, 400_000)
)
PART = st.one_of(st.binary(max_size=512), WORD_XML.map(_document_xml), BOMB)


def _zip(parts: list[tuple[str, bytes]], compression: int, cut: int | None) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression) as archive:
        warnings.simplefilter("ignore")  # a name twice: readers must cope with that too
        for name, data in parts:
            with contextlib.suppress(ValueError):  # a name zipfile refuses
                archive.writestr(name, data)
    data = buffer.getvalue()
    return data[:cut] if cut is not None else data


_COMPRESSION = st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
_CUT = st.none() | st.integers(0, 4096)
DOCX = st.builds(
    lambda body, rels, extra, compression, cut: _zip(
        [
            *((name, xml.encode()) for name, xml in _DOCX_PARTS.items()),
            ("word/document.xml", _document_xml(body)),
            ("word/_rels/document.xml.rels", rels),
            *extra,
        ],
        compression,
        cut,
    ),
    WORD_XML,
    _RELATIONSHIPS,
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "word/media/image1.png",
                    "word/styles.xml",
                    "word/numbering.xml",
                    "word/document.xml",
                    "[Content_Types].xml",
                    "word/footnotes.xml",
                ]
            ),
            PART,
        ),
        max_size=3,
    ),
    _COMPRESSION,
    _CUT,
)


def _workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["term", "category", "severity"])
    sheet.append(["百家乐", "涉赌", "block"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()
_ROW = st.builds(
    lambda row, column, text: (
        f'<row r="{row}"><c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c></row>'
    ),
    st.sampled_from([1, 2, 3, 1_048_576, 0, -1]),
    st.sampled_from(["A", "B", "H", "XFD", "ZZZZ"]),
    _TEXT.map(lambda text: text.replace("&", "&amp;").replace("<", "&lt;")),
)
SHEET = st.builds(
    lambda dimension, rows: (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    ).encode("utf-8", "surrogatepass"),
    st.sampled_from(["A1:C2", "A1:XFD1048576", "", "Z9:A1"]),
    st.lists(_ROW, max_size=6),
)


def _replaced(parts: dict[str, bytes], compression: int, cut: int | None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as archive:
        original = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return _zip([(name, parts.get(name, data)) for name, data in original], compression, cut)


XLSX = st.builds(
    _replaced,
    st.dictionaries(
        st.sampled_from(
            [
                "xl/worksheets/sheet1.xml",
                "xl/workbook.xml",
                "xl/sharedStrings.xml",
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
            ]
        ),
        st.one_of(SHEET, PART),
        max_size=2,
    ),
    _COMPRESSION,
    _CUT,
)


# --- the tests -------------------------------------------------------------------------------


@FUZZ
@given(name=st.sampled_from(sorted(READERS)), data=RANDOM_BYTES)
def test_random_bytes(name, data):
    read_as(name, data)


@FUZZ
@given(data=DOCX)
def test_random_docx(data):
    read_as(".docx", data)


@FUZZ
@given(data=XLSX)
def test_random_xlsx(data):
    read_as("lexicon.xlsx", data)


@FUZZ
@given(html=HTML, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_html(html, encoding):
    read_as(".html", html.encode(encoding, "surrogatepass" if "utf" in encoding else "replace"))


@FUZZ
@given(text=st.lists(_TEXT, max_size=20).map("\n".join), name=st.sampled_from(sorted(READERS)))
def test_random_lines(text, name):
    read_as(name, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    extension=st.sampled_from(sorted(SAMPLES)),
    cut=st.integers(0, 700),
    flips=st.lists(st.tuples(st.integers(0, 700), st.integers(0, 255)), max_size=3),
)
def test_damaged_pictures(extension, cut, flips):
    data = bytearray(SAMPLES[extension][: max(cut, 1)])
    for offset, value in flips:
        if offset < len(data):
            data[offset] = value
    read_as("image.png", bytes(data))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux address-space limits")
def test_the_memory_bound_holds():
    with pytest.raises(MemoryError), bounded_memory():
        bytearray(HEADROOM + 64 * MB)


def test_bombs_are_refused_within_the_bound(tmp_path):
    docx = tmp_path / "bomb.docx"
    docx.write_bytes(
        _zip([("word/document.xml", b"<w:p/>" * (64 * MB // 6))], zipfile.ZIP_DEFLATED, None)
    )
    xlsx = tmp_path / "bomb.xlsx"
    sheet = b"<row/>" * (100 * MB // 6)
    xlsx.write_bytes(_replaced({"xl/worksheets/sheet1.xml": sheet}, zipfile.ZIP_DEFLATED, None))
    assert docx.stat().st_size < MB and xlsx.stat().st_size < MB
    with pytest.raises(DocumentError, match="超过上限"), bounded_memory():
        load_document(docx)
    with pytest.raises(LexiconFileError, match="超过上限"), bounded_memory():
        read_entries(xlsx)
