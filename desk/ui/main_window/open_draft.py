"""The draft open in the editor, kept safe: autosave, crash-recovery snapshots, saves.

Every few seconds of editing the text goes into the recovery snapshot (RecordRecovery,
cheap and replaced each time), so a crash loses at most `AUTOSAVE_MS` of typing. When
the editor loses focus, the window is left, another draft is opened or the app closes,
the text is saved as a revision (reason "autosave"). A store failure (locked
database, full disk) is reported by `store_failed` and changes nothing in the editor:
the text stays there, and the next tick tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desk.review.commands import CommandRejected
from desk.review.editing import EditingSession
from desk.review.findings import Finding
from desk.store import StoreError
from desk.ui.editor import DraftEditor
from desk.ui.qt import QObject, QTimer, Signal

AUTOSAVE_MS = 2_000
T = TypeVar("T")


class OpenDraft(QObject):
    """Binds one EditingSession to the editor while that draft is shown."""

    saved = Signal(object)  # RevisionSummary of a new revision
    store_failed = Signal(str)  # why the text could not be stored; it is still in the editor
    store_recovered = Signal()  # writing works again after a failure

    def __init__(
        self,
        editor: DraftEditor,
        session: EditingSession,
        autosave_ms: int = AUTOSAVE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.session = session
        self._failing = False
        self._edited = False  # since the last snapshot or save
        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self._tick)
        editor.title.textChanged.connect(self._on_edit)
        editor.body.document().contentsChanged.connect(self._on_edit)
        editor.ignore_requested.connect(self.ignore)

    @property
    def failing(self) -> bool:
        """Whether the last write to the store failed."""
        return self._failing

    def save(self, reason: str = "save") -> bool:
        """Save the editor's text as a revision; False (and `store_failed`) if it failed.

        A new draft with neither title nor body is not stored.
        """
        text = self.editor.draft_text()
        if self.session.is_new and not (text.title.strip() or text.body_text.strip()):
            return True
        stored, revision = self._store(lambda: self.session.save(text, reason))
        if not stored:
            return False
        self._edited = False
        if revision is not None:
            self.saved.emit(revision)
        return True

    def snapshot(self) -> bool:
        """Record the text for crash recovery; False if the store failed."""
        text = self.editor.draft_text()
        if self.session.is_new and not (text.title.strip() or text.body_text.strip()):
            return True
        stored, _recorded = self._store(lambda: self.session.snapshot(text))
        if not stored:
            return False
        self._edited = False
        return True

    def ignore(self, finding: Finding, reason: str) -> None:
        """Store an ignore the editor has made (the draft is saved first)."""
        text = self.editor.draft_text()
        stored, _ignored = self._store(lambda: self.session.ignore(finding, reason, text))
        if stored:
            self._edited = False

    def close(self) -> bool:
        """Save one last time and let go of the editor; False if the save failed (the
        binding stays then, so nothing is lost)."""
        if not self.save("autosave"):
            return False
        self.release()
        return True

    def release(self) -> None:
        """Let go of the editor without saving (the draft was deleted)."""
        self._timer.stop()
        self.editor.title.textChanged.disconnect(self._on_edit)
        self.editor.body.document().contentsChanged.disconnect(self._on_edit)
        self.editor.ignore_requested.disconnect(self.ignore)

    def _on_edit(self) -> None:
        self._edited = True
        if not self._timer.isActive():
            self._timer.start()

    def _tick(self) -> None:
        if not self._edited and not self._failing:
            self._timer.stop()
            return
        self.snapshot()

    def _store(self, write: Callable[[], T]) -> tuple[bool, T | None]:
        """Run one store write: (True, its result), or (False, None) when it failed."""
        try:
            result = write()
        except (StoreError, CommandRejected) as error:
            self._failing = True
            if not self._timer.isActive():
                self._timer.start()  # try again on the next tick
            self.store_failed.emit(str(error))
            return False, None
        if self._failing:
            self._failing = False
            self.store_recovered.emit()
        return True, result
