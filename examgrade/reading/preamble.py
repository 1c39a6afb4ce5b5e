"""Words before the answer (untold notation): `la jacobienne est diag(...) W`, `the
difference of means ...`: prose that introduces the math without changing it."""

from __future__ import annotations

import re
from functools import cache

from examgrade.reading import fold, words


@cache
def _math_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in words()["math_names"])


#: Words that may introduce an answer without changing it (folded): `la jacobienne est`,
#: `the difference of means`, `we get`, `answer:`. Any other word before the math (`not`,
#: `inverse of`, `twice`) leaves the text as typed.
_INTRODUCERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "it's",
        "its",
        "is",
        "are",
        "equals",
        "gives",
        "we",
        "get",
        "obtain",
        "have",
        "so",
        "thus",
        "hence",
        "then",
        "answer",
        "result",
        "final",
        "jacobian",
        "gradient",
        "penalty",
        "matrix",
        "difference",
        "of",
        "means",
        "expression",
        "just",
        "simply",
        "this",
        "that",
        "which",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "de",
        "des",
        "du",
        "d",
        "c'est",
        "est",
        "vaut",
        "donne",
        "on",
        "obtient",
        "trouve",
        "a",
        "donc",
        "ainsi",
        "reponse",
        "resultat",
        "jacobienne",
        "gradient",
        "penalite",
        "matrice",
        "difference",
        "moyennes",
        "expression",
        "juste",
        "simplement",
        "ce",
        "cela",
        "qui",
        "vaut",
        "egale",
        "egal",
    ]
)


def leading_prose(text: str, protected: frozenset[str]) -> str:
    """`la jacobienne est diag(...) W`, `the difference of means E[x̃] - E[x] ...`: the
    words before the math, when every one of them is prose."""
    match = re.match(r"^\s*((?:[^\W\d_]+['’]?\s+){1,8})", text)
    if match is None:
        return text
    taken = match.group(1).split()
    prose = [w.strip("'’") for w in taken]
    if any(w in protected or w.lower() in _math_words() or len(w) == 1 for w in prose):
        # stop at the first word that is math
        kept = []
        for word in prose:
            if word in protected or word.lower() in _math_words() or len(word) == 1:
                break
            kept.append(word)
        if not kept:
            return text
        taken = taken[: len(kept)]
    if not any(len(w) >= 3 for w in taken):
        return text
    if any(fold(w.strip("'’")) not in _INTRODUCERS for w in taken):
        return text  # `inverse of W`, `not W`: words that change the value are no preamble
    rest = text[match.start(1) :]
    for word in taken:
        rest = rest[rest.index(word) + len(word) :]
    return rest.strip().lstrip(":").strip()
