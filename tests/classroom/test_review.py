"""`examgrade review`: the queue model on its own, the plain mode, and the Textual
application driven headless (walk, accept, override a group, undo, quit, reopen, regrade)."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.classroom.review import (
    Filters,
    class_groups,
    open_queue,
)
from examgrade.cli import app
from examgrade.errors import UsageError
from tests.conftest import ANSWERS, synth_class

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path) -> None:
    """Never the home folder; no PNGs (not what is tested here, and they cost time)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setitem(sys.modules, "matplotlib", None)


# Benoît's q6.b said at more length (its grade unchanged): a wrong answer whose many words
# earn nothing, a part the grader sends to a person.
LONGER = (
    "meilleur qu'un encodeur amorti.\n",
    "meilleur qu'un encodeur amorti. L'encodeur partage ses poids entre tous les\n"
    "      exemples et ne peut jamais faire aussi bien, même avec un flot plus riche :\n"
    "      c'est une approximation de plus, pas un avantage.\n",
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A graded class: the two sample sheets, twelve synthetic ones (answers repeat: groups)
    and one with an unreadable answer (an `invalid` part)."""
    base = tmp_path_factory.mktemp("review")
    sheets = base / "sheets"
    synth_class().write_class(sheets, 12, seed=3)
    shutil.copy(ANSWERS / "ada-en.yaml", sheets / "ada-en.yaml")
    benoit = (ANSWERS / "benoit-fr.yaml").read_text(encoding="utf-8")
    (sheets / "benoit-fr.yaml").write_text(benoit.replace(*LONGER), "utf-8")
    (sheets / "bad.yaml").write_text("student:\n  id: b1\n  lang: fr\nq1:\n  a: 7 +* 2\n  b: 21\n")
    # a keyword list: a second part to review, whatever the synthetic sheets' confidence
    (sheets / "list.yaml").write_text(
        "student:\n  id: k1\n  lang: en\nq7:\n  c: packing, diversity, mode collapse, jointly\n"
    )
    grade_class(BatchOptions(sheets, base / "graded", workers=1, plots=False))
    return base


@pytest.fixture
def graded(pristine, tmp_path) -> Path:
    """A copy of the graded class this test may change (sheet paths stay absolute)."""
    out = tmp_path / "graded"
    shutil.copytree(pristine / "graded", out)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _grades(out: Path) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in _rows(out / "grades.csv")}


# ---- the model -----------------------------------------------------------------------


def test_queue_puts_review_then_invalid_then_the_largest_groups(graded, rubrics) -> None:
    queue = open_queue(graded, rubrics, "marie")
    kinds = [i.kind for i in queue.items]
    assert "review" in kinds and "invalid" in kinds
    assert kinds == sorted(kinds, key=("review", "invalid", "group").index)
    assert any(i.part == "q6.b" and i.students == ("20230002",) for i in queue.items)
    assert any(
        i.part == "q1.a" and i.students == ("b1",) for i in queue.items if i.kind == "invalid"
    )
    queue.add_groups(class_groups(queue.klass))
    groups = [i for i in queue.items if i.kind == "group"]
    assert groups and kinds == [i.kind for i in queue.items][: len(kinds)]
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)
    assert all(g.count >= 2 and g.spellings for g in groups)


def test_filters_and_count_left(graded, rubrics) -> None:
    queue = open_queue(graded, rubrics, "marie")
    everything = queue.left()
    assert everything == len(queue.view())
    assert {i.part for i in queue.view(Filters(part="q6.b"))} == {"q6.b"}
    assert {i.question for i in queue.view(Filters(question="q1"))} == {"q1"}
    assert {i.kind for i in queue.view(Filters(status="invalid"))} == {"invalid"}
    assert all("fr" in i.langs for i in queue.view(Filters(lang="fr")))
    assert [i.students for i in queue.view(Filters(student="tremblay"))] == [("20230002",)]
    item = queue.view(Filters(student="20230002"))[0]
    queue.accept(item)
    assert queue.left() == everything - 1
    assert item not in queue.view() and item in queue.view(Filters(decided=True))


def test_each_decision_is_in_the_overrides_file_at_once_and_undo_restores(graded, rubrics) -> None:
    queue = open_queue(graded, rubrics, "marie")
    review = next(i for i in queue.items if i.part == "q6.b")
    queue.set_points(review, 2.5, "Right idea, one gap missing")
    rows = _rows(graded / "overrides.csv")
    assert rows == [
        {
            "student": "20230002",
            "part": "q6.b",
            "points": "2.5",
            "comment": "Right idea, one gap missing",
            "grader": "marie",
        }
    ]
    invalid = next(i for i in queue.items if i.kind == "invalid")
    queue.accept(invalid)
    assert [r["points"] for r in _rows(graded / "overrides.csv")] == ["2.5", "0"]
    assert queue.undo() and len(_rows(graded / "overrides.csv")) == 1
    again = open_queue(graded, rubrics, "luc")  # reopened: the decision is there
    assert again.ledger.get("20230002", "q6.b").points == 2.5
    assert not again.ledger.can_undo


def test_rows_someone_else_wrote_meanwhile_are_kept(graded, rubrics) -> None:
    """A hand edit, or a second reviewer on the same folder, between two decisions."""
    queue = open_queue(graded, rubrics, "marie")
    first, second = queue.items[:2]
    queue.accept(first)
    other = open_queue(graded, rubrics, "luc")
    other.set_points(other.items[-1], 0, "seen by Luc")
    queue.accept(second)
    rows = {(r["student"], r["part"]): r["grader"] for r in _rows(graded / "overrides.csv")}
    assert len(rows) == 3 and sorted(rows.values()) == ["luc", "marie", "marie"]


def test_a_broken_overrides_file_written_meanwhile_is_a_message(graded, rubrics) -> None:
    from examgrade.review_app import ReviewApp

    async def walk() -> None:
        app_ = ReviewApp(open_queue(graded, rubrics, "marie"), "fr", groups=False)
        async with app_.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            (graded / "overrides.csv").write_text("student,part\nx,q1.a\n", "utf-8")
            await pilot.press("a")
            await pilot.pause()
            assert "points" in str(app_.query_one("#message").render())
            assert app_.is_running

    asyncio.run(walk())


def test_overrides_grade_read_from_yaml_are_carried_into_the_csv(graded, rubrics) -> None:
    yaml_file = graded.parent / "by-hand.yaml"
    yaml_file.write_text("- {student: b1, part: q1.b, points: 1, grader: Ana}\n", "utf-8")
    sheets = open_queue(graded, rubrics, "x").klass.options["folder"]
    grade_class(BatchOptions(Path(sheets), graded, workers=1, plots=False, overrides=yaml_file))
    queue = open_queue(graded, rubrics, "marie")
    queue.accept(queue.items[0])
    rows = {(r["student"], r["part"]): r for r in _rows(graded / "overrides.csv")}
    assert rows[("b1", "q1.b")]["grader"] == "Ana" and len(rows) == 2


@pytest.mark.parametrize("points", [6.5, -1, 0.3])
def test_points_outside_the_part_or_its_steps_are_refused(graded, rubrics, points) -> None:
    queue = open_queue(graded, rubrics, "marie")
    review = next(i for i in queue.items if i.part == "q6.b")
    with pytest.raises(UsageError) as caught:
        queue.set_points(review, points, "")
    assert "0" in caught.value.message.render("fr") and "6" in caught.value.message.render("en")
    assert not (graded / "overrides.csv").exists()


def test_a_group_decision_reaches_members_who_join_later(graded, rubrics) -> None:
    queue = open_queue(graded, rubrics, "marie")
    groups = class_groups(queue.klass)
    queue.add_groups(groups)
    group = next(g for g in groups if g.part == "q1.b")
    queue.set_points(group, 1, "half the layers")
    assert len(_rows(graded / "overrides.csv")) == group.count
    # a member with no row yet (a sheet added since): the rule gives them the same score
    kept = [r for r in _rows(graded / "overrides.csv") if r["student"] != group.students[0]]
    lines = ["student,part,points,comment,grader"]
    lines += [
        ",".join(r[k] for k in ("student", "part", "points", "comment", "grader")) for r in kept
    ]
    (graded / "overrides.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reopened = open_queue(graded, rubrics, "luc")
    assert reopened.add_groups(class_groups(reopened.klass)) == 1
    row = reopened.ledger.get(group.students[0], "q1.b")
    assert (row.points, row.comment, row.grader) == (1, "half the layers", "marie")


def test_the_index_grade_keeps_and_the_reports_give_the_same_queue(graded, rubrics) -> None:
    """Opening reads the small index `grade` keeps; without it (an older folder, a
    report edited since), the reports themselves: the same queue either way."""
    import sqlite3

    from examgrade.classroom.review import GROUPS_META, INDEX_META, read_groups

    fast = open_queue(graded, rubrics, "marie")
    groups = class_groups(fast.klass)
    with sqlite3.connect(graded / "examgrade.sqlite") as db:
        assert db.execute("SELECT 1 FROM meta WHERE key = ?", (GROUPS_META,)).fetchone()
        db.execute("DELETE FROM meta WHERE key = ?", (INDEX_META,))
    slow = open_queue(graded, rubrics, "marie")
    assert fast.items == slow.items and fast.items
    assert {k: fast.klass.entries[k] for k in fast.klass.entries._made} == {
        k: slow.klass.entries[k] for k in fast.klass.entries._made
    }
    assert class_groups(slow.klass) == groups == read_groups(slow.klass)


# ---- plain mode ----------------------------------------------------------------------


def test_list_json_and_set_from_the_command_line(graded) -> None:
    listed = runner.invoke(app, ["review", str(graded), "--list", "--json", "--no-groups"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {r["kind"] for r in rows} == {"review", "invalid"}
    only = runner.invoke(
        app, ["review", str(graded), "--json", "--no-groups", "--status", "invalid"]
    )
    assert [(r["kind"], r["students"]) for r in json.loads(only.output)] == [("invalid", ["b1"])]
    table = runner.invoke(app, ["review", str(graded), "--list", "--no-groups", "--lang", "fr"])
    assert "À revoir" in table.output and "restant" in table.output
    done = runner.invoke(
        app,
        [
            "review",
            str(graded),
            "--set",
            "20230002",
            "q6.b",
            "4",
            "--comment",
            "ok",
            "--grader",
            "M",
        ],
    )
    assert done.exit_code == 0, done.output
    assert _rows(graded / "overrides.csv")[0]["points"] == "4"
    bad = runner.invoke(
        app, ["review", str(graded), "--set", "20230002", "q6.b", "9", "--lang", "fr"]
    )
    assert bad.exit_code == 2 and "Traceback" not in bad.output and "demi-points" in bad.output
    nobody = runner.invoke(app, ["review", str(graded), "--set", "nobody", "q6.b", "1"])
    assert nobody.exit_code == 2 and "nobody" in nobody.output


def test_set_reads_points_as_a_person_types_them(graded) -> None:
    """`--set 20230002 q6.b 1,5` was refused ("'1,5' is not a valid float", in English
    whatever --lang), and `nan` or `inf` ended in a traceback."""
    comma = runner.invoke(
        app, ["review", str(graded), "--set", "20230002", "q6.b", "1,5", "--lang", "fr"]
    )
    assert comma.exit_code == 0, comma.output
    assert _rows(graded / "overrides.csv")[0]["points"] == "1.5"
    for typed in ("nan", "inf", "-inf", "deux"):
        bad = runner.invoke(
            app, ["review", str(graded), "--set", "20230002", "q6.b", typed, "--lang", "fr"]
        )
        assert bad.exit_code == 2 and "Traceback" not in bad.output, bad.output
        assert f"« {typed} » n'est pas un nombre de points" in bad.output
    assert _rows(graded / "overrides.csv")[0]["points"] == "1.5"


def test_the_points_dialog_refuses_nan_without_crashing(graded, rubrics) -> None:
    """Typing `nan` or `inf` in the points dialog crashed the application (the half-point
    rounding raised); it is refused like any other number outside the part."""
    asyncio.run(_nan_in_the_dialog(graded, rubrics))


async def _nan_in_the_dialog(graded: Path, rubrics) -> None:
    from examgrade.review_app import ReviewApp

    app_ = ReviewApp(open_queue(graded, rubrics, "marie"), "en")
    async with app_.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for typed in ("nan", "inf"):
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("end", *["backspace"] * 6, *typed, "enter", "enter")
            await pilot.pause()
            assert "is not a score of this part" in str(app_.screen.query_one("#error").render())
            await pilot.press("escape")
            await pilot.pause()
        assert app_.is_running and not (graded / "overrides.csv").exists()


def test_a_folder_not_graded_is_a_clear_error(tmp_path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path), "--list"])
    assert result.exit_code == 2 and "grades.csv" in result.output


def test_textual_is_not_imported_by_other_commands() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from examgrade.cli import app;"
        f"CliRunner().invoke(app, ['check', {str(ANSWERS / 'ada-en.yaml')!r}]);"
        "CliRunner().invoke(app, ['--help']);"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- the application -----------------------------------------------------------------


def test_walk_decide_quit_reopen_and_regrade(graded, rubrics) -> None:
    asyncio.run(_walk(graded, rubrics))


async def _walk(graded: Path, rubrics) -> None:
    from examgrade.review_app import ReviewApp

    queue = open_queue(graded, rubrics, "marie")
    app_ = ReviewApp(queue, "en")
    async with app_.run_test(size=(80, 24)) as pilot:
        await app_.workers.wait_for_complete()
        await pilot.pause()
        assert app_.current is not None and app_.current.kind == "review"
        assert app_.groups_count
        single = app_.current
        await pilot.press("g")  # to the group of this answer, if it is in one
        await pilot.pause()
        note = str(app_.query_one("#message").render())
        assert (app_.current.kind == "group" and single.students[0] in app_.current.students) or (
            app_.current == single and "none of the part" in note
        )
        app_.filters = Filters()
        await pilot.press("f")  # the filter dialog: this student only
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", *"tremblay", "enter")
        await pilot.pause()
        assert app_.current is not None and app_.current.part == "q6.b"
        await pilot.press("a")  # accept the review item
        first = _rows(graded / "overrides.csv")
        assert [(r["student"], r["part"], r["grader"]) for r in first] == [
            ("20230002", "q6.b", "marie")
        ]
        app_.filters = Filters(part="q1.b", status="group")
        app_.refresh_view()
        group = app_.current
        assert group is not None and group.kind == "group" and group.count >= 2
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("end", *["backspace"] * 4, "1", "enter")
        for key in "half":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        rows = {(r["student"], r["part"]): r for r in _rows(graded / "overrides.csv")}
        assert all(rows[(s, "q1.b")]["points"] == "1" for s in group.students)
        assert rows[(group.students[0], "q1.b")]["comment"] == "half"
        await pilot.press("u")  # undo the group decision: only the first one is left
        await pilot.pause()
        assert len(_rows(graded / "overrides.csv")) == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert "undo" in str(app_.screen.query_one("#text").render())
        await pilot.press("escape", "q")  # quit half-way
    # reopen: the first decision is there, the queue starts after it
    reopened = ReviewApp(open_queue(graded, rubrics, "marie"), "fr", groups=False)
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first_item = next(i for i in reopened.queue.items if i.students == ("20230002",))
        assert reopened.queue.decided(first_item)
        decided = reopened.current
        assert decided is not None and decided == reopened.queue.view()[0] != first_item
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("end", *["backspace"] * 4, "0", "enter", "enter")
        await pilot.pause()
        assert reopened.queue.decided(decided)
        await pilot.press("r")  # regrade with the decisions, then the changes view
        await reopened.workers.wait_for_complete()
        await pilot.pause()
        assert reopened.screen.__class__.__name__ == "TextScreen"
    grades = _grades(graded)
    reports = {s: json.loads((graded / f"{s}.json").read_text("utf-8")) for s in grades}
    q6b = reports["20230002"]["questions"]["q6"]["parts"]["b"]
    assert q6b["override"]["grader"] == "marie" and q6b["review"] is False
    student = decided.students[0]
    part = reports[student]["questions"][decided.question]["parts"][decided.part.split(".", 1)[1]]
    assert part["score"] == 0 and part["override"]["grader"] == "marie"
    assert float(grades[student]["total"]) == reports[student]["score"]
    assert (graded / "changes.csv").is_file()


# ---- answer groups at grade time, group decisions applied by grade, skips kept --------


def test_grade_keeps_the_groups_review_opens_with(graded, rubrics) -> None:
    """The workers find each sheet's group keys while grading: the groups `grade` keeps
    are those `review` would read from the sheets, under the key `review` checks."""
    import orjson

    from examgrade.classroom.review import GradedClass, read_groups

    klass = GradedClass(graded, rubrics)
    assert klass.saved_groups and klass.groups_key
    saved = orjson.loads(klass.saved_groups)
    assert saved["key"] == klass.groups_key
    assert class_groups(klass) == read_groups(klass) and saved["items"]


def test_report_html_shows_the_largest_answer_groups_of_each_part(pristine, rubrics) -> None:
    import html

    page = html.unescape((pristine / "graded" / "report.html").read_text(encoding="utf-8"))
    assert "Largest answer groups per part" in page
    groups = class_groups(open_queue(pristine / "graded", rubrics, "x").klass)
    top = max(groups, key=lambda g: g.count)
    row = page.split(f"<code>{top.spellings[0][0]}</code>", 1)[1]
    assert row.startswith(f"</td><td class='n'>{top.count}</td>")


def test_grade_gives_a_group_decision_to_a_student_who_joins_the_group(
    graded, rubrics, tmp_path
) -> None:
    """Decided in review, then a late sheet with the same answer: `grade` alone (review
    not opened again) gives the new student the group's points, and says so."""
    import yaml

    queue = open_queue(graded, rubrics, "marie")
    queue.add_groups(class_groups(queue.klass))
    group = next(g for g in queue.items if g.kind == "group" and g.part == "q1.b")
    queue.set_points(group, 1, "half the layers")
    member = queue.klass.sheet_path(group.students[0])
    late = yaml.safe_load(member.read_text(encoding="utf-8"))
    late["student"] = {"id": "late1", "name": "Late Comer", "lang": "en"}
    sheets = tmp_path / "late"
    sheets.mkdir()
    shutil.copy(member, sheets / "member.yaml")
    (sheets / "late.yaml").write_text(yaml.safe_dump(late, allow_unicode=True), "utf-8")
    overrides = graded / "overrides.csv"
    options = BatchOptions(sheets, graded, workers=1, plots=False, overrides=overrides)
    result = grade_class(options)
    report = json.loads((graded / "late1.json").read_text(encoding="utf-8"))
    part = report["questions"]["q1"]["parts"]["b"]
    assert part["score"] == 1 and part["override"]["comment"] == "half the layers"
    assert part["override"]["grader"] == "marie"
    assert [(o.student, o.part) for o in result.group_decisions] == [("late1", "q1.b")]
    summary = (graded / "summary.md").read_text(encoding="utf-8")
    assert "1 answer is in a group decided in review" in summary
    # a person's own row for the student wins over the group's rule
    with overrides.open("a", encoding="utf-8") as handle:
        handle.write("late1,q1.b,0,no,luc\n")
    grade_class(options)
    report = json.loads((graded / "late1.json").read_text(encoding="utf-8"))
    assert report["questions"]["q1"]["parts"]["b"]["score"] == 0


def test_skips_are_remembered_and_come_last_next_time(graded, rubrics) -> None:
    from examgrade.classroom.review import SKIPS_NAME
    from examgrade.review_app import ReviewApp

    first = open_queue(graded, rubrics, "marie").view()

    async def walk() -> None:
        app_ = ReviewApp(open_queue(graded, rubrics, "marie"), "en", groups=False)
        async with app_.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("q")

    asyncio.run(walk())
    assert (graded / SKIPS_NAME).is_file()
    reopened = open_queue(graded, rubrics, "luc")
    again = reopened.view()
    assert again[-1] == first[0] and again[:-1] == first[1:]
    assert reopened.skipped(first[0]) and not reopened.decided(first[0])
    rows = list(queue_rows_of(reopened))
    assert rows[-1]["skipped"] and not rows[0]["skipped"]


def queue_rows_of(queue):
    from examgrade.classroom.review import queue_rows

    return queue_rows(queue)


def test_a_store_cached_before_groups_were_kept_regrades_once_and_keeps_its_memory(
    graded, rubrics
) -> None:
    """A folder graded by the version before (no group keys in its cache): its remembered
    options stay, each sheet is graded once more, and its groups are kept again."""
    import sqlite3

    import orjson

    from examgrade.classroom.review import GROUPS_META, GradedClass

    with sqlite3.connect(graded / "examgrade.sqlite") as db:
        db.execute("ALTER TABLE graded DROP COLUMN groups")
        db.execute("DELETE FROM meta WHERE key = ?", (GROUPS_META,))
    sheets = Path(GradedClass(graded, rubrics).options["folder"])
    result = grade_class(BatchOptions(sheets, graded, workers=1, plots=False))
    assert result.cached == 0 and not result.first_run
    klass = GradedClass(graded, rubrics)
    assert orjson.loads(klass.saved_groups)["key"] == klass.groups_key
    again = grade_class(BatchOptions(sheets, graded, workers=1, plots=False))
    assert again.graded == 0 and again.groups == result.groups


def test_the_first_screen_does_not_wait_for_the_math_readings(graded, rubrics) -> None:
    """How examgrade read an answer's math grades the student's sheet (the grading stack's
    imports, then every item): it is read in a thread after the first screen is drawn,
    and shown when it comes (issue 17)."""
    asyncio.run(_readings_later(graded, rubrics))


async def _readings_later(graded: Path, rubrics) -> None:
    import threading

    from examgrade.review_app import ReviewApp

    queue = open_queue(graded, rubrics, "marie")
    released = threading.Event()
    read = queue.klass.readings

    def slow(student: str, part: str):
        released.wait(timeout=5)  # the old code read them here, before the first screen
        return read(student, part)

    queue.klass.readings = slow  # type: ignore[method-assign]
    app_ = ReviewApp(queue, "en", groups=False)
    async with app_.run_test(size=(80, 24)) as pilot:
        app_.filters = Filters(part="q1.a")  # a size that cannot be read: its reading is shown
        app_.refresh_view()
        await pilot.pause()
        body = str(app_.query_one("#body").render())
        assert app_.current is not None and "How examgrade read the math" not in body
        released.set()
        await pilot.pause(0.3)  # the item stays on screen: its math is read
        await app_.workers.wait_for_complete()
        await pilot.pause()
        assert "How examgrade read the math" in str(app_.query_one("#body").render())


def test_the_french_screen_writes_numbers_and_colons_the_french_way(graded, rubrics) -> None:
    """« Automatique : 2,5/4 », « verdict : 1 »: numbers with a decimal comma and a space
    before each colon, as the rest of the French interface writes them."""
    asyncio.run(_french_item(graded, rubrics))


async def _french_item(graded: Path, rubrics) -> None:
    from examgrade.review_app import ReviewApp

    queue = open_queue(graded, rubrics, "marie")
    app_ = ReviewApp(queue, "fr", groups=False)
    async with app_.run_test(size=(80, 24)):
        items = [i for i in queue.items if i.kind == "review" and i.score != int(i.score)]
        fielded = [i for i in queue.items if (p := _part(rubrics, i.part)) and len(p.items) > 1]
        assert items and fielded
        text = app_.item_text(items[0])
        assert f"Automatique : {str(items[0].score).replace('.', ',')}/" in text
        fields = app_.item_text(fielded[0])
        field = next(i.field for i in _part(rubrics, fielded[0].part).items if i.field)
        assert f"({field} : " in fields and f"({field}: " not in fields  # the rubric's line


def _part(rubrics, label: str):
    question, _, part = label.partition(".")
    return rubrics.questions[question].part(part) if question in rubrics.questions else None
