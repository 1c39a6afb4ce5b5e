"""Benchmark `examgrade import`: a Moodle "Responses" report of N students (the two sample
sheets' answers as HTML essays, MathJax and Cloze, two attempts for one student in ten)
imported into sheets, every sheet written and read back. Prints sheets per second beside
the floor (a class of 1,000 imported within 10 s, on 2 busy cores).

    python benchmarks/bench_import.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from examgrade.lms_import import import_responses  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402
from tests.lms_import import lms_synth  # noqa: E402

FLOOR = 100  # sheets per second: a class of 1,000 imported in 10 s


def records(n: int, rubrics) -> list[lms_synth.Record]:
    bases = [
        lms_synth.fields_of((ROOT / "answers" / name).read_text(encoding="utf-8"), rubrics)
        for name in ("ada-en.yaml", "benoit-fr.yaml")
    ]
    found = []
    for i in range(n):
        answers = [
            (t, f, f"{v} (student {i}, l'élève « {i % 7} »)" if f == "text" else v)
            for t, f, v in bases[i % 2]
        ]
        if i % 10 == 0:
            found.append(
                lms_synth.Record(
                    f"s{i}", "Zoë", f"N{i}", "en", answers[:3], started="6 December 2026, 09:00 AM"
                )
            )
        found.append(lms_synth.Record(f"s{i}", "Zoë", f"N{i}", "en", answers))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    sizes = parser.parse_args().sizes
    rubrics = load_rubrics(None)
    for n in sizes:
        data, columns = lms_synth.moodle_csv(records(n, rubrics))
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder)
            (base / "r.csv").write_bytes(data)
            (base / "map.yaml").write_text(
                lms_synth.map_yaml("ID number", ["First name", "Surname"], "en", columns)
            )
            for run in ("first run", "rerun (unchanged)"):
                start = time.perf_counter()
                result = import_responses(base / "r.csv", base / "map.yaml", base / "out", rubrics)
                seconds = time.perf_counter() - start
                done = len(result.written) + len(result.unchanged)
                rate = done / seconds
                print(
                    f"N={n:>6} {run:<18} {len(data) / 1e6:6.1f} MB  {seconds:6.2f} s  "
                    f"{rate:8.0f} sheets/s  (floor {FLOOR}/s: {rate / FLOOR:.2f}x)"
                )


if __name__ == "__main__":
    main()
