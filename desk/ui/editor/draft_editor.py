"""The draft editor: title and body, findings highlighted as you type.

Each edit marks the touched paragraphs dirty; on the next turn of the event loop the
dirty paragraphs (see `paragraphs`) go to the `CheckWorker`, and when their findings
come back they replace the old ones there. Until then the old highlights move with the
text, because each is pinned by a cursor. A result for text that has changed since it
was requested is dropped, and its range is requested again with the edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from desk.review.editing import DraftText
from desk.review.findings import Finding, IgnoredSpot
from desk.ui.check_worker import CheckWorker
from desk.ui.editor.anchors import alt_texts_in, anchors_in
from desk.ui.editor.body import BodyEdit
from desk.ui.editor.marks import Mark, Marks, plain_text
from desk.ui.editor.paragraphs import check_window
from desk.ui.findings.style import can_apply, finding_cards, quoted
from desk.ui.positions import Utf16Map
from desk.ui.qt import (
    QAction,
    QEvent,
    QInputDialog,
    QLineEdit,
    QMenu,
    QObject,
    QPoint,
    Qt,
    QTextCursor,
    QTimer,
    QToolTip,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Listeners of `findings_changed` (the findings list, the submit button) rebuild once the
# typing pauses: with thousands of findings a rebuild costs more than a keystroke may.
FINDINGS_SETTLE_MS = 250

_TITLE_STYLE = """
QLineEdit[severity="block"] { background: #ffd6d6; }
QLineEdit[severity="warn"] { border: 1px solid #e8710a; }
QLineEdit[severity="info"] { border: 1px dotted #1a73e8; }
"""


@dataclass(slots=True)
class _Request:
    """A check in flight: its generation, and how to place its findings."""

    generation: int
    positions: Utf16Map  # of the field's text when requested
    accept: QTextCursor | None  # body: the range whose findings the result replaces


class DraftEditor(QWidget):
    """Title and rich-text body of one draft, checked as they are edited."""

    findings_changed = Signal()  # once they settle; highlights update at once
    ignore_requested = Signal(object, str)  # Finding (offsets into the current text), reason
    notice = Signal(str)  # a short message for the status bar

    def __init__(self, worker: CheckWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("标题"))
        self.title.setStyleSheet(_TITLE_STYLE)
        self.body = BodyEdit()
        self.body.setPlaceholderText(self.tr("正文"))
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

        self._worker = worker
        self._marks = Marks()
        self._ignored: list[Mark] = []  # ignored body findings, still pinned to their text
        # ignores loaded with the draft, pinned where they were, until the check sees them
        self._stored_ignores: list[tuple[str, QTextCursor, str]] = []  # rule, span, text
        self._title_findings: list[Finding] = []
        self._title_ignored: set[tuple[str, int, int, str]] = set()
        self._title_dirty = False
        self._dirty: QTextCursor | None = None  # body range edited since the last request
        self._pending: dict[str, _Request] = {}  # field → its check in flight
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)  # after the edit's signals, before the next key
        self._request_timer.timeout.connect(self._request_checks)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(FINDINGS_SETTLE_MS)
        self._settle_timer.timeout.connect(self.findings_changed)

        self.title.textChanged.connect(self._title_changed)
        self.body.document().contentsChange.connect(self._body_changed)
        self.body.customContextMenuRequested.connect(self._show_context_menu)
        self.body.notice.connect(self.notice)
        self.body.viewport().installEventFilter(self)
        worker.checked.connect(self._apply_result)

    # Loading and reading

    def set_draft(self, title: str, body_html: str, ignored: Sequence[IgnoredSpot] = ()) -> None:
        """Show a draft; it is checked whole. Undo history starts afresh.

        ``ignored``: findings let stand in this text before (offsets into it); each
        stays hidden while the check finds it in the same place.
        """
        self._ignored.clear()
        self._title_ignored = {
            (spot.rule, spot.start, spot.end, spot.text)
            for spot in ignored
            if spot.field == "title"
        }
        self._marks.clear()
        self.body.setExtraSelections([])
        self.title.setText(title)
        self._title_changed()  # also when the title is the same: its ignores may differ
        self.body.set_html(body_html)
        self.body.document().clearUndoRedoStacks()
        self._stored_ignores = self._pin_stored(spot for spot in ignored if spot.field == "body")

    def draft_text(self) -> DraftText:
        """The title and body as they stand, for saving."""
        return DraftText(self.title.text(), self.body.to_html(), self.body.toPlainText())

    @property
    def checking(self) -> bool:
        """Whether some edit has not been checked yet (submitting must wait for it)."""
        return bool(self._pending) or self._dirty is not None or self._title_dirty

    def findings(self) -> list[Finding]:
        """Findings shown now, title first, offsets into the current text."""
        positions: Utf16Map | None = None
        body: list[Finding] = []
        for mark in self._marks:
            if (mark.start, mark.end) != mark.pinned and positions is None:
                positions = Utf16Map(self.body.toPlainText())
            body.append(mark.current(positions) if positions is not None else mark.finding)
        return [*self._title_findings, *body]

    # Actions on a finding (offsets into the current text, as `findings()` gives them)

    def select_finding(self, finding: Finding) -> bool:
        """Select the finding's span and show it."""
        if finding.field == "title":
            if not self._title_shows(finding):
                return False
            self.title.setFocus()
            self._select_in_title(finding)
            return True
        mark = self._body_mark(finding)
        if mark is None:
            return False
        self.body.setTextCursor(QTextCursor(mark.cursor))
        self.body.ensureCursorVisible()
        self.body.setFocus()
        return True

    def selected_span(self) -> dict[str, object] | None:
        """The body's selection as a span of its plain text (code points), or None."""
        cursor = self.body.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.body.toPlainText()
        positions = Utf16Map(text)
        start = positions.to_code_point(cursor.selectionStart())
        end = positions.to_code_point(cursor.selectionEnd())
        return {"field": "body", "start": start, "end": end, "text": text[start:end]}

    def select_span(self, start: int, end: int, text: str) -> bool:
        """Select a span of the body given in code points; if the text has moved since,
        its first occurrence. False when it is no longer there."""
        plain = self.body.toPlainText()
        if plain[start:end] != text:
            start = plain.find(text) if text else -1
            if start < 0:
                return False
            end = start + len(text)
        positions = Utf16Map(plain)
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(positions.to_utf16(start))
        cursor.setPosition(positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()
        self.body.setFocus()
        return True

    def apply_suggestion(self, finding: Finding) -> bool:
        """Replace the span with the suggestion, as one undoable edit."""
        if not can_apply(finding):
            return False
        if finding.field == "title":
            if not self._title_shows(finding):
                return False
            self._select_in_title(finding)
            self.title.insert(finding.suggestion or "")
            return True
        mark = self._body_mark(finding)
        if mark is None or not mark.reads_as_found():
            return False
        edit = QTextCursor(mark.cursor)
        edit.beginEditBlock()
        edit.insertText(finding.suggestion or "")
        edit.endEditBlock()
        return True

    def ignore_finding(self, finding: Finding) -> bool:
        """Hide the finding here, after asking why; the reason is required. A block
        finding (屏蔽) can't be ignored: it must be changed."""
        if not self._shows(finding):
            return False
        if finding.severity == "block":
            self.notice.emit(self.tr("屏蔽项不能忽略，必须修改后才能提交"))
            return False
        reason, accepted = QInputDialog.getText(
            self,
            self.tr("此处忽略"),
            self.tr("忽略{span}的原因（必填，记入审校记录）：").format(span=quoted(finding)),
        )
        if not accepted:
            return False
        reason = reason.strip()
        if not reason:
            self.notice.emit(self.tr("未忽略：必须写明忽略原因"))
            return False
        # The dialog ran the event loop: results may have replaced what was shown.
        if finding.field == "title":
            if not self._title_shows(finding):
                return False
            self._title_ignored.add(_title_key(finding))
            self._title_findings.remove(finding)
            self._show_title_findings()
        else:
            mark = self._body_mark(finding)
            if mark is None:
                return False
            self._marks.remove(mark)
            self._ignored.append(mark)
            self.body.setExtraSelections(self._marks.selections())
        self.ignore_requested.emit(finding, reason)
        self._settle_timer.start()
        return True

    def body_context_menu(self, point: QPoint) -> QMenu:
        """The body's context menu at a viewport point: the findings there, then editing."""
        menu = self.body.createStandardContextMenu(point + self.body.scroll_offset())
        first = menu.actions()[0] if menu.actions() else None
        for mark in self._marks_at(point):
            finding = mark.finding
            if can_apply(finding):
                label = self.tr("改为「{suggestion}」").format(suggestion=finding.suggestion)
                apply = QAction(label, menu)
                apply.triggered.connect(partial(self._apply_mark, mark))
                menu.insertAction(first, apply)
            if finding.severity != "block":
                label = self.tr("此处忽略{span}…").format(span=quoted(finding))
                ignore = QAction(label, menu)
                ignore.triggered.connect(partial(self._ignore_mark, mark))
                menu.insertAction(first, ignore)
            menu.insertSeparator(first)
        menu.addSeparator()
        menu.addAction(self.body.paste_plain_action)
        return menu

    # Qt event handling

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.body.viewport() and event.type() == QEvent.Type.ToolTip:
            marks = self._marks_at(event.pos())
            if marks:
                cards = finding_cards([mark.finding for mark in marks])
                QToolTip.showText(event.globalPos(), cards, self.body.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def _show_context_menu(self, point: QPoint) -> None:
        self.body_context_menu(point).exec(self.body.viewport().mapToGlobal(point))

    def _marks_at(self, point: QPoint) -> list[Mark]:
        position = self.body.position_at(point)
        if position < 0:
            return []
        paragraph = self.body.document().findBlock(position)
        return self._marks.at(position, paragraph.position())

    def _apply_mark(self, mark: Mark) -> None:
        self.apply_suggestion(self._current(mark))

    def _ignore_mark(self, mark: Mark) -> None:
        self.ignore_finding(self._current(mark))

    def _current(self, mark: Mark) -> Finding:
        return mark.current(Utf16Map(self.body.toPlainText()))

    def _body_mark(self, finding: Finding) -> Mark | None:
        return self._marks.find(finding, Utf16Map(self.body.toPlainText()))

    def _shows(self, finding: Finding) -> bool:
        """Whether the finding is shown now, where its offsets say."""
        if finding.field == "title":
            return self._title_shows(finding)
        return self._body_mark(finding) is not None

    def _title_shows(self, finding: Finding) -> bool:
        return (
            finding in self._title_findings
            and self.title.text()[finding.start : finding.end] == finding.text
        )

    def _pin_stored(self, spots: Iterable[IgnoredSpot]) -> list[tuple[str, QTextCursor, str]]:
        positions = Utf16Map(self.body.toPlainText())
        pinned = []
        for spot in spots:
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(positions.to_utf16(spot.start))
            cursor.setPosition(positions.to_utf16(spot.end), QTextCursor.MoveMode.KeepAnchor)
            pinned.append((spot.rule, cursor, spot.text))
        return pinned

    def _select_in_title(self, finding: Finding) -> None:
        positions = Utf16Map(self.title.text())
        start = positions.to_utf16(finding.start)
        self.title.setSelection(start, positions.to_utf16(finding.end) - start)

    # Checking

    def _title_changed(self) -> None:
        self._pending.pop("title", None)
        self._title_dirty = True
        self._request_timer.start()

    def _body_changed(self, position: int, _removed: int, added: int) -> None:
        stale = self._pending.pop("body", None)
        if stale is not None and stale.accept is not None:  # its result will be dropped
            self._mark_dirty(stale.accept.selectionStart(), stale.accept.selectionEnd())
        self._mark_dirty(position, position + added)
        self._request_timer.start()

    def _mark_dirty(self, start: int, end: int) -> None:
        if self._dirty is None:
            self._dirty = QTextCursor(self.body.document())
        else:
            start = min(start, self._dirty.selectionStart())
            end = max(end, self._dirty.selectionEnd())
        text_end = self.body.document().characterCount() - 1
        self._dirty.setPosition(min(start, text_end))
        self._dirty.setPosition(min(end, text_end), QTextCursor.MoveMode.KeepAnchor)

    def _request_checks(self) -> None:
        if self._title_dirty:
            self._title_dirty = False
            text = self.title.text()
            generation = self._worker.request("title", text, 0, len(text))
            self._pending["title"] = _Request(generation, Utf16Map(text), None)
        if self._dirty is not None:
            dirty, self._dirty = self._dirty, None
            document = self.body.document()
            window = check_window(document, dirty.selectionStart(), dirty.selectionEnd())
            text = self.body.toPlainText()
            positions = Utf16Map(text)
            start = positions.to_code_point(window.start)
            end = positions.to_code_point(window.end)
            anchors = anchors_in(document, positions, window.start, window.end, start)
            alts = alt_texts_in(document, positions, window.start, window.end, start)
            generation = self._worker.request("body", text[start:end], start, end, anchors, alts)
            accept = QTextCursor(document)
            accept.setPosition(window.accept_start)
            accept.setPosition(window.accept_end, QTextCursor.MoveMode.KeepAnchor)
            self._pending["body"] = _Request(generation, positions, accept)

    def _apply_result(
        self, generation: int, field: str, _start: int, _end: int, findings: list[Finding]
    ) -> None:
        request = self._pending.get(field)
        if request is None or request.generation != generation:
            return  # the text changed after this was requested
        del self._pending[field]
        if request.accept is None:
            self._apply_title(findings)
        else:
            self._apply_body(findings, request.positions, request.accept)
        self._settle_timer.start()

    def _apply_title(self, findings: list[Finding]) -> None:
        self._title_findings = [f for f in findings if _title_key(f) not in self._title_ignored]
        self._show_title_findings()

    def _show_title_findings(self) -> None:
        severities = {f.severity for f in self._title_findings}
        worst = next((s for s in ("block", "warn", "info") if s in severities), "")
        self.title.setProperty("severity", worst)
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        self.title.setToolTip(finding_cards(self._title_findings))

    def _apply_body(
        self, findings: list[Finding], positions: Utf16Map, accept: QTextCursor
    ) -> None:
        start, end = accept.selectionStart(), accept.selectionEnd()
        first, last = positions.to_code_point(start), positions.to_code_point(end)
        # An ignore lasts while its text is unchanged and, inside the re-checked range,
        # while the check still finds it there.
        unchanged = [mark for mark in self._ignored if mark.reads_as_found()]
        ignores = [mark for mark in unchanged if not start <= mark.start < end]
        rechecked = {
            (mark.finding.rule, mark.start, mark.end): mark
            for mark in unchanged
            if start <= mark.start < end
        }
        stored = {
            (rule, cursor.selectionStart(), cursor.selectionEnd())
            for rule, cursor, text in self._stored_ignores
            if start <= cursor.selectionStart() < end and plain_text(cursor.selectedText()) == text
        }
        self._stored_ignores = [
            entry for entry in self._stored_ignores if not start <= entry[1].selectionStart() < end
        ]
        document = self.body.document()
        marks: list[Mark] = []
        for finding in findings:
            if not first <= finding.start < last:
                continue
            span = (positions.to_utf16(finding.start), positions.to_utf16(finding.end))
            if (ignored := rechecked.get((finding.rule, *span))) is not None:
                ignores.append(ignored)
            elif (finding.rule, *span) in stored:
                ignores.append(Mark.pin(document, finding, *span))
            else:
                marks.append(Mark.pin(document, finding, *span))
        self._ignored = ignores
        self._marks.replace(start, end, marks)
        self.body.setExtraSelections(self._marks.selections())


def _title_key(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.rule, finding.start, finding.end, finding.text)
