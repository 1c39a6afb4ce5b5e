"""A grade never depends on which sheets a worker graded before it (issue 17: a class of
10,000 had 6-11 reports differ from run to run). A grading worker keeps outcomes,
readings and instances per process; each must be keyed on everything it depends on.
The same sheets graded in two orders, each in a fresh process as a forked worker would,
give byte-identical reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# q3.a answers of the same three sentences in two orders: the sentence that gives
# Adagrad's sum to another entity comes after RMSprop was named (a swap onto RMSprop) or
# after "Both" (onto every entity). Same ideas, score, confidence and quote: the
# free-text outcome kept per item was keyed on the contradiction's id and quote only,
# so the second answer got the first one's line, naming the wrong entity.
_SUM = (
    "Adgarad sums all past squared gradients, so its effective learning rate only "
    "decreases and can become too small too early."
)
_RMSPROP = (
    "RMSprop replaces the sum with an exponentially decaying moving average, so old "
    "gradients are forgotten and the learning rate does not vanish, which works better "
    "for non-convex problems."
)
_BOTH = (
    "Both adapt a per-parameter learning rate by dividing by the root of accumulated "
    "squared gradients."
)
ANSWERS = {
    "onto-rmsprop": f"Answer: {_RMSPROP} {_SUM} {_BOTH}",
    "onto-both": f"Answer: {_RMSPROP} {_BOTH} {_SUM}",
}

_GRADE = """
import hashlib, json, sys
from examgrade.classroom.worker import grade_job, preload

paths = json.loads(sys.argv[1])
state = preload((None, 30.0, None, "checklist"))
out = {}
for path in paths:
    result = grade_job(state, (path, path, None))
    assert result[0] == "ok", result
    out[path] = [result[1].text.decode(), result[1].feedback.decode()]
print(json.dumps(out))
"""


def _sheet(folder: Path, name: str, answer: str, lang: str) -> str:
    path = folder / f"{name}-{lang}.yaml"
    path.write_text(
        f"student:\n  id: '{name}-{lang}'\n  lang: {lang}\nq3:\n  a: {json.dumps(answer)}\n",
        "utf-8",
    )
    return str(path)


def _graded(paths: list[str]) -> dict[str, list[str]]:
    """Each sheet's report and feedback page, graded in this order by one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _GRADE, json.dumps(paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def test_reports_do_not_depend_on_the_order_sheets_are_graded_in(tmp_path: Path) -> None:
    paths = [
        _sheet(tmp_path, name, answer, lang)
        for lang in ("en", "fr")
        for name, answer in ANSWERS.items()
    ]
    forward = _graded(paths)
    backward = _graded(paths[::-1])
    assert forward.keys() == backward.keys() == set(paths)
    differ = [Path(p).name for p in paths if forward[p] != backward[p]]
    assert differ == []
    # the swap onto RMSprop is named so, whichever sheet came first
    assert "You give RMSprop what Adagrad does" in forward[paths[0]][0]
    assert "You give RMSprop what Adagrad does" not in forward[paths[1]][0]
