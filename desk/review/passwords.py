"""Passwords: argon2id hashes, the password policy, and the lockout policy.

Only hashes are ever stored or put in a command (commands are journaled forever). The
hasher uses argon2-cffi's defaults, which follow its current recommendation; when those
change, ``upgraded_hash`` re-hashes a password at the next successful login.
"""

from __future__ import annotations

import secrets
import unicodedata
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher()  # tests swap in a cheaper one
HASH_PREFIX = "$argon2"

MIN_LENGTH = 8
MAX_LENGTH = 256  # argon2 takes any length; a bound keeps a pasted file out
MAX_FAILED_LOGINS = 5  # failed logins in a row that lock the account …
LOCKOUT = timedelta(minutes=15)  # … for this long
# What a password must mix, as 等保 (GB/T 22239) asks: at least two of these kinds.
KINDS = ("字母或汉字", "数字", "符号")


class WeakPassword(ValueError):
    """The password does not meet the policy; ``str(error)`` says why, in Chinese."""


def check_policy(password: str, login: str) -> None:
    """WeakPassword unless ``password`` has at least ``MIN_LENGTH`` characters that are
    not spaces, no control character, at least two of the `KINDS` (letters and Chinese
    characters, digits, symbols), and is not the login (whatever the case)."""
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"密码不能超过 {MAX_LENGTH} 个字符")
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        raise WeakPassword("密码不能包含换行、制表符或其他控制字符")
    if sum(not ch.isspace() for ch in password) < MIN_LENGTH:
        raise WeakPassword(f"密码至少需要 {MIN_LENGTH} 个字符（空格不计）")
    if password.strip().casefold() == login.strip().casefold():
        raise WeakPassword("密码不能与登录名相同")
    if len({_kind(ch) for ch in password if not ch.isspace()}) < 2:
        raise WeakPassword(f"密码须包含{'、'.join(KINDS)}中的至少两种")


def _kind(ch: str) -> str:
    if ch.isdigit():
        return KINDS[1]
    return KINDS[0] if ch.isalpha() else KINDS[2]


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


_dummy: tuple[PasswordHasher, str] | None = None


def dummy_hash() -> str:
    """A hash of no one's password, made with the hasher's parameters: a login nobody has
    is checked against it, so that it costs what a real login costs."""
    global _dummy
    if _dummy is None or _dummy[0] is not HASHER:
        _dummy = (HASHER, HASHER.hash(secrets.token_urlsafe(24)))
    return _dummy[1]
