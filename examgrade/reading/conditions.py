"""A condition on a matrix written in words or in the course's notation, rewritten in
the math language: `spectral radius of W < 1`, `max_i |λ_i| < 1`, `all eigenvalues of W
satisfy |λ| < 1`, `au moins une valeur propre de W de module > 1`.

The phrases are data (`words.yaml`, `condition:`); the matrix's name is an argument.
A quantified statement on eigenvalues becomes an extreme of their moduli: "all ... < c"
and "at least one ... > c" are about the largest (`max(abs(eig(W)))`, the spectral
radius), "all ... > c" and "at least one ... < c" about the smallest. A statement on
eigenvalues that never mentions their modulus (`all eigenvalues < 1`) is left as
written: it is not the same condition, and the check says it cannot read it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from examgrade.reading import MAX_TEXT, words

_NUMPY = re.compile(r"\b(?:numpy|np)\.(?:linalg\.)?(eigvals|absolute|abs|amax|max)\b")
_COMPARISON = re.compile(r"(<=|>=|≤|≥|<|>)\s*([-+]?\d+(?:\.\d*)?|\.\d+)")


def _methods(text: str) -> str:
    """`np.abs(np.linalg.eigvals(W)).max()`: numpy's method is the function, `max(...)`."""
    for _ in range(4):
        match = re.search(r"\.(max|min)\(\)", text)
        if match is None or not match.start() or text[match.start() - 1] != ")":
            break
        depth, opened = 0, None
        for at in range(match.start() - 1, -1, -1):
            depth += (text[at] == ")") - (text[at] == "(")
            if depth == 0:
                opened = at
                break
        if opened is None:
            break
        call = re.search(r"[\w.]*$", text[:opened])
        start = call.start() if call is not None else opened
        inner = text[start : match.start()]
        text = f"{text[:start]}{match.group(1)}({inner}){text[match.end() :]}"
    return text


def _unaccent(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'")


def _pattern(phrase: str) -> str:
    escaped = re.escape(_unaccent(phrase))
    if phrase[:1].isalnum():
        escaped = r"(?<![\w\\])" + escaped
    if phrase[-1:].isalnum():
        escaped += r"(?![\w])"
    return escaped


@cache
def _alternatives(kind: str, matrix: str = "") -> re.Pattern[str]:
    data = words()["condition"][kind]
    phrases = [p.replace("{m}", matrix) for p in data]
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(_pattern(p) for p in ordered), re.IGNORECASE)


@cache
def _compare() -> list[tuple[re.Pattern[str], str]]:
    pairs = [
        (phrase, symbol)
        for symbol, phrases in words()["condition"]["compare"].items()
        for phrase in phrases
    ]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return [(re.compile(_pattern(p), re.IGNORECASE), s) for p, s in pairs]


@cache
def _unit_circle_ops() -> list[tuple[str, re.Pattern[str]]]:
    data = words()["condition"]["unit_circle"]
    return [(op, _alternatives_of(list(data[op]))) for op in data]


def _alternatives_of(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(_pattern(p) for p in ordered), re.IGNORECASE)


@cache
def _unit_circle() -> re.Pattern[str]:
    """A place relative to the unit circle (`inside the unit circle`)."""
    data = words()["condition"]["unit_circle"]
    phrases = sorted((_pattern(p) for op in data for p in data[op]), key=len, reverse=True)
    return re.compile("|".join(phrases), re.IGNORECASE)


#: `sp.`, `rad.`: two letters or more then a dot, not after a letter, a dot or a backslash
_DOTTED = re.compile(r"(?<![\w.\\])([A-Za-z]{2,11})\. {0,3}")


_VALEUR = re.compile(r"(?<!\w)valeurs? propre(s?)(?!\w)")


@cache
def _short() -> re.Pattern[str]:
    data = words()["condition"]["abbreviation"]["short"]
    phrases = sorted((p for forms in data.values() for p in forms), key=len, reverse=True)
    return re.compile(
        "|".join(rf"(?<![\w\\.]){re.escape(p)}(?![\w(])" for p in phrases), re.IGNORECASE
    )


@cache
def _short_words() -> dict[str, str]:
    data = words()["condition"]["abbreviation"]["short"]
    return {p.lower(): word for word, forms in data.items() for p in forms}


def _expanded(text: str) -> str:
    """The conditions' words cut short, written out (`words.yaml`, `abbreviation:`): a
    word's first letters and a dot (`sp. rad.`), an abbreviation as written (`eigvals`)."""
    if "." in text:
        dotted = words()["condition"]["abbreviation"]["dotted"]

        def whole(match: re.Match[str]) -> str:
            cut = match.group(1).lower()
            found = next((w for w in dotted if w.startswith(cut)), None)
            return match.group(0) if found is None else f"{found} "

        text = _DOTTED.sub(whole, text)
        # `val. propre(s)`: the noun takes the adjective's number, as the phrases are listed
        text = _VALEUR.sub(lambda m: "valeur propre" if m.group(1) == "" else m.group(0), text)
        text = _VALEUR.sub(lambda m: "valeurs propres" if m.group(1) else m.group(0), text)
    return _short().sub(lambda m: _short_words()[m.group().lower()], text)


#: a negation before the place (`not inside`, `aucune ... n'est hors du cercle`)
_NEGATED = re.compile(r"(?<![\w'])(?:not|pas|never|jamais|aucune?|no|none|ne|n')(?![\w])", re.I)


#: the bound 1 said in words after a comparison (text already unaccented)
_BOUND_ONE = re.compile(r"([<>]=?|[≤≥]) {0,3}(?:one|une?)(?![\w'])", re.IGNORECASE)


def condition_text(text: str, matrix: str = "W") -> str | None:
    """The condition in the math language, or None when no phrase was recognised."""
    if len(text) > MAX_TEXT:
        return None
    work = _unaccent(text).strip().rstrip(".")
    before = work
    # numpy as typed in a notebook: `max(abs(np.linalg.eigvals(W))) < 1`
    if ".max()" in work or ".min()" in work:
        work = _methods(work)
    work = _NUMPY.sub(lambda m: words()["condition"]["numpy"][m.group(1)], work)
    low = work.lower()
    if (
        "." in work
        or "eig" in low
        or "eval" in low
        or "vps" in low
        or " rad" in low
        or "ray " in low
    ):
        work = _expanded(work)  # `sp. radius`, `ray. spectral`, `all eigvals`: cut short
    work = _alternatives("radius", matrix).sub(f"rho({matrix})", work)
    if "=" in work or "≡" in work:  # `ρ(W) = max_i |λ_i| < 1`: the radius and its definition
        radius = re.escape(f"rho({matrix})")
        work = re.sub(rf"{radius}(?:\s*(?::=|=|≡)\s*{radius})+", f"rho({matrix})", work)
    if "unit" in work:  # `inside the unit circle`: a modulus below 1
        circle = _unit_circle().search(work)
        if circle is not None:
            if _NEGATED.search(work, 0, circle.start()):
                return None  # `not inside the unit circle`: no bound to read
            symbol = next(op for op, found in _unit_circle_ops() if found.fullmatch(circle.group()))
            work = f"{work[: circle.start()]} in modulus {symbol} 1 {work[circle.end() :]}"
    for pattern, symbol in _compare():
        work = pattern.sub(f" {symbol} ", work)
    if "one" in work or "un" in work:  # `less than one`, `inferieur a un`: the bound 1
        work = _BOUND_ONE.sub(r"\1 1", work)
    about_eigenvalues = _alternatives("eigenvalue").search(work) is not None
    comparison = _COMPARISON.search(work)
    if about_eigenvalues and comparison and f"rho({matrix})" not in work:
        if not _alternatives("modulus").search(work):
            return None  # eigenvalues compared without |·|: another condition
        op, bound = comparison.group(1), comparison.group(2)
        op = {"≤": "<=", "≥": ">="}.get(op, op)
        every = _alternatives("every").search(work) is not None
        some = _alternatives("some").search(work) is not None
        universal = every or not some
        largest = universal == op.startswith("<")
        if _alternatives("largest").search(work):
            largest = True
        elif _alternatives("smallest").search(work):
            largest = False
        extreme = "max" if largest else "min"
        return f"{extreme}(abs(eig({matrix}))) {op} {bound}"
    work = _alternatives("filler").sub(" ", work)
    work = " ".join(work.split())
    if work == " ".join(before.split()):
        return None
    return work


#: `max |eig(W)| < 1 => W^t -> 0`: what the condition implies, after an arrow or `so`
_CONSEQUENCE = re.compile(
    r"(?:(?<![<=])=>|==>|⇒|⟹|(?<![<\-])->|→|[,;]?\s(?:so|hence|thus|implies|donc|d'ou|d'où)\s)"
)


def cause(text: str) -> str | None:
    """The condition before what it implies (`ρ(W) < 1 ⇒ W^t → 0 (gradients évanescents)`
    is `ρ(W) < 1`), or None when nothing follows an arrow or a `so`."""
    if len(text) > MAX_TEXT:
        return None
    found = _CONSEQUENCE.search(text)
    if found is None or not found.start() or not text[found.end() :].strip():
        return None
    return text[: found.start()].strip() or None
