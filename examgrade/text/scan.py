"""Patterns found in an answer: each sentence is looked up once in the item's lexicon,
then every pattern of every idea is a few dictionary reads.

An answer is scanned once per rubric item (`scan`): for each sentence, which words of
the lexicon each token matches, where each word occurs, and which tokens a negation
denies. `find` and `search` then read patterns off that index, with the semantics
documented in `examgrade.text.match` (one sentence, adjacent `+` words, negation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from examgrade.text.lexicon import Hits, Lexicon
from examgrade.text.match import Match, Pattern, negated_positions
from examgrade.text.normalize import Sentence

Occurrences = dict[int, list[tuple[int, bool]]]  # word number -> (position, by typo tolerance)
MAX_SENTENCES = 20_000  # sentences remembered per lexicon before the memory is emptied


@dataclass(frozen=True)
class ScannedSentence:
    """One sentence as the lexicon sees it."""

    hits: tuple[Hits, ...]  # per token: the words it matches
    where: Occurrences  # per word: the positions that match it
    negated: tuple[bool, ...]  # per token: denied by a negation in its clause
    # per pattern (by id, with the pattern to make sure): (negated, fuzzy), or None when
    # the pattern is not in this sentence; a sentence's matches depend on it alone
    found: dict[int, tuple[Pattern, tuple[bool, bool] | None]] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass(frozen=True)
class Scanned:
    """An answer as the lexicon sees it: its sentences, and every word it matches."""

    lexicon: Lexicon
    sentences: tuple[ScannedSentence, ...]
    present: frozenset[int]


def scan(sentences: Sequence[Sentence], lexicon: Lexicon) -> Scanned:
    """Look every token of the answer up once."""
    scanned = []
    present: set[int] = set()
    memory = lexicon.scanned
    for sentence in sentences:
        key = (sentence.tokens, sentence.clauses)
        done = memory.get(key)
        if done is None:
            if len(memory) >= MAX_SENTENCES:
                memory.clear()
            done = memory[key] = _scan_sentence(sentence, lexicon)
        assert isinstance(done, ScannedSentence)
        present.update(done.where)
        scanned.append(done)
    return Scanned(lexicon, tuple(scanned), frozenset(present))


def _scan_sentence(sentence: Sentence, lexicon: Lexicon) -> ScannedSentence:
    hits = tuple(lexicon.hits(token) for token in sentence.tokens)
    where: Occurrences = {}
    for position, found in enumerate(hits):
        for word, fuzzy in found.items():
            where.setdefault(word, []).append((position, fuzzy))
    return ScannedSentence(hits, where, negated_positions(sentence))


def _alternative_at(alt: tuple[int, ...], sentence: ScannedSentence) -> list[tuple[int, bool]]:
    """Positions of the last word where the words of `alt` follow each other."""
    first = sentence.where.get(alt[0])
    if not first or len(alt) == 1:
        return first or []
    found = []
    size = len(sentence.hits)
    for start, fuzzy in first:
        if start + len(alt) > size:
            break
        for offset in range(1, len(alt)):
            typo = sentence.hits[start + offset].get(alt[offset])
            if typo is None:
                break
            fuzzy = fuzzy or typo
        else:
            found.append((start + len(alt) - 1, fuzzy))
    return found


def _find(pattern: Pattern, terms: tuple, sentence: ScannedSentence, index: int) -> Match | None:
    flags = sentence.negated
    chosen: list[tuple[bool, bool]] = []
    for term in terms:
        hits = [
            (flags[pos], fuzzy) for alt in term for pos, fuzzy in _alternative_at(alt, sentence)
        ]
        if not hits:
            return None
        # Prefer a plain, exact occurrence: a negated mention elsewhere does not cancel it.
        chosen.append(min(hits, key=lambda h: (h[0] != pattern.negative, h[1])))
    fuzzy = any(h[1] for h in chosen)
    if pattern.negative:
        if not any(h[0] for h in chosen):
            return None
        return Match(pattern.source, index, negated=False, fuzzy=fuzzy)
    return Match(pattern.source, index, negated=any(h[0] for h in chosen), fuzzy=fuzzy)


def _find_kept(
    pattern: Pattern, terms: tuple, sentence: ScannedSentence, index: int
) -> Match | None:
    """`_find`, worked out once per sentence and pattern (a scanned sentence is shared by
    every answer that has it)."""
    kept = sentence.found.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        match = _find(pattern, terms, sentence, index)
        kept = (pattern, None if match is None else (match.negated, match.fuzzy))
        sentence.found[id(pattern)] = kept
        return match
    if kept[1] is None:
        return None
    return Match(pattern.source, index, negated=kept[1][0], fuzzy=kept[1][1])


def find(pattern: Pattern, answer: Scanned, index: int) -> Match | None:
    """The pattern in sentence `index`: every term found there, negations applied."""
    return _find_kept(pattern, answer.lexicon.terms(pattern), answer.sentences[index], index)


def search(patterns: Sequence[Pattern], answer: Scanned) -> list[Match]:
    """Every (pattern, sentence) match, the plain ones first."""
    matches = []
    present = answer.present
    for pattern in patterns:
        terms = answer.lexicon.terms(pattern)
        # Every term needs the first word of one of its alternatives somewhere.
        if not all(any(alt[0] in present for alt in term) for term in terms):
            continue
        for i, sentence in enumerate(answer.sentences):
            found = _find_kept(pattern, terms, sentence, i)
            if found is not None:
                matches.append(found)
    return sorted(matches, key=lambda m: (m.negated, m.fuzzy))


@lru_cache(maxsize=1024)
def pattern_lexicon(pattern: Pattern) -> Lexicon:
    """A lexicon of one pattern's words (looking a pattern up on its own, in tests)."""
    return Lexicon(pattern.words())
