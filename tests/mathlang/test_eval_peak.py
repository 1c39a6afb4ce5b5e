"""The evaluator's magnitude bound reads a small vector's largest entry as Python floats
(issue 17): the same number numpy's `abs().max()` gives, NaN included wherever it sits,
so the same values are refused as too large and the same ones pass."""

from __future__ import annotations

import math

import numpy as np
import pytest

from examgrade.errors import MathError
from examgrade.mathlang.context import Context
from examgrade.mathlang.evaluate import MAX_MAGNITUDE, _peak, evaluate
from examgrade.mathlang.parser import parse

NAN, INF = math.nan, math.inf

CASES = [
    [NAN, 1e200],
    [1e200, NAN],
    [1.0, NAN, -1e200],
    [INF, -INF],
    [-INF, 1.0],
    [-0.0, 0.0],
    [NAN],
    [],
    [1e300, -1e301],
    [[1.0, -3.0], [2.0, 0.5]],
    list(np.linspace(-1e160, 1e160, 40)),  # past the small size: numpy's own reduction
]


@pytest.mark.parametrize("values", CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_peak_is_numpys_largest_magnitude(values: list, dtype: type) -> None:
    with np.errstate(over="ignore"):  # 1e200 as float32 is inf: a case of its own
        array = np.asarray(values, dtype=dtype)
    expected = float(np.abs(array).max(initial=0))
    found = _peak(array, array.size)
    assert type(found) is float
    assert found == expected or (math.isnan(found) and math.isnan(expected))


def test_complex_values_keep_numpys_modulus() -> None:
    array = np.array([3 + 4j, NAN + 0j, -1j])
    assert math.isnan(_peak(array, array.size))
    assert _peak(array[[0, 2]], 2) == 5.0


VECTOR = Context.from_plain({"dims": {"N": [2]}, "symbols": {"h": {"shape": ["N"]}}})


def test_a_nan_anywhere_in_a_vector_lets_a_huge_entry_through_as_before() -> None:
    for values in ([NAN, 1e200], [1e200, NAN]):
        got = evaluate(parse("h", VECTOR.names()), VECTOR, {"N": 2, "h": np.array(values)})
        assert np.isnan(got).any()


def test_a_huge_entry_of_a_vector_is_too_large() -> None:
    assert MAX_MAGNITUDE < 1e200
    with pytest.raises(MathError) as raised:
        evaluate(parse("2 h", VECTOR.names()), VECTOR, {"N": 2, "h": np.array([1.0, 1e200])})
    assert raised.value.code == "evaluate.too_large"
