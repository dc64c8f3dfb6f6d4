"""A sanitized body (``desk.render``'s ``RenderResult.body``) as WordprocessingML blocks.

The body only holds the allow-listed elements of ``desk.render.sanitize``, so this walks
a closed vocabulary: headings and paragraphs become styled paragraphs, ``strong em u sub
sup code`` run properties, lists numbered paragraphs (bullets, or numbers restarting
at 1 for each <ol>), tables bordered ``w:tbl`` with ``gridSpan``/``vMerge`` for
colspan/rowspan, ``a href`` a hyperlink to an external relationship (the render only
left the href on trusted links), a localized image an inline picture at its natural
size (the width/height the author gave win; capped to the space available), a quote
indented, ``pre`` and ``code`` monospace.

Whitespace is collapsed as a browser does (outside ``pre``), so the document reads as
the page does: a trailing <br> adds no line, an empty paragraph with a <br> stays.
Paragraphs of the body carry the 2-character first-line indent of 公文, as the portal
template does; those in lists, tables and quotes do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from desk.documents import ooxml
from desk.documents.docx_parts import BULLET_LIST, LIST_INDENT, MAX_LEVEL
from desk.documents.image_size import pixel_size
from desk.render.sanitize import HEADINGS, numeric_attribute
from desk.render.tree import Element, parse

MAX_COLUMNS = 63  # Word refuses tables wider than this
_MAX_INDENT = ooxml.TEXT_WIDTH * 3 // 4  # deeply nested lists and quotes stop moving right
_MIN_WIDTH = ooxml.TEXT_WIDTH // 8  # the least a picture or table is given
_CELL_MARGINS = 216  # left + right cell margin (TableNormal), twips
_MARKS = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "sub": "sub", "sup": "sup",
          "code": "code"}  # fmt: skip
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace: U+3000 and NBSP are text
_PIECES = re.compile(r"([\n\t])")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_RULE = (  # <hr>: an empty paragraph with a bottom border
    '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/>'
    "</w:pBdr></w:pPr></w:p>"
)
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"

Relationship = tuple[str, str, str, bool]  # id, type, target, external


@dataclass(frozen=True, slots=True)
class DocxBody:
    """The blocks of ``w:body`` and what they refer to."""

    xml: str
    relationships: tuple[Relationship, ...]  # hyperlinks and images, ids from rId10
    media: Mapping[str, bytes]  # part name under word/ → bytes
    ordered_lists: int  # numIds BULLET_LIST + 1 … are theirs


@dataclass(frozen=True, slots=True)
class _Context:
    """Where content lands: what an unstyled paragraph looks like, and how wide it is."""

    style: str | None = "BodyText"
    indent: int = 0  # left indent, twips
    width: int = ooxml.TEXT_WIDTH  # twips available to a picture
    level: int = -1  # list nesting, -1 outside lists
    pre: bool = False


@dataclass(frozen=True, slots=True)
class _Format:
    marks: frozenset[str] = frozenset()
    link: str | None = None  # hyperlink relationship id


@dataclass(slots=True)
class _Run:
    kind: str  # "text", "break" or "drawing"
    value: str  # the text, or the drawing's XML
    format: _Format


@dataclass(slots=True)
class _Paragraph:
    context: _Context
    numbering: tuple[int, int] | None  # numId, ilvl
    runs: list[_Run] = field(default_factory=list)


@dataclass(slots=True)
class _Slot:
    """One cell position of a table row: a cell, or the continuation of one above."""

    column: int
    span: int
    cell: Element | None
    merge: str | None = None  # vMerge: "restart" or "continue"


def convert(body_html: str, assets: Mapping[str, bytes], asset_prefix: str) -> DocxBody:
    """``body_html``: a sanitized body; images under ``asset_prefix`` come from ``assets``."""
    builder = _Builder(assets, asset_prefix)
    builder.children(parse(body_html), _Format(), _Context())
    builder.flush()
    return DocxBody(
        "".join(builder.out),
        tuple(builder.relationships),
        builder.media,
        builder.ordered_lists,
    )


def paragraph(text: str, style: str) -> str:
    """A paragraph of plain ``text`` in ``style`` (the title)."""
    run = _run_xml(_Run("text", text, _Format()))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


class _Builder:
    def __init__(self, assets: Mapping[str, bytes], asset_prefix: str) -> None:
        self.assets = assets
        self.asset_prefix = asset_prefix
        self.out: list[str] = []  # blocks of the container being filled (body or a cell)
        self.paragraph: _Paragraph | None = None
        self.number: tuple[int, int] | None = None  # for the next paragraph: a list item's
        self.relationships: list[Relationship] = []
        self.links: dict[str, str] = {}  # href → relationship id
        self.images: dict[str, tuple[str, str]] = {}  # asset name → relationship id, part
        self.media: dict[str, bytes] = {}
        self.ordered_lists = 0
        self.drawings = 0

    # -- walking ---------------------------------------------------------------------

    def children(self, element: Element, format: _Format, context: _Context) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.text(child, format, context)
            else:
                self.element(child, format, context)

    def element(self, element: Element, format: _Format, context: _Context) -> None:
        tag = element.tag
        if tag in _MARKS:
            self.children(element, replace(format, marks=format.marks | {_MARKS[tag]}), context)
        elif tag == "a":
            href = element.attrs.get("href")
            link = self.link(href) if href else format.link
            self.children(element, replace(format, link=link), context)
        elif tag == "br":
            self.add(_Run("break", "", format), context)
        elif tag == "img":
            self.image(element, format, context)
        elif tag == "p" or tag in HEADINGS:
            style = context.style if tag == "p" else f"Heading{tag[1]}"
            self.block(element, format, replace(context, style=style))
        elif tag == "pre":
            self.block(element, format, replace(context, style="HTMLPreformatted", pre=True))
        elif tag == "blockquote":
            self.block(element, format, _indented(context))
        elif tag in ("ul", "ol", "li"):
            self.flush()
            self.list(element, format, context)
        elif tag == "table":
            self.flush()
            self.table(element, format, context)
        elif tag == "hr":
            self.flush()
            self.out.append(_RULE)
        else:  # span (the removed-image placeholder), a stray tbody/tr/td: their content
            self.children(element, format, context)

    def block(self, element: Element, format: _Format, context: _Context) -> None:
        self.flush()
        self.children(element, format, context)
        self.flush()

    def text(self, value: str, format: _Format, context: _Context) -> None:
        if context.pre:
            if self.paragraph is None and value.startswith("\n"):
                value = value[1:]  # as in HTML, a newline just after <pre> is not content
            value = value.replace("\r", "")
        else:
            value = _SPACES.sub(" ", value)
            if self.paragraph is None or _ends_line(self.paragraph.runs):
                value = value.lstrip(" ")
        if value:
            self.add(_Run("text", value, format), context)

    def add(self, run: _Run, context: _Context) -> None:
        if self.paragraph is None:
            self.paragraph = _Paragraph(context, self.number)
            self.number = None
        self.paragraph.runs.append(run)

    def flush(self) -> None:
        """End the open paragraph, if any."""
        paragraph, self.paragraph = self.paragraph, None
        if paragraph is not None:
            self.out.append(_paragraph_xml(paragraph))

    def blocks(self, fill: Callable[[], None]) -> list[str]:
        """The blocks ``fill`` writes, apart from the container being filled now."""
        saved = self.out, self.paragraph, self.number
        self.out, self.paragraph, self.number = [], None, None
        try:
            fill()
            self.flush()
            return self.out
        finally:
            self.out, self.paragraph, self.number = saved

    # -- lists -------------------------------------------------------------------------

    def list(self, element: Element, format: _Format, context: _Context) -> None:
        """A <ul>/<ol> (or a stray <li>, read as a one-item bulleted list)."""
        number = BULLET_LIST
        if element.tag == "ol":
            self.ordered_lists += 1
            number = BULLET_LIST + self.ordered_lists
        level = min(context.level + 1, MAX_LEVEL)
        inner = _indented(context, level=level)
        items = [element] if element.tag == "li" else element.children
        for child in items:
            if isinstance(child, Element) and child.tag == "li":
                self.flush()
                self.number = (number, level)
                self.children(child, format, inner)
                if self.number is not None:  # an empty item still shows its bullet
                    self.add(_Run("text", "", format), inner)
                self.flush()
            elif isinstance(child, str):
                self.text(child, format, inner)
            else:
                self.element(child, format, inner)
        self.flush()

    # -- tables ------------------------------------------------------------------------

    def table(self, element: Element, format: _Format, context: _Context) -> None:
        rows = list(_rows(element))
        grid = _grid([row for row, _ in rows])
        columns = min(max((s.column + s.span for r in grid for s in r), default=0), MAX_COLUMNS)
        if not columns:
            return
        width = max(context.width // columns, 1)  # equal: a sanitized body has no widths
        xml = []
        for (_, header), slots in zip(rows, grid, strict=True):
            cells: list[tuple[_Slot, list[str]]] = []
            for slot in _pad(slots, columns):
                slot.span = max(min(slot.span, MAX_COLUMNS - slot.column), 1)
                content = (
                    [] if slot.cell is None else self.cell(slot.cell, slot.span, format, width)
                )
                if slot.column < MAX_COLUMNS:
                    cells.append((slot, content))
                else:  # beyond what Word can show: into the row's last cell
                    cells[-1][1].extend(content)
            xml.append(_row_xml(cells, width, header))
        if self.out and self.out[-1].startswith("<w:tbl>"):
            self.out.append("<w:p/>")  # two tables in a row would merge into one
        self.out.append(_table_xml(xml, columns, width, context.indent))

    def cell(self, cell: Element, span: int, format: _Format, column_width: int) -> list[str]:
        if cell.tag == "th":
            format = replace(format, marks=format.marks | {"b"})
        inner = _Context(style=None, width=max(column_width * span - _CELL_MARGINS, _MIN_WIDTH))
        return self.blocks(lambda: self.children(cell, format, inner))

    # -- links and images ----------------------------------------------------------------

    def link(self, href: str) -> str:
        if href not in self.links:
            self.links[href] = self.relationship("hyperlink", _link_target(href), external=True)
        return self.links[href]

    def relationship(self, kind: str, target: str, *, external: bool = False) -> str:
        rid = f"rId{10 + len(self.relationships)}"
        self.relationships.append((rid, ooxml.REL_TYPE + kind, target, external))
        return rid

    def image(self, element: Element, format: _Format, context: _Context) -> None:
        src = element.attrs.get("src", "")
        alt = " ".join(element.attrs.get("alt", "").split())
        name = src.removeprefix(self.asset_prefix)
        data = self.assets.get(name) if src.startswith(self.asset_prefix) else None
        if data is None:  # a remote image on a trusted host: named and linked, not fetched
            linked = replace(format, link=self.link(src))  # named by its alt, which is checked
            self.add(_Run("text", f"[图片：{alt}]" if alt else "[图片]", linked), context)
            return
        if name not in self.images:
            part = f"media/image{len(self.images) + 1}.{name.rpartition('.')[2]}"
            self.media[part] = data
            self.images[name] = (self.relationship("image", part), part)
        rid, part = self.images[name]
        width, height = _picture_size(element, data, context.width)
        self.drawings += 1
        drawing = _drawing_xml(self.drawings, rid, part, alt, width, height)
        self.add(_Run("drawing", drawing, format), context)


def _indented(context: _Context, **changes: int) -> _Context:
    """The context one step further in (a list or a quote), unstyled paragraphs."""
    indent = min(context.indent + LIST_INDENT, _MAX_INDENT)
    width = max(context.width - (indent - context.indent), _MIN_WIDTH)
    return replace(context, style=None, indent=indent, width=width, **changes)


# -- tables -------------------------------------------------------------------------------


def _rows(table: Element) -> Iterator[tuple[Element, bool]]:
    """Each <tr> of the table, and whether it is in <thead>."""
    for child in table.children:
        if isinstance(child, str):
            continue
        if child.tag == "tr":
            yield child, False
        elif child.tag in ("thead", "tbody", "tfoot"):
            for row in child.children:
                if isinstance(row, Element) and row.tag == "tr":
                    yield row, child.tag == "thead"


def _grid(rows: list[Element]) -> list[list[_Slot]]:
    """The rows' cells placed on the column grid, with rowspans as continuation slots."""
    covered: dict[int, tuple[int, int]] = {}  # start column → (rows still to cover, span)
    grid = []
    for row in rows:
        slots: list[_Slot] = []
        started: dict[int, tuple[int, int]] = {}
        column = 0
        cells = [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]
        for cell in [*cells, None]:
            column = _skip_covered(covered, column, slots, to_end=cell is None)
            if cell is None:
                break
            span = min(_count(cell, "colspan"), MAX_COLUMNS)
            rowspan = _count(cell, "rowspan")
            slots.append(_Slot(column, span, cell, "restart" if rowspan > 1 else None))
            if rowspan > 1:
                started[column] = (rowspan - 1, span)
            column += span
        covered = {c: (n - 1, s) for c, (n, s) in covered.items() if n > 1} | started
        grid.append(slots)
    return grid


def _skip_covered(
    covered: dict[int, tuple[int, int]], column: int, slots: list[_Slot], *, to_end: bool
) -> int:
    """Place continuation slots from ``column`` on while a cell above covers it.

    ``to_end``: at the end of the row, also up to the covered ranges further right.
    """
    while True:
        inside = [c for c, (_, span) in covered.items() if c <= column < c + span]
        if inside:
            start = min(inside)
            span = covered[start][1]
            if start == column:
                slots.append(_Slot(column, span, None, "continue"))
            else:  # overlapping spans: an empty cell fills the rest of the range
                slots.append(_Slot(column, start + span - column, None))
            column = start + span
            continue
        later = [c for c in covered if c > column] if to_end else []
        if not later:
            return column
        slots.append(_Slot(column, min(later) - column, None))  # the gap before it
        column = min(later)


def _pad(slots: list[_Slot], columns: int) -> list[_Slot]:
    end = max((s.column + s.span for s in slots), default=0)
    return [*slots, _Slot(end, columns - end, None)] if end < columns else slots


def _count(cell: Element, name: str) -> int:
    value = numeric_attribute(cell.attrs.get(name, "1"))
    return max(int(value), 1) if value is not None else 1


def _row_xml(cells: list[tuple[_Slot, list[str]]], width: int, header: bool) -> str:
    parts = ["<w:tr>", "<w:trPr><w:tblHeader/></w:trPr>" if header else ""]
    for slot, content in cells:
        properties = f'<w:tcW w:w="{width * slot.span}" w:type="dxa"/>'
        if slot.span > 1:
            properties += f'<w:gridSpan w:val="{slot.span}"/>'
        if slot.merge == "restart":
            properties += '<w:vMerge w:val="restart"/>'
        elif slot.merge == "continue":
            properties += "<w:vMerge/>"
        if not content or content[-1].startswith("<w:tbl>"):
            content = [*content, "<w:p/>"]  # a cell must end with a paragraph
        parts.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(content)}</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def _table_xml(rows: list[str], columns: int, width: int, indent: int) -> str:
    indentation = f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else ""
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/>{indentation}'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{_grid_column(width) * columns}</w:tblGrid>"
        f"{''.join(rows)}</w:tbl>"
    )


def _grid_column(width: int) -> str:
    return f'<w:gridCol w:w="{width}"/>'


# -- paragraphs and runs --------------------------------------------------------------------


def _ends_line(runs: list[_Run]) -> bool:
    """Whether leading whitespace of new text would be collapsed away."""
    if not runs:
        return True
    last = runs[-1]
    return last.kind == "break" or (last.kind == "text" and last.value.endswith(" "))


def _paragraph_xml(paragraph: _Paragraph) -> str:
    context = paragraph.context
    runs = _trim(paragraph.runs, context.pre)
    properties = f'<w:pStyle w:val="{context.style}"/>' if context.style else ""
    if paragraph.numbering is not None:
        number, level = paragraph.numbering
        properties += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>'
        properties += f'<w:ind w:left="{context.indent}" w:hanging="{LIST_INDENT}"/>'
    elif context.indent:
        indent = f'w:left="{context.indent}" w:firstLineChars="0" w:firstLine="0"'
        properties += f"<w:ind {indent}/>"
    parts = [f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"]
    link: str | None = None
    for run in _merge(runs):
        if run.format.link != link:
            if link is not None:
                parts.append("</w:hyperlink>")
            link = run.format.link
            if link is not None:
                parts.append(f'<w:hyperlink r:id="{link}" w:history="1">')
        parts.append(_run_xml(run))
    if link is not None:
        parts.append("</w:hyperlink>")
    parts.append("</w:p>")
    return "".join(parts)


def _trim(runs: list[_Run], pre: bool) -> list[_Run]:
    """Drop what a browser would not show at the end of a block: spaces, one line break."""
    runs = [run for run in runs if run.kind != "text" or run.value]
    while not pre and runs and runs[-1].kind == "text":
        runs[-1] = _Run("text", runs[-1].value.rstrip(" "), runs[-1].format)
        if runs[-1].value:
            break
        runs.pop()
    if runs and runs[-1].kind == "break":
        runs.pop()
    elif pre and runs and runs[-1].kind == "text" and runs[-1].value.endswith("\n"):
        runs[-1] = _Run("text", runs[-1].value[:-1], runs[-1].format)
    return runs


def _merge(runs: list[_Run]) -> list[_Run]:
    """Adjacent text runs with the same format as one."""
    merged: list[_Run] = []
    for run in runs:
        previous = merged[-1] if merged else None
        if previous and run.kind == previous.kind == "text" and run.format == previous.format:
            previous.value += run.value
        else:
            merged.append(_Run(run.kind, run.value, run.format))
    return merged


def _run_xml(run: _Run) -> str:
    marks = run.format.marks
    properties = '<w:rStyle w:val="Hyperlink"/>' if run.format.link else ""
    if "code" in marks:
        properties += '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
    if "b" in marks:
        properties += "<w:b/><w:bCs/>"
    if "i" in marks:
        properties += "<w:i/><w:iCs/>"
    if "u" in marks:
        properties += '<w:u w:val="single"/>'
    if "sup" in marks or "sub" in marks:
        position = "superscript" if "sup" in marks else "subscript"
        properties += f'<w:vertAlign w:val="{position}"/>'
    if run.kind == "break":
        content = "<w:br/>"
    elif run.kind == "drawing":
        content = run.value
    else:
        content = "".join(_text_piece(piece) for piece in _PIECES.split(run.value) if piece)
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{content}</w:r>"


def _text_piece(piece: str) -> str:
    if piece == "\n":
        return "<w:br/>"
    if piece == "\t":
        return "<w:tab/>"
    return f'<w:t xml:space="preserve">{ooxml.text(piece)}</w:t>'


# -- links and pictures -----------------------------------------------------------------------


def _link_target(href: str) -> str:
    """``href`` as a valid URI: Word calls a file corrupt over a space in a relationship."""
    return quote(_LONE_PERCENT.sub("%25", ooxml.clean(href)), safe=_URL_SAFE)


def _picture_size(element: Element, data: bytes, available: int) -> tuple[int, int]:
    """Width and height in EMU: as given in the markup, else natural; fitted to the space."""
    natural = pixel_size(data) or (400, 300)  # unreadable header: a 4:3 box
    width, height = (_pixels(element, name) for name in ("width", "height"))
    if width and not height:
        height = max(round(natural[1] * width / natural[0]), 1)
    elif height and not width:
        width = max(round(natural[0] * height / natural[1]), 1)
    elif not (width and height):
        width, height = natural
    emu_width, emu_height = width * ooxml.EMU_PER_PIXEL, height * ooxml.EMU_PER_PIXEL
    scale = min(
        1.0,
        max(available, 1) * ooxml.EMU_PER_TWIP / emu_width,
        ooxml.TEXT_HEIGHT * ooxml.EMU_PER_TWIP * 0.9 / emu_height,  # room for the line's text
    )
    return max(round(emu_width * scale), 1), max(round(emu_height * scale), 1)


def _pixels(element: Element, name: str) -> int:
    value = numeric_attribute(element.attrs.get(name, ""))
    return int(value) if value is not None else 0


def _drawing_xml(number: int, rid: str, part: str, alt: str, width: int, height: int) -> str:
    description = ooxml.attribute(alt)
    return (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="图片 {number}" descr="{description}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{_PICTURE_URI}"><pic:pic><pic:nvPicPr>'
        f'<pic:cNvPr id="{number}" name="{part.rpartition("/")[2]}" descr="{description}"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rid}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
