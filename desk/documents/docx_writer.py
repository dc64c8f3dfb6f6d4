"""Assemble a .docx package: the converted body, the fixed parts, and the zip around them."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import BinaryIO

from desk.documents import docx_parts, ooxml
from desk.documents.docx_body import convert, paragraph

_NAMESPACES = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in (("w", ooxml.W), ("r", ooxml.R), ("wp", ooxml.WP), ("a", ooxml.A),
                        ("pic", ooxml.PIC))
)  # fmt: skip
_SECTION = (
    f'<w:sectPr><w:pgSz w:w="{ooxml.PAGE_WIDTH}" w:h="{ooxml.PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{ooxml.MARGIN_TOP}" w:right="{ooxml.MARGIN_RIGHT}" '
    f'w:bottom="{ooxml.MARGIN_BOTTOM}" w:left="{ooxml.MARGIN_LEFT}" '
    'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
)


def package_parts(
    title: str,
    body_html: str,
    assets: Mapping[str, bytes],
    *,
    asset_prefix: str,
    created: datetime,
) -> dict[str, bytes]:
    """Every part of the package by name, ``[Content_Types].xml`` first.

    ``body_html``: a sanitized body (``RenderResult.body``); its images under
    ``asset_prefix`` are taken from ``assets`` (``RenderResult.assets``).
    """
    body = convert(body_html, assets, asset_prefix)
    blocks = (paragraph(title, "Title") if title else "") + body.xml
    document = (
        f"{ooxml.DECLARATION}<w:document {_NAMESPACES}><w:body>"
        f"{blocks or '<w:p/>'}{_SECTION}</w:body></w:document>"
    )
    parts = {
        "[Content_Types].xml": docx_parts.content_types(),
        "_rels/.rels": docx_parts.package_relationships(),
        "docProps/core.xml": docx_parts.core_properties(title, created),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": docx_parts.document_relationships(body.relationships),
        "word/styles.xml": docx_parts.styles(),
        "word/numbering.xml": docx_parts.numbering(body.ordered_lists),
        "word/fontTable.xml": docx_parts.font_table(),
    }
    encoded = {name: xml.encode("utf-8") for name, xml in parts.items()}
    return encoded | {f"word/{name}": data for name, data in body.media.items()}


def write_docx(file: BinaryIO, parts: Mapping[str, bytes]) -> None:
    """Zip ``parts`` into ``file``, in their order."""
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
