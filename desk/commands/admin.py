"""`desk admin`: units, accounts and delegations from the command line.

For setting a desk up before anyone can log in, and for an administrator's routine
work. Every change is a domain command applied as ``cli:<OS user>`` (and so in the
audit log). Exit codes: 0 done, 2 refused or failed, with the reason on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from desk.paths import DataDirError, data_dir
from desk.review.accounts import (
    CLI_ACTOR_PREFIX,
    CreateAccount,
    CreateUnit,
    Delegate,
    SetUnitLeader,
    local_time,
)
from desk.review.commands import apply, new_id
from desk.review.directory import AccountView, UnitView, account_by_login, list_accounts, list_units
from desk.review.errors import CommandRejected
from desk.review.passwords import WeakPassword, hash_password
from desk.review.roles import LEVEL_LABELS, LEVELS, ROLES, UnknownRole, parse_role
from desk.store import DATABASE_NAME, Store, StoreError, open_store

EXIT_OK, EXIT_ERROR = 0, 2
_PROG = "desk admin"


class _Refused(Exception):
    """What was asked can't be done; the message says why, in Chinese."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("admin", help="管理部门、账号与委托")
    actions = parser.add_subparsers(dest="admin_command", metavar="ACTION", required=True)

    unit = actions.add_parser("create-unit", help="新建部门/科室")
    unit.add_argument("name", metavar="NAME", help="部门名称")
    unit.set_defaults(run=_runner(create_unit))

    leader = actions.add_parser(
        "set-leader", help="设置部门的分管领导（三审签发）", description="该账号须有三审签发角色。"
    )
    leader.add_argument("unit", metavar="UNIT", help="部门名称")
    leader.add_argument("login", metavar="LOGIN", help="分管领导的登录名")
    leader.set_defaults(run=_runner(set_leader))

    user = actions.add_parser(
        "create-user",
        help="新建账号",
        description=(
            "不加 --password-stdin 时提示输入两次密码。密码至少 8 个字符，且不能与登录名相同。"
        ),
    )
    user.add_argument("login", metavar="LOGIN", help="登录名")
    user.add_argument("--name", required=True, help="姓名")
    user.add_argument("--unit", metavar="UNIT", help="所在部门名称（须已创建）")
    user.add_argument(
        "--role",
        action="append",
        required=True,
        metavar="ROLE",
        help="角色，可重复；可用中文名，如 一审、二审、签发、审定、联络员、管理员",
    )
    user.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    user.set_defaults(run=_runner(create_user))

    users = actions.add_parser("list-users", help="列出账号：登录名、姓名、部门、角色、状态")
    users.set_defaults(run=_runner(list_users))

    delegate = actions.add_parser(
        "delegate",
        help="委托代理：TO 自现在起代 FROM 审核，至 --until 当天结束",
    )
    delegate.add_argument("from_login", metavar="FROM", help="委托人的登录名")
    delegate.add_argument("to_login", metavar="TO", help="受委托人的登录名")
    delegate.add_argument("--level", required=True, help="审核级别，如 一审、二审、签发、审定")
    delegate.add_argument(
        "--until", required=True, metavar="DATE", help="截止日期 YYYY-MM-DD（含当天）"
    )
    delegate.add_argument("--reason", required=True, help="委托理由")
    delegate.set_defaults(run=_runner(delegate_level))


def _runner(
    action: Callable[[Store, argparse.Namespace], str],
) -> Callable[[argparse.Namespace], int]:
    """Run ``action`` on the store of ``--data-dir``; print what it returns, or the error."""

    def run(args: argparse.Namespace) -> int:
        try:
            store = open_store(data_dir(args.data_dir) / DATABASE_NAME)
        except (DataDirError, StoreError) as error:
            print(f"{_PROG}: {error}", file=sys.stderr)
            return EXIT_ERROR
        try:
            output = action(store, args)
        except (_Refused, CommandRejected, WeakPassword, UnknownRole, StoreError) as error:
            print(f"{_PROG}: {error}", file=sys.stderr)
            return EXIT_ERROR
        finally:
            store.close()
        print(output)
        return EXIT_OK

    return run


def create_unit(store: Store, args: argparse.Namespace) -> str:
    unit = apply(
        store,
        CreateUnit(command_id=new_id(), actor=_actor(), unit_id=new_id(), unit_name=args.name),
    )
    return f"已创建部门 {unit.name}"


def set_leader(store: Store, args: argparse.Namespace) -> str:
    unit = _unit(store, args.unit)
    account = _account(store, args.login)
    apply(
        store,
        SetUnitLeader(command_id=new_id(), actor=_actor(), unit_id=unit.id, account_id=account.id),
    )
    return f"已将 {account.name}（{account.login}）设为 {unit.name} 的分管领导"


def create_user(store: Store, args: argparse.Namespace) -> str:
    roles = sorted({parse_role(role) for role in args.role}, key=list(ROLES).index)
    unit = _unit(store, args.unit) if args.unit is not None else None
    if account_by_login(store, args.login) is not None:
        raise _Refused(f"登录名 {args.login} 已被使用")
    password_hash = hash_password(_read_password(args.password_stdin), login=args.login)
    account = apply(
        store,
        CreateAccount(
            command_id=new_id(),
            actor=_actor(),
            account_id=new_id(),
            login=args.login,
            full_name=args.name,
            unit_id=unit.id if unit is not None else None,
            roles=roles,
            password_hash=password_hash,
        ),
    )
    return f"已创建账号 {account.login}（{_describe(account)}）"


def list_users(store: Store, args: argparse.Namespace) -> str:
    accounts = list_accounts(store)
    if not accounts:
        return "尚无账号。用 desk admin create-user 创建。"
    now = store.clock()
    rows = [("登录名", "姓名", "部门", "角色", "状态")] + [
        (
            account.login,
            account.name,
            account.unit_name or "无",
            _role_names(account.roles),
            _status(account, now),
        )
        for account in accounts
    ]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join(
        "  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def delegate_level(store: Store, args: argparse.Namespace) -> str:
    level = parse_role(args.level)
    if level not in LEVELS:
        raise _Refused(f"审核级别只能是{'、'.join(LEVEL_LABELS.values())}，收到 {args.level!r}")
    try:
        last_day = date.fromisoformat(args.until)
    except ValueError:
        raise _Refused(f"截止日期应为 YYYY-MM-DD，收到 {args.until!r}") from None
    if last_day < date.today():
        raise _Refused(f"截止日期 {last_day.isoformat()} 已经过去")
    ends = datetime.combine(last_day + timedelta(days=1), time()).astimezone()  # local midnight
    delegator, delegate = _account(store, args.from_login), _account(store, args.to_login)
    delegation = apply(
        store,
        Delegate(
            command_id=new_id(),
            actor=_actor(),
            delegation_id=new_id(),
            from_account_id=delegator.id,
            to_account_id=delegate.id,
            level=level,
            starts_at=store.clock().isoformat(),
            ends_at=ends.isoformat(),
            reason=args.reason,
        ),
    )
    return (
        f"已委托：{delegate.name}（{delegate.login}）代 {delegator.name}（{delegator.login}）"
        f"{LEVEL_LABELS[level]}，至 {last_day.isoformat()} 当天结束；委托编号 {delegation.id}"
    )


def _actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "unknown"
    return CLI_ACTOR_PREFIX + user


def _unit(store: Store, name: str) -> UnitView:
    units = list_units(store)
    for unit in units:
        if unit.name == name.strip():
            return unit
    known = "、".join(unit.name for unit in units) or "无"
    raise _Refused(
        f"部门“{name}”不存在（现有部门：{known}）。如需新建：desk admin create-unit {name}"
    )


def _account(store: Store, login: str) -> AccountView:
    account = account_by_login(store, login)
    if account is None:
        raise _Refused(f"账号 {login} 不存在")
    return account


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise _Refused("标准输入中没有密码")
        return password
    password = getpass.getpass("密码：")
    if getpass.getpass("再次输入密码：") != password:
        raise _Refused("两次输入的密码不一致")
    return password


def _describe(account: AccountView) -> str:
    return "，".join(filter(None, (account.name, account.unit_name, _role_names(account.roles))))


def _role_names(roles: tuple[str, ...]) -> str:
    """Short Chinese names: 一审, 三审签发, 管理员 …"""
    return "、".join(ROLES[role].split("（")[0] for role in roles)


def _status(account: AccountView, now: datetime) -> str:
    if not account.active:
        return "已停用"
    if account.locked_until is not None and now < account.locked_until:
        return f"锁定至 {local_time(account.locked_until)}"
    return "正常"


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
