"""Every data file examgrade reads at run time ships in the package: a non-editable
`pip install .` once lost `text/subjects.yaml`, and every free-text part of `check` said
"examgrade failed on this part (FileNotFoundError)" (an editable install hides it)."""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import ROOT


def test_every_data_file_of_the_package_is_in_package_data() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    globs = setup["package-data"]
    packages = set(setup["packages"])
    missing = []
    for path in (ROOT / "examgrade").rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(ROOT)
        package = ".".join(relative.parent.parts)
        while package not in packages and "." in package:
            package = package.rsplit(".", 1)[0]
        inside = str(path.relative_to(ROOT / package.replace(".", "/")))
        if not any(fnmatch.fnmatch(inside, g) for g in globs.get(package, [])):
            missing.append(str(relative))
    assert missing == []
