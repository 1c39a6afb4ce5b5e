"""Agreement between the free-text grader and a careful human grader.

Runs every answer of tests/data/free_text_labelled.yaml through the shipped rubrics
(the `concepts` items) and prints, per part and overall: the mean absolute error in
points, the share of answers within 1 point of the human score, and the agreement on
zero (both give 0, or both give more). `--show` lists the answers that differ by more
than `--over` points; `--held-out` measures the set never used to tune the patterns;
`--file PATH` measures any set in the same layout (e.g. tests/data/free_text_independent.yaml,
written and graded by a second developer from the answer key alone).
Usage: python benchmarks/text_agreement.py [--held-out | --file PATH] [--show] [--over 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from examgrade.checks.concepts import read_options  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402
from examgrade.text.grade import score_text  # noqa: E402
from examgrade.yamlsafe import compose, to_plain  # noqa: E402

DATA = ROOT / "tests" / "data"
LABELLED = DATA / "free_text_labelled.yaml"  # tuned on
HELD_OUT = DATA / "free_text_heldout.yaml"  # never tuned on
INDEPENDENT = DATA / "free_text_independent.yaml"  # second grader, never tuned on


def load_labelled(path: Path = LABELLED) -> dict:
    return to_plain(compose(path.read_text(encoding="utf-8"), str(path)))


def find_item(rubrics, key: str):
    """The rubric item of `q3.a` or `q2.c:explanation`."""
    part_path, _, field = key.partition(":")
    question, _, part_key = part_path.partition(".")
    part = rubrics.questions[question].part(part_key)
    return next(i for i in part.items if (i.field or "") == field)


def grade_all(path: Path = LABELLED) -> list[dict]:
    """One row per labelled answer: part, kind, language, human and machine scores."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    rows = []
    for key, entry in load_labelled(path).items():
        item = find_item(rubrics, key)
        if item.check != "concepts":
            print(f"{key}: not a concepts item yet, skipped")
            continue
        ideas, contradictions = read_options(item)
        for answer in entry["answers"]:
            result = score_text(answer["text"], ideas, contradictions, item.points)
            rows.append(
                {
                    "part": key,
                    "kind": answer["kind"],
                    "lang": answer["lang"],
                    "text": answer["text"],
                    "human": float(answer["score"]),
                    "machine": result.score,
                    "review": item.points > 0 and result.confidence.review,
                    "points": item.points,
                }
            )
    return rows


def summary(rows: list[dict]) -> dict[str, float]:
    errors = [abs(r["human"] - r["machine"]) for r in rows]
    zero = [(r["human"] == 0) == (r["machine"] == 0) for r in rows]
    return {
        "n": len(rows),
        "mae": sum(errors) / len(rows),
        "within1": sum(e <= 1 for e in errors) / len(rows),
        "zero": sum(zero) / len(rows),
        "review": sum(r["review"] for r in rows) / len(rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the disagreements")
    parser.add_argument("--over", type=float, default=1.0, help="with --show: min difference")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-out", action="store_true", help="the held-out set instead")
    which.add_argument("--file", type=Path, help="any labelled set in the same layout")
    args = parser.parse_args()
    path = args.file.resolve() if args.file else HELD_OUT if args.held_out else LABELLED
    if not path.is_file():
        parser.error(f"no such file: {path}")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"set: {shown}")
    load_rubrics(str(ROOT / "rubrics"))  # cached: the timing below is grading only
    start = time.perf_counter()
    rows = grade_all(path)
    elapsed = time.perf_counter() - start
    print(f"{'part':<18} {'n':>3} {'points':>6} {'MAE':>6} {'≤1 pt':>6} {'zero':>6} {'review':>6}")
    for part in dict.fromkeys(r["part"] for r in rows):
        subset = [r for r in rows if r["part"] == part]
        s = summary(subset)
        print(
            f"{part:<18} {s['n']:>3} {subset[0]['points']:>6g} {s['mae']:>6.2f} "
            f"{s['within1']:>6.0%} {s['zero']:>6.0%} {s['review']:>6.0%}"
        )
    s = summary(rows)
    print(
        f"{'all':<18} {s['n']:>3} {'':>6} {s['mae']:>6.2f} {s['within1']:>6.0%} "
        f"{s['zero']:>6.0%} {s['review']:>6.0%}"
    )
    for lang in ("en", "fr"):
        t = summary([r for r in rows if r["lang"] == lang])
        print(f"  {lang}: n={t['n']} MAE {t['mae']:.2f}, within 1 point {t['within1']:.0%}")
    each = elapsed / len(rows) * 1e3
    print(f"graded {len(rows)} answers in {elapsed:.2f} s ({each:.1f} ms each)")
    if args.show:
        for r in rows:
            if abs(r["human"] - r["machine"]) > args.over - 1e-9:
                print(
                    f"\n{r['part']} [{r['kind']}/{r['lang']}] human {r['human']:g} "
                    f"machine {r['machine']:g}\n  {r['text']}"
                )


if __name__ == "__main__":
    main()
