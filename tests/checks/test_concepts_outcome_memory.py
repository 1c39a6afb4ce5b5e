"""The free-text check hands students whose texts score alike one outcome
(`checks.concepts._outcome_once`): what it hands must not depend on which student of the
process came first (issue 17: a 10,000-sheet class's feedback changed between runs)."""

from __future__ import annotations

from types import SimpleNamespace

from examgrade.checks.concepts import _outcome_once
from examgrade.text.confidence import Confidence
from examgrade.text.grade import Contradiction, TextScore
from examgrade.text.subjects import Entities


def _score(said_of: str) -> TextScore:
    entities = Entities.of(
        {"adagrad": ["adagrad"], "rmsprop": ["rmsprop"], "adam": ["adam"]},
        {
            "adagrad": ("Adagrad", "Adagrad"),
            "rmsprop": ("RMSprop", "RMSprop"),
            "adam": ("Adam", "Adam"),
        },
    )
    swap = Contradiction(
        "sums", 1.0, (), "Adagrad sums past squared gradients.", subject="adagrad",
        entities=entities, quote="it sums all past squared gradients", said_of=said_of,
    )  # fmt: skip
    return TextScore(0.0, (), (swap,), "en", Confidence(0.9, ()))


def test_a_swapped_statement_names_each_students_own_entity() -> None:
    item = SimpleNamespace(points=2.0)
    first = _outcome_once(_score("rmsprop"), item)
    second = _outcome_once(_score("adam"), item)
    assert "Adam" in repr(second.feedback)
    assert "RMSprop" not in repr(second.feedback)
    assert "RMSprop" in repr(first.feedback)
