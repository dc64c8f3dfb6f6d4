"""Load a draft file (.txt, .html, .docx) as the text the checks read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desk.documents.encoding import UndecodableText, decode_text
from desk.documents.html_text import HtmlText, html_text
from desk.reading import MB, UnreadableInput, ZipLimits, check_zip, read_regular_file

DocumentKind = Literal["txt", "html", "docx"]
_KINDS: dict[str, DocumentKind] = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
}  # fmt: skip
_LEGACY_OFFICE = {".doc", ".wps", ".rtf", ".et", ".xls", ".pdf"}
MAX_BYTES = 50 * MB  # far above any real post; refuses to load a stray disk image
# mammoth holds a part's whole XML tree, about 1 KB and 10 to 40 µs per tag: 10 MB of
# document.xml is a thousand pages, and 500,000 tags a 3,000-row table of names, far
# above any post; the worst within both (empty paragraphs) takes some 400 MB and 20 s.
DOCX_LIMITS = ZipLimits(markup_part=10 * MB, other_part=20 * MB, total=100 * MB, tags=500_000)
# Word's Title style (标题) becomes a heading of this class (desk.documents.title finds
# it there); mammoth maps the Heading styles (标题 1 …) itself.
TITLE_CLASS = "title"
_STYLE_MAP = f"p[style-name='Title'] => h1.{TITLE_CLASS}:fresh"


class DocumentError(Exception):
    """A draft file that can't be read; the message says why in terms a user can act on."""


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    kind: DocumentKind
    text: str  # the plain text checks run on (a .txt file exactly as read; HTML/docx visible text)
    html: str | None = None  # the markup, for HTML and docx drafts
    layout: HtmlText | None = None  # where the markup's elements fall in `text`


def load_document(path: Path | str) -> Document:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _LEGACY_OFFICE:
        raise DocumentError(
            f"{path}: 暂不能直接导入 {suffix} 文件，请在 WPS 或 Word 中“另存为” .docx 后再导入"
        )
    kind = _KINDS.get(suffix)
    if kind is None:
        raise DocumentError(
            f"{path}: 不支持的文件类型 {suffix or '(无扩展名)'}，支持 .txt、.html、.docx"
        )
    try:
        data = read_regular_file(path, MAX_BYTES)
    except UnreadableInput as error:
        raise DocumentError(f"{path}: {error}") from None
    if kind == "docx":
        return _html_document(path, kind, _docx_to_html(path, data))
    try:
        text = decode_text(data)
    except UndecodableText as error:
        raise DocumentError(f"{path}: {error}") from None
    if kind == "html":
        return _html_document(path, kind, text)
    return Document(path, kind, text)


def _html_document(path: Path, kind: DocumentKind, html: str) -> Document:
    layout = html_text(html)
    return Document(path, kind, layout.text, html, layout)


def _docx_to_html(path: Path, data: bytes) -> str:
    import mammoth

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(f"{path}: 不是有效的 .docx 文件（文件已损坏，或其实是旧版 .doc）")
    try:
        check_zip(data, DOCX_LIMITS)
        return mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP).value
    except UnreadableInput as error:
        raise DocumentError(f"{path}: 不能作为稿件打开：{error}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise DocumentError(f"{path}: .docx 文件已损坏，无法读取正文（{error}）") from None
    except MemoryError:
        raise
    except Exception as error:  # mammoth raises assorted errors on malformed XML
        raise DocumentError(f"{path}: .docx 文件内容无法解析（{type(error).__name__}）") from None
