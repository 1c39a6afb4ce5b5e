"""Shared fixtures: the sample sheets, the shipped rubrics, and a sheet builder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from examgrade.rubric import RubricSet, load_rubrics

# Property tests draw the same examples on every run, so CI passes or fails for a
# reason; `HYPOTHESIS_PROFILE=explore` draws new ones to look for new failures.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

_HOME_VARS = ("HOME", "XDG_CACHE_HOME")
_saved_home: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    """The suite never touches the developer's home folder: HOME and XDG_CACHE_HOME point
    into a temporary folder for the whole session (subprocesses inherit them), so the
    caches of `examgrade.user_cache` are written there and thrown away."""
    home = tempfile.mkdtemp(prefix="examgrade-tests-home-")
    for name in _HOME_VARS:
        _saved_home[name] = os.environ.get(name)
    os.environ["HOME"] = home
    os.environ["XDG_CACHE_HOME"] = os.path.join(home, ".cache")


def pytest_unconfigure(config: pytest.Config) -> None:
    home = os.environ.get("HOME", "")
    for name, value in _saved_home.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if Path(home).name.startswith("examgrade-tests-home-"):
        shutil.rmtree(home, ignore_errors=True)


ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "answers"


@pytest.fixture(scope="session")
def rubrics() -> RubricSet:
    return load_rubrics(str(ROOT / "rubrics"))


#: The linear RNN of q2 as a context declaration (sizes with N != M, a sequence x_k, the
#: identity), for tests of evaluation and equivalence outside a rubric.
RNN_CONTEXT = {
    "dims": {"N": [3, 4], "M": [2, 5], "t": [1, 2, 3, 5]},
    "symbols": {
        "W": {"shape": ["N", "N"]},
        "U": {"shape": ["N", "M"]},
        "b": {"shape": ["N"]},
        "h_0": {"shape": ["N"], "aliases": ["h0"]},
        "x": {"shape": ["M"], "family": "sequence"},
        "t": {"domain": "int"},
        "I": {"domain": "identity"},
    },
    "indices": {"k": "t"},
}

#: The three-way Boltzmann machine of q8 (binary y and z, a free index i for x_i's
#: conditional), for tests of sums over several indices.
Q8_CONTEXT = {
    "dims": {"N": [2, 3], "M": [2, 4], "K": [3, 5]},
    "symbols": {
        "W": {"shape": ["N", "M", "K"]},
        "y": {"shape": ["M"], "domain": "binary"},
        "z": {"shape": ["K"], "domain": "binary"},
    },
    "indices": {"i": "N", "j": "M", "k": "K"},
    "free_index": "i",
}


def sheet_text(body: str, student: str = 'student:\n  id: "42"\n  lang: en\n') -> str:
    """A sheet with a valid student block followed by `body`."""
    return student + body


def synth_class():
    """benchmarks/synth_class.py as a module (it is a script, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synth_class", ROOT / "benchmarks/synth_class.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
