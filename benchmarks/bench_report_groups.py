"""What the answer groups cost `grade` (report.html's largest groups, group decisions).

    python benchmarks/bench_report_groups.py [--sheets 500] [--keep DIR]

Makes a synthetic class (`synth_class.py`) and grades it once (not timed). Then times,
in this process, the two pieces `grade` now runs:

- in the workers, per sheet: each part's group key (`review.sheet_group_keys`) on the
  sheet the worker has just read and graded, with one memo per worker as in `grade`
  (the sheet's reading is not counted: the worker has it already);
- in the batch's process, once: every student's keys gathered, group decisions
  matched, the index of automatic scores and the largest groups of every part built.

For scale, reading each sheet again (what `review` does without the kept groups, and
what regrouping in `grade` would have cost) is timed too. Medians of 5.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="Reuse (or make) the class in this folder.")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-groups-"))
    from synth_class import graded_class

    out = graded_class(base, args.sheets)

    import orjson

    from examgrade.classroom.review import (
        RULES_NAME,
        Entries,
        GradedClass,
        build_groups,
        group_targets,
        read_rules,
        report_stands,
        review_index,
        rule_overrides,
        sheet_group_keys,
    )
    from examgrade.report import read_report
    from examgrade.rubric import load_rubrics
    from examgrade.sheet import load_sheet

    rubrics = load_rubrics(None)
    klass = GradedClass(out, rubrics)
    students = list(klass.students)
    reports = {s: read_report((out / f"{s}.json").read_bytes()) for s in students}
    started = time.perf_counter()
    sheets = {}
    for student in students:
        path = klass.sheet_path(student)
        sheets[student] = load_sheet(path, str(path), rubrics.keys)
    reading = (time.perf_counter() - started) / len(students)
    targets = group_targets(rubrics)
    workers, batch = [], []
    for _ in range(5):
        memo: dict = {}
        started = time.perf_counter()
        keys = {
            s: sheet_group_keys(sheets[s], targets, report_stands(reports[s]), memo)
            for s in students
        }
        texts = {s: orjson.dumps(k).decode() for s, k in keys.items()}  # sent, cached
        workers.append((time.perf_counter() - started) / len(students))
        started = time.perf_counter()
        found = {s: {p: tuple(v) for p, v in orjson.loads(t).items()} for s, t in texts.items()}
        rule_overrides(out / RULES_NAME, read_rules(out / RULES_NAME), rubrics, found, [])
        groups = build_groups(rubrics, found, Entries(review_index(reports.values())))
        batch.append(time.perf_counter() - started)
    parts = len(targets)
    print(f"class: {len(students)} sheets, {parts} parts, {len(groups)} groups kept")
    print(
        f"workers, group keys of every part: {statistics.median(workers) * 1000:.2f} ms/sheet "
        f"({statistics.median(workers) * 1000 / parts:.3f} ms/sheet/part)"
    )
    print(f"batch, gather + decisions + groups: {statistics.median(batch):.3f} s for the class")
    print(f"for scale, reading a sheet again:   {reading * 1000:.2f} ms/sheet")


if __name__ == "__main__":
    main()
