"""`desk register export`: the 信息发布登记 as CSV or XLSX."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desk.commands.inputs import InputError
from desk.commands.store_access import desk_store
from desk.review.register import FORMATS, export, verified_register
from desk.review.verified import StateUnverified
from desk.store import StoreError

_PROG = "desk register"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("register", help="信息发布登记：导出为 CSV 或 XLSX")
    actions = parser.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    out = actions.add_parser(
        "export",
        help="导出信息发布登记",
        description=(
            "导出信息发布登记：每次发布或撤稿一行，含原文、单位、起草人、各级审核人及意见和时间、"
            "发布人、发布时间、渠道、申请修改理由、撤稿理由和内容哈希；末行是审计日志链头。"
            "导出前先按审计日志核验数据，不一致则不导出。"
            "退出码：0 已导出；1 数据与审计日志不符；2 参数、数据库或文件有误。"
        ),
    )
    out.add_argument("--format", choices=FORMATS, default="xlsx", help="文件格式（默认 xlsx）")
    out.add_argument("-o", "--output", required=True, metavar="FILE", help="保存到的文件")
    out.add_argument(
        "--from",
        dest="since",
        type=_day,
        metavar="DATE",
        help="只导出此日（YYYY-MM-DD，含当天）及以后的发布和撤稿",
    )
    out.add_argument(
        "--to",
        dest="until",
        type=_day,
        metavar="DATE",
        help="只导出此日（YYYY-MM-DD，含当天）及以前的发布和撤稿",
    )
    out.set_defaults(run=run_export)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，收到 {text!r}") from None


def run_export(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        print(f"{_PROG}: --from {args.since} 晚于 --to {args.until}", file=sys.stderr)
        return 2
    try:
        with desk_store(args, writes=False) as store:
            rows, verified = verified_register(store, since=args.since, until=args.until)
            export(rows, Path(args.output), args.format, verified)
    except StateUnverified as error:
        print(f"{_PROG}: {error}。请运行 desk audit verify 查明。", file=sys.stderr)
        return 1
    except (InputError, StoreError) as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{_PROG}: 无法写入 {args.output}（{error.strerror or error}）", file=sys.stderr)
        return 2
    print(
        f"已导出 {len(rows)} 条登记到 {args.output}"
        f"（已按审计日志核验，共 {verified.entries} 条，链头 {verified.head}）"
    )
    return 0
