"""Findings for people: by severity, line:column, the span in context, coloured on a terminal."""

from __future__ import annotations

import bisect
import os
import unicodedata
from typing import TYPE_CHECKING, TextIO

from desk.review.findings import ORIGIN_LABELS, SEVERITIES, SEVERITY_LABELS, Finding

if TYPE_CHECKING:
    from desk.commands.check import FileReport

_COLOURS = {"block": "\033[1;31m", "warn": "\033[33m", "info": "\033[36m"}
_HIGHLIGHT = "\033[7m"
_RESET = "\033[0m"
CONTEXT = 12  # characters shown on each side of a span


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


class LineIndex:
    """Code-point offset → 1-based line and column."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


class TextReport:
    def __init__(self, stream: TextIO, colour: bool | None = None) -> None:
        self._out = stream
        self._colour = use_colour(stream) if colour is None else colour

    def write(self, reports: list[FileReport]) -> None:
        for report in reports:
            if report.error or report.result is None:
                self._line(f"{report.path}: 无法检查 — {report.error}")
                continue
            self._file(report)

    def _file(self, report: FileReport) -> None:
        result = report.result
        findings = result.findings if result else ()
        counts = [f"{SEVERITY_LABELS[s]} {result.count(s) if result else 0}" for s in SEVERITIES]
        verdict = "有屏蔽项，不能提交" if result and result.blocking else "无屏蔽项"
        self._line(f"{report.path}: {verdict}（{'，'.join(counts)}）")
        texts = {"title": report.title or "", "body": report.body}
        indexes = {field: LineIndex(text) for field, text in texts.items()}
        for severity in SEVERITIES:
            group = [f for f in findings if f.severity == severity]
            if not group:
                continue
            self._line(self._paint(severity, f"  {SEVERITY_LABELS[severity]} {severity}"))
            for finding in group:
                self._finding(finding, texts[finding.field], indexes[finding.field])
        if result and result.omitted:
            left_out = "，".join(
                f"{SEVERITY_LABELS[s]} {result.omitted[s]}"
                for s in SEVERITIES
                if s in result.omitted
            )
            total = sum(result.omitted.values())
            self._line(f"  另有 {total} 处未列出（{left_out}）；用 --max-findings 调整上限")

    def _finding(self, finding: Finding, text: str, index: LineIndex) -> None:
        line, column = index.position(finding.start)
        where = "标题" if finding.field == "title" else f"{line}:{column}"
        details = f"{finding.message}"
        if finding.explanation:
            details += f" [{' + '.join(finding.explanation)}]"
        self._line(f"    {_pad(where, 9)} {finding.rule:<30} {details}")
        self._line(f"              {self._context(finding, text)}")

    def _context(self, finding: Finding, text: str) -> str:
        before = text[max(0, finding.start - CONTEXT) : finding.start]
        after = text[finding.end : finding.end + CONTEXT]
        before = before.rsplit("\n", 1)[-1]
        after = after.split("\n", 1)[0]
        span = text[finding.start : finding.end].replace("\n", "⏎")
        if finding.origin != "text":  # found in what stands there (an image's alt)
            span = f"{ORIGIN_LABELS[finding.origin]}：{finding.found_text}"
        marked = (
            f"{_HIGHLIGHT}{_COLOURS[finding.severity]}{span}{_RESET}"
            if self._colour
            else f"【{span}】"
        )
        return f"…{before}{marked}{after}…"

    def _paint(self, severity: str, text: str) -> str:
        return f"{_COLOURS[severity]}{text}{_RESET}" if self._colour else text

    def _line(self, text: str) -> None:
        self._out.write(text + "\n")


def _pad(text: str, width: int) -> str:
    """Left-align to a terminal width: CJK characters take two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)
