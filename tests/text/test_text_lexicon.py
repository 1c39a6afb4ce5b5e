"""The lexicon (dictionary look-ups, then rapidfuzz with a cutoff) says exactly what
`word_matches`, the definition of a word match, says: for every word of every shipped
`concepts` item, on the tokens of that item's labelled answers and on typos of them."""

from __future__ import annotations

import random

import pytest

from benchmarks.text_agreement import find_item, load_labelled
from examgrade.checks.concepts import read_options
from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Word, compile_pattern, word_matches
from examgrade.text.normalize import tokens

LABELLED = load_labelled()


def typos(token: str, rng: random.Random) -> list[str]:
    """A letter swapped, dropped, added and replaced: what students' typing does."""
    if len(token) < 4:
        return []
    i = rng.randrange(len(token) - 1)
    letter = rng.choice("aeiourstn")
    return [
        token[:i] + token[i + 1] + token[i] + token[i + 2 :],
        token[:i] + token[i + 1 :],
        token[:i] + letter + token[i:],
        token[:i] + letter + token[i + 1 :],
    ]


def expected(lexicon: Lexicon, token: str) -> dict[int, bool]:
    found = {}
    for number, word in enumerate(lexicon.words):
        ok, fuzzy = word_matches(word, token)
        if ok:
            found[number] = fuzzy
    if not all(found.values()):  # a word as written: no typo of another
        found = {number: fuzzy for number, fuzzy in found.items() if not fuzzy}
    return found


@pytest.mark.parametrize("key", list(LABELLED))
def test_the_lexicon_agrees_with_word_matches(rubrics, key: str) -> None:
    ideas, contradictions = read_options(find_item(rubrics, key))
    patterns = [
        p for e in [*ideas, *contradictions] for p in (*e.patterns, *getattr(e, "weak", ()))
    ]
    lexicon = Lexicon(w for p in patterns for w in p.words())
    rng = random.Random(key)
    seen = {t for a in LABELLED[key]["answers"] for t in tokens(a["text"])}
    seen |= {w.text for w in lexicon.words}  # the words themselves, and typos of them
    candidates = sorted(seen | {t for s in sorted(seen) for t in typos(s, rng)})
    for token in candidates:
        assert lexicon.hits(token) == expected(lexicon, token), token


@pytest.mark.parametrize(
    "word,token,hit",
    [
        (Word("momentum"), "momentun", True),  # one typo: only by tolerance
        (Word("momentum"), "momentum", False),
        (Word("decay"), "decaying", False),  # English stem
        (Word("decay", prefix=True), "decayed", False),
        (Word("differentiab", prefix=True), "diferentiable", True),  # a typo in the prefix
        (Word("cd", exact=True), "cd", False),
        (Word("cd", exact=True), "cdk", None),
        (Word("moment"), "momentum", None),
        (Word("regularisation"), "regularizaton", True),  # two edits from 10 letters
    ],
)
def test_one_word(word: Word, token: str, hit: bool | None) -> None:
    assert Lexicon([word]).hits(token).get(0) is hit


def test_a_pattern_is_numbered_once_per_lexicon() -> None:
    pattern = compile_pattern("leaky+average|lea decay*")  # words of no synonym class
    lexicon = Lexicon(pattern.words())
    assert lexicon.terms(pattern) is lexicon.terms(pattern)
    assert lexicon.terms(pattern) == (((0, 1), (2,)), ((3,),))
