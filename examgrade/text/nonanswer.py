"""Answers that say nothing: "I don't know", "je ne sais pas", "?", "n/a", "-".

These score 0 with full confidence: no person needs to look at them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from examgrade.text.normalize import expand, wordset

_PHRASES = (
    "i do not know", "i dont know", "dont know", "do not know", "idk", "no idea", "not sure",
    "no clue", "i have no idea", "dunno", "pass", "skip", "no answer", "n a", "na", "none",
    "je ne sais pas", "je sais pas", "sais pas", "aucune idee", "pas de reponse",
    "je ne sais", "je ne suis pas sur", "aucune reponse", "passe", "je passe", "nsp",
    "je ne connais pas la reponse", "i do not know the answer", "not known", "inconnu",
    "todo", "tbd", "a completer", "to do",
    # the student's memory, not the subject's ("je ne me souviens plus de la différence")
    "i do not remember", "i dont remember", "i can not remember", "i cannot remember",
    "i forgot", "je ne me souviens pas", "je ne me souviens plus", "je me souviens plus",
    "je ne me rappelle pas", "je ne me rappelle plus", "j ai oublie", "je ai oublie",
    # the same without its "I" ("don't remember the formulas sorry", "sais plus")
    "do not remember", "dont remember", "can not remember", "cannot remember",
    "je ne sais plus", "je sais plus", "sais plus", "me souviens plus", "me souviens pas",
)  # fmt: skip
# Phrases of two words or more, in order, each with its whole-word pattern.
_LONG_PHRASES = tuple(
    (p, re.compile(rf"\b{re.escape(p)}\b")) for p in _PHRASES if len(p.split()) >= 2
)
_WORDS = re.compile(r"[a-z]+")
_PHRASE_WORDS = frozenset(w for p in _PHRASES for w in p.split())
_FILLER = wordset(
    "sorry desole desolee honestly vraiment really the answer la reponse formulas formula"
    " formules formule les"
)


_KNOWN = _PHRASE_WORDS | _FILLER


def unknown_words(tokens: Iterable[str]) -> frozenset[str]:
    """The tokens of letters that no non-answer phrase and no filler has. A text with
    three of them is no non-answer (a token of letters is one of the words
    `is_non_answer` reads, and they stay whatever phrase it holds): its tokens tell so
    without `is_non_answer`'s own pass."""
    return frozenset(w for w in set(tokens).difference(_KNOWN) if w.isalpha())


def is_non_answer(text: str) -> bool:
    """True for an empty answer, punctuation only, or an "I don't know" of a few words."""
    words = [w for w in _WORDS.findall(expand(text)) if w not in _FILLER]
    if not words:
        return True
    if len(_PHRASE_WORDS.union(words)) > len(_PHRASE_WORDS) + 2:
        return False  # 3 words or more that no phrase has: whatever phrase it holds, they stay
    joined = " ".join(words)
    if joined in _PHRASES:
        return True
    for phrase, pattern in _LONG_PHRASES:
        if phrase in joined and pattern.search(joined):  # the substring test is cheap
            return len(pattern.sub(" ", joined).split()) <= 2
    return False
