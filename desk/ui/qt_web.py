"""The one place the UI imports QtWebEngine from; importing this module loads it.

QtWebEngine starts Chromium (~100 MB, a GPU and a renderer process), so only the preview
pane imports this module, and only when it is first shown: nothing else in desk/ui may
import it, or every start of the app would pay for it.

Chromium will not run its sandbox as root, and without it refuses to start unless told:
as root, QTWEBENGINE_DISABLE_SANDBOX=1 is set here, before QtWebEngine is loaded (an
explicit setting in the environment wins). The late import also needs
`desk.ui.preview.prepare_application()` before the QApplication is created.
"""

from __future__ import annotations

import os


def _allow_running_as_root() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


_allow_running_as_root()

# Imported after the sandbox switch above, which Chromium reads when it starts.
from PySide6.QtWebEngineCore import (  # noqa: E402
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402

__all__ = [
    "QWebEngineLoadingInfo",
    "QWebEnginePage",
    "QWebEngineProfile",
    "QWebEngineScript",
    "QWebEngineSettings",
    "QWebEngineUrlRequestInfo",
    "QWebEngineUrlRequestInterceptor",
    "QWebEngineView",
]
