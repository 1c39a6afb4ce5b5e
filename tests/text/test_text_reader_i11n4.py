"""Issue 11, round 22 (i11n4): what the text reader threw away.

1. `normalize` dropped the bars of a modulus, so "|λ| < 1" and the key's mistake "λ < 1"
   (no modulus) read alike, and `subjects` read the bars as "given" (p(x|y)), cutting the
   clause. A modulus is now the word "modulus" before its operand, as "module des valeurs
   propres" and "in absolute value" already were words (never a norm "||W||", never the
   bars of two conditionals "p(y|x) q(z|x)", "x|yz, y|xz").

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.text.normalize import tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("|λ| < 1", ["modulus", "lambda", "lt", "1"]),
        ("si |lambda_i| > 1", ["si", "modulus", "lambda_i", "gt", "1"]),
        ("max |λ_i| = 1", ["max", "modulus", "lambda", "i", "1"]),
    ],
)
def test_a_modulus_is_a_word(text, expected) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("||W|| > 1", ["w", "gt", "1"]),
        ("p(y|x) and q(z|x)", ["p", "y", "x", "and", "q", "z", "x"]),
        ("P(y,z|x)", ["p", "y", "z", "x"]),
        ("x|yz, y|xz, z|xy", ["x", "yz", "y", "xz", "z", "xy"]),
        ("x|y,z -> y|x,z", ["x", "y", "z", "→", "y", "x", "z"]),
    ],
)
def test_norms_and_conditionals_are_no_modulus(text, expected) -> None:
    assert tokens(text) == expected
