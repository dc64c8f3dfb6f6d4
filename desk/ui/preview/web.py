"""The preview's browser: a locked-down Chromium profile, its pages and views.

Importing this module loads QtWebEngine (through `desk.ui.qt_web`); the pane imports it
when it is first shown. A draft is untrusted content, so the browser that shows it may
do nothing but lay out the page:

* a private off-the-record profile (no disk cache, no cookies, nothing shared);
* JavaScript, plugins, the PDF viewer, error pages and favicons off; local pages may not
  reach remote URLs;
* `PreviewGuard` blocks every request that is not a file: URL inside the folder of the
  preview being shown, and records what it allowed and blocked;
* `PreviewPage` refuses every navigation but the pane's own loads, so a click on a link,
  a dropped file or a redirect leaves the preview where it is.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

from desk.ui.preview.render_worker import PREVIEW_TEMPLATES, Preview
from desk.ui.qt import QCoreApplication, QEvent, QObject, QPointF, Qt, QUrl, Signal
from desk.ui.qt_web import (
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineView,
)

REQUEST_LOG_SIZE = 500  # recent decisions kept for inspection; older ones are dropped

_OFF = (
    QWebEngineSettings.WebAttribute.JavascriptEnabled,
    QWebEngineSettings.WebAttribute.PluginsEnabled,
    QWebEngineSettings.WebAttribute.PdfViewerEnabled,
    QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
    QWebEngineSettings.WebAttribute.ErrorPageEnabled,
    QWebEngineSettings.WebAttribute.NavigateOnDropEnabled,
    QWebEngineSettings.WebAttribute.AutoLoadIconsForPage,
    QWebEngineSettings.WebAttribute.TouchIconsEnabled,
    QWebEngineSettings.WebAttribute.FocusOnNavigationEnabled,  # typing stays in the editor
)


class PreviewGuard(QWebEngineUrlRequestInterceptor):
    """Lets through file: URLs inside the current preview folder, and nothing else.

    `allowed` and `blocked` keep the latest URLs of each kind, for tests and diagnosis.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prefix: str | None = None  # normalized folder path + separator
        self.allowed: deque[str] = deque(maxlen=REQUEST_LOG_SIZE)
        self.blocked: deque[str] = deque(maxlen=REQUEST_LOG_SIZE)

    def set_folder(self, folder: Path) -> None:
        self._prefix = _normalized(str(folder)) + os.sep

    def allows(self, url: QUrl) -> bool:
        """Whether `url` is a file inside the folder (symbolic links resolved first)."""
        prefix = self._prefix
        if prefix is None or not url.isLocalFile():
            return False
        return _normalized(url.toLocalFile()).startswith(prefix)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # Qt override
        url = info.requestUrl()
        if self.allows(url):
            self.allowed.append(url.toString())
        else:
            info.block(True)
            self.blocked.append(url.toString())


class PreviewPage(QWebEnginePage):
    """A page that goes only where the pane sends it."""

    def __init__(self, profile: QWebEngineProfile, guard: PreviewGuard, parent: QObject) -> None:
        super().__init__(profile, parent)
        self._guard = guard

    def acceptNavigationRequest(  # Qt override
        self, url: QUrl, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        return (
            is_main_frame
            and navigation_type == QWebEnginePage.NavigationType.NavigationTypeTyped
            and self._guard.allows(url)
        )


class PreviewWeb(QObject):
    """A view per previewed template, each loaded on demand; `shown` when one has loaded.

    Only the view in front is loaded on every pause in typing: Chromium loads a page in
    a hidden view several times slower (~250 ms against ~60 ms for a 100,000-character
    draft), taking the CPU from the view in front and from the editor. The pane asks for
    the other view when it comes to the front.
    """

    shown = Signal(str, object)  # template, Preview now on screen in its view
    load_failed = Signal(str)  # Chromium's reason

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = QWebEngineProfile(self)  # no storage name: off the record
        for attribute in _OFF:
            self.profile.settings().setAttribute(attribute, False)
        # a child of the profile, so it outlives the profile's pages
        self.guard = PreviewGuard(self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.views: dict[str, QWebEngineView] = {}
        for template in PREVIEW_TEMPLATES:
            view = QWebEngineView()
            view.setPage(PreviewPage(self.profile, self.guard, view))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no reload/save/back
            view.page().loadingChanged.connect(
                lambda info, template=template: self._loading_changed(template, info)
            )
            self.views[template] = view
        self._has: dict[str, Preview] = {}  # template → the preview its view shows or loads
        self._ready: set[str] = set()  # templates whose view has finished loading
        self._scroll: dict[str, QPointF] = {}  # template → where its old page was scrolled to

    def page(self, template: str) -> QWebEnginePage:
        return self.views[template].page()

    def show(self, preview: Preview, template: str) -> Preview:
        """Show `preview` in the view of `template`; the preview the view ends up with.

        A view that has the same content already keeps its page, scrolled as it is, and
        returns that preview; otherwise the page is loaded and keeps its scroll position.
        """
        current = self._has.get(template)
        if current is not None and current.content_hash == preview.content_hash:
            if template in self._ready:
                self.shown.emit(template, current)
            return current
        view = self.views[template]
        if template in self._ready:  # a page still loading has no position of its own
            self._scroll[template] = view.page().scrollPosition()
        self._has[template] = preview
        self._ready.discard(template)
        self.guard.set_folder(preview.folder)
        view.load(QUrl.fromLocalFile(str(preview.pages[template])))
        return preview

    def close(self) -> None:
        """Delete the views and their pages now, then the profile, then this object.

        A profile must outlive its pages, and QtWebEngine warns at exit about pages still
        alive; deleting here, not at some later turn of the event loop, keeps the order.
        """
        for view in self.views.values():
            _delete_now(view)  # and its page, a child
        self.views.clear()
        _delete_now(self)  # and the profile, and the guard

    def _loading_changed(self, template: str, info: QWebEngineLoadingInfo) -> None:
        preview = self._has.get(template)
        if preview is None or info.url() != QUrl.fromLocalFile(str(preview.pages[template])):
            return  # a superseded load, or a navigation the page refused
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self._ready.add(template)
            self._restore_scroll(template)
            self.shown.emit(template, preview)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            self.load_failed.emit(info.errorString())

    def _restore_scroll(self, template: str) -> None:
        """The page's own JavaScript is off; Qt's isolated world still runs ours."""
        position = self._scroll.get(template, QPointF())
        if position.x() or position.y():
            self.page(template).runJavaScript(
                f"window.scrollTo({position.x():.0f}, {position.y():.0f})",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
            )


def _delete_now(thing: QObject) -> None:
    thing.deleteLater()
    QCoreApplication.sendPostedEvents(thing, QEvent.Type.DeferredDelete)


def _normalized(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))
