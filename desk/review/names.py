"""What people type as names: logins, 姓名, unit names, delegation reasons.

Two names that look alike must not stand for two things (``wang``, ``wang`` + U+200B,
``ｗａｎｇ`` and ``WANG``; 办公室 and 办公室 + a zero-width space), and names end up in
terminals, forms and the register. So a name is tidied before it is stored (NFKC,
invisible characters dropped, spaces trimmed and runs of them made one), compared by
its key (the tidied name case-folded), refused when it holds a control character (a
line break, a terminal escape), and bounded in length. A login is stored as its key.

Names stored before these rules keep their spelling; they are found by key too
(``desk.review.directory.find_account``), and printed with their invisible and control
characters made visible (`visible`).
"""

from __future__ import annotations

import re
import unicodedata

from desk.review.errors import CommandRejected

LOGIN_MAX_LENGTH = 64
PERSON_NAME_MAX_LENGTH = 50
UNIT_NAME_MAX_LENGTH = 100
REASON_MAX_LENGTH = 200

# Invisible characters that are neither format (Cf) nor control (Cc) characters but show
# as nothing: fillers and the combining grapheme joiner.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0")
_SPACES = re.compile(r"\s+")


def is_invisible(ch: str) -> bool:
    """A character that takes no room on screen: zero-width spaces and joiners, direction
    marks, the byte-order mark, soft hyphens, fillers."""
    return unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_EXTRA


def is_control(ch: str) -> bool:
    """A C0 or C1 control character: line breaks, tabs, terminal escapes."""
    return unicodedata.category(ch) == "Cc"


def tidy(text: str) -> str:
    """``text`` as it is stored: NFKC, invisible characters dropped, whitespace trimmed
    and each run of it one space (an ideographic space included)."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in folded if not is_invisible(ch))
    return _SPACES.sub(" ", visible).strip()


def name_key(text: str) -> str:
    """What two names are compared by: tidied and case-folded, so that look-alikes meet."""
    return unicodedata.normalize("NFKC", tidy(text).casefold())


def normalize_login(text: str) -> str:
    """A login as it is stored and compared: its `name_key` (so ``ＷＡＮＧ`` is ``wang``)."""
    return name_key(text)


def check_name(text: str, what: str, max_length: int) -> None:
    """CommandRejected unless ``text`` is a name fit to store (once tidied): not blank,
    no control character, at most ``max_length`` characters."""
    if any(is_control(ch) for ch in text):
        raise CommandRejected(f"{what}不能包含换行、制表符或其他控制字符")
    cleaned = tidy(text)
    if not cleaned:
        raise CommandRejected(f"{what}不能为空")
    if len(cleaned) > max_length:
        raise CommandRejected(f"{what}不能超过 {max_length} 个字符（现有 {len(cleaned)} 个）")


def check_login(login: str) -> None:
    """CommandRejected unless ``login`` is a login fit to store: a name without blanks or
    colons (``cli:`` names the command line), in its normalized form."""
    check_name(login, "登录名", LOGIN_MAX_LENGTH)
    normalized = normalize_login(login)
    if any(ch.isspace() or ch == ":" for ch in normalized):
        raise CommandRejected(f"登录名 {visible(login)} 不能包含空白或冒号")
    if login != normalized:
        raise CommandRejected(
            f"登录名 {visible(login)} 应写作 {normalized}（统一为半角、小写，不含不可见字符）"
        )


def visible(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` safe to print on a terminal: control and invisible characters written as
    escapes (``\\x1b``, ``\\u200b``), so that a stored escape code does nothing and a
    look-alike shows what it is. ``keep_line_breaks`` leaves ``\\n`` alone (a message of
    several lines)."""
    return "".join(
        _escape(ch)
        if (is_control(ch) or is_invisible(ch)) and not (keep_line_breaks and ch == "\n")
        else ch
        for ch in text
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
