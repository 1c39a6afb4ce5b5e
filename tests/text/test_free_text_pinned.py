"""Every labelled and held-out free-text answer's grade, pinned: score, the state of each
idea, contradictions, language and confidence. A speed-up of the matcher must leave them
all as they are; a change in quality changes them on purpose, and the diff of
tests/data/free_text_pinned.json shows which answers moved.

Update after a deliberate change: EXAMGRADE_UPDATE_PINS=1 python -m pytest
tests/text/test_free_text_pinned.py (then read the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.text_agreement import HELD_OUT, LABELLED, find_item, load_labelled
from examgrade.checks.concepts import score_item_text
from examgrade.rubric import load_rubrics
from tests.conftest import ROOT

PINNED = ROOT / "tests" / "data" / "free_text_pinned.json"
SETS = {"labelled": LABELLED, "held_out": HELD_OUT}


def grade(path: Path) -> list[dict]:
    """One record per answer, in file order: what a student or a grader would see."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    records = []
    for key, entry in load_labelled(path).items():
        item = find_item(rubrics, key)
        for number, answer in enumerate(entry["answers"]):
            result = score_item_text(answer["text"], item)
            records.append(
                {
                    "answer": f"{key}#{number}",
                    "score": result.score,
                    "ideas": {r.idea.id: r.state for r in result.ideas},
                    "contradictions": [c.id for c in result.contradictions],
                    "verdict": result.verdict,
                    "language": result.language,
                    "confidence": result.confidence.value,
                    "reasons": list(result.confidence.reasons),
                }
            )
    return records


def current() -> dict[str, list[dict]]:
    return {name: grade(path) for name, path in SETS.items()}


def write(pins: dict[str, list[dict]]) -> None:
    """One answer per line, so that a diff names the answers that moved."""
    lines = ["{"]
    for n, (name, records) in enumerate(pins.items()):
        lines.append(f"  {json.dumps(name)}: [")
        body = [f"    {json.dumps(r, ensure_ascii=False)}" for r in records]
        lines.append(",\n".join(body))
        lines.append("  ]" + ("," if n < len(pins) - 1 else ""))
    lines.append("}")
    PINNED.write_text("\n".join(lines) + "\n", encoding="utf-8")


GRADED = current()
if os.environ.get("EXAMGRADE_UPDATE_PINS") == "1":
    write(GRADED)
EXPECTED = json.loads(PINNED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(SETS))
def test_the_same_answers_are_pinned(name: str) -> None:
    assert [r["answer"] for r in GRADED[name]] == [r["answer"] for r in EXPECTED[name]]


@pytest.mark.parametrize(
    "name,number",
    [(name, n) for name in SETS for n in range(len(GRADED[name]))],
    ids=lambda v: str(v),
)
def test_every_answer_keeps_its_grade(name: str, number: int) -> None:
    assert GRADED[name][number] == EXPECTED[name][number]
