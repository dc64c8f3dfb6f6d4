"""Term lists, normalization and the Aho-Corasick matcher.

from desk.lexicon import load_lexicon
matcher = load_lexicon("terms.csv", starter=True).compile()
for hit in matcher.scan(text):
    print(hit.start, hit.end, hit.term, hit.severity, hit.explanation)
"""

from desk.lexicon.entry import Entry
from desk.lexicon.files import LexiconFileError, read_entries, write_entries
from desk.lexicon.lexicon import Lexicon, load_lexicon, starter_lexicon_paths
from desk.lexicon.matcher import Hit, Matcher
from desk.lexicon.segment import warm_up

__all__ = [
    "Entry",
    "Hit",
    "Lexicon",
    "LexiconFileError",
    "Matcher",
    "load_lexicon",
    "read_entries",
    "starter_lexicon_paths",
    "warm_up",
    "write_entries",
]
