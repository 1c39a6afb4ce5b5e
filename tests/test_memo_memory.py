"""The outcome memo stays bounded in a long worker (issue 17, memory): past its cap it
forgets the answer least recently seen, so the answers a class keeps repeating are
still checked once while the free text written once does not pile up."""

from __future__ import annotations

from types import SimpleNamespace

from examgrade.checks.base import Outcome
from examgrade.errors import Location
from examgrade.memo import MAX_ENTRIES, OutcomeMemo
from examgrade.nodes import Scalar


class _Kind:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def grade(self, answer, ctx) -> Outcome:
        self.calls += 1
        return Outcome(1.0, "correct")


def _answer(text: str) -> Scalar:
    return Scalar(text, Location("sheet.yaml", 1, 1))


def test_the_memo_holds_its_cap_and_keeps_what_a_class_repeats() -> None:
    kind, memo = _Kind(), OutcomeMemo()
    item = object()
    ctx = SimpleNamespace(
        item=item,
        question=SimpleNamespace(key="q1"),
        part=SimpleNamespace(key="a"),
        seed=0,
        part_answer=None,
    )
    for number in range(MAX_ENTRIES * 2):
        memo.grade(kind, _answer("25x25"), ctx)  # the answer half the class writes
        memo.grade(kind, _answer(f"a text written once {number}"), ctx)
    assert len(memo) <= MAX_ENTRIES <= 20_000  # a worker's share of 10,000 sheets: bounded
    assert kind.calls == 1 + MAX_ENTRIES * 2  # 25x25 checked once, never forgotten
    assert memo.hits == MAX_ENTRIES * 2 - 1
