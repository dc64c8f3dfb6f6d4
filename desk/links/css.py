"""Just enough CSS reading for links and hiding: comments, escapes, rules, declarations, url().

Not a CSS parser: it tolerates anything and reads what spam and 暗链 markup actually use.
Comments are blanked with spaces of the same length so positions keep pointing into the
original text, and a comment separates tokens (``dis/**/play`` is not ``display``), as
in a browser. The ``<!--``/``-->`` wrappers old pages put around <style> are ignored.
"""

from __future__ import annotations

import re

_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CDO_CDC_RE = re.compile(r"<!--|-->")
_ESCAPE_RE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_DECLARATION_RE = re.compile(
    r"([-A-Za-z_][-\w]*)\s*:\s*((?:[^;\"'(]|\"[^\"]*\"|'[^']*'|\([^)]*\))*)"
)
_IMPORTANT_RE = re.compile(r"\s*!\s*important\s*$", re.IGNORECASE)
_RULE_RE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_URL_RE = re.compile(
    r"""(?i:url)\(\s*(?:"([^"]*)"|'([^']*)'|((?:\\[0-9a-fA-F]{1,6}\s?|\\.|[^)"'\s\\])*))\s*\)"""
    r"""|@(?i:import)\s*(?:"([^"]*)"|'([^']*)')"""
)
_MAX_CODE_POINT = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)

Declaration = tuple[str, str, bool]


def blank_comments(css: str) -> str:
    """Replace comments (and <!-- -->) by spaces, keeping every other offset unchanged."""
    css = _COMMENT_RE.sub(lambda m: " " * len(m.group()), css)
    return _CDO_CDC_RE.sub(lambda m: " " * len(m.group()), css)


def unescape(text: str) -> str:
    r"""Resolve CSS escapes: ``\6e one`` -> ``none``, ``\:`` -> ``:``."""

    def replace(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            return match.group(2)
        code = int(match.group(1), 16)
        valid = 0 < code <= _MAX_CODE_POINT and not _SURROGATES[0] <= code <= _SURROGATES[1]
        return chr(code) if valid else "\ufffd"

    return _ESCAPE_RE.sub(replace, text)


def declarations(block: str) -> list[Declaration]:
    """``(name, value, important)`` for each declaration; names lowercased, values stripped."""
    result = []
    for match in _DECLARATION_RE.finditer(unescape(blank_comments(block))):
        value = match.group(2).strip()
        important = bool(_IMPORTANT_RE.search(value))
        result.append((match.group(1).lower(), _IMPORTANT_RE.sub("", value), important))
    return result


def rules(css: str) -> list[tuple[str, str]]:
    """``(selector list, declaration block)`` of each innermost rule, in source order.

    Rules nested in @media are included; text up to a ``;`` (an @import, @charset) is
    dropped from the selector.
    """
    return [
        (match.group(1).rpartition(";")[2].strip(), match.group(2))
        for match in _RULE_RE.finditer(blank_comments(css))
    ]


def urls(css: str) -> list[tuple[str, int, int]]:
    """Each ``url(...)`` and ``@import "..."`` as ``(url, start, end)``; spans index ``css``."""
    found = []
    for match in _URL_RE.finditer(blank_comments(css)):
        value = next(group for group in match.groups() if group is not None)
        found.append((unescape(value).strip(), match.start(), match.end()))
    return found
