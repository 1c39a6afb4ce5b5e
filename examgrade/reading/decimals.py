"""A comma inside a number (forms round 7): the French decimal comma (`1,5`, `0,5`, `2,0`,
`0,125`) and the English thousands separator (`1,000`, `65,536`).

The shape decides, with the field's kind: one or two digits after the comma can only be a
decimal comma (a thousands separator takes three), and a leading `0,` too; three digits
after a first group that is not 0 (`1,000`) is a thousands separator in English and a
decimal comma in French, which the text alone cannot tell (`ambiguous`). A run of commas
(`1,2,3`), a comma before a space (`256, 256`) or between equal groups (`256,256`: two
dimensions) is a list, left as typed. A caller that expects a list (a size per layer)
reads no decimal comma at all; in an expression only a number outside every bracket is
read (`max(0,5)`, `W_{1,2}` stay as typed). Every reading is text in, text out, one
bounded pass; the caller says what it read.
"""

from __future__ import annotations

import re

from examgrade.reading import depths

#: a number with one comma inside (no space): not after a letter (but the `x` of a size
#: after a digit: `1,5x1,5`), a digit, a point, a comma, `_` or `^` (an index or a power),
#: not before a digit or a letter but that `x`, nor before another `,digit` (`1,2,3`)
_COMMA_NUMBER = re.compile(
    r"(?:(?<![\w.,^])|(?<=\d[xX×]))(\d{1,6}),(\d{1,3})(?![^\W_xX×]|,\d|\.\d)"
)


def decimal_commas(text: str, *, top_level: bool = False) -> tuple[str, bool]:
    """`text` with each decimal comma a point (`1,5` -> `1.5`), and whether a comma's shape
    was one the language decides (`1,000`: a thousand or one), left as typed.
    `top_level`: only numbers outside every bracket (an expression's arguments and
    indices keep their commas)."""
    if "," not in text or len(text) > 2000:
        return text, False
    depth = depths(text) if top_level else None
    ambiguous = False

    def point(match: re.Match[str]) -> str:
        nonlocal ambiguous
        whole, fraction = match.group(1), match.group(2)
        if depth is not None and depth[match.start()]:
            return match.group(0)
        if len(fraction) < 3 or whole == "0":
            return f"{whole}.{fraction}"
        if whole != fraction and not whole.startswith("0") and len(whole) <= 3:
            ambiguous = True  # `1,000`: 1000 in English, 1.000 in French
        return match.group(0)

    return _COMMA_NUMBER.sub(point, text), ambiguous


#: a whole number written in groups of three digits cut by spaces (`1 050 624`, the
#: French and SI way; a no-break or thin space is a space by then), maybe with decimals
_SPACED_GROUPS = re.compile(r"^\s*(\d{1,3}(?: \d{3})+)((?:[.,]\d+)?)\s*$")
#: ... or by commas, two of them at least (`1,050,624`): no decimal comma comes twice, so
#: this is English's thousands separator however the reader's language writes decimals
_COMMA_GROUPS = re.compile(r"^\s*(\d{1,3}(?:,\d{3}){2,})((?:\.\d+)?)\s*$")


def digit_groups(text: str) -> str:
    """`1 050 624` (or `1,050,624`) as `1050624` when the whole answer is one number in
    groups of three (read as written, the spaces are products: 1 × 050 × 624, and the
    commas three values); anything else as typed."""
    if len(text) >= 64:
        return text
    found = _SPACED_GROUPS.match(text) or _COMMA_GROUPS.match(text)
    return re.sub("[ ,]", "", found.group(1)) + found.group(2) if found else text
