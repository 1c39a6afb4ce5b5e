"""Exam packs (examgrade.exam): a pack made with `exam new` and filled with other
questions grades end to end without touching examgrade; a broken pack is refused with
its file and line; `--exam` and EXAMGRADE_EXAM name it on every command."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.errors import RubricError
from examgrade.exam import default_exam, load_exam
from examgrade.rubric import load_rubrics
from examgrade.sheet import parse_sheet

runner = CliRunner()
CANVAS = ("--format", "canvas")

EXAM = """\
id: physics-quiz
title: {en: 'A physics quiz'}
languages: [en]
total: 7
questions:
  - {key: why_sky, points: 4, parts: [a]}
  - {key: count, points: 3, parts: [a]}
"""

WHY_SKY = """\
question: why_sky
points: 4
title: {en: 'Why is the sky blue?'}
text: {en: 'Why is the sky blue?'}
parts:
  a:
    title: {en: 'Explain'}
    points: 4
    check: concepts
    options:
      form: text
      ideas:
        - id: scattering
          points: 3
          statement: {en: 'Air scatters sunlight (Rayleigh scattering).'}
          model: {en: 'Molecules of air scatter sunlight.'}
          patterns: ['scatter*|rayleigh']
        - id: short-waves
          points: 1
          statement: {en: 'Short (blue) wavelengths scatter most.'}
          model: {en: 'Blue light, of short wavelength, is scattered more.'}
          patterns: ['short*|blue wavelength*|light']
"""

COUNT = """\
question: count
points: 3
title: {en: 'Planets'}
text: {en: 'How many planets orbit the Sun?'}
parts:
  a:
    title: {en: 'The number'}
    points: 3
    check: number
    solver: given.value
    params: {value: 8}
"""


@pytest.fixture(autouse=True)
def _no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    load_rubrics.cache_clear()


def _pack(tmp_path: Path) -> Path:
    """`exam new`, then filled with a text question and a number question."""
    pack = tmp_path / "quiz"
    made = runner.invoke(app, ["exam", "new", str(pack)])
    assert made.exit_code == 0, made.output
    for old in (pack / "rubrics").glob("*.yaml"):
        old.unlink()
    (pack / "exam.yaml").write_text(EXAM)
    (pack / "rubrics" / "why_sky.yaml").write_text(WHY_SKY)
    (pack / "rubrics" / "count.yaml").write_text(COUNT)
    return pack


def test_the_skeleton_pack_is_valid_and_its_sample_sheet_grades(tmp_path: Path) -> None:
    pack = tmp_path / "new-exam"
    assert runner.invoke(app, ["exam", "new", str(pack)]).exit_code == 0
    checked = runner.invoke(app, ["exam", "validate", str(pack)])
    assert checked.exit_code == 0, checked.output
    assert "2 questions" in checked.output
    graded = runner.invoke(
        app, ["check", str(pack / "answers" / "example.yaml"), "--exam", str(pack), "--json"]
    )
    assert graded.exit_code == 0, graded.output
    assert '"score": 10' in graded.output.replace(".0", "")
    again = runner.invoke(app, ["exam", "new", str(pack)])
    assert again.exit_code == 2 and "exam.yaml" in again.output


def test_exam_new_on_a_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    """`examgrade exam new answers/ada-en.yaml` ended in NotADirectoryError's traceback."""
    taken = tmp_path / "notes.yaml"
    taken.write_text("a: 1\n")
    made = runner.invoke(app, ["exam", "new", str(taken), "--lang", "fr"])
    assert made.exit_code == 2 and "Traceback" not in made.output, made.output
    assert "impossible de créer le paquet d'examen ici" in made.output
    assert taken.read_text() == "a: 1\n"


def test_a_filled_pack_grades_a_class_into_its_own_columns(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "ann.yaml").write_text(
        "student: {id: ann, name: Ann, lang: en}\n"
        "why_sky: 'Air molecules scatter the short blue wavelengths of sunlight.'\n"
        "count: 8\n"
    )
    (sheets / "bob.yaml").write_text(
        "student: {id: bob, name: Bob, lang: en}\nwhy_sky: {a: 'Because of the ocean.'}\n"
        "count: {a: 9}\nq1: 'not a question of this exam'\n"
    )
    out = tmp_path / "out"
    done = runner.invoke(
        app,
        ["grade", str(sheets), "--out", str(out), "--exam", str(pack), "-j", "1", *CANVAS],
    )
    assert done.exit_code == 0, done.output
    rows = list(csv.reader((out / "grades.csv").open()))
    assert rows[0] == ["id", "name", "why_sky", "count", "total"]
    assert rows[1] == ["ann", "Ann", "4", "3", "7"]
    assert rows[2] == ["bob", "Bob", "0", "0", "0"]
    canvas = list(csv.reader((out / "canvas.csv").open()))
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][-1] == "7"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>A physics quiz: class report</title>" in report and "Mean (/7)" in report
    assert "IFT6135" not in report


def test_the_environment_names_the_pack(tmp_path: Path, monkeypatch) -> None:
    pack = _pack(tmp_path)
    monkeypatch.setenv("EXAMGRADE_EXAM", str(pack))
    shown = runner.invoke(app, ["template"])
    assert shown.exit_code == 0, shown.output
    assert "why_sky:" in shown.output and "q1:" not in shown.output
    unknown = runner.invoke(app, ["explain", "q1"])
    assert unknown.exit_code == 2 and "why_sky" in unknown.output


def test_the_bundled_exam_is_a_pack_too() -> None:
    exam = default_exam()
    assert exam.keys == tuple(f"q{n}" for n in range(1, 9))
    assert exam.total == 100 and exam.languages == ("en", "fr")
    assert exam.short_name.render("fr") == "Examen final IFT6135"  # report.html's title
    sheet = parse_sheet("student: {id: x}\nq9: 1\n")
    assert not sheet.answers and "q9" in str(sheet.warnings[0].params)


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "line"),
    [
        ("exam.yaml", "total: 7", "total: 8", "rubric.points_sum", 5),
        ("exam.yaml", "languages: [en]", "languages: [en, fr]", "exam.needs_language", 2),
        ("exam.yaml", "key: count", "key: Count!", "exam.bad_key", 7),
        ("exam.yaml", "parts: [a]}\n", "parts: [a, b]}\n", "exam.parts_differ", 5),
        ("rubrics/count.yaml", "given.value", "nowhere.value", "rubric.unknown_solver", 10),
        ("rubrics/count.yaml", "check: number", "check: guess", "rubric.unknown_check", 7),
        ("rubrics/count.yaml", "points: 3\n    check", "points: 2\n    check", "rubric", 7),
    ],
)
def test_a_broken_pack_is_refused_with_its_file_and_line(
    tmp_path: Path, file: str, old: str, new: str, code: str, line: int
) -> None:
    pack = _pack(tmp_path)
    path = pack / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(RubricError) as caught:
        load_rubrics(str(pack))
    assert caught.value.code.startswith(code)
    assert caught.value.location.file and caught.value.location.line
    shown = runner.invoke(app, ["exam", "validate", str(pack)])
    assert shown.exit_code == 2 and "Traceback" not in shown.output


def test_a_missing_rubric_is_named(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "rubrics" / "count.yaml").unlink()
    shown = runner.invoke(app, ["exam", "validate", str(pack)])
    assert shown.exit_code == 2 and "count.yaml" in shown.output


def test_a_pack_s_own_solvers_are_loaded_from_it(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "solvers.py").write_text(
        "from examgrade.solvers import register_solver\n"
        "from examgrade.solvers.solution import Solution\n\n\n"
        "@register_solver('quiz_pack.planets')\n"
        "def planets(params):\n"
        "    return Solution(params['known'] - params['demoted'])\n"
    )
    rubric = pack / "rubrics" / "count.yaml"
    rubric.write_text(
        rubric.read_text().replace(
            "solver: given.value\n    params: {value: 8}",
            "solver: quiz_pack.planets\n    params: {known: 9, demoted: 1}",
        )
    )
    rubrics = load_rubrics(str(pack))
    sheet = parse_sheet("student: {id: x}\ncount: 8\n", keys=rubrics.keys)
    from examgrade.engine import grade_sheet

    assert grade_sheet(sheet, rubrics).score == 3


def test_a_broken_solvers_file_is_an_instructor_error(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "solvers.py").write_text("raise RuntimeError('oops')\n")
    with pytest.raises(RubricError) as caught:
        load_rubrics(str(pack))
    assert caught.value.code == "exam.solvers_failed"


def test_an_english_only_pack_reads_in_french_too(tmp_path: Path) -> None:
    exam = load_exam(_pack(tmp_path))
    assert exam.languages == ("en",)
    assert exam.title.render("fr") == "A physics quiz"


def test_a_folder_that_is_not_a_pack_is_a_usage_error(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: {id: x}\n")
    for command in (["check", str(sheet)], ["grade", str(tmp_path), "--out", str(tmp_path / "o")]):
        shown = runner.invoke(app, [*command, "--exam", str(tmp_path / "nowhere")])
        assert shown.exit_code == 2 and "exam.yaml" in shown.output


def test_the_mohler_pack_loads_whole() -> None:
    """benchmarks/mohler2011: 81 English questions of 5 points, one concept part each
    (its data stays outside the repository; benchmarks/mohler.py measures it)."""
    from examgrade.rubric import load_pack
    from tests.conftest import ROOT

    rubrics = load_pack(ROOT / "benchmarks" / "mohler2011")
    assert rubrics.exam is not None and rubrics.exam.languages == ("en",)
    assert len(rubrics.keys) == 81 and "q4_3" in rubrics.keys and not rubrics.missing
    for question in rubrics.questions.values():
        assert question.points == 5 and [p.items[0].check for p in question.parts] == ["concepts"]


def test_the_template_of_one_part_questions_takes_bare_answers(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    shown = runner.invoke(app, ["template", "--exam", str(pack)])
    assert shown.exit_code == 0, shown.output
    assert "\nwhy_sky: ''" in shown.output and "\n  a:" not in shown.output
    assert "in English;" in shown.output
    sheet = tmp_path / "filled.yaml"
    filled = re.sub(r"(?m)^count:.*$", "count: 8", shown.output.replace("id: ''", "id: 's1'"))
    sheet.write_text(filled)
    graded = runner.invoke(app, ["check", str(sheet), "--exam", str(pack), "--json"])
    assert graded.exit_code == 0 and '"score": 3' in graded.output.replace(".0", "")


def test_explain_lists_a_pack_s_key_ideas(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    shown = runner.invoke(app, ["explain", "why_sky", "--exam", str(pack), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert "Molecules of air scatter sunlight" in shown.output


def test_the_mohler_rubrics_score_answers_as_a_ta_would() -> None:
    """benchmarks/mohler2011/probes.yaml: answers written from the questions alone, each
    scored within 1.5 points of the TA's score (the rubrics of assignments 4-12 have
    never met a student's answer: these keep them honest when the text engine changes)."""
    from examgrade.engine import grade_sheet
    from examgrade.rubric import load_pack
    from examgrade.yamlsafe import compose, to_plain
    from tests.conftest import ROOT

    pack = ROOT / "benchmarks" / "mohler2011"
    rubrics = load_pack(pack)
    probes = to_plain(compose((pack / "probes.yaml").read_text(encoding="utf-8")))["probes"]
    assert len(probes) > 100
    off = []
    for probe in probes:
        key, answer = probe["question"], probe["answer"].replace("'", "''")
        sheet = parse_sheet(f"student: {{id: x}}\n{key}: '{answer}'\n", keys=rubrics.keys)
        report = grade_sheet(sheet, rubrics)
        got = report.questions[[q.key for q in report.questions].index(key)].score
        if abs(got - float(probe["score"])) >= 1.5:
            off.append((key, probe["answer"], probe["score"], got))
    assert not off


def _mohler_tuning_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """benchmarks/mohler.py over a tuning set of two questions (4.1, 4.3), four answers each,
    with questions.csv in tmp_path and grading stubbed (no examgrade run: fast)."""
    from benchmarks import mohler

    (tmp_path / "questions.csv").write_text(
        "qid,assignment,is_exam,question,reference_answer,answers\n"
        "4.1,4,0,Two ways?,declaration or initializer list,30\n"
        "4.3,4,0,How are arrays passed?,by reference,30\n"
    )
    answers = "".join(
        f"  - {{kind: {kind}, score: {i + 1}, text: 'ANSWER-x-{i}'}}\n"
        for i, kind in enumerate(("right", "wrong", "partial", "echo"))
    )
    (tmp_path / "tuning.yaml").write_text(
        f"q4_1:\n  answers:\n{answers}q4_3:\n  answers:\n{answers}"
    )
    monkeypatch.setattr(mohler, "DATA", tmp_path)
    monkeypatch.setattr(
        mohler,
        "grade",
        lambda rows, folder: {
            f"a{r['qid'].replace('.', '_')}_{r['answer_idx']}": 0.0 for r in rows
        },
    )
    return mohler


def test_mohler_reads_a_tuning_set_with_kinds_and_refuses_an_unknown_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mohler = _mohler_tuning_set(tmp_path, monkeypatch)
    with open(tmp_path / "questions.csv", encoding="utf-8") as file:
        questions = {r["qid"]: r for r in csv.DictReader(file)}
    rows = mohler.read_tuning(tmp_path / "tuning.yaml", questions)
    assert [(r["qid"], r["answer_idx"], r["kind"]) for r in rows[:2]] == [
        ("4.1", "0", "right"),
        ("4.1", "1", "wrong"),
    ]
    assert len(rows) == 8 and rows[7]["average"] == "4"
    (tmp_path / "bad.yaml").write_text("q99_1:\n  answers: []\n")
    with pytest.raises(SystemExit, match="q99_1"):
        mohler.read_tuning(tmp_path / "bad.yaml", questions)


def test_mohler_prints_even_tuning_answers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The odd half is held back: --show needs --even, and never prints an odd answer."""
    mohler = _mohler_tuning_set(tmp_path, monkeypatch)
    command = ["mohler.py", "--file", str(tmp_path / "tuning.yaml"), "--show", "9"]
    monkeypatch.setattr("sys.argv", command)
    with pytest.raises(SystemExit):
        mohler.main()
    assert "--even" in capsys.readouterr().err
    monkeypatch.setattr("sys.argv", [*command, "--even"])
    mohler.main()
    shown = capsys.readouterr().out
    assert "ANSWER-x-0" in shown and "ANSWER-x-2" in shown
    assert "ANSWER-x-1" not in shown and "ANSWER-x-3" not in shown
    for group in ("all", "even", "odd", "even: partial", "odd: echo", "even: assignment  4"):
        assert f"\n{group} " in shown


def test_groups_names_a_one_part_question_by_its_key(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for sid, answer in (("a", "8"), ("b", "8"), ("c", "9")):
        (sheets / f"{sid}.yaml").write_text(f"student: {{id: {sid}}}\ncount: {answer}\n")
    shown = runner.invoke(app, ["groups", str(sheets), "count", "--exam", str(pack), "--json"])
    assert shown.exit_code == 0, shown.output
    assert '"count": 2' in shown.output


def test_a_pack_s_explain_block_and_its_own_worked_example(tmp_path: Path) -> None:
    """`explain:` in a rubric part: the key ideas, the known mistakes and a worked example
    registered by the pack's solvers.py, rendered by examgrade's generic code."""
    pack = _pack(tmp_path)
    (pack / "solvers.py").write_text(
        "from examgrade.i18n import Bilingual\n"
        "from examgrade.solvers import register_worked\n\n\n"
        "@register_worked('quiz_pack.count_them')\n"
        "def count_them(params):\n"
        "    n = params['inner'] + params['outer']\n"
        "    return (Bilingual(f'{n} planets, counted', f'{n} planètes, comptées'),)\n"
    )
    rubric = pack / "rubrics" / "count.yaml"
    rubric.write_text(
        rubric.read_text().replace(
            "    points: 3\n    check: number",
            "    points: 3\n"
            "    explain:\n"
            "      ideas: {en: 'Pluto was demoted in 2006.'}\n"
            "      mistakes: {en: '9 counts Pluto.'}\n"
            "      worked: quiz_pack.count_them\n"
            "      params: {inner: 4, outer: 4}\n"
            "    check: number",
        )
    )
    shown = runner.invoke(app, ["explain", "count", "--exam", str(pack), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    for said in ("Pluto was demoted in 2006.", "9 counts Pluto.", "8 planets, counted"):
        assert said in shown.output
    rubric.write_text(rubric.read_text().replace("quiz_pack.count_them", "quiz_pack.nope"))
    load_rubrics.cache_clear()
    refused = runner.invoke(app, ["explain", "count", "--exam", str(pack), "--lang", "en"])
    assert refused.exit_code == 2
    assert "no worked example named 'quiz_pack.nope'" in refused.output
    assert "count.yaml, line" in refused.output
