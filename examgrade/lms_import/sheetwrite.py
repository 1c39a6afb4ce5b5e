"""An answer sheet written as YAML that reads back exactly as the values it was given.

Every scalar is quoted: single quotes for one line (backslashes are kept as typed, a
quote is doubled), a literal block (`|-`) for text over several lines, so paragraphs and
line breaks are kept. Nothing YAML refuses is left in (cells are cleaned before), and the
writer checks its own output by reading it back with the sheets' reader.
"""

from __future__ import annotations

from typing import Union

Value = Union[str, list[str], "Tree"]
Tree = dict[str, Value]


def quote(text: str) -> str:
    """One line as a YAML single-quoted scalar: no escapes, `'` doubled."""
    return "'" + text.replace("'", "''") + "'"


def _scalar(text: str, indent: int) -> str:
    if "\n" not in text:
        return " " + quote(text)
    pad = " " * indent
    lines = [line.strip() for line in text.split("\n")]
    body = "\n".join(pad + line if line else "" for line in lines)
    return " |-\n" + body


def _emit(tree: Tree, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in tree.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            _emit(value, indent + 2, out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{pad}{key}: []")
                continue
            out.append(f"{pad}{key}:")
            for item in value:
                out.append(f"{pad}  -{_scalar(item, indent + 4)}")
        else:
            out.append(f"{pad}{key}:{_scalar(value, indent + 2)}")


def sheet_text(tree: Tree, comment: list[str]) -> str:
    """The YAML of a sheet: comment lines (one line each), then the tree in its order."""
    out = [f"# {line}" for line in comment]
    _emit(tree, 0, out)
    return "\n".join(out) + "\n"


def put(tree: Tree, path: tuple[str, ...], value: str | list[str]) -> None:
    """Set a value at a path, creating the mappings on the way."""
    node = tree
    for key in path[:-1]:
        child = node.setdefault(key, {})
        assert isinstance(child, dict)
        node = child
    node[path[-1]] = value
