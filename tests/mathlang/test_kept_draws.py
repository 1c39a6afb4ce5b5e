"""Random instances kept between runs (`examgrade.mathlang.kept_draws`, issue 17): the
same values bit for bit as drawn, a later round drawn as if none were kept, and a
damaged, foreign or unwritable cache only a miss."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from examgrade.mathlang import context as context_module
from examgrade.mathlang import kept_draws
from examgrade.mathlang.context import Context, drawn_round, fixed_draw
from tests.conftest import RNN_CONTEXT

ROOT = Path(__file__).resolve().parents[2]
SIZES = (3, 2)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _forget()
    yield tmp_path / "cache" / "examgrade"
    _forget()


def _forget() -> None:
    """What this process drew, forgotten: the next call reads the cache or draws."""
    context_module._DRAWN.clear()
    context_module._FIXED.clear()


def _drawn_fresh(ctx: Context, seed: int) -> list[list[dict]]:
    rng = np.random.default_rng(seed)
    return [[ctx.draw(rng, index=k) for k in range(size)] for size in SIZES]


def _same(got: dict, expected: dict) -> None:
    assert list(got) == list(expected)  # the names in the same order
    for name, value in expected.items():
        assert type(got[name]) is type(value), name
        if isinstance(value, np.ndarray):
            assert got[name].dtype == value.dtype and got[name].shape == value.shape
            assert got[name].tobytes() == value.tobytes()  # bit for bit
            assert got[name].flags.c_contiguous and got[name].flags.owndata
        else:
            assert got[name] == value


def _files(cache: Path) -> list[Path]:
    return sorted(cache.glob("drawn-*.marshal"))


def test_kept_rounds_are_the_drawn_ones_bit_for_bit(cache: Path) -> None:
    ctx = Context.from_plain(RNN_CONTEXT)
    expected = _drawn_fresh(ctx, 11)
    first = drawn_round(ctx, 11, SIZES, 0)
    assert len(_files(cache)) == 1
    _forget()
    kept = drawn_round(ctx, 11, SIZES, 0)  # read from the file
    assert kept is not first
    for got, want in zip(kept, expected[0], strict=True):
        _same(got, want)
        assert got.digest == context_module.instance_digest(want)
    # the next round was never kept: drawn from a generator advanced over the first
    for got, want in zip(drawn_round(ctx, 11, SIZES, 1), expected[1], strict=True):
        _same(got, want)
    _forget()
    for number in (0, 1):  # both rounds kept now
        for got, want in zip(drawn_round(ctx, 11, SIZES, number), expected[number], strict=True):
            _same(got, want)


def test_a_fixed_draw_is_kept_too(cache: Path) -> None:
    ctx = Context.from_plain(RNN_CONTEXT)
    rng = np.random.default_rng(5)
    for index in (0, 1, 2):
        expected = ctx.draw(rng, index=index)
    first = fixed_draw(ctx, 5, (0, 1, 2))
    _forget()
    again = fixed_draw(ctx, 5, (0, 1, 2))
    _same(again, expected)
    _same(first, expected)


def _one(value: object) -> object:
    """A file's rounds holding one instance whose W is `value`."""
    return (((("W", value),),),)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data, key: b"not marshal at all",
        lambda data, key: data[: len(data) // 2],
        lambda data, key: marshal.dumps(("another key", marshal.loads(data)[1])),
        lambda data, key: marshal.dumps((key, _one(("<f8", (3, 3), b"short")))),
        lambda data, key: marshal.dumps((key, _one(("|O", (1,), b"\0" * 8)))),
        lambda data, key: marshal.dumps((key, _one([1.0]))),
        lambda data, key: marshal.dumps((key, _one(("<f8", (10**9, 10**9), b"")))),
        lambda data, key: marshal.dumps((key, ((),))),  # a round of the wrong size
    ],
)
def test_a_damaged_or_foreign_file_is_drawn_again(cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    ctx = Context.from_plain(RNN_CONTEXT)
    expected = _drawn_fresh(ctx, 3)
    drawn_round(ctx, 3, SIZES, 0)
    (path,) = _files(cache)
    key = kept_draws.key_text("rounds", ctx, 3, SIZES)
    path.write_bytes(damage(path.read_bytes(), key))
    _forget()
    for number in (0, 1):
        for got, want in zip(drawn_round(ctx, 3, SIZES, number), expected[number], strict=True):
            _same(got, want)


def test_no_cache_folder_draws_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    _forget()
    ctx = Context.from_plain(RNN_CONTEXT)
    expected = _drawn_fresh(ctx, 3)
    for got, want in zip(drawn_round(ctx, 3, SIZES, 0), expected[0], strict=True):
        _same(got, want)
    _forget()


_MODULES_AFTER = """
import io, json, sys
sys.argv = ["examgrade", *sys.argv[1:]]
from examgrade.launch import main
out, sys.stdout = sys.stdout, io.StringIO()
try:
    main()
except SystemExit:
    pass
text, sys.stdout = sys.stdout.getvalue(), out
print(json.dumps([text, "numpy.random" in sys.modules]))
"""


def _check(cache: Path, sheet: Path) -> tuple[str, bool]:
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, "check", str(sheet)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100", "XDG_CACHE_HOME": str(cache)},
    )
    text, imported = json.loads(done.stdout.strip().splitlines()[-1])
    return text, imported


def test_a_warm_check_draws_nothing_and_prints_the_same(tmp_path: Path) -> None:
    """numpy.random is imported only to draw (~13 ms of a `check`); a damaged cache
    prints the same report."""
    sheet = ROOT / "answers" / "ada-en.yaml"
    cold, imported = _check(tmp_path / "cache", sheet)
    assert imported  # the formula checks drew their instances
    warm, imported = _check(tmp_path / "cache", sheet)
    assert warm == cold and not imported
    for path in (tmp_path / "cache" / "examgrade").glob("drawn-*.marshal"):
        path.write_bytes(b"\x00damaged")
    assert _check(tmp_path / "cache", sheet)[0] == cold
