"""English and French stems from snowballstemmer, cached per word.

A word is compared to a pattern word by its stem in both languages: students mix them
("le weight decay", "the moyenne mobile"), and a word has the same stem whichever
language the rest of the answer is in.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_EN = snowballstemmer.stemmer("english")
_FR = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, str]:
    """(English stem, French stem) of a folded word."""
    if len(word) <= 3 or not word.isalpha():
        return word, word
    return _EN.stemWord(word), _FR.stemWord(word)


def same_stem(a: str, b: str) -> bool:
    """True when two folded words share their English or their French stem."""
    if a == b:
        return True
    sa, sb = stems(a), stems(b)
    return sa[0] == sb[0] or sa[1] == sb[1]
