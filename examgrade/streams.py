"""Print to whatever the terminal or the redirected file can encode (issue 13, item 15).

With `PYTHONIOENCODING=ascii` or `latin-1` (Windows with output redirected), the first
"É" or "—" of a report ended `check` and `grade` in a UnicodeEncodeError. `main()`
switches stdout and stderr to an error handler that spells what the encoding lacks with
what it has (é → e, — → -, ≤ → <=, else ?), and JSON goes out with `\\u` escapes, which
every encoding can carry and every JSON reader reads back unchanged.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
import unicodedata

TYPE_CHECKING = False  # typing and json are imported where used: a kept help prints here
if TYPE_CHECKING:
    from typing import TextIO

HANDLER = "examgrade-fold"

_SPELLED = {
    "—": "-", "–": "-", "−": "-", "‐": "-", "×": "x", "·": "*", "⋅": "*", "⊙": "(.)",
    "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "→": "->", "←": "<-", "…": "...",
    "«": '"', "»": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ",
    "\u202f": " ", "•": "*", "✓": "v", "✗": "x", "│": "|", "─": "-", "━": "-",
    "ρ": "rho", "σ": "sigma", "λ": "lambda", "Σ": "sum", "∑": "sum", "∏": "prod",
    "‖": "||", "ᵀ": "^T", "²": "^2",
}  # fmt: skip


def _fold(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        spelled = _SPELLED.get(char)
        if spelled is None:
            parts = unicodedata.normalize("NFKD", char)
            spelled = "".join(c for c in parts if not unicodedata.combining(c)) or "?"
        try:
            spelled.encode(error.encoding)
        except (UnicodeError, LookupError):
            spelled = "?"
        out.append(spelled)
    return "".join(out), error.end


codecs.register_error(HANDLER, _fold)


def degrade_streams() -> None:
    """Make stdout and stderr spell what their encoding cannot write (never raise)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors=HANDLER)


def write_json(text: str, stream: TextIO | None = None) -> None:
    """Write JSON text as is, or with `\\u` escapes when the stream cannot encode it."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        import json

        text = json.dumps(json.loads(text), indent=2, ensure_ascii=True) + "\n"
    except LookupError:
        pass
    stream.write(text)
