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
member that would make a wrong claim match in any item is left out). `opposites` pairs
directions (increase/decrease, ...): `flip` gives an alternative's other side, from which
`match.flipped` writes an idea's reversed claim.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from examgrade.text.stem import stems


class _Index(NamedTuple):
    """synonyms.yaml as lookups: each class's members, and the classes of a member, of a
    single plain member's English or French stem, and of a prefix member ("vanish*")."""

    members: tuple[tuple[str, ...], ...]
    by_text: dict[str, tuple[int, ...]]
    by_en: dict[str, tuple[int, ...]]
    by_fr: dict[str, tuple[int, ...]]
    starts: tuple[tuple[str, int], ...]
    denied: tuple[tuple[str, ...], ...] = ()  # per class: the opposites whose denial says it
    sides: tuple[tuple[str, ...], ...] = ()  # `opposites`: side 2k is the opposite of 2k + 1


@lru_cache(maxsize=1)
def _index() -> _Index:
    """synonyms.yaml, read once (when the first rubric pattern is compiled)."""
    import yaml

    path = Path(__file__).with_name("synonyms.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    members: list[tuple[str, ...]] = []
    by_text: dict[str, list[int]] = {}
    by_en: dict[str, list[int]] = {}
    by_fr: dict[str, list[int]] = {}
    starts: list[tuple[str, int]] = []
    denied: list[tuple[str, ...]] = []
    for number, entry in enumerate(raw["classes"]):
        denied.append(tuple(dict.fromkeys(str(m).lower() for m in entry.get("denied", ()))))
        words = tuple(dict.fromkeys(str(m).lower() for m in entry["members"]))
        members.append(words)
        for member in words:
            by_text.setdefault(member, []).append(number)
            if member.isalpha():  # a single plain word: matched by stem
                en, fr = stems(member)
                by_en.setdefault(en, []).append(number)
                by_fr.setdefault(fr, []).append(number)
            elif member.endswith("*") and member[:-1].isalpha():
                starts.append((member[:-1], number))

    def frozen(table: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
        return {key: tuple(dict.fromkeys(found)) for key, found in table.items()}

    pairs = raw.get("opposites") or ()
    if any(len(pair) != 2 for pair in pairs):  # side 2k faces side 2k + 1
        raise ValueError("synonyms.yaml: each entry of `opposites` has two sides")
    sides = tuple(
        tuple(dict.fromkeys(str(m).lower() for m in side)) for pair in pairs for side in pair
    )
    return _Index(
        tuple(members),
        frozen(by_text),
        frozen(by_en),
        frozen(by_fr),
        tuple(starts),
        tuple(denied),
        sides,
    )


def _classes(alternative: str) -> list[int]:
    """The classes `alternative` (folded pattern text, words joined by "+") belongs to."""
    index = _index()
    found = list(index.by_text.get(alternative, ()))
    if alternative.isalpha():
        en, fr = stems(alternative)
        found += index.by_en.get(en, ()) + index.by_fr.get(fr, ())
        found += [number for start, number in index.starts if alternative.startswith(start)]
    return sorted(set(found))


@lru_cache(maxsize=8192)
def widen(alternative: str) -> tuple[str, ...]:
    """The other members of every class `alternative` belongs to, in the classes' order;
    () when it belongs to none."""
    index = _index()
    extra = (m for n in _classes(alternative) for m in index.members[n] if m != alternative)
    return tuple(dict.fromkeys(extra))


@lru_cache(maxsize=8192)
def opposites(alternative: str) -> tuple[str, ...]:
    """The opposites whose denial says what `alternative`'s classes say ("does not
    remember h_0" forgets it, "ne se souvient plus de h_0" too): a class's `denied`."""
    index = _index()
    found = (m for n in _classes(alternative) for m in index.denied[n])
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _sides() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, ...], ...]]:
    """The direction sides as lookups: each side widened by the classes its members belong
    to ("vanish*" brings "goes+to+zero"), and, per member, the sides it is on."""
    index = _index()
    widened = tuple(
        tuple(dict.fromkeys(m for member in side for m in (member, *widen(member))))
        for side in index.sides
    )
    on: dict[str, list[int]] = {}
    for number, side in enumerate(widened):
        for member in side:
            on.setdefault(member, []).append(number)
    return {k: tuple(v) for k, v in on.items()}, index.sides


def _sides_of(alternative: str) -> set[int]:
    """The direction sides `alternative` (folded pattern text) is on: written as a member,
    or, a single plain word, with a plain member's stem or a prefix member's start."""
    on, _ = _sides()
    found = set(on.get(alternative, ()))
    if alternative.isalpha():
        en, fr = stems(alternative)
        for member, numbers in on.items():
            if member.isalpha():
                same = stems(member)
                hit = same[0] == en or same[1] == fr
            else:
                hit = member.endswith("*") and alternative.startswith(member[:-1])
            if hit:
                found.update(numbers)
    return found


@lru_cache(maxsize=8192)
def flip(alternative: str) -> tuple[str, ...] | None:
    """The opposite direction of `alternative` (synonyms.yaml's `opposites`): the other
    side's members; None when it is on no side, () when it is on both ("croissant"...)."""
    found = _sides_of(alternative)
    if not found:
        return None
    other = {n ^ 1 for n in found}
    if found & other:
        return ()
    _, sides = _sides()
    return tuple(dict.fromkeys(m for n in sorted(other) for m in sides[n]))
