""" "identity" and "identical" share an English stem (ident): a right q6.b answer whose IAF
"contains the diag gaussian with identity flow" was read as "IAF's family is identical to
mean-field's" and lost 2.5 of 4. The rubrics' "identical" is now that word as written."""

from __future__ import annotations

import pytest

RIGHT = (
    "IAF gives a much richer non-factorized family (contains the diag gaussian with identity "
    "flow), so if the encoder's amortization gap is smaller than MF's approximation gap, IAF "
    "gets a tighter ELBO."
)


def test_an_identity_flow_is_no_identical_family(grade) -> None:
    result = grade("q6.b:explanation", RIGHT)
    assert "iaf-factorized" not in {c.id for c in result.contradictions}
    assert result.score >= 3


@pytest.mark.parametrize(
    "text",
    [
        "IAF gives an identical family to mean-field, so no gain.",
        "IAF donne une famille identique au champ moyen, aucun gain.",
    ],
)
def test_an_identical_family_is_still_the_mistake(grade, text: str) -> None:
    assert "iaf-factorized" in {c.id for c in grade("q6.b:explanation", text).contradictions}
