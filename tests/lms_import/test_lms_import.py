"""`examgrade import`: LMS responses reports become sheets that grade exactly as typed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.engine import grade_sheet
from examgrade.lms_import import ImportFault, import_responses
from examgrade.lms_import.cells import clean, cloze_parts, html_to_text, part_of
from examgrade.lms_import.cells import strip_math_delimiters as unmath
from examgrade.lms_import.sheetwrite import put, sheet_text
from examgrade.lms_import.table import MAX_CELL_CHARS, parse_table
from examgrade.memo import OutcomeMemo
from examgrade.report import build_report, report_data
from examgrade.sheet import load_sheet, parse_sheet
from tests.conftest import ROOT
from tests.lms_import import lms_synth
from tests.lms_import.lms_synth import Record

SAMPLES = [ROOT / "answers" / "ada-en.yaml", ROOT / "answers" / "benoit-fr.yaml"]
SPEC_EXAMPLES = Path("/work/shared/spec/examples")


_MEMOS: dict[str, OutcomeMemo] = {}


def _report(sheet, rubrics, side: str = "original") -> dict:
    """The contract's report; each side (original, imported) shares a memo across students,
    as `grade` does, so the class grades in a second."""
    memo = _MEMOS.setdefault(side, OutcomeMemo())
    return report_data(build_report(grade_sheet(sheet, rubrics, memo=memo)))


def _original(record: Record, rubrics) -> str:
    tree: dict = {"student": {"id": record.id, "name": f"{record.first} {record.last}"}}
    tree["student"]["lang"] = record.lang
    for target, _form, value in record.answers:
        path = tuple(target.split("."))
        put(tree, path, value)
    return sheet_text(tree, ["original"])


_TWISTS = [
    ' He wrote "exactly", then: a, b, c — d\'accord; 3 < 4 & 5 > 2.',
    "\n\nUn second paragraphe, accentué : é è ê ç œ « guillemets ».",
    "\nA line break, then a backslash \\alpha and 50% of $5.",
    "",
]
_NAMES = [
    ("Zoë", "O'Brien-Ducharme"),
    ("José, Jr.", 'Nuñez "Pepe"'),
    ("Ada", "Lovelace"),
    ("Benoît", "Tremblay"),
    ("Ngọc", "Trần"),
    ("Ève", "L'Heureux"),
]


def _class(rubrics) -> list[Record]:
    """The two sample sheets and a synthetic class derived from them, with twists in the
    free text, accented and quoted names, and for some students several attempts."""
    bases = [lms_synth.fields_of(p.read_text(encoding="utf-8"), rubrics) for p in SAMPLES]
    records = []
    for n, (first, last) in enumerate(_NAMES):
        base = bases[n % 2]
        twist = _TWISTS[n % len(_TWISTS)]
        answers = [
            (t, f, (v + twist) if f == "text" and isinstance(v, str) else v) for t, f, v in base
        ]
        lang = "fr" if n % 2 else "en"
        records.append(Record(f"2023{n:04d}", first, last, lang, answers, grade=f"{40 + n}.00"))
    return records


def _attempts(records: list[Record]) -> list[Record]:
    """The final attempts, plus for students 0 and 3 an earlier finished attempt with other
    answers and for student 1 a later attempt still in progress."""
    rows = []
    for n, record in enumerate(records):
        if n in (0, 3):
            other = [(t, f, "0") for t, f, _ in record.answers[:3]]
            rows.append(
                Record(
                    record.id,
                    record.first,
                    record.last,
                    record.lang,
                    other,
                    started="6 December 2026, 09:00 AM",
                    grade="99.00",
                    attempt=1,
                )
            )
            record.attempt = 2
        rows.append(record)
        if n == 1:
            rows.append(
                Record(
                    record.id,
                    record.first,
                    record.last,
                    record.lang,
                    [],
                    state="In progress",
                    started="8 December 2026, 09:00 AM",
                    attempt=3,
                )
            )
    return rows


WRITERS = {
    "moodle": (lms_synth.moodle_csv, "ID number", ["First name", "Surname"]),
    "canvas": (lms_synth.canvas_csv, "sis_id", ["name"]),
    "form": (lms_synth.form_csv, "Email Address", ["Your name"]),
}


class TestRoundTrip:
    """A class written out as each LMS writes it, imported, then graded: every report is the
    report of the original sheet."""

    @pytest.mark.parametrize("lms", sorted(WRITERS))
    def test_every_student_grades_as_the_original(self, lms, rubrics, tmp_path) -> None:
        records = _class(rubrics)
        writer, id_column, name = WRITERS[lms]
        data, columns = writer(_attempts(records) if lms != "form" else records)
        (tmp_path / "r.csv").write_bytes(data)
        lang = "Language / Langue" if lms == "form" else "en"
        (tmp_path / "map.yaml").write_text(lms_synth.map_yaml(id_column, name, lang, columns))
        result = import_responses(
            tmp_path / "r.csv", tmp_path / "map.yaml", tmp_path / "out", rubrics
        )
        assert len(result.written) == len(records)
        for record in records:
            sid = record.id + ("@umontreal.ca" if lms == "form" else "")
            imported = load_sheet(tmp_path / "out" / f"{sid}.yaml")
            if lms != "form":
                record.lang = "en"  # the map says en for everyone
            original = parse_sheet(_original(record, rubrics), "o.yaml")
            got, want = _report(imported, rubrics, "imported"), _report(original, rubrics)
            if lms == "form":  # the form's identity is the student's email
                assert got["student"]["id"] == sid
                got["student"]["id"] = want["student"]["id"]
            assert got == want, record.id

    @pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
    def test_sample_sheets_through_moodle(self, sample, rubrics, tmp_path) -> None:
        text = sample.read_text(encoding="utf-8")
        original = parse_sheet(text, str(sample))
        first, _, last = (original.student.name or "A B").partition(" ")
        record = Record(
            original.student.id,
            first,
            last,
            original.student.lang,
            lms_synth.fields_of(text, rubrics),
        )
        data, columns = lms_synth.moodle_csv([record])
        (tmp_path / "r.csv").write_bytes(data)
        (tmp_path / "map.yaml").write_text(
            lms_synth.map_yaml(
                "ID number", ["First name", "Surname"], original.student.lang, columns
            )
        )
        import_responses(tmp_path / "r.csv", tmp_path / "map.yaml", tmp_path / "out", rubrics)
        imported = load_sheet(tmp_path / "out" / f"{original.student.id}.yaml")
        assert _report(imported, rubrics, "imported") == _report(original, rubrics)

    def test_init_map_pairs_a_full_moodle_export_in_order(self, rubrics, tmp_path) -> None:
        """When the quiz asks the exam's fields in order, the proposed map is the right one
        (the Cloze of q1.a mapped whole, as its list of sizes)."""
        from examgrade.lms_import.initmap import init_map
        from examgrade.lms_import.mapping import targets

        records = _class(rubrics)
        data, columns = lms_synth.moodle_csv(records)
        if len(columns) != len(targets(rubrics)):
            pytest.skip("the sample class does not answer every field")
        (tmp_path / "r.csv").write_bytes(data)
        text = init_map(tmp_path / "r.csv", rubrics, "en")
        for target, column in columns.items():
            assert f"  {target}: '{column}'" in text

    def test_the_spec_examples_are_the_samples(self) -> None:
        for sample in SAMPLES:
            spec = SPEC_EXAMPLES / sample.name
            if spec.exists():
                assert spec.read_bytes() == sample.read_bytes()


MOODLE_HEADER = (
    "Surname,First name,ID number,Institution,Department,Email address,State,Started on,"
    "Completed,Time taken,Grade/100.00,Response 1,Response 2,Response 3\n"
)
MAP = "id: ID number\nname: [First name, Surname]\nlang: fr\nfields:\n"
MAP += "  q1.b: Response 1\n  q2.a: Response 2\n  q3.a: Response 3\n"


def _moodle_row(sid: str, state: str, started: str, grade: str, b: str) -> str:
    return f'L,F,{sid},,,e@x,{state},"{started}",-,-,{grade},{b},-,-\n'


def _run(tmp_path: Path, csv_text: str | bytes, map_text: str = MAP, **options):
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = csv_text.encode("utf-8") if isinstance(csv_text, str) else csv_text
    (tmp_path / "r.csv").write_bytes(data)
    (tmp_path / "map.yaml").write_text(map_text, encoding="utf-8")
    from examgrade.rubric import load_rubrics

    return import_responses(
        tmp_path / "r.csv", tmp_path / "map.yaml", tmp_path / "out", load_rubrics(None), **options
    )


def _codes(result) -> list[tuple[int | None, str]]:
    return [(p.line, p.message.code) for p in result.problems]


class TestAttempts:
    """One sheet per student: the attempt asked for; every other row listed with its line."""

    ROWS = (
        MOODLE_HEADER
        + _moodle_row("1", "Finished", "7 December 2026, 10:00 AM", "90.00", "11x11")
        + _moodle_row("1", "Finished", "8 December 2026, 10:00 AM", "20.00", "25x25")
        + _moodle_row("1", "In progress", "9 December 2026, 10:00 AM", "-", "99")
        + _moodle_row("", "Finished", "7 December 2026, 10:00 AM", "1.00", "25")
        + _moodle_row("a b", "Finished", "7 December 2026, 10:00 AM", "1.00", "25")
        + "Overall average,,,,,,,,,,55.00,,,\n"
    )

    @pytest.mark.parametrize(
        ("choice", "kept", "other"),
        [("last", "25x25", 2), ("first", "11x11", 3), ("best", "11x11", 3)],
    )
    def test_the_attempt_asked_for(self, choice, kept, other, tmp_path) -> None:
        result = _run(tmp_path, self.ROWS, attempt=choice)
        sheet = load_sheet(tmp_path / "out" / "1.yaml")
        assert sheet.answers["q1"].entries["b"].text == kept
        assert sheet.student.lang == "fr" and sheet.student.name == "F L"
        assert _codes(result) == [
            (other, "lms_import.row_other_attempt"),
            (4, "lms_import.row_unfinished"),
            (5, "lms_import.row_no_id"),
            (6, "lms_import.row_bad_id"),
            (7, "lms_import.row_summary"),
        ]

    def test_unfinished_attempts_when_asked(self, tmp_path) -> None:
        result = _run(tmp_path, self.ROWS, unfinished=True)
        assert load_sheet(tmp_path / "out" / "1.yaml").answers["q1"].entries["b"].text == "99"
        assert (2, "lms_import.row_other_attempt") in _codes(result)

    def test_dates_decide_not_the_order_of_the_rows(self, tmp_path) -> None:
        rows = (
            MOODLE_HEADER
            + _moodle_row("1", "Finished", "8 December 2026, 10:00 AM", "1", "late")
            + _moodle_row("1", "Finished", "7 December 2026, 10:00 AM", "2", "early")
        )
        _run(tmp_path / "a", rows, attempt="first")
        assert load_sheet(tmp_path / "a" / "out" / "1.yaml").answers["q1"].entries["b"].text == (
            "early"
        )

    def test_french_moodle_headers_and_states(self, tmp_path) -> None:
        header = (
            "Nom,Prénom,Numéro d'identification,Adresse de courriel,État,Commencé le,Terminé,"
            'Temps utilisé,"Note/100,00",Réponse 1,Réponse 2,Réponse 3\n'
        )
        rows = header + "T,B,2,b@x,Terminé,7 décembre 2026 10:00,-,-,5,21x21,-,-\n"
        rows += "T,B,2,b@x,En cours,8 décembre 2026 10:00,-,-,-,99,-,-\n"
        map_text = MAP.replace("ID number", "Numéro d'identification").replace(
            "Response", "Réponse"
        )
        result = _run(tmp_path, rows, map_text.replace("First name, Surname", "Prénom, Nom"))
        assert _codes(result) == [(3, "lms_import.row_unfinished")]
        assert load_sheet(tmp_path / "out" / "2.yaml").student.name == "B T"

    def test_one_id_two_names(self, tmp_path) -> None:
        rows = MOODLE_HEADER + _moodle_row("1", "Finished", "x", "1", "25")
        rows += "Other,Person,1,,,e@x,Finished,x,-,-,1,3,-,-\n"
        result = _run(tmp_path, rows)
        assert _codes(result) == [(2, "lms_import.row_same_id")]

    def test_limesurvey_unfinished_and_google_score(self, tmp_path) -> None:
        lime = (
            "id;submitdate;lastpage;startlanguage;Matricule;Q1b\n1;2026-12-07 10:00:00;3;fr;7;25\n"
        )
        lime += "2;;1;fr;8;21\n"
        map_text = "id: Matricule\nlang: startlanguage\nfields:\n  q1.b: Q1b\n"
        result = _run(tmp_path / "lime", lime, map_text)
        assert _codes(result) == [(3, "lms_import.row_unfinished")]
        assert load_sheet(tmp_path / "lime" / "out" / "7.yaml").student.lang == "fr"
        google = "Timestamp,Email Address,Score,Q1b\n"
        google += "2026/12/07 10:00:00 AM GMT-5,a@x,7 / 10,25\n"
        google += "2026/12/07 11:00:00 AM GMT-5,a@x,3 / 10,21\n"
        map_text = "id: Email Address\nfields:\n  q1.b: Q1b\n"
        _run(tmp_path / "g", google, map_text, attempt="best")
        assert load_sheet(tmp_path / "g" / "out" / "a@x.yaml").answers["q1"].entries["b"].text == (
            "25"
        )
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path / "h", google.replace("Score", "Mood"), map_text, attempt="best")
        assert caught.value.code == "lms_import.best_needs_grade"

    def test_ids_that_differ_only_in_capitals(self, tmp_path) -> None:
        """One student (ids are compared without case, as the roster does): the last
        attempt is kept, the other said; never two files that Windows would make one."""
        rows = MOODLE_HEADER + _moodle_row("Ab", "Finished", "x", "1", "25")
        rows += _moodle_row("aB", "Finished", "x", "1", "21")
        result = _run(tmp_path, rows)
        assert _codes(result) == [(2, "lms_import.row_other_attempt")]
        assert [p.name for p in result.written] == ["aB.yaml"]

    def test_a_sheet_over_the_size_bound_is_listed(self, tmp_path) -> None:
        """Ten essays of 240,000 characters make a sheet `grade` would refuse (2 MiB)."""
        texts = ["q2.c.explanation", "q3.a", "q3.b", "q4.a", "q4.b.i", "q4.b.ii", "q7.a", "q7.c"]
        texts += ["q5.b.explanation", "q6.b.explanation"]
        header = "ID number,State," + ",".join(f"Response {n}" for n in range(1, 11)) + "\n"
        essay = '"' + "mot " * 60_000 + '"'
        rows = header + "1,Finished," + ",".join([essay] * 10) + "\n2,Finished" + ",-" * 10 + "\n"
        map_text = "id: ID number\nfields:\n"
        map_text += "".join(f"  {t}: Response {n}\n" for n, t in enumerate(texts, start=1))
        result = _run(tmp_path, rows, map_text)
        assert _codes(result) == [(2, "lms_import.row_too_large")]
        assert [p.name for p in result.written] == ["2.yaml"]

    def test_a_short_row_is_listed(self, tmp_path) -> None:
        result = _run(tmp_path, MOODLE_HEADER + "L,F,7,,,e@x,Finished,x,-,-,1,25\n")
        assert _codes(result) == [(2, "lms_import.row_short")]
        assert "Response 2" in result.problems[0].message.render("en")


class TestCells:
    """A cell back to what the student typed."""

    @pytest.mark.parametrize(
        ("cell", "text"),
        [
            ("<p>a &amp; b &lt; c</p><p>second</p>", "a & b < c\n\nsecond"),
            ("<p>one<br>two<br/>three</p>", "one\ntwo\nthree"),
            ('<p><span class="nolink">\\(W^t\\)</span>&nbsp;h</p>', "\\(W^t\\) h"),
            ("<p>l&#39;id&eacute;e</p>\n<p></p>", "l'idée"),
            (
                '<img class="equation_image" data-equation-content="\\sigma(x)" alt="LaTeX: s">',
                "\\sigma(x)",
            ),
            ("<script>alert(1)</script><p>ok</p>", "ok"),
            ("<p>W<sup>t-k</sup> h<sub>0</sub></p>", "W^{t-k} h_{0}"),
            ("rho(W) < 1 and 1[Wx+b>0]", "rho(W) < 1 and 1[Wx+b>0]"),
            ("line\r\nbreak\x00\x07", "line\nbreak"),
        ],
    )
    def test_html_and_text(self, cell, text) -> None:
        assert clean(cell) == text

    @pytest.mark.parametrize(
        ("text", "math"),
        [
            ("\\(\\frac{a}{b}\\)", "\\frac{a}{b}"),
            ("$$\\sum_k W^k$$", "\\sum_k W^k"),
            ("$W^t$", "W^t"),
            ("\\[ \\left[ x \\right] \\]", "\\left[ x \\right]"),
            ("\\\\[2pt] x", "\\\\[2pt] x"),
        ],
    )
    def test_math_keeps_every_character(self, text, math) -> None:
        assert unmath(text, True) == math

    def test_cloze_parts_in_english_and_french(self) -> None:
        assert cloze_parts("part 1: 256; part 2: a; b; part 4: 7") == {1: "256", 2: "a; b", 4: "7"}
        assert cloze_parts("partie 1 : 3; partie 2 : 4") == {1: "3", 2: "4"}
        assert cloze_parts("no parts") is None
        assert part_of("a\\,b,c", 1) == "a,b" and part_of("part 2: x", 1) == ""

    @pytest.mark.parametrize(
        ("form", "cell", "value"),
        [
            ("verdict", "Faux", "non"),
            ("verdict", "<p>Yes</p>", "Yes"),
            ("expr", "<p>\\(W^t\\)<br>\\(h_0\\)</p>", "W^t h_0"),
            ("sizes", "256x256, [25, 25]; 3", ["256x256", "[25, 25]", "3"]),
            ("sizes", "part 1: 4; part 2: 5", ["4", "5"]),
            ("text", "-", None),
            ("steps", "<p></p>", None),
        ],
    )
    def test_a_field_from_a_cell(self, form, cell, value) -> None:
        from examgrade.lms_import.mapping import Binding, Source
        from examgrade.lms_import.run import field_value

        binding = Binding("q", ("q",), form, Source(0, "c"))
        assert field_value(cell, binding) == value

    def test_html_is_read_never_run(self) -> None:
        assert html_to_text("<p>__import__('os')</p>") == "__import__('os')"


class TestHostileFiles:
    """A hostile CSV is bounded and refused with a message, never a traceback."""

    def test_a_huge_cell(self, tmp_path) -> None:
        data = (
            MOODLE_HEADER + "L,F,1,,,e,Finished,x,-,-,1," + '"' + "x" * (MAX_CELL_CHARS + 5) + '"\n'
        )
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path, data)
        assert caught.value.code == "lms_import.cell_too_large" and caught.value.location.line == 2

    def test_many_columns(self) -> None:
        with pytest.raises(ImportFault) as caught:
            parse_table(b",".join([b"c"] * 5000))
        assert caught.value.code == "lms_import.too_many_columns"

    def test_nul_bytes_and_formulas_stay_text(self, tmp_path) -> None:
        data = MOODLE_HEADER + 'L,F,1,,,e,Finished,x,-,-,1,=1+2\x00,"=HYPERLINK(""x"")",@SUM(A1)\n'
        result = _run(tmp_path, data)
        assert result.notes[0].code == "lms_import.nul_removed"
        sheet = load_sheet(tmp_path / "out" / "1.yaml")
        assert sheet.answers["q1"].entries["b"].text == "=1+2"
        assert sheet.answers["q2"].entries["a"].text == '=HYPERLINK("x")'
        assert sheet.answers["q3"].entries["a"].text == "@SUM(A1)"

    def test_a_workbook_is_not_csv(self, tmp_path) -> None:
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path, b"PK\x03\x04" + b"\x00" * 400)
        assert caught.value.code == "lms_import.not_text"

    def test_windows_1252_and_semicolons(self, tmp_path) -> None:
        data = MOODLE_HEADER.replace(",", ";") + "Lé;F;1;;;e;Terminé;x;-;-;1;25;-;-\n"
        result = _run(tmp_path, data.encode("cp1252"))
        assert [n.code for n in result.notes] == ["lms_import.decoded_cp1252"]
        assert load_sheet(tmp_path / "out" / "1.yaml").student.name == "F Lé"

    def test_quotes_backslashes_and_yaml_lookalikes_read_back(self, tmp_path) -> None:
        tricky = "'it''s' \\\\ \"q\" #no: - [x] {y} &a *b !!str % @ `"
        data = (
            MOODLE_HEADER
            + f'L,F,1,,,e,Finished,x,-,-,1,-,-,"{tricky.replace(chr(34), chr(34) * 2)}"\n'
        )
        _run(tmp_path, data)
        assert load_sheet(tmp_path / "out" / "1.yaml").answers["q3"].entries["a"].text == tricky

    def test_the_errors_file_never_holds_a_formula(self, tmp_path) -> None:
        from examgrade.lms_import.summary import errors_csv

        result = _run(tmp_path, MOODLE_HEADER + "L,F,,,,e,Finished,x,-,-,1,2,-,-\n")
        text = errors_csv(result, Path("=HYPERLINK(1).csv"), "en")
        assert text.splitlines()[1].startswith("'=HYPERLINK(1).csv,2,no identity")


class TestMap:
    """A wrong map stops the import with the map's line, before anything is written."""

    @pytest.mark.parametrize(
        ("map_text", "code", "line"),
        [
            (MAP + "  q9.a: Response 1\n", "lms_import.map_unknown_target", 8),
            (MAP + "  q2.c.vanishes: Response 1\n", "lms_import.map_unknown_target", 8),
            (MAP + "  q4.b.i: Nope\n", "lms_import.map_no_column", 8),
            (MAP.replace("id: ID number", "id: Student"), "lms_import.map_no_column", 1),
            ("name: x\nfields: {q1.a: Response 1}\n", "lms_import.map_no_id", 1),
            (MAP + "colour: red\n", "lms_import.map_unknown_key", 8),
            (MAP + "  q1.c: {column: Response 1, part: x}\n", "lms_import.map_bad_part", 8),
        ],
    )
    def test_errors_name_the_line(self, map_text, code, line, tmp_path) -> None:
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path, MOODLE_HEADER, map_text)
        assert (caught.value.code, caught.value.location.line) == (code, line)
        assert not (tmp_path / "out").exists()

    def test_a_column_with_nothing_close_lists_the_columns(self, tmp_path) -> None:
        """A map naming `Nom` for a file without anything like it said "(close: -)"."""
        with pytest.raises(ImportFault) as caught:
            _run(tmp_path, MOODLE_HEADER, MAP + "  q4.b.i: Zzzzzzzzzzzzzz\n")
        said = caught.value.message.render("fr")
        assert "(proches : -)" not in said and "ses colonnes : Surname, First name" in said

    def test_an_out_folder_that_cannot_be_made_is_a_message(self, tmp_path) -> None:
        """`import r.csv --map map.yaml --out notes.txt/sheets` (and `grade r.csv --map ...
        --out notes.txt/x`) ended in NotADirectoryError's traceback."""
        from typer.testing import CliRunner

        from examgrade.cli import app

        (tmp_path / "r.csv").write_text(MOODLE_HEADER, encoding="utf-8")
        (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
        taken = tmp_path / "notes.txt"
        taken.write_text("x")
        for command, out in (("import", taken / "sheets"), ("grade", taken / "x")):
            args = [command, str(tmp_path / "r.csv"), "--map", str(tmp_path / "map.yaml")]
            result = CliRunner().invoke(app, [*args, "--out", str(out), "--lang", "fr"])
            assert result.exit_code == 2 and "Traceback" not in result.output, result.output
            assert "--out ne peut pas être créé" in result.output

    def test_fields_blanks_and_steps(self, tmp_path) -> None:
        data = MOODLE_HEADER + (
            'L,F,1,,,e,Finished,x,-,-,1,"part 1: 4; part 2: 0","<p>\\(\\log p(x)\\)<br>'
            '$$\\log \\sum_z p(x,z)$$</p>","<p>non</p>"\n'
        )
        map_text = MAP.split("fields:")[0] + (
            "fields:\n  q1.c: {column: Response 1, part: 1}\n"
            "  q1.d: {column: Response 1, part: 2}\n"
            "  q6.a.steps: Response 2\n  q8.b: {linear: Response 3}\n"
        )
        _run(tmp_path, data, map_text)
        sheet = load_sheet(tmp_path / "out" / "1.yaml")
        assert [sheet.answers["q1"].entries[k].text for k in "cd"] == ["4", "0"]
        steps = sheet.answers["q6"].entries["a"].entries["steps"].items
        assert [s.text for s in steps] == ["\\log p(x)", "\\log \\sum_z p(x,z)"]
        assert sheet.answers["q8"].entries["b"].entries["linear"].text == "non"


class TestRerun:
    """A rerun never loses what is already imported."""

    def test_edited_sheets_and_absent_students_are_kept(self, tmp_path) -> None:
        first = (
            MOODLE_HEADER
            + _moodle_row("1", "Finished", "x", "1", "25")
            + _moodle_row("2", "Finished", "x", "1", "21")
        )
        result = _run(tmp_path, first)
        assert len(result.written) == 2
        edited = tmp_path / "out" / "2.yaml"
        edited.write_text(edited.read_text() + "# checked by hand\n")
        again = _run(tmp_path, first)
        assert len(again.unchanged) == 1 and again.kept == [edited]
        assert _codes(again) == [(3, "lms_import.row_kept_edited")]
        later = MOODLE_HEADER + _moodle_row("1", "Finished", "x", "1", "26")
        third = _run(tmp_path, later)
        assert len(third.updated) == 1
        assert load_sheet(tmp_path / "out" / "1.yaml").answers["q1"].entries["b"].text == "26"
        assert edited.read_text().endswith("# checked by hand\n")


class TestCommands:
    """`examgrade import` and `examgrade grade RESPONSES.csv --map`."""

    def test_init_map_then_import_then_grade(self, tmp_path, monkeypatch) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)  # no plots: a second saved
        runner = CliRunner()
        data = MOODLE_HEADER + _moodle_row("7", "Finished", "x", "1", "25x25")
        (tmp_path / "r.csv").write_text(data, encoding="utf-8")
        made = runner.invoke(app, ["import", str(tmp_path / "r.csv"), "--init-map"])
        assert made.exit_code == 0
        assert "id: 'ID number'" in made.stdout and "q1.a: 'Response 1'" in made.stdout
        (tmp_path / "map.yaml").write_text(made.stdout, encoding="utf-8")
        out = tmp_path / "graded"
        args = ["grade", str(tmp_path / "r.csv"), "--map", str(tmp_path / "map.yaml")]
        graded = runner.invoke(app, [*args, "--out", str(out), "--workers", "1"])
        assert graded.exit_code == 0, graded.output
        assert (out / "sheets" / "7.yaml").exists() and (
            out / "sheets" / "import-errors.csv"
        ).exists()
        rows = (out / "grades.csv").read_text().splitlines()
        assert rows[1].startswith("7,F L,")

    def test_init_map_of_a_form_and_of_canvas(self, rubrics, tmp_path) -> None:
        """A form's map names its identity and language columns and skips its metadata; a
        Canvas question is named by its id."""
        from examgrade.lms_import.initmap import init_map

        form = "Timestamp,Email,Score,Langue,How big is layer 1?\n2026/12/07 10:00:00,a@x,1,fr,25\n"
        (tmp_path / "f.csv").write_text(form, encoding="utf-8")
        text = init_map(tmp_path / "f.csv", rubrics, "fr")
        assert "id: 'Email'" in text and "lang: 'Langue'" in text
        assert "q1.a: 'How big is layer 1?'" in text and "tailles des 6 couches" in text
        records = _class(rubrics)[:1]
        data, columns = lms_synth.canvas_csv(records)
        (tmp_path / "c.csv").write_bytes(data)
        text = init_map(tmp_path / "c.csv", rubrics, "en")
        assert "id: 'sis_id'" in text and "name: ['name']" in text
        assert f"q1.a: '{columns['q1.a']}'    # sizes" in text

    def test_usage_errors_exit_2(self, tmp_path) -> None:
        runner = CliRunner()
        (tmp_path / "r.csv").write_text(MOODLE_HEADER, encoding="utf-8")
        no_map = runner.invoke(app, ["import", str(tmp_path / "r.csv"), "--out", str(tmp_path)])
        assert no_map.exit_code == 2 and "--init-map" in no_map.output
        missing = runner.invoke(app, ["import", str(tmp_path / "nope.csv"), "--init-map"])
        assert missing.exit_code == 2 and "no such responses file" in missing.output


class TestWriter:
    """Whatever a cell holds, the sheet reads back exactly the text the import meant."""

    @settings(max_examples=150, deadline=None)
    @given(
        st.text(max_size=80)
        | st.text(
            st.sampled_from(list("'\"\\:#-[]{}&*!|>%@`?,= \n\t\r\x85\u2028aé<>p/")), max_size=60
        )
    )
    def test_any_text_reads_back(self, raw) -> None:
        text = clean(raw)
        if not text:
            return
        expected = "\n".join(line.strip() for line in text.split("\n")) if "\n" in text else text
        tree = {"student": {"id": "1"}, "q3": {"a": text}, "q6": {"a": {"steps": [text]}}}
        sheet = parse_sheet(sheet_text(tree, [" ".join(text.split())]), "s.yaml")
        assert sheet.answers["q3"].entries["a"].text == expected
        assert sheet.answers["q6"].entries["a"].entries["steps"].items[0].text == expected


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("which", ["responses", "map"])
def test_a_fifo_is_refused_not_waited_on(rubrics, tmp_path, which: str) -> None:
    """Issue 13's special files, for the files `import` reads: a FIFO named as the
    responses or the map was opened and read with no end (the command hung)."""
    import os

    responses, map_path = tmp_path / "r.csv", tmp_path / "map.yaml"
    responses.write_text("ID number,Response 1\n1,4\n", encoding="utf-8")
    map_path.write_text("id: ID number\nfields: {q1.c: Response 1}\n", encoding="utf-8")
    fifo = responses if which == "responses" else map_path
    fifo.unlink()
    os.mkfifo(fifo)
    with pytest.raises(ImportFault) as caught:
        import_responses(responses, map_path, tmp_path / "out", rubrics)
    assert caught.value.code == "lms_import.not_regular"
    assert "not a regular file" in caught.value.message.render("en")
