"""Printing an HTML page (审核表, 修改比对) to an A4 PDF file, with Qt's text layout.

QTextDocument lays the page out and QPdfWriter draws it: no printer, no QtPrintSupport,
no browser. The PDF is made in memory and written atomically, so a failed export never
leaves half a file.
"""

from __future__ import annotations

from pathlib import Path

from desk.atomic import write_bytes_atomically
from desk.ui.qt import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

# QTextDocument.print_ adds 2 cm inside these, and puts page numbers in the bottom one.
PAGE_MARGINS_MM = QMarginsF(5, 5, 5, 5)


def print_html_to_pdf(html: str, path: Path) -> None:
    """Write ``html`` as an A4 PDF to ``path`` (needs a QGuiApplication, for fonts).

    Raises OSError with a Chinese message when the file can't be written.
    """
    document = QTextDocument()
    document.setHtml(html)
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
