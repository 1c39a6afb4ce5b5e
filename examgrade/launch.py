"""The `examgrade` console script: what runs before the command line is imported.

Two things every run would otherwise compute again, kept in the user's cache folder
(`examgrade.user_cache`, files of theirs that no one else can write) (issue 17):

- a help screen (`examgrade --help`, `examgrade check -h`, `examgrade` alone) is the
  same bytes for the same arguments, environment, terminal and code: the first run
  renders it with typer and keeps what it printed; the next prints it without importing
  typer or rich (~0.1 s of the ~0.15 s a help took);
- dataclasses compiles a few functions for every class it makes (~600 for `check`,
  ~50 ms): the code objects are kept, named by their source text, and `exec` is given
  the kept code instead of the text (the same code: compiled from the same text with
  the same flags); re compiles ~180 patterns (~35 ms): the program each compiles to is
  kept by pattern and flags, and handed to `_sre.compile` as re's compiler does.

Anything unexpected (no cache folder, a damaged file, another Python) is a miss: the
command runs as if nothing were kept.

`check` and `equiv` given plain arguments run here without typer (`answered_at_once`).
"""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False  # typing's import is a tenth of a kept help screen's time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

HELP_FLAGS = ("--help", "-h")
# Variables that change from one shell prompt to the next and that no help screen reads.
_NOT_READ_BY_HELP = frozenset({"PWD", "OLDPWD", "SHLVL", "_", "PS1", "PS2", "PROMPT_COMMAND"})
# The packages a help screen is made by besides examgrade, found on sys.path.
_HELP_MADE_BY = ("typer", "rich")
HELP_KEPT = 48  # help screens kept (13 commands, a few terminal widths)


def main() -> None:
    """Console-script entry point: a kept help screen, else the command line."""
    args = sys.argv[1:]
    key = help_key(args) if is_help_only(args) else None
    if key is not None:
        kept = _kept_help(key)
        if kept is not None:
            _print_kept_help(*kept)
    # the compiled code is read after a kept check's lookup (a hit needs none of it)
    if key is None and answered_at_once(args, keep_compiled_code):
        return
    keep_compiled_code()  # nothing when answered_at_once did
    from examgrade.cli import main as cli_main

    if key is None:
        cli_main()
    else:
        _run_keeping_help(cli_main, key)


def is_help_only(args: list[str]) -> bool:
    """Arguments that can only print a help screen: command words and a help flag, or
    nothing at all (`examgrade` alone prints its help)."""
    if not args:
        return True
    words = [a for a in args if a not in HELP_FLAGS]
    return len(words) < len(args) and all(not w.startswith("-") for w in words)


def help_key(args: list[str]) -> bytes | None:
    """Everything a help screen depends on: the program's name and arguments, the
    environment (what changes at every prompt aside), each standard stream's terminal
    and size, Python, and the size and time of every file of examgrade, typer and rich.
    None when it cannot be told (a package not found): no help is kept then."""
    main = sys.modules.get("__main__")
    # The program's name in the usage line: `examgrade`, or `python -m examgrade`.
    program = [repr(sys.argv[:1]), repr(getattr(main, "__package__", None))]
    parts = [sys.version, sys.platform, sys.executable, *program, repr(args)]
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k not in _NOT_READ_BY_HELP)
    for fd in (0, 1, 2):
        try:
            size: Any = tuple(os.get_terminal_size(fd))
        except (OSError, ValueError):
            size = None
        parts.append(f"{fd}:{os.isatty(fd)}:{size}")
    for stream in (sys.stdout, sys.stderr):
        parts.append(f"{getattr(stream, 'encoding', None)}:{getattr(stream, 'errors', None)}")
    package = os.path.dirname(os.path.abspath(__file__))
    folders = [package] + [_installed(name) for name in _HELP_MADE_BY]
    if None in folders:
        return None
    try:
        for folder in folders:
            parts += _stamps(folder)  # type: ignore[arg-type]
    except OSError:  # a package in a zip file, a folder that cannot be read
        return None
    return "\0".join(parts).encode("utf-8", "surrogateescape")


def _installed(name: str) -> str | None:
    """The folder of the package `name` on sys.path (not imported), or None."""
    for entry in sys.path:
        folder = os.path.join(entry or ".", name)
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return os.path.abspath(folder)
    return None


def _stamps(folder: str) -> list[str]:
    """Name, size and modification time of every Python file under `folder`."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found += _stamps(entry.path)
            elif entry.name.endswith((".py", ".yaml", ".lark")):
                info = entry.stat()
                found.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")
    return sorted(found)


def _digest(key: bytes) -> bytes:
    """The key's SHA-256 (the environment it holds is never written down)."""
    try:
        from _sha256 import sha256  # CPython 3.11: without hashlib's OpenSSL start-up (~4 ms)
    except ImportError:
        from hashlib import sha256
    return sha256(key).hexdigest().encode()


def _kept_help(key: bytes) -> tuple[int, str] | None:
    """The exit code and text of the help screen kept for `key`, or None."""
    from examgrade import user_cache

    digest = _digest(key)
    data = user_cache.read_bytes(f"help-{digest[:32].decode()}.screen")
    if data is None:
        return None
    head, _, rest = data.partition(b"\n")
    code, sep, text = rest.partition(b"\n")
    if head != digest or not sep:
        return None
    try:
        return int(code), text.decode("utf-8", "surrogatepass")
    except ValueError:
        return None


def _print_kept_help(code: int, text: str) -> None:
    from examgrade.streams import degrade_streams

    degrade_streams()  # as the command line does before it prints
    sys.stdout.write(text)
    sys.stdout.flush()
    raise SystemExit(code)


class _Copying:
    """A standard stream that keeps a copy of what is written to it; the rest is the
    stream's own (rich asks it for its encoding, whether it is a terminal...)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.written: list[str] = []

    def write(self, text: str) -> int:
        done = self._stream.write(text)  # raises for bytes (click's test of the stream)
        self.written.append(text)
        return done

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _run_keeping_help(cli_main: Callable[[], None], key: bytes) -> None:
    """Run the command line; keep what it printed when it printed a help screen and
    nothing else (no error: exit 0, or 2 for `examgrade` alone, nothing on stderr)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Copying(out), _Copying(err)
    try:
        cli_main()
        code: Any = 0
    except SystemExit as done:
        code = done.code
        raise
    finally:
        copied_out, copied_err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        copied = isinstance(copied_out, _Copying) and isinstance(copied_err, _Copying)
        if copied and code in (0, None, 2) and not copied_err.written:
            with contextlib.suppress(Exception):  # never a reason for the help to fail
                _keep_help(key, code or 0, "".join(copied_out.written))


def _keep_help(key: bytes, code: int, text: str) -> None:
    from examgrade import user_cache

    digest = _digest(key)
    data = digest + f"\n{code}\n{text}".encode("utf-8", "surrogatepass")
    user_cache.write_bytes(f"help-{digest[:32].decode()}.screen", data, keep=HELP_KEPT)


# --- compiled code kept ------------------------------------------------------------------

_CODE_KEPT_MAX = 5000  # entries kept of each kind (a run of `check`: ~600 and ~180)


def keep_compiled_code() -> None:
    """Give dataclasses and re the code they compiled in earlier runs: dataclasses' code
    objects by their source text, and re's compiled programs by pattern and flags (re's
    own cache lasts one process). Read from and written to one file of the user cache."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is not None:
        return  # already done in this process
    name = f"compiled-{_python_tag()}.marshal"
    kept = _read_code(name)
    used: dict[str, dict] = {"dataclasses": {}, "re": {}}
    new: list[object] = []
    _keep_dataclass_code(dataclasses, kept.get("dataclasses", {}), used["dataclasses"], new)
    _keep_regex_code(kept.get("re", {}), used["re"], new)
    pid = os.getpid()

    def save() -> None:
        if new and os.getpid() == pid:  # not in a forked worker
            with contextlib.suppress(Exception):  # never a reason for a command to fail
                _write_code(name, kept, used)

    import atexit

    atexit.register(save)


def _keep_dataclass_code(dataclasses: Any, kept: dict, used: dict, new: list) -> None:
    """dataclasses runs `exec(source, globals, locals)` for each function it makes; its
    module's `exec` becomes one that runs the code kept for that source."""
    own = vars(dataclasses)

    def exec_kept(source: Any, globals: Any = None, locals: Any = None) -> None:
        if globals is None:
            globals = own  # exec in dataclasses without globals runs in dataclasses'
        if not isinstance(source, str):
            return exec(source, globals, locals)
        code = kept.get(source)
        if code is None:
            # The flags of dataclasses' own exec: none of this module's __future__ imports.
            code = compile(source, "<string>", "exec", dont_inherit=True)
            new.append(source)
        used[source] = code
        return exec(code, globals, locals)

    dataclasses.exec = exec_kept  # type: ignore[attr-defined]


def _keep_regex_code(kept: dict, used: dict, new: list) -> None:
    """re.compile, past its own cache, asks `re._compiler.compile(pattern, flags)`, which
    parses the pattern, generates its program and hands both to `_sre.compile` (which
    checks the program). The arguments of that last call are kept by (pattern, flags).
    Python 3.11's internals only: another Python compiles as before."""
    import _sre
    import re
    import re._compiler as compiler
    import re._parser as parser
    import warnings

    if sys.version_info[:2] != (3, 11) or not hasattr(compiler, "_code"):
        return
    original = compiler.compile
    debug = compiler.SRE_FLAG_DEBUG

    def compile_kept(pattern: Any, flags: int = 0) -> re.Pattern:
        if not isinstance(pattern, (str, bytes)) or flags & debug:
            return original(pattern, flags)
        key = (isinstance(pattern, bytes), pattern, flags)
        args = kept.get(key)
        if args is None:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                parsed = parser.parse(pattern, flags)
                code = [int(op) for op in compiler._code(parsed, flags)]  # opcodes: ints
            if caught:  # ("possible nested set"...): warns as re does on every run
                return original(pattern, flags)
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for group, number in groupindex.items():
                indexgroup[number] = group
            args = (flags | parsed.state.flags, code, parsed.state.groups - 1)
            args += (dict(groupindex), tuple(indexgroup))
            new.append(key)
        used[key] = args
        return _sre.compile(pattern, *args)

    compiler.compile = compile_kept


def _python_tag() -> str:
    """This Python's build, which marshal's format and the compilers depend on."""
    import zlib

    return f"{sys.implementation.cache_tag}-{zlib.crc32(sys.version.encode()):08x}"


def _read_code(name: str) -> dict[str, dict]:
    import marshal

    from examgrade import user_cache

    data = user_cache.read_bytes(name)
    if data is None:
        return {}
    try:
        kept = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(isinstance(v, dict) for v in kept.values()):
        return {}
    return kept


def _write_code(name: str, kept: dict[str, dict], used: dict[str, dict]) -> None:
    import marshal

    from examgrade import user_cache

    merged = {}
    for kind, now in used.items():
        merged[kind] = {**kept.get(kind, {}), **now}
        if len(merged[kind]) > _CODE_KEPT_MAX:
            merged[kind] = now  # the code changed much: keep what this run used
    user_cache.write_bytes(name, marshal.dumps(merged), keep=4)


# --- check and equiv without the command line ---------------------------------------------

_LANGS = ("en", "fr", "both")


def plain_arguments(args: list[str]) -> tuple[str, list[str], dict[str, str | bool]] | None:
    """(command, its words, its options) when `args` are `check` or `equiv`, words that
    are not options, and at most once each `--json` and an option with a value
    (`--lang en|fr|both`, equiv's `--symbols`, each also as `--name=value`); None for
    anything else (the command line parses that, and says what is wrong with it)."""
    if not args or args[0] not in ("check", "equiv"):
        return None
    with_value = ("--lang", "--symbols") if args[0] == "equiv" else ("--lang",)
    words: list[str] = []
    options: dict[str, str | bool] = {}
    rest = iter(args[1:])
    for word in rest:
        name, equals, value = word.partition("=")
        if word == "--json" and word not in options:
            options[word] = True
        elif name in with_value and name not in options:
            found = value if equals else next(rest, None)
            if found is None or (not equals and found.startswith("-")):
                return None
            options[name] = found
        elif word.startswith("-"):
            return None
        else:
            words.append(word)
    if options.get("--lang", "en") not in _LANGS:
        return None
    return args[0], words, options


def answered_at_once(args: list[str], before: Callable[[], None] | None = None) -> bool:
    """Run `check SHEET` or `equiv A B` with plain arguments (`plain_arguments`) as the
    command line would, without importing typer, click and rich (~0.1 s of CPU, issue
    17). False, having printed nothing, for anything else: other arguments, an --exam
    from EXAMGRADE_EXAM, a sheet typer would refuse, and any examgrade error (the
    command line then runs, and reports it in the command's language and exit code).
    `check` of a sheet checked before prints the output kept for it
    (`examgrade.kept_check`); anything else runs `before` first (`keep_compiled_code`)."""
    found = plain_arguments(args)
    if found is None or (found[0] == "check" and "EXAMGRADE_EXAM" in os.environ):
        return False
    command, words, options = found
    if command == "check" and (len(words) != 1 or not _readable_file(words[0])):
        return False
    if command == "equiv" and len(words) != 2:
        return False
    key = _check_key(args, words[0]) if command == "check" else None  # before the streams change
    kept = _kept_check(key) if key is not None else None
    if kept is None and before is not None:
        before()
    _prepare_at_once()
    if kept is not None:  # printed as it was, nothing graded nor compiled (kept_check)
        return _print_kept_check(kept)
    from examgrade.errors import ExamgradeError

    try:
        if command == "check":
            return _check(words[0], options, key)
        return _equiv(words, options)
    except KeyboardInterrupt:
        raise SystemExit(130) from None  # as typer ends on it
    except BrokenPipeError:
        _quiet_streams()  # as click ends on a reader gone
        raise SystemExit(1) from None
    except ExamgradeError:
        return False  # raised before anything was printed: see `commands`


def _readable_file(sheet: str) -> bool:
    """What typer checks of `check`'s sheet (a path that exists, not a folder, readable);
    a sheet that does not exist is the command line's to report."""
    import stat

    try:
        info = os.stat(sheet)
    except (OSError, ValueError):
        return False
    return not stat.S_ISDIR(info.st_mode) and os.access(sheet, os.R_OK)


def _prepare_at_once() -> None:
    """What `cli.main` does before a command that answers at once (see there)."""
    import gc

    from examgrade.streams import degrade_streams

    gc.set_threshold(10_000, 50, 100)
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    degrade_streams()


def _check_key(args: list[str], sheet: str) -> bytes | None:
    """The key of `check`'s output kept in the user cache (`examgrade.kept_check`), or
    None; never a reason for `check` to fail."""
    try:
        from examgrade.kept_check import check_key

        return check_key(help_key(args), sheet)
    except Exception:
        return None


def _print_kept_check(text: str) -> bool:
    """Print a kept `check` output; end as the command ends on an interrupt or a pipe
    whose reader is gone."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:
        _quiet_streams()
        raise SystemExit(1) from None
    return True


def _kept_check(key: bytes) -> str | None:
    try:
        from examgrade.kept_check import kept_output

        return kept_output(key)
    except Exception:  # never a reason for `check` to fail: graded instead
        return None


def _check(sheet: str, options: dict[str, str | bool], key: bytes | None = None) -> bool:
    """Grade the sheet and print `check`'s output; with a `key`, keep what was printed
    (`examgrade.kept_check`: the next run with the same key prints it at once)."""
    from pathlib import Path

    from examgrade.commands import graded, print_checked

    parsed, report = graded(Path(sheet), None, None)
    lang = options.get("--lang")
    out, err = sys.stdout, sys.stderr
    copying = key is not None
    if copying:
        sys.stdout, sys.stderr = _Copying(out), _Copying(err)
    try:
        print_checked(parsed, report, lang if isinstance(lang, str) else None, "--json" in options)
    finally:
        copied_out, copied_err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
    if copying and isinstance(copied_out, _Copying) and isinstance(copied_err, _Copying):
        with contextlib.suppress(Exception):  # never a reason for `check` to fail
            _keep_check(key, sheet, report, copied_out, copied_err)  # type: ignore[arg-type]
    return True


def _keep_check(key: bytes, sheet: str, report: Any, out: _Copying, err: _Copying) -> None:
    """Keep what a whole, normal `check` printed (`kept_check.keepable`), nothing on
    stderr, of a sheet not edited meanwhile."""
    from examgrade.kept_check import keep_output, keepable, sheet_unchanged

    if not err.written and keepable(report) and sheet_unchanged(sheet, key):
        keep_output(key, "".join(out.written))


def _equiv(words: list[str], options: dict[str, str | bool]) -> bool:
    from examgrade.commands import compared, equiv_code, equiv_text, write_json

    symbols, lang = options.get("--symbols", ""), options.get("--lang", "en")
    result = compared(words[0], words[1], str(symbols))
    text = equiv_text(result, str(lang), "--json" in options)
    if "--json" in options:
        write_json(text)
    else:
        _echo(text)
    raise SystemExit(equiv_code(result))


def _echo(text: str) -> None:
    """A line on stdout as click's echo writes it: click strips ANSI codes from what is
    not a terminal and writes UTF-8 to a stream set to ASCII, so then it is click's."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "ascii"
    if "\x1b" in text or _is_ascii(encoding) or not hasattr(stream, "write"):
        from typer import echo

        echo(text)
        return
    stream.write(text + "\n")
    stream.flush()


def _is_ascii(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "ascii"
    except LookupError:
        return False


def _quiet_streams() -> None:
    """Nothing more reaches a pipe whose reader is gone, nor complains at exit."""
    devnull = open(os.devnull, "w")  # noqa: SIM115 - open until the process ends
    sys.stdout = sys.stderr = devnull
