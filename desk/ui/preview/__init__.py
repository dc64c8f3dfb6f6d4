"""The live preview of a draft: the exact `desk render` pages, portal and mobile.

`PreviewPane` renders on a background thread (`RenderWorker`) into private temp folders
(`PreviewFolders`) and shows the pages in a locked-down QtWebEngine (`web`), which is
loaded only when the pane is first shown. Call `prepare_application()` before creating
the QApplication.
"""

from desk.ui.preview.app_setup import prepare_application
from desk.ui.preview.pane import DEBOUNCE_MS, PreviewPane
from desk.ui.preview.render_worker import PREVIEW_TEMPLATES, Preview

__all__ = ["DEBOUNCE_MS", "PREVIEW_TEMPLATES", "Preview", "PreviewPane", "prepare_application"]
