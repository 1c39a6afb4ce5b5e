"""Free-text matching in English and French: folding, stemming, typo tolerance,
negation within the clause, language detection, and scoring against key ideas."""

from examgrade.text.grade import Contradiction, Idea, IdeaResult, TextScore, patterns, score_text
from examgrade.text.lang import detect
from examgrade.text.match import PatternError, compile_pattern

__all__ = [
    "Contradiction",
    "Idea",
    "IdeaResult",
    "PatternError",
    "TextScore",
    "compile_pattern",
    "detect",
    "patterns",
    "score_text",
]
