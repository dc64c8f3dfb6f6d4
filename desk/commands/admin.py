"""`desk admin`: units, accounts, delegations and holiday lists from the command line.

For setting a desk up and for an administrator's routine work. Once the store has an
admin, every action signs in as one (``desk.commands.sign_in``: ``--login NAME``, the
password asked or read with ``--password-stdin``) and every change is a domain command
applied as that account, in the audit log; holiday lists are files in the data folder
(``admin_holidays``), loaded by an admin too. Before there is an admin, the actions run
as ``cli:<OS user>``, which the domain lets create the first admin of an empty store
(``create-user … --role 管理员``) and, on a store with accounts but no admin, recover one
(``recover-admin``). What is printed shows control and invisible characters as escapes.
Exit codes: 0 done, 2 refused or failed, with the reason on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from desk.commands.admin_holidays import list_holidays, load_holidays
from desk.commands.inputs import InputError
from desk.commands.sign_in import SignInRefused, add_options, admin_actor, local_actor
from desk.commands.store_access import desk_store, opens_read_only
from desk.paths import DataDirError, data_dir
from desk.review.accounts import (
    CreateAccount,
    CreateUnit,
    Delegate,
    RecoverAdmin,
    RevokeDelegation,
    SetPassword,
    SetUnitLeader,
    UpdateAccount,
    delegation_end,
    local_time,
)
from desk.review.calendar_files import HolidayListError
from desk.review.commands import apply, new_id
from desk.review.directory import (
    AccountView,
    DelegationView,
    UnitView,
    account_by_login,
    administration_refusal,
    list_accounts,
    list_delegations,
    list_units,
)
from desk.review.errors import CommandRejected
from desk.review.login import LoginFailed
from desk.review.names import normalize_login, visible
from desk.review.passwords import MIN_LENGTH, WeakPassword, hash_password
from desk.review.roles import LEVEL_LABELS, LEVELS, ROLES, UnknownRole, parse_role
from desk.store import Store, StoreError

EXIT_OK, EXIT_ERROR = 0, 2
_PROG = "desk admin"
_PASSWORD_RULES = (
    "不加 --password-stdin 时提示输入两次密码。"
    f"密码至少 {MIN_LENGTH} 个字符（空格不计），须含字母或汉字、数字、符号中的至少两种，"
    "且不能与登录名相同。"
)
_SIGN_IN = (
    "数据库已有管理员时，每个操作都须以管理员身份登录："
    "desk admin --login 登录名 [--password-stdin] 操作 …；"
    "--password-stdin 从标准输入的第一行读管理员密码，要设置的新密码在第二行。"
    "尚无管理员时不登录：只能在空数据库上创建第一个管理员（create-user … --role 管理员），"
    "或在有账号却没有管理员的数据库上恢复管理员（recover-admin）。"
)
_ROLE_HELP = "可用中文名，如 一审、二审、签发、审定、联络员、管理员"


class _Refused(Exception):
    """What was asked can't be done; the message says why, in Chinese."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "admin", help="管理部门、账号、委托与法定节假日安排", description=_SIGN_IN
    )
    add_options(parser)
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

    user = actions.add_parser("create-user", help="新建账号", description=_PASSWORD_RULES)
    user.add_argument("login", metavar="LOGIN", help="登录名")
    user.add_argument("--name", required=True, help="姓名")
    user.add_argument("--unit", metavar="UNIT", help="所在部门名称（须已创建）")
    user.add_argument(
        "--role", action="append", required=True, metavar="ROLE", help=f"角色，可重复；{_ROLE_HELP}"
    )
    _add_password_stdin(user)
    user.set_defaults(run=_runner(create_user))

    update = actions.add_parser(
        "update-user",
        help="修改账号的姓名、部门、角色，或停用/启用账号",
        description="只改给出的项，其余不变。登录名不能修改。",
    )
    update.add_argument("login", metavar="LOGIN", help="登录名")
    update.add_argument("--name", help="新的姓名")
    where = update.add_mutually_exclusive_group()
    where.add_argument("--unit", metavar="UNIT", help="调到该部门（须已创建）")
    where.add_argument("--no-unit", action="store_true", help="不再属于任何部门")
    update.add_argument(
        "--role",
        action="append",
        metavar="ROLE",
        help=f"角色，可重复；给出的角色取代原有的全部角色；{_ROLE_HELP}",
    )
    active = update.add_mutually_exclusive_group()
    active.add_argument(
        "--disable",
        dest="active",
        action="store_const",
        const=False,
        help="停用账号：不能再登录，也不再分到待审稿件",
    )
    active.add_argument(
        "--enable", dest="active", action="store_const", const=True, help="重新启用账号"
    )
    update.set_defaults(run=_runner(update_user))

    password = actions.add_parser(
        "set-password",
        help="为账号设置新密码（同时解除因密码错误造成的锁定）",
        description=f"设置新密码，同时解除因密码错误造成的锁定。{_PASSWORD_RULES}",
    )
    password.add_argument("login", metavar="LOGIN", help="登录名")
    _add_password_stdin(password)
    password.set_defaults(run=_runner(set_password))

    recover = actions.add_parser(
        "recover-admin",
        help="数据库有账号却没有启用的管理员时，新建一个管理员账号（不需登录，记入审计日志）",
        description=(
            "只用于有账号却没有启用的管理员的数据库（例如旧版本建立的）：新建一个只有管理员角色的"
            "账号，不需登录；须在能写入数据文件夹的电脑上运行，审计日志记为“恢复管理员”及操作系统"
            f"用户名。已有管理员或数据库为空时拒绝。{_PASSWORD_RULES}"
        ),
    )
    recover.add_argument("login", metavar="LOGIN", help="新管理员的登录名")
    recover.add_argument("--name", required=True, help="姓名")
    _add_password_stdin(recover)
    recover.set_defaults(run=_runner(recover_admin, signs_in=False))

    users = actions.add_parser("list-users", help="列出账号：登录名、姓名、部门、角色、状态")
    users.set_defaults(run=_runner(list_users, writes=False))

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

    delegations = actions.add_parser(
        "list-delegations",
        help="列出尚未结束的委托：编号、委托人、代理人、环节、起止时间、事由、状态",
    )
    delegations.add_argument("--all", action="store_true", help="也列出已结束、已撤销的委托")
    delegations.set_defaults(run=_runner(list_delegations_text, writes=False))

    revoke = actions.add_parser("revoke-delegation", help="撤销委托，立即生效")
    revoke.add_argument("id", metavar="ID", help="委托编号（见 list-delegations）")
    revoke.set_defaults(run=_runner(revoke_delegation))

    holidays = actions.add_parser(
        "load-holidays",
        help="载入某年的法定节假日安排（计算公开期限用）",
        description=(
            "检查节假日安排文件（格式见 resources/holidays/README.md），无误后存入数据目录的"
            " holidays 文件夹；有错则列出每一处错误，不载入。"
        ),
    )
    holidays.add_argument("file", metavar="FILE", help="节假日安排文件（.txt 或 .csv）")
    holidays.set_defaults(run=_runner(_folder_action(load_holidays, "载入节假日安排")))

    known = actions.add_parser("list-holidays", help="列出已知法定节假日安排的年份及其来源")
    known.set_defaults(run=_runner(_folder_action(list_holidays)))


Action = Callable[[Store, argparse.Namespace, str], str]


def _runner(
    action: Action, *, signs_in: bool = True, writes: bool = True
) -> Callable[[argparse.Namespace], int]:
    """Run ``action`` on the store of ``--data-dir`` as the admin who signs in (or as the
    local command line: `desk.commands.sign_in`); print what it returns, or the error.

    A listing (``writes=False``) of an archived copy that can't be written is read
    without signing in: a sign-in is recorded in the store, and whoever can read the
    folder can read the whole database anyway."""

    def run(args: argparse.Namespace) -> int:
        try:
            archived = opens_read_only(args, writes=writes)
            with desk_store(args, writes=writes) as store:
                signed = signs_in and not archived
                actor = admin_actor(store, args, _PROG) if signed else local_actor()
                output = action(store, args, actor)
        except (
            InputError, _Refused, CommandRejected, WeakPassword, UnknownRole, StoreError,
            LoginFailed, SignInRefused, DataDirError, HolidayListError,
        ) as error:  # fmt: skip
            _complain(str(error))
            return EXIT_ERROR
        except OSError as error:
            where = error.filename or "数据目录"
            _complain(f"无法写入 {where}：{error.strerror or error}")
            return EXIT_ERROR
        print(visible(output, keep_line_breaks=True))
        return EXIT_OK

    return run


def _complain(message: str) -> None:
    print(f"{_PROG}: {visible(message, keep_line_breaks=True)}", file=sys.stderr)


def _folder_action(
    action: Callable[[Path, argparse.Namespace], str], doing: str | None = None
) -> Action:
    """An action on the data folder of ``--data-dir``; ``doing``: what it changes there,
    which only an admin may (the same rule as the administrative commands)."""

    def run(store: Store, args: argparse.Namespace, actor: str) -> str:
        if doing is not None:
            refusal = administration_refusal(store, actor, doing)
            if refusal is not None:
                raise _Refused(refusal)
        return action(data_dir(args.data_dir), args)

    return run


def create_unit(store: Store, args: argparse.Namespace, actor: str) -> str:
    unit = apply(
        store,
        CreateUnit(command_id=new_id(), actor=actor, unit_id=new_id(), unit_name=args.name),
    )
    return f"已创建部门 {unit.name}"


def set_leader(store: Store, args: argparse.Namespace, actor: str) -> str:
    unit = _unit(store, args.unit)
    account = _account(store, args.login)
    apply(
        store,
        SetUnitLeader(command_id=new_id(), actor=actor, unit_id=unit.id, account_id=account.id),
    )
    return f"已将 {account.name}（{account.login}）设为 {unit.name} 的分管领导"


def create_user(store: Store, args: argparse.Namespace, actor: str) -> str:
    return _new_account(store, args, actor, CreateAccount, _parse_roles(args.role), args.unit)


def recover_admin(store: Store, args: argparse.Namespace, actor: str) -> str:
    done = _new_account(store, args, actor, RecoverAdmin, ["admin"], None)
    return f"{done}。这是恢复管理员操作，已以 {actor} 的名义记入审计日志"


def _new_account(
    store: Store,
    args: argparse.Namespace,
    actor: str,
    command_type: type[CreateAccount],
    roles: list[str],
    unit_name: str | None,
) -> str:
    """Make the account (its login normalized: ``WANG`` is ``wang``)."""
    login = normalize_login(args.login)
    unit = _unit(store, unit_name) if unit_name is not None else None
    if account_by_login(store, login) is not None:
        raise _Refused(f"登录名 {login} 已被使用")
    password_hash = _new_password_hash(login, args.password_stdin)
    account = apply(
        store,
        command_type(
            command_id=new_id(),
            actor=actor,
            account_id=new_id(),
            login=login,
            full_name=args.name,
            unit_id=unit.id if unit is not None else None,
            roles=roles,
            password_hash=password_hash,
        ),
    )
    return f"已创建账号 {account.login}（{_describe(account)}）"


def update_user(store: Store, args: argparse.Namespace, actor: str) -> str:
    """Only what was given changes: UpdateAccount carries the full state, read afresh."""
    if (args.name, args.unit, args.role, args.active) == (None,) * 4 and not args.no_unit:
        raise _Refused(
            "没有要修改的内容：请给出 --name、--unit、--no-unit、--role、--disable 或 --enable"
        )
    before = _account(store, args.login)
    name = args.name.strip() if args.name is not None else before.name
    if args.unit is not None:
        unit_id: uuid.UUID | None = _unit(store, args.unit).id
    else:
        unit_id = None if args.no_unit else before.unit_id
    roles = tuple(_parse_roles(args.role)) if args.role is not None else before.roles
    active = args.active if args.active is not None else before.active
    if (name, unit_id, roles, active) == (before.name, before.unit_id, before.roles, before.active):
        return f"账号 {before.login} 没有变化（{_describe(before)}，{_active_text(before.active)}）"
    after = apply(
        store,
        UpdateAccount(
            command_id=new_id(),
            actor=actor,
            account_id=before.id,
            full_name=name,
            unit_id=unit_id,
            roles=list(roles),
            active=active,
        ),
    )
    changes = [
        f"{what} {old} → {new}"
        for what, old, new in (
            ("姓名", before.name, after.name),
            ("部门", before.unit_name or "无", after.unit_name or "无"),
            ("角色", _role_names(before.roles), _role_names(after.roles)),
            ("状态", _active_text(before.active), _active_text(after.active)),
        )
        if old != new
    ]
    return f"已修改账号 {after.login}：{'；'.join(changes)}"


def set_password(store: Store, args: argparse.Namespace, actor: str) -> str:
    account = _account(store, args.login)  # before asking for a password
    password_hash = _new_password_hash(account.login, args.password_stdin)
    apply(
        store,
        SetPassword(
            command_id=new_id(), actor=actor, account_id=account.id, password_hash=password_hash
        ),
    )
    done = f"已为 {account.name}（{account.login}）设置新密码"
    if account.locked_until is not None and store.clock() < account.locked_until:
        done += "，并解除了锁定"
    if not account.active:
        done += f"。该账号已停用，启用后才能登录：desk admin update-user {account.login} --enable"
    return done


def list_users(store: Store, args: argparse.Namespace, actor: str) -> str:
    accounts = list_accounts(store)
    if not accounts:
        return "尚无账号。用 desk admin create-user 创建。"
    now = store.clock()
    return _columns(
        [("登录名", "姓名", "部门", "角色", "状态")]
        + [
            (
                account.login,
                account.name,
                account.unit_name or "无",
                _role_names(account.roles),
                _status(account, now),
            )
            for account in accounts
        ]
    )


def delegate_level(store: Store, args: argparse.Namespace, actor: str) -> str:
    level = parse_role(args.level)
    if level not in LEVELS:
        raise _Refused(f"审核级别只能是{'、'.join(LEVEL_LABELS.values())}，收到 {args.level!r}")
    try:
        last_day = date.fromisoformat(args.until)
    except ValueError:
        raise _Refused(f"截止日期应为 YYYY-MM-DD，收到 {args.until!r}") from None
    starts = store.clock()
    ends = delegation_end(last_day, starts)
    delegator, delegate = _account(store, args.from_login), _account(store, args.to_login)
    delegation = apply(
        store,
        Delegate(
            command_id=new_id(),
            actor=actor,
            delegation_id=new_id(),
            from_account_id=delegator.id,
            to_account_id=delegate.id,
            level=level,
            starts_at=starts.isoformat(),
            ends_at=ends.isoformat(),
            reason=args.reason,
        ),
    )
    return (
        f"已委托：{_delegation_text(delegation)}，至 {last_day.isoformat()} 当天结束；"
        f"委托编号 {delegation.id}"
    )


def list_delegations_text(store: Store, args: argparse.Namespace, actor: str) -> str:
    delegations = list_delegations(store, include_ended=args.all)
    if not delegations:
        none = "尚无委托" if args.all else "当前没有生效或待生效的委托"
        return f"{none}。用 desk admin delegate 设置。"
    now = store.clock()
    return _columns(
        [("编号", "委托人", "代理人", "环节", "起止时间", "事由", "状态")]
        + [
            (
                str(delegation.id),
                f"{delegation.from_name}（{delegation.from_login}）",
                f"{delegation.to_name}（{delegation.to_login}）",
                LEVEL_LABELS[delegation.level],
                _period(delegation),
                delegation.reason,
                _delegation_status(delegation, now),
            )
            for delegation in delegations
        ]
    )


def revoke_delegation(store: Store, args: argparse.Namespace, actor: str) -> str:
    try:
        delegation_id = uuid.UUID(args.id)
    except ValueError:
        raise _Refused(
            f"委托编号 {args.id!r} 无效，请用 desk admin list-delegations 列出的编号"
        ) from None
    revoked = apply(
        store,
        RevokeDelegation(command_id=new_id(), actor=actor, delegation_id=delegation_id),
    )
    return f"已撤销委托：{_delegation_text(revoked)}；委托编号 {revoked.id}"


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


def _parse_roles(names: Sequence[str]) -> list[str]:
    """Role ids for what was typed (ids or Chinese names), once each, in ROLES' order."""
    return sorted({parse_role(name) for name in names}, key=list(ROLES).index)


def _add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")


def _new_password_hash(login: str, from_stdin: bool) -> str:
    """The hash of a new password for ``login``, read from stdin (one line) or asked
    twice; _Refused or WeakPassword if there is none or it is too weak."""
    return hash_password(_read_password(from_stdin), login=login)


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


def _delegation_text(delegation: DelegationView) -> str:
    """'科员（staff）代 处长（chief）二审'."""
    return (
        f"{delegation.to_name}（{delegation.to_login}）代 "
        f"{delegation.from_name}（{delegation.from_login}）{LEVEL_LABELS[delegation.level]}"
    )


def _period(delegation: DelegationView) -> str:
    start = local_time(delegation.starts_at)
    if delegation.ends_at is None:
        return f"{start} 起，直至撤销"
    return f"{start} 至 {local_time(delegation.ends_at)}"


def _delegation_status(delegation: DelegationView, now: datetime) -> str:
    if delegation.revoked_at is not None:
        return f"已于 {local_time(delegation.revoked_at)} 撤销"
    if delegation.ends_at is not None and delegation.ends_at <= now:
        return "已结束"
    return "未开始" if now < delegation.starts_at else "生效中"


def _describe(account: AccountView) -> str:
    return "，".join(filter(None, (account.name, account.unit_name, _role_names(account.roles))))


def _role_names(roles: tuple[str, ...]) -> str:
    """Short Chinese names: 一审, 三审签发, 管理员 …"""
    return "、".join(ROLES[role].split("（")[0] for role in roles)


def _active_text(active: bool) -> str:
    return "启用" if active else "停用"


def _status(account: AccountView, now: datetime) -> str:
    if not account.active:
        return "已停用"
    if account.locked_until is not None and now < account.locked_until:
        return f"锁定至 {local_time(account.locked_until)}"
    return "正常"


def _columns(rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns two spaces apart, the first row being the header; a cell's
    line breaks and other control or invisible characters shown as escapes."""
    cells = [[visible(cell) for cell in row] for row in rows]
    widths = [max(_width(row[column]) for row in cells) for column in range(len(cells[0]))]
    return "\n".join(
        "  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
