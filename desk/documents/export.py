"""Export a draft as what would be published: a portal page with its assets, or a .docx.

Both go through ``desk.render``, so an export never holds more than
the page would: hidden text and scripts are gone, only trusted links keep their target,
embedded (data:) images are localized files. The .docx is built from the sanitized body
(``docx_writer``), not from the editor's HTML.

Files are written atomically (a temporary file in the same folder, then a rename), so a
failed export leaves the old file, if any, as it was and no temporary file behind.
Nothing here touches the network: remote images of trusted hosts are named, not fetched.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from desk.atomic import write_atomically
from desk.documents.docx_writer import package_parts, write_docx
from desk.links import Whitelist
from desk.render import RenderResult, VerdictCache, assets_dir_for, render_html, write_result
from desk.render.links import ReadLocal

_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘空间配额已用完",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "是文件夹，不是文件",
    errno.EEXIST: "已有同名文件，无法创建图片文件夹",
    errno.ENAMETOOLONG: "文件名太长",
}


class ExportError(OSError):
    """An export that could not be written; ``str()`` says why, for the user."""

    def __str__(self) -> str:
        return f"{self.filename}: 无法保存（{self.strerror}）"


def export_html(
    title: str,
    body_html: str,
    path: Path | str,
    *,
    whitelist: Whitelist | VerdictCache,
    read_local: ReadLocal | None = None,
) -> RenderResult:
    """Write the portal page to ``path`` and its images to ``assets/`` beside it.

    Raises ExportError (an OSError) if anything can't be written.
    """
    path = Path(path)
    result = render_html(
        body_html,
        whitelist=whitelist,
        title=title,
        assets_dir=assets_dir_for(path).name,
        read_local=read_local,
    )
    with _reported(path):
        _refuse_folder(path)  # before the assets are written for a page that can't be
        write_result(result, path)
    return result


def export_docx(
    title: str,
    body_html: str,
    path: Path | str,
    *,
    whitelist: Whitelist | VerdictCache,
    read_local: ReadLocal | None = None,
) -> RenderResult:
    """Write a Word document of the published content to ``path``; images are inside it.

    Raises ExportError (an OSError) if it can't be written.
    """
    path = Path(path)
    result = render_html(
        body_html, whitelist=whitelist, title=title, template="bare", read_local=read_local
    )
    parts = package_parts(
        result.title,
        result.body,
        result.assets,
        asset_prefix=quote(result.assets_dir, safe="") + "/",  # as render_html writes srcs
        created=datetime.now(UTC),
    )
    with _reported(path):
        _refuse_folder(path)
        write_atomically(path, lambda file: write_docx(file, parts))
    return result


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))


@contextlib.contextmanager
def _reported(path: Path) -> Iterator[None]:
    """Turn an OSError into an ExportError that says what went wrong in Chinese."""
    try:
        yield
    except OSError as error:
        reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
        raise ExportError(error.errno, reason, str(path)) from error
