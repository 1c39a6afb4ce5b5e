"""Score a free-text answer against key ideas: which are found, missed, negated, and
which contradictions it states, with a confidence.

Pure and language-agnostic: ideas carry their own patterns in both languages (rubric
data); this module only applies them. `examgrade.checks.concepts` turns the result into
an outcome with a bilingual checklist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from examgrade.text.confidence import Confidence, confidence
from examgrade.text.lang import Language, detect, function_word_share
from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Match, Pattern, Word, compile_pattern
from examgrade.text.nonanswer import is_non_answer
from examgrade.text.normalize import segments, sentences, tokens
from examgrade.text.scan import Scanned, scan, search

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
    if len(words) < 4:
        return False
    share = function_word_share(words)
    pieces = segments(text)
    short_pieces = len(pieces) >= 3 and sum(len(p.split()) for p in pieces) / len(pieces) <= 3.5
    return share == 0 or (short_pieces and share < 0.2)


def on_topic(text: str, ideas: Sequence[Idea], lexicon: Lexicon | None = None) -> bool:
    """Does the answer use the vocabulary of the ideas at all (two distinct words of 4
    letters or more)? Each token counts as the first word of the rubric it matches, so
    that "gradient" and "gradients" are one word, not two."""
    vocabulary = _vocabulary(ideas)
    lexicon = lexicon or Lexicon(vocabulary)
    numbers = {lexicon.ids[w] for w in vocabulary}
    seen = set()
    for token in set(tokens(text)):
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


def item_lexicon(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> Lexicon:
    """The lexicon of an item's patterns, built once for the same idea objects (the
    `concepts` check reads each rubric item's options once)."""
    key = (*map(id, ideas), -1, *map(id, contradictions))
    kept = _LEXICONS.get(key)
    if kept is None:
        if len(_LEXICONS) >= 256:
            _LEXICONS.clear()
        words = [
            w
            for entry in [*ideas, *contradictions]
            for p in entry.patterns + getattr(entry, "weak", ())
            for w in p.words()
        ]
        kept = _LEXICONS[key] = ((tuple(ideas), tuple(contradictions)), Lexicon(words))
    return kept[1]


def score_text(
    text: str, ideas: Sequence[Idea], contradictions: Sequence[Contradiction], points: float
) -> TextScore:
    """Grade one answer: credit per idea, contradictions deducted, within [0, points]."""
    language = detect(text)
    if is_non_answer(text):
        results = tuple(IdeaResult(i, "missing", 0.0) for i in ideas)
        return TextScore(0.0, results, (), language, confidence([]), "non_answer")
    lexicon = item_lexicon(ideas, contradictions)
    parsed = scan(sentences(text), lexicon)
    words = tokens(text)
    keyword_list = is_keyword_list(text)
    reasons: list[str] = []
    results = tuple(_idea(idea, parsed, keyword_list) for idea in ideas)
    said = tuple(
        c for c in contradictions if any(not m.negated for m in search(c.patterns, parsed))
    )
    credit = sum(r.credit for r in results) - sum(c.points for c in said)
    score = round(min(max(credit, 0.0), points), 4)
    states = [r.state for r in results]
    if len(words) < SHORT_WORDS:
        reasons.append("short")
    if keyword_list:
        reasons.append("keywords")
    if "weak" in states:
        reasons.append("weak_only" if "found" not in states else "weak")
    if any(r.match and r.match.fuzzy for r in results):
        reasons.append("typo")
    if "negated" in states:
        reasons.append("negated")
    if said:
        reasons.append("contradiction")
    if language == "unknown" and not keyword_list and len(words) >= SHORT_WORDS:
        reasons.append("language")
    verdict: Literal["graded", "non_answer", "off_topic"] = "graded"
    if all(s == "missing" for s in states) and not said:
        if on_topic(text, ideas, lexicon):
            reasons.append("unmatched")
        else:
            verdict = "off_topic"
            reasons = [r for r in reasons if r == "language"]
    return TextScore(
        score, results, said, language, confidence(reasons), verdict, {"words": len(words)}
    )


def _idea(idea: Idea, parsed: Scanned, keyword_list: bool) -> IdeaResult:
    strong = search(idea.patterns, parsed)
    plain = [m for m in strong if not m.negated]
    if plain:
        credit = idea.points * (WEAK_CREDIT if keyword_list else 1.0)
        return IdeaResult(idea, "weak" if keyword_list else "found", credit, plain[0])
    if strong:  # said, and denied: a weak hint elsewhere does not make up for it
        return IdeaResult(idea, "negated", 0.0, strong[0])
    weak = search(idea.weak, parsed)
    if weak and not weak[0].negated:
        return IdeaResult(idea, "weak", idea.points * WEAK_CREDIT, weak[0])
    if weak:
        return IdeaResult(idea, "negated", 0.0, weak[0])
    return IdeaResult(idea, "missing", 0.0)
