"""Score a free-text answer against key ideas: which are found, missed, negated, and
which contradictions it states, with a confidence.

Pure and language-agnostic: ideas carry their own patterns in both languages (rubric
data); this module only applies them. `examgrade.checks.concepts` turns the result into
an outcome with a bilingual checklist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from examgrade.text.confidence import Confidence, confidence
from examgrade.text.lang import Language, function_words, language_of
from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Match, Pattern, Word, compile_pattern
from examgrade.text.nonanswer import is_non_answer, unknown_words
from examgrade.text.normalize import parse, segments, tokens
from examgrade.text.scan import SlotMatches, Table

IdeaState = Literal["found", "weak", "negated", "missing"]
WEAK_CREDIT = 0.5  # an idea found only by a weak pattern, or in a bare list of keywords
SHORT_WORDS = 6


@dataclass(frozen=True)
class Idea:
    """A key idea: `patterns` credit it in full, `weak` ones in part."""

    id: str
    points: float
    patterns: tuple[Pattern, ...]
    weak: tuple[Pattern, ...] = ()
    statement: Any = None  # Bilingual, for the checklist
    model: Any = None  # Bilingual: the model answer's key sentence


@dataclass(frozen=True)
class Contradiction:
    """A statement that contradicts the key ("Adam has no momentum"); costs `points`."""

    id: str
    points: float
    patterns: tuple[Pattern, ...]
    statement: Any = None


@dataclass(frozen=True)
class IdeaResult:
    idea: Idea
    state: IdeaState
    credit: float
    match: Match | None = None


@dataclass(frozen=True)
class TextScore:
    score: float
    ideas: tuple[IdeaResult, ...]
    contradictions: tuple[Contradiction, ...]
    language: Language
    confidence: Confidence
    verdict: Literal["graded", "non_answer", "off_topic"] = "graded"
    details: dict[str, Any] = field(default_factory=dict)


def patterns(sources: Sequence[str]) -> tuple[Pattern, ...]:
    return tuple(compile_pattern(s) for s in sources)


def is_keyword_list(text: str) -> bool:
    """A bare list of terms: no function word at all, or short comma-separated pieces
    with hardly any (a sentence, however terse, has its "is", "the", "de", "la")."""
    words = tokens(text)
    return _keyword_list(text, words, function_words(words)[2])


def _keyword_list(text: str, words: list[str], function: int) -> bool:
    """`is_keyword_list` of a text with its tokens and their count of function words."""
    if len(words) < 4:
        return False
    share = function / len(words)  # the share of function words
    if share == 0 or share >= 0.2:  # the pieces decide only in between
        return share == 0
    pieces = segments(text)
    return len(pieces) >= 3 and sum(len(p.split()) for p in pieces) / len(pieces) <= 3.5


def on_topic(text: str, ideas: Sequence[Idea], lexicon: Lexicon | None = None) -> bool:
    """Does the answer use the vocabulary of the ideas at all (two distinct words of 4
    letters or more)? Each token counts as the first word of the rubric it matches, so
    that "gradient" and "gradients" are one word, not two."""
    vocabulary = _vocabulary(ideas)
    lexicon = lexicon or Lexicon(vocabulary)
    return _uses_vocabulary(tokens(text), lexicon, frozenset(lexicon.ids[w] for w in vocabulary))


def _tally(pieces: tuple[tuple[str, ...], ...]) -> tuple[int, int, int, frozenset[str]]:
    """`_counts` of a whole answer, added up from its sentences'."""
    en, fr, function, unknown = _counts(pieces[0])
    for piece in pieces[1:]:
        e, f, n, u = _counts(piece)
        en, fr, function, unknown = en + e, fr + f, function + n, unknown | u
    return en, fr, function, unknown


@lru_cache(maxsize=16384)
def _counts(words: tuple[str, ...]) -> tuple[int, int, int, frozenset[str]]:
    """What is counted of a sentence's tokens, kept per sentence (a class repeats them):
    its English, French and all function words, its `unknown_words`."""
    return (*function_words(words), unknown_words(words))


def _uses_vocabulary(words: list[str], lexicon: Lexicon, numbers: frozenset[int]) -> bool:
    """`on_topic` with the vocabulary's word numbers in `lexicon` already known."""
    seen = set()
    for token in set(words):
        matched = [n for n in lexicon.hits(token) if n in numbers]
        if matched:
            seen.add(lexicon.words[min(matched)].text)
            if len(seen) >= 2:
                return True
    return False


def _vocabulary(ideas: Sequence[Idea]) -> frozenset[Word]:
    patterns = [p for idea in ideas for p in (*idea.patterns, *idea.weak)]
    return frozenset(w for p in patterns for w in p.words() if len(w.text) >= 4)


_LEXICONS: dict[tuple[int, ...], tuple[Any, Lexicon]] = {}


@dataclass(frozen=True)
class _Plan:
    """A rubric item as `score_text` reads it: its patterns numbered in one table (with
    the item's lexicon), each idea's and contradiction's slots, the on-topic words."""

    ideas: tuple[Idea, ...]
    contradictions: tuple[Contradiction, ...]
    table: Table
    strong: tuple[tuple[int, ...], ...]  # per idea
    weak: tuple[tuple[int, ...], ...]  # per idea
    said: tuple[tuple[int, ...], ...]  # per contradiction
    vocabulary: frozenset[int]  # word numbers of `_vocabulary(ideas)`
    missing: tuple[IdeaResult, ...]  # per idea, its result when nothing says it


def item_lexicon(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> Lexicon:
    """The lexicon of an item's patterns, built once for the same idea objects (the
    `concepts` check reads each rubric item's options once)."""
    return _plan(ideas, contradictions).table.lexicon


def _plan(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> _Plan:
    key = (*map(id, ideas), -1, *map(id, contradictions))
    kept = _LEXICONS.get(key)
    if kept is None:
        if len(_LEXICONS) >= 256:
            _LEXICONS.clear()
        plan = _new_plan(tuple(ideas), tuple(contradictions))
        kept = _LEXICONS[key] = (plan, plan.table.lexicon)
    return kept[0]


def _new_plan(ideas: tuple[Idea, ...], contradictions: tuple[Contradiction, ...]) -> _Plan:
    entries = [*ideas, *contradictions]
    every = [p for entry in entries for p in entry.patterns + getattr(entry, "weak", ())]
    lexicon = Lexicon(w for p in every for w in p.words())
    table = Table(every, lexicon)
    return _Plan(
        ideas,
        contradictions,
        table,
        tuple(tuple(map(table.slot, i.patterns)) for i in ideas),
        tuple(tuple(map(table.slot, i.weak)) for i in ideas),
        tuple(tuple(map(table.slot, c.patterns)) for c in contradictions),
        frozenset(lexicon.ids[w] for w in _vocabulary(ideas)),
        tuple(IdeaResult(i, "missing", 0.0) for i in ideas),
    )


def score_text(
    text: str, ideas: Sequence[Idea], contradictions: Sequence[Contradiction], points: float
) -> TextScore:
    """Grade one answer: credit per idea, contradictions deducted, within [0, points]."""
    words, answer_sentences, pieces = parse(text)
    en, fr, function, unknown = _tally(pieces)
    language = language_of(en, fr)
    plan = _plan(ideas, contradictions)
    if len(unknown) < 3 and is_non_answer(text):  # see `unknown_words`
        return TextScore(0.0, plan.missing, (), language, confidence([]), "non_answer")
    table = plan.table
    found = table.matches(answer_sentences)
    keyword_list = _keyword_list(text, words, function)
    reasons: list[str] = []
    results = tuple(
        [
            _idea(idea, table.best(strong, found), table, weak, found, keyword_list, missing)
            for idea, strong, weak, missing in zip(
                ideas, plan.strong, plan.weak, plan.missing, strict=True
            )
        ]
    )
    said = tuple(
        [
            c
            for c, slots in zip(contradictions, plan.said, strict=True)
            if (m := table.best(slots, found)) is not None and not m.negated
        ]
    )
    credit = sum([r.credit for r in results]) - sum([c.points for c in said])
    score = round(min(max(credit, 0.0), points), 4)
    states = [r.state for r in results]
    if len(words) < SHORT_WORDS:
        reasons.append("short")
    if keyword_list:
        reasons.append("keywords")
    if "weak" in states:
        reasons.append("weak_only" if "found" not in states else "weak")
    if any([r.match.fuzzy for r in results if r.match]):
        reasons.append("typo")
    if "negated" in states:
        reasons.append("negated")
    if said:
        reasons.append("contradiction")
    if language == "unknown" and not keyword_list and len(words) >= SHORT_WORDS:
        reasons.append("language")
    verdict: Literal["graded", "non_answer", "off_topic"] = "graded"
    if not said and states.count("missing") == len(states):
        if _uses_vocabulary(words, table.lexicon, plan.vocabulary):
            reasons.append("unmatched")
        else:
            verdict = "off_topic"
            reasons = [r for r in reasons if r == "language"]
    return TextScore(
        score, results, said, language, confidence(reasons), verdict, {"words": len(words)}
    )


def _idea(
    idea: Idea,
    strong: Match | None,
    table: Table,
    weak_slots: tuple[int, ...],
    found: SlotMatches,
    keyword_list: bool,
    missing: IdeaResult,
) -> IdeaResult:
    """The idea's state from its plainest strong match, else its plainest weak one (the
    first of `search`'s list, for each)."""
    if strong is not None and not strong.negated:
        credit = idea.points * (WEAK_CREDIT if keyword_list else 1.0)
        return IdeaResult(idea, "weak" if keyword_list else "found", credit, strong)
    if strong is not None:  # said, and denied: a weak hint elsewhere does not make up for it
        return IdeaResult(idea, "negated", 0.0, strong)
    weak = table.best(weak_slots, found)
    if weak is not None and not weak.negated:
        return IdeaResult(idea, "weak", idea.points * WEAK_CREDIT, weak)
    if weak is not None:
        return IdeaResult(idea, "negated", 0.0, weak)
    return missing
