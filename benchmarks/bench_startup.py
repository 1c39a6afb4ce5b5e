"""How long the commands a person types one at a time take, from the shell to the prompt.

    python benchmarks/bench_startup.py [--runs 7] [--save DIR | --compare DIR]

Each command is run as a fresh process (the installed `examgrade` script's Python, with
bytecode written and read as an installed package has it), once to warm the user cache
(a temporary XDG_CACHE_HOME, never the home folder), then `--runs` times; the medians
of wall and CPU (user + system) time are printed beside the floors measured in the same
run: Python's start-up (`python -c pass`) and importing the libraries every command
needs (`import yaml, rich, typer`). The machine is shared: CPU time is the figure to
compare; wall time is what a person waits for.

Nothing may change an output: `check` (text in each language, and `--json`) of every
sheet in answers/ and in the contract's examples (../shared/spec/examples), every help
screen and equiv's verdicts (text in each language, JSON) are the same from
a cold cache and a warm one (always checked), and the same as in DIR when `--compare DIR`
names the outputs a `--save DIR` run kept (of the code before a change). Targets (issue
17): check ≤ 0.30 s, --help ≤ 0.12 s, equiv ≤ 0.30 s wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEETS = sorted((ROOT / "answers").glob("*.yaml"))
# The contract's examples, where the shared folder sits beside this checkout.
EXAMPLES = sorted((ROOT.parent / "shared" / "spec" / "examples").glob("*.yaml"))
TARGETS = {"check": 0.30, "--help": 0.12, "equiv": 0.30}


def _examgrade() -> list[str]:
    """The console script beside this Python, else the module."""
    script = Path(sys.executable).with_name("examgrade")
    return [str(script)] if script.exists() else [sys.executable, "-m", "examgrade"]


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    return env


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """Wall and CPU seconds of one child process, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr.decode()}")
    return wall, cpu, done.stdout


# Help screens and equiv verdicts (text in each language, JSON), kept beside the sheets.
COMMANDS = ["", "check", "explain", "template", "grade", "import", "groups", "review", "equiv"]
COMMANDS += ["validate", "exam", "exam validate", "exam new"]
EQUIV = [("x^2-1", "(x-1)*(x+1)"), ("a+b", "b+a"), ("x", "x+1"), ("log(a^2*b)", "2*log(a)+log(b)")]
EQUIV += [("sqrt(x^2)", "x"), ("(x+", "x")]


def _run_any(argv: list[str], env: dict[str, str]) -> bytes:
    """Standard output and exit code of one command that may exit non-zero (equiv)."""
    done = subprocess.run(argv, env=env, capture_output=True, check=False, cwd=ROOT)
    return done.stdout + done.stderr + f"\nexit {done.returncode}\n".encode()


def _outputs(env: dict[str, str]) -> dict[str, bytes]:
    eg = _examgrade()
    kept = {sheet.stem: _run([*eg, "check", "--json", str(sheet)], env)[2] for sheet in SHEETS}
    for sheet in SHEETS + EXAMPLES:
        where = "answers" if sheet in SHEETS else "example"
        kept[f"check-{where}-{sheet.stem}"] = _run_any([*eg, "check", str(sheet)], env)
        kept[f"check-{where}-{sheet.stem}-json"] = _run_any(
            [*eg, "check", "--json", str(sheet)], env
        )
        for lang in ("en", "fr", "both"):
            name = f"check-{where}-{sheet.stem}-{lang}"
            kept[name] = _run_any([*eg, "check", "--lang", lang, str(sheet)], env)
    for command in COMMANDS:
        kept[f"help-{command.replace(' ', '-') or 'main'}"] = _run_any(
            [*eg, *command.split(), "--help"], env
        )
    for n, (first, second) in enumerate(EQUIV):
        for extra in (["--lang", "en"], ["--lang", "fr"], ["--lang", "both"], ["--json"]):
            name = f"equiv-{n}{''.join(extra)}"
            kept[name] = _run_any([*eg, "equiv", first, second, *extra], env)
        kept[f"equiv-{n}-a-positive"] = _run_any(
            [*eg, "equiv", first, second, "--symbols", "a:positive, b:positive"], env
        )
    return kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--save", type=Path, help="Keep every output (check --json, help, equiv) here."
    )
    parser.add_argument("--compare", type=Path, help="Outputs a --save run kept.")
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = _env(cache)
    try:
        cold = _outputs(env)  # fills the cache (rubrics, tables) and compiles bytecode
        warm = _outputs(env)
        assert cold == warm, "an output differs between a cold and a warm cache"
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for name, text in warm.items():
                (args.save / f"{name}.json").write_bytes(text)
        if args.compare:
            for name, text in warm.items():
                kept = (args.compare / f"{name}.json").read_bytes()
                assert kept == text, f"output {name} differs from {args.compare}"
        eg = _examgrade()
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "import yaml, rich, typer": [sys.executable, "-c", "import yaml, rich, typer"],
            "check": [*eg, "check", str(ROOT / "answers" / "ada-en.yaml")],
            "check --json": [*eg, "check", "--json", str(ROOT / "answers" / "ada-en.yaml")],
            "--help": [*eg, "--help"],
            "equiv": [*eg, "equiv", "x^2-1", "(x-1)*(x+1)"],
        }
        for argv in commands.values():
            _run(argv, env)  # warm
        print(f"{'command':<26} {'wall s':>7} {'cpu s':>7} {'target':>7}  (medians of {args.runs})")
        for name, argv in commands.items():
            runs = [_run(argv, env)[:2] for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            target = TARGETS.get(name)
            shown = f"{target:7.2f}" if target else " " * 7
            print(f"{name:<26} {wall:7.3f} {cpu:7.3f} {shown}")
        print(f"{len(cold)} outputs (check --json, help, equiv): cold cache = warm cache", end="")
        print(f" = {args.compare}" if args.compare else "")
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
