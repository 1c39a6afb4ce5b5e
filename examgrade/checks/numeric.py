"""Check kinds for Q1-style answers: a size (`25`, `25x25`, `[25, 25]`, `1 + 6*(5-1)`),
a number (`4`, `4x4`, `(5-1)`), and a list of per-layer sizes (or one size for all).

The reference always comes from the item's solver; known mistakes are literal answers
or rules (a solver run with other parameters), compared the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Sequence as Seq
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, ClassVar

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, invalid, scale_status, unreadable_or_none, wrong_shape
from examgrade.errors import MathError, RubricError
from examgrade.i18n import Figures, Message
from examgrade.mathlang.arith import evaluate
from examgrade.nodes import Node, Scalar, Sequence
from examgrade.reading.decimals import decimal_commas, digit_groups
from examgrade.reading.values import read_value

_SEPARATOR = re.compile(r"\s*(?:[xX×]|\bby\b|\bpar\b)\s*")
_SQUARE = re.compile(r"^(\d+)\s*\*\s*(\d+)$")
_UNITS = re.compile(r"\s*(?:pixels?|px|pixel)\s*$", re.IGNORECASE)


def _components(text: str) -> list[str]:
    text = _UNITS.sub("", text.strip())
    square = _SQUARE.match(text)
    if square and square.group(1) == square.group(2):  # `256*256`: a square, not 65536
        return [square.group(1), square.group(2)]
    if len(text) >= 2 and text[0] == "[" and text[-1] == "]":
        return [c for c in text[1:-1].split(",")]
    return _SEPARATOR.split(text)


def read_size(text: str) -> Fraction:
    """One size from its text: every written dimension must agree (`25x25`, not `25x24`).
    A third component (`256x256x64`) is the channel count and is not compared. Kept per
    short text and process (its error raised again): a worker reads an answer to grade
    it and again for its group key (issue 17: every answer distinct)."""
    if len(text) > _MAX_KEPT_TEXT:
        return _read_size(text)
    found = _SIZES.get(text)
    if found is None:
        try:
            found = _read_size(text)
        except MathError as error:
            found = error
        if len(_SIZES) >= _MAX_SIZES:
            _SIZES.clear()
        _SIZES[text] = found
    if isinstance(found, MathError):
        raise found
    return found


_SIZES: dict[str, Fraction | MathError] = {}
_MAX_SIZES = 4096
_MAX_KEPT_TEXT = 200  # longer texts are read every time: the table stays small


def _read_size(text: str) -> Fraction:
    parts = _components(text)
    values = [evaluate(p) for p in parts[:2]]
    if len(parts) > 3 or len(set(values)) > 1:
        raise MathError("numeric.not_square", {"text": text})
    return values[0]


@dataclass(frozen=True)
class _Read:
    """The values read, and whether words or working were taken out to read them."""

    values: list[Fraction]
    guess: bool = False


def _scalar_sizes(text: str, options: Mapping[str, Any], parameters: Mapping[str, Any]) -> _Read:
    """The sizes a text holds once its words and working are taken out
    (`examgrade.reading.values`): every side of the working that can be computed must
    agree with the last one, which is the answer."""
    try:
        return _Read([read_size(text)])
    except MathError as error:
        first_error = error
    reading = read_value(text, options.get("asks"))
    if not reading.guess and len(reading.values) == 1 and not reading.input:
        raise first_error
    if reading.input:
        name = options.get("input_words")
        if name is None or name not in parameters:
            raise first_error
        values = [Fraction(parameters[name])]
        if reading.values:  # the size written beside the words must be the input's
            written = [read_size(v) for v in reading.values]
            if any(w != values[0] for w in written):
                raise MathError("numeric.sides_differ", {"text": text[:80]})
    else:
        values = [read_size(v) for v in reading.values]
    if reading.total and options.get("total_words") == "halve":
        values = [v / 2 for v in values]
    for side in reading.others:
        try:
            value = read_size(side)
        except MathError:
            try:  # working where × is a product (`1 + 6 × 4`), not two dimensions
                value = evaluate(side.replace("×", "*"))
            except MathError:
                continue  # a name (`p`, `k - 1`): not a number to check
        if len(values) != 1 or value != values[0]:
            raise MathError("numeric.sides_differ", {"text": text[:80]})
    return _Read(values, guess=True)


def _node_sizes(
    node: Node,
    options: Mapping[str, Any] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> _Read:
    """The sizes a node holds: one for a scalar (or one per item of a list typed without
    brackets), one per item for a list of layers, one for a YAML list `[25, 25]` of two
    equal dimensions."""
    if isinstance(node, Scalar):
        return _scalar_sizes(node.text, options or {}, parameters or {})
    assert isinstance(node, Sequence)
    values = []
    for item in node.items:
        if not isinstance(item, Scalar):
            raise MathError("numeric.nested", {})
        values.append(read_size(item.text))
    return _Read(values)


def _as_fraction_list(value: Any) -> list[Fraction]:
    if isinstance(value, Seq) and not isinstance(value, str):
        return [_as_fraction(v) for v in value]
    return [_as_fraction(value)]


def _as_fraction(value: Any) -> Fraction:
    if isinstance(value, str):
        return read_size(value)
    return Fraction(value)


def _show(values: list[Fraction]) -> Figures:
    shown = [str(v.numerator) if v.denominator == 1 else f"{float(v):g}" for v in values]
    return Figures(", ".join(shown))


class _Numeric:
    """Shared logic: read, compare with the solver's value, then with known mistakes."""

    name: ClassVar[str]
    per_layer: ClassVar[bool] = False

    def validate(self, item: Any) -> None:
        if not item.solver:
            raise RubricError("rubric.missing_key", {"key": "solver"}, item.location)
        for mistake in item.mistakes:  # read as a student's: else every wrong answer is invalid
            if mistake.answer is not None:
                try:
                    self.literal(mistake.answer)
                except (MathError, TypeError, ValueError) as error:
                    detail = error.message if isinstance(error, MathError) else str(error)
                    raise RubricError(
                        "rubric.mistake_answer",
                        {"id": mistake.id, "answer": str(mistake.answer)[:80], "detail": detail},
                        mistake.location,
                    ) from None

    def shown(self, values: list[Fraction]) -> Figures:
        """The values as feedback shows them."""
        return _show(values)

    def literal(self, value: Any) -> list[Fraction]:
        """A rubric's literal value (a known mistake's `answer`), as this kind reads it."""
        return _as_fraction_list(value)

    def expected(self, ctx: CheckContext) -> list[Fraction]:
        solution = ctx.solve(ctx.item.solver, ctx.item.params)
        return _as_fraction_list(solution.value)

    def read(self, node: Node, layers: int, ctx: CheckContext | None = None) -> list[Fraction]:
        return self.read_guess(node, layers, ctx).values

    def read_guess(self, node: Node, layers: int, ctx: CheckContext | None = None) -> _Read:
        options = ctx.item.options if ctx is not None else {}
        parameters = ctx.parameters if ctx is not None else {}
        commas, ambiguous = False, False
        if self.name == "number" and isinstance(node, Scalar):  # `1 050 624`: one number
            grouped = digit_groups(node.text)
            if grouped != node.text:
                node, commas = replace(node, text=grouped), True
        if not self.per_layer and isinstance(node, Scalar):
            # one value asked: `1,5` is a decimal comma, not two values (a list of sizes
            # keeps its commas); `1,000` is a thousand or one, as the language says
            text, ambiguous = decimal_commas(node.text)
            if text != node.text:
                node, commas = replace(node, text=text), True
        try:
            return self._read_guess(node, layers, options, parameters, commas)
        except MathError as error:
            if ambiguous:
                raise MathError("numeric.comma", {"text": node.text[:80]}) from error
            raise

    def _read_guess(
        self,
        node: Node,
        layers: int,
        options: Mapping[str, Any],
        parameters: Mapping[str, Any],
        commas: bool,
    ) -> _Read:
        read = _node_sizes(node, options, parameters)
        if commas:
            read = _Read(read.values, guess=True)
        values = read.values
        if not self.per_layer:
            if len(values) in (2, 3) and isinstance(node, Sequence) and len(set(values[:2])) == 1:
                return _Read(values[:1], read.guess)
            if len(values) != 1:
                one = "numeric.one_number" if self.name == "number" else "numeric.one_value"
                raise MathError(one, {"count": len(values)})
            return read
        if len(values) == 1 or (len(values) == 2 and layers != 2 and values[0] == values[1]):
            return _Read(values[:1] * layers, read.guess)
        if len(values) != layers:
            raise MathError("numeric.count", {"count": len(values), "layers": layers})
        return read

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        early = unreadable_or_none(answer)
        if early:
            return early
        assert answer is not None
        if not isinstance(answer, Scalar | Sequence):
            return wrong_shape(answer, Message(f"numeric.shape_{self.name}"))
        expected = self.expected(ctx)
        try:
            read = self.read_guess(answer, len(expected), ctx)
        except MathError as error:
            return invalid(error, answer if isinstance(answer, Scalar) else None)
        given = read.values
        params = {"given": self.shown(given), "expected": self.shown(expected)}
        reading = Message("numeric.reading", {"value": self.shown(given)})
        told: tuple[Message, ...] = ()
        if read.guess and isinstance(answer, Scalar):  # say how the words were read
            reading = Message(
                "numeric.read_as", {"text": answer.text[:80], "value": self.shown(given)}
            )
            told = (reading,)
        points = ctx.item.points
        if given == expected:
            correct = feedback(ctx, "correct", **params) + told
            return Outcome(points, "correct", correct, reading=reading)
        for mistake in ctx.item.mistakes:
            if self._matches(mistake, given, ctx, len(expected)):
                score = min(points, mistake.points)
                return Outcome(
                    score,
                    scale_status(score, points),
                    (mistake.feedback.with_params(**params), *told),
                    reading=reading,
                    mistake=mistake.id,
                )
        score = 0.0
        if self.per_layer and ctx.item.options.get("partial_per_layer"):
            right = sum(g == e for g, e in zip(given, expected, strict=True))
            score = round(points * right / len(expected), 2) if right < len(expected) else 0.0
        return Outcome(
            score,
            scale_status(score, points),
            feedback(ctx, "incorrect", **params) + told,
            reading=reading,
        )

    def fingerprint(self, answer: Node, ctx: CheckContext) -> tuple[Fraction, ...] | None:
        """The values read (one per layer for `sizes`): `25x25` and `[25, 25]` are one."""
        if unreadable_or_none(answer) or not isinstance(answer, Scalar | Sequence):
            return None
        try:
            return tuple(self.read(answer, len(self.expected(ctx)), ctx))
        except MathError:
            return None

    def _matches(self, mistake: Any, given: list[Fraction], ctx: CheckContext, layers: int) -> bool:
        if mistake.answer is not None:
            value = _as_fraction_list(mistake.answer)
            if self.per_layer and len(value) == 1:
                value = value * layers
        else:
            solution = ctx.solve(
                mistake.solver or ctx.item.solver, {**ctx.item.params, **mistake.params}
            )
            value = _as_fraction_list(solution.value)
        return value == given


@register_check
class SizeCheck(_Numeric):
    """A single size: `25`, `25x25`, `25 × 25`, `[25, 25]`, `1 + 6*(5-1)`."""

    name = "size"
    form = "size"


@register_check
class NumberCheck(_Numeric):
    """A number such as a padding: `4`, `4x4`, `(5-1)`, `(5-1)/2`."""

    name = "number"
    form = "number"


@register_check
class SizesCheck(_Numeric):
    """One size per layer (a list), or a single size meaning every layer."""

    name = "sizes"
    form = "sizes"
    per_layer = True


_EQUALS = re.compile(r"\s*=\s*")
_BRACKETS = re.compile(r"^[\[(](.*)[\])]$")


def read_shape(text: str) -> list[Fraction]:
    """Rows and columns from their text: `10x32`, `10 × 32`, `10 by 32`, `(10, 32)`,
    `[10, 32]`, `n x d_v = 10 x 32` (the last side of working is the answer)."""
    text = _EQUALS.split(_UNITS.sub("", text.strip()))[-1].strip()
    inner = _BRACKETS.match(text)
    parts = inner.group(1).split(",") if inner else _SEPARATOR.split(text)
    if len(parts) != 2:
        raise MathError("numeric.two_dims", {"text": text[:80], "count": len(parts)})
    return [evaluate(p.strip()) for p in parts]


@register_check
class ShapeCheck(_Numeric):
    """A matrix's size, rows × columns (`10x32`): the solver returns the pair (rows,
    columns); a known mistake's `answer` is written the same way (`20x32`)."""

    name = "shape"
    form = "shape"

    @staticmethod
    def show_value(value: Any) -> str:
        """`10x32`, as the question writes a size (explain, feedback)."""
        return "x".join(_show(_shape_of(value)).text.split(", "))

    def shown(self, values: list[Fraction]) -> Figures:
        return Figures(self.show_value(values))

    def expected(self, ctx: CheckContext) -> list[Fraction]:
        return _shape_of(ctx.solve(ctx.item.solver, ctx.item.params).value)

    def read_guess(self, node: Node, layers: int, ctx: CheckContext | None = None) -> _Read:
        if isinstance(node, Sequence):
            if not all(isinstance(i, Scalar) for i in node.items):
                raise MathError("numeric.nested", {})
            return _Read(read_shape("[" + ", ".join(i.text for i in node.items) + "]"))
        assert isinstance(node, Scalar)
        return _Read(read_shape(node.text))

    def literal(self, value: Any) -> list[Fraction]:
        return _shape_of(value)

    def _matches(self, mistake: Any, given: list[Fraction], ctx: CheckContext, layers: int) -> bool:
        if mistake.answer is not None:
            return _shape_of(mistake.answer) == given
        params = {**ctx.item.params, **mistake.params}
        return _shape_of(ctx.solve(mistake.solver or ctx.item.solver, params).value) == given


def _shape_of(value: Any) -> list[Fraction]:
    if isinstance(value, str):
        return read_shape(value)
    return [Fraction(v) for v in value]
