"""Findings pinned to the body text by cursors that follow every edit, drawn as extra selections."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from desk.review.findings import Finding
from desk.ui.findings.style import highlight_format
from desk.ui.positions import Utf16Map
from desk.ui.qt import QTextCursor, QTextDocument, QTextEdit


@dataclass(eq=False, slots=True)
class Mark:
    """One finding and the span it covers now (UTF-16 positions tracked by a cursor)."""

    finding: Finding
    cursor: QTextCursor
    selection: QTextEdit.ExtraSelection
    pinned: tuple[int, int]  # the span `finding`'s offsets describe

    @classmethod
    def pin(cls, document: QTextDocument, finding: Finding, start: int, end: int) -> Mark:
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = highlight_format(finding.severity, finding.rule)
        return cls(finding, cursor, selection, (start, end))

    @property
    def start(self) -> int:
        return self.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.cursor.selectionEnd()

    def reads_as_found(self) -> bool:
        """Whether the span still holds the text the finding was made for."""
        return plain_text(self.cursor.selectedText()) == self.finding.text

    def current(self, positions: Utf16Map) -> Finding:
        """The finding with offsets into the current text (`positions` maps it)."""
        span = (self.start, self.end)
        if span != self.pinned:
            self.finding = replace(
                self.finding,
                start=positions.to_code_point(span[0]),
                end=positions.to_code_point(span[1]),
            )
            self.pinned = span
        return self.finding


class Marks:
    """The body's marks in document order.

    Edits move every cursor by the same monotone shift, so the order holds without
    re-sorting and lookups bisect on the live positions.
    """

    def __init__(self) -> None:
        self._marks: list[Mark] = []

    def __iter__(self) -> Iterator[Mark]:
        return iter(self._marks)

    def clear(self) -> None:
        self._marks.clear()

    def replace(self, start: int, end: int, marks: list[Mark]) -> None:
        """Put `marks` (in order) in place of those starting in start:end, and drop
        empty ones at `end`."""
        low = bisect_left(self._marks, start, key=_start)
        high = bisect_left(self._marks, end, key=_start)
        # A mark whose text was deleted collapses to where the deletion was, which can
        # be `end` itself: it goes too.
        past = bisect_right(self._marks, end, key=_start, lo=high)
        at_end = [mark for mark in self._marks[high:past] if mark.start != mark.end]
        self._marks[low:past] = [*marks, *at_end]

    def remove(self, mark: Mark) -> None:
        self._marks.remove(mark)

    def at(self, position: int, since: int) -> list[Mark]:
        """Marks covering `position`; none starts before `since` (the paragraph's start)."""
        high = bisect_right(self._marks, position, key=_start)
        low = bisect_left(self._marks, since, key=_start, hi=high)
        return [mark for mark in self._marks[low:high] if position < mark.end]

    def find(self, finding: Finding, positions: Utf16Map) -> Mark | None:
        """The mark of a finding whose offsets are into the current text."""
        start = positions.to_utf16(finding.start)
        end = positions.to_utf16(finding.end)
        index = bisect_left(self._marks, start, key=_start)
        while index < len(self._marks) and self._marks[index].start == start:
            mark = self._marks[index]
            if mark.end == end and mark.finding.rule == finding.rule:
                return mark
            index += 1
        return None

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        return [mark.selection for mark in self._marks]


def _start(mark: Mark) -> int:
    return mark.cursor.selectionStart()


def plain_text(selected: str) -> str:
    """QTextCursor.selectedText() with line and paragraph separators as toPlainText has them."""
    return selected.replace("\u2029", "\n").replace("\u2028", "\n")
