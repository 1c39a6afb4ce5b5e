"""Pattern words no answer can hold (issue 11): a clause connector the cutter drops
("so+far", "d+qui+collaps"), a word folding opens ("doesn't"), a token the lexer parts
("g^2") is refused when the rubric loads, at its line, in both languages; and no shipped
rubric has one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.text.match import unseen
from examgrade.text.normalize import sentences
from tests.conftest import ROOT
from tests.text.conftest import idea_states
from tests.text.test_concepts_rubric import ADAM_MOMENTUM, Q3, broken, line_of


@pytest.mark.parametrize(
    "pattern,alternative,word,why",
    [
        ("sum* so+far", "so+far", "so", "connector"),
        ("rmsprop+is+like+adagrad+but|x", "rmsprop+is+like+adagrad+but", "but", "connector"),
        ("whereas|tandis weight+decay", "whereas", "whereas", "connector"),
        ("=d+qui+collaps*", "=d+qui+collaps*", "qui", "connector"),
        ("alors+que adam", "alors+que", "alors", "connector"),
        ("NEG donc", "donc", "donc", "connector"),
        ("adam doesn't", "doesn't", "doesn", "normalised"),
        ("jusqu'a zero", "jusqu'a", "jusqu", "normalised"),
        ("g^2 sum*", "g^2", "g^2", "lexer"),
    ],
)
def test_a_word_no_answer_holds_is_found(pattern, alternative, word, why) -> None:
    assert unseen(pattern) == (alternative, word, why)


@pytest.mark.parametrize(
    "pattern",
    [
        "sum* all+past|every+past",
        "facteur+d'oubli",
        "non-convex",
        "=cd ^no",
        "p_i →+0 0.5",
        "qui*",  # a prefix: "quite"
        "alors",  # "alors" alone is no connector
        "NEG differentiab*",
    ],
)
def test_words_answers_hold_pass(pattern) -> None:
    assert unseen(pattern) is None


@pytest.mark.parametrize("pattern", ["so+far", "since+the+beginning", "nothing+but", "whereas"])
def test_the_reason_is_true_no_answer_gives_the_words(pattern) -> None:
    """The engine's own reading of the words written out loses the connector."""
    words = pattern.split("+")
    read = sentences(" ".join(words))
    assert not read or list(read[0].tokens) != words


class TestAtLoad:
    @pytest.mark.parametrize(
        "new,word",
        [("'momentum|so+far'", "so"), ("'momentum|inertie+qui+reste'", "qui")],
    )
    def test_a_dead_alternative_names_the_file_line_and_fix(self, tmp_path, new, word) -> None:
        error = broken(tmp_path, ADAM_MOMENTUM, new)
        en = error.message.render("en")
        assert "q3.yaml" in en and "can never match" in en and f"'{word}'" in en
        assert "clause connector" in en and "Write the idea without it" in en
        assert error.location.line == line_of(Q3.replace(ADAM_MOMENTUM, new, 1), new)
        fr = error.message.render("fr")
        assert "ne peut jamais correspondre" in fr and "connecteur" in fr and word in fr

    def test_a_contraction_says_how_it_is_read(self, tmp_path) -> None:
        error = broken(tmp_path, ADAM_MOMENTUM, "'momentum|doesn''t'")
        en = error.message.render("en")
        assert "can never match" in en and "'doesn'" in en and "does not" in en
        assert "se lit « does not »" in error.message.render("fr")


def _sources(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("patterns", "weak") and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from _sources(value)
    elif isinstance(node, list):
        for value in node:
            yield from _sources(value)


SHIPPED = sorted((ROOT / "rubrics").glob("q*.yaml")) + sorted(
    (ROOT / "benchmarks" / "mohler2011" / "rubrics").glob("*.yaml")
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_no_shipped_rubric_has_a_dead_pattern(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    dead = {s: unseen(s) for s in _sources(data) if unseen(s) is not None}
    assert not dead


# What the dead alternatives meant, in words the engine sees (sentences written for the test).
@pytest.mark.parametrize(
    "text",
    [
        "Adagrad keeps the squared gradients seen until now in r, so its step keeps shrinking.",
        "Adagrad garde les gradients au carré vus jusqu'à présent dans r, son pas diminue.",
    ],
)
def test_a_history_until_now_is_adagrads_sum(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-sum"] == "found"


def test_nothing_more_than_weight_decay_is_the_identical_claim(grade) -> None:
    result = grade(
        "q5.b:explanation", "With ReLUs the CAE penalty is nothing more than weight decay."
    )
    assert "identical" in {c.id for c in result.contradictions}
