"""The blank sheet every student starts from shows the syntax with examples that answer
no part of this exam: every example the template prints (in English and French) is
graded in every field of its form, and none earns a point, exactly or as a known
mistake. `template --lang both` comments every field in both languages."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.engine import grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet
from examgrade.template import answer_form, blank_sheet

QUOTED = re.compile(r"'([^']+)'")
MARKER = re.compile(r"(?:e\.g\.|p\. ex\.)\s+([^,/]*)")


def _bare(comment: str) -> list[str]:
    """`e.g. 7x7 or 3 + 2*(3-1)`, `(e.g. 100x100)`: the unquoted examples of a comment."""
    found = []
    for run in MARKER.findall(comment):
        for example in re.split(r"\s+(?:or|ou)\s+", run.strip()):
            while example.count(")") > example.count("("):
                example = example[: example.rindex(")")]
            if example and "'" not in example and "[" not in example:
                found.append(example.strip())
    return found


def _examples(rubrics: RubricSet) -> tuple[set[str], set[str], list[list[str]]]:
    """What the template shows: quoted examples, bare ones (sizes, numbers), step lists."""
    text = blank_sheet(rubrics, "both")
    comments = [  # the comments beside fields (headers hold titles, not examples)
        line.split("#", 1)[1]
        for line in text.splitlines()
        if "#" in line and not line.lstrip().startswith("#")
    ]
    comments.append(text.splitlines()[1])  # the header's hint on quoting expressions
    steps = [QUOTED.findall(m) for c in comments for m in re.findall(r"\[([^\]]*)\]", c)]
    quoted = {q for c in comments for q in QUOTED.findall(re.sub(r"\[[^\]]*\]", "", c))}
    bare = {example for c in comments for example in _bare(c)}
    return quoted, bare, [s for s in steps if s]


def _fields(rubrics: RubricSet, forms: set[str]) -> list[tuple[str, ...]]:
    return [
        (question.key, *part.path, *((item.field,) if item.field else ()))
        for question in rubrics.questions.values()
        for part in question.parts
        for item in part.items
        if answer_form(item) in forms
    ]


def _sheet(paths: list[tuple[str, ...]], value: str) -> str:
    tree: dict = {}
    for path in paths:
        node = tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    lines = ["student: {id: '1', lang: en}"]

    def emit(node: dict, depth: int) -> None:
        for key, child in node.items():
            if isinstance(child, dict):
                lines.append(f"{'  ' * depth}{key}:")
                emit(child, depth + 1)
            else:
                lines.append(f"{'  ' * depth}{key}: {child}")

    emit(tree, 0)
    return "\n".join(lines) + "\n"


def _earned(rubrics: RubricSet, text: str) -> list[str]:
    report = grade_sheet(parse_sheet(text, "examples.yaml"), rubrics)
    return [
        f"{q.key}.{p.key}: {p.score}"
        for q in report.questions
        for p in q.parts
        if p.score > 0 or p.status in ("correct", "partial")
    ]


def test_the_template_shows_examples_of_every_form(rubrics: RubricSet) -> None:
    quoted, bare, steps = _examples(rubrics)
    assert len(quoted) >= 3 and len(bare) >= 3 and steps


def test_no_expression_or_condition_example_answers_a_part(rubrics: RubricSet) -> None:
    quoted, _, _ = _examples(rubrics)
    fields = _fields(rubrics, {"expr", "condition"})
    for example in sorted(quoted):
        assert not _earned(rubrics, _sheet(fields, f"'{example}'")), example


def test_no_size_or_number_example_answers_a_part(rubrics: RubricSet) -> None:
    quoted, bare, _ = _examples(rubrics)
    fields = _fields(rubrics, {"size", "sizes", "number"})
    for example in sorted(bare | quoted):
        assert not _earned(rubrics, _sheet(fields, f"'{example}'")), example


def test_no_steps_example_answers_a_part(rubrics: RubricSet) -> None:
    _, _, steps = _examples(rubrics)
    fields = _fields(rubrics, {"steps"})
    for example in steps:
        listed = "[" + ", ".join(f"'{s}'" for s in example) + "]"
        assert not _earned(rubrics, _sheet(fields, listed)), example


@pytest.mark.parametrize(("en", "fr"), [("your name", "votre nom"), ("a size", "une taille")])
def test_template_both_comments_in_both_languages(en: str, fr: str) -> None:
    sheet = CliRunner().invoke(app, ["template", "--lang", "both"]).stdout
    assert en in sheet and fr in sheet
