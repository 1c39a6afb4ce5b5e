"""How sure the text grader is, and why: the reasons a person should look.

The confidence starts at 1 and each doubt multiplies it down; a part is sent for
review below `REVIEW_BELOW`. The reasons are kept as codes (text.reason_*), so the
report can say in either language why a part is listed for review.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

REVIEW_BELOW = 0.6

# Each doubt and what it costs the confidence (a factor).
# A doubt is what the grader did not understand: a clear contradiction, a denied idea or a
# short answer whose ideas were all recognised are graded as a person would, and are not
# reasons to review on their own; a keyword list, weak hints only, a contradiction in the
# very sentence credited with an idea, an on-topic answer with nothing recognised are.
FACTORS: dict[str, float] = {
    "short": 0.8,  # a few words: little to go on
    "keywords": 0.4,  # a list of keywords, no relation between them
    "weak_only": 0.7,  # ideas found only through weak patterns
    "weak": 0.9,  # some ideas found only through weak patterns
    "typo": 0.9,  # some words matched by typo tolerance
    "negated": 0.8,  # an idea mentioned, but negated
    "contradiction": 0.9,  # a statement that contradicts the key, recognised as such
    "conflict": 0.8,  # a contradiction in a sentence also credited with an idea
    "unread": 0.9,  # half the sentences of content matched no pattern of the item
    "language": 0.5,  # the language could not be told
    "unmatched": 0.6,  # on topic, yet no idea recognised
    "uncredited": 0.5,  # many words earned nothing (`UNCREDITED_WORDS`): ideas in other words?
    "soft": 0.9,  # an idea hinted by its words alone (`text.soft`), no pattern said it
}
# Calibrated on the tuning sets' human scores (tuning, tuning2, tuning3, independent: 676
# answers): the factors and the line mark about 12% of them, the ones furthest from the
# TA's score (MAE 0.71 marked vs 0.38 not; 0.46 vs 0.41 with the factors before). Two
# doubts together mark a part (weak hints only with a short answer or a denied idea;
# nothing recognised in an on-topic answer that is short or half unread); "keywords",
# "language" and "uncredited" mark it alone.


@dataclass(frozen=True)
class Confidence:
    value: float
    reasons: tuple[str, ...]

    @property
    def review(self) -> bool:
        return self.value < REVIEW_BELOW


def confidence(reasons: list[str]) -> Confidence:
    """The confidence left after every doubt in `reasons` (duplicates counted once)."""
    return _confidence(tuple(reasons))


@lru_cache(maxsize=512)
def _confidence(reasons: tuple[str, ...]) -> Confidence:
    """`confidence`, worked out once per list of reasons (a few dozen occur)."""
    unique = tuple(dict.fromkeys(reasons))
    value = 1.0
    for reason in unique:
        value *= FACTORS[reason]
    return Confidence(round(value, 3), unique)
