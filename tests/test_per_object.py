"""`PerObject` with `second_sight` keeps a value only for an object met again (issue 17,
memory: `report._part` kept the report of every part result a worker made, most of them
met once)."""

from __future__ import annotations

from examgrade import report
from examgrade.per_object import PerObject


class Thing:
    pass


def test_an_object_met_once_is_not_kept_and_one_met_again_is() -> None:
    made: list[Thing] = []

    def make(thing: Thing) -> int:
        made.append(thing)
        return len(made)

    memo = PerObject(make, 100, second_sight=True)
    once = [Thing() for _ in range(300)]
    for thing in once:
        memo(thing)
    assert len(memo.kept) <= 20  # only objects whose slot another filled
    assert len(memo.waiting) <= 256  # the last first sights, a while
    again = Thing()
    memo(again)
    memo(again)
    made.clear()
    assert memo(again) == memo(again)
    assert made == []  # kept since its second sight


def test_the_part_reports_memo_keeps_results_met_again_only() -> None:
    assert report._part.seen is not None
