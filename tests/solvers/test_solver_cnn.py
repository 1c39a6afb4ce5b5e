"""The Q1 solvers against a direct numpy convolution: sizes measured by convolving,
receptive fields by propagating a one-hot input, not by re-deriving the formulas."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from examgrade.solvers import get_solver


def conv2d(image: np.ndarray, kernel: np.ndarray, padding: int, stride: int) -> np.ndarray:
    """Plain cross-correlation with zero padding, the way CNN layers compute it."""
    padded = np.pad(image, padding)
    windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijkl,kl->ij", windows, kernel)


def measured_sizes(n: int, k: int, p: int, s: int, layers: int) -> list[int]:
    image = np.ones((n, n))
    sizes = []
    for _ in range(layers):
        image = conv2d(image, np.ones((k, k)), p, s)
        assert image.shape[0] == image.shape[1]
        sizes.append(image.shape[0])
    return sizes


def measured_receptive_field(n: int, k: int, p: int, s: int, layers: int) -> int:
    """The input pixels whose one-hot perturbation reaches the middle output neuron."""
    rng = np.random.default_rng(0)
    kernels = [rng.uniform(0.5, 1.5, (k, k)) for _ in range(layers)]

    def forward(image: np.ndarray) -> np.ndarray:
        for kernel in kernels:
            image = conv2d(image, kernel, p, s)
        return image

    out = forward(np.zeros((n, n)))
    centre = out.shape[0] // 2
    row = n // 2
    seen = []
    for col in range(n):
        one_hot = np.zeros((n, n))
        one_hot[row, col] = 1.0
        if forward(one_hot)[centre, centre] != 0:
            seen.append(col)
    assert seen == list(range(seen[0], seen[-1] + 1)), "a receptive field is contiguous"
    return len(seen)


def params(n: int, k: int, p: int, s: int, layers: int) -> dict[str, int]:
    return {"input_size": n, "kernel": k, "padding": p, "stride": s, "layers": layers}


CASES = [
    (256, 5, 2, 1, 6),  # the exam: same convolutions, 256 at every layer
    (64, 5, 0, 1, 6),  # valid: shrinks by k - 1 per layer
    (40, 3, 2, 1, 4),  # full for k = 3: grows by 2 per layer
    (64, 3, 1, 2, 3),  # strided: the receptive field grows by (k-1) times the jump
    (33, 4, 1, 1, 2),  # even kernel
]


class TestConvStack:
    @pytest.mark.parametrize("n,k,p,s,layers", CASES)
    def test_sizes_match_a_real_convolution(
        self, n: int, k: int, p: int, s: int, layers: int
    ) -> None:
        solution = get_solver("cnn.feature_map_sizes")(params(n, k, p, s, layers))
        assert solution.value == measured_sizes(n, k, p, s, layers)

    @pytest.mark.parametrize(
        "n,k,p,s,layers", [(64, 5, 2, 1, 6), (48, 3, 1, 2, 3), (40, 3, 0, 1, 4)]
    )
    def test_receptive_field_matches_one_hot_propagation(
        self, n: int, k: int, p: int, s: int, layers: int
    ) -> None:
        solution = get_solver("cnn.receptive_field")(params(n, k, p, s, layers))
        assert solution.value == measured_receptive_field(n, k, p, s, layers)

    def test_exam_receptive_field_is_25_layer_by_layer(self) -> None:
        fields = [
            get_solver("cnn.receptive_field")(params(256, 5, 2, 1, L)).value for L in range(1, 7)
        ]
        assert fields == [5, 9, 13, 17, 21, 25]

    @pytest.mark.parametrize("k", [3, 5, 7])
    def test_full_valid_same_paddings_do_what_their_names_say(self, k: int) -> None:
        n = 32
        full = get_solver("cnn.padding_full")(params(n, k, 2, 1, 1)).value
        valid = get_solver("cnn.padding_valid")(params(n, k, 2, 1, 1)).value
        same = get_solver("cnn.padding_same")(params(n, k, 2, 1, 1)).value
        assert measured_sizes(n, k, int(same), 1, 1) == [n]
        assert measured_sizes(n, k, valid, 1, 1) == [n - k + 1]
        assert measured_sizes(n, k, full, 1, 1) == [n + k - 1]

    def test_full_padding_visits_every_input_pixel_k_times(self) -> None:
        k = 5
        full = get_solver("cnn.padding_full")(params(16, k, 0, 1, 1)).value
        counts = conv2d(np.ones((16, 16)), np.ones((k, k)), full, 1)  # sum over windows
        visits = np.zeros((16 + 2 * full, 16 + 2 * full))
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                visits[i : i + k, j : j + k] += 1
        inner = visits[full:-full, full:-full]
        assert inner.min() == k * k

    def test_steps_explain_each_layer(self) -> None:
        steps = get_solver("cnn.feature_map_sizes")(params(256, 5, 2, 1, 6)).steps
        assert steps[0].render("en") == "layer 1: (256 + 2·2 − 5) / 1 + 1 = 256"
        assert steps[5].render("fr") == "couche 6 : (256 + 2·2 − 5) / 1 + 1 = 256"


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ("kernel=100000000", "kernel = 100000000"),
        ("kernel=1e300", "kernel = 1e"),
        ("layers=0", "layers = 0"),
    ],
)
def test_a_parameter_out_of_range_is_named_not_dumped(setting: str, named: str) -> None:
    """`explain q1 --set kernel=1e300` printed the solver's dict of parameters, a
    301-digit kernel in it, and never said which parameter was wrong or what it may be."""
    from typer.testing import CliRunner

    from examgrade.cli import app

    result = CliRunner().invoke(app, ["explain", "q1", "--set", setting, "--lang", "fr"])
    assert result.exit_code == 2
    assert f"le paramètre {named}" in result.output and "donnez de" in result.output
    assert "{" not in result.output and "input_size" not in result.output
