"""The one background thread that checks drafts, so typing never waits for the engine.

`CheckWorker` lives on the UI thread and owns a QThread running a `_Checking` object,
which builds the `Checker` there: loading a 64k-term lexicon and jieba's dictionary takes
seconds, and the UI stays responsive meanwhile (`loaded` says when it is done). The
loaded `Checker` is then also `CheckWorker.checker`, for the domain's own re-check of a
draft at a workflow step (desk.review.recheck); it is safe to share across threads.

Every request carries a generation number from one increasing counter. A newer request
for a field makes the older ones stale: the thread skips them if it has not started
them, and a result that comes back for one is never emitted, so the UI can't apply
findings to text that has changed since. Staleness is per field, so a worker serves one
editor.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

from desk.lexicon import Lexicon, LexiconFileError, load_lexicon, warm_up
from desk.links import Whitelist
from desk.review.check import Checker
from desk.review.findings import AnnouncedText, Field, Finding
from desk.review.links import Anchor
from desk.ui.qt import QObject, QThread, Signal, Slot


def starter_lexicon() -> Lexicon:
    """The shipped starter lexicon: what a worker checks with unless told otherwise."""
    return load_lexicon(starter=True)


class CheckWorker(QObject):
    """Checks text ranges on its own thread; results come back by the `checked` signal."""

    loaded = Signal(int, str)  # entries in the lexicon, its content hash
    load_failed = Signal(str)
    # generation, field, text, start, end, anchors (desk.review.links.Anchor, into text),
    # alt texts (desk.review.findings.AnnouncedText, into text)
    check_requested = Signal(int, str, str, int, int, object, object)
    checked = Signal(int, str, int, int, object)  # generation, field, start, end, findings

    def __init__(
        self,
        load: Callable[[], Lexicon] = starter_lexicon,
        whitelist: Whitelist | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._generations = itertools.count(1)
        self._current: dict[str, int] = {}  # field → generation of its latest request
        self._lock = threading.Lock()  # _current is read from the checking thread
        self._thread = QThread()
        self._thread.setObjectName("desk-check")
        self._checking = _Checking(load, whitelist, self.is_current)
        self._checking.moveToThread(self._thread)
        self._thread.started.connect(self._checking.load)
        self._thread.finished.connect(self._checking.deleteLater)
        self.check_requested.connect(self._checking.check)
        self.lexicon_hash = ""  # of the lexicon checks use, once loaded
        self.entries = 0
        self.checker: Checker | None = None  # the thread's checker, once loaded
        self._checking.loaded.connect(self._loaded)
        self._checking.load_failed.connect(self.load_failed)
        self._checking.checked.connect(self._deliver)

    def start(self) -> None:
        """Start the thread; it loads the lexicon first, then answers requests in order."""
        self._thread.start()

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Finish the running check (or load) and end the thread; only at shutdown."""
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    def request(
        self,
        field: Field,
        text: str,
        start: int,
        end: int,
        anchors: Sequence[Anchor] = (),
        announced: Sequence[AnnouncedText] = (),
    ) -> int:
        """Check `text`, which is `field`'s code points start:end, with the links of its
        rich text (`anchors`) and its images' alt texts (`announced`), offsets into
        `text`; returns the generation.

        Every earlier request for the field becomes stale.
        """
        with self._lock:
            generation = next(self._generations)
            self._current[field] = generation
        self.check_requested.emit(
            generation, field, text, start, end, tuple(anchors), tuple(announced)
        )
        return generation

    def is_current(self, field: str, generation: int) -> bool:
        """Whether `generation` is the latest request for `field` (thread-safe)."""
        with self._lock:
            return self._current.get(field) == generation

    @Slot(int, str, object)
    def _loaded(self, entries: int, lexicon_hash: str, checker: Checker) -> None:
        self.lexicon_hash, self.entries, self.checker = lexicon_hash, entries, checker
        self.loaded.emit(entries, lexicon_hash)

    @Slot(int, str, int, int, object)
    def _deliver(self, generation: int, field: str, start: int, end: int, findings: object) -> None:
        if self.is_current(field, generation):
            self.checked.emit(generation, field, start, end, findings)


class _Checking(QObject):
    """The worker thread's side: owns the Checker, runs one request at a time."""

    loaded = Signal(int, str, object)  # entries, lexicon hash, the Checker
    load_failed = Signal(str)
    checked = Signal(int, str, int, int, object)

    def __init__(
        self,
        load: Callable[[], Lexicon],
        whitelist: Whitelist | None,
        is_current: Callable[[str, int], bool],
    ) -> None:
        super().__init__()
        self._load = load
        self._whitelist = whitelist
        self._is_current = is_current
        self._checker: Checker | None = None

    @Slot()
    def load(self) -> None:
        try:
            lexicon = self._load()
        except (LexiconFileError, OSError) as error:
            self.load_failed.emit(str(error))
            return
        warm_up()
        self._checker = Checker(lexicon, self._whitelist)
        self.loaded.emit(len(lexicon), lexicon.content_hash, self._checker)

    @Slot(int, str, str, int, int, object, object)
    def check(
        self,
        generation: int,
        field: str,
        text: str,
        start: int,
        end: int,
        anchors: tuple[Anchor, ...],
        announced: tuple[AnnouncedText, ...],
    ) -> None:
        if self._checker is None or not self._is_current(field, generation):
            return
        findings, _links = self._checker.check_field(
            text,
            field,  # type: ignore[arg-type]
            anchors=anchors,
            announced=announced,
        )
        shifted: list[Finding] = [
            replace(finding, start=finding.start + start, end=finding.end + start)
            for finding in findings
        ]
        self.checked.emit(generation, field, start, end, shifted)
