"""Logging in: a password checked against its argon2 hash, with a lockout.

Every attempt on an existing account is applied as a RecordLogin, so the audit log
shows each login and each failure; ``passwords.MAX_FAILED_LOGINS`` failures in a row
lock the account for ``passwords.LOCKOUT``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from desk.review import passwords
from desk.review.accounts import RecordLogin, SetPassword, local_time
from desk.review.commands import apply, new_id
from desk.review.directory import AccountView
from desk.review.errors import CommandRejected
from desk.store import Store
from desk.store.models import Account


class LoginFailed(Exception):
    """The login was refused; ``str(error)`` says why, in Chinese.

    ``remaining``: failed attempts left before the account locks (after a wrong
    password); ``locked_until``: when a locked account opens again.
    """

    def __init__(
        self, message: str, *, remaining: int | None = None, locked_until: datetime | None = None
    ) -> None:
        super().__init__(message)
        self.remaining = remaining
        self.locked_until = locked_until


def authenticate(
    store: Store, login: str, password: str, now: datetime | None = None
) -> AccountView:
    """The account ``login`` if ``password`` is its password; LoginFailed if not.

    ``now`` (the store's clock by default) is when a lock is judged; the attempt itself
    is recorded at the store's clock. A hash made with outdated parameters is replaced.
    """
    when = now if now is not None else store.clock()
    with store.read() as session:
        account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
        if account is None:
            raise LoginFailed("登录名或密码错误")
        account_id, stored = account.id, account.password_hash
        active, locked_until = account.active, account.locked_until
    if not active:
        raise LoginFailed("账号已停用，请联系管理员")
    if locked_until is not None and when < locked_until:
        raise LoginFailed(
            f"账号已锁定至 {local_time(locked_until)}，请稍后再试", locked_until=locked_until
        )
    if not passwords.verify_password(stored, password):
        failed = _record(store, account_id, login, succeeded=False)
        if failed.locked_until is not None:
            raise LoginFailed(
                f"密码连续错误 {passwords.MAX_FAILED_LOGINS} 次，"
                f"账号已锁定至 {local_time(failed.locked_until)}，请稍后再试",
                locked_until=failed.locked_until,
            )
        remaining = passwords.MAX_FAILED_LOGINS - failed.failed_logins
        minutes = int(passwords.LOCKOUT.total_seconds() // 60)
        raise LoginFailed(
            f"密码错误，还可尝试 {remaining} 次"
            f"（连续错误 {passwords.MAX_FAILED_LOGINS} 次将锁定 {minutes} 分钟）",
            remaining=remaining,
        )
    view = _record(store, account_id, login, succeeded=True)
    upgraded = passwords.upgraded_hash(stored, password)
    if upgraded is not None:
        view = apply(
            store,
            SetPassword(
                command_id=new_id(), actor=login, account_id=account_id, password_hash=upgraded
            ),
        )
    return view


def _record(store: Store, account_id: uuid.UUID, login: str, *, succeeded: bool) -> AccountView:
    """Record the attempt; a refusal (the account was locked or disabled meanwhile) is a
    failed login."""
    attempt = RecordLogin(
        command_id=new_id(), actor=login, account_id=account_id, succeeded=succeeded
    )
    try:
        return apply(store, attempt)
    except CommandRejected as error:
        raise LoginFailed(str(error)) from None
