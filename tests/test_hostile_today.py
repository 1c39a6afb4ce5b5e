"""Today's new readers of what students and other users write, attacked (issue 16): the
rewrites of math never told the notation (`reading.untold`), definitions after the answer
(`reading.math.definitions`), the instances kept in the user cache as marshal
(`mathlang.kept_draws`) and the cache's reads (`user_cache.read_bytes`). Bounds are
pinned by sizes and counts, never by time."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from examgrade import user_cache
from examgrade.cli import app
from examgrade.mathlang import kept_draws
from examgrade.reading import MAX_TEXT
from examgrade.reading.math import definitions
from examgrade.reading.untold import untold
from tests.conftest import ANSWERS

NAMES = frozenset({"W", "x", "b", "h", "t", "k", "i", "j"})
SPACES = " " * 1900

#: Hostile answers of at most MAX_TEXT characters each.
HOSTILE = {
    "nested brackets": "(" * 995 + "x" + ")" * 995,
    "nested generators": "sum(" * 150 + "W for k in range(1, t+1)" + ")" * 150,
    "a thousand commas": "W x" + ", " * 990,
    "where chain": "W D"
    + "".join(f" where {a} = {b} W" for a, b in zip("DEFGHI", "EFGHIJ", strict=True)),
    "self definition": "W D where D = D W",
    "mutual definitions": "W D, D = E W, E = D W",
    "a long meaning used often": "D " * 100 + " where D = " + "W x + " * 250 + "x",
    "a meaning used 480 times": " + ".join(["D"] * 480) + " where D = " + "W" * 60,
    "lam grows to lambda": "lam " * 490,
    "spaces in a definition": "W D where D = x" + SPACES + "y",
    "spaces in numpy code": "np.linalg.matrix_power(" * 40 + SPACES + "W, t" + ")" * 40,
    "tabs and newlines": "W plus" + "\t\n " * 600 + "x",
    "NUL and control characters": "".join(map(chr, range(32))) * 60,
    "unicode confusables": "Ԝ х ＋ ｂ " * 200,
    "brace indicators": "1{" * 900 + "a > 0" + "}" * 900,
    "words for operators": "the sum over k from 1 to t of " * 66,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_no_rewrite_takes_a_hostile_answer_past_max_text(text: str) -> None:
    """What the parser is given is never longer than what it accepts typed: a rewrite
    that would grow past it (`lam` -> `lambda`, a long meaning substituted 100 times,
    150,399 characters from 1,712) leaves the answer as typed."""
    text = text[:MAX_TEXT]
    rewritten = untold(text, NAMES)
    assert len(rewritten) <= MAX_TEXT
    assert len(definitions(rewritten, NAMES)) <= MAX_TEXT
    assert len(definitions(text, NAMES)) <= MAX_TEXT


def test_a_rewrite_past_max_text_leaves_the_answer_as_typed() -> None:
    typed = "lam " * 450
    assert untold(typed, NAMES) == typed  # was 'lambda ' * 450, 3,150 characters
    typed = "D " * 100 + " where D = " + "W x + " * 250 + "x"
    assert definitions(typed, NAMES) == typed


@pytest.mark.parametrize("run", [" " * 900, "\t" * 900, " \n" * 450])
def test_runs_of_spaces_are_one_space_before_the_rewrites(run: str) -> None:
    """Rewrites search patterns starting with `\\s*`, k² steps on a run of k spaces
    (9.3 s CPU on one answer of 2,000 characters): a run of four or more is one space
    (one newline when it holds one) before any of them reads it."""
    rewritten = untold("W" + run + "@ x", NAMES)
    assert max(map(len, re.findall(r"\s*", rewritten))) < 4


def test_a_definition_ending_in_spaces_reads_as_before() -> None:
    """The meaning's end is set aside in Python, not by a lazy regex (cubic on a run of
    spaces: 1,900 of them took 14 s)."""
    assert definitions("W D, D = x" + SPACES + ". ", NAMES) == "W (x)"
    assert definitions("W D where D = x" + SPACES + "y", NAMES) == f"W (x{SPACES}y)"
    assert definitions("W D where D = x.", NAMES) == "W (x)"
    assert definitions("W D where D = 0.5.", NAMES) == "W (0.5)"


@pytest.mark.parametrize(
    "text",
    [
        "W D where D = D W",
        "W D, D = E W, E = D W",
        "W A, A = B, B = C, C = D, D = E, E = F, F = G, G = W",
    ],
)
def test_definitions_that_recurse_are_left_as_typed(text: str) -> None:
    assert definitions(text, NAMES) == text


# ---- the marshal files kept in the user cache ----------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "examgrade"


KEY = kept_draws.key_text("hostile", 7, (3, 2))
ROUNDS = [[{"W": np.arange(6.0).reshape(2, 3), "k": 3, "lr": 0.5, "big": 2**80}]]

#: Files another process could have left: each is a miss, and marshal never reads it.
PLANTED = {
    "a tuple of 2**31 - 1 items (16 GB)": b"(\xff\xff\xff\x7f",
    "a small tuple, then a list of 2**31 - 1": b")\x02z\x01a[\xff\xff\xff\x7f",
    "bytes longer than the file": b")\x02z\x01as\xff\xff\xff\x7f",
    "a long of 2**31 - 1 digits": b")\x02z\x01al\xff\xff\xff\x7f",
    "a code object": marshal.dumps((KEY, compile("1", "x", "eval"))),
    "a dict": marshal.dumps({KEY: 1}),
    "trailing bytes": marshal.dumps((KEY, ())) + b"N",
    "empty": b"",
}


@pytest.mark.parametrize("data", PLANTED.values(), ids=PLANTED.keys())
def test_a_planted_or_half_written_marshal_file_is_never_loaded(
    cache: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    kept_draws.save(KEY, ROUNDS)
    (path,) = cache.glob("drawn-*.marshal")
    path.write_bytes(data)
    loaded: list[bytes] = []
    real = marshal.loads
    monkeypatch.setattr(
        kept_draws.marshal, "loads", lambda raw: loaded.append(raw) or real(raw), raising=True
    )
    assert kept_draws.load(KEY) is None
    assert loaded == []  # marshal trusts its input: it allocates what a count says
    assert kept_draws.kept_instance(KEY, lambda: {"k": 4}) == {"k": 4}  # and drawn again
    assert kept_draws.load(KEY) == [[{"k": 4}]]


def test_what_save_writes_still_loads_bit_for_bit(cache: Path) -> None:
    kept_draws.save(KEY, ROUNDS)
    ((got,),) = kept_draws.load(KEY)
    assert got["W"].tobytes() == ROUNDS[0][0]["W"].tobytes()
    assert (got["k"], got["lr"], got["big"]) == (3, 0.5, 2**80)


def test_a_cache_file_too_big_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_cache, "MAX_FILE", 64)
    user_cache.write_bytes("drawn-x.marshal", b"x" * 65)
    assert user_cache.read_bytes("drawn-x.marshal") is None
    user_cache.write_bytes("drawn-y.marshal", b"y" * 64)
    assert user_cache.read_bytes("drawn-y.marshal") == b"y" * 64


def test_a_cache_folder_linked_to_a_shared_folder_is_not_emptied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`~/.cache/examgrade` a link to a folder others can write: it was made 0700 and
    every file in it deleted (the link followed); it is now not used at all."""
    shared, private, home = tmp_path / "shared", tmp_path / "private", tmp_path / "xdg"
    for folder, mode in ((shared, 0o777), (private, 0o700), (home, 0o700)):
        folder.mkdir()
        folder.chmod(mode)
    (shared / "precious.txt").write_text("theirs")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    (home / "examgrade").symlink_to(shared)
    assert user_cache.folder() is None
    assert (shared / "precious.txt").read_text() == "theirs"
    assert shared.stat().st_mode & 0o777 == 0o777
    (home / "examgrade").unlink()
    (home / "examgrade").symlink_to(private)  # a link to a folder of one's own: used
    assert user_cache.folder() == home / "examgrade"


# ---- a sheet full of hostile answers, end to end ---------------------------------------------


def test_check_grades_a_hostile_sheet_with_located_errors(cache: Path, tmp_path: Path) -> None:
    sheet = yaml.safe_load((ANSWERS / "ada-en.yaml").read_text(encoding="utf-8"))
    sheet["q2"]["a"] = HOSTILE["nested generators"]
    sheet["q2"]["b"] = HOSTILE["a long meaning used often"]
    sheet["q2"]["c"]["vanishes_if"] = HOSTILE["spaces in a definition"]
    sheet["q5"]["a"]["penalty"] = "lam " * 450 + "||W||_F^2"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(sheet, allow_unicode=True), encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"}).invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Total:" in result.output
    # the length the student is told is one they typed (1,800 + 9), not the rewrite's 2,709
    assert "2709" not in result.output and "2,709" not in result.output
    assert "unknown name 'lam'" in result.output
