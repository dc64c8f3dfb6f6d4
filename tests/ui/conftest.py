"""Fixtures for the UI tests: a started check worker with a small lexicon, a shown editor.

Every wait has a timeout and every worker thread is stopped, so a failure can't hang
the run or leave a thread behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent  # test-only: the UI itself never fakes input

from desk.lexicon import Entry, Lexicon
from desk.links import load_default_whitelist
from desk.ui.check_worker import CheckWorker
from desk.ui.editor import DraftEditor
from desk.ui.main_window import MainWindow, WindowState
from desk.ui.preview import prepare_application
from desk.ui.qt import QApplication, QFileDialog, QLabel, QLineEdit, Qt, QTimer, QWidget

TIMEOUT_MS = 10_000


def pytest_configure(config: pytest.Config) -> None:
    """The preview loads QtWebEngine late; Qt must know before pytest-qt makes the QApplication."""
    prepare_application()


SMALL_LEXICON = Lexicon.from_entries(
    [
        Entry("百家乐", category="涉赌", severity="block"),
        Entry("澳门赌场", category="涉赌", severity="block"),
        Entry(
            "国家工商行政管理总局",
            category="过时表述",
            severity="warn",
            suggestion="国家市场监督管理总局",
        ),
        Entry("请勿外传", category="涉密", severity="info"),
        Entry("网传", category="不实信息", severity="warn"),
        Entry("震惊", category="标题规范", severity="warn", scope="title"),
    ]
)


@pytest.fixture
def start_worker(qtbot):
    """Start a worker with a given lexicon loader; waits until it has loaded."""
    workers: list[CheckWorker] = []

    def start(load=lambda: SMALL_LEXICON) -> CheckWorker:
        worker = CheckWorker(load)
        workers.append(worker)
        with qtbot.waitSignal(worker.loaded, timeout=TIMEOUT_MS):
            worker.start()
        return worker

    yield start
    for worker in workers:
        assert worker.stop(TIMEOUT_MS)


@pytest.fixture
def worker(start_worker) -> CheckWorker:
    return start_worker()


@pytest.fixture
def editor(qtbot, worker) -> DraftEditor:
    editor = DraftEditor(worker)
    qtbot.addWidget(editor)
    editor.resize(800, 600)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_text(widget: QWidget, text: str) -> None:
    """Type at the cursor as a Chinese input method does: one committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def block_until_answered(worker: CheckWorker) -> Callable[[], None]:
    """A wait that blocks the UI thread until the worker has sent its next result.

    The result then sits in the UI thread's queue, undelivered: as if the UI had been
    busy while the worker answered.
    """
    answered = threading.Event()
    worker._checking.checked.connect(lambda *_: answered.set(), Qt.ConnectionType.DirectConnection)

    def wait() -> None:
        assert answered.wait(TIMEOUT_MS / 1000)

    return wait


def settle(qtbot, editor: DraftEditor) -> None:
    """Wait until every edit has been checked and its findings applied."""
    qtbot.waitUntil(lambda: not editor.checking, timeout=TIMEOUT_MS)


def spans(editor: DraftEditor) -> list[tuple[int, int]]:
    """The highlighted spans (UTF-16 positions) in the body."""
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.body.extraSelections()
    ]


@pytest.fixture
def window_for(qtbot, store, worker, tmp_path) -> Callable[[str], MainWindow]:
    """A main window signed in as a login, on the shared store, with an empty draft open."""
    (tmp_path / "folders").mkdir(exist_ok=True)

    def make(login: str) -> MainWindow:
        (tmp_path / login).mkdir(exist_ok=True)
        window = MainWindow(
            store, worker, login, load_default_whitelist(), WindowState(tmp_path / login)
        )
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        window.drafts.refresh()
        window.new_draft()
        return window

    return make


class FileDialogAnswer:
    """What a file dialog opened by the code under test showed, and the answer given.

    ``folder`` is the folder it opened in, ``proposed`` the file it proposed (a save
    dialog's name, joined to ``folder``); ``labels`` the texts of its labels, ``filters``
    its file types.
    """

    def __init__(self, choose: Path | None) -> None:
        self.choose = choose
        self.folder: Path | None = None
        self.proposed: Path | None = None
        self.labels: list[str] = []
        self.filters: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        self._timer.stop()
        self.folder = Path(dialog.directory().absolutePath())
        selected = dialog.selectedFiles()
        self.proposed = Path(selected[0]) if selected else None
        self.labels = [label.text() for label in dialog.findChildren(QLabel)]
        self.filters = dialog.nameFilters()
        if self.choose is None:
            dialog.reject()
            return
        dialog.setDirectory(str(self.choose.parent))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(self.choose.name)
        dialog.accept()


@pytest.fixture
def answer_file_dialog(qtbot) -> Callable[[Path | None], FileDialogAnswer]:
    """Answer the next file dialog with a path (None cancels it); see FileDialogAnswer."""
    answers: list[FileDialogAnswer] = []

    def answer(choose: Path | None = None) -> FileDialogAnswer:
        answers.append(FileDialogAnswer(choose))
        return answers[-1]

    yield answer
    for pending in answers:
        pending._timer.stop()
