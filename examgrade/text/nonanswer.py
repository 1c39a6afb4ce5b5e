"""Answers that say nothing: "I don't know", "je ne sais pas", "?", "n/a", "-".

These score 0 with full confidence: no person needs to look at them."""

from __future__ import annotations

import re

from examgrade.text.normalize import expand, wordset

_PHRASES = (
    "i do not know", "i dont know", "dont know", "do not know", "idk", "no idea", "not sure",
    "no clue", "i have no idea", "dunno", "pass", "skip", "no answer", "n a", "na", "none",
    "je ne sais pas", "je sais pas", "sais pas", "aucune idee", "pas de reponse",
    "je ne sais", "je ne suis pas sur", "aucune reponse", "passe", "je passe", "nsp",
    "je ne connais pas la reponse", "i do not know the answer", "not known", "inconnu",
    "todo", "tbd", "a completer", "to do",
)  # fmt: skip
_WORDS = re.compile(r"[a-z]+")
_FILLER = wordset("sorry desole desolee honestly vraiment really the answer la reponse")


def is_non_answer(text: str) -> bool:
    """True for an empty answer, punctuation only, or an "I don't know" of a few words."""
    words = [w for w in _WORDS.findall(expand(text)) if w not in _FILLER]
    if not words:
        return True
    joined = " ".join(words)
    if joined in _PHRASES:
        return True
    for phrase in _PHRASES:
        if len(phrase.split()) >= 2 and re.search(rf"\b{re.escape(phrase)}\b", joined):
            rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", joined).split()
            return len(rest) <= 2
    return False
