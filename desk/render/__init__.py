"""Render a draft into the HTML that is published: sanitized, links judged, images local.

Plain Python, no Qt. The pipeline, in this order::

    draft (.html / .docx via mammoth / .txt as paragraphs)
      → semantic_html     styled spans (Qt's, Word's bold/italic …) become elements the
                          allow-list keeps (desk.documents.rich_text)
      → tree.parse        stdlib html.parser; hiding reasons from the raw styles
      → links.rewrite     hidden content dropped, links judged (only trusted keep an href),
                          images kept / localized / replaced by a placeholder; canonical,
                          allow-listed, escaped HTML out
      → sanitize.sanitize nh3 with the allow-list, the LAST step on the body: nothing it
                          strips can come back, and only hrefs/srcs approved above pass
      → hash.content_hash SHA-256 of title + sanitized body + attributes
      → templates.fill    portal / mobile / bare page with CSP and the hash meta

``render_html`` is pure (no I/O but the ``read_local`` callback it is given) and
deterministic: the same input gives the same bytes and the same hash. ``render_document``
adds the draft's folder as the place local images are read from, and ``write_result``
writes the page and its assets folder atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from desk.atomic import NotARegularFile, write_bytes_atomically
from desk.documents.loader import Document
from desk.documents.rich_text import semantic_html
from desk.links import Whitelist
from desk.render.hash import content_hash
from desk.render.images import LocalImages
from desk.render.links import ReadLocal, RenderNote, RenderStats, VerdictCache, rewrite
from desk.render.sanitize import sanitize, text_to_html
from desk.render.templates import TEMPLATES, TemplateError, fill, page_body
from desk.render.tree import parse

__all__ = [
    "TEMPLATES",
    "RenderNote",
    "RenderResult",
    "RenderStats",
    "TemplateError",
    "VerdictCache",
    "assets_dir_for",
    "content_hash",
    "page_body",
    "render_document",
    "render_html",
    "write_result",
]


ASSETS_DIR = "assets"


@dataclass(frozen=True, slots=True)
class RenderResult:
    """A rendered page and everything needed to publish and approve it."""

    html: str  # the whole page
    title: str  # as hashed and shown
    body: str  # the sanitized body, exactly as in the page; what content_hash covers
    content_hash: str
    template: str
    assets_dir: str  # folder name beside the page that localized images live in
    assets: Mapping[str, bytes]  # file name in assets_dir → bytes, sorted by name
    notes: tuple[RenderNote, ...]
    stats: RenderStats


def render_html(
    source: str,
    *,
    whitelist: Whitelist | VerdictCache,
    kind: str = "html",
    template: str = "portal",
    title: str | None = None,
    attributes: Mapping[str, str] | None = None,
    assets_dir: str = ASSETS_DIR,
    read_local: ReadLocal | None = None,
) -> RenderResult:
    """Render ``source`` (HTML, or plain text when ``kind == "txt"``) into a page.

    ``read_local(src)`` returns the bytes of a local image (relative src or file: URL)
    or None; without it no local file is read and such images become placeholders.
    ``assets_dir``: the folder name localized images are referenced under.
    Raises TemplateError for an unknown template.
    """
    if template not in TEMPLATES:
        raise TemplateError(f"未知模板 {template!r}，可选：{'、'.join(TEMPLATES)}")
    title = normalize_title(title)
    source = valid_unicode(source)
    markup = text_to_html(source) if kind == "txt" else semantic_html(source)
    rewritten = rewrite(
        parse(markup),
        whitelist=whitelist,
        asset_prefix=quote(assets_dir, safe="") + "/",
        read_local=read_local,
    )
    body = sanitize(rewritten.html, hrefs=rewritten.hrefs, srcs=rewritten.srcs)
    digest = content_hash(title, body, attributes)
    page = fill(
        template,
        title=title,
        body_html=body,
        content_sha256=digest,
        image_origins=rewritten.image_origins,
    )
    return RenderResult(
        html=page,
        title=title,
        body=body,
        content_hash=digest,
        template=template,
        assets_dir=assets_dir,
        assets=dict(sorted(rewritten.assets.items())),
        notes=tuple(rewritten.notes),
        stats=rewritten.stats,
    )


def render_document(
    document: Document,
    *,
    whitelist: Whitelist | VerdictCache,
    output_path: Path | str,
    template: str = "portal",
    title: str | None = None,
    attributes: Mapping[str, str] | None = None,
) -> RenderResult:
    """Render a loaded draft for publishing at ``output_path`` (nothing is written).

    Local images are read relative to the draft's folder; the assets folder is
    ``assets`` beside ``output_path`` (``assets_dir_for``).
    """
    kind = "txt" if document.html is None else "html"
    return render_html(
        document.html if document.html is not None else document.text,
        whitelist=whitelist,
        kind=kind,
        template=template,
        title=title,
        attributes=attributes,
        assets_dir=assets_dir_for(output_path).name,
        read_local=LocalImages(Path(document.path).resolve().parent),
    )


def assets_dir_for(output_path: Path | str) -> Path:
    """``…/article.html`` → ``…/assets`` beside it.

    One fixed name, so the page (and its content hash) does not depend on what the
    output file is called; files are named by their SHA-256, so pages can share it.
    """
    return Path(output_path).with_name(ASSETS_DIR)


def normalize_title(title: str | None) -> str:
    """Runs of whitespace → one space, ends stripped; undecodable bytes → U+FFFD."""
    if not title:
        return ""
    return " ".join(valid_unicode(title).split())


def valid_unicode(text: str) -> str:
    """Lone surrogates (from undecodable bytes, or a half pasted emoji) → U+FFFD: the
    sanitizer and the hash need text that encodes."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def write_result(result: RenderResult, output_path: Path | str) -> list[Path]:
    """Write the assets, then the page, each atomically; return the paths written.

    The page comes last, so it never refers to an asset not yet on disk. Files already
    in the assets folder are left alone (names are content hashes: same name, same bytes).
    Only regular files and a real folder are written to (desk.atomic); OSError propagates.
    """
    output_path = Path(output_path)
    written = []
    if result.assets:
        folder = output_path.with_name(result.assets_dir)
        folder.mkdir(exist_ok=True)
        if folder.is_symlink():
            raise NotARegularFile(folder)
        for name, data in result.assets.items():
            target = folder / name
            if not (target.is_file() and target.stat().st_size == len(data)):
                write_bytes_atomically(target, data)
            written.append(target)
    write_bytes_atomically(output_path, result.html.encode("utf-8"))
    written.append(output_path)
    return written
