"""Agreement between the free-text grader and careful human graders.

Runs every answer of a labelled set through the shipped rubrics (the `concepts` items)
and prints, per part and overall: the mean absolute error in points, the share within
1 point, Pearson's r and the share examgrade marks for review; with two graders (the
frozen set, `grader_a` and `grader_b` per answer) grader vs grader, examgrade vs each
and vs their mean; and how many `reversed` or `misconception` answers score above 40%
of their points and how many `complete` ones below 60%.
By default: tests/data/free_text_frozen.yaml (when present: two graders, never tuned
on) and tests/data/free_text_independent.yaml (one grader, never tuned on);
`--labelled`, `--held-out` or `--file PATH` (repeatable, either layout) instead.
Usage: python benchmarks/text_agreement.py [--labelled | --held-out | --file PATH...]
       [--show] [--over 1]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from examgrade.checks.concepts import score_item_text  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402
from examgrade.yamlsafe import compose, to_plain  # noqa: E402

DATA = ROOT / "tests" / "data"
LABELLED = DATA / "free_text_labelled.yaml"  # tuned on
HELD_OUT = DATA / "free_text_heldout.yaml"  # never tuned on
INDEPENDENT = DATA / "free_text_independent.yaml"  # second grader, never tuned on
FROZEN = DATA / "free_text_frozen.yaml"  # two graders, frozen: never tuned on
TUNING = DATA / "free_text_tuning.yaml"  # written to tune on (reversed claims, ...)


def load_labelled(path: Path = LABELLED) -> dict:
    return to_plain(compose(path.read_text(encoding="utf-8"), str(path)))


def find_item(rubrics, key: str):
    """The rubric item of `q3.a` or `q2.c:explanation`."""
    part_path, _, field = key.partition(":")
    question, _, part_key = part_path.partition(".")
    part = rubrics.questions[question].part(part_key)
    return next(i for i in part.items if (i.field or "") == field)


def text_points(rubrics, key: str) -> float:
    """What the text is graded out of when it is the part's only answer: its points plus
    those of optional fields left blank that move to it (`blank_to`, q5.b's Jacobian)."""
    part_path, _, field = key.partition(":")
    question, _, part_key = part_path.partition(".")
    part = rubrics.questions[question].part(part_key)
    moved = sum(i.points for i in part.items if field and i.blank_to == field)
    return find_item(rubrics, key).points + moved


def human_scores(answer: dict) -> tuple[float, ...]:
    """The human scores of one answer: `score` (one grader) or `grader_a`, `grader_b`
    (the frozen set: two graders, each from the exam and the key alone)."""
    if "score" in answer:
        return (float(answer["score"]),)
    return (float(answer["grader_a"]), float(answer["grader_b"]))


def grade_all(path: Path = LABELLED) -> list[dict]:
    """One row per labelled answer: part, kind, language, human and machine scores
    (`human` is the graders' mean, `graders` each grader's score)."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    rows = []
    for key, entry in load_labelled(path).items():
        item = find_item(rubrics, key)
        if item.check != "concepts":
            print(f"{key}: not a concepts item yet, skipped")
            continue
        points = text_points(rubrics, key)
        scale = points / item.points if item.points else 1.0  # as the engine scales it
        for answer in entry["answers"]:
            result = score_item_text(answer["text"], item)
            graders = human_scores(answer)
            rows.append(
                {
                    "part": key,
                    "id": answer.get("id", ""),
                    "kind": answer["kind"],
                    "lang": answer["lang"],
                    "text": answer["text"],
                    "human": sum(graders) / len(graders),
                    "graders": graders,
                    "machine": round(result.score * scale, 4),
                    "review": points > 0 and result.confidence.review,
                    "points": points,
                }
            )
    return rows


def summary(rows: list[dict]) -> dict[str, float]:
    """examgrade against the graders' mean."""
    return compare(rows, lambda r: r["machine"], lambda r: r["human"])


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson's r (nan when either side does not vary)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else math.nan


def compare(rows: list[dict], left, right) -> dict[str, float]:
    """MAE in points, share within 1 point, Pearson r and zero agreement of two scorers,
    and the share examgrade marks for review."""
    a = [left(r) for r in rows]
    b = [right(r) for r in rows]
    errors = [abs(x - y) for x, y in zip(a, b, strict=True)]
    return {
        "n": len(rows),
        "mae": sum(errors) / len(rows),
        "within1": sum(e <= 1 + 1e-9 for e in errors) / len(rows),
        "r": pearson(a, b),
        "zero": sum((x == 0) == (y == 0) for x, y in zip(a, b, strict=True)) / len(rows),
        "review": sum(r["review"] for r in rows) / len(rows),
    }


def pairs(rows: list[dict]) -> list[tuple[str, object, object]]:
    """The comparisons a set allows: with two graders, grader vs grader and examgrade
    vs each and vs their mean; with one, examgrade vs that grader."""
    machine = lambda r: r["machine"]  # noqa: E731
    if all(len(r["graders"]) == 2 for r in rows):
        a = lambda r: r["graders"][0]  # noqa: E731
        b = lambda r: r["graders"][1]  # noqa: E731
        return [
            ("grader A vs grader B", a, b),
            ("examgrade vs A", machine, a),
            ("examgrade vs B", machine, b),
            ("examgrade vs mean", machine, lambda r: r["human"]),
        ]
    return [("examgrade vs grader", machine, lambda r: r["human"])]


def outliers(rows: list[dict]) -> dict[str, list[dict]]:
    """The answers that break the targets: a reversed or misconception answer above 40%
    of its points, a complete one below 60%."""
    return {
        "reversed/misconception > 40%": [
            r
            for r in rows
            if r["kind"] in ("reversed", "misconception") and r["machine"] > 0.4 * r["points"]
        ],
        "complete < 60%": [
            r for r in rows if r["kind"] == "complete" and r["machine"] < 0.6 * r["points"]
        ],
    }


def review(title: str, s: dict[str, float]) -> str:
    """examgrade's share marked for review (nothing on the grader vs grader lines)."""
    return "" if title.startswith("grader") else f"{s['review']:.0%}"


def report(path: Path, show: bool, over: float) -> None:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    start = time.perf_counter()
    rows = grade_all(path)
    elapsed = time.perf_counter() - start
    print(f"\nset: {shown} ({len(rows)} answers)")
    for title, left, right in pairs(rows):
        print(f"  {title}")
        print(
            f"  {'part':<18} {'n':>3} {'points':>6} {'MAE':>6} {'≤1 pt':>6} {'r':>6} {'review':>6}"
        )
        groups = [
            (p, [r for r in rows if r["part"] == p]) for p in dict.fromkeys(r["part"] for r in rows)
        ]
        for part, subset in [*groups, ("all", rows)]:
            s = compare(subset, left, right)
            points = f"{subset[0]['points']:g}" if part != "all" else ""
            print(
                f"  {part:<18} {s['n']:>3} {points:>6} {s['mae']:>6.2f} "
                f"{s['within1']:>6.0%} {s['r']:>6.2f} {review(title, s):>6}"
            )
    for lang in ("en", "fr", "mixed"):
        subset = [r for r in rows if r["lang"] == lang]
        if subset:
            t = summary(subset)
            print(
                f"  {lang}: n={t['n']} MAE {t['mae']:.2f} vs mean, r {t['r']:.2f}, "
                f"within 1 point {t['within1']:.0%}"
            )
    marked = [r for r in rows if r["review"]]
    unmarked = [r for r in rows if not r["review"]]
    if marked and unmarked:  # the marked ones should be the doubtful ones
        print(
            f"  marked for review: {len(marked)}, MAE {summary(marked)['mae']:.2f} vs mean; "
            f"not marked: MAE {summary(unmarked)['mae']:.2f}"
        )
    for title, found in outliers(rows).items():
        counted = [
            r
            for r in rows
            if r["kind"]
            in (("complete",) if "complete" in title else ("reversed", "misconception"))
        ]
        print(f"  {title}: {len(found)} of {len(counted)}")
        for r in found:  # texts with --show only: a held-back half is never read by accident
            print(
                f"    {r['part']} {r['id']} machine {r['machine']:g}/{r['points']:g}"
                + (f": {r['text'][:70]}" if show else "")
            )
    print(
        f"  graded {len(rows)} answers in {elapsed:.2f} s ({elapsed / len(rows) * 1e3:.1f} ms each)"
    )
    if show:
        for r in rows:
            if abs(r["human"] - r["machine"]) > over - 1e-9:
                print(
                    f"\n{r['part']} [{r['kind']}/{r['lang']}] human {r['human']:g} "
                    f"machine {r['machine']:g}\n  {r['text']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the disagreements")
    parser.add_argument("--over", type=float, default=1.0, help="with --show: min difference")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-out", action="store_true", help="the held-out set instead")
    which.add_argument("--labelled", action="store_true", help="the set tuned on")
    which.add_argument("--file", type=Path, action="append", help="a labelled set (repeatable)")
    args = parser.parse_args()
    if args.file:
        paths = [p.resolve() for p in args.file]
    elif args.held_out:
        paths = [HELD_OUT]
    elif args.labelled:
        paths = [LABELLED]
    else:
        paths = [p for p in (FROZEN, INDEPENDENT) if p.is_file()]
    for path in paths:
        if not path.is_file():
            parser.error(f"no such file: {path}")
    load_rubrics(str(ROOT / "rubrics"))  # cached: the timing below is grading only
    for path in paths:
        report(path, args.show, args.over)


if __name__ == "__main__":
    main()
