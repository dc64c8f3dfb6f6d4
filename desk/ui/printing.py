"""Printing an HTML page (审核表, 修改比对) to an A4 PDF file, with Qt's text layout.

QTextDocument lays the page out and QPdfWriter draws it: no printer, no QtPrintSupport,
no browser. The pictures a page shows are handed over with it (by the ``src`` the page
refers to them by), never fetched. The PDF is made in memory and written atomically, so a
failed export never leaves half a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from desk.atomic import write_bytes_atomically
from desk.ui.qt import (
    QBuffer,
    QByteArray,
    QImage,
    QIODevice,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QUrl,
)

# QTextDocument.print_ adds 2 cm inside these, and puts page numbers in the bottom one.
PAGE_MARGINS_MM = QMarginsF(5, 5, 5, 5)


def printable_document(html: str, images: Mapping[str, bytes] | None = None) -> QTextDocument:
    """``html`` laid out by Qt, with ``images`` (``src`` → image file bytes) as the
    pictures it refers to."""
    document = QTextDocument()
    for src, data in (images or {}).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(src), QImage.fromData(data)
        )
    document.setHtml(html)
    return document


def print_html_to_pdf(html: str, path: Path, images: Mapping[str, bytes] | None = None) -> None:
    """Write ``html`` as an A4 PDF to ``path`` (needs a QGuiApplication, for fonts), with
    ``images`` as its pictures (``printable_document``).

    Raises OSError with a Chinese message when the file can't be written.
    """
    document = printable_document(html, images)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            PAGE_MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("Desk 审校台")
    document.print_(writer)
    buffer.close()
    if data.isEmpty():
        raise OSError(f"无法生成 PDF 文件 {path}")
    try:
        write_bytes_atomically(path, data.data())
    except OSError as error:
        raise OSError(
            error.errno, f"无法写入 PDF 文件 {path}：{error.strerror or error}"
        ) from error
