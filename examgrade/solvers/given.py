"""`given.value`: the answer written in the rubric (`params: {value: 42}`).

A pack whose number questions have a fixed answer needs no code of its own: its rubric
names this solver instead of shipping a `solvers.py` (`examgrade.exam`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from examgrade.errors import RubricError
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution


@register_solver("given.value")
def given_value(params: Mapping[str, Any]) -> Solution:
    """The rubric's own `value` parameter, as is."""
    if "value" not in params:
        raise RubricError("rubric.missing_key", {"key": "params.value"})
    return Solution(params["value"])
