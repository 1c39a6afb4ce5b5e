"""Grade each distinct answer once: a memo of outcomes the engine consults, per process.

A class repeats itself: hundreds of students write `25x25`, `W^t` or `rho(W) < 1`, and
checking an expression costs milliseconds. Checks are pure functions of the answer and
the rubric item (randomness comes from a fixed seed, solvers are pure), so a grading
worker keeps each outcome under the item and the answer's content and reuses it for the
next identical answer.

Only outcomes that cannot differ between two sheets are kept: never an `invalid` one
(its feedback points at a line and column), never one whose feedback carries a location
or a text this module cannot inspect, never an answer holding a field that could not be
read. The content key is the text as typed (with its YAML quoting), so the feedback,
which may quote the answer, is the same too.

The engine takes a memo explicitly (`grade_sheet(..., memo=OutcomeMemo())`): `check`
passes a fresh one, each grading worker keeps one for its whole share of the class (it
starts with what the batch's process graded before forking), `examgrade groups` one per
grouping.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from examgrade.checks import CheckContext, CheckKind, Outcome
from examgrade.i18n import Figures
from examgrade.nodes import Mapping, Node, Scalar, Sequence
from examgrade.per_object import PerObject

# Per memo (one per worker); past it the answer least recently seen is forgotten. A
# worker of a realistic class of 10,000 adds ~8.6 entries a sheet, nearly all free text
# seen once: at 100,000 (cleared when full) its share of 5,000 sheets kept ~43,000 with
# their outcomes (10,000 sheets: each worker's peak PSS 275/295 -> 262/279 MB); the
# answers a class repeats are seen again soon, so they stay.
MAX_ENTRIES = 10_000
_LOCATED = frozenset({"file", "line", "column"})


def signature(node: Node | None) -> Hashable | None:
    """The answer's content without its location, or None when part of it is unreadable."""
    if node is None:
        return ("none",)
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.style)
    if isinstance(node, Sequence):
        items = tuple(signature(item) for item in node.items)
        return None if None in items else ("list", items)
    if isinstance(node, Mapping):
        entries = tuple((key, signature(value)) for key, value in node.entries.items())
        return None if any(value is None for _, value in entries) else ("map", entries)
    return None  # Broken: its error names the line


def _location_free(text: Any, depth: int = 0) -> bool:
    """True when a text provably says nothing of where the answer is in its file."""
    if isinstance(text, str | int | float | Figures) or text is None:
        return True
    if depth > 8:
        return False
    params = getattr(text, "params", None)
    parts = getattr(text, "parts", None)
    if params is None and parts is None:
        return False  # a kind of text we cannot look into: do not keep it
    if params is not None and (
        _LOCATED & set(params) or not all(_location_free(v, depth + 1) for v in params.values())
    ):
        return False
    return parts is None or all(_location_free(p, depth + 1) for p in parts)


def _reusable(outcome: Outcome) -> bool:
    if outcome.status == "invalid":
        return False
    texts = [*outcome.feedback, *([outcome.reading] if outcome.reading is not None else [])]
    return all(_location_free(text) for text in texts)


# An outcome another sheet with the same answer may receive as it is. Known per outcome
# object: the free-text check hands the many students whose different texts score alike
# one outcome (`checks.concepts`), and walking its texts again for each of them was a
# thirtieth of a sheet.
reusable: PerObject[Outcome, bool] = PerObject(_reusable, 4096)


class OutcomeMemo:
    """Reusable outcomes under the item and the answer's content: pass one to
    `examgrade.engine.grade_sheet` (`memo=`) and every sheet graded with it checks each
    distinct answer once. It must not outlive the rubrics it was used with (items are
    told apart by identity, and each entry keeps its item to make sure)."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._memo: OrderedDict[Hashable, tuple[Any, Outcome]] = OrderedDict()
        self._max = max_entries
        self.hits = 0

    def __len__(self) -> int:
        return len(self._memo)

    def grade(self, kind: CheckKind, answer: Node | None, ctx: CheckContext) -> Outcome:
        """The kind's outcome for this answer, from the memo when it was seen already."""
        key = self.key(
            kind, answer, ctx.item, ctx.question.key, ctx.part.key, ctx.seed, ctx.part_answer
        )
        found = self.found(key, ctx.item)
        if found is not None:
            return found
        outcome = kind.grade(answer, ctx)
        self.keep(key, ctx.item, outcome)
        return outcome

    def key(
        self,
        kind: CheckKind,
        answer: Node | None,
        item: Any,
        question: str,
        part: str,
        seed: int,
        part_answer: Node | None,
    ) -> Hashable | None:
        """The answer's key for this item (None: never kept, a field could not be read).
        Made from the item and the nodes alone, so the engine looks an answer up before
        it makes the check's context and time guard (issue 17)."""
        content = signature(answer)
        if content is not None and getattr(kind, "reads_part", False):
            beside = signature(part_answer)
            content = None if beside is None else (content, beside)
        if content is None:
            return None
        return (kind.name, id(item), question, part, seed, content)

    def found(self, key: Hashable | None, item: Any) -> Outcome | None:
        """The outcome kept under `key` for this very item, if any."""
        if key is None:
            return None
        found = self._memo.get(key)
        if found is not None and found[0] is item:
            self.hits += 1
            self._memo.move_to_end(key)
            return found[1]
        return None

    def keep(self, key: Hashable | None, item: Any, outcome: Outcome) -> None:
        """Keep a fresh outcome under `key` when another sheet may receive it as it is;
        past the cap, the least recently seen answer is forgotten."""
        if key is not None and reusable(outcome):
            self._memo[key] = (item, outcome)
            if len(self._memo) > self._max:
                self._memo.popitem(last=False)
