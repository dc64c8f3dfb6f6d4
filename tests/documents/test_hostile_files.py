"""Drafts that would exhaust memory or hang a reader: refused quickly, with a message.

Zip bombs (.docx parts that unpack to far more than a post, or compress better than
anything real), FIFOs and devices dressed as .txt, files over the size limit.
"""

import io
import os
import time
import zipfile

import pytest

from desk.documents.loader import DOCX_LIMITS, MAX_BYTES, DocumentError, load_document
from desk.reading import MAX_RATIO, MB, UnreadableInput, ZipLimits, check_zip
from tests.bounded import within
from tests.conftest import _DOCX_PARTS

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")


def docx_with_body(path, body: bytes, compression=zipfile.ZIP_DEFLATED, extra=()):
    """A .docx whose document.xml is the given bytes inside <w:body>."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
        + body
        + b"</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", compression) as archive:
        for part, xml in _DOCX_PARTS.items():
            archive.writestr(part, xml)
        archive.writestr("word/document.xml", document)
        for name, data in extra:
            archive.writestr(name, data)
    return path


def paragraphs(count: int) -> bytes:
    """Paragraphs of distinct text, compressing as real text does (a few to one)."""
    return b"".join(
        f"<w:p><w:r><w:t>第{n}段：{n * 7919 % 104729}号文件{n * 31 % 997}</w:t></w:r></w:p>".encode()
        for n in range(count)
    )


def loads_within(path, seconds: float):
    """load_document's outcome (the Document or the DocumentError), or None if it takes
    longer than ``seconds``; and how long it took."""
    started = time.monotonic()
    outcome = within(seconds, lambda: load_document(path), path)
    taken = time.monotonic() - started
    if isinstance(outcome.error, DocumentError):
        return outcome.error, taken
    assert outcome.error is None, outcome.error
    return outcome.value, taken


def test_a_docx_part_that_unpacks_past_the_limit_is_refused_before_unpacking(tmp_path):
    bomb = docx_with_body(tmp_path / "bomb.docx", b"<w:p/>" * (DOCX_LIMITS.markup_part // 6 + 1))
    assert bomb.stat().st_size < 100_000
    outcome, seconds = loads_within(bomb, 5)
    assert isinstance(outcome, DocumentError), outcome
    assert "word/document.xml" in str(outcome) and "超过上限 10 MB" in str(outcome)
    assert seconds < 2


def test_a_docx_part_compressed_beyond_any_real_text_is_refused(tmp_path):
    # 2 MB that compress a thousand to one: far under the size limit, but no real text
    bomb = docx_with_body(tmp_path / "bomb.docx", b"<w:p/>" * (2 * MB // 6))
    outcome, _ = loads_within(bomb, 5)
    assert isinstance(outcome, DocumentError) and "压缩比异常" in str(outcome)
    assert f"上限 {MAX_RATIO}:1" in str(outcome)


def test_the_parts_together_are_bounded_too():
    # each part 1 MB compressing 25 to 1, under the limits of one part but not of all
    part = b"".join(bytes([byte]) + bytes(24) for byte in os.urandom(MB // 25 + 1))[:MB]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writing:
        for n in range(3):
            writing.writestr(f"word/media/image{n}.png", part)
    limits = ZipLimits(markup_part=MB, other_part=MB, total=2 * MB)
    with pytest.raises(UnreadableInput, match="解压后共有 3 MB，超过上限 2 MB"):
        check_zip(archive.getvalue(), limits)
    check_zip(archive.getvalue(), ZipLimits(markup_part=MB, other_part=MB, total=3 * MB))


def test_so_are_their_number():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as writing:
        for n in range(11):
            writing.writestr(f"part{n}.xml", b"")
    with pytest.raises(UnreadableInput, match="11 个部件，超过上限 10 个"):
        check_zip(archive.getvalue(), ZipLimits(MB, MB, MB, entries=10))


def test_a_long_real_docx_is_still_read(tmp_path):
    document = docx_with_body(tmp_path / "long.docx", paragraphs(20_000))
    loaded = load_document(document)
    assert loaded.text.count("\n") == 19_999 and "第19999段" in loaded.text


@POSIX
def test_a_fifo_named_txt_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "稿件.txt"
    os.mkfifo(fifo)
    outcome, _ = loads_within(fifo, 5)
    assert isinstance(outcome, DocumentError) and "不是普通文件" in str(outcome)


@POSIX
def test_a_link_to_a_device_named_txt_is_refused(tmp_path):
    link = tmp_path / "稿件.txt"
    link.symlink_to("/dev/zero")
    outcome, _ = loads_within(link, 5)
    assert isinstance(outcome, DocumentError) and "不是普通文件" in str(outcome)


def test_a_link_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("正文", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert load_document(tmp_path / "link.txt").text == "正文"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing to read, only a size
    with pytest.raises(DocumentError, match=r"文件过大（50\.1 MB，上限 50 MB）"):
        load_document(big)


def test_a_small_docx_of_countless_empty_paragraphs_is_refused(tmp_path):
    # compresses only some 25 to 1, within the size limits: but 500,000 elements and
    # more would take mammoth half a gigabyte and half a minute
    count = DOCX_LIMITS.tags // 20 + 1000
    body = b"".join(
        b"<w:p/>" * 14 + f"<w:p><w:r><w:t>{n * 7919}</w:t></w:r></w:p>".encode()
        for n in range(count)
    )
    bomb = docx_with_body(tmp_path / "paragraphs.docx", body)
    assert bomb.stat().st_size < 400_000
    outcome, seconds = loads_within(bomb, 10)
    assert isinstance(outcome, DocumentError), outcome
    assert "个标记" in str(outcome) and seconds < 5


def test_the_tags_are_counted_over_every_xml_part():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as writing:
        writing.writestr("word/document.xml", b"<a/>" * 60)
        writing.writestr("word/styles.xml", b"<b/>" * 60)
        writing.writestr("word/media/image1.png", b"<" * 1000)  # not XML: not parsed
    with pytest.raises(UnreadableInput, match="超过 100 个标记"):
        check_zip(archive.getvalue(), ZipLimits(MB, MB, MB, tags=100))
    check_zip(archive.getvalue(), ZipLimits(MB, MB, MB, tags=120))
