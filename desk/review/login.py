"""Logging in: a password checked against its argon2 hash, with a lockout.

Every attempt is journaled, so the audit log shows each login and each failure: as a
RecordLogin on an existing account, as a RecordUnknownLogin on a login nobody has.
``passwords.MAX_FAILED_LOGINS`` failures in a row lock the account for
``passwords.LOCKOUT``.

A refusal tells nothing about the account: an unknown login, a wrong password and a
locked account get the same answer (`REFUSED`) at the same cost (a login nobody has is
checked against a dummy hash). Only the right password of a disabled account is told
so. The lock is judged, the password checked and the attempt recorded in one write
transaction, so parallel guesses are counted one after the other: once the fifth has
failed, no further guess can succeed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desk.review import passwords
from desk.review.accounts import RecordLogin, RecordUnknownLogin, SetPassword
from desk.review.commands import Command, apply_decided, new_id
from desk.review.directory import AccountView, find_account
from desk.review.names import LOGIN_MAX_LENGTH, normalize_login, visible
from desk.store import Store

_MINUTES = int(passwords.LOCKOUT.total_seconds() // 60)
REFUSED = (
    f"登录名或密码错误。连续输错 {passwords.MAX_FAILED_LOGINS} 次，账号将锁定 {_MINUTES} 分钟；"
    "如已锁定，请稍后再试，或请管理员重设密码"
)
DISABLED = "账号已停用，请联系管理员"


class LoginFailed(Exception):
    """The login was refused; ``str(error)`` says why, in Chinese."""


def authenticate(store: Store, login: str, password: str) -> AccountView:
    """The account ``login`` names if ``password`` is its password; LoginFailed if not.

    ``login`` is found as typed or normalized (``WANG`` signs in as ``wang``). A hash made
    with outdated parameters is replaced.
    """
    refusal: str | None = REFUSED  # None: signed in
    dummy = passwords.dummy_hash()  # made (once) whoever signs in, so that costs the same

    def judge(session: Session, now: datetime) -> list[Command]:
        nonlocal refusal
        account = find_account(session, login)
        if account is None:
            passwords.verify_password(dummy, password)  # what a real login costs
            unknown = visible(normalize_login(login))[:LOGIN_MAX_LENGTH] or "?"
            return [RecordUnknownLogin(new_id(), unknown, login=unknown)]
        right = passwords.verify_password(account.password_hash, password)
        locked = account.locked_until is not None and now < account.locked_until
        if right and not account.active:
            refusal = DISABLED
        elif right and not locked:
            refusal = None
        attempt = RecordLogin(
            new_id(), account.login, account_id=account.id, succeeded=refusal is None
        )
        upgraded = passwords.upgraded_hash(account.password_hash, password) if right else None
        if refusal is not None or upgraded is None:
            return [attempt]
        upgrade = SetPassword(
            new_id(), account.login, account_id=account.id, password_hash=upgraded
        )
        return [attempt, upgrade]

    *_, view = apply_decided(store, judge)
    if refusal is not None:
        raise LoginFailed(refusal)
    return view
