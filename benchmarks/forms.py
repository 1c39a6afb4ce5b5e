"""How many ways of writing an answer examgrade reads: correct forms given full marks,
wrong forms refused, per field and overall, the failures with the feedback they got, any
feedback that leaks an internal message, and the median parse time per expression.

A form file is a YAML list, one entry per form::

    - {field: q2.b, lang: en, answer: "∂h_t/∂h_0 = Wᵗ", correct: true}

`field` is the dotted path of the field in the answer sheet (contract, section 1),
`correct` says whether the answer deserves the field's full marks per the key.

    python benchmarks/forms.py                      # tests/data/forms_tuning.yaml
    python benchmarks/forms.py --file A.yaml --file B.yaml
    python benchmarks/forms.py --file tests/data/forms_blind3.yaml --half even   # tune on these
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from examgrade.checks import CheckContext, get_check
from examgrade.engine import Solver
from examgrade.errors import Location
from examgrade.nodes import Scalar
from examgrade.rubric import load_rubrics

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "forms_tuning.yaml"
#: What a student must never see: Python class names, the evaluator's jargon, a traceback.
INTERNAL = re.compile(
    r"Traceback|Error\b|Exception|\bindex\(es\)|\bReduce\b|\bBinOp\b|\bCall\b|\bSymbol\b"
    r"|\bNone\b|\bself\b|File \"|line \d+, in|\bnode\b|\bAST\b|_[a-z]+_[a-z]+\("
)


def find_item(rubrics: Any, field: str) -> tuple[Any, Any, Any] | None:
    """The question, part and item a dotted sheet path names (`q4.b.i`, `q2.c.vanishes_if`)."""
    question_key, _, rest = field.partition(".")
    question = rubrics.questions.get(question_key)
    if question is None:
        return None
    for part in sorted(question.parts, key=lambda p: -len(p.key)):
        if rest == part.key:
            items = [i for i in part.items if i.field is None]
            if not items and part.takes_mapping:  # a bare string: the part's text field
                items = [i for i in part.items if i.field == part.text_field]
            return (question, part, items[0]) if items else None
        if rest.startswith(part.key + "."):
            name = rest[len(part.key) + 1 :]
            items = [i for i in part.items if i.field == name]
            return (question, part, items[0]) if items else None
    return None


def grade_form(rubrics: Any, form: dict[str, Any]) -> dict[str, Any]:
    """One form graded as its field would be on a sheet."""
    found = find_item(rubrics, str(form["field"]))
    if found is None:
        return {"error": f"no graded field {form['field']}"}
    question, part, item = found
    kind = get_check(item.check)
    assert kind is not None
    ctx = CheckContext(question, part, item, question.parameters, Solver(question.parameters))
    node = Scalar(str(form["answer"]), Location("forms", 1, 1), "'")
    outcome = kind.grade(node, ctx)
    lang = form.get("lang", "en")
    texts = [t.render(lang) for t in outcome.feedback]
    if outcome.reading is not None and outcome.reading not in outcome.feedback:
        texts.append(outcome.reading.render(lang))
    return {
        # a field worth no points has full marks only when judged correct
        "full": outcome.status == "correct"
        if not item.points
        else outcome.score >= item.points - 1e-9,
        "score": outcome.score,
        "max": item.points,
        "status": outcome.status,
        "feedback": " | ".join(texts),
        "kind": item.check,
        "context": item.options.get("context"),
    }


def parse_times(
    forms: list[dict[str, Any]], rubrics: Any
) -> tuple[list[float], list[tuple[float, float]]]:
    """Seconds to read each expression-field answer (reading and parsing, no judging),
    best of 5; and, for the answers the grammar reads as typed, that time beside the
    grammar's alone, measured at the same moment (the machine's load moves both)."""
    from examgrade.checks.expression import _parse_student, question_context, read_answer
    from examgrade.errors import MathError

    times, pairs = [], []
    for form in forms:
        found = find_item(rubrics, str(form["field"]))
        if found is None or found[2].check != "expression":
            continue
        item = found[2]
        context = question_context(item.options)
        text = str(form["answer"])
        best = best_bare = float("inf")
        typed = True
        for _ in range(5):
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                read_answer(text, context, item.options)
            best = min(best, time.perf_counter() - start)
            start = time.perf_counter()
            try:
                _parse_student(text, context)
            except MathError:
                typed = False
            best_bare = min(best_bare, time.perf_counter() - start)
        times.append(best)
        if typed:
            pairs.append((best, best_bare))
    return times, pairs


def load_forms(paths: list[Path], half: str | None = None) -> list[dict[str, Any]]:
    """Every form of the files, or only those at even or odd positions of each file."""
    forms: list[dict[str, Any]] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            sys.exit(f"{path}: expected a list of forms")
        if half is not None:
            data = data[0 if half == "even" else 1 :: 2]
        forms.extend(data)
    return forms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", action="append", type=Path, help="a YAML file of forms")
    parser.add_argument("--quiet", action="store_true", help="no list of failures")
    parser.add_argument(
        "--half",
        choices=("even", "odd"),
        help="only the forms at even (0, 2, ...) or odd positions of each file; "
        "the odd half of a blind set is held back, so it prints its counts, never its forms",
    )
    args = parser.parse_args(argv)
    every = load_forms(args.file or [DEFAULT], args.half)
    if args.half == "odd":
        args.quiet = True
    forms = [f for f in every if isinstance(f, dict) and {"field", "answer", "correct"} <= set(f)]
    rubrics = load_rubrics()
    per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    failures, leaks, unknown = [], [], []
    for form in every:
        if not isinstance(form, dict) or not {"field", "answer", "correct"} <= set(form):
            unknown.append(({"field": repr(form)[:60]}, "not a form (field, answer, correct)"))
            continue
        result = grade_form(rubrics, form)
        if "error" in result:
            unknown.append((form, result["error"]))
            continue
        counts = per_field[str(form["field"])]
        if form["correct"]:
            counts[1] += 1
            counts[0] += result["full"]
            ok = result["full"]
        else:
            counts[3] += 1
            counts[2] += not result["full"]
            ok = not result["full"]
        if not ok:
            failures.append((form, result))
        if INTERNAL.search(result["feedback"]):
            leaks.append((form, result))
    print(f"{'field':28} {'correct: full':>15} {'wrong: refused':>15}")
    total = [0, 0, 0, 0]
    for field in sorted(per_field):
        c = per_field[field]
        total = [a + b for a, b in zip(total, c, strict=True)]
        print(f"{field:28} {c[0]:>7}/{c[1]:<7} {c[2]:>7}/{c[3]:<7}")
    ratio_c = total[0] / total[1] if total[1] else 1.0
    ratio_w = total[2] / total[3] if total[3] else 1.0
    print(
        f"{'overall':28} {total[0]:>7}/{total[1]:<7} {total[2]:>7}/{total[3]:<7}"
        f"  ({100 * ratio_c:.1f}% correct full, floor 98%; "
        f"{100 * ratio_w:.1f}% wrong refused, floor 100%)"
    )
    if not args.quiet:
        for form, result in failures:
            want = "correct" if form["correct"] else "wrong"
            print(
                f"FAIL {form['field']} [{form.get('lang', 'en')}] {want}: {form['answer']!r}"
                f" -> {result['score']}/{result['max']} {result['status']}: {result['feedback']}"
            )
    for form, result in leaks if not args.quiet else []:
        print(f"INTERNAL {form['field']}: {form['answer']!r} -> {result['feedback']}")
    for form, error in unknown:
        print(f"SKIPPED {form.get('field')}: {error}")
    print(f"internal messages in feedback: {len(leaks)} (floor 0)")
    times, pairs = parse_times(forms, rubrics)
    if times:
        print(
            f"parse time per expression: median {1000 * statistics.median(times):.3f} ms"
            f" over {len(times)} (floor 0.3 ms)"
        )
    if pairs:
        print(
            f"  on the {len(pairs)} the grammar reads as typed: reading"
            f" {1000 * statistics.median(p[0] for p in pairs):.3f} ms, the grammar alone"
            f" {1000 * statistics.median(p[1] for p in pairs):.3f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
