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
