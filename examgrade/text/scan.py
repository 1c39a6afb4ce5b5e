"""Patterns found in an answer: each sentence is looked up once in the item's lexicon,
then every pattern of every idea is a few dictionary reads.

Each distinct sentence is scanned once per lexicon: which words of the lexicon each
token matches, where each word occurs, and which tokens a negation denies. `find` and
`search` read one pattern off an answer's scanned sentences (`scan`), with the semantics
documented in `examgrade.text.match` (one sentence, adjacent `+` words, negation): they
are the reference.

Grading reads a `Table` instead: a rubric item's patterns numbered once; `Table.matches`
works out, once per distinct sentence, every pattern of the item the sentence holds (as
`find` would), so that an answer made of sentences the class already wrote costs a few
dictionary reads. tests/text/test_text_fast_paths.py holds the two to the same matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from examgrade.per_object import Seen
from examgrade.text.lexicon import Hits, Lexicon, Terms
from examgrade.text.match import Match, Pattern, negated_positions
from examgrade.text.normalize import Sentence
from examgrade.text.recurring import RECENT, SEEN_SLOTS, keep

Occurrences = dict[int, list[tuple[int, bool]]]  # word number -> (position, by typo tolerance)
Found = tuple[bool, bool]  # a pattern in a sentence: (negated, by typo tolerance)
SlotMatches = dict[int, list[tuple[int, bool, bool]]]  # slot -> (sentence, negated, fuzzy)
# sentences remembered per lexicon before the memory is emptied: the sentences a class
# repeats come back within a few hundred sheets, the rest (most of them) never do, and each
# scanned one holds ~4 KB; a 2,000-sheet class scans 2% more sentences with 1,000 than
# with 20,000, and a 10,000 one no longer keeps ~4 KB of every sentence it read
MAX_SENTENCES = 1_000
_SEEN = Seen(SEEN_SLOTS)  # the sentences scanned once, per lexicon
# the last first sights (`recurring.RECENT`), with their lexicon: an answer's segments
# scan its sentences again, most of them whole
_RECENT: dict[tuple, tuple[Lexicon, ScannedSentence]] = {}
_NONE = 4  # a rank no occurrence has: the term is absent


@dataclass(frozen=True, slots=True)
class ScannedSentence:
    """One sentence as the lexicon sees it."""

    hits: tuple[Hits, ...]  # per token: the words it matches
    where: Occurrences  # per word: the positions that match it
    negated: tuple[bool, ...]  # per token: denied by a negation in its clause
    # the gradients a "squared" follows: no phrase ends there (`_judge`)
    squared: frozenset[int] = frozenset()
    # the words right after a "non" ("des postérieures non factorisées"), and each token's
    # clause, kept only when there are some (`_aside`)
    aside: frozenset[int] = frozenset()
    clauses: tuple[int, ...] = ()
    # per pattern or table (by id, with the object to make sure): what the sentence
    # holds of it; a sentence's matches depend on it alone
    found: dict[int, tuple[Any, Any]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Scanned:
    """An answer as the lexicon sees it: its sentences, and every word it matches."""

    lexicon: Lexicon
    sentences: tuple[ScannedSentence, ...]

    @cached_property
    def present(self) -> frozenset[int]:
        """Every word some sentence matches (`search` skips the patterns it cannot find)."""
        return frozenset().union(*(s.where for s in self.sentences))


def scan(sentences: Sequence[Sentence], lexicon: Lexicon) -> Scanned:
    """Look every token of the answer up once."""
    return Scanned(lexicon, tuple(_scanned(sentence, lexicon) for sentence in sentences))


def _scanned(sentence: Sentence, lexicon: Lexicon) -> ScannedSentence:
    """The sentence as the lexicon sees it, scanned once per lexicon."""
    memory = lexicon.scanned
    key = (sentence.tokens, sentence.clauses)
    done = memory.get(key)
    if done is None:
        seen = (id(lexicon), key)
        recent = _RECENT.pop(seen, None)
        done = recent[1] if recent and recent[0] is lexicon else _scan_sentence(sentence, lexicon)
        if _SEEN.again(seen):  # kept once seen again (`recurring`)
            if len(memory) >= MAX_SENTENCES:
                memory.clear()
            memory[key] = done
        else:
            keep(_RECENT, seen, (lexicon, done), RECENT)
    return done  # type: ignore[return-value]


# One (position, by typo) pair per value for the positions of most sentences: a worker's
# kept scans held 17.6 MB of these two-item tuples, made anew for every hit (issue 17,
# memory). Tuples: the same value whichever object holds it.
_PAIRS = tuple(((position, False), (position, True)) for position in range(256))


def _scan_sentence(sentence: Sentence, lexicon: Lexicon) -> ScannedSentence:
    hits = lexicon.hits_of(sentence.tokens)
    where: Occurrences = {}
    pairs = _PAIRS
    for position, found in enumerate(hits):
        if found:  # most tokens match no word of the item
            for word, fuzzy in found.items():
                pair = pairs[position][fuzzy] if position < 256 else (position, fuzzy)
                if word in where:
                    where[word].append(pair)
                else:
                    where[word] = [pair]
    for word in lexicon.first.intersection(where) if lexicon.first else ():
        kept = [entry for entry in where[word] if entry[0] == 0]  # "^no": a verdict
        if kept:
            where[word] = kept
        else:
            del where[word]
    toks, clauses = sentence.tokens, sentence.clauses
    aside = frozenset()
    if "non" in toks:
        aside = frozenset(
            i + 1 for i in range(len(toks) - 1) if toks[i] == "non" and clauses[i + 1] == clauses[i]
        )
    squared = _squared(toks)
    if not aside:
        return ScannedSentence(hits, where, negated_positions(sentence), squared)
    return ScannedSentence(hits, where, negated_positions(sentence), squared, aside, clauses)


# "a moving average of the gradients squared", "la moyenne mobile des gradients au carré":
# the square is what is averaged, so "average of the gradients" (momentum) is not said.
_SQUARED_NOUNS = frozenset({"gradient", "gradients", "grad", "grads", "g"})
_SQUARES = frozenset({"squared", "carre", "carres"})


def _squared(toks: tuple[str, ...]) -> frozenset[int]:
    """The positions of a gradient a squaring word follows ("au carré" too)."""
    if _SQUARES.isdisjoint(toks):
        return frozenset()
    found = set()
    for i, tok in enumerate(toks[:-1]):
        if tok in _SQUARED_NOUNS:
            after = toks[i + 2] if toks[i + 1] == "au" and i + 2 < len(toks) else toks[i + 1]
            if after in _SQUARES:
                found.add(i)
    return frozenset(found)


def _judge(negative: bool, terms: Terms, sentence: ScannedSentence) -> Found | None:
    """(negated, fuzzy) of a pattern in one sentence, or None when a term is absent.

    Each term takes its best occurrence: a plain (for a NEG pattern: a negated) and exact
    one first, so that a negated mention elsewhere does not cancel it. The rank of an
    occurrence is 2 * (its negation is not the one wanted) + (by typo tolerance).

    A phrase (`a+b`) occurs where its words follow each other; the position whose
    negation counts is, for a plain pattern, the phrase's first word (a phrase that holds
    its own negation, "non+factori*", "not+linear", is said, not denied), for a `NEG`
    pattern its last word ("NEG no+diversity" asks for that very negation). A phrase
    never ends on a gradient that "squared" follows (`_squared`). The phrases are
    followed here, not in a function of their own: this is the grader's innermost loop
    (issue 17, speed)."""
    where = sentence.where
    flags = sentence.negated
    hits = sentence.hits
    squared = sentence.squared
    size = len(hits)
    negated = fuzzy = False
    for term in terms:
        best = _NONE
        for alt in term:
            first = where.get(alt[0])
            if not first:
                continue
            if len(alt) == 1:
                for position, typo in first:
                    rank = 2 * (flags[position] != negative) + typo
                    if rank < best:
                        best = rank
                        if not rank:
                            break
            else:
                last = len(alt) - 1
                for start, typo in first:
                    end = start + last
                    if end >= size:
                        break
                    if squared and end in squared:
                        continue
                    for offset in range(1, last + 1):
                        more = hits[start + offset].get(alt[offset])
                        if more is None:
                            break
                        typo = typo or more
                    else:
                        rank = 2 * (flags[end if negative else start] != negative) + typo
                        if rank < best:
                            best = rank
                            if not rank:
                                break
            if not best:
                break
        if best == _NONE:
            return None
        fuzzy = fuzzy or bool(best & 1)
        negated = negated or ((best >= 2) != negative)
    if negative:
        return (False, fuzzy) if negated else None
    if negated and sentence.aside and len(terms) > 1 and _aside(terms, sentence):
        return None
    return negated, fuzzy


def _aside(terms: Terms, sentence: ScannedSentence) -> bool:
    """Is each denied term of this plain match only a word after "non" in a clause where no
    other term is? Then it is another thing's property, not the claim denied: in "IAF
    models non-factorized posteriors, which mean-field cannot, even optimized" the
    mean-field's "even optimized ... factorized" is not said, nor is it denied. (`_judge`
    again, with positions: a slow path, for the few matches it concerns.)"""
    where, flags, hits, squared = sentence.where, sentence.negated, sentence.hits, sentence.squared
    size = len(hits)
    denied: list[int] = []
    kept: set[int] = set()
    for term in terms:
        best, spot = _NONE, -1
        for alt in term:
            last = len(alt) - 1
            for start, typo in where.get(alt[0], ()):
                end = start + last
                if end >= size or (last and end in squared):
                    continue
                more = [hits[start + k].get(alt[k]) for k in range(1, last + 1)]
                if None in more:
                    continue
                rank = 2 * flags[start] + (typo or any(more))
                if rank < best:
                    best, spot = rank, start
        if best >= 2:
            denied.append(spot)
        else:
            kept.add(sentence.clauses[spot])
    clauses = sentence.clauses
    return bool(kept) and all(s in sentence.aside and clauses[s] not in kept for s in denied)


def _find(pattern: Pattern, terms: Terms, sentence: ScannedSentence, index: int) -> Match | None:
    judged = _judge(pattern.negative, terms, sentence)
    if judged is None:
        return None
    return Match(pattern.source, index, negated=judged[0], fuzzy=judged[1])


def _find_kept(
    pattern: Pattern, terms: Terms, sentence: ScannedSentence, index: int
) -> Match | None:
    """`_find`, worked out once per sentence and pattern (a scanned sentence is shared by
    every answer that has it)."""
    kept = sentence.found.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        kept = (pattern, _judge(pattern.negative, terms, sentence))
        sentence.found[id(pattern)] = kept
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


class Table:
    """Every pattern of a rubric item, numbered (a slot each), to be looked for in a
    sentence all at once: `matches` gives an answer's matches by slot."""

    def __init__(self, patterns: Sequence[Pattern], lexicon: Lexicon) -> None:
        unique = {id(p): p for p in patterns}
        self.patterns: tuple[Pattern, ...] = tuple(unique.values())
        self.slots = {key: slot for slot, key in enumerate(unique)}
        self.lexicon = lexicon
        self._terms = tuple(lexicon.terms(p) for p in self.patterns)
        # per word: the slots of the patterns whose first term may start with it
        starts: dict[int, list[int]] = {}
        for slot, terms in enumerate(self._terms):
            for word in dict.fromkeys(alt[0] for alt in terms[0]):
                starts.setdefault(word, []).append(slot)
        self._starts = starts
        # per slot, the first words of each term after the first (whose first words put
        # the slot among a sentence's candidates): a pattern with a term none of whose
        # words the sentence holds is not judged at all (three candidates in five)
        self._rest = tuple(
            tuple(frozenset(alt[0] for alt in term) for term in terms[1:]) for terms in self._terms
        )
        self._negative = tuple(p.negative for p in self.patterns)

    def slot(self, pattern: Pattern) -> int:
        return self.slots[id(pattern)]

    def matches(self, sentences: Sequence[Sentence]) -> SlotMatches:
        """Per slot, the sentences of an answer that hold the pattern, in order (each
        sentence scanned, and its slots found, once per lexicon)."""
        result: SlotMatches = {}
        lexicon = self.lexicon
        for index, sentence in enumerate(sentences):
            scanned = _scanned(sentence, lexicon)
            kept = scanned.found.get(id(self))
            if kept is None or kept[0] is not self:
                kept = scanned.found[id(self)] = (self, self._sentence(scanned))
            for slot, negated, fuzzy in kept[1]:
                if slot in result:
                    result[slot].append((index, negated, fuzzy))
                else:
                    result[slot] = [(index, negated, fuzzy)]
        return result

    def _sentence(self, sentence: ScannedSentence) -> tuple[tuple[int, bool, bool], ...]:
        """Every slot the sentence holds, in slot order, with (negated, fuzzy)."""
        starts = self._starts
        candidates: set[int] = set()
        for word in sentence.where:
            slots = starts.get(word)
            if slots:
                candidates.update(slots)
        found = []
        present = sentence.where.keys()
        rest, negative, terms = self._rest, self._negative, self._terms
        for slot in sorted(candidates):
            for firsts in rest[slot]:
                if present.isdisjoint(firsts):
                    break
            else:
                judged = _judge(negative[slot], terms[slot], sentence)
                if judged is not None:
                    found.append((slot, *judged))
        return tuple(found)

    def best(self, slots: Sequence[int], found: SlotMatches) -> Match | None:
        """What `search(patterns, answer)[0]` is for the patterns in `slots`: the first
        match, in pattern then sentence order, of the plainest kind present."""
        if found.keys().isdisjoint(slots):  # most ideas of most answers: one C loop
            return None
        chosen = None
        rank = _NONE
        for slot in slots:
            for entry in found.get(slot, ()):
                here = 2 * entry[1] + entry[2]
                if here < rank:
                    chosen, rank = (slot, entry), here
                    if not rank:
                        break
            if not rank:
                break
        if chosen is None:
            return None
        slot, (index, negated, fuzzy) = chosen
        return Match(self.patterns[slot].source, index, negated=negated, fuzzy=fuzzy)


@lru_cache(maxsize=1024)
def pattern_lexicon(pattern: Pattern) -> Lexicon:
    """A lexicon of one pattern's words (looking a pattern up on its own, in tests)."""
    return Lexicon(pattern.words())
