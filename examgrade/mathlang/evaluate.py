"""Evaluate an AST with numpy in a question's context, with shapes a student can follow.

Vectors are columns ((n, 1)) while evaluating, so `w^T x` is a number, `x x^T` a matrix
and `h_0 W` a shape error with a hint ("did you mean W h_0?"). `*` is the matrix product
for matrices and vectors and the scalar product otherwise; `^` of a square matrix by a
whole number is a matrix power. Every node type has one function in `_EVAL`; nothing
here knows about questions. Work is bounded (sum ranges, exponents, magnitudes, the
total number of element operations): going past a bound is a MathError, never a hang.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from examgrade.errors import MathError
from examgrade.i18n import Message
from examgrade.mathlang import ast
from examgrade.mathlang.context import Context, Instance, Symbol
from examgrade.mathlang.eval_functions import FUNCS, inverse, norm_of
from examgrade.mathlang.eval_sums import vector_terms
from examgrade.mathlang.eval_values import Env, Eye, Value, column, describe, error

MAX_TERMS = 10_000  # terms of one sum or product
MAX_MATRIX_EXPONENT = 1_000
MAX_WORK = 3_000_000  # element operations for one evaluation
MAX_VISITS = 30_000  # nodes evaluated (sums of sums): a fraction of a second
MAX_MAGNITUDE = 1e150


def evaluate(expr: ast.Expr, ctx: Context, instance: Instance) -> np.ndarray:
    """The value of `expr` on one instance: a number (0-d), a vector (n,), a matrix.

    With a free index (q8), the answer is evaluated for every value of it and stacked."""
    memo = None if ctx.free else getattr(instance, "subtrees", None)
    env = Env(ctx, instance, memo=memo)
    with np.errstate(all="ignore"):
        if ctx.free_index:
            size = _index_size(ctx.free_index, env, expr)
            values = [_export(_eval(expr, env.with_bound(**{ctx.free_index: i}))) for i in size]
            return _stacked(values)
        return _export(_eval(expr, env))


def _stacked(values: list[np.ndarray]) -> np.ndarray:
    """`np.stack(values)`: values of one shape and type copied into one array at once
    (the same array; `np.stack`'s checks and reshapes cost more than the copy for the
    few values of a free index), anything else left to `np.stack` and its errors."""
    if values:
        first = values[0]
        shape, dtype = first.shape, first.dtype
        if all(v.shape == shape and v.dtype == dtype for v in values):
            return np.array(values, dtype=dtype)
    return np.stack(values)


def _export(value: Value) -> np.ndarray:
    if isinstance(value, Eye):
        raise MathError("evaluate.identity_size", {"expr": "I"})
    value = np.asarray(value)
    if value.ndim == 2 and value.shape[1] == 1:
        return value[:, 0]
    return value


def _eval(node: ast.Expr, env: Env) -> Value:
    kind = type(node)
    handler = _EVAL.get(kind)
    if handler is None:
        raise error("evaluate.not_here", node, construct=construct_name(node))
    if (
        env.memo is not None
        and kind in _KEPT
        and (kind is not ast.BinOp or node.op in _KEPT_OPS)  # type: ignore[attr-defined]
        and _outside_sums(env)
    ):
        return _kept(node, handler, env)
    return _visit(node, handler, env)


def construct_name(node: ast.Expr) -> Message:
    """What a construct is called for a person (never the parser's class name)."""
    return Message(f"evaluate.construct.{type(node).__name__.lower()}", {})


def _outside_sums(env: Env) -> bool:
    """Outside any sum, average or bound index but the free one (q8's i). (`_eval` keeps
    no sum or difference: cheap, and seldom shared.)"""
    return not env.rows and (
        not env.bound or (len(env.bound) == 1 and env.ctx.free_index in env.bound)
    )


_KEPT_OPS = frozenset({"*", "^"})  # the binary operators whose values are kept


def _kept(node: ast.Expr, handler: Callable[[Any, Env], Value], env: Env) -> Value:
    """A sum, a function, a norm, an expectation, a product or a power outside any sum:
    its value depends on the instance (and the free index) only, never on the rest of
    the answer, and answers of a class share such pieces (`rho(W)`, `W^t h_0`, the
    sum of q2.a), so it is kept on the drawn instance. A value taken from there counts
    the work its evaluation did, and is evaluated again when that would pass a bound,
    so that the same error is raised at the same node."""
    assert env.memo is not None
    memo, work = env.memo, env.work
    canonical = _CANONICAL.get(id(node))  # `_canonical` inlined: once per kept node
    same = canonical[1] if canonical is not None and canonical[0] is node else _canonical(node)
    key = (id(env.ctx), id(same), tuple(env.bound.items()) if env.bound else ())
    found = memo.get(key)
    if found is not None and found[0] is env.ctx and found[1] is same:
        _, _, value, elements, visits = found
        if work[0] + elements <= MAX_WORK and work[1] + visits <= MAX_VISITS:
            work[0] += elements
            work[1] += visits
            return value
    start_elements, start_visits = work
    value = _visit(node, handler, env)
    if isinstance(node, ast.BinOp) and np.ndim(value) == 0:
        return value  # a product of numbers: cheaper to compute than to keep
    if isinstance(value, np.ndarray):
        value.setflags(write=False)  # shared from now on
    if len(memo) >= _MAX_KEPT:
        memo.clear()
    memo[key] = (env.ctx, same, value, work[0] - start_elements, work[1] - start_visits)
    return value


_MAX_KEPT = 4096  # sub-expression values kept per drawn instance
_CANONICAL: dict[int, tuple[ast.Expr, ast.Expr]] = {}  # id(node) -> (node, first equal node)
_FIRST: dict[ast.Expr, ast.Expr] = {}
_MAX_CANONICAL = 20_000


def _canonical(node: ast.Expr) -> ast.Expr:
    """The first node seen equal to `node`: a tree is hashed once per parse, not once per
    evaluation (a node's hash walks its whole subtree), and keys are compared by identity."""
    found = _CANONICAL.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    if len(_CANONICAL) >= _MAX_CANONICAL:
        _CANONICAL.clear()
        _FIRST.clear()
    same = _FIRST.setdefault(node, node)
    _CANONICAL[id(node)] = (node, same)
    return same


_ARRAYS = (np.ndarray, np.generic)  # a tuple: `np.ndarray | np.generic` is built per call


def _visit(node: ast.Expr, handler: Callable[[Any, Env], Value], env: Env) -> Value:
    work = env.work
    work[1] += 1
    if work[1] > MAX_VISITS:
        raise error("evaluate.too_much_work", node, limit=MAX_VISITS)
    value = handler(node, env)
    if isinstance(value, _ARRAYS):
        size = value.size
        work[0] += size
        if work[0] > MAX_WORK:
            raise error("evaluate.too_much_work", node, limit=MAX_WORK)
        if value.dtype.kind in "fc" and not _literal(node):  # literals: bounded by the lexer
            peak = abs(value.item()) if size == 1 else _peak(value, size)
            if peak > MAX_MAGNITUDE:
                if math.isinf(peak) and isinstance(node, ast.Call) and node.func == "log":
                    raise error("evaluate.log_zero", node)  # log(0) is no overflow
                raise error("evaluate.too_large", node)
    return value


def _peak(value: np.ndarray, size: int) -> float:
    """The largest magnitude in `value`, NaN when it holds a NaN (as numpy's `max`). A
    few real entries are read as Python floats: three times cheaper than `np.abs` and a
    reduction on a vector of a question, and the same number (a sum that is no NaN
    proves there is no NaN to propagate)."""
    if size <= _SMALL and value.dtype.kind == "f":
        items = value.ravel().tolist()
        total = sum(items)
        if total == total:
            return max(map(abs, items), default=0.0)
    return float(np.abs(value).max(initial=0))


_SMALL = 32  # entries up to which `_peak` reads Python floats


def _literal(node: ast.Expr) -> bool:
    """`1e300`, `-1e300`: a number as typed, within the lexer's ±300 (documented)."""
    return isinstance(node, ast.Num) or (
        isinstance(node, ast.Neg) and isinstance(node.operand, ast.Num)
    )


# -- leaves ---------------------------------------------------------------------------


def _num(node: ast.Num, env: Env) -> Value:
    found = _FLOATS.get(id(node))
    if found is None or found[0] is not node:
        try:
            number = float(node.value)
        except OverflowError:
            raise error("evaluate.too_large", node) from None
        if len(_FLOATS) >= _MAX_FLOATS:
            _FLOATS.clear()
        found = _FLOATS[id(node)] = (node, number)
    return np.array(found[1])


#: Each number node's float, kept by identity: `float(Fraction)` costs more than the
#: rest of evaluating a number, and a parsed answer is evaluated on every instance.
_FLOATS: dict[int, tuple[ast.Num, float]] = {}
_MAX_FLOATS = 20_000


def _name(node: ast.Name, env: Env) -> Value:
    ident = node.id
    if ident in env.bound:
        return np.array(float(env.bound[ident]))
    sym = env.ctx.symbol(ident)
    if sym is not None:
        return _symbol_value(sym, node, env)
    if ident in env.ctx.dims and isinstance(env.instance.get(ident), int):
        return np.array(float(env.instance[ident]))  # a size: sum_{j=1}^{M}
    if ident == "pi":
        return np.array(math.pi)
    if env.ctx.free:
        if ident in env.instance:
            return np.array(float(env.instance[ident]))
        raise error("evaluate.unknown_name", node, name=ident, known="-")
    if ident in env.ctx.indices or ident == env.ctx.free_index:
        raise error("evaluate.unbound_index", node, name=ident)
    known = ", ".join(sorted(env.ctx.names()))
    raise error("evaluate.unknown_name", node, name=ident, known=known)


def _symbol_value(sym: Symbol, node: ast.Expr, env: Env) -> Value:
    if sym.domain == "identity" and not sym.shape:
        return Eye()
    raw = env.instance[sym.name]
    if sym.family == "sequence":
        raise error("evaluate.sequence_whole", node, name=sym.name, steps=env.ctx.steps)
    if sym.family == "sample":
        if sym.name not in env.rows:
            raise error("evaluate.sample_outside", node, name=sym.name)
        raw = np.asarray(raw)[env.rows[sym.name]]
    return column(raw)


def _sub(node: ast.Sub, env: Env) -> Value:
    composite = _composite_name(node, env)
    if composite is not None:
        return _name(ast.Name(composite, span=node.span), env)
    if not isinstance(node.base, ast.Name) or env.ctx.symbol(node.base.id) is None:
        if isinstance(node.base, ast.Name) and env.ctx.free:
            raise error("evaluate.unknown_name", node, name=node.base.id, known="-")
        raise error("evaluate.not_indexable", node)
    sym = env.ctx.symbol(node.base.id)
    assert sym is not None
    indices = [_index(i, env) for i in node.index]
    raw = np.asarray(env.instance[sym.name], dtype=float)
    if sym.family in ("sequence", "sample"):  # x_k of a sequence, x_i of a batch
        if len(indices) != 1:
            raise error("evaluate.index_count", node, name=sym.name, count=1)
        return column(_pick(raw, indices, node, sym, env))
    if len(indices) != raw.ndim:
        raise error("evaluate.index_count", node, name=sym.name, count=raw.ndim)
    return np.asarray(_pick(raw, indices, node, sym, env))


def _index(node: ast.Expr, env: Env) -> int:
    """An index's value: a bound index or a whole number read at once (the body of a sum
    indexes on every term), anything else evaluated."""
    if isinstance(node, ast.Name) and node.id in env.bound:
        value = env.bound[node.id]
        if isinstance(value, int):  # counted as `_eval` would count it: same bounds
            env.work[0] += 1
            env.work[1] += 1
            if env.work[1] > MAX_VISITS:
                raise error("evaluate.too_much_work", node, limit=MAX_VISITS)
            if env.work[0] > MAX_WORK:
                raise error("evaluate.too_much_work", node, limit=MAX_WORK)
            return value
    return _integer(_eval(node, env), node)


def _pick(raw: np.ndarray, indices: list[int], node: ast.Expr, sym: Any, env: Env) -> Any:
    """The entry at 1-based `indices`. Out of range, the message names the index as written
    and the range by its dimension (`t`, `N`), never the drawn instance's numbers."""
    from examgrade.mathlang.printer import show

    for axis, k in enumerate(indices):
        if not 1 <= k <= raw.shape[axis]:
            written = node.index[axis] if isinstance(node, ast.Sub) else None
            raise error(
                "evaluate.index_range",
                node,
                name=sym.name,
                k=show(written) if written is not None else k,
                size=_dim_of(sym, axis, raw.shape[axis], env),
            )
    return raw[tuple(k - 1 for k in indices)]


def _dim_of(sym: Any, axis: int, size: int, env: Env) -> str:
    """The name of the dimension an axis runs over (`t` for x_k, `N` for W's rows)."""
    family = sym.family in ("sequence", "sample")
    if family and axis == 0:
        names = [*env.ctx.indices.values(), *env.ctx.dims]
    else:
        position = axis - 1 if family else axis
        names = [sym.shape[position]] if position < len(sym.shape) else []
    for name in names:
        if isinstance(name, str) and env.instance.get(name) == size:
            return name
    return "?"


def _composite_name(node: ast.Sub, env: Env) -> str | None:
    """`h_0`, `h_{0}`, `x_g`: the symbol spelled base_index, when the context has it."""
    if not isinstance(node.base, ast.Name):
        return None
    parts = []
    for index in node.index:
        if isinstance(index, ast.Num) and index.value.denominator == 1 and index.value >= 0:
            parts.append(str(index.value.numerator))
        elif isinstance(index, ast.Name) and index.id not in env.bound:
            parts.append(index.id)
        else:
            return None
    key = f"{node.base.id}_{''.join(parts)}"
    if env.ctx.symbol(key) is not None:
        return key
    if env.ctx.free and env.ctx.symbol(node.base.id) is None:
        return key
    return None


def _integer(value: Value, node: ast.Expr) -> int:
    if isinstance(value, Eye) or np.ndim(value) != 0:
        raise error("evaluate.index_not_integer", node)
    number = float(np.real(value))
    if not math.isfinite(number) or number != round(number):
        raise error("evaluate.index_not_integer", node)
    return round(number)


# -- arithmetic -----------------------------------------------------------------------


def _neg(node: ast.Neg, env: Env) -> Value:
    value = _eval(node.operand, env)
    return Eye(-value.scale) if isinstance(value, Eye) else -value


def _binop(node: ast.BinOp, env: Env) -> Value:
    left = _eval(node.left, env)
    right = _eval(node.right, env)
    return _BINARY[node.op](left, right, node, env)


def _add(left: Value, right: Value, node: ast.BinOp, env: Env, sign: float = 1.0) -> Value:
    if isinstance(left, Eye) and isinstance(right, Eye):
        return Eye(left.scale + sign * right.scale)
    if isinstance(left, Eye) or isinstance(right, Eye):
        eye, other = (left, right) if isinstance(left, Eye) else (right, left)
        if np.ndim(other) != 2 or other.shape[0] != other.shape[1]:
            raise error("evaluate.identity_size", node)
        left, right = (
            (eye.scale * np.eye(other.shape[0]), other)
            if isinstance(left, Eye)
            else (other, eye.scale * np.eye(other.shape[0]))
        )
    if np.ndim(left) == 0 or np.ndim(right) == 0 or np.shape(left) == np.shape(right):
        return left + sign * right
    raise error("evaluate.add_shapes", node, left=describe(left, env), right=describe(right, env))


def _sub_op(left: Value, right: Value, node: ast.BinOp, env: Env) -> Value:
    return _add(left, right, node, env, -1.0)


def _mul(left: Value, right: Value, node: ast.Expr, env: Env) -> Value:
    if isinstance(left, Eye) or isinstance(right, Eye):
        eye, other = (left, right) if isinstance(left, Eye) else (right, left)
        if isinstance(other, Eye):
            return Eye(eye.scale * other.scale)
        if np.ndim(other) == 0:
            return Eye(eye.scale * float(other))
        return eye.scale * other
    if np.ndim(left) == 0 or np.ndim(right) == 0:
        return left * right
    if np.ndim(left) == 2 and np.ndim(right) == 2 and left.shape[1] == right.shape[0]:
        env.work[0] += left.shape[0] * left.shape[1] * right.shape[1]
        product = left @ right
        return product[0, 0] * np.ones(()) if product.shape == (1, 1) else product
    raise _producterror(left, right, node, env)


def _producterror(left: Value, right: Value, node: ast.Expr, env: Env) -> MathError:
    """Why a product does not exist; `node` is a `*` (whose sides can be swapped in the
    hint) or a `prod` (whose running product and next term are no sides of the text)."""
    from examgrade.mathlang.printer import show

    hint: Message | str = ""
    if isinstance(node, ast.BinOp) and np.ndim(left) == 2 and np.ndim(right) == 2:
        a, b = show(node.left), show(node.right)
        if right.shape[1] == left.shape[0]:
            hint = Message("evaluate.hint_swap", {"fix": f"{b} {a}"})
        elif left.shape[0] == right.shape[0]:
            hint = Message("evaluate.hint_swap", {"fix": f"{a}^T {b}"})
        elif left.shape[1] == right.shape[1]:
            hint = Message("evaluate.hint_swap", {"fix": f"{a} {b}^T"})
    return error(
        "evaluate.product_shapes",
        node,
        left=describe(left, env),
        right=describe(right, env),
        hint=hint,
    )


def _odot(left: Value, right: Value, node: ast.BinOp, env: Env) -> Value:
    if isinstance(left, Eye) or isinstance(right, Eye):
        raise error("evaluate.identity_size", node)
    if np.ndim(left) == 0 or np.ndim(right) == 0 or np.shape(left) == np.shape(right):
        return left * right
    if _scales_rows(left, right) or _scales_rows(right, left):
        return left * right  # m ⊙ W scales the rows of W: diag(m) W, as ML papers write it
    raise error("evaluate.odot_shapes", node, left=describe(left, env), right=describe(right, env))


def _scales_rows(vector: Value, matrix: Value) -> bool:
    """A vector (held as a column) beside a matrix with as many rows and a different number
    of columns: beside a square matrix, rows or columns would be a guess, so it is refused."""
    return (
        np.ndim(vector) == 2
        and np.shape(vector)[1] == 1
        and np.ndim(matrix) == 2
        and np.shape(matrix)[0] == np.shape(vector)[0]
        and np.shape(matrix)[1] not in (1, np.shape(matrix)[0])
    )


def _div(left: Value, right: Value, node: ast.BinOp, env: Env) -> Value:
    if isinstance(right, Eye) or np.ndim(right) != 0:
        raise error("evaluate.divide_shapes", node, right=describe(right, env))
    if float(np.abs(right)) == 0.0:
        raise error("evaluate.division_by_zero", node)
    if isinstance(left, Eye):
        return Eye(left.scale / float(right))
    return left / right


def _pow(left: Value, right: Value, node: ast.BinOp, env: Env) -> Value:
    if isinstance(right, Eye) or np.ndim(right) != 0:
        raise error("evaluate.exponent_shape", node, right=describe(right, env))
    if isinstance(left, Eye):
        return Eye(left.scale ** _matrix_exponent(right, node))
    if np.ndim(left) == 0:
        base, exponent = float(np.real(left)), float(np.real(right))
        if base != 0 and abs(exponent) * math.log10(abs(base) or 1) > 300:
            raise error("evaluate.too_large", node)
        return np.asarray(left) ** right
    if np.ndim(left) == 2 and left.shape[0] == left.shape[1] and left.shape[0] > 1:
        k = _matrix_exponent(right, node)
        if k < 0:
            left, k = inverse(left, node), -k
        env.work[0] += left.shape[0] ** 3 * max(1, int(math.log2(k + 1)))
        return np.linalg.matrix_power(left, k)
    raise error("evaluate.power_shape", node, base=describe(left, env))


def _matrix_exponent(value: Value, node: ast.Expr) -> int:
    number = float(np.real(value))
    if not math.isfinite(number) or number != round(number):
        raise error("evaluate.exponent_not_integer", node)
    if abs(number) > MAX_MATRIX_EXPONENT:
        raise error("evaluate.exponent_too_large", node, limit=MAX_MATRIX_EXPONENT)
    return int(number)


_BINARY: dict[str, Callable[[Value, Value, ast.BinOp, Env], Value]] = {
    "+": _add,
    "-": _sub_op,
    "*": _mul,
    "/": _div,
    "^": _pow,
    "odot": _odot,
}


def _transpose(node: ast.Transpose, env: Env) -> Value:
    value = _eval(node.operand, env)
    if isinstance(value, Eye) or np.ndim(value) == 0:
        return value
    if np.ndim(value) == 2:
        return value.T
    raise error("evaluate.transpose_shape", node, value=describe(value, env))


# -- sums, products, expectations, indicators -------------------------------------------


def _index_size(index: str, env: Env, node: ast.Expr) -> range:
    dim = env.ctx.indices.get(index)
    if dim is None and isinstance(node, ast.Reduce):
        dim = _dimension_indexed(index, node.body, env.ctx)
    if dim is None or dim not in env.instance:
        raise error("evaluate.no_range", node, index=index)
    return range(1, int(env.instance[dim]) + 1)


def _dimension_indexed(index: str, body: ast.Expr, ctx: Any) -> str | None:
    """The range of an index the question does not declare (`\\sum_{m,n} W_{imn} y_m z_n`):
    the dimension of what it indexes, when every tensor it indexes agrees (W's second
    axis and y's are both M); None when they differ or it indexes nothing."""
    found: set[str | int] = set()
    for sub in ast.walk(body):
        if not isinstance(sub, ast.Sub) or not isinstance(sub.base, ast.Name):
            continue
        sym = ctx.symbol(sub.base.id)
        if sym is None or sym.family or len(sym.shape) != len(sub.index):
            continue
        for axis, at in enumerate(sub.index):
            if isinstance(at, ast.Name) and at.id == index:
                found.add(sym.shape[axis])
    if len(found) != 1:
        return None
    dim = found.pop()
    return dim if isinstance(dim, str) else None


def _reduce(node: ast.Reduce, env: Env) -> Value:
    ranges = []
    for index in node.indices:
        if node.lower is None or node.upper is None:
            ranges.append(_index_size(index, env, node))
            continue
        low = _integer(_eval(node.lower, env), node.lower)
        high = _integer(_eval(node.upper, env), node.upper)
        if high - low + 1 > MAX_TERMS:
            raise error("evaluate.range_too_large", node, count=high - low + 1, limit=MAX_TERMS)
        ranges.append(range(low, high + 1))
    if math.prod(len(r) for r in ranges) > MAX_TERMS:
        raise error("evaluate.range_too_large", node, count="?", limit=MAX_TERMS)
    total: Value = np.array(0.0 if node.op == "sum" else 1.0)
    combine = _add if node.op == "sum" else _mul
    terms = _all_terms(node, ranges, env)
    if terms is not None and len(terms):
        # the same terms computed at once, combined one by one in the loop's order with
        # the loop's operations (`_add`: total + 1.0 * term; `_mul`: total * term), in
        # Python floats: the same IEEE doubles
        acc = float(total)
        if node.op == "sum":
            for term in terms.tolist():
                acc = acc + 1.0 * term
        else:
            for term in terms.tolist():
                acc = acc * term
        return np.float64(acc)
    for values in itertools.product(*ranges):
        term = _eval(node.body, env.with_bound(**dict(zip(node.indices, values, strict=True))))
        total = combine(total, term, node, env)  # type: ignore[arg-type]
    return total


def _all_terms(node: ast.Reduce, ranges: list[range], env: Env) -> np.ndarray | None:
    """Every term of a sum of numbers at once (`eval_sums`), counted as the loop would
    count them; None when the loop must do it (or say why it cannot)."""
    if not ranges or not all(ranges) or len(set(node.indices)) != len(node.indices):
        return None
    axes = _grid(tuple((r.start, r.stop) for r in ranges))
    grid = dict(zip(node.indices, axes, strict=True))
    found = vector_terms(node.body, env, grid, _composite_name, MAX_MAGNITUDE)
    if found is None:
        return None
    terms, per_term = found
    visits = len(terms) * per_term
    if env.work[0] + visits > MAX_WORK or env.work[1] + visits > MAX_VISITS:
        return None
    env.work[0] += visits
    env.work[1] += visits
    return terms


@functools.lru_cache(maxsize=64)
def _grid(bounds: tuple[tuple[int, int], ...]) -> tuple[np.ndarray, ...]:
    """Every index's value at every term of a sum over these ranges, in the loop's order
    (the last index fastest): built once per ranges, read-only."""
    axes = np.meshgrid(*[np.arange(start, stop) for start, stop in bounds], indexing="ij")
    flat = tuple(a.ravel() for a in axes)
    for values in flat:
        values.setflags(write=False)
    return flat


def _sample_names(node: ast.Expr, env: Env) -> set[str]:
    """The sample batches a body uses. `x_g` is read as the alias of `x_tilde`, not as
    the real samples `x` indexed by g: the same resolution `_sub` applies."""
    names = set()
    stack: list[ast.Expr] = [node]
    while stack:
        sub = stack.pop()
        spelled = _composite_name(sub, env) if isinstance(sub, ast.Sub) else None
        if isinstance(sub, ast.Name) or spelled is not None:
            sym = env.ctx.symbol(spelled or sub.id)  # type: ignore[union-attr]
            if sym is not None and sym.family == "sample":
                names.add(sym.name)
            if spelled is not None:
                continue
        stack.extend(ast.children(sub))
    return names


def _average(body: ast.Expr, env: Env) -> Value | None:
    """E[body]: the mean over the samples of the batches that appear in body (or None)."""
    names = _sample_names(body, env)
    if not names:
        return None
    count = min(len(np.asarray(env.instance[n])) for n in names)
    total: Value = np.array(0.0)
    for row in range(count):
        total = _add(total, _eval(body, env.with_rows(dict.fromkeys(names, row))), body, env)  # type: ignore[arg-type]
    return total / count


def _expect(node: ast.Expect, env: Env) -> Value:
    averaged = _average(node.body, env)
    return _eval(node.body, env) if averaged is None else averaged


def _compare(node: ast.Compare, env: Env) -> Value:
    values = [_eval(x, env) for x in node.operands]
    result: Value = np.array(True)
    for op, a, b in zip(node.ops, values, values[1:], strict=False):
        if isinstance(a, Eye) or isinstance(b, Eye):
            raise error("evaluate.identity_size", node)
        if not (np.ndim(a) == 0 or np.ndim(b) == 0 or np.shape(a) == np.shape(b)):
            raise error("evaluate.compare_shapes", node, left=describe(a), right=describe(b))
        result = result & _COMPARE[op](np.real(a), np.real(b))
    return np.asarray(result, dtype=float)


_COMPARE = {"<": np.less, ">": np.greater, "<=": np.less_equal, ">=": np.greater_equal}


def _indicator(node: ast.Indicator, env: Env) -> Value:
    return _compare(node.condition, env)


# -- functions and norms ----------------------------------------------------------------


def _call(node: ast.Call, env: Env) -> Value:
    if node.func == "mean" and len(node.args) == 1:
        averaged = _average(node.args[0], env)
        if averaged is not None:
            return averaged
    args = [_eval(a, env) for a in node.args]
    if any(isinstance(a, Eye) for a in args):
        raise error("evaluate.identity_size", node)
    spec = FUNCS.get(node.func)
    if spec is None:
        raise error("evaluate.not_here", node, construct=node.func)
    arity, function = spec
    if len(args) not in arity:
        raise error("evaluate.arity", node, func=node.func, count=min(arity))
    return function(args, node, env)


def _norm(node: ast.Norm, env: Env) -> Value:
    value = _eval(node.operand, env)
    if isinstance(value, Eye):
        raise error("evaluate.identity_size", node)
    return np.asarray(norm_of(value, node.kind))


_EVAL: dict[type, Callable[[Any, Env], Value]] = {
    ast.Num: _num,
    ast.Name: _name,
    ast.Sub: _sub,
    ast.Neg: _neg,
    ast.BinOp: _binop,
    ast.Transpose: _transpose,
    ast.Call: _call,
    ast.Norm: _norm,
    ast.Reduce: _reduce,
    ast.Compare: _compare,
    ast.Indicator: _indicator,
    ast.Expect: _expect,
}
_KEPT = frozenset({ast.Reduce, ast.Call, ast.Norm, ast.Expect, ast.BinOp})
