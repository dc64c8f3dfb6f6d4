"""The preview pane: the draft as it will be published, refreshed when typing pauses.

`set_draft` restarts a short timer; when it fires the draft goes to the `RenderWorker`,
and the pages it writes are loaded into the view of the tab in front (`web.PreviewWeb`,
a tab per template); the other tab's view loads the latest render when it comes to the
front. `refreshed` says when a render is on screen. The UI thread only ever hands work
over and takes results back: it never waits for a render.

QtWebEngine is heavy, so the pane is built with a placeholder and imports it (through
`web`) in its first `showEvent`; a draft given before then is rendered at that moment.
The main window must call `shutdown()` when it closes: it ends the render thread and
removes the temp folders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk.links import Whitelist, load_default_whitelist
from desk.render.links import ReadLocal
from desk.ui.preview.folders import PreviewFolders
from desk.ui.preview.render_worker import PREVIEW_TEMPLATES, Preview, RenderWorker
from desk.ui.qt import (
    QHBoxLayout,
    QLabel,
    QPixmap,
    QShowEvent,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)

if TYPE_CHECKING:
    from desk.ui.preview.web import PreviewWeb

DEBOUNCE_MS = 400  # a pause in typing this long refreshes the preview
MOBILE_WIDTH = 390  # CSS pixels of a common phone

_MESSAGE_STYLE = "QLabel { background: #fdecea; color: #b3261e; padding: 6px; }"
_MOBILE_BACKDROP_STYLE = "QWidget#deskMobileBackdrop { background: #e8e8e8; }"


class PreviewPane(QWidget):
    """The portal and mobile pages of the current draft, as `desk render` writes them."""

    refreshed = Signal(str)  # content SHA-256 of the preview now on screen
    failed = Signal(str)  # the message now shown in the pane

    def __init__(
        self,
        whitelist: Whitelist | None = None,
        parent: QWidget | None = None,
        *,
        read_local: ReadLocal | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        """`read_local(src)`: the bytes of a local image the draft refers to (see
        `render_html`); without it only embedded (data:) images are shown."""
        super().__init__(parent)
        self._folders = PreviewFolders()
        self._worker = RenderWorker(
            whitelist if whitelist is not None else load_default_whitelist(),
            self._folders,
            read_local,
            self,
        )
        self._worker.rendered.connect(self._rendered)
        self._worker.failed.connect(self._render_failed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._request)
        self._draft: tuple[str, str] | None = None
        self._latest: Preview | None = None  # the newest render, in the view in front
        self._shown: Preview | None = None  # what the view in front has finished loading
        self._web: PreviewWeb | None = None
        self._closed = False

        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setStyleSheet(_MESSAGE_STYLE)
        self._message.hide()
        self._placeholder = QLabel(self.tr("预览将在这里显示"))
        self._tabs = QTabWidget()  # before the views' profile, so it is deleted first
        self._tabs.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._message)
        layout.addWidget(self._placeholder, 1)
        layout.addWidget(self._tabs, 1)

    @property
    def web(self) -> PreviewWeb | None:
        """The views, their pages and the request guard, once the pane has been shown."""
        return self._web

    def set_draft(self, title: str, body_html: str) -> None:
        """Preview this draft once typing pauses (after `debounce_ms`)."""
        self._draft = (title, body_html)
        if self._web is not None and not self._closed:
            self._debounce.start()

    def shown(self) -> Preview | None:
        """The preview in the tab in front: its pages and each template's `RenderResult`."""
        return self._shown

    def template(self) -> str:
        """The template of the tab in front."""
        return PREVIEW_TEMPLATES[max(self._tabs.currentIndex(), 0)]

    def message(self) -> str:
        """The problem shown above the preview, or "" when there is none."""
        return self._message.text() if not self._message.isHidden() else ""

    def show_template(self, template: str) -> None:
        """Bring the tab of `template` ("portal" or "mobile") to the front.

        `refreshed` follows once its view shows the latest render (at once if it does).
        """
        index = PREVIEW_TEMPLATES.index(template)
        if index == self._tabs.currentIndex():
            self._tab_changed(index)  # in front already: Qt would not say so again
        else:
            self._tabs.setCurrentIndex(index)

    def grab_views(self) -> dict[str, QPixmap]:
        """Screenshots of the views on screen (a hidden tab paints nothing: show it first).

        Take them after `refreshed` and a short pause, so the page has been painted.
        """
        if self._web is None:
            return {}
        return {
            template: view.grab() for template, view in self._web.views.items() if view.isVisible()
        }

    def shutdown(self) -> None:
        """End the render thread and remove the temp folders; call when the window closes."""
        if self._closed:
            return
        self._closed = True
        self._debounce.stop()
        self._worker.stop()
        if self._web is not None:
            self._web.close()
            self._web = None
        self._folders.close()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if self._web is None and not self._closed:
            self._build_views()

    def _build_views(self) -> None:
        from desk.ui.preview.web import PreviewWeb  # loads QtWebEngine: only now

        self._web = PreviewWeb(self)
        self._web.shown.connect(self._loaded)
        self._web.load_failed.connect(self._load_failed)
        labels = {"portal": self.tr("门户网站"), "mobile": self.tr("移动端")}
        for template, view in self._web.views.items():
            tab = view if template != "mobile" else _phone_frame(view)
            self._tabs.addTab(tab, labels[template])
        self._tabs.currentChanged.connect(self._tab_changed)
        self._placeholder.hide()
        self._tabs.show()
        self._worker.start()
        if self._draft is not None:
            self._request()

    @Slot()
    def _request(self) -> None:
        if self._draft is not None and not self._closed:
            self._worker.request(*self._draft)

    @Slot(object)
    def _rendered(self, preview: Preview) -> None:
        if self._web is not None and not self._closed:
            self._latest = self._web.show(preview, self.template())
            self._folders.show(self._latest.folder)

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        if self._web is not None and self._latest is not None:
            self._web.show(self._latest, self.template())

    @Slot(str, object)
    def _loaded(self, template: str, preview: Preview) -> None:
        if template == self.template():
            self._shown = preview
            self._message.hide()
            self.refreshed.emit(preview.content_hash)

    @Slot(str)
    def _render_failed(self, reason: str) -> None:
        self._show_message(self.tr("预览未能更新：{0}").format(reason))

    @Slot(str)
    def _load_failed(self, reason: str) -> None:
        self._show_message(self.tr("预览页面无法打开：{0}").format(reason))

    def _show_message(self, text: str) -> None:
        if self._shown is not None:
            text += self.tr("（下面仍是上一次的预览）")
        self._message.setText(text)
        self._message.show()
        self.failed.emit(text)


def _phone_frame(view: QWidget) -> QWidget:
    """`view` at a phone's width, centred on a grey backdrop."""
    backdrop = QWidget()
    backdrop.setObjectName("deskMobileBackdrop")
    backdrop.setStyleSheet(_MOBILE_BACKDROP_STYLE)
    view.setFixedWidth(MOBILE_WIDTH)
    row = QHBoxLayout(backdrop)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(view)
    row.addStretch(1)
    return backdrop
