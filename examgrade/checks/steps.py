"""The `steps` kind: a derivation checked step by step on random discrete models.

Every step (an expression, or an equation `lhs = rhs` whose sides must agree) is
evaluated by `examgrade.mathlang.prob_eval` on the solver's models, so any correct
rewriting passes whatever its form. Points come in three shares set by the rubric:

* start: the first step is log p(x) (also on the loose models, where q sums to c != 1);
* end: the last step is the identity's right-hand side, in any equal form; the loose
  models tell it apart from a bare log p(x) (see `examgrade.solvers.elbo`), and models
  whose p(z|x) breaks Bayes' rule tell it apart from E_q[log p(x)] (`OtherPosterior`);
* moves: each move (one step to the next, or across an equation) that keeps the value.
  A step that breaks the chain costs its own move only: the next step is credited when
  it agrees with its predecessor or with the chain's start again. A chain with fewer
  than `min_moves` moves (a leap from log p(x) to the result) earns `leap_moves_points`
  for its moves instead of `moves_points`.

Feedback names the first wrong step by its number and shows both values on the model
where they differ.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from typing import Any

import numpy as np

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, invalid, scale_status, unreadable_or_none, wrong_shape
from examgrade.errors import Location, MathError, RubricError
from examgrade.i18n import Figures, Message, Text
from examgrade.mathlang import kept_draws
from examgrade.mathlang.ast import Equation, Expr
from examgrade.nodes import Node, Scalar, Sequence
from examgrade.solvers.elbo import DiscreteModel, identity_rhs

_SHARES = ("start_points", "end_points", "moves_points")
_LOOSE_MASSES = (0.6, 1.7)
_RTOL, _ATOL = 1e-7, 1e-9
_SYMBOLS = ("x", "z")
MAX_STEPS = 40  # every step is parsed and evaluated on 18 models: a bound on the work


@dataclass(frozen=True)
class Written:
    """One expression of the chain: a whole step, or one side of an equation step."""

    step: int  # 1-based step number, as the student numbers them
    side: str  # "step", "lhs" or "rhs"
    expr: Expr
    proper: tuple[np.ndarray, ...]  # values on the proper models (q sums to 1)
    loose: tuple[np.ndarray, ...]  # values on the variants: loose q, other p(z|x)


@dataclass(frozen=True)
class OtherPosterior(DiscreteModel):
    """The model with p(z|x) replaced by an unrelated table. Bayes' rule no longer ties
    p(z|x) to p(x,z)/p(x), so a last step equal to the right-hand side only through it
    (E_q[log p(x)], log p(x) in disguise) stands out, while ELBO + KL(q||p(z|x)) and the
    exam's form, which use p(z|x) as such, still agree with the right-hand side."""

    posterior: np.ndarray | None = None

    @property
    def p_z_given_x(self) -> np.ndarray:
        assert self.posterior is not None
        return self.posterior


def other_posterior(model: DiscreteModel, index: int) -> OtherPosterior:
    """Its table is drawn from a fixed seed, kept between runs (`kept_draws`: no
    numpy.random for a `check`, issue 17)."""
    seed, size = 7919 + index, len(model.q)

    def draw() -> dict[str, np.ndarray]:
        return {"table": np.random.default_rng(seed).dirichlet(np.ones(size))}

    table = kept_draws.kept_instance(kept_draws.key_text("other_posterior", seed, size), draw)
    return OtherPosterior(model.joint, model.q, model.observed, table["table"])


@dataclass(frozen=True)
class Move:
    before: Written
    after: Written
    valid: bool
    model: int | None = None  # index of a proper model where the two differ


def agree(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal on one model, a vector over z against a scalar included (constant in z)."""
    a, b = np.broadcast_arrays(a, b)
    return bool(
        np.all(np.isfinite(a)) and np.all(np.isfinite(b)) and np.allclose(a, b, _RTOL, _ATOL)
    )


def first_difference(a: Seq[np.ndarray], b: Seq[np.ndarray]) -> int | None:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if not agree(x, y)), None)


def show(value: np.ndarray) -> Figures:
    """A value for feedback: a scalar, or the values over z in brackets (`0,5` in French)."""
    flat = np.atleast_1d(value)
    if flat.size == 1:
        return Figures(f"{float(flat[0]):.6g}")
    return Figures("[" + ", ".join(f"{float(v):.4g}" for v in flat) + "]")


@register_check
class StepsCheck:
    name = "steps"
    form = "steps"  # the blank sheet says what to write (template.form_steps)

    def validate(self, item: Any) -> None:
        if not item.solver:
            raise RubricError("rubric.missing_key", {"key": "solver"}, item.location)
        options = item.options
        for key in (*_SHARES, "leap_moves_points", "min_moves"):
            if key not in options:
                raise RubricError("rubric.missing_key", {"key": f"options.{key}"}, item.location)
        total = sum(float(options[k]) for k in _SHARES)
        if abs(total - item.points) > 1e-9:
            raise RubricError(
                "rubric.points_sum",
                {"what": "options", "total": total, "owner": "steps", "expected": item.points},
                item.location,
            )

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        early = unreadable_or_none(answer)
        if early:
            return early
        if isinstance(answer, Scalar):
            scalars: tuple[Node, ...] = (answer,)
        elif isinstance(answer, Sequence):
            scalars = answer.items
        else:
            return wrong_shape(answer, Message("derivation.shape", {}))  # type: ignore[arg-type]
        if not scalars:
            return unreadable_or_none(None) or Outcome(0.0, "missing")
        if len(scalars) > MAX_STEPS:
            params = {**answer.location.params(), "count": len(scalars), "limit": MAX_STEPS}
            return Outcome(0.0, "invalid", (Message("derivation.too_many", params),))
        models = tuple(ctx.solve(ctx.item.solver, ctx.item.params).value)
        loose = (
            *(m.loose(c) for m in models for c in _LOOSE_MASSES),
            *(other_posterior(m, index) for index, m in enumerate(models)),
        )
        chain: list[Written] = []
        unreadable: list[Text] = []
        for number, node in enumerate(scalars, start=1):
            if not isinstance(node, Scalar):
                outcome = wrong_shape(node, Message("derivation.shape_step", {}))
                unreadable.append(
                    Message(
                        "derivation.step_error", {"step": number, "detail": outcome.feedback[0]}
                    )
                )
                continue
            try:
                chain.extend(_read_step(number, node.text, models, loose, ctx))
            except MathError as error:
                located = invalid(error, node).feedback[0]
                unreadable.append(
                    Message("derivation.step_error", {"step": number, "detail": located})
                )
        if not chain:
            return Outcome(0.0, "invalid", tuple(unreadable))
        return _score(_dedupe(chain), models, loose, ctx, tuple(unreadable), len(scalars))

    def explain(self, ctx: CheckContext) -> Any:
        """The identity, checked by the solver on a model, and how a chain earns its points."""
        from examgrade.explanations import ItemExplanation

        options = ctx.item.options
        solution = ctx.solve(ctx.item.solver, ctx.item.params)
        scoring = Message(
            "derivation.explain_scoring",
            {key: options[key] for key in (*_SHARES, "leap_moves_points", "min_moves")},
        )
        correct = ctx.item.feedback.get("correct")
        models = tuple(solution.value)
        return ItemExplanation(
            ctx.item.field,
            ctx.item.points,
            answer=Message("derivation.explain_answer", {}),
            steps=(*solution.steps, *_reference_chain(options.get("reference", ()), models, ctx)),
            notes=tuple(t for t in (scoring, correct) if t),
        )

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> tuple[str, ...] | None:
        if isinstance(answer, Sequence) and all(isinstance(n, Scalar) for n in answer.items):
            return tuple(" ".join(n.text.split()) for n in answer.items)  # type: ignore[union-attr]
        return None


def _read_step(
    number: int,
    text: str,
    models: tuple[DiscreteModel, ...],
    loose: tuple[DiscreteModel, ...],
    ctx: CheckContext,
) -> list[Written]:
    from examgrade.mathlang.parser import parse
    from examgrade.mathlang.prob_eval import evaluate_prob

    symbols = tuple(ctx.item.options.get("symbols", _SYMBOLS))
    offset = _continuation(text)
    try:
        expr = parse(text[offset:], symbols, mode="step", probability=True)
    except MathError as error:
        column = (error.location.column or 1) + offset
        raise MathError(error.code, error.params, Location(column=column)) from None
    sides = (
        [("lhs", expr.lhs), ("rhs", expr.rhs)] if isinstance(expr, Equation) else [("step", expr)]
    )
    return [
        Written(
            number,
            side,
            side_expr,
            tuple(evaluate_prob(side_expr, m) for m in models),
            tuple(evaluate_prob(side_expr, m) for m in loose),
        )
        for side, side_expr in sides
    ]


def _reference_chain(
    reference: Seq[str], models: tuple[DiscreteModel, ...], ctx: CheckContext
) -> tuple[Message, ...]:
    """The rubric's reference derivation, each step valued by the grader itself on the
    first model and on its loose variant (where only the right-hand side moves)."""
    if not reference:
        return ()
    model, loose = models[0], models[0].loose(_LOOSE_MASSES[-1])
    lines = [Message("derivation.explain_chain", {"mass": _LOOSE_MASSES[-1]})]
    for number, text in enumerate(reference, start=1):
        try:
            (written,) = _read_step(number, str(text), (model,), (loose,), ctx)
        except (MathError, ValueError):  # pragma: no cover - the rubric's own steps parse
            continue
        values = {"proper": show(written.proper[0]), "loose": show(written.loose[0])}
        lines.append(Message("derivation.explain_step", {"step": number, "text": text, **values}))
    return tuple(lines)


def _continuation(text: str) -> int:
    """A step written as on paper, `= E_q[...]`, continues the previous one: the offset
    of what follows its leading `=` (0 when there is none)."""
    stripped = text.lstrip()
    if stripped.startswith("=") and not stripped.startswith("=="):
        return len(text) - len(stripped) + 1
    return 0


def _dedupe(chain: list[Written]) -> list[Written]:
    """Steps that rewrite nothing are no moves: `log p(x)` then `log p(x) = ...` restates
    the previous step, and so do `log p(x) + 0`, `2 log p(x) - log p(x)` (the same normal
    form, `mathlang.normal`) and `log p(x) + E_q[log q] - E_q[log q]` (the same terms
    plus terms that add up to zero). Such a step earns no credit and does not count
    towards the moves a derivation must show, so padding a leap does not hide it."""
    kept = [chain[0]]
    for written in chain[1:]:
        if not _rewrites_nothing(kept[-1], written):
            kept.append(written)
    return kept


def _rewrites_nothing(before: Written, after: Written) -> bool:
    from examgrade.mathlang.normal import normal_form, only_adds_terms

    if after.expr == before.expr:
        return True
    try:
        if normal_form(after.expr) == normal_form(before.expr):
            return True
        return (
            only_adds_terms(before.expr, after.expr)  # cheap: the values only then
            and first_difference(before.proper, after.proper) is None
            and first_difference(before.loose, after.loose) is None
        )
    except (ArithmeticError, RecursionError, ValueError):
        return False


def _moves(chain: list[Written]) -> list[Move]:
    moves = []
    start = chain[0]
    for before, after in itertools.pairwise(chain):
        differs = first_difference(before.proper, after.proper)
        back_on_track = first_difference(start.proper, after.proper) is None
        moves.append(Move(before, after, differs is None or back_on_track, differs))
    return moves


def _score(
    chain: list[Written],
    models: tuple[DiscreteModel, ...],
    loose: tuple[DiscreteModel, ...],
    ctx: CheckContext,
    unreadable: tuple[Text, ...],
    steps: int,
) -> Outcome:
    options = ctx.item.options
    first, last = chain[0], chain[-1]
    log_px = [np.log(m.p_x) for m in models], [np.log(m.p_x) for m in loose]
    rhs = [identity_rhs(m) for m in models], [identity_rhs(m) for m in loose]
    starts = _matches(first, *log_px)
    ends = _matches(last, *rhs)
    moves = _moves(chain)
    valid = sum(m.valid for m in moves)
    leap = len(moves) < int(options["min_moves"])
    share = float(options["leap_moves_points" if leap else "moves_points"])
    moves_score = share * valid / (len(moves) + len(unreadable)) if moves else 0.0
    score = (
        float(options["start_points"]) * starts + float(options["end_points"]) * ends + moves_score
    )
    texts: list[Text] = list(unreadable)
    mistake = None
    wrong = next((m for m in moves if m.model is not None), None)
    if wrong is not None:
        texts += [*feedback(ctx, "wrong_step"), _wrong_move(wrong, models)]
        texts += _read_as(wrong.after)
        mistake = "wrong-step"
    if not starts:
        texts += [*feedback(ctx, "wrong_start"), _endpoint("start", first, models, loose, log_px)]
        mistake = mistake or "wrong-start"
    if not ends:
        texts += [*feedback(ctx, "wrong_end"), _endpoint("end", last, models, loose, rhs)]
        mistake = mistake or "wrong-end"
    if leap and starts and ends and wrong is None:
        texts += feedback(ctx, "leap", moves=len(moves), minimum=options["min_moves"])
        mistake = mistake or "leap"
    score = min(round(score, 4), ctx.item.points)
    status = scale_status(score, ctx.item.points)
    if status == "correct":
        texts = [*feedback(ctx, "correct"), *texts]
    reading = Message("derivation.reading", {"steps": steps, "moves": len(moves)})
    return Outcome(score, status, tuple(texts), reading=reading, mistake=mistake)  # type: ignore[arg-type]


def _matches(written: Written, proper: list[float], loose: list[float]) -> bool:
    return (
        first_difference(written.proper, proper) is None
        and first_difference(written.loose, loose) is None
    )


def _read_as(written: Written) -> list[Text]:
    """How the wrong step was read, when the printer is there (`log a/b` is (log a)/b)."""
    try:
        from examgrade.mathlang.printer import to_text
    except ImportError:
        return []
    return [Message("derivation.read_as", {"step": written.step, "text": to_text(written.expr)})]


def _model_params(model: DiscreteModel) -> dict[str, object]:
    return {"states": len(model.q), "observed": model.observed, "mass": f"{model.q.sum():.3g}"}


def _wrong_move(move: Move, models: tuple[DiscreteModel, ...]) -> Message:
    index = move.model if move.model is not None else 0
    model = models[index]
    params = {
        **_model_params(model),
        "step": move.after.step,
        "previous": move.before.step,
        "before": show(move.before.proper[index]),
        "after": show(move.after.proper[index]),
    }
    if move.before.step == move.after.step:  # the two sides of one equation
        return Message("derivation.sides_disagree", params)
    return Message("derivation.wrong_step", params)


def _endpoint(
    which: str,
    written: Written,
    models: tuple[DiscreteModel, ...],
    loose: tuple[DiscreteModel, ...],
    reference: tuple[list[float], list[float]],
) -> Message:
    index = first_difference(written.proper, reference[0])
    if index is not None:
        model, value, expected = models[index], written.proper[index], reference[0][index]
    else:
        index = first_difference(written.loose, reference[1]) or 0
        model, value, expected = loose[index], written.loose[index], reference[1][index]
    variant = "_bayes" if isinstance(model, OtherPosterior) else ""
    return Message(
        f"derivation.wrong_{which}{variant}",
        {
            **_model_params(model),
            "step": written.step,
            "value": show(value),
            "expected": show(np.asarray(expected)),
        },
    )
