"""jieba word-boundary confirmation for `word` entries.

A `word` hit is dropped when it cuts through a real dictionary word: in
色彩鲜艳照片 the 艳 of 艳照 belongs to 鲜艳. jieba is asked without its HMM, so
characters it does not know stay single tokens: when it would only be guessing
around the hit, the hit stands. Runs of ASCII letters and digits count as words,
so ``sex`` does not hit inside ``sussex``.

jieba takes about a second to load its dictionary: it is loaded on first use
(or by `warm_up()` from a background thread), never at import.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

CONTEXT = 12  # characters of context on each side given to the segmenter

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def _get_tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _tokenizer = tokenizer
        return _tokenizer


def warm_up() -> None:
    """Load the jieba dictionary now (call from a background thread)."""
    _get_tokenizer()


def cuts_through_word(text: str, start: int, end: int) -> bool:
    """True when text[start:end] begins or ends inside a longer real word."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    line_start = text.rfind("\n", left, start) + 1
    line_end = text.find("\n", end, right)
    left = max(left, line_start)
    right = right if line_end < 0 else line_end
    window = text[left:right]
    boundaries = (start - left, end - left)
    for token, token_start, token_end in _get_tokenizer().tokenize(window, HMM=False):
        # Without the HMM every token longer than one character is a dictionary word
        # or an ASCII run.
        if len(token) > 1 and any(token_start < b < token_end for b in boundaries):
            return True
    return False
