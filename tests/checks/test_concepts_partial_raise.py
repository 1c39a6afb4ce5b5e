"""The `concepts` option `partial_raise`: how far an answer that says something right and
nothing wrong, but little of the key, goes up towards 40% of the points. Graders differ
here (round 20 raised such answers half of the way; the IFT6135 sets scored by two
careful graders give them their ideas' weight), so a rubric item says it, and the check
and the agreement benchmarks read it alike (`score_item_text`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from examgrade.checks.concepts import score_item_text
from examgrade.errors import RubricError
from examgrade.rubric import load_rubric, load_rubrics
from tests.conftest import ROOT

LITTLE_BUT_RIGHT = {
    "en": "Both methods give every parameter its own learning rate, scaled by past gradients.",
    "fr": (
        "Les deux donnent à chaque paramètre son propre pas, "
        "mis à l'échelle par les gradients passés."
    ),
}


@pytest.fixture(scope="module")
def q3a():
    part = load_rubrics(str(ROOT / "rubrics")).questions["q3"].part("a")
    return next(i for i in part.items if i.check == "concepts")


def with_raise(item, share: float | None):
    options = {k: v for k, v in item.options.items() if k != "partial_raise"}
    if share is not None:
        options["partial_raise"] = share
    return dataclasses.replace(item, options=options)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_share_decides_how_far_a_little_right_answer_goes(q3a, lang: str) -> None:
    text = LITTLE_BUT_RIGHT[lang]
    plain = score_item_text(text, with_raise(q3a, 0)).score
    default = score_item_text(text, with_raise(q3a, None)).score
    full = score_item_text(text, with_raise(q3a, 1)).score
    assert 0 < plain < default < full <= 0.4 * q3a.points


def test_a_complete_answer_is_not_moved(q3a) -> None:
    text = (
        "Adagrad divides each parameter's step by the root of the sum of all its past "
        "squared gradients, so its rate only decreases and can stall; RMSprop uses an "
        "exponential moving average of them instead, so it forgets old gradients and the "
        "rate does not vanish. Both adapt a rate per parameter."
    )
    assert (
        score_item_text(text, with_raise(q3a, 0)).score
        == score_item_text(text, with_raise(q3a, 1)).score
    )


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "lots", ".nan"])
def test_a_share_outside_0_1_is_a_located_rubric_error(tmp_path: Path, bad: str) -> None:
    source = (ROOT / "rubrics" / "q3.yaml").read_text(encoding="utf-8")
    marker = "      ideas:\n"
    assert marker in source
    path = tmp_path / "q3.yaml"
    path.write_text(source.replace(marker, f"      partial_raise: {bad}\n{marker}", 1), "utf-8")
    with pytest.raises(RubricError) as raised:
        load_rubric(path)
    assert "'partial_raise'" in raised.value.message.render("en")
    assert "partial_raise" in raised.value.message.render("fr")
    assert raised.value.location.line > 1
