"""`desk lexicon`: import term lists (CSV/XLSX/TXT) and export them as CSV or XLSX."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from desk.commands.inputs import InputError, lexicon_from
from desk.lexicon import Lexicon, LexiconFileError, read_entries, write_entries
from desk.lexicon.entry import SEVERITY_VALUES

EXIT_OK, EXIT_ERROR = 0, 2


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("lexicon", help="词库导入、导出与统计")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    convert = actions.add_parser(
        "convert",
        help="导入词库文件并导出为 CSV 或 XLSX（整体校验，有错误则不导出）",
        description="读取 .csv/.xlsx/.txt 词库，合并重复词条，导出为 -o 指定的 .csv 或 .xlsx。",
    )
    convert.add_argument("inputs", nargs="+", metavar="FILE")
    convert.add_argument("-o", "--output", required=True, metavar="OUT.csv|OUT.xlsx")
    convert.add_argument("--category", help="TXT 词表的类别（默认 未分类）")
    convert.add_argument("--severity", choices=SEVERITY_VALUES, help="TXT 词表的级别（默认 warn）")
    convert.set_defaults(run=run_convert)

    info = actions.add_parser("info", help="词条数、各类别与级别统计、内容哈希")
    info.add_argument("inputs", nargs="*", metavar="FILE")
    info.add_argument("--no-default-lexicon", action="store_true", help="不包含内置起始词库")
    info.set_defaults(run=run_info)


def run_convert(args: argparse.Namespace) -> int:
    try:
        entries = [
            entry
            for path in args.inputs
            for entry in read_entries(path, category=args.category, severity=args.severity)
        ]
        lexicon = Lexicon.from_entries(entries)
        write_entries(lexicon.entries, args.output)
    except LexiconFileError as error:
        print(f"desk lexicon: {error}", file=sys.stderr)
        return EXIT_ERROR
    except (ValueError, OSError) as error:
        print(f"desk lexicon: {error}", file=sys.stderr)
        return EXIT_ERROR
    for warning in lexicon.warnings:
        print(f"desk lexicon: 提示: {warning}", file=sys.stderr)
    print(f"已导出 {len(lexicon)} 个词条到 {args.output}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    try:
        lexicon = lexicon_from(
            args.inputs, starter=not args.no_default_lexicon, prog="desk lexicon"
        )
    except InputError as error:
        print(f"desk lexicon: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"词条 {len(lexicon)}  哈希 {lexicon.content_hash}")
    for name, counts in (
        ("级别", Counter(e.severity for e in lexicon.entries)),
        ("类别", Counter(e.category for e in lexicon.entries)),
    ):
        print(f"{name}: " + "，".join(f"{key} {n}" for key, n in counts.most_common()))
    return EXIT_OK
