"""Code-point offsets (the engine's) to Qt's UTF-16 positions and back, in one place.

The checking engine counts Python code points; Qt counts UTF-16 units, where a
character outside the Basic Multilingual Plane (an emoji, 𠀋 from CJK Extension B)
takes two. Only those characters shift positions, so a map keeps just their indices
and answers each conversion with one bisect: fast on a 100,000-character draft.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets for one text; build a new map when the text changes."""

    __slots__ = ("_astral", "_astral_utf16")

    def __init__(self, text: str) -> None:
        # Code-point index of every astral character, and where it starts in UTF-16:
        # the k-th one (from 0) starts k units later than its code-point index.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_utf16 = [index + k for k, index in enumerate(self._astral)]

    def to_utf16(self, code_point: int) -> int:
        """The UTF-16 position of a code-point offset."""
        return code_point + bisect_left(self._astral, code_point)

    def to_code_point(self, utf16: int) -> int:
        """The code-point offset of a UTF-16 position; inside a surrogate pair, its character."""
        return utf16 - bisect_left(self._astral_utf16, utf16)
