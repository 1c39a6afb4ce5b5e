"""`examgrade equiv`'s proof of a rational identity without sympy (issue 17): the same
answer as sympy's `cancel`, and None (sympy decides) where it cannot be the same."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import sympy

from examgrade.mathlang.parser import parse
from examgrade.mathlang.rational import rational_zero
from examgrade.mathlang.to_sympy import to_sympy


def _sympy_says(a, b) -> bool:
    return bool(sympy.cancel(to_sympy(a) - to_sympy(b)) == 0)


@pytest.mark.parametrize(
    ("left", "right", "zero"),
    [
        ("a+b", "b+a", True),
        ("(x^2-1)/(x-1)", "x+1", True),
        ("1/x + 1/y", "(x+y)/(x*y)", True),
        ("(a+b)^3", "a^3 + 3*a^2*b + 3*a*b^2 + b^3", True),
        ("x^-2", "1/(x*x)", True),
        ("x_1 * x_2", "x_2 * x_1", True),
        ("(x+1)^2", "x^2 + 1", False),
        ("x/y", "y/x", False),
        ("x - -x", "2x", True),
        ("0^0", "1", True),
        ("x^0", "1", True),
        ("1/2 * x", "x/2", True),
    ],
)
def test_known_identities(left: str, right: str, zero: bool) -> None:
    a, b = parse(left, None), parse(right, None)
    assert rational_zero(a, b) is zero
    assert _sympy_says(a, b) is zero


@pytest.mark.parametrize(
    ("left", "right"),
    [("1/(x-x)", "1"), ("0^-1", "1"), ("x_{t-1}", "x_{t-1}")],
)
def test_what_sympy_would_read_otherwise_is_left_to_sympy(left: str, right: str) -> None:
    assert rational_zero(parse(left, None), parse(right, None)) is None


def _random_expr(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "y", "z", "1", "2", "3", "1/2", "x_1"])
    op = rng.choice(["+", "-", "*", "/", "^"])
    left = _random_expr(rng, depth - 1)
    if op == "^":
        return f"({left})^{rng.choice([-2, -1, 0, 1, 2, 3])}"
    return f"({left}) {op} ({_random_expr(rng, depth - 1)})"


def _rewrite(rng: random.Random, text: str) -> str:
    """The same rational function spelled otherwise, or (one time in three) another."""
    choice = rng.randrange(3)
    if choice == 0:
        return f"({text}) * (x + 1) / (1 + x)"
    if choice == 1:
        return f"({text}) + (y - y) * z"
    return _random_expr(rng, 3)


def test_the_same_answer_as_sympy_on_random_pairs() -> None:
    rng = random.Random(17)
    decided = 0
    for _ in range(150):
        left = _random_expr(rng, 3)
        right = _rewrite(rng, left)
        a, b = parse(left, None), parse(right, None)
        ours = rational_zero(a, b)
        if ours is None:
            continue
        decided += 1
        assert ours is _sympy_says(a, b), (left, right)
    assert decided > 100


def test_equiv_proves_without_importing_sympy_mpmath_or_the_engine() -> None:
    code = (
        "import sys; sys.argv = ['examgrade', 'equiv', '(x^2-1)/(x-1)', 'x+1']\n"
        "from examgrade.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('sympy', 'mpmath', 'examgrade.engine', 'examgrade.render')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["equal (proved: rational simplification)", "[]"]
