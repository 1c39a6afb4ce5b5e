"""The probability language of derivations (q6.a), interpreted on a discrete model.

A step such as `E_{q(z|x)}[log p(x,z) - log q(z|x)]` is evaluated on a `DiscreteModel`
(random tables p(x, z) and q(z|x), x observed): every value is a scalar or a vector
over the latent states z. `E_q[...]`, `sum_z`, `\\int ... dz` and `KL(.||.)` reduce the z
axis; `log`, `/`, products and the rest act elementwise. Two steps are then compared by
value on several models, so any correct rewriting agrees, whatever its form.

The interpreter dispatches on the node type through a fixed table and never sees the
student's text: only the AST the parser built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from examgrade.errors import Location, MathError
from examgrade.mathlang.ast import (
    KL,
    BinOp,
    Call,
    Expect,
    Expr,
    Integral,
    Name,
    Neg,
    Num,
    Prob,
    Reduce,
    Sub,
)


class DiscreteModel(Protocol):
    """What a step is evaluated on: the tables of a discrete latent model (the solvers'
    `elbo.DiscreteModel` is one); a protocol, so the language imports no solver."""

    @property
    def q(self) -> np.ndarray: ...
    @property
    def p_x(self) -> float: ...
    @property
    def p_z(self) -> np.ndarray: ...
    @property
    def p_xz(self) -> np.ndarray: ...
    @property
    def p_x_given_z(self) -> np.ndarray: ...
    @property
    def p_z_given_x(self) -> np.ndarray: ...


Value = np.ndarray  # shape () or (K,): a scalar, or one value per latent state

LATENT = "z"
OBSERVED = "x"

#: The functions a derivation step may apply on a discrete model; any other is refused
#: with a located `derivation.function` error (`NOT_IN_DERIVATIONS` says why).
PROB_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "log": np.log,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "abs": np.abs,
}
_SCALAR_VALUES = "derivations are about log-probabilities: not one of their steps"
NOT_IN_DERIVATIONS: dict[str, str] = {
    **dict.fromkeys(
        ("sin", "cos", "tan", "tanh", "sigmoid", "relu", "softplus", "heaviside"), _SCALAR_VALUES
    ),
    **dict.fromkeys(("max", "min", "mean"), "a step's value is per latent state, never reduced"),
    **dict.fromkeys(
        ("diag", "trace", "det", "inv", "eig", "rho", "sigma_max", "lambda_max"),
        "nothing in a derivation on a discrete model is a matrix",
    ),
}

_BINARY: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,  # over z a product is elementwise: nothing here is a matrix
    "odot": np.multiply,
    "/": np.divide,
    "^": np.power,
}


def evaluate_prob(expr: Expr, model: DiscreteModel) -> Value:
    """The value of one side of a derivation step on `model` (scalar or vector over z)."""
    with np.errstate(all="ignore"):  # log of a negative difference is nan: compared, not raised
        return np.asarray(_eval(expr, model), dtype=float)


def _eval(node: Expr, model: DiscreteModel) -> Value:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise _error(node, "derivation.unsupported", construct=type(node).__name__)
    return handler(node, model)


def _num(node: Num, model: DiscreteModel) -> Value:
    return np.asarray(float(node.value))


def _neg(node: Neg, model: DiscreteModel) -> Value:
    return -_eval(node.operand, model)


def _binop(node: BinOp, model: DiscreteModel) -> Value:
    return _BINARY[node.op](_eval(node.left, model), _eval(node.right, model))


def _call(node: Call, model: DiscreteModel) -> Value:
    function = PROB_FUNCTIONS.get(node.func)
    if function is None or len(node.args) != 1:
        raise _error(node, "derivation.function", name=node.func)
    return function(_eval(node.args[0], model))


def _name(node: Name, model: DiscreteModel) -> Value:
    """A bare `q` or `p` is a distribution over z only inside KL(q||p) or E_q."""
    raise _error(node, "derivation.bare_name", name=node.id)


def _sub(node: Sub, model: DiscreteModel) -> Value:
    raise _error(node, "derivation.unsupported", construct="_")


def _prob(node: Prob, model: DiscreteModel) -> Value:
    args = tuple(_var(a) for a in node.args)
    given = tuple(_var(g) for g in node.given)
    if node.func == "q":
        # q(z|x), q(z) and q all name the approximate posterior of the observed x
        if set(args) <= {LATENT} and set(given) <= {OBSERVED}:
            return model.q
    elif not given:
        tables = {
            frozenset({OBSERVED}): lambda: np.asarray(model.p_x),
            frozenset({LATENT}): lambda: model.p_z,
            frozenset({OBSERVED, LATENT}): lambda: model.p_xz,
        }
        table = tables.get(frozenset(args))
        if table is not None and len(args) == len(set(args)):
            return table()
    elif args == (OBSERVED,) and given == (LATENT,):
        return model.p_x_given_z
    elif args == (LATENT,) and given == (OBSERVED,):
        return model.p_z_given_x
    raise _error(node, "derivation.unknown_probability", func=node.func)


def _var(node: Expr) -> str:
    if isinstance(node, Name) and node.id in (OBSERVED, LATENT):
        return node.id
    raise _error(node, "derivation.variable")


def _distribution(node: Expr | None, model: DiscreteModel, default: str) -> Value:
    """What E_... averages over or what KL compares: q by default, a bare `p` is p(z|x)."""
    if node is None:
        return model.q if default == "q" else model.p_z_given_x
    if isinstance(node, Name) and node.id in ("q", "p"):
        return model.q if node.id == "q" else model.p_z_given_x
    value = _eval(node, model)
    if value.shape != np.shape(model.q):
        raise _error(node, "derivation.not_over_z")
    return value


def _expect(node: Expect, model: DiscreteModel) -> Value:
    weights = _distribution(node.dist, model, "q")
    body = np.broadcast_to(_eval(node.body, model), weights.shape)
    return np.asarray(np.sum(weights * body))


def _kl(node: KL, model: DiscreteModel) -> Value:
    left = _distribution(node.left, model, "q")
    right = _distribution(node.right, model, "p")
    return np.asarray(np.sum(left * np.log(left / right)))


def _over_z(body: Value, model: DiscreteModel) -> Value:
    return np.broadcast_to(body, np.shape(model.q))


def _integral(node: Integral, model: DiscreteModel) -> Value:
    if node.var != LATENT:
        raise _error(node, "derivation.integral_var", var=node.var)
    return np.asarray(np.sum(_over_z(_eval(node.body, model), model)))


def _reduce(node: Reduce, model: DiscreteModel) -> Value:
    if node.indices != (LATENT,) or node.lower is not None or node.upper is not None:
        raise _error(node, "derivation.sum_index", index=",".join(node.indices))
    body = _over_z(_eval(node.body, model), model)
    return np.asarray(np.sum(body) if node.op == "sum" else np.prod(body))


def _error(node: Expr, code: str, **params: object) -> MathError:
    return MathError(code, params, Location(column=node.span[0] + 1))


_HANDLERS: dict[type, Callable[[Expr, DiscreteModel], Value]] = {
    Num: _num,
    Neg: _neg,
    BinOp: _binop,
    Call: _call,
    Name: _name,
    Sub: _sub,
    Prob: _prob,
    Expect: _expect,
    KL: _kl,
    Integral: _integral,
    Reduce: _reduce,
}  # type: ignore[dict-item]

__all__ = ["Value", "evaluate_prob"]
