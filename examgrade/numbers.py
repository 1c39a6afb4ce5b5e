"""Numbers as a person reads them in each language: `77.5` in English, `77,5` in
French (decimal comma, a narrow no-break space between thousands from 10 000), and
scores without float noise (`10`, not `10.0`). For people only: the CSV files an LMS or
a script imports keep the decimal point."""

from __future__ import annotations

from functools import lru_cache

from examgrade.i18n import Lang
from examgrade.report import number

NNBSP = "\u202f"


@lru_cache(maxsize=8192)
def fmt(value: float | None, lang: Lang, digits: int = 2) -> str:
    """The number as `lang` writes it (kept per value: a class repeats its scores)."""
    if value is None:
        return "—"
    shown = number(round(float(value), digits))
    if isinstance(shown, int) or float(shown).is_integer():
        whole = int(shown)
        if lang == "fr" and abs(whole) >= 10_000:
            return f"{whole:,}".replace(",", NNBSP)
        return str(whole)
    text = f"{shown:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: Lang) -> str:
    """A share as a percentage: `75%` in English, `75 %` in French."""
    if value is None:
        return "—"
    return f"{100 * value:.0f}{NNBSP}%" if lang == "fr" else f"{100 * value:.0f}%"
