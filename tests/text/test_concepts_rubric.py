"""The `concepts` kind inside examgrade: rubric validation at load time (file and line),
the engine's routing of text answers, the bilingual checklist and the review flag."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.errors import RubricError
from examgrade.rubric import load_rubric
from examgrade.sheet import parse_sheet
from tests.conftest import ROOT, sheet_text

Q3 = (ROOT / "rubrics" / "q3.yaml").read_text(encoding="utf-8")
ADAM_MOMENTUM = "'momentum|inertie'"


def broken(tmp_path, old: str, new: str) -> RubricError:
    assert old in Q3
    path = tmp_path / "q3.yaml"
    path.write_text(Q3.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    return caught.value


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


class TestValidation:
    @pytest.mark.parametrize(
        "new,message",
        [
            ("'momentum||inertie'", "an empty alternative"),
            ("'momen*tum'", "a word may hold letters"),
            ("'NEG'", "NEG needs at least one word"),
            ("'mo*'", "a prefix (word*) needs at least 3 letters"),
        ],
    )
    def test_a_bad_pattern_names_the_file_and_its_line(self, tmp_path, new, message) -> None:
        error = broken(tmp_path, ADAM_MOMENTUM, new)
        rendered = error.message.render("en")
        assert message in rendered and "q3.yaml" in rendered
        expected_line = line_of(Q3.replace(ADAM_MOMENTUM, new, 1), new)
        assert error.location.line == expected_line
        assert "motif" in error.message.render("fr")

    def test_ideas_worth_less_than_the_item_are_refused(self, tmp_path) -> None:
        error = broken(
            tmp_path,
            "- id: bias-correction\n          points: 2",
            "- id: bias-correction\n          points: 1",
        )
        assert "the ideas add up to 4" in error.message.render("en")

    def test_an_idea_needs_both_languages(self, tmp_path) -> None:
        old = '{en: "Adam corrects the bias of both moment estimates, which start at zero."'
        error = broken(tmp_path, old, '{en: ""')
        assert "'statement' needs non-empty 'en' and 'fr' texts" in error.message.render("en")

    def test_unknown_keys_are_refused(self, tmp_path) -> None:
        error = broken(tmp_path, "- id: momentum\n", "- id: momentum\n          colour: red\n")
        assert "unknown key 'colour'" in error.message.render("en")


def text_outcomes(rubrics, body: str, lang: str = "en") -> dict:
    student = f'student:\n  id: "42"\n  lang: {lang}\n'
    report = grade_sheet(parse_sheet(sheet_text(body, student), "s.yaml"), rubrics)
    return {
        f"{q.key}.{p.key}" + (f":{i.field}" if i.field else ""): i.outcome
        for q in report.questions
        for p in q.parts
        for i in p.items
    }


class TestGrading:
    def test_a_mapping_given_for_a_text_part_gives_its_explanation(self, rubrics) -> None:
        body = "q3:\n  b:\n    explanation: Adam adds momentum and bias correction to RMSprop.\n"
        outcome = text_outcomes(rubrics, body)["q3.b"]
        assert outcome.score == 4

    def test_a_bare_string_for_a_mapping_part_goes_to_its_explanation(self, rubrics) -> None:
        body = "q8:\n  b: y and z stay coupled given x, so the cost is exponential in min(M, K).\n"
        outcome = text_outcomes(rubrics, body)["q8.b:explanation"]
        assert outcome.score == 2.5

    def test_a_list_of_sentences_is_read_as_one_answer(self, rubrics) -> None:
        body = "q3:\n  b:\n    - Adam adds momentum.\n    - It also corrects the bias.\n"
        assert text_outcomes(rubrics, body)["q3.b"].score == 4

    def test_the_checklist_renders_in_both_languages(self, rubrics) -> None:
        outcome = text_outcomes(rubrics, "q3:\n  b: Adam ajoute un momentum à RMSprop.\n", "fr")[
            "q3.b"
        ]
        fr = [t.render("fr") for t in outcome.feedback]
        en = [t.render("en") for t in outcome.feedback]
        assert fr[1].startswith("✓ Adam ajoute un momentum")
        assert (
            fr[2].startswith("✗ Adam corrige le biais")
            and "le corrigé : Correction du biais" in fr[2]
        )
        assert en[2].startswith("✗ Adam corrects the bias") and "the key: Bias correction" in en[2]

    def test_a_contradiction_is_named_and_lowers_the_confidence(self, rubrics) -> None:
        # credited in the very sentence that states the contradiction: a doubt, listed;
        # alone it is not marked (calibrated: such answers are graded as a TA would)
        body = (
            "q3:\n  b: Both keep an EMA of squared gradients; Adam adds momentum and bias "
            "correction and uses the Hessian.\n"
        )
        outcome = text_outcomes(rubrics, body)["q3.b"]
        assert outcome.mistake == "second-order" and "conflict" in outcome.details["reasons"]
        assert outcome.details["confidence"] < 1

    def test_a_part_to_review_says_so_in_both_languages(self, rubrics) -> None:
        body = "q3:\n  b: momentum, bias correction, EMA, Hessian\n"
        outcome = text_outcomes(rubrics, body)["q3.b"]
        assert outcome.review
        assert any("To be reviewed by a person" in t.render("en") for t in outcome.feedback)
        assert any("À relire par une personne" in t.render("fr") for t in outcome.feedback)

    def test_review_parts_are_listed_on_the_report(self, rubrics) -> None:
        sheet = parse_sheet(sheet_text("q7:\n  c: packing, diversity, mode collapse\n"), "s.yaml")
        assert "q7.c" in grade_sheet(sheet, rubrics).review_parts

    @pytest.mark.parametrize("text", ["I don't know", "je ne sais pas", "''", "The sky is blue."])
    def test_nothing_to_credit_is_zero_without_review(self, rubrics, text) -> None:
        outcome = text_outcomes(rubrics, f"q7:\n  c: {text}\n")["q7.c"]
        assert outcome.score == 0 and not outcome.review

    def test_zero_point_explanations_give_a_checklist_only(self, rubrics) -> None:
        body = "q5:\n  a:\n    explanation: The Jacobian is W and does not depend on x.\n"
        outcome = text_outcomes(rubrics, body)["q5.a:explanation"]
        assert outcome.score == 0 and outcome.status == "correct" and not outcome.review
        assert outcome.feedback[0].render("en").startswith("✓ The encoder's Jacobian is W")


class TestEntities:
    """Subjects and negated ideas name what the part declares, or the rubric is refused
    at the line that names them (issue 11)."""

    def test_a_subject_that_is_no_entity_is_refused(self, tmp_path) -> None:
        error = broken(
            tmp_path,
            "subject: adam\n          patterns:\n            - 'momentum",
            "subject: nadam\n          patterns:\n            - 'momentum",
        )
        assert "subject 'nadam' is not one of the part's entities" in error.message.render("en")
        assert "n'est pas une des entités" in error.message.render("fr")

    def test_a_contradiction_negating_an_unknown_idea_is_refused(self, tmp_path) -> None:
        error = broken(tmp_path, "negates: [momentum]", "negates: [momentun]")
        assert "'negates' names 'momentun'" in error.message.render("en")
        assert error.location.line == line_of(
            Q3.replace("negates: [momentum]", "negates: [momentun]"), "momentun"
        )
