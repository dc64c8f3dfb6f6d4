"""The one background thread that renders previews, so typing never waits for a render.

`RenderWorker` lives on the UI thread and owns a QThread running a `_Rendering` object.
Each request renders the draft with `render_html` in every previewed template (exactly
what `desk render` publishes) and writes the pages with `write_result` into a fresh
folder from `PreviewFolders`, so localized images sit in its assets/ folder.

Every request carries a generation number from one increasing counter, and only the
latest is current: the thread skips stale requests it has not started, and a result or
failure that comes back for one is never emitted, so the pane can't show a draft that
has changed since.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desk.links import Whitelist
from desk.render import RenderResult, TemplateError, VerdictCache, render_html, write_result
from desk.render.links import ReadLocal
from desk.ui.preview.folders import PreviewFolders
from desk.ui.qt import QObject, QThread, Signal, Slot

PREVIEW_TEMPLATES = ("portal", "mobile")

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Preview:
    """One render of a draft, written to disk: a page per template."""

    generation: int
    folder: Path
    pages: Mapping[str, Path]  # template → the page file in `folder`
    results: Mapping[str, RenderResult]  # template → what `render_html` returned

    @property
    def content_hash(self) -> str:
        """The same for every template: it covers the title and the body only."""
        return self.results[PREVIEW_TEMPLATES[0]].content_hash


class RenderWorker(QObject):
    """Renders drafts on its own thread; results come back by `rendered` or `failed`."""

    render_requested = Signal(int, str, str)  # generation, title, body HTML
    rendered = Signal(object)  # Preview
    failed = Signal(str)  # why, for people

    def __init__(
        self,
        whitelist: Whitelist,
        folders: PreviewFolders,
        read_local: ReadLocal | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._generations = itertools.count(1)
        self._current = 0
        self._lock = threading.Lock()  # _current is read from the render thread
        self._thread = QThread()
        self._thread.setObjectName("desk-preview")
        self._rendering = _Rendering(whitelist, folders, read_local, self.is_current)
        self._rendering.moveToThread(self._thread)
        self._thread.finished.connect(self._rendering.deleteLater)
        self.render_requested.connect(self._rendering.render)
        self._rendering.rendered.connect(self._deliver)
        self._rendering.failed.connect(self._deliver_failure)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Finish the running render and end the thread; only at shutdown."""
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    def request(self, title: str, body_html: str) -> int:
        """Render this draft; every earlier request becomes stale. Returns the generation."""
        with self._lock:
            generation = self._current = next(self._generations)
        self.render_requested.emit(generation, title, body_html)
        return generation

    def is_current(self, generation: int) -> bool:
        """Whether `generation` is the latest request (thread-safe)."""
        with self._lock:
            return generation == self._current

    @Slot(object)
    def _deliver(self, preview: Preview) -> None:
        if self.is_current(preview.generation):
            self.rendered.emit(preview)

    @Slot(int, str)
    def _deliver_failure(self, generation: int, message: str) -> None:
        if self.is_current(generation):
            self.failed.emit(message)


class _Rendering(QObject):
    """The render thread's side: renders and writes one request at a time."""

    rendered = Signal(object)
    failed = Signal(int, str)

    def __init__(
        self,
        whitelist: Whitelist,
        folders: PreviewFolders,
        read_local: ReadLocal | None,
        is_current: Callable[[int], bool],
    ) -> None:
        super().__init__()
        self._whitelist = whitelist
        self._folders = folders
        self._read_local = read_local
        self._is_current = is_current

    @Slot(int, str, str)
    def render(self, generation: int, title: str, body_html: str) -> None:
        if not self._is_current(generation):
            return
        try:
            preview = self._render(generation, title, body_html)
        except TemplateError as error:
            self.failed.emit(generation, self.tr("页面模板有误：{0}").format(error))
        except OSError as error:
            reason = error.strerror or str(error)
            self.failed.emit(generation, self.tr("无法写入预览临时文件夹（{0}）").format(reason))
        except Exception as error:  # a renderer bug must not leave the preview silently stale
            _log.exception("preview render failed")
            reason = str(error) or type(error).__name__
            self.failed.emit(generation, self.tr("生成预览时出错（{0}）").format(reason))
        else:
            self.rendered.emit(preview)

    def _render(self, generation: int, title: str, body_html: str) -> Preview:
        verdicts = VerdictCache(self._whitelist)  # both templates judge the same links
        results = {
            template: render_html(
                body_html,
                whitelist=verdicts,
                template=template,
                title=title,
                read_local=self._read_local,
            )
            for template in PREVIEW_TEMPLATES
        }
        folder = self._folders.new(generation)
        try:
            pages = {template: folder / f"{template}.html" for template in PREVIEW_TEMPLATES}
            for template, result in results.items():
                write_result(result, pages[template])
        except BaseException:
            self._folders.discard(folder)
            raise
        self._folders.prune(folder)
        return Preview(generation, folder, pages, results)
