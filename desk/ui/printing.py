"""Printing an HTML page (审核表, 修改比对) to an A4 PDF file, with Qt's text layout.

QTextDocument lays the page out and QPdfWriter draws it: no printer, no QtPrintSupport,
no browser. The pictures a page shows are handed over with it (by the ``src`` the page
refers to them by), never fetched. The PDF is made in memory and written atomically, so a
failed export never leaves half a file.

The pages are cut here, not by Qt's own pagination, which splits a table row over two
pages and draws the cells it centres vertically in the gap between them, under the page
number. The document is laid out as one long page and cut between lines, never inside a
table row (or the rows a cell spans) that fits on a page, and where a paragraph asks for
a page break (``page-break-before``/``-after``). Each page gets its number at its foot.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from desk.atomic import write_bytes_atomically
from desk.ui.qt import (
    QAbstractTextDocumentLayout,
    QBuffer,
    QByteArray,
    QGuiApplication,
    QImage,
    QIODevice,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTextBlock,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextTable,
    QTextTableCell,
    QUrl,
)

PAGE_MARGINS_MM = QMarginsF(5, 5, 5, 5)  # the printer's; the text keeps BODY_MARGIN_CM inside
BODY_MARGIN_CM = 2.0  # the page number is printed in the bottom one
PAGE_NUMBER_GAP_PT = 5  # between the body and the page number's baseline, above its ascent


def printable_document(
    html: str, images: Mapping[str, bytes] | None = None, device: QPaintDevice | None = None
) -> QTextDocument:
    """``html`` laid out by Qt, with ``images`` (``src`` → image file bytes) as the
    pictures it refers to; for ``device``'s resolution when given."""
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)
    for src, data in (images or {}).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(src), QImage.fromData(data)
        )
    document.setHtml(html)
    return document


@dataclass(frozen=True, slots=True)
class Slice:
    """The part of the long page one printed page shows, in the document's pixels."""

    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class _Whole:
    """A span no page break may cut: a line, or a table row with its borders. A cut
    above it leaves ``shared`` on the page before too (the rule between two rows)."""

    top: float
    bottom: float
    shared: float = 0.0


class PrintedPages:
    """``html`` laid out for ``device`` and cut into pages of ``page`` size (the printable
    area, in device pixels), each painted with its number."""

    def __init__(
        self,
        html: str,
        device: QPaintDevice,
        page: QSizeF,
        images: Mapping[str, bytes] | None = None,
    ) -> None:
        self.page = page
        per_cm = (device.logicalDpiX() / 2.54, device.logicalDpiY() / 2.54)
        self.margin = QPointF(BODY_MARGIN_CM * per_cm[0], BODY_MARGIN_CM * per_cm[1])
        self.document = printable_document(html, images, device)
        self.document.setDocumentMargin(0)
        self.document.setTextWidth(page.width() - 2 * self.margin.x())
        height = page.height() - 2 * self.margin.y()
        self.slices = _cut(self.document, height, _pixels_per_css_pixel(device))
        self._dpi = device.logicalDpiY()

    def __len__(self) -> int:
        return len(self.slices)

    def paint(self, painter: QPainter, index: int) -> None:
        """Draw page ``index`` (from 0) with ``painter``, whose origin is the top left of
        the printable area."""
        part = self.slices[index]
        painter.save()
        painter.translate(self.margin.x(), self.margin.y() - part.top)
        view = QRectF(-self.margin.x(), part.top, self.page.width(), part.bottom - part.top)
        painter.setClipRect(view)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = view
        # black on paper, whatever the desktop's palette says text is
        context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
        self.document.documentLayout().draw(painter, context)
        painter.restore()
        painter.save()
        painter.setFont(self.document.defaultFont())
        label = f"{index + 1} / {len(self.slices)}"
        metrics = painter.fontMetrics()
        baseline = (
            self.page.height()
            - self.margin.y()
            + metrics.ascent()
            + PAGE_NUMBER_GAP_PT * self._dpi / 72
        )
        left = (self.page.width() - metrics.horizontalAdvance(label)) / 2
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(QPointF(left, baseline), label)
        painter.restore()


def print_html_to_pdf(html: str, path: Path, images: Mapping[str, bytes] | None = None) -> None:
    """Write ``html`` as an A4 PDF to ``path`` (needs a QGuiApplication, for fonts), with
    ``images`` as its pictures (``printable_document``).

    Raises OSError with a Chinese message when the file can't be written.
    """
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
    writer.setCreator("Desk 审校台")
    pages = PrintedPages(html, writer, QSizeF(writer.width(), writer.height()), images)
    writer.setTitle(pages.document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    painter = QPainter(writer)
    for index in range(len(pages)):
        if index:
            writer.newPage()
        pages.paint(painter, index)
    painter.end()
    buffer.close()
    if data.isEmpty():
        raise OSError(f"无法生成 PDF 文件 {path}")
    try:
        write_bytes_atomically(path, data.data())
    except OSError as error:
        raise OSError(
            error.errno, f"无法写入 PDF 文件 {path}：{error.strerror or error}"
        ) from error


# --- cutting the long page ----------------------------------------------------------


def _cut(document: QTextDocument, height: float, css_pixel: float) -> list[Slice]:
    """The slices of ``document`` (laid out as one long page) that fit ``height``:
    each ends at the lowest place within reach that cuts nothing kept whole."""
    layout = document.documentLayout()
    whole = [*_lines(document), *_rows(document, css_pixel)]
    breaks = sorted(_page_breaks(document))
    end = layout.documentSize().height()
    slices: list[Slice] = []
    top = 0.0
    while end - top > 0.5 or not slices:
        reach = top + height
        forced = next((y for y in breaks if top < y < reach), None)
        if forced is None and reach >= end:
            slices.append(Slice(top, end))
            break
        cut, shared = (forced, 0.0) if forced is not None else _lowest_cut(whole, top, reach)
        slices.append(Slice(top, cut + shared))
        top = cut
    return slices


def _lowest_cut(whole: list[_Whole], top: float, reach: float) -> tuple[float, float]:
    """Where a page from ``top`` ends at the latest, and the rule it shares with the next:
    above anything kept whole that ``reach`` would cut, if it fits on a page."""
    cut, shared = reach, 0.0
    moved = True
    while moved:
        moved = False
        for span in whole:
            if top < span.top < cut < span.bottom and span.bottom - span.top <= reach - top:
                cut, shared, moved = span.top, span.shared, True
    return cut, shared


def _lines(document: QTextDocument) -> Iterator[_Whole]:
    """Every line of text (in table cells too), pictures included."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            yield _Whole(top + line.y(), top + line.y() + line.height())
        block = block.next()


def _rows(document: QTextDocument, css_pixel: float) -> Iterator[_Whole]:
    """Every table row, with the rows a cell spans kept together, from the rule above it
    down to the next row's (collapsed borders: one rule between two rows, which a page
    ending above a row shares with the next page)."""
    for table in _tables(document.rootFrame()):
        rule = table.format().border() * css_pixel
        first = 0
        while first < table.rows():
            last = first
            row = first
            while row <= last:
                for cell in _cells(table, row):
                    last = max(last, row + cell.rowSpan() - 1)
                row += 1
            cells = [cell for row in range(first, last + 1) for cell in _cells(table, row)]
            top = min(
                _content(document, cell)[0] - _padding(table, cell, "top") * css_pixel
                for cell in cells
                if cell.row() == first
            )
            bottom = max(
                _content(document, cell)[1] + _padding(table, cell, "bottom") * css_pixel
                for cell in cells
                if cell.row() + cell.rowSpan() - 1 == last
            )
            below = 0.0 if last + 1 < table.rows() else rule  # the next row's rule is its own
            yield _Whole(top - rule, bottom + below, rule if first else 0.0)
            first = last + 1


def _page_breaks(document: QTextDocument) -> Iterator[float]:
    """Where a paragraph outside tables asks for a new page."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        policy = block.blockFormat().pageBreakPolicy()
        if not _in_table(block):
            rect = layout.blockBoundingRect(block)
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                yield rect.top()
            if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
                yield rect.bottom()
        block = block.next()


def _tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _cells(table: QTextTable, row: int) -> Iterator[QTextTableCell]:
    """The cells that start in ``row`` (a cell spanning columns once)."""
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() == row and cell.column() == column:
            yield cell


def _content(document: QTextDocument, cell: QTextTableCell) -> tuple[float, float]:
    """The top of a cell's first line and the bottom of its last."""
    layout = document.documentLayout()
    first = layout.blockBoundingRect(document.findBlock(cell.firstPosition()))
    last = layout.blockBoundingRect(document.findBlock(cell.lastPosition()))
    return first.top(), last.bottom()


_PADDINGS = {
    "top": QTextFormat.Property.TableCellTopPadding,
    "bottom": QTextFormat.Property.TableCellBottomPadding,
}


def _padding(table: QTextTable, cell: QTextTableCell, side: str) -> float:
    """A cell's padding on ``side`` in CSS pixels: its own, else the table's."""
    cell_format = cell.format()
    padding = _PADDINGS[side]
    if cell_format.hasProperty(padding):
        return cell_format.doubleProperty(padding)
    return table.format().cellPadding()


def _in_table(block: QTextBlock) -> bool:
    frame = block.document().frameAt(block.position())
    while frame is not None:
        if isinstance(frame, QTextTable):
            return True
        frame = frame.parentFrame()
    return False


def _pixels_per_css_pixel(device: QPaintDevice) -> float:
    """How Qt's layout scales a CSS pixel for ``device``: by its resolution over the
    screen's (96 without one)."""
    screen = QGuiApplication.primaryScreen()
    source = screen.logicalDotsPerInchY() if screen is not None else 96
    return device.logicalDpiY() / round(source)
