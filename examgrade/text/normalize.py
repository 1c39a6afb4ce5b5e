"""Text as the matcher sees it: folded, split into sentences and clauses, tokenized.

Folding removes accents and case so that "évanescent", "Evanescent" and "evanescent"
are one word; contractions are opened ("doesn't" -> "does not", "n'est" -> "ne est") so
that negation cues are plain tokens. Sentences bound where an idea may be matched;
clauses bound where a negation applies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 8000  # longer answers are cut: a free-text part is a paragraph, not a thesis

_ARROWS = re.compile(r"→|->|⟶|=>|⇒")
_APOSTROPHES = re.compile(r"[’‘`´]")
_EN_NOT = re.compile(r"\b(can|won|ca|wo)n't\b|n't\b")
_FR_ELISION = re.compile(r"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu)'")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|cf|vs|etc|resp|p\.ex|c\.-a-d|c\.a\.d)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?=[-*•]|\d+[.)])")
_CLAUSE_SPLIT = re.compile(
    r"[,;:()\[\]]|\s[-–—]\s|\b(?:but|whereas|while|however|although|though|because|since|so|"
    r"thus|hence|therefore|which|mais|alors que|tandis que|cependant|pourtant|car|parce que|"
    r"puisque|donc|ainsi|qui)\b"
)
_TOKEN = re.compile(r"→|[a-z0-9]+(?:_[a-z0-9{}]+)*")


_SYMBOLS = str.maketrans(
    {
        "œ": "oe", "æ": "ae", "ρ": " rho ", "λ": " lambda ", "σ": " sigma ", "ε": " epsilon ",
        "θ": " theta ", "β": " beta ", "μ": " mu ", "∇": " nabla ", "∞": " infinity ",
        "<": " lt ", ">": " gt ", "≤": " lt ", "≥": " gt ", "∑": " sum ", "Σ": " sum ",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents, ligatures opened (œ -> oe), Greek letters and
    comparisons spelled out (ρ < 1 -> "rho lt 1"), arrows as one symbol."""
    decomposed = unicodedata.normalize("NFKD", _ARROWS.sub(" → ", text).lower())
    if decomposed.isascii():
        plain = decomposed
    elif max(decomposed) <= "\uffff":
        plain = decomposed.translate(_combining())
    else:  # beyond the table: rare enough to test each character
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_SYMBOLS)


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """The combining marks of the Basic Multilingual Plane, to delete with str.translate
    (built once, when the first accented answer comes)."""
    return {c: None for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))}


@lru_cache(maxsize=64)
def expand(text: str) -> str:
    """Fold, then open contractions so every negation is a token of its own (kept for
    the last answers: grading one reads its tokens several times)."""
    text = _APOSTROPHES.sub("'", fold(text[:MAX_CHARS]))
    text = _EN_NOT.sub(lambda m: (_EN_BASE.get(m.group(1), m.group(1) or "")) + " not", text)
    return _FR_ELISION.sub(lambda m: m.group(1) + "e ", text)


_EN_BASE = {"ca": "can", "can": "can", "wo": "will", "won": "will"}


@dataclass(frozen=True)
class Sentence:
    """One sentence: its tokens and, for each token, the index of its clause."""

    tokens: tuple[str, ...]
    clauses: tuple[int, ...]
    text: str


def sentences(text: str) -> list[Sentence]:
    """Split an answer into sentences of tokens, each token tagged with its clause."""
    prepared = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), expand(text))
    result = []
    for chunk in _SENTENCE_END.split(prepared):
        tokens: list[str] = []
        clauses: list[int] = []
        for number, clause in enumerate(_CLAUSE_SPLIT.split(chunk)):
            for token in _TOKEN.findall(clause):
                tokens.append(token)
                clauses.append(number)
        if tokens:
            result.append(Sentence(tuple(tokens), tuple(clauses), chunk.strip()))
    return result


def tokens(text: str) -> list[str]:
    """All tokens of a text, folded, in order."""
    return list(_tokens(text))


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(expand(text)))


def segments(text: str) -> list[str]:
    """The pieces between commas, semicolons, bullets and line ends (keyword lists)."""
    return [s.strip() for s in re.split(r"[,;\n•]|\s-\s", text) if s.strip()]


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (cue lists, function words)."""
    return frozenset(text.split())
