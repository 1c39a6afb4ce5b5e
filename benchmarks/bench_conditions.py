"""Time the condition kind (q2.c) on a class where every answer is distinct, with the
classification kept per condition (texts that compare the same values share it) and
without (per text only, as before issue 17's i17e), in alternating runs, and check that
both give the same verdict, truths or error for every answer.

    python benchmarks/bench_conditions.py [--sheets 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth_class

import examgrade.checks.condition as condition
from examgrade.engine import item_context
from examgrade.rubric import load_rubrics

FIELDS = ("vanishes_if", "explodes_if")


def _conditions(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        sheet = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        part = (sheet.get("q2") or {}).get("c") or {}
        found += [(f, part[f]) for f in FIELDS if isinstance(part.get(f), str)]
    return found


def _setups() -> dict[str, tuple[Any, str, tuple[Any, ...]]]:
    rubrics = load_rubrics()
    question = rubrics.questions["q2"]
    part = next(p for p in question.parts if p.key == "c")
    setups = {}
    for item in part.items:
        if item.field in FIELDS:
            bank = tuple(item_context(question, part, item).solve(item.solver, item.params).value)
            setups[item.field] = (condition.context_of(item), item.options["behaviour"], bank)
    return setups


def _run(texts: list[tuple[str, str]], setups: dict, shared: bool) -> tuple[float, str]:
    """CPU seconds per condition, and a digest of every outcome, from empty tables."""
    condition._JUDGED.clear()
    keyed = condition._condition_key
    if not shared:
        condition._condition_key = lambda *args: None  # type: ignore[assignment]
    outcomes = []
    try:
        start = time.process_time()
        for field, text in texts:
            context, behaviour, bank = setups[field]
            try:
                judged = condition.judged_answer(text, context, behaviour, bank)[2]
                outcomes.append((judged[0].verdict, judged[1]))
            except condition.MathError as error:
                outcomes.append((error.code, str(error.params), error.location))
        elapsed = time.process_time() - start
    finally:
        condition._condition_key = keyed  # type: ignore[assignment]
    return elapsed / len(texts), hashlib.sha256(repr(outcomes).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sheets", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        texts = _conditions(synth_class.write_class(Path(folder), args.sheets, distinct=True))
    setups = _setups()
    _run(texts[:20], setups, True)  # the bank's and the probes' instances, built once
    times: dict[bool, list[float]] = {True: [], False: []}
    digests = set()
    for _ in range(args.runs):
        for shared in (False, True):
            seconds, digest = _run(texts, setups, shared)
            times[shared].append(seconds)
            digests.add(digest)
    print(f"{len(texts)} distinct conditions ({args.sheets} sheets), CPU median of {args.runs}:")
    print(f"  per text only         {statistics.median(times[False]) * 1000:.2f} ms a condition")
    print(f"  per condition as well {statistics.median(times[True]) * 1000:.2f} ms a condition")
    same = len(digests) == 1
    print(f"  outcomes identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
