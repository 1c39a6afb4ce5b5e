"""Issue 17 (i17d): the shortcuts of a fresh formula's judgement give numpy's answers.

Each shortcut is held to the code it replaced, on cases chosen where the two could part:
NaN and infinities, empty and 0-d arrays, near misses, other dtypes (left to numpy)."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.mathlang.context import Context, Drawn, fixed_draw
from examgrade.mathlang.equivalence import _compare
from examgrade.mathlang.evaluate import _stacked

INF, NAN = float("inf"), float("nan")


def _numpy_compare(got: np.ndarray, expected: np.ndarray, rtol: float) -> str:
    """`equivalence._compare` as it was: numpy on every array."""
    if got.shape != expected.shape:
        return "different"
    if not np.isfinite(expected).all():
        return "skip"
    if not np.isfinite(got).all():
        return "different"
    with np.errstate(all="ignore"):  # 1e308 - (-1e308)
        error = float(np.abs(got - expected).max()) if got.size else 0.0
    scale = max(float(np.abs(expected).max()) if got.size else 0.0, 1e-12)
    if error <= rtol * scale + 1e-12:
        return "equal"
    return "near" if error <= 1e3 * rtol * scale else "different"


PAIRS = [
    (1.0, 1.0),
    (1.0, 1.0 + 1e-10),
    (1.0, 1.0 + 1e-7),  # near at 1e-9, equal at 1e-5
    (1.0, 1.1),
    (0.0, 0.0),
    (0.0, 1e-13),
    (NAN, 1.0),
    (1.0, NAN),
    (INF, 1.0),
    (1.0, -INF),
    (1e308, -1e308),  # the difference overflows
    ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0000000001]),
    ([1.0, NAN, 3.0], [1.0, 2.0, 3.0]),
    ([1.0, 2.0], [1.0, 2.0, 3.0]),
    ([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.5]]),
    ([], []),
    (list(range(100)), list(range(100))),  # past the float path: numpy's
    (np.array([1 + 1j, 2.0]), np.array([1 + 1j, 2.0])),  # complex: numpy's
    (np.array([1, 2]), np.array([1.0, 2.0])),  # integers: numpy's
]


@pytest.mark.parametrize("got, expected", PAIRS)
@pytest.mark.parametrize("rtol", [1e-9, 1e-5])
def test_compare_gives_numpy_verdict(got, expected, rtol):
    got, expected = np.asarray(got), np.asarray(expected, dtype=np.asarray(expected).dtype)
    assert _compare(got, expected, rtol) == _numpy_compare(got, expected, rtol)


@pytest.mark.parametrize(
    "values",
    [
        [np.array(0.5), np.array(1.25), np.array(-3.0)],
        [np.ones((3, 2)), np.zeros((3, 2))],
        [np.arange(4.0).reshape(2, 2)[:, 0], np.arange(2.0)],  # a view, as `_export` gives
        [np.array(1 + 2j), np.array(3.0 + 0j)],
        [np.array(True), np.array(False)],
    ],
)
def test_stacked_is_numpy_stack(values):
    made, expected = _stacked(values), np.stack(values)
    assert (made.dtype, made.shape) == (expected.dtype, expected.shape)
    assert made.tobytes() == expected.tobytes()


@pytest.mark.parametrize("values", [[np.array(1.0), np.array(2)], [np.ones(2), np.ones(3)], []])
def test_stacked_leaves_the_rest_to_numpy(values):
    try:
        expected = np.stack(values)
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error)[:20]):
            _stacked(values)
    else:
        made = _stacked(values)
        assert (made.dtype, made.tobytes()) == (expected.dtype, expected.tobytes())


def test_fixed_draw_is_the_draws_it_replaces():
    ctx = Context.from_plain(
        {
            "dims": {"N": [2, 3, 4], "M": [2, 5]},
            "symbols": {"W": {"shape": ["N", "N"]}, "x": {"shape": ["M"], "family": "sequence"}},
        }
    )
    for indices in [(0,), (0, 1), (0, 3, 6), (0, 1, 2)]:
        rng = np.random.default_rng(7)
        for index in indices:
            expected = ctx.draw(rng, index=index)
        drawn = fixed_draw(ctx, 7, indices)
        assert isinstance(drawn, Drawn) and drawn is fixed_draw(ctx, 7, indices)
        assert sorted(drawn) == sorted(expected)
        for name, value in expected.items():
            assert np.asarray(drawn[name]).tobytes() == np.asarray(value).tobytes()


def _number_before(value, text):
    """`printer._number`'s test of the text as typed, as it was: Fraction(text)."""
    from fractions import Fraction

    try:
        return text if text and Fraction(text) == value else None
    except ValueError:
        return None


@pytest.mark.parametrize(
    "text", ["0", "1", "007", "12345", "10", "1" * 5000, "1.5", "1e3", "²", "٣"]
)
def test_number_as_typed_is_kept_as_before(text):
    from fractions import Fraction

    from examgrade.mathlang.printer import _number

    for value in (
        Fraction(0),
        Fraction(1),
        Fraction(7),
        Fraction(3),
        Fraction(3, 2),
        Fraction(1000),
    ):
        kept = _number_before(value, text)
        assert kept is None or _number(value, text) == kept
        if kept is None:
            assert _number(value, text) == _number(value, "")  # written from the value
