"""What the application must do before its QApplication exists, for the preview."""

from __future__ import annotations

from desk.ui.qt import QCoreApplication, Qt


def prepare_application() -> None:
    """Let QtWebEngine load after the QApplication is created; call before creating it.

    The preview loads QtWebEngine only when first shown, and a late QtWebEngine needs
    OpenGL contexts shared across the application, a choice Qt makes at start-up.
    """
    if QCoreApplication.instance() is not None:
        raise RuntimeError("prepare_application() must run before the QApplication exists")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
