"""Query parameters that redirect: a trusted host that forwards to ``?url=`` is an open door.

A parameter counts by its name (``url``, ``target``, ``redirect_uri``, ``returnUrl`` ...);
its value is offered decoded as the server would decode it, including once or twice more,
because redirect handlers commonly unquote again (``https%253A%252F%252Fevil.com``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ada_url import URLSearchParams

_REDIRECT_NAMES = frozenset(
    {
        "u",
        "r",
        "to",
        "go",
        "out",
        "url",
        "uri",
        "link",
        "next",
        "goto",
        "dest",
        "jump",
        "redir",
        "target",
        "return",
        "returnto",
        "redirect",
        "redirectto",
        "forward",
        "continue",
        "destination",
    }
)
_REDIRECT_AFFIX_RE = re.compile(r"(?:url|uri|link)$|^(?:redirect|return|jump|goto|forward)")
_NAME_NOISE_RE = re.compile(r"[^a-z0-9]")
_EXTRA_UNQUOTES = 2


def is_redirect_param(name: str) -> bool:
    """``returnUrl``, ``redirect_uri``, ``u`` yes; ``q``, ``page`` no."""
    key = _NAME_NOISE_RE.sub("", name.lower())
    return key in _REDIRECT_NAMES or bool(_REDIRECT_AFFIX_RE.search(key))


def redirect_targets(search: str) -> list[str]:
    """Every decoded form of every redirect-parameter value in a ``?query``."""
    targets: list[str] = []
    for name, value in URLSearchParams(search.removeprefix("?")).items():
        if not is_redirect_param(name):
            continue
        for _ in range(_EXTRA_UNQUOTES + 1):
            if value not in targets:
                targets.append(value)
            value = unquote(value)
    return targets
