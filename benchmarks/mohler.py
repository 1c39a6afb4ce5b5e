"""Real students' answers: the Mohler 2011 short-answer set graded through its exam pack.

Writes one sheet per answer of `dev.csv` (assignments 1-3: 630 answers to 21 questions,
each graded 0-5 by two people) into a temporary folder, grades them all with

    examgrade grade <tmp> --exam benchmarks/mohler2011 --out <tmp>/out --no-cache

and prints Pearson r and RMSE against the graders' average, per assignment and overall,
beside the graders' own agreement (r = 0.644 on these rows, Mohler et al. 2011) and the
word-overlap floor (the share of the reference answer's content words, question words
removed, found in the answer, times 5; published r = 0.517), recomputed here.

The data is read from ../shared/external/mohler2011 (or $MOHLER_DIR), never copied into
the repository. Cite Mohler, Bunescu and Mihalcea (ACL 2011) with any figure.

With `--file benchmarks/mohler2011/tuning.yaml` it grades instead a set of answers to
assignments 4-12 written for tuning (`q4_1: {answers: [{kind, score, text}, ...]}`, the
questions still read from questions.csv) and prints r, RMSE, mean and bias overall, on the
even answers (index 0, 2, 4 of a question: tuned on), on the odd ones (held back), per kind
and per assignment. `--show N` needs `--even` there: only even answers are ever printed.
Usage: python benchmarks/mohler.py [--file YAML [--show N --even]] [--show N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from text_agreement import pearson  # noqa: E402

from examgrade.yamlsafe import compose, to_plain  # noqa: E402

PACK = ROOT / "benchmarks" / "mohler2011"
DATA = Path(os.environ.get("MOHLER_DIR", ROOT.parent / "shared" / "external" / "mohler2011"))
GRADERS_R = 0.644  # grader vs grader on assignments 1-3 (the data set's README)
FLOOR_R = 0.517  # word overlap with the reference, published on the same rows
TARGET_R = 0.65

_STOP = frozenset(
    """a an the of to in on at by for with from and or but if then so as is are was were be
    been being it its this that these those there their they them he she we you i my your our
    do does did done can could will would should may might must shall not no yes than too very
    into out up down over under about after before between through during while when where
    what which who whom whose why how all any both each few more most other some such only own
    same just also has have had having one""".split()  # noqa: SIM905
)


def key(qid: str) -> str:
    """Question 4.3 is `q4_3`."""
    assignment, number = qid.split(".")
    return f"q{assignment}_{number}"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+]+", text.lower())


def overlap_score(answer: str, reference: str, question: str) -> float:
    """The floor: the reference's content words (question words removed) found in the
    answer, as a share, times 5."""
    asked = set(words(question))
    wanted = {w for w in words(reference) if w not in _STOP and w not in asked}
    if not wanted:
        return 0.0
    said = set(words(answer))
    return 5 * len(wanted & said) / len(wanted)


def rmse(xs: list[float], ys: list[float]) -> float:
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(xs, ys, strict=True)) / len(xs))


def sheet(student: str, question: str, answer: str) -> str:
    """A sheet of one bare answer, as a literal block: no escaping to get wrong."""
    # YAML cannot hold C1 control characters; the data set's mojibake has a few (U+009D)
    answer = "".join(c if c.isprintable() or c == "\n" else " " for c in answer)
    lines = [line.rstrip() for line in answer.splitlines()] or [""]
    body = "\n".join(f"  {line}" if line else "" for line in lines)
    return f"student: {{id: {student}, lang: en}}\n{question}: |-\n{body}\n"


def read_tuning(path: Path, questions: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """A tuning set's answers as dev.csv's rows (`qid` 4.3, `answer_idx` its index in the
    question's list, `average` the score), with `kind` kept; an unknown question is refused."""
    data = to_plain(compose(path.read_text(encoding="utf-8")))
    qids = {key(qid): qid for qid in questions}
    rows = []
    for name, entry in data.items():
        if name not in qids:
            sys.exit(f"{path}: {name} is not a question of questions.csv")
        for index, answer in enumerate(entry["answers"]):
            rows.append(
                {
                    "qid": qids[name],
                    "answer_idx": str(index),
                    "student_answer": str(answer["text"]),
                    "average": str(answer["score"]),
                    "kind": str(answer.get("kind", "")),
                }
            )
    return rows


def grade(rows: list[dict[str, str]], folder: Path) -> dict[str, float]:
    sheets = folder / "sheets"
    sheets.mkdir()
    for row in rows:
        sid = f"a{row['qid'].replace('.', '_')}_{row['answer_idx']}"
        (sheets / f"{sid}.yaml").write_text(sheet(sid, key(row["qid"]), row["student_answer"]))
    out = folder / "out"
    command = [sys.executable, "-m", "examgrade", "grade", str(sheets), "--exam", str(PACK)]
    command += ["--out", str(out), "--no-cache"]
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"examgrade grade failed ({done.returncode}):\n{done.stderr[-2000:]}")
    scores = {}
    for row in rows:
        sid = f"a{row['qid'].replace('.', '_')}_{row['answer_idx']}"
        report = json.loads((out / f"{sid}.json").read_text())
        found = report["questions"].get(key(row["qid"]))
        scores[sid] = float(found["score"]) if found else 0.0
    return scores


def stats(ours: list[float], gold: list[float]) -> str:
    """n, r, RMSE, mean, gold mean and bias of one group, as a table row's cells."""
    n = len(ours)
    r = pearson(ours, gold) if n > 2 else float("nan")
    mean, want = sum(ours) / n, sum(gold) / n
    return f"{n:>5}{r:>8.3f}{rmse(ours, gold):>7.3f}{mean:>7.2f}{want:>6.2f}{mean - want:>+7.2f}"


def tuning(args: argparse.Namespace, questions: dict[str, dict[str, str]]) -> None:
    """Grade a tuning set and print its figures; list differences among even answers only."""
    rows = read_tuning(args.file, questions)
    if args.keep:
        args.keep.mkdir(parents=True)
        scores = grade(rows, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            scores = grade(rows, Path(tmp))
    by: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for row in rows:
        sid = f"a{row['qid'].replace('.', '_')}_{row['answer_idx']}"
        half = "odd" if int(row["answer_idx"]) % 2 else "even"
        assignment = f"assignment {int(row['qid'].split('.')[0]):>2}"
        for group in ("all", half, f"{half}: {row['kind']}", f"{half}: {assignment}"):
            by[group][0].append(scores[sid])
            by[group][1].append(float(row["average"]))
    print(f"Mohler 2011 questions, {args.file} ({len(rows)} answers), graded with {PACK}")
    print(f"{'rows':<24}{'n':>5}{'r':>8}{'RMSE':>7}{'mean':>7}{'gold':>6}{'bias':>7}")
    order = ["all", "even", "odd"]
    order += sorted(g for g in by if g.startswith("even:")) + sorted(
        g for g in by if g.startswith("odd:")
    )
    for group in order:
        print(f"{group:<24}{stats(*by[group])}")
    # only even answers are ever printed: filtered before anything is sorted or shown
    even = [row for row in rows if int(row["answer_idx"]) % 2 == 0]
    worst = []
    for row in even:
        ours = scores[f"a{row['qid'].replace('.', '_')}_{row['answer_idx']}"]
        gold = float(row["average"])
        worst.append((abs(ours - gold), row["qid"], int(row["answer_idx"]), gold, ours, row))
    worst.sort(key=lambda w: w[:3], reverse=True)
    for diff, qid, index, gold, ours, row in worst[: args.show]:
        print(
            f"{qid:>5}#{index} {row['kind']:<7} gold {gold:.1f} ours {ours:.2f} (|d| {diff:.2f}): "
            f"{row['student_answer'][:200]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="List the N largest differences.")
    parser.add_argument("--keep", type=Path, help="Grade into this folder and keep it.")
    parser.add_argument("--file", type=Path, help="Grade a tuning set (YAML) of assignments 4-12.")
    parser.add_argument(
        "--even", action="store_true", help="With --file: --show lists even answers only."
    )
    args = parser.parse_args()
    if args.file and args.show and not args.even:
        parser.error("with --file, --show lists even answers only (tuned on): add --even")
    with open(DATA / "questions.csv", encoding="utf-8") as file:
        questions = {r["qid"]: r for r in csv.DictReader(file)}
    if args.file:
        tuning(args, questions)
        return
    with open(DATA / "dev.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    if args.keep:
        args.keep.mkdir(parents=True)
        scores = grade(rows, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            scores = grade(rows, Path(tmp))
    by: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    worst = []
    for row in rows:
        sid = f"a{row['qid'].replace('.', '_')}_{row['answer_idx']}"
        q = questions[row["qid"]]
        gold = float(row["average"])
        floor = overlap_score(row["student_answer"], q["reference_answer"], q["question"])
        for group in ("assignment " + row["qid"].split(".")[0], "all (1-3)"):
            by[group]["ours"].append(scores[sid])
            by[group]["gold"].append(gold)
            by[group]["floor"].append(floor)
            by[group]["g1"].append(float(row["grader1"]))
            by[group]["g2"].append(float(row["grader2"]))
        ours = scores[sid]
        worst.append((abs(ours - gold), row["qid"], gold, ours, row["student_answer"]))
    print("Mohler 2011, dev.csv (assignments 1-3), graded by examgrade grade --exam " + str(PACK))
    header = ("rows", "n", "r", "RMSE", "floor r", "graders r", "mean", "gold")
    widths = (14, 5, 8, 7, 9, 11, 7, 6)
    cells = zip(header, widths, strict=True)
    print("".join(f"{h:<{w}}" if h == "rows" else f"{h:>{w}}" for h, w in cells))
    for group, v in sorted(by.items(), key=lambda kv: (kv[0].startswith("all"), kv[0])):
        print(
            f"{group:<14}{len(v['ours']):>5}{pearson(v['ours'], v['gold']):>8.3f}"
            f"{rmse(v['ours'], v['gold']):>7.3f}{pearson(v['floor'], v['gold']):>9.3f}"
            f"{pearson(v['g1'], v['g2']):>11.3f}{sum(v['ours']) / len(v['ours']):>7.2f}"
            f"{sum(v['gold']) / len(v['gold']):>6.2f}"
        )
    total = by["all (1-3)"]
    r = pearson(total["ours"], total["gold"])
    print(
        f"target r >= {TARGET_R} (graders agree at {GRADERS_R}, published floor {FLOOR_R}): "
        f"r = {r:.3f}, {'met' if r >= TARGET_R else 'NOT met'}"
    )
    for diff, qid, gold, ours, text in sorted(worst, reverse=True)[: args.show]:
        print(f"{qid:>5} gold {gold:.1f} ours {ours:.2f} (|d| {diff:.2f}): {text[:160]}")


if __name__ == "__main__":
    main()
