"""`desk check`: check draft files and report findings for people or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from desk.commands.inputs import InputError, add_checker_options, checker_from
from desk.commands.report import TextReport
from desk.documents.loader import DocumentError, load_document
from desk.review.check import Checker, CheckResult

EXIT_CLEAN, EXIT_BLOCKED, EXIT_ERROR = 0, 1, 2
MAX_FINDINGS = 1000  # per file: far more than a person reads; the rest are counted


@dataclass(frozen=True, slots=True)
class FileReport:
    """One file's outcome: either an error or the check result with the texts checked."""

    path: str
    error: str | None
    result: CheckResult | None = None
    title: str | None = None
    body: str = ""

    def to_json(self) -> dict[str, object]:
        findings = self.result.findings if self.result else ()
        return {
            "path": self.path,
            "error": self.error,
            "blocking": bool(self.result and self.result.blocking),
            "findings": [finding.to_json() for finding in findings],
            "omitted": dict(self.result.omitted) if self.result else {},
            "links": [link.to_json() for link in self.result.links] if self.result else [],
            "links_omitted": self.result.links_omitted if self.result else 0,
            "lexicon_hash": self.result.lexicon_hash if self.result else None,
            "whitelist_hash": self.result.whitelist_hash if self.result else None,
        }


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="检查稿件（敏感词、隐私、密级标志、标题、校对）",
        description="检查稿件文件。退出码：0 无屏蔽项；1 有屏蔽项；2 用法错误或文件无法读取。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".txt、.html 或 .docx 稿件")
    add_checker_options(parser)
    parser.add_argument("--title", metavar="TEXT", help="按标题规则检查的标题")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--max-findings",
        type=_count,
        default=MAX_FINDINGS,
        metavar="N",
        help=f"每个文件最多列出的问题数（默认 {MAX_FINDINGS}，0 为不限），"
        "先列屏蔽项，其余只计数；是否有屏蔽项总按全部问题判断",
    )
    parser.set_defaults(run=run)


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数，而不是 {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    try:
        checker = checker_from(args, "desk check")
    except InputError as error:
        print(f"desk check: {error}", file=sys.stderr)
        return EXIT_ERROR
    limit = args.max_findings or None
    reports = [check_file(checker, Path(path), args.title, limit) for path in args.files]
    for report in reports:
        if report.error:
            print(f"desk check: {report.error}", file=sys.stderr)
    if args.format == "json":
        json.dump(
            {
                "files": [r.to_json() for r in reports],
                "lexicon": {"hash": checker.lexicon_hash},
                "whitelist": {"hash": checker.whitelist.content_hash},
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        TextReport(sys.stdout).write(reports)
    if any(r.error for r in reports):
        return EXIT_ERROR
    return EXIT_BLOCKED if any(r.result and r.result.blocking for r in reports) else EXIT_CLEAN


def check_file(
    checker: Checker, path: Path, title: str | None, limit: int | None = MAX_FINDINGS
) -> FileReport:
    try:
        document = load_document(path)
    except DocumentError as error:
        return FileReport(path=str(path), error=str(error))
    result = checker.check(document.text, title, document.html, document.layout, limit=limit)
    return FileReport(str(path), None, result, title, document.text)
