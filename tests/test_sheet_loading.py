"""Reading answer sheets: every scalar as typed, and every unsafe or broken input refused
with the file, line, column and a fix, in English and French (contract, section 1)."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.errors import SheetError
from examgrade.nodes import Broken, Mapping, Scalar, Sequence
from examgrade.sheet import load_sheet, parse_sheet
from tests.conftest import ANSWERS, sheet_text


class TestScalarsAsTyped:
    """YAML 1.1 resolution would turn these into booleans, ints or floats; we keep the text."""

    @pytest.mark.parametrize(
        "typed",
        [
            "no",
            "yes",
            "on",
            "off",
            "0x10",
            "1e3",
            "25x25",
            "0o17",
            "~",
            "null",
            "1_000",
            "2024-01-01",
            ".inf",
        ],
    )
    def test_scalar_reaches_the_check_as_text(self, typed: str) -> None:
        sheet = parse_sheet(sheet_text(f"q1:\n  b: {typed}\n"))
        node = sheet.answers["q1"]
        assert isinstance(node, Mapping)
        value = node.get("b")
        assert isinstance(value, Scalar) and value.text == typed

    def test_numeric_student_id_keeps_its_digits(self) -> None:
        sheet = parse_sheet("student:\n  id: 0012345\n")
        assert sheet.student.id == "0012345"

    def test_every_value_keeps_line_and_column(self) -> None:
        sheet = parse_sheet(sheet_text("q1:\n  a: [256, 256]\n  b:   25x25\n"), "s.yaml")
        q1 = sheet.answers["q1"]
        assert isinstance(q1, Mapping)
        b = q1.get("b")
        a = q1.get("a")
        assert isinstance(b, Scalar) and (b.location.line, b.location.column) == (6, 8)
        assert isinstance(a, Sequence) and (
            a.items[1].location.line,
            a.items[1].location.column,
        ) == (5, 12)


def _error(data: bytes | str) -> SheetError:
    with pytest.raises(SheetError) as caught:
        parse_sheet(data, "bad.yaml")
    return caught.value


class TestWholeSheetRefused:
    """Faults that leave nothing to grade: each names file, line, column and a fix."""

    def test_yaml_syntax_error_points_at_the_problem(self) -> None:
        error = _error(sheet_text("q1:\n  a: [256, 256\n  b: 25\n"))
        assert error.code == "sheet.yaml_syntax"
        en = error.message.render("en")
        assert en.startswith("bad.yaml, line ") and "column" in en
        assert "[ or { is not closed" in en
        assert "n'est pas fermé" in error.message.render("fr")

    @pytest.mark.parametrize(
        ("tail", "opened", "fr"),
        [
            ("q1:\n  b: [25,\n", "  b: [", "une liste entre [ ] n'est pas fermée"),
            ("q1:\n  b: [\n", "  b: [", "une liste entre [ ] n'est pas fermée"),
            ("q8:\n  b: {linear: no,\n", "  b: {", "un dictionnaire entre { } n'est pas"),
            ("q1:\n  a: '[x'  # [\n  b: [25, [3,\n", "  b: [", "une liste entre [ ]"),
            # an apostrophe in French plain text opens no quote: `l'encodeur` hid the `[`
            ("q1:\n  a: l'encodeur [x\n  b: [25,\n", "  b: [", "une liste entre [ ]"),
            ("q1:\n  a: 'it''s [x'\n  b: {a: 1,\n", "  b: {", "un dictionnaire entre { }"),
        ],
    )
    def test_a_bracket_left_open_at_the_end_is_found_where_it_opened(
        self, tail: str, opened: str, fr: str
    ) -> None:
        """A sheet ending inside `[` or `{` (its last line `b: [25,`) was told "the YAML
        cannot be read (did not find expected node content)", in English in the French
        message too, at a line after the end of the file, with no fix."""
        text = sheet_text(tail)
        error = _error(text)
        lines = text.splitlines()
        where = error.location
        assert where.line is not None and where.column is not None
        assert lines[where.line - 1][: where.column] == opened
        assert fr in error.message.render("fr") and "expected node" not in str(error.params)
        assert "[ or { is not closed" in error.message.render("en")

    @pytest.mark.parametrize("tail", ["q1:\n  b: ]\n", "q1:\n  b: }\n"])
    def test_libyaml_english_does_not_reach_a_french_message(self, tail: str) -> None:
        """`b: ]` said "(did not find expected node content)", `b: ? x` "(mapping keys are
        not allowed in this context)", in the French message too."""
        fr = _error(sheet_text(tail)).message.render("fr")
        assert "le YAML est illisible" in fr
        assert "expected" not in fr and "not allowed" not in fr

    def test_tab_indentation_gets_its_hint(self) -> None:
        error = _error(sheet_text("q1:\n\ta: 4\n"))
        assert "spaces, not tabs" in error.message.render("en")
        assert "pas des tabulations" in error.message.render("fr")

    def test_unquoted_colon_gets_its_hint(self) -> None:
        # a key indented under an answer is not read as that answer's text
        error = _error(sheet_text("q3:\n  a: Adagrad sums\n    b: RMSprop averages\n"))
        assert "single quotes" in error.message.render("en")

    def test_bytes_that_are_not_utf8(self) -> None:
        error = _error(sheet_text("q3:\n  a: caf").encode() + b"\xe9 au lait\n")
        assert error.code == "sheet.not_utf8"
        assert error.location.line == 5 and error.location.column == 9
        assert "UTF-8" in error.message.render("fr")

    def test_binary_file(self) -> None:
        assert _error(b"\x89PNG\r\n\x1a\n\x00\x00").code == "sheet.binary"

    def test_file_over_the_size_bound(self, tmp_path) -> None:
        big = tmp_path / "big.yaml"
        big.write_bytes(b"student: {id: 1}\nq3: {a: '" + b"x" * (3 * 1024 * 1024) + b"'}\n")
        with pytest.raises(SheetError) as caught:
            load_sheet(big)
        assert caught.value.code == "sheet.too_large"
        assert "big.yaml" in caught.value.message.render("en")

    @pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
    def test_top_level_that_is_not_a_mapping(self, text: str) -> None:
        error = _error(text)
        assert error.code == "sheet.not_a_mapping"
        assert "line 1, column 1" in error.message.render("en")

    def test_missing_student_id(self) -> None:
        error = _error("student:\n  name: Ada\nq1:\n  b: 25\n")
        assert error.code == "sheet.missing_id"
        assert 'id: "20231234"' in error.message.render("en")
        assert "matricule" in error.message.render("fr")

    def test_missing_student_section(self) -> None:
        assert _error("q1:\n  b: 25\n").code == "sheet.missing_student"

    def test_empty_file(self) -> None:
        assert _error("# nothing\n").code == "sheet.empty"

    def test_several_documents(self) -> None:
        assert _error("student: {id: 1}\n---\nstudent: {id: 2}\n").code == "sheet.several_documents"

    def test_tag_on_the_whole_sheet(self) -> None:
        assert _error("!!python/object:os.system {student: {id: 1}}\n").code == "sheet.tag"

    def test_nesting_bound(self) -> None:
        assert (
            _error(sheet_text("q3:\n  a: " + "[" * 40 + "]" * 40 + "\n")).code == "sheet.too_deep"
        )


def _broken(body: str) -> Broken:
    sheet = parse_sheet(sheet_text(body), "bad.yaml")
    q = next(iter(sheet.answers.values()))
    assert isinstance(q, Mapping)
    node = next(iter(q.entries.values()))
    assert isinstance(node, Broken), node
    return node


class TestOneFieldRefused:
    """Faults confined to one field make only that field invalid; the rest is graded."""

    def test_unknown_escape_in_double_quotes(self) -> None:
        node = _broken('q2:\n  a: "W^t h_0 + \\sum_{k=1}^{t} W^(t-k) (U x_k + b)"\n')
        assert node.error.code == "sheet.backslash_in_double_quotes"
        en = node.error.message.render("en")
        assert "bad.yaml, line 5, column 17" in en and "single quotes" in en
        assert "apostrophes" in node.error.message.render("fr")

    def test_frac_in_double_quotes_would_become_a_form_feed(self) -> None:
        node = _broken('q7:\n  b: "\\frac{w}{2}"\n')
        assert node.error.code == "sheet.backslash_in_double_quotes"
        assert "'\\frac{a}{b}'" in node.error.message.render("en")

    def test_raw_control_character(self) -> None:
        node = _broken("q3:\n  a: adagrad\x0c sums\n")
        assert node.error.code == "sheet.control_char"
        assert "U+000C" in node.error.message.render("en")

    @pytest.mark.parametrize(
        "tag", ["!!python/object/apply:os.system ['ls']", "!!str 25", "!custom 4"]
    )
    def test_tags(self, tag: str) -> None:
        node = _broken(f"q1:\n  b: {tag}\n")
        assert node.error.code == "sheet.tag"

    def test_billion_laughs_is_refused_without_expanding(self) -> None:
        lol = "q3:\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
        lol += "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        lol += "  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        sheet = parse_sheet(sheet_text(lol), "lol.yaml")
        q3 = sheet.answers["q3"]
        assert isinstance(q3, Mapping)
        assert {n.error.code for n in q3.entries.values() if isinstance(n, Broken)} == {
            "sheet.anchor"
        }
        aliases = q3.entries["c"]
        assert isinstance(aliases, Sequence)
        assert {n.error.code for n in aliases.items if isinstance(n, Broken)} == {"sheet.alias"}

    def test_duplicate_keys_are_not_silently_merged(self) -> None:
        node = _broken("q1:\n  b: 25\n  b: 21\n")
        assert node.error.code == "sheet.duplicate_key"
        en = node.error.message.render("en")
        assert "line 6" in en and "first on line 5" in en

    def test_other_parts_are_still_graded(self, rubrics) -> None:
        text = sheet_text('q1:\n  a: 256\n  b: "\\frac{50}{2}"\n  c: 4\n  d: 0\n  e: 2\n')
        report = grade_sheet(parse_sheet(text, "s.yaml"), rubrics)
        q1 = report.questions[0]
        statuses = {p.key: p.status for p in q1.parts}
        assert statuses == {
            "a": "correct",
            "b": "invalid",
            "c": "correct",
            "d": "correct",
            "e": "correct",
        }
        assert q1.score == 8

    def test_a_list_where_text_is_expected_is_invalid_with_a_message(self, rubrics) -> None:
        text = sheet_text("q1:\n  b: {x: 25}\n  c: 4\n")
        report = grade_sheet(parse_sheet(text, "s.yaml"), rubrics)
        parts = {p.key: p for p in report.questions[0].parts}
        assert parts["b"].status == "invalid"
        assert "expected a size such as 7x7 here, found a mapping" in parts["b"].feedback[0].render(
            "en"
        )
        assert "on attend une taille comme 7x7 ici, pas un dictionnaire" in parts["b"].feedback[
            0
        ].render("fr")
        assert parts["c"].status == "correct"


class TestWarnings:
    def test_unknown_top_level_keys_are_named(self) -> None:
        sheet = parse_sheet(sheet_text("q9:\n  a: 1\nQs2:\n  a: W\n"), "s.yaml")
        texts = [w.render("en") for w in sheet.warnings]
        assert any("unknown key 'q9'" in t for t in texts)
        assert any("unknown key 'Qs2'" in t and "Did you mean 'q2'?" in t for t in texts)
        assert any("Vouliez-vous dire « q2 »" in w.render("fr") for w in sheet.warnings)
        assert sheet.answers == {}

    @pytest.mark.parametrize(
        ("key", "question", "part"),
        [
            ("Q2", "q2", None),
            ("Question 2", "q2", None),
            ("q1.a", "q1", "a"),
            ("q1a", "q1", "a"),
            ("Q1_b", "q1", "b"),
            ("question 4 b.i", "q4", "b.i"),
        ],
    )
    def test_a_question_key_as_students_write_it_is_read_and_said(
        self, key: str, question: str, part: str | None
    ) -> None:
        """`Q2`, `q1.a`, `question 3`: the answer is graded, never dropped, and a warning
        names the key and how it was read (the contract: never silently ignored)."""
        sheet = parse_sheet(sheet_text(f"{key}: '1'\n"), "s.yaml")
        node = sheet.answers[question]
        if part is None:
            assert node.text == "1"
        else:
            assert node.entries[part].text == "1"
        (warning,) = sheet.warnings
        assert f"'{key}' is read as" in warning.render("en")
        assert f"« {key} » est lu comme" in warning.render("fr")

    def test_q10_is_not_part_0_of_q1(self) -> None:
        sheet = parse_sheet(sheet_text("q10: '1'\n"), "s.yaml")
        assert sheet.answers == {}
        assert "unknown key 'q10'" in sheet.warnings[0].render("en")

    def test_answers_under_a_wrapper_are_graded_with_a_warning(self, rubrics) -> None:
        sheet = parse_sheet(sheet_text("answers:\n  q1:\n    c: 4\n  Q2: {b: 'W^t'}\n"), "s.yaml")
        questions = {
            q.key: {p.key: p.status for p in q.parts} for q in grade_sheet(sheet, rubrics).questions
        }
        assert questions["q1"]["c"] == "correct"
        assert questions["q2"]["b"] == "correct"
        texts = [w.render("en") for w in sheet.warnings]
        assert "the answers under 'answers' are read; q1 … q8 go at the top level" in texts[0]
        assert "'Q2' is read as q2" in texts[1]

    def test_the_first_of_two_answers_to_one_part_is_graded(self) -> None:
        sheet = parse_sheet(sheet_text("q1:\n  a: '256'\nq1.a: '12'\n"), "s.yaml")
        assert sheet.answers["q1"].entries["a"].text == "256"
        assert "which is answered already; it is ignored" in sheet.warnings[0].render("en")

    def test_unknown_language_falls_back_to_english_with_a_warning(self) -> None:
        sheet = parse_sheet('student:\n  id: "1"\n  lang: de\n', "s.yaml")
        assert sheet.student.lang == "en"
        assert "lang 'de' is not en or fr" in sheet.warnings[0].render("en")


class TestSamples:
    @pytest.mark.parametrize("path", sorted(ANSWERS.glob("*.yaml")), ids=lambda p: p.name)
    def test_every_sample_sheet_loads_without_warnings(self, path) -> None:
        sheet = load_sheet(path)
        assert sheet.student.id and not sheet.warnings


def test_sheets_are_read_without_the_event_generator(monkeypatch) -> None:
    """The parser's events are pulled in one loop: `yaml.parse`'s generator asked libyaml
    twice per event (a tenth of reading a sheet). Same nodes, errors at the same place."""
    import yaml

    from examgrade import yamlsafe

    def refused(*args, **kwargs):
        raise AssertionError("yaml.parse used")

    good = "student:\n  id: s1\nq1:\n  a: 25x25\n  b: [1, 2]\n"
    expected = yamlsafe.compose(good, "s.yaml")
    monkeypatch.setattr(yaml, "parse", refused)
    assert yamlsafe.compose(good, "s.yaml") == expected
    with pytest.raises(SheetError) as caught:
        yamlsafe.compose("q1:\n  a: [1, 2\n", "s.yaml")
    assert caught.value.code == "sheet.yaml_syntax"
    broken = yamlsafe.compose('q1:\n  a: "\\frac"\n', "s.yaml")
    assert isinstance(broken.entries["q1"].entries["a"], Broken)


class TestStudentFields:
    """What a student writes under `student:` is read or named, never dropped silently."""

    @pytest.mark.parametrize(
        ("student", "lang", "warned"),
        [
            # `langue: fr` was ignored without a word: the French student read English
            ("{id: 7, langue: fr}", "fr", "« langue » est lu comme lang"),
            ("{id: 7, language: French}", "fr", "« language » est lu comme lang"),
            ("{id: 7, lang: français}", "fr", None),
            ("{id: 7, lang: Anglais}", "en", None),
            # a list was English with no warning
            ("{id: 7, lang: [fr]}", "en", "la langue « une liste » n'est ni en ni fr"),
            ("{id: 7, nmae: Ada}", "en", "« student.nmae » est ignorée. Vouliez-vous dire"),
        ],
    )
    def test_lang_and_unknown_fields(self, student: str, lang: str, warned: str | None) -> None:
        sheet = parse_sheet(f"student: {student}\nq1:\n  b: 25\n", "s.yaml")
        said = [w.render("fr") for w in sheet.warnings]
        assert sheet.student.lang == lang
        if warned is None:
            assert not said
        else:
            assert len(said) == 1 and warned in said[0], said


class TestColonInAnUnquotedAnswer:
    """Students write "W^t -> 0: the gradient vanishes" without quotes. YAML refused the
    whole sheet for it (every other answer lost); now that answer is read as the text it
    is, and the sheet says where, in the student's language."""

    def _read(self, body: str):
        sheet = parse_sheet(sheet_text(body), "s.yaml")
        return {k: v for k, v in sheet.answers.items()}, sheet.warnings

    def _text(self, node) -> str:
        return node.entries["a"].text if isinstance(node, Mapping) else node.text

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (
                "q3:\n  a: Adagrad: sums all g^2. RMSprop: decays\n",
                "Adagrad: sums all g^2. RMSprop: decays",
            ),
            ("q3:\n  a: W^t -> 0: it's gone\n", "W^t -> 0: it's gone"),
            (
                "q3:\n  a: deux idées : la somme\n    et la moyenne: mobile\n",
                "deux idées : la somme et la moyenne: mobile",
            ),
            (
                "q3:\n  a: Adam = RMSprop + momentum: yes   # my answer\n",
                "Adam = RMSprop + momentum: yes",
            ),
        ],
    )
    def test_the_answer_is_read_as_its_text(self, body: str, expected: str) -> None:
        answers, warnings = self._read(body)
        assert self._text(answers["q3"]) == expected
        (warning,) = warnings
        assert "line 5" in warning.render("en") and "read as the text you typed" in warning.render(
            "en"
        )
        assert "lue comme le texte tapé" in warning.render("fr")

    @pytest.mark.parametrize(
        "typed",
        [
            "|lambda_max| < 1",
            "|λ|_max < 1",
            "> 1 for one eigenvalue",
            "* W^t",
            "@W",
            "`W^t`",
            "{W}^t",
            "[W]^t h_0",
            "? x",
            "%W",
            "- rho(W) < 1",
        ],
    )
    def test_an_answer_that_starts_with_markup_is_read_as_typed(self, typed: str) -> None:
        """`vanishes_if: |λ| < 1` opened a YAML block scalar and refused the sheet."""
        answers, warnings = self._read(f"q2:\n  c:\n    vanishes_if: {typed}\n    explodes_if: x\n")
        assert answers["q2"].entries["c"].entries["vanishes_if"].text == typed
        assert answers["q2"].entries["c"].entries["explodes_if"].text == "x"
        (warning,) = warnings
        assert "line 6, column 18" in warning.render("en")

    @pytest.mark.parametrize(
        "body",
        [
            "q1:\n  a: [256, 256\n  b: 25\n",  # a list left open: said where it opened
            "q2:\n  c:\n    vanishes_if: |x|\n      more\n",  # markup and lines below
            'q3:\n  a: "W" x\n',  # text after a closing quote
        ],
    )
    def test_other_faults_keep_their_message(self, body: str) -> None:
        assert _error(sheet_text(body)).code == "sheet.yaml_syntax"

    def test_the_other_answers_are_kept(self) -> None:
        body = "q2:\n  b: W^t\nq3:\n  a: Adagrad: a sum\n  b: Adam: moments\nq4:\n  a: grows\n"
        answers, warnings = self._read(body)
        assert answers["q2"].entries["b"].text == "W^t"
        assert answers["q3"].entries["b"].text == "Adam: moments"
        assert answers["q4"].entries["a"].text == "grows"
        assert len(warnings) == 2

    def test_a_rubric_file_is_still_refused(self, tmp_path) -> None:
        """Instructors' files keep the strict reading: their typo is theirs to fix."""
        from examgrade.yamlsafe import compose

        with pytest.raises(SheetError):
            compose("points: 5\nfeedback: wrong: twice\n", "r.yaml")
