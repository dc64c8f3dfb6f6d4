"""Signing in on the command line, for the commands that administer the store.

Once the store has an admin, such a command signs in as an account holding the admin
role: ``--login NAME`` (asked on a terminal when not given) and its password (asked, or
the first line of stdin with ``--password-stdin``). The sign-in is a login like the
window's: on record, counted towards the lockout. What follows is done, and journaled,
as that account. While the store has no admin nobody can sign in as one: the command
acts as the local command line, ``cli:<OS user>``, and the domain lets that actor do
only what needs no admin (the first admin of an empty store, ``recover-admin``).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from desk.review.directory import has_any_admin
from desk.review.login import authenticate
from desk.review.roles import CLI_ACTOR_PREFIX
from desk.store import Store


class SignInRefused(Exception):
    """Nobody fit signed in; ``str(error)`` says why and how, in Chinese."""


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--login`` and ``--password-stdin`` on ``parser`` (given before its action)."""
    parser.add_argument(
        "--login",
        dest="sign_in_login",
        metavar="NAME",
        help="以该管理员账号登录（数据库已有管理员时需要；不给出则在终端询问）",
    )
    parser.add_argument(
        "--password-stdin",
        dest="sign_in_password_stdin",
        action="store_true",
        help="从标准输入的第一行读取该管理员的密码（其后各行留给要设置的新密码）",
    )


def admin_actor(store: Store, args: argparse.Namespace, prog: str) -> str:
    """Who acts: the admin signed in with ``args``, or `local_actor` while the store has
    no admin. SignInRefused or desk.review.login.LoginFailed if nobody fit signed in."""
    if not has_any_admin(store):
        return local_actor()
    login = args.sign_in_login if args.sign_in_login is not None else _ask_login(prog)
    password = _read_password(login, args.sign_in_password_stdin)
    account = authenticate(store, login, password)
    if "admin" not in account.roles:
        raise SignInRefused(f"{account.name}（{account.login}）不是管理员，不能使用 {prog}")
    return account.login


def local_actor() -> str:
    """``cli:<OS user>``: the command line of this computer, which is no account."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "unknown"
    return CLI_ACTOR_PREFIX + user


def _ask_login(prog: str) -> str:
    if not sys.stdin.isatty():
        raise SignInRefused(
            f"此数据库已有管理员，请以管理员身份登录：{prog} --login 登录名 [--password-stdin] …"
        )
    login = input("管理员登录名：").strip()
    if not login:
        raise SignInRefused("没有输入登录名")
    return login


def _read_password(login: str, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise SignInRefused("标准输入中没有管理员密码")
        return password
    return getpass.getpass(f"管理员 {login} 的密码：")
