"""jieba word-boundary confirmation for `word` entries and for hits through separators.

A `word` hit is dropped when it cuts through a real dictionary word: in
色彩鲜艳照片 the 艳 of 艳照 belongs to 鲜艳. jieba is asked without its HMM, so
characters it does not know stay single tokens: when it would only be guessing
around the hit, the hit stands. Runs of ASCII letters and digits count as words,
so ``sex`` does not hit inside ``sussex``.

A hit that needed punctuation or a symbol skipped (赌、博) is dropped when that separator
stands between real words, as 、 does in 北京、上海 (`separates_words`).

jieba takes about a second to load its dictionary: it is loaded on first use
(or by `warm_up()` from a background thread), never at import.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desk.lexicon.normalize import fold_in_place

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
    left, tokens = _tokens(text, start, end)
    return _cuts(tokens, (start - left, end - left))


def separates_words(text: str, start: int, end: int, separators: Sequence[tuple[int, int]]) -> bool:
    """True when the hit text[start:end] joins real words across separators skipped inside
    it (`separators`: their offsets in text), so it is ordinary text, not the term written
    with gaps.

    That is so when the hit begins or ends inside a real word (京、上 in 北京、上海), or when
    at some separator the words on both sides are real words of two or more characters
    (北京、上海 as a term, 台湾“总统”). The hit stands when a side of every separator is a
    character on its own or not a dictionary word (赌、博, 百@家@乐, 六合@彩).
    """
    left, tokens = _tokens(text, start, end)
    if _cuts(tokens, (start - left, end - left)):
        return True
    words = _get_tokenizer().FREQ
    ending = {token_end: token for token, _, token_end in tokens}
    beginning = {token_start: token for token, token_start, _ in tokens}
    return any(
        _is_word(ending.get(before - left, ""), words)
        and _is_word(beginning.get(after - left, ""), words)
        for before, after in separators
    )


def _is_word(token: str, words: dict[str, int]) -> bool:
    return len(token) > 1 and words.get(token, 0) > 0


def _tokens(text: str, start: int, end: int) -> tuple[int, list[tuple[str, int, int]]]:
    """jieba's tokens of the line around text[start:end], and where that window begins."""
    left = max(0, start - CONTEXT)
    window = fold_in_place(text[left : end + CONTEXT])  # 鲜豔 reads as 鲜艳; offsets stay
    line_start = window.rfind("\n", 0, start - left) + 1  # every line break reads \n
    line_end = window.find("\n", end - left)
    window = window[line_start : None if line_end < 0 else line_end]
    return left + line_start, list(_get_tokenizer().tokenize(window, HMM=False))


def _cuts(tokens: list[tuple[str, int, int]], boundaries: tuple[int, int]) -> bool:
    # Without the HMM every token longer than one character is a dictionary word
    # or an ASCII run.
    return any(
        len(token) > 1 and any(token_start < b < token_end for b in boundaries)
        for token, token_start, token_end in tokens
    )
