"""Which language an answer is written in: English, French, mixed, or unknown.

Counted from function words, which every sentence has and which technical vocabulary
(shared by both languages: "gradient", "variance", "dropout") does not decide."""

from __future__ import annotations

from typing import Literal

from examgrade.text.normalize import tokens, wordset

Language = Literal["en", "fr", "mixed", "unknown"]

EN_WORDS = wordset(
    "the a an of and or is are was be been it its this that these those to in on for "
    "with by from as at not no does do did can cannot has have which when so than "
    "then only because each every all we one they their there will would should into "
    "over"
)
FR_WORDS = wordset(
    "le la les un une des du de et ou est sont etre il elle ils ce cette ces qui que "
    "dans sur pour avec par en au aux ne pas plus son sa ses leur on nous se donc "
    "car chaque tous toutes peut peuvent fait sans aussi comme mais lorsque quand "
    "vers leurs nos notre vos"
)
# Shared by both lists or ambiguous between the languages: not counted.
_AMBIGUOUS = frozenset({"a", "on", "as", "plus", "or"})
_EN_ONLY = EN_WORDS - _AMBIGUOUS
_FR_ONLY = FR_WORDS - _AMBIGUOUS
_FUNCTION = EN_WORDS | FR_WORDS


def detect(text: str) -> Language:
    """The answer's language from its function words; `unknown` when it has too few."""
    return detect_words(tokens(text))


def detect_words(words: list[str]) -> Language:
    """`detect` for a text already cut into tokens (`normalize.tokens`)."""
    en = sum(map(_EN_ONLY.__contains__, words))
    fr = sum(map(_FR_ONLY.__contains__, words))
    if en + fr == 0:
        return "unknown"
    if en >= 3 * max(fr, 1) or fr == 0:
        return "en"
    if fr >= 3 * max(en, 1) or en == 0:
        return "fr"
    return "mixed"


def function_word_share(words: list[str]) -> float:
    """The share of function words (both languages): low in a bare list of keywords."""
    if not words:
        return 0.0
    return sum(map(_FUNCTION.__contains__, words)) / len(words)
