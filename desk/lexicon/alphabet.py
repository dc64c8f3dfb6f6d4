"""Re-encode text into a small alphabet so pyahocorasick stays fast.

pyahocorasick searches a node's children linearly. With raw CJK text the root
has thousands of children and a 64k-term list scans at ~3 MB/s. Here every
character the lexicon uses gets a number, written as a *lead* symbol followed
by a *trail* symbol from two disjoint small alphabets; every other character is
the pair (lead 0, trail 0), which no key contains. No node then has more than
about a hundred children, and because keys start with a lead symbol a match can
only start on a character boundary.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from desk.lexicon.normalize import CODE_POINTS, code_points, from_code_points

SYMBOLS_PER_CHAR = 2
LEAD_BASE = 0x100  # clear of ASCII, so symbols never look like text when debugging


@dataclass(frozen=True, slots=True)
class Alphabet:
    """Maps code points to two-symbol codes; unknown characters map to code 0."""

    symbols: np.ndarray  # uint64[CODE_POINTS]: the two symbols of a code point's code, packed

    @classmethod
    def for_keys(cls, keys: Iterable[str]) -> Alphabet:
        # Most frequent characters get the smallest numbers, so their symbols are
        # added first and sit first in each node's child list.
        counts = Counter(ch for key in keys for ch in key)
        ranked = [ch for ch, _ in counts.most_common()]
        trail_size = max(2, math.isqrt(len(ranked) + 1) + 1)
        numbers = np.zeros(CODE_POINTS, dtype=np.uint64)
        if ranked:
            numbers[code_points("".join(ranked))] = np.arange(1, len(ranked) + 1, dtype=np.uint64)
        trail_base = LEAD_BASE + len(ranked) // trail_size + 1
        # Little-endian packing: viewed as uint32 pairs, each entry reads (lead, trail).
        lead = LEAD_BASE + numbers // trail_size
        trail = trail_base + numbers % trail_size
        symbols = lead | (trail << np.uint64(32))
        symbols.setflags(write=False)
        return cls(symbols=symbols)

    def encode_codes(self, folded: np.ndarray) -> str:
        """Encode folded code points (already normalized) into the symbol string."""
        return from_code_points(self.symbols[folded].view("<u4"))

    def encode_keys(self, keys: list[str]) -> list[str]:
        """Encode many keys with one vectorized pass."""
        encoded = self.encode_codes(code_points("".join(keys)))
        bounds = np.cumsum([0, *(len(key) * SYMBOLS_PER_CHAR for key in keys)]).tolist()
        return [encoded[a:b] for a, b in itertools.pairwise(bounds)]
