"""`desk audit verify`: is the audit log (the hash-chained command journal) intact?"""

from __future__ import annotations

import argparse
import sys

from desk.commands.inputs import InputError
from desk.commands.store_access import desk_store
from desk.store import StoreError
from desk.store.audit import read_entries, verify

EXIT_OK, EXIT_BROKEN, EXIT_ERROR = 0, 1, 2
_PROG = "desk audit"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("audit", help="审计日志：校验哈希链是否完整")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "verify",
        help="校验审计日志",
        description=(
            "逐条校验审计日志的哈希链。退出码：0 完整；1 有记录被修改、删除或调换顺序"
            "（指出第一条）；2 无法打开数据库。"
        ),
    )
    check.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    try:
        with desk_store(args, writes=False) as store:
            verdict = verify(read_entries(store))
    except (InputError, StoreError) as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return EXIT_ERROR
    if verdict.ok:
        print(f"审计日志完整：共 {verdict.entries} 条，末条哈希 {verdict.head}")
        return EXIT_OK
    print(
        f"审计日志已被改动：第 {verdict.broken_seq} 条（命令 {verdict.broken_id}）"
        f"{verdict.problem}",
        file=sys.stderr,
    )
    return EXIT_BROKEN
