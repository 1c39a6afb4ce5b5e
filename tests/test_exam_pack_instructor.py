"""An instructor writes a new pack from the README alone: each rubric mistake they make is
refused with its file, line, what is wrong and the fix (a second exam, on attention)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.rubric import load_rubrics

runner = CliRunner()

EXAM = """\
id: attention
title: {en: 'Attention', fr: 'Attention'}
languages: [en, fr]
total: 5
questions:
  - {key: q1, points: 5, parts: [a]}
"""

SCALE = """\
question: q1
points: 5
title: {en: 'Scaling', fr: 'Mise à l échelle'}
text: {en: 'Why divide by sqrt(d_k)?', fr: 'Pourquoi diviser par sqrt(d_k) ?'}
parts:
  a:
    title: {en: 'Explain', fr: 'Expliquez'}
    points: 5
    check: concepts
    options:
      form: text
      ideas:
        - id: variance-grows
          points: 3
          statement: {en: 'Var(q.k) grows with d_k.', fr: 'Var(q.k) croît avec d_k.'}
          model: {en: 'q.k has variance d_k.', fr: 'q.k a une variance d_k.'}
          patterns: ['variance grow*|larg*', 'variance croi*|grand*']
        - id: saturates
          points: 2
          statement: {en: 'The softmax saturates.', fr: 'Le softmax sature.'}
          model: {en: 'Large logits saturate the softmax.', fr: 'Le softmax sature.'}
          patterns: ['softmax saturat*', 'softmax satur*']
      contradictions:
        - id: sums-to-one
          points: 2
          negates: [variance-grows]
          statement: {en: 'It makes the weights sum to one.', fr: 'Les poids somment à un.'}
          patterns: ['sum+to+one']
"""


@pytest.fixture(autouse=True)
def _no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    load_rubrics.cache_clear()


def _pack(tmp_path: Path, rubric: str = SCALE) -> Path:
    pack = tmp_path / "attention"
    (pack / "rubrics").mkdir(parents=True)
    (pack / "exam.yaml").write_text(EXAM)
    (pack / "rubrics" / "q1.yaml").write_text(rubric)
    return pack


def test_the_pack_as_written_is_valid(tmp_path: Path) -> None:
    shown = runner.invoke(app, ["exam", "validate", str(_pack(tmp_path))])
    assert shown.exit_code == 0, shown.output


def test_feedback_on_a_contradiction_is_refused_with_the_keys_it_takes(tmp_path: Path) -> None:
    """A contradiction's feedback is its statement and the student's sentence: an instructor
    who writes `feedback:` under it is told which keys a contradiction takes."""
    rubric = SCALE + "          feedback: {en: 'The softmax already sums to one.', fr: 'x'}\n"
    shown = runner.invoke(app, ["exam", "validate", str(_pack(tmp_path, rubric))])
    assert shown.exit_code == 2
    assert "q1.yaml" in shown.output and "feedback" in shown.output
    assert "negates" in shown.output and "statement" in shown.output


SIZES_EXAM = """\
id: attention-sizes
title: {en: 'Attention', fr: 'Attention'}
languages: [en, fr]
total: 10
questions:
  - {key: q1, points: 5, parts: [a]}
  - {key: q2, points: 5, parts: [a]}
"""

OUTPUT_SIZE = """\
question: q1
points: 5
title: {en: 'Output size', fr: 'Taille de la sortie'}
text: {en: 'Q is {n}x64, V is 20x{d_v}: the size of the output?', fr: 'Q est {n}x64 : la taille ?'}
parameters: {n: 10, d_v: 32}
parts:
  a:
    title: {en: 'Size', fr: 'Taille'}
    points: 5
    check: shape
    solver: attn_pack.output_size
    mistakes:
      - id: keys-rows
        answer: 20x32
        points: 1
        feedback: {en: 'One row per query, not per key.', fr: 'Une ligne par requête.'}
"""

PARAMETERS = """\
question: q2
points: 5
title: {en: 'Parameters', fr: 'Paramètres'}
text: {en: 'How many parameters?', fr: 'Combien de paramètres ?'}
parameters: {d_model: 512}
parts:
  a:
    title: {en: 'Count', fr: 'Nombre'}
    points: 5
    check: number
    solver: attn_pack.parameters
"""

SOLVERS = """\
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution


@register_solver('attn_pack.output_size')
def output_size(params):
    return Solution((params['n'], params['d_v']))


@register_solver('attn_pack.parameters')
def parameters(params):
    return Solution(4 * params['d_model'] ** 2 + 4 * params['d_model'])
"""


@pytest.fixture(scope="module")
def sizes_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pack for the module: its solvers.py registers its names once per process."""
    pack = tmp_path_factory.mktemp("packs") / "sizes"
    (pack / "rubrics").mkdir(parents=True)
    (pack / "exam.yaml").write_text(SIZES_EXAM)
    (pack / "rubrics" / "q1.yaml").write_text(OUTPUT_SIZE)
    (pack / "rubrics" / "q2.yaml").write_text(PARAMETERS)
    (pack / "solvers.py").write_text(SOLVERS)
    return pack


def _scores(pack: Path, tmp_path: Path, q1: str, q2: str, lang: str = "en") -> tuple[str, str]:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(f"student: {{id: s1, lang: {lang}}}\nq1: '{q1}'\nq2: '{q2}'\n")
    shown = runner.invoke(app, ["check", str(sheet), "--exam", str(pack), "--json"])
    assert shown.exit_code == 0, shown.output
    graded = json.loads(shown.output)["questions"]
    return (
        f"{graded['q1']['score']:g} {graded['q1']['parts']['a']['status']}",
        f"{graded['q2']['score']:g} {graded['q2']['parts']['a']['status']}",
    )


@pytest.mark.parametrize(
    ("q1", "expected"),
    [
        ("10x32", "5 correct"),
        ("10 × 32", "5 correct"),
        ("10 by 32", "5 correct"),
        ("(10, 32)", "5 correct"),
        ("n x d_v = 10 x 32", "5 correct"),
        ("20 x 32", "1 partial"),
        ("32x10", "0 incorrect"),
        ("10x32x8", "0 invalid"),
    ],
)
def test_a_rectangular_size_is_read_as_rows_by_columns(
    tmp_path: Path, sizes_pack: Path, q1: str, expected: str
) -> None:
    """An attention output is n × d_v: `check: shape` compares both dimensions, where
    `size` (one square size) refused every right answer as 'different dimensions'."""
    pack = sizes_pack
    checked = runner.invoke(app, ["exam", "validate", str(pack)])
    assert checked.exit_code == 0, checked.output
    assert _scores(pack, tmp_path, q1, "1050624")[0] == expected


@pytest.mark.parametrize(
    "written", ["1 050 624", "1\u202f050\u202f624", "1050624", "1,050,624", "1 050 624.0"]
)
def test_a_number_in_groups_of_three_is_one_number(
    tmp_path: Path, sizes_pack: Path, written: str
) -> None:
    """French and SI typography group digits by spaces: `1 050 624` is a million, not the
    product 1 × 050 × 624 it read as (scored 0 with no word why)."""
    assert _scores(sizes_pack, tmp_path, "10x32", written, "fr")[1] == "5 correct"


@pytest.mark.parametrize("written", ["25 25", "1 05", "12 345 67", "1,05,624", "1,050"])
def test_numbers_that_are_not_groups_of_three_stay_as_typed(
    tmp_path: Path, sizes_pack: Path, written: str
) -> None:
    assert _scores(sizes_pack, tmp_path, "10x32", written)[1] != "5 correct"


VARIANCE = """\
question: q1
points: 5
title: {en: 'Variance', fr: 'Variance'}
text: {en: 'Var(q.k)?', fr: 'Var(q.k) ?'}
contexts:
  dot:
    symbols:
      d: {domain: int}
      s: {domain: positive}
parts:
  a:
    title: {en: 'Var(q.k)', fr: 'Var(q.k)'}
    points: 5
    check: expression
    options: {context: dot, reference: 'd s^4'}
    mistakes:
      - id: squared-once
        points: 2
        options: {expression: 'd*t^2'}
        feedback: {en: 'Each product has variance s^4.', fr: 'Chaque produit a une variance s^4.'}
"""


@pytest.mark.parametrize(("lang", "words"), [("en", "line 17"), ("fr", "ligne 17")])
def test_an_unreadable_mistake_expression_names_its_file_and_line(
    tmp_path: Path, lang: str, words: str
) -> None:
    """A known mistake written with a name the context lacks (`t` for `s`) was reported
    with no file or line at all: it now names the rubric, the mistake's line and the names."""
    shown = runner.invoke(app, ["exam", "validate", str(_pack(tmp_path, VARIANCE)), "--lang", lang])
    assert shown.exit_code == 2
    assert "q1.yaml" in shown.output and words in shown.output
    assert "d, s" in shown.output


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        ("q1.yaml", "answer: 20x32", "answer: 20x", ["keys-rows", "20x", "line 13"]),
        ("q2.yaml", "points: 5\n    check: number", "points: 5\n    check: number\n"
         "    mistakes:\n      - {id: guess, answer: 'one million', points: 1, "
         "feedback: {en: a, fr: b}}", ["guess", "one million"]),
        ("q1.yaml", "        points: 1\n", "        points: 7\n", ["keys-rows", "7 points"]),
    ],
)  # fmt: skip
def test_a_known_mistake_that_could_never_be_given_is_refused(
    sizes_pack: Path, tmp_path: Path, file: str, old: str, new: str, words: list[str]
) -> None:
    """A known mistake's literal answer is read as a student's at load (unreadable, it made
    every wrong answer of the class 'invalid'), and one worth more than its item is refused
    (it was capped unseen)."""
    pack = tmp_path / "broken"
    shutil.copytree(sizes_pack, pack)
    own = "attn_" + re.sub(r"\W", "_", tmp_path.name) + "."  # a copy registers its own names
    for path in (pack / "solvers.py", *(pack / "rubrics").glob("*.yaml")):
        path.write_text(path.read_text().replace("attn_pack.", own))
    rubric = pack / "rubrics" / file
    assert old in rubric.read_text()
    rubric.write_text(rubric.read_text().replace(old, new, 1))
    shown = runner.invoke(app, ["exam", "validate", str(pack)])
    assert shown.exit_code == 2, shown.output
    assert file in shown.output and "Traceback" not in shown.output
    for word in words:
        assert word in shown.output


@pytest.mark.parametrize(("lang", "words"), [("en", "rows × columns"), ("fr", "lignes × colonnes")])
def test_a_rectangular_size_reads_as_rows_by_columns_everywhere(
    sizes_pack: Path, lang: str, words: str
) -> None:
    """explain shows the answer and the known mistake as the question writes a size, and
    the blank sheet asks for rows × columns, not 'a size such as 7x7'."""
    shown = runner.invoke(app, ["explain", "q1", "--exam", str(sizes_pack), "--lang", lang])
    assert shown.exit_code == 0, shown.output
    assert "10x32" in shown.output and "20x32" in shown.output
    blank = runner.invoke(app, ["template", "--exam", str(sizes_pack), "--lang", lang])
    assert words in blank.output and "7x7" not in blank.output.split("q1:")[1].split("\n")[0]


def test_a_number_field_given_several_values_says_number_not_size(
    sizes_pack: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("student: {id: s1}\nq1: 10x32\nq2: '3, 4'\n")
    shown = runner.invoke(app, ["check", str(sheet), "--exam", str(sizes_pack), "--json"])
    feedback = json.loads(shown.output)["questions"]["q2"]["parts"]["a"]["feedback"]["en"]
    assert "one number" in feedback and "size" not in feedback


def test_a_part_flagged_for_unreadable_answers_names_their_students(
    sizes_pack: Path, tmp_path: Path
) -> None:
    """The class summary's 'many answers could not be read' named nobody: a TA then opened
    every sheet to find them."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for sid, count in (("ok1", "1050624"), ("ok2", "1050624"), ("bad1", "a lot")):
        (sheets / f"{sid}.yaml").write_text(f"student: {{id: {sid}}}\nq1: 10x32\nq2: '{count}'\n")
    out = tmp_path / "graded"
    shown = runner.invoke(app, ["grade", str(sheets), "--out", str(out), "--exam", str(sizes_pack)])
    assert shown.exit_code == 0, shown.output
    stats = json.loads((out / "class" / "stats.json").read_text())
    flag = next(f for f in stats["flagged"] if f["part"] == "q2.a")
    assert "invalid" in flag["reasons"] and flag["students"] == ["bad1"]
    assert "bad1" in (out / "report.html").read_text()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1.050624 million", "5 correct"),
        ("one million", "0 incorrect"),
        ("1,05 million", "0 incorrect"),
    ],
)
def test_a_number_with_its_scale_word_is_read_whole(
    sizes_pack: Path, tmp_path: Path, written: str, expected: str
) -> None:
    """`one million` read as 1 and `deux mille` as 2: the scale word was dropped as prose."""
    assert _scores(sizes_pack, tmp_path, "10x32", written, "fr")[1] == expected
    sheet = tmp_path / "sheet.yaml"
    shown = runner.invoke(app, ["check", str(sheet), "--exam", str(sizes_pack), "--json"])
    feedback = json.loads(shown.output)["questions"]["q2"]["parts"]["a"]["feedback"]["en"]
    assert "read as 1050" in feedback or "read as 1000000" in feedback


@pytest.mark.parametrize(("typo", "near"), [("{expectd}", "{expected}"), ("{d_V}", "{d_v}")])
def test_a_misspelt_placeholder_is_refused_at_its_line(
    sizes_pack: Path, tmp_path: Path, typo: str, near: str
) -> None:
    """`{expectd}` in a feedback reached every student as typed; braces that name nothing
    near a placeholder (`W^{t}`) stay the text's own."""
    pack = tmp_path / "typo"
    shutil.copytree(sizes_pack, pack)
    own = "attn_" + re.sub(r"\W", "_", tmp_path.name) + "."
    for path in (pack / "solvers.py", *(pack / "rubrics").glob("*.yaml")):
        path.write_text(path.read_text().replace("attn_pack.", own))
    rubric = pack / "rubrics" / "q1.yaml"
    text = rubric.read_text().replace(
        "    mistakes:\n",
        "    feedback:\n      incorrect: {en: 'W^{t} gives " + typo + "', fr: 'donne " + typo
        + "'}\n    mistakes:\n",
    )  # fmt: skip
    rubric.write_text(text)
    shown = runner.invoke(app, ["exam", "validate", str(pack)])
    assert shown.exit_code == 2, shown.output
    assert "q1.yaml" in shown.output and typo in shown.output and near in shown.output
