"""Ideas said in other words: a lexical-overlap hint for an idea no pattern found.

Eleven rounds of patterns fit the answers they were written from and transfer poorly:
on held-back answers the grader is low almost everywhere, ideas said in words no
pattern lists. This fallback needs no pattern per paraphrase: each idea gets, when its
item is compiled, a bag of content words (its affirmative patterns' words after the
synonym classes, its statement and its key sentence, both languages), each weighted by
how distinctive it is of THIS idea among the item's ideas and contradictions (inverse
document frequency; the words of the exam and of the language at large, `soft.yaml`,
count for nothing). A clause that says, affirmed, enough of an idea's bag hints at it
(`grade.WEAK_CREDIT`, shown "~ hinted"), unless it denies one of those words or says as
much of a contradiction's bag; `grade` adds the rest: not in a keyword list, not in a
sentence that states a contradiction, a bound idea only in a clause about its entity, and
only beside an idea a pattern found (alone, an idea's words are as often an answer on
the topic that says something else: "mode collapse is when the generator ...").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from examgrade.text.lang import EN_WORDS, FR_WORDS
from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Word, negated_positions
from examgrade.text.normalize import Sentence, tokens
from examgrade.text.stem import stems

# A clause hints at an idea when the weights of the bag's words it says add up to
# `THRESHOLD`, from `MIN_WORDS` distinct words or more (a weight is 1 for a word of
# one idea only). Tuned on the even halves of the tuning pool (tuning, tuning2,
# labelled, even answers of tuning3-6): two words let reversed claims through (one more
# above 40% on a held-back half), 1.25 credits wrong answers of the even pool.
THRESHOLD = 1.5
MIN_WORDS = 3
# In an answer of `LONG_WORDS` words or more, one word of one idea only is enough: long
# answers are the ones the grader under-credits most, in every tuning set (answers of
# 25-50 words not given full marks: -0.22 points on the even pool, -0.42 on the odd
# halves; 50+: -0.56 and -0.73), ideas said at length in other words. 30 words read a
# little better on both halves, 25 put three more reversed answers above 40%: 40 keeps
# a margin from that edge.
LONG_WORDS = 40
LONG_THRESHOLD = 1.0
LONG_MIN_WORDS = 1
HINT = "~"  # the `Match.pattern` of a hint found this way (no pattern of the rubric)
MIN_LETTERS = 4  # shorter words ("lr", "pas", "rho") are too ambiguous to count


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """soft.yaml's words of the exam and of the language at large, and the function
    words: they tell no idea apart. Read once, when the first item is compiled."""
    import yaml

    path = Path(__file__).with_name("soft.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    words = {w for key in ("exam", "language", "glue") for w in str(raw[key]).split()}
    return frozenset(words | EN_WORDS | FR_WORDS | {_unit(w) for w in words})


Read = tuple[frozenset[int], frozenset[int]]  # a clause: the units it affirms, denies
MAX_SENTENCES = 4_000  # sentences read per item before the memory is emptied


@dataclass(frozen=True, eq=False)
class Bags:
    """An item's ideas (then its contradictions) as weighted bags of words, looked up
    through one lexicon."""

    lexicon: Lexicon
    units: tuple[int, ...]  # per lexicon word: its unit (the words of one stem)
    weights: tuple[dict[int, float], ...]  # per idea, then per contradiction: unit -> weight
    ideas: int  # how many of `weights` are ideas'
    # the sentences (or segments) read so far: a class writes the same ones again
    memory: dict[tuple, tuple[Read, ...]] = field(default_factory=dict, compare=False)

    def clauses(self, sentence: Sentence, whole: bool = False) -> tuple[Read, ...]:
        """Each clause of the sentence (the sentence as one clause if `whole`: a segment
        about one subject) as the units it affirms and denies, read once per sentence."""
        key = (sentence.tokens, sentence.clauses, whole)
        found = self.memory.get(key)
        if found is None:
            if len(self.memory) >= MAX_SENTENCES:
                self.memory.clear()
            found = self.memory[key] = self._read(sentence, whole)
        return found

    def _read(self, sentence: Sentence, whole: bool) -> tuple[Read, ...]:
        flags = negated_positions(sentence)
        parts: dict[int, tuple[set[int], set[int]]] = {}
        hits, units = self.lexicon.hits, self.units
        for token, clause, flag in zip(sentence.tokens, sentence.clauses, flags, strict=True):
            affirmed, denied = parts.setdefault(0 if whole else clause, (set(), set()))
            for word in hits(token):
                (denied if flag else affirmed).add(units[word])
        if whole and not parts:
            return ((_EMPTY, _EMPTY),)
        return tuple((_frozen(a), _frozen(d)) for a, d in parts.values())


# Every frozenset takes 216 bytes, an empty one too, and most clauses deny nothing (many
# affirm nothing): one empty set for all of them (issue 17, memory: ~16 MB of a worker's
# 5,000 sheets were these sets).
_EMPTY: frozenset[int] = frozenset()


def _frozen(units: set[int]) -> frozenset[int]:
    return frozenset(units) if units else _EMPTY


@lru_cache(maxsize=16384)
def _unit(text: str) -> str:
    """The key the words of one stem share: the shorter of the English and French
    stems, cut to six letters ("grandit" and "grand", "accumulated" and "accumule")."""
    en, fr = stems(text)
    return min(en, fr, key=len)[:6]


@lru_cache(maxsize=16384)
def _content(text: str) -> bool:
    """A word that may tell an idea apart: long enough, a word, not a generic one."""
    if len(text) < MIN_LETTERS or not text.isalpha():
        return False
    generic = _generic()
    return text not in generic and _unit(text) not in generic


def _words(entry: Any, names: frozenset[str]) -> set[str]:
    """The content words of an idea or a contradiction: its affirmative patterns' words
    (after the synonym classes), its statement and its key sentence."""
    found: set[str] = set()
    for pattern in (*entry.patterns, *getattr(entry, "weak", ())):
        words = pattern.words()
        if pattern.negative or any(w.first for w in words):
            continue  # "NEG differentiab*": its words say the opposite of the idea
        found.update(w.text for w in words if not w.exact)
    for text in (entry.statement, getattr(entry, "model", None)):
        for lang in ("en", "fr"):
            said = getattr(text, lang, None)
            if isinstance(said, str):
                found.update(tokens(said))
    return {w for w in found if w not in names and _content(w)}


def build(ideas: Sequence[Any], contradictions: Sequence[Any], names: frozenset[str]) -> Bags:
    """Each idea's and contradiction's bag, weighted by inverse document frequency over
    them all (a contradiction shares the words of what it reverses: those words alone
    cannot tell the idea from its reversal). `names`: the words naming the part's
    entities, which the question itself says."""
    bags = [_words(entry, names) for entry in (*ideas, *contradictions)]
    documents = [{_unit(w) for w in bag} for bag in bags]
    total = len(documents)
    frequency: dict[str, int] = {}
    for units in documents:
        for unit in units:
            frequency[unit] = frequency.get(unit, 0) + 1
    every = sorted({w for bag in bags for w in bag})
    lexicon = Lexicon(Word(w) for w in every)
    number = {k: n for n, k in enumerate(sorted(frequency))}
    top = math.log(total + 1)
    weights = tuple(
        {number[u]: math.log((total + 1) / frequency[u]) / top for u in units}
        for units in documents
    )
    return Bags(lexicon, tuple(number[_unit(w.text)] for w in lexicon.words), weights, len(ideas))


def hinted(
    bags: Bags,
    index: int,
    clauses: Sequence[Read],
    credited: Sequence[int] = (),
    long: bool = False,
) -> int | None:
    """The first clause (its position in `clauses`, each read by `Bags.clauses`) that
    hints at idea `index`: it says, affirmed, `MIN_WORDS` words of the idea's bag
    weighing `THRESHOLD` or more (in a `long` answer, `LONG_MIN_WORDS` weighing
    `LONG_THRESHOLD`), denies none, says less of every contradiction's bag,
    and says a word that no idea of `credited` (those a pattern found) has: words all of
    another found idea's bag are that idea's ("IAF is to mean-field what a diagonal
    Gaussian is to a full covariance one" says no more of mean-field's limit than of
    IAF's richer family, the pattern's reading)."""
    rivals = range(bags.ideas, len(bags.weights))
    fewest, needed = (LONG_MIN_WORDS, LONG_THRESHOLD) if long else (MIN_WORDS, THRESHOLD)
    for position, read in enumerate(clauses):
        if len(read[0]) < fewest:  # it says fewer words than that of any bag (3 in 4)
            continue
        said = words_said(bags, index, read)
        if said is None or len(said) < fewest:
            continue
        weight = sum(said.values())
        if weight < needed:
            continue
        if any(_weight(bags, r, read, fewest) >= weight for r in rivals):
            continue
        if not any(said.keys() <= bags.weights[k].keys() for k in credited):
            return position
    return None


def _weight(bags: Bags, index: int, read: Read, fewest: int) -> float:
    """What the clause says of bag `index`: its words' weights added up, 0 when it has
    fewer than `fewest` of them or denies one."""
    said = words_said(bags, index, read)
    return sum(said.values()) if said is not None and len(said) >= fewest else 0.0


def words_said(bags: Bags, index: int, read: Read) -> dict[int, float] | None:
    """The units of bag `index` a clause says, with their weights; None when it denies
    one of them."""
    weights = bags.weights[index]
    affirmed, denied = read
    if denied and not denied.isdisjoint(weights):
        return None
    return {u: weights[u] for u in affirmed if u in weights}
