"""The LALR tables are kept between runs in the user's cache folder (lark unpickles that
file, so never a shared temp folder), and a parser read back from it reads as a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest

from examgrade.mathlang import parser
from examgrade.mathlang.printer import to_text

SAMPLES = ["W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", "log p(x,z)/q(z|x)", "||W||_F^2"]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parser._lark.cache_clear()
    yield tmp_path
    parser._lark.cache_clear()


def readings() -> list[str]:
    return [to_text(parser.parse(s, None, probability=True)) for s in SAMPLES]


def test_tables_are_written_to_the_users_cache_folder_and_read_back(cache_home: Path) -> None:
    fresh = readings()
    cached = cache_home / "examgrade" / "mathlang-grammar.lark-cache"
    assert cached.is_file() and cached.stat().st_size > 1000
    assert cached.parent.stat().st_mode & 0o077 == 0  # only the user can plant a file there
    parser._lark.cache_clear()
    assert readings() == fresh


def test_an_unusable_cache_folder_only_costs_time(cache_home: Path) -> None:
    (cache_home / "examgrade").write_text("a file where the folder should be")
    assert parser._cache_file() is False
    assert readings()[0].startswith("W^t * h_0")
