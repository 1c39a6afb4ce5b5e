"""Where the free-text grader and the TA disagree, and why: causes, not answers.

Grades every answer of the tuning sets (tuning, tuning2 to tuning12, labelled,
independent; never the frozen one) and lists each whose machine score differs from the
TA's by `--over` points or more (1 by default), with the engine's trace: the ideas
credited, hinted, denied or missed, the contradictions and swaps, the keyword-list cap
and the confidence's reasons. Each is tagged with one CAUSE, worked out from the trace
and the answer's kind (a rule per cause, below), and the causes are counted, so that the
engine's work goes to the largest general ones rather than to single answers.

`--halves` prints MAE on the even and the odd answers (index within each item) of
tuning3 to tuning12: tune on the even ones, read the odd ones as held out. `--save FILE`
keeps every answer's machine score (JSON), `--since FILE` lists the answers whose score
moved since, each closer to or further from its TA, and the MAE per set before and after:
what a change did, answer by answer.

`--bias` tabulates the signed error (engine - TA) by item and kind, on the tuning pool and on
the odd halves apart: where the engine is biased, and whether the held-back half agrees.

    python benchmarks/text_disagreements.py [--over 1] [--list] [--cause NAME]
        [--file PATH ...] [--halves] [--save FILE] [--since FILE] [--bias]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.text_agreement import (  # noqa: E402
    DATA,
    find_item,
    human_scores,
    load_labelled,
    text_points,
)
from examgrade.checks.concepts import score_item_text  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402
from examgrade.text.grade import TextScore  # noqa: E402

#: The blind tuning sets, in the order they were written; from tuning3 on, each is halved.
TUNING = ("tuning", "tuning2", *(f"tuning{n}" for n in range(3, 17)))
SETS = (*TUNING, "labelled", "independent")
HALVES = TUNING[2:]
WRONG_KINDS = ("reversed", "misconception", "wrong")


def held_back(row: dict) -> bool:
    """An odd answer of a halved set: measured, never read while tuning."""
    return row["set"] in HALVES and row["index"] % 2 == 1


def path_of(name: str) -> Path:
    return DATA / f"free_text_{name}.yaml"


def grade(paths: list[Path]) -> list[dict]:
    """One row per answer: set, part, index in its item, kind, language, the TA's score
    (graders' mean), the machine's, and the engine's result for the trace."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    rows = []
    for path in paths:
        for key, entry in load_labelled(path).items():
            item = find_item(rubrics, key)
            if item.check != "concepts":
                continue
            points = text_points(rubrics, key)
            scale = points / item.points if item.points else 1.0
            for index, answer in enumerate(entry["answers"]):
                result = score_item_text(answer["text"], item)
                graders = human_scores(answer)
                rows.append(
                    {
                        "set": path.stem.removeprefix("free_text_"),
                        "part": key,
                        "index": index,
                        "kind": answer["kind"],
                        "lang": answer["lang"],
                        "text": answer["text"],
                        "human": sum(graders) / len(graders),
                        "machine": round(result.score * scale, 4),
                        "points": points,
                        "scale": scale,
                        "result": result,
                    }
                )
    return rows


def cause(row: dict) -> str:
    """The likeliest cause of a disagreement, read off the trace (first rule that holds).

    over-credit (machine above the TA):
      reversal/misconception missed   a reversed/misconception/wrong answer, no contradiction
      keyword cap missed              a keyword list the engine read as a claim
      keyword list over half          capped, yet the TA gives less
      vague idea given full credit    a partial/short/long/keywords answer credited in full
      ideas over-credited             an answer whose found ideas earn more than the TA gives
    under-credit (machine below the TA):
      contradiction false positive    a contradiction said, the TA sees the answer right
      swap false positive             an idea given to the wrong entity, the TA sees it right
      contradiction costs too much    a wrong claim the TA also sees, but costs less
      swap costs more than the TA takes  a reversed answer: the TA credits the mechanisms
      keyword cap wrongly applied     capped as a list, the TA gives more than half
      negation false positive         an idea denied with no contradiction to explain it
      half-idea credited as half      ideas hinted (weak), the TA gives more
      nothing recognised              on topic or off topic, no idea found, TA gives points
      idea said in other words        some ideas missing, the TA gives more
    """
    r: TextScore = row["result"]
    over = row["machine"] > row["human"]
    states = [i.state for i in r.ideas]
    said = list(r.contradictions)
    wrong_kind = row["kind"] in WRONG_KINDS
    if over:
        if r.keyword_list:
            return "keyword list over half"
        if row["kind"] == "keywords":
            return "keyword cap missed"
        if wrong_kind and not said:
            return "reversal/misconception missed"
        if wrong_kind:
            return "misconception under-costed"
        if row["kind"] in ("partial", "short", "long", "off_topic", "idk"):
            return "vague idea given full credit"
        return "ideas over-credited"
    if r.keyword_list:
        return "keyword cap wrongly applied"
    swaps = bool(said) and all(c.said_of for c in said)
    if said and not wrong_kind:
        return "swap false positive" if swaps else "contradiction false positive"
    if said:
        return "swap costs more than the TA takes" if swaps else "contradiction costs too much"
    if "negated" in states:
        return "negation false positive"
    if r.verdict != "graded" or all(s == "missing" for s in states):
        return "nothing recognised"
    if "weak" in states and "missing" not in states:
        return "half-idea credited as half"
    return "idea said in other words"


def trace(row: dict) -> str:
    """The engine's reading of one answer, on one line."""
    r: TextScore = row["result"]
    ideas = " ".join(f"{i.idea.id}:{i.state[0]}{i.credit * row['scale']:g}" for i in r.ideas)
    said = " ".join(c.id for c in r.contradictions) or "-"
    flags = ["list" if r.keyword_list else "", r.verdict if r.verdict != "graded" else ""]
    reasons = ",".join(r.confidence.reasons)
    return (
        f"ideas [{ideas}] contra [{said}] {' '.join(f for f in flags if f)} "
        f"conf {r.confidence.value:g} ({reasons})"
    )


def mae(rows: list[dict]) -> float:
    return sum(abs(r["machine"] - r["human"]) for r in rows) / len(rows) if rows else 0.0


def key_of(row: dict) -> str:
    return f"{row['set']} {row['part']}#{row['index']}"


def since(rows: list[dict], path: Path) -> None:
    """The answers whose machine score moved since `--save`d, and MAE per set then/now."""
    before = json.loads(path.read_text(encoding="utf-8"))
    moved = [
        r for r in rows if key_of(r) in before and abs(before[key_of(r)] - r["machine"]) > 1e-9
    ]
    for r in moved:
        then = before[key_of(r)]
        closer = abs(r["machine"] - r["human"]) < abs(then - r["human"])
        print(
            f"{'+' if closer else '-'} {key_of(r)} {then:g} -> {r['machine']:g} "
            f"(TA {r['human']:g}) {r['text'][:90]}"
        )
    for name in dict.fromkeys(r["set"] for r in rows):
        mine = [r for r in rows if r["set"] == name and key_of(r) in before]
        then = sum(abs(before[key_of(r)] - r["human"]) for r in mine) / len(mine)
        print(f"  {name}: MAE {then:.3f} -> {mae(mine):.3f}")


def bias(rows: list[dict]) -> None:
    """Signed error (engine - TA) by item and kind, on the tuning pool (every answer of the
    sets but the held-back odd halves and the independent set) and on the odd halves: a
    bias shared by both halves points at an idea's weight, a floor or a cap; one in the
    even pool only is a pattern for a few answers."""

    def table(title: str, pool: list[dict]) -> None:
        cells: dict[tuple[str, str], list[float]] = {}
        for r in pool:
            cells.setdefault((r["part"], r["kind"]), []).append(r["machine"] - r["human"])
        kinds = sorted({k for _, k in cells})
        print(f"{title} ({len(pool)} answers): mean signed error / answers")
        print("part".ljust(18) + "".join(k[:9].rjust(11) for k in kinds) + "all".rjust(9))
        for part in sorted({p for p, _ in cells}):
            line = part[:17].ljust(18)
            for k in kinds:
                v = cells.get((part, k))
                line += (f"{sum(v) / len(v):+.2f}/{len(v)}" if v else "").rjust(11)
            mine = [r["machine"] - r["human"] for r in pool if r["part"] == part]
            print(line + f"{sum(mine) / len(mine):+.3f}".rjust(9))

    held = [r for r in rows if held_back(r)]
    pool = [r for r in rows if r not in held and r["set"] != "independent"]
    table("tuning pool", pool)
    table("odd halves, held back", held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=float, default=1.0, help="min |machine - TA|")
    parser.add_argument("--list", action="store_true", help="list each disagreement")
    parser.add_argument("--cause", help="list only this cause")
    parser.add_argument("--file", type=Path, action="append", help="a labelled set instead")
    parser.add_argument("--halves", action="store_true", help="even/odd MAE of tuning3 to 6")
    parser.add_argument("--save", type=Path, help="keep every machine score in this file")
    parser.add_argument("--since", type=Path, help="list the scores moved since --save")
    parser.add_argument("--bias", action="store_true", help="signed error by item x kind")
    parser.add_argument(
        "--pool", action="store_true", help="tuning pool only: never show a held-back odd answer"
    )
    parser.add_argument("--kind", action="append", help="only answers of this kind (repeatable)")
    args = parser.parse_args()
    if args.halves:
        rows = grade([path_of(n) for n in HALVES])
        for name in HALVES:
            mine = [r for r in rows if r["set"] == name]
            even = [r for r in mine if r["index"] % 2 == 0]
            odd = [r for r in mine if r["index"] % 2 == 1]
            print(
                f"{name}: all {mae(mine):.3f} even {mae(even):.3f} ({len(even)}) "
                f"odd {mae(odd):.3f} ({len(odd)})"
            )
        both = [r for r in rows if r["index"] % 2 == 1]
        print(f"odd halves together: {mae(both):.3f} ({len(both)})")
        return
    paths = args.file or [path_of(n) for n in SETS]
    rows = grade(paths)
    if args.pool:
        rows = [r for r in rows if not held_back(r)]
    if args.kind:
        rows = [r for r in rows if r["kind"] in args.kind]
    if args.save:
        scores = {key_of(r): r["machine"] for r in rows}
        args.save.write_text(json.dumps(scores, indent=0), encoding="utf-8")
    if args.since:
        since(rows, args.since)
        return
    if args.bias:
        bias(rows)
        return
    far = [r for r in rows if abs(r["machine"] - r["human"]) >= args.over - 1e-9]
    for r in far:
        r["cause"] = cause(r)
    counts = Counter(r["cause"] for r in far)
    print(f"{len(far)} of {len(rows)} answers {args.over:g}+ points from the TA, by cause:")
    for name, n in counts.most_common():
        subset = [r for r in far if r["cause"] == name]
        gap = sum(abs(r["machine"] - r["human"]) for r in subset)
        print(f"  {n:>4}  {gap:>6.1f} pts  {name}")
    parts = Counter((r["part"], r["cause"]) for r in far)
    print(
        "  largest (part, cause) pairs: "
        + ", ".join(f"{p} {c} {n}" for (p, c), n in parts.most_common(8))
    )
    by_set = Counter(r["set"] for r in far)
    print("  per set: " + ", ".join(f"{k} {v}" for k, v in by_set.items()))
    by_lang = Counter(r["lang"] for r in far)
    print("  per language: " + ", ".join(f"{k} {v}" for k, v in by_lang.items()))
    if args.list or args.cause:
        for r in far:
            if args.cause and r["cause"] != args.cause:
                continue
            print(
                f"\n[{r['cause']}] {r['set']} {r['part']}#{r['index']} {r['kind']}/{r['lang']} "
                f"TA {r['human']:g} machine {r['machine']:g}/{r['points']:g}\n"
                f"  {r['text']}\n  {trace(r)}"
            )


if __name__ == "__main__":
    main()
