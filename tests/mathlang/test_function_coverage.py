"""Meta-test: every function the grammar knows (`ast.FUNCTIONS`) is handled by each
evaluator, or listed beside that evaluator as deliberately unsupported with the reason.

A function added to the language fails here, naming each evaluator that neither handles
it nor says why not: the numeric evaluator (graded answers), the exact evaluator (free
mode, `examgrade equiv`), the sympy display, the derivation evaluator (discrete models),
the printer and the parser (its spellings)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from examgrade.errors import MathError
from examgrade.mathlang import ast
from examgrade.mathlang.equivalence import compare_texts
from examgrade.mathlang.eval_functions import FUNCS
from examgrade.mathlang.exact import NOT_EXACT, SCALAR_FUNCTIONS, Evaluator
from examgrade.mathlang.parser import parse
from examgrade.mathlang.printer import show
from examgrade.mathlang.prob_eval import NOT_IN_DERIVATIONS, PROB_FUNCTIONS, evaluate_prob
from examgrade.mathlang.to_sympy import SHOWN_AS_CALLS, SYMPY_FUNCTIONS, to_sympy
from examgrade.mathlang.vocab import FUNCTION_ALIASES

FUNCTIONS = sorted(ast.FUNCTIONS)
BINARY = {"max", "min"}  # the scalar max(a, b); max(v) of a vector takes one argument

#: evaluator -> (what it handles, what it deliberately does not, with why)
EVALUATORS: dict[str, tuple[set[str], dict[str, str]]] = {
    "numeric (eval_functions.FUNCS)": (set(FUNCS), {}),
    "exact (exact.SCALAR_FUNCTIONS / NOT_EXACT)": (set(SCALAR_FUNCTIONS), NOT_EXACT),
    "sympy display (to_sympy.SYMPY_FUNCTIONS / SHOWN_AS_CALLS)": (
        set(SYMPY_FUNCTIONS),
        SHOWN_AS_CALLS,
    ),
    "derivations (prob_eval.PROB_FUNCTIONS / NOT_IN_DERIVATIONS)": (
        set(PROB_FUNCTIONS),
        NOT_IN_DERIVATIONS,
    ),
}


@pytest.mark.parametrize("evaluator", sorted(EVALUATORS))
def test_every_function_is_handled_or_listed_as_unsupported(evaluator: str) -> None:
    handled, unsupported = EVALUATORS[evaluator]
    assert sorted(ast.FUNCTIONS - handled - set(unsupported)) == [], "neither handled nor listed"
    assert sorted(handled & set(unsupported)) == [], "both handled and listed"
    assert sorted((handled | set(unsupported)) - ast.FUNCTIONS) == [], "not in the grammar"
    assert all(why.strip() for why in unsupported.values()), "every listing says why"


def _call_text(name: str) -> str:
    return f"{name}(x, y)" if name in BINARY else f"{name}(x)"


@pytest.mark.parametrize(
    "spelling", sorted(k for k, v in FUNCTION_ALIASES.items() if v in ast.FUNCTIONS)
)
def test_every_spelling_parses_to_its_function_and_prints_back(spelling: str) -> None:
    canonical = FUNCTION_ALIASES[spelling]
    expr = parse(_call_text(spelling) if canonical in BINARY else f"{spelling}(x)", {"x", "y"})
    assert isinstance(expr, ast.Call) and expr.func == canonical
    assert parse(show(expr), {"x", "y"}) == expr


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_sympy_display_shows_every_function(name: str) -> None:
    shown = to_sympy(parse(_call_text(name), {"x", "y"}))
    undefined = isinstance(shown, sympy.core.function.AppliedUndef)
    assert undefined == (name in SHOWN_AS_CALLS)
    if undefined:
        assert shown.func.__name__ == name


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_exact_evaluator_computes_or_free_mode_names_it(name: str) -> None:
    text = _call_text(name)
    if name in SCALAR_FUNCTIONS:
        value = Evaluator(30).run(parse(text, {"x", "y"}), {"x": Fraction(1, 2), "y": 2})
        assert value is not None
    else:
        with pytest.raises(MathError) as caught:
            compare_texts(text, text)
        assert caught.value.location.column is not None


@pytest.mark.parametrize("name", FUNCTIONS)
def test_a_derivation_applies_or_refuses_every_function(name: str) -> None:
    expr = parse(f"{name}(2, 3)" if name in BINARY else f"{name}(2)", set())
    if name in PROB_FUNCTIONS:
        assert float(evaluate_prob(expr, model=None)) == pytest.approx(  # type: ignore[arg-type]
            float(PROB_FUNCTIONS[name](2.0))
        )
    else:
        with pytest.raises(MathError) as caught:
            evaluate_prob(expr, model=None)  # type: ignore[arg-type]
        assert caught.value.code == "derivation.function"
