"""Passwords: argon2id hashes, the minimum policy, and the lockout policy.

Only hashes are ever stored or put in a command (commands are journaled forever). The
hasher uses argon2-cffi's defaults, which follow its current recommendation; when those
change, ``upgraded_hash`` re-hashes a password at the next successful login.
"""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher()  # tests swap in a cheaper one
HASH_PREFIX = "$argon2"

MIN_LENGTH = 8
MAX_FAILED_LOGINS = 5  # failed logins in a row that lock the account …
LOCKOUT = timedelta(minutes=15)  # … for this long


class WeakPassword(ValueError):
    """The password does not meet the policy; ``str(error)`` says why, in Chinese."""


def check_policy(password: str, login: str) -> None:
    """WeakPassword unless ``password`` is long enough and not the login itself."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"密码至少需要 {MIN_LENGTH} 个字符")
    if password.strip().casefold() == login.strip().casefold():
        raise WeakPassword("密码不能与登录名相同")


def hash_password(password: str, *, login: str) -> str:
    """The hash to store for a new password of ``login``; WeakPassword if it is too weak."""
    check_policy(password, login)
    return HASHER.hash(password)


def is_hash(text: str) -> bool:
    """Whether ``text`` looks like an argon2 hash (and so is not a plain password)."""
    return text.startswith(HASH_PREFIX)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def upgraded_hash(password_hash: str, password: str) -> str | None:
    """A new hash of the (verified) ``password`` if ``password_hash`` was made with other
    parameters than the hasher's now; None if it is current."""
    return HASHER.hash(password) if HASHER.check_needs_rehash(password_hash) else None
