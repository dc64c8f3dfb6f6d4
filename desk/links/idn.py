"""Internationalised host labels: strict punycode decoding and mixed-script detection.

ada normalises hosts to ASCII (``xn--`` labels) but accepts any ``xn--`` label, even one
that is not valid punycode, so the decoding here is strict: the label must decode and
encode back to itself. Script mixing is how lookalikes are built (Cyrillic ``о`` inside
``gov``), so a decoded label may combine scripts only the way real CJK names do.
"""

from __future__ import annotations

import unicodedata

from ada_url import idna

ACE_PREFIX = "xn--"

# Script combinations browsers accept inside one label (Chromium's IDN spoof checker).
_ALLOWED_COMBINATIONS: tuple[frozenset[str], ...] = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
# First words of Unicode character names that name a script differently.
_SCRIPT_ALIASES = {"CJK": "HAN", "IDEOGRAPHIC": "HAN", "KATAKANA-HIRAGANA": "KATAKANA"}


def decode_label(label: str) -> str | None:
    """Return the Unicode form of an ``xn--`` label, or None if it is not valid punycode."""
    try:
        decoded = label[len(ACE_PREFIX) :].encode("ascii").decode("punycode")
    except UnicodeError:
        return None
    if idna.encode(decoded) != label.encode("ascii"):
        return None
    return decoded


def _script(char: str) -> str | None:
    """The script of a letter, None for script-neutral characters (digits, hyphen)."""
    if not char.isalpha():
        return None
    first_word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_ALIASES.get(first_word, first_word)


def is_mixed_script(label: str) -> bool:
    """True when a decoded label mixes scripts in a way no legitimate name does."""
    scripts = {script for script in map(_script, label) if script}
    if len(scripts) <= 1:
        return False
    return not any(scripts <= allowed for allowed in _ALLOWED_COMBINATIONS)
