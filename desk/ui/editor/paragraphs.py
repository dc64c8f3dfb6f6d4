"""Which part of the body to re-check after an edit.

Every check works inside a paragraph: a lexicon term can't span a line break (however
many interference characters it skips, so a margin of the longest term would not be
enough inside one), and the rules read lines. So the touched paragraphs are checked
whole. One neighbour is needed on each side: whether a quotation left open at a
paragraph's end is a finding depends on how the next non-blank paragraph starts
(GB/T 15834 lets a quotation run on). The paragraph before the edit is re-judged with
it; the one after only gives context, and its old findings stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.ui.qt import QTextBlock, QTextDocument


@dataclass(frozen=True, slots=True)
class CheckWindow:
    """UTF-16 positions: check start:end; take the findings starting in accept_start:accept_end."""

    start: int
    end: int
    accept_start: int
    accept_end: int


def check_window(document: QTextDocument, start: int, end: int) -> CheckWindow:
    """The window to re-check after the text in start:end changed (end exclusive)."""
    text_end = document.characterCount() - 1  # the final paragraph separator is no text
    start = min(max(start, 0), text_end)
    end = min(max(end, start), text_end)
    first = document.findBlock(start)
    last = document.findBlock(max(start, end - 1))  # a change may end with a separator
    before = first.previous()
    while before.isValid() and _blank(before):
        before = before.previous()
    after = last.next()
    while after.isValid() and _blank(after):
        after = after.next()
    accept_start = before.position() if before.isValid() else 0
    accept_end = min(_block_end(last), text_end)
    window_end = min(_block_end(after), text_end) if after.isValid() else text_end
    return CheckWindow(accept_start, window_end, accept_start, accept_end)


def _blank(block: QTextBlock) -> bool:
    return not block.text().strip()


def _block_end(block: QTextBlock) -> int:
    """The position after the block's separator: where the next block starts."""
    return block.position() + block.length()
