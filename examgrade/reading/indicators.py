"""Indicators (untold notation): `I(a > 0)`, `1(a > 0)`, `H(a)`, and a function named
as the step after the answer (`avec H la fonction de Heaviside`)."""

from __future__ import annotations

import re

from examgrade.reading.numpy_code import COMPARISON, closing

_HEAVISIDE_NAMED = re.compile(
    r"\s*[,;]?\s*(?:avec|où|ou|where|with|and|et)\s+([A-Za-z]\w*)\s+(?:is\s+|est\s+|=\s*)?(?:la\s+|the\s+|"
    r"une\s+|a\s+)?(?:fonction\s+(?:de\s+)?heaviside|heaviside(?:\s+step)?(?:\s+function)?|"
    r"step\s+function|fonction\s+[ée]chelon|indicatrice\s+de\s+\S+|indicator\s+of\s+\S+)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)


def heaviside_named(text: str, protected: frozenset[str]) -> str:
    """`diag(H(a)) W, avec H la fonction de Heaviside`: H( is the step function."""
    match = _HEAVISIDE_NAMED.search(text)
    if match is None or match.group(1) in protected:
        return text
    head = text[: match.start()]
    if match.group(1).lower() in ("step", "heaviside"):
        return head  # the name already is the step function
    return re.sub(rf"(?<![\w\\]){match.group(1)}\s*\(", "heaviside(", head)


_INDICATOR_CALL = re.compile(r"(?<![\w\\])(I|H|1|𝟙)\s*\(")


def indicators(text: str, protected: frozenset[str]) -> str:
    """`I(a > 0)`, `1(a > 0)` are the indicator `1[a > 0]`; `H(a)` is heaviside(a), when
    I and H are no names of the question."""
    if "(" not in text:
        return text
    at = 0
    for _ in range(8):
        match = _INDICATOR_CALL.search(text, at)
        if match is None:
            break
        name = match.group(1)
        close = closing(text, match.end() - 1)
        if close is None or name in protected:
            at = match.end()
            continue
        inner = text[match.end() : close]
        if COMPARISON.search(inner):
            made = f"1[{inner}]"
        elif name == "H":
            made = f"heaviside({inner})"
        else:
            at = match.end()
            continue
        text = text[: match.start()] + made + text[close + 1 :]
        at = match.start() + len(made)
    return text
