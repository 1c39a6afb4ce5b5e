"""Shared meaning classes: the ways of saying one thing, for every idea's patterns at once.

A rubric pattern lists the words of one idea; students say the same predicate in other
words ("shrinks", "goes to zero", "tend vers 0", "s'estompe"). Rather than repeat those
in every idea, `synonyms.yaml` groups them in classes (EN and FR, verbs and their nouns,
arrows and formula-style claims), and `match.compile_pattern` widens each alternative of
a pattern that belongs to a class with the class's other members. An alternative belongs
to a class when it is written as one of its members, or, a single plain word, when it
shares the English or French stem of a single plain member ("grads" is "grad") or starts
with a prefix member ("vanishes" is "vanish*").
The classes are data; only meanings that hold whatever the item are grouped (a class
member that would make a wrong claim match in any item is left out).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from examgrade.text.stem import stems


@lru_cache(maxsize=1)
def _classes() -> tuple[
    tuple[tuple[str, ...], dict[str, int], dict[str, int], tuple[str, ...]], ...
]:
    """synonyms.yaml, read once: each class's members, its single plain members by
    English and by French stem (a member's index), and its prefixes."""
    import yaml

    path = Path(__file__).with_name("synonyms.yaml")
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    found = []
    for entry in raw["classes"]:
        members = tuple(dict.fromkeys(str(m).lower() for m in entry["members"]))
        by_en: dict[str, int] = {}
        by_fr: dict[str, int] = {}
        for index, member in enumerate(members):
            if member.isalpha():  # a single plain word: matched by stem
                en, fr = stems(member)
                by_en.setdefault(en, index)
                by_fr.setdefault(fr, index)
        # its prefixes ("vanish*"): a single word they start ("vanishes") belongs too
        starts = tuple(m[:-1] for m in members if m.endswith("*") and m[:-1].isalpha())
        found.append((members, by_en, by_fr, starts or ("\0",)))
    return tuple(found)


@lru_cache(maxsize=8192)
def widen(alternative: str) -> tuple[str, ...]:
    """The other members of every class `alternative` (folded pattern text, words joined
    by "+") belongs to, in the classes' order; () when it belongs to none."""
    plain = alternative.isalpha()
    en, fr = stems(alternative) if plain else ("", "")
    extra: list[str] = []
    for members, by_en, by_fr, starts in _classes():
        if (
            alternative in members
            or (plain and (en in by_en or fr in by_fr))
            or (plain and alternative.startswith(starts))
        ):
            extra += [m for m in members if m != alternative]
    return tuple(dict.fromkeys(extra))
