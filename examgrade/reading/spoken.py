"""Math said in words, as dictated or typed on a phone (issue 12, round 5): `h sub t
equals W to the power of t times h sub 0`, `E de x tilde moins E de x`, `w sur norme de
w`. Text to the math language's notation, never evaluated: each rule is one linear
regex pass over at most `MAX_TEXT` characters (no quantifier nested over another), and
what it gives is still judged numerically. Operators in words (`plus`, `fois`, `the sum
from k = 1 to t of`) are `untold._words`'s; these come before and after it.
"""

from __future__ import annotations

import re

#: `h sub t`, `x subscript k`, `x indice k`: a subscript said
_SUB = re.compile(
    r"(?<![\w\\])([A-Za-z])\s(?:sub|subscript|indice)\s([A-Za-z0-9]{1,3})(?![\w])", re.I
)
#: `x tilde`, `w hat`, `x chapeau`: an accent said after its letter
_ACCENT = re.compile(r"(?<![\w\\])([A-Za-z])\s(tilde|hat|chapeau)(?![\w])", re.I)
_ACCENTS = {"tilde": "tilde", "hat": "hat", "chapeau": "hat"}
#: `equals`, `is equal to`, `égale`, `vaut`: an equals sign said
_EQUALS = re.compile(
    r"(?<![\w'])(?:equals|is\sequal\sto|[ée]gale?|est\s[ée]gale?\s[àa]|vaut)(?![\w'])", re.I
)
#: `E de x`, `E of x̃`: an expectation said (the course's E[·], a sample mean)
_EXPECTATION = re.compile(
    r"(?<![\w\\])E\s(?:de|of|du|d')\s?(\\tilde\{[A-Za-z]\}|\\hat\{[A-Za-z]\}|[A-Za-z]\w{0,4})"
    r"(?![\w{])"
)
#: `norme de w`, `the norm of w`: ‖w‖ (the Frobenius norm is `untold._NORM_WORDS`')
_NORM = re.compile(
    r"(?:\b(?:the|la)\s)?\b(?:norm|norme)\s(?:of|de|du)\s(?!frobenius\b)([A-Za-z]\w{0,4})(?![\w{(])",
    re.I,
)
#: `w sur ‖w‖`, `w over ‖w‖`: a quotient said, between two factors (what is left once
#: `the sum over k`, `la somme sur k` and `mean over the batch` were read)
_OVER = re.compile(r"(?<=[\w)}‖\]])\s(?:sur|over)\s(?=[A-Za-z0-9(\\‖|])")


def spoken(text: str, protected: frozenset[str]) -> str:
    """The said notation before the operators in words (module docstring); `protected`:
    the question's names (an `E` of the question is no expectation)."""
    low = text.lower()
    if " sub" in low or " indice " in low:
        text = _SUB.sub(r"\1_\2", text)
    if "tilde" in low or " hat" in low or "chapeau" in low:
        text = _ACCENT.sub(lambda m: f"\\{_ACCENTS[m.group(2).lower()]}{{{m.group(1)}}}", text)
    if "equal" in low or "gal" in low or "vaut" in low:
        text = _EQUALS.sub(" = ", text)
    if "E " in text and "E" not in protected:
        text = _EXPECTATION.sub(r"E[\1]", text)
    if "norm" in low and "frobenius" not in low:
        text = _NORM.sub(r"‖\1‖", text)
    return text


def quotients(text: str) -> str:
    """`w sur ‖w‖` is `w / ‖w‖`, once the sums and means in words are read."""
    if " sur " in text or " over " in text:
        text = _OVER.sub(" / ", text)
    return text
