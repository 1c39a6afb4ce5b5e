"""Which language an answer is written in: English, French, mixed, or unknown.

Counted from function words, which every sentence has and which technical vocabulary
(shared by both languages: "gradient", "variance", "dropout") does not decide."""

from __future__ import annotations

from collections.abc import Sequence
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


def detect_words(words: Sequence[str]) -> Language:
    """`detect` for a text already cut into tokens (`normalize.tokens`)."""
    return language_of(*function_words(words))


def function_words(words: Sequence[str]) -> tuple[int, int, int]:
    """How many tokens are English, French, and either language's function words: the
    first two tell the language (`language_of`), the last is low in a bare list of
    keywords."""
    return (
        sum(map(_EN_ONLY.__contains__, words)),
        sum(map(_FR_ONLY.__contains__, words)),
        sum(map(_FUNCTION.__contains__, words)),
    )


def language_of(en: int, fr: int, _: int = 0) -> Language:
    """The language told by `en` English and `fr` French function words."""
    if en + fr == 0:
        return "unknown"
    if en >= 3 * max(fr, 1) or fr == 0:
        return "en"
    if fr >= 3 * max(en, 1) or en == 0:
        return "fr"
    return "mixed"
