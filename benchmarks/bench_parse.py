"""Parse time per expression in CPU time, and proof that a faster reader reads the same.

Two jobs, one corpus:

* **Same readings.** Every form in `tests/data/*forms*.yaml` (graded as its field is on
  a sheet: status, score, feedback and "read as" in EN and FR; for an expression field
  also `read_answer`'s reading, sides and guess), and a corpus of texts (both sides of
  every pair of the conformance set and every one-line string literal of the tests,
  frozen in `benchmarks/parse_corpus.json`, and a seeded soup of the language's tokens),
  each parsed in free mode and in each context of the shipped rubrics, in every mode,
  are read; a digest of each reading (the AST's repr with its spans, its printing, or
  the error's code, column and message in EN and FR) is compared with the saved
  reference `benchmarks/parse_reference.json` (digests in buckets: a changed bucket
  lists its inputs with their readings now; the readings before are the reference
  commit's). A form file or the rubrics changed since then: that group is not compared.
  `--save` writes both files, only from code whose readings are the ones to keep: they
  were first written at 0159fb5, before any speed work on the parser.
* **CPU time.** The expression-field answers of those form files, each read by
  `read_answer` (reading and parsing, as `benchmarks/forms.py` times it) and by the
  grammar alone, timed with `time.process_time` (CPU time of this process: the machine
  is shared, wall time is noisy) as the best of `--repeat` batches of 5, and the median
  over the answers printed beside the floor (0.3 ms).

    python benchmarks/bench_parse.py              # time, then compare with the reference
    python benchmarks/bench_parse.py --no-time    # only compare
    python benchmarks/bench_parse.py --no-compare # only time
    python benchmarks/bench_parse.py --save       # write the reference
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from forms import find_item, grade_form, load_forms  # noqa: E402

from examgrade.errors import ExamgradeError  # noqa: E402
from examgrade.rubric import load_rubrics  # noqa: E402

REFERENCE = ROOT / "benchmarks" / "parse_reference.json"
FORM_FILES = sorted((ROOT / "tests" / "data").glob("*forms*.yaml"))
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "equivalence.tsv"
CORPUS = ROOT / "benchmarks" / "parse_corpus.json"
BUCKETS, FORM_BUCKETS = 4096, 256
MODES = (("expr", False), ("condition", False), ("step", False), ("step", True))

#: The language's tokens, frozen here (not imported from the fuzz test, whose list may
#: grow): a seeded soup of them reaches error paths the forms do not.
_SOUP = (
    "W U b t k a h_0 x_k x z w y I e 0 1 2 3 10 0.5 1e300 1e-300 + - * / ^ ** ( ) { } [ ] _ ,"
    " | || = < > <= >= ⊙ ᵀ ^T ^{-1} ^{t-k} ^t \\top \\cdot \\frac{1}{2} \\sqrt \\hat{w}"
    " \\tilde{x} \\lambda sum_{k=1}^{t} prod_{k=1}^{t} \\sum_{j} Sum( (k,1,t)) 1[ W_ij x_i"
    " diag( rho(W) ||W||_2 log exp sigma( relu( E_q[ p(x) p(x,z) q(z|x) KL(q||p) \\int dz"
    " lambda max( det trace λ Σ W^t h₀ Wᵗ ∂h_t/∂h_0 \\| \\left( \\right) \\mathbb{E} \\sim"
    " P_g x̃ ‖w‖ −"
)
SOUP = _SOUP.split(" ")


def digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def shown_error(error: ExamgradeError) -> tuple[Any, ...]:
    message = error.message
    return ("error", error.code, error.location.column, message.render("en"), message.render("fr"))


def shown_expr(expr: Any) -> tuple[Any, ...]:
    from examgrade.mathlang.printer import to_text

    try:
        printed = to_text(expr)
    except Exception as error:  # a reading the printer refuses is a reading
        printed = f"printer: {type(error).__name__}"
    return ("expr", repr(expr), printed)


def read(fn: Callable[[], Any]) -> tuple[Any, ...]:
    try:
        return shown_expr(fn())
    except ExamgradeError as error:
        return shown_error(error)
    except Exception as error:  # recorded: an internal error is a reading too
        return ("internal", type(error).__name__)


def form_readings(rubrics: Any, path: Path) -> Iterator[tuple[str, Any]]:
    """Every form of a file graded as on a sheet, and an expression field's reading."""
    from examgrade.checks.expression import question_context, read_answer

    for form in load_forms([path]):
        if not isinstance(form, dict) or not {"field", "answer"} <= set(form):
            continue
        field, text = str(form["field"]), str(form["answer"])
        for lang in ("en", "fr"):
            result = grade_form(rubrics, {**form, "lang": lang})
            result.pop("context", None)
            yield f"form {field} {lang} {text}", sorted(result.items())
        found = find_item(rubrics, field)
        if found is not None and found[2].check == "expression":
            item = found[2]
            context = question_context(item.options)

            def reading(text: str = text, context: Any = context, item: Any = item) -> Any:
                got = read_answer(text, context, item.options)
                others = tuple(shown_expr(o) for o in got.others)
                last = None if got.last_error is None else shown_error(got.last_error)
                return shown_expr(got.expr), others, got.guess, last

            try:
                value: Any = reading()
            except ExamgradeError as error:
                value = shown_error(error)
            yield f"read {field} {text}", value


def collect_corpus(rubrics: Any) -> dict[str, Any]:
    """The conformance pairs and the tests' one-line string literals, and the names of
    each distinct context of the shipped rubrics: frozen in CORPUS by `--save`, so that
    new tests or rubrics do not move the reference."""
    from examgrade.checks.expression import question_context

    found: set[str] = set()
    if CONFORMANCE.is_file():
        for line in CONFORMANCE.read_text(encoding="utf-8").splitlines()[1:]:
            columns = line.split("\t")
            found.update(c for c in columns[1:3] if c)
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literal = node.value if isinstance(node, ast.Constant) else None
            if isinstance(literal, str) and 0 < len(literal) <= 200 and "\n" not in literal:
                found.add(literal)
    names: set[tuple[str, ...]] = set()
    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                if item.options.get("context"):
                    names.add(tuple(sorted(question_context(item.options).names())))
    return {"contexts": sorted(names), "texts": sorted(found)}


def soup() -> list[str]:
    draw = random.Random(12)
    return [" ".join(draw.choice(SOUP) for _ in range(draw.randint(1, 10))) for _ in range(1500)]


def text_readings(corpus: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    from examgrade.mathlang.parser import parse

    every = sorted({*corpus["texts"], *soup()})
    for symbols in [None, *map(tuple, corpus["contexts"])]:
        tag = "free" if symbols is None else ",".join(symbols)
        for text in every:
            for mode, probability in MODES:
                key = f"parse {tag} {mode} {probability} {text}"
                yield (
                    key,
                    read(
                        lambda t=text, s=symbols, m=mode, p=probability: parse(
                            t, s, mode=m, probability=p
                        )
                    ),
                )


def bucket(key: str, buckets: int) -> int:
    return int(digest(key)[:8], 16) % buckets


def groups(rubrics: Any, corpus: dict[str, Any]) -> dict[str, tuple[str, Callable[[], Any]]]:
    """Each group of readings: the digest of its inputs, and its readings. A form file's
    readings depend on the file and on the rubrics, the texts' on the frozen corpus."""
    rubric_text = "".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "rubrics").rglob("*.yaml"))
    )
    out: dict[str, tuple[str, Callable[[], Any]]] = {}
    for path in FORM_FILES:
        inputs = digest(path.read_text(encoding="utf-8") + rubric_text)
        out[f"forms {path.name}"] = (inputs, lambda p=path: form_readings(rubrics, p))
    out["texts"] = (digest(json.dumps(corpus)), lambda: text_readings(corpus))
    return out


def bucketed(readings: Any, buckets: int) -> tuple[list[str], int]:
    """One digest per bucket of (input, reading) pairs, and how many readings."""
    pairs: list[list[str]] = [[] for _ in range(buckets)]
    count = 0
    for key, value in readings:
        pairs[bucket(key, buckets)].append(digest(key) + digest(value))
        count += 1
    return [digest(sorted(p))[:10] for p in pairs], count


def save() -> None:
    rubrics = load_rubrics()
    corpus = collect_corpus(rubrics)
    CORPUS.write_text(json.dumps(corpus, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    saved = {}
    for name, (inputs, readings) in groups(rubrics, corpus).items():
        size = BUCKETS if name == "texts" else FORM_BUCKETS
        digests, count = bucketed(readings(), size)
        saved[name] = {"inputs": inputs, "readings": count, "buckets": digests}
        print(f"{name}: {count} readings saved")
    REFERENCE.write_text(json.dumps(saved, indent=0) + "\n", encoding="utf-8")


def compare() -> int:
    """0 when every group whose inputs are those of the reference reads the same."""
    rubrics = load_rubrics()
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    saved = json.loads(REFERENCE.read_text(encoding="utf-8"))
    status = 0
    for name, (inputs, readings) in groups(rubrics, corpus).items():
        kept = saved.get(name)
        if kept is None or kept["inputs"] != inputs:
            print(f"{name}: its inputs changed since the reference: not compared")
            continue
        digests, count = bucketed(readings(), len(kept["buckets"]))
        pairs = enumerate(zip(kept["buckets"], digests, strict=True))
        changed = {i for i, (before, now) in pairs if before != now}
        print(
            f"{name}: {count} readings, {kept['readings']} in the reference;"
            f" buckets changed: {len(changed)}/{len(digests)} (floor 0)"
        )
        if changed or count != kept["readings"]:
            status = 1
            shown = 0
            for key, value in readings():
                if bucket(key, len(digests)) in changed and shown < 40:
                    print(f"  IN A CHANGED BUCKET {key!r}\n    now {value!r}"[:600])
                    shown += 1
    return status


def cpu_times(repeat: int) -> tuple[list[float], list[float]]:
    from examgrade.checks.expression import _parse_student, question_context, read_answer

    rubrics = load_rubrics()
    full, bare = [], []
    for form in load_forms(FORM_FILES):
        if not isinstance(form, dict) or "field" not in form:
            continue
        found = find_item(rubrics, str(form["field"]))
        if found is None or found[2].check != "expression":
            continue
        options = found[2].options
        context = question_context(options)
        text = str(form["answer"])
        for fn, out in (
            (lambda t=text, c=context, o=options: read_answer(t, c, o), full),
            (lambda t=text, c=context: _parse_student(t, c), bare),
        ):
            best = float("inf")
            for _ in range(repeat):
                start = time.process_time()
                for _ in range(5):
                    with contextlib.suppress(ExamgradeError):
                        fn()
                best = min(best, (time.process_time() - start) / 5)
            out.append(best)
    return full, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", action="store_true", help="write the reference")
    parser.add_argument("--no-time", action="store_true", help="only compare the readings")
    parser.add_argument("--repeat", type=int, default=7, help="batches of 5 per answer")
    parser.add_argument("--no-compare", action="store_true", help="only time")
    args = parser.parse_args(argv)
    if not args.no_time:  # first: a process that has read 137k texts times differently
        full, bare = cpu_times(args.repeat)
        print(
            f"CPU per expression over {len(full)} answers: read_answer median"
            f" {1000 * statistics.median(full):.3f} ms, the grammar alone"
            f" {1000 * statistics.median(bare):.3f} ms (floor 0.3 ms)"
        )
    if args.save:
        save()
        return 0
    return 0 if args.no_compare else compare()


if __name__ == "__main__":
    raise SystemExit(main())
