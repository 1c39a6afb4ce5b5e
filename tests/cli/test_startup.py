"""Commands that answer at once (issue 17): what `--help` does not import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from examgrade import cli

_HELP_IMPORTS = """
import json, sys
sys.argv = ["examgrade", *sys.argv[1:]]
from examgrade.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps([m for m in ("rich.markdown", "markdown_it", "rich.traceback", "pygments")
                  if m in sys.modules]))
"""


def _help_imports(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _HELP_IMPORTS, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert "Usage" in done.stdout
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_imports_neither_markdown_nor_tracebacks() -> None:
    assert _help_imports("--help") == []
    assert _help_imports("check", "-h") == []
    assert _help_imports() == []  # no arguments: the help


def test_a_stand_in_hands_over_to_the_real_class() -> None:
    from rich.markdown import Markdown
    from rich.traceback import Traceback

    stand_in = cli._imported_when_used("rich.markdown", "Markdown")
    assert isinstance(stand_in("# title"), Markdown)
    later = cli._imported_when_used("rich.traceback", "Traceback")
    assert later.from_exception == Traceback.from_exception


_MODULES_AFTER = """
import json, sys
sys.argv = ["examgrade", *sys.argv[1:]]
from examgrade.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(tmp_path, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Every module a fresh `examgrade ARGS` imported, with a user cache under tmp_path."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100", "XDG_CACHE_HOME": str(tmp_path)},
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _at_start() -> set[str]:
    """What this Python imports before any of our code (a site .pth may import certifi,
    and with it importlib.resources and zipfile): not examgrade's to avoid."""
    code = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_help_and_a_warm_equiv_import_no_yaml_nor_package_resources(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """importlib.resources brings zipfile (~8 ms); the catalogs come from the user cache."""
    heavy = {"numpy", "lark", "yaml", "importlib.resources", "zipfile"} - _at_start()
    assert _modules_after(tmp_path, "--help") & heavy == set()
    _modules_after(tmp_path, "equiv", "x^2-1", "(x-1)*(x+1)")  # fills the user cache
    warm = _modules_after(tmp_path, "equiv", "x^2-1", "(x-1)*(x+1)")
    assert "numpy" in warm  # it did compare
    assert warm & {"yaml", "importlib.resources", "zipfile"} & heavy == set()


def test_command_annotations_are_objects_not_text() -> None:
    """typer reads every command's signature on each run, help included: annotations kept
    as text are evaluated twice per parameter (~15 ms of every command, issue 17)."""
    import inspect

    apps = [cli.app, cli.exam_app]
    functions = [cli._main] + [c.callback for a in apps for c in a.registered_commands]
    assert len(functions) > 10
    for function in functions:
        for name, annotation in inspect.get_annotations(function).items():
            assert not isinstance(annotation, str), (function.__name__, name)


def test_a_warm_check_imports_neither_lark_nor_package_resources(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The grammar's tables ship as a module; the pack's folder and the word lists are
    found without importlib.resources (zipfile, tempfile...: issue 17)."""
    from pathlib import Path

    sheet = str(Path(__file__).resolve().parents[2] / "answers" / "ada-en.yaml")
    heavy = {"lark", "importlib.resources", "zipfile"} - _at_start()
    _modules_after(tmp_path, "check", sheet)  # fills the user cache
    for kept in (tmp_path / "examgrade").glob("parts-*.json"):
        kept.unlink()  # each part graded again (examgrade.kept_parts)
    warm = _modules_after(tmp_path, "check", sheet)
    assert "examgrade.checks.expression" in warm  # it did grade
    assert warm & heavy == set()


def test_a_check_whose_parts_are_all_kept_imports_no_check_kind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An edited sheet whose answers were graded before imports neither the check kinds
    nor numpy (`examgrade.kept_parts`, issue 17)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "answers" / "ada-en.yaml").read_text()
    sheet = tmp_path / "ada.yaml"
    sheet.write_text(text, encoding="utf-8")
    _modules_after(tmp_path, "check", str(sheet))  # fills the user cache
    sheet.write_text(text + "\n# edited\n", encoding="utf-8")
    edited = _modules_after(tmp_path, "check", str(sheet))
    assert "examgrade.engine" in edited  # it was not printed from check's kept output
    assert edited & {"examgrade.checks.expression", "examgrade.text.grade"} == set()
    assert "numpy" not in edited or "numpy" in _at_start()


def test_only_commands_that_answer_at_once_leave_the_collector_off() -> None:
    """A batch keeps the cyclic collector: its memory is bounded over 10,000 sheets."""
    assert cli._answers_at_once(["check", "sheet.yaml"])
    assert cli._answers_at_once(["--exam", "pack", "equiv", "a", "b"])
    assert cli._answers_at_once([]) and cli._answers_at_once(["grade", "--help"])
    assert not cli._answers_at_once(["grade", "sheets", "--out", "check"])
    assert not cli._answers_at_once(["--rubrics", "check", "grade", "sheets"])
    assert not cli._answers_at_once(["groups", "sheets", "q1.b"])


def test_a_warm_check_of_free_text_and_sizes_imports_no_numpy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A sheet that answers only sizes and free text, its formulas left blank, needs
    neither numpy nor the formula checks: the kept values are read per part when first
    needed, the registry imports a kind's own module, and a blank formula is missing
    without its check (issue 17)."""
    from pathlib import Path

    sheet = tmp_path / "text.yaml"
    sheet.write_text(
        'student:\n  id: "7"\n  lang: en\nq1:\n  a: 256x256\n  b: 25x25\n  c: 4\n'
        "q3:\n  a: Adagrad sums all past squared gradients; RMSprop forgets them.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    _modules_after(cache, "check", str(sheet))  # fills the user cache
    for kept in (cache / "examgrade").glob("parts-*.json"):
        kept.unlink()  # each part graded again (examgrade.kept_parts)
    warm = _modules_after(cache, "check", str(sheet))
    assert {"examgrade.checks.concepts", "examgrade.checks.numeric"} <= warm  # it did grade
    formula = {"numpy", "examgrade.checks.expression", "examgrade.checks.steps"}
    assert warm & formula == set()
    ada = str(Path(__file__).resolve().parents[2] / "answers" / "ada-en.yaml")
    assert "numpy" in _modules_after(cache, "check", ada)  # a formula still is judged
