"""Q1: convolution arithmetic for a stack of identical conv layers, computed layer by layer.

Pure functions of the question's parameters (`input_size`, `kernel`, `padding`,
`stride`, `layers`). The tests check them against a direct numpy convolution, not
against these formulas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from examgrade.errors import UsageError
from examgrade.i18n import Figures, Message
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution

# each parameter's sensible range (`explain q1 --set kernel=100000000` is no exam question)
_RANGES = {
    "input_size": (1, 10**6),
    "kernel": (1, 10**4),
    "padding": (0, 10**4),
    "stride": (1, 10**4),
    "layers": (1, 1000),
}


@dataclass(frozen=True)
class ConvStack:
    input_size: int
    kernel: int
    padding: int
    stride: int
    layers: int

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> ConvStack:
        values = {}
        for name in ("input_size", "kernel", "padding", "stride", "layers"):
            try:
                value = float(params[name])
                if value != int(value):  # kernel=4.5 is no kernel, not a 4
                    raise ValueError(name)
                values[name] = int(value)
            except (KeyError, TypeError, ValueError, OverflowError):
                raise UsageError(
                    "cnn.bad_parameter", {"name": name, "value": params.get(name)}
                ) from None
        for name, (low, high) in _RANGES.items():  # named, never the parameters' dict
            if not low <= values[name] <= high:
                shown = params[name] if len(str(params[name])) <= 20 else f"{values[name]:.3g}"
                raise UsageError(
                    "cnn.out_of_range", {"name": name, "value": shown, "low": low, "high": high}
                )
        return cls(**values)


def _output_size(n: int, k: int, p: int, s: int) -> int:
    return (n + 2 * p - k) // s + 1


@register_solver("cnn.feature_map_sizes")
def feature_map_sizes(params: Mapping[str, Any]) -> Solution:
    """The side of every layer's feature map: out = floor((n + 2p - k) / s) + 1."""
    stack = ConvStack.from_params(params)
    sizes: list[int] = []
    steps: list[Message] = []
    n = stack.input_size
    for layer in range(1, stack.layers + 1):
        out = _output_size(n, stack.kernel, stack.padding, stack.stride)
        if out < 1:
            raise UsageError("cnn.vanished", {"layer": layer})
        steps.append(
            Message(
                "cnn.size_step",
                {
                    "layer": layer,
                    "n": n,
                    "p": stack.padding,
                    "k": stack.kernel,
                    "s": stack.stride,
                    "out": out,
                },
            )
        )
        sizes.append(out)
        n = out
    return Solution(sizes, tuple(steps))


@register_solver("cnn.receptive_field")
def receptive_field(params: Mapping[str, Any]) -> Solution:
    """The receptive field of a last-layer neuron: each layer adds (k - 1) times the
    product of the strides below it (the spacing of its inputs in input pixels)."""
    stack = ConvStack.from_params(params)
    field_size, jump = 1, 1
    steps = [Message("cnn.rf_start", {})]
    for layer in range(1, stack.layers + 1):
        field_size += (stack.kernel - 1) * jump
        steps.append(
            Message(
                "cnn.rf_step", {"layer": layer, "k": stack.kernel, "jump": jump, "rf": field_size}
            )
        )
        jump *= stack.stride
    return Solution(field_size, tuple(steps))


@register_solver("cnn.padding_full")
def padding_full(params: Mapping[str, Any]) -> Solution:
    """Full convolution: every input pixel meets every kernel position, p = k - 1."""
    stack = ConvStack.from_params(params)
    p = stack.kernel - 1
    out = _output_size(stack.input_size, stack.kernel, p, 1)
    return Solution(
        p,
        (Message("cnn.full_step", {"k": stack.kernel, "p": p, "n": stack.input_size, "out": out}),),
    )


@register_solver("cnn.padding_valid")
def padding_valid(params: Mapping[str, Any]) -> Solution:
    """Valid convolution: the kernel stays inside the input, p = 0."""
    stack = ConvStack.from_params(params)
    out = _output_size(stack.input_size, stack.kernel, 0, 1)
    return Solution(
        0, (Message("cnn.valid_step", {"k": stack.kernel, "n": stack.input_size, "out": out}),)
    )


@register_solver("cnn.padding_same")
def padding_same(params: Mapping[str, Any]) -> Solution:
    """Same convolution (stride 1): n + 2p - k + 1 = n, so p = (k - 1) / 2."""
    stack = ConvStack.from_params(params)
    if stack.stride != 1:  # a strided output is smaller whatever the padding
        raise UsageError("cnn.same_stride", {"s": stack.stride})
    if stack.kernel % 2 == 0:  # (k - 1)/2 per side: a "same" padding needs an odd k
        raise UsageError("cnn.even_kernel", {"k": stack.kernel, "p": f"{(stack.kernel - 1) / 2:g}"})
    p = Fraction(stack.kernel - 1, 2)
    return Solution(p, (Message("cnn.same_step", {"k": stack.kernel, "p": _show(p)}),))


def _show(value: Fraction) -> Figures:
    return Figures(str(value.numerator) if value.denominator == 1 else f"{float(value):g}")
