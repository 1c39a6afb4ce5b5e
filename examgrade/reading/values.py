"""A size or a count as students write it, taken out of its words and working.

`4 on each side`, `4 per side (8 in total per dimension)`, `none`, `p = 4`,
`(256 - 5 + 2*2)/1 + 1 = 256`, `256, 256, 256`, `same as the input (256x256)`: the
reader returns the text of the value (or of each value of a list), every side of the
working that must agree with it, and what it took out, so the check can say how it read
the answer. Arithmetic is left to the caller (`examgrade.mathlang.arith`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from itertools import pairwise

from examgrade.reading import (
    MAX_TEXT,
    _phrase_pattern,
    depths,
    fold,
    has_phrase,
    is_prose,
    offers_alternative,
    split_sides,
    strip_filler,
    words,
)
from examgrade.reading.surface import spaced, surface

_NUMBER = re.compile(r"\d")
_TRAILING_GROUP = re.compile(r"^(.*\d)\s+\(([^()]*)\)\s*$")
# `layer 1:`, `L1:`, `layers 1..6:`, `layers 1-6:`, `couches 1 à 6 :`
_LABEL = re.compile(
    r"^\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*"
    r"(?:\d+\s*(?:\.\.\.?|[-–—]|to|à|a|through)\s*[^\W\d_]{0,6}\s*\d+|\d*)\s*:\s*"
)
#: a label in words before the value (`same as given: 2 on each side`): no digit in it
_PROSE_LABEL = re.compile(r"^\s*[^\W\d_][^\d:=<>()\[\]]{0,60}?\s*:\s*(?=\S)")
#: `25 by 25`, `25 par 25`: the two dimensions of a square, as `25x25`
_BY = re.compile(r"(\d)\s+(?:(?:px|pixels?)\s+)?(?:by|par|sur)\s+(?=\d)", re.IGNORECASE)
#: a shape as a tuple, channels by a letter first or last: `(256, 256, C)`, `[C, 256, 256]`,
#: `(25, 25)` (in square brackets only with its letter: `[256, 256]` is two layers)
_SHAPE_TUPLE = re.compile(
    r"^[(\[] {0,3}(?:([A-Za-z]\w{0,3}) {0,3}, {0,3})?(\d{1,5}) {0,3}, {0,3}(\d{1,5})"
    r"(?: {0,3}, {0,3}([A-Za-z]\w{0,3}))? {0,3}[)\]]$"
)
#: `256 \times 256`: the LaTeX cross between two sides
_LATEX_CROSS = re.compile(r"(?<=[\d\s])\\times(?![A-Za-z])")
#: an ordinal names a layer, it is no value: `the 6th layer`, `la 6e couche`
_ORDINAL = re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th|e|er|re|eme|ème|è)(?![\w])", re.IGNORECASE)
#: a list of numbers layer by layer before an arrow (`5, 9, 13, ..., 25 -> 25x25`)
_NUMBER_LIST = re.compile(r"^\s*\d+(?:\s*[,;]\s*\d+){2,}\s*$")
#: the layers a size is given for, after it (`256x256 for L1..L6`)
_RANGE_AFTER = re.compile(
    r"(?<!\s)\s+(?:(?:for|in|at|pour|dans|aux)\s*)?(?:(?:all|the|les)\s+)?(?:(?:layers?|couches?)\s*)?"
    r"[A-Za-z]?\d+\s*(?:\.\.\.?|[-–—]|to|à)\s*[A-Za-z]?\d+\s*$",
    re.IGNORECASE,
)
#: where a clause about another quantity may start: a comma, a semicolon, a `so`, or an
#: arrow to what the value gives (`0x0 -> 252x252 after layer 1`)
_CLAUSE = re.compile(
    r"[,;:]|(?<![\w'])(?:so|thus|hence|then|donc|alors|d'où|soit|i\.\s?e\.?)(?![\w'])"
    r"|-+>|=+>|[→⇒⟹⟶↦]|\\(?:Rightarrow|rightarrow|implies|to)(?![A-Za-z])",
    re.IGNORECASE,
)
#: An arrow in working (`1+6*4 = 25 -> 25x25`, `r_6 = 25 ⇒ 25x25`): another `=`.
_ARROW = re.compile(r"-+>|=+>|[→⇒⟹⟶↦]|\\(?:Rightarrow|rightarrow|implies|to)(?![A-Za-z])")
_REPEATED = re.compile(r"^\[([^\[\],]+)\]\s*[*×]\s*(\d{1,2})$")
#: `i.e.`, `that is`, `soit`, `so`, `donc`: what follows restates the value
_RESTATES = re.compile(
    r"(?:,|;|\s)\s*(?:i\.\s?e\.?|that is|which is|so|thus|hence|soit|donc|"
    r"c'est-à-dire|c'est-a-dire|c\.-à-d\.|d'où)\s+(?=[^,;]*\d)",
    re.IGNORECASE,
)
_LETTERED = re.compile(r"[A-Za-wyzA-WYZ]")  # a letter other than the x of `25x25`
_LIST_SEPARATORS = ",;"
_PROSE_GROUP = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class ValueReading:
    """`values`: the text of each value (one, or one per item of a list without brackets);
    `others`: the other sides of the working, each to agree with the value; `input`: the
    answer names the input's size; `total`: a padding given as the total of both sides;
    `guess`: words or working were taken out."""

    values: tuple[str, ...]
    others: tuple[str, ...] = ()
    input: bool = False
    total: bool = False
    guess: bool = False


def read_value(text: str, asks: str | None = None) -> ValueReading:
    """The value of a size or number answer, out of the words and working around it.
    `asks`: the quantity the field asks (`padding`, `size`: `words.yaml`, `quantity:`);
    a clause that states another one (`, so the output is 260`) is a remark."""
    original = text.strip()
    if len(original) > MAX_TEXT:
        return ValueReading((original,))
    original = spaced(original)  # `surface`'s runs of spaces, not a guess of ours
    carried = surface(original).strip()  # `$25\times 25$`, a bulleted list, `Ans:`
    core = _LATEX_CROSS.sub("×", carried) if "\\times" in carried else carried
    shape = _SHAPE_TUPLE.match(core)  # `(256, 256, C)`, `[C, 256, 256]`, `(25, 25)`
    if shape and (core[0] == "(" or shape.group(1) or shape.group(4)):
        core = f"{shape.group(2)}x{shape.group(3)}"
    core = _RANGE_AFTER.sub("", _BY.sub(r"\1x", core))
    guess = core != original
    label = _PROSE_LABEL.match(core)
    if label and not _has_value(label.group(0)) and _has_value(core[label.end() :]):
        core, guess = core[label.end() :], True  # `same as given: 2 on each side`
    core, reasoned = _drop_reasons(core)
    guess = guess or reasoned
    if asks is not None:
        core, dropped = _drop_other_quantities(core, asks)
        guess = guess or dropped
    if not _NUMBER.search(core):  # `two`, `deux`, `four on each side`
        spelled = _spelled(core)
        guess, core = guess or spelled != core, spelled
    if _SCALE.search(core):  # `one million`, `1.05 million`, `deux mille`: one number
        core, guess = _SCALE.sub(_scaled, core), True
    if _ARROW.search(core):
        steps = _ARROW.split(core)
        if len(steps) == 2 and _NUMBER_LIST.match(steps[0]):
            # `5, 9, 13, 17, 21, 25 -> the 6th layer sees 25x25`: the list is the working
            # layer by layer, its last item a side to agree with the value after the arrow
            steps = [re.split(r"[,;]", steps[0])[-1], steps[1]]
            core = " -> ".join(s.strip() for s in steps)
        bare = [t.strip() for t in steps[:-1]] + [re.split(r"[,;]", steps[-1])[0].strip()]
        if len(steps) >= 3 and all(b.isdigit() for b in bare) and len(set(bare)) > 1:
            # `5 → 9 → 13 → ... → 25`: arrows meaning "then" (layer by layer), the last
            # is the value
            core = steps[-1].strip()
        else:
            core = _ARROW.sub(" = ", core)
        guess = True
    repeated = _REPEATED.match(core)  # `[256x256] * 6`: a list written as a product
    if repeated and 1 < int(repeated.group(2)) <= 64:
        core = ", ".join([repeated.group(1).strip()] * int(repeated.group(2)))
        guess = True
    # `12 pixels on each side of the centre, i.e. 25x25`: the value restated last
    depth = depths(core)  # once: a thousand `so 1`s were a thousand passes
    restated = [m for m in _RESTATES.finditer(core) if not depth[m.start()]]
    if restated and _NUMBER.search(core[: restated[-1].start()]):
        head, core = core[: restated[-1].start()], core[restated[-1].end() :]
        guess = True
        if _is_number(head) and not is_prose(head):
            core = f"{head.strip()} = {core}"
    # parenthesised prose: a remark (`(layer by layer: 5, 9, ...)`, `(déjà le cas)`)
    while True:
        match = next(
            (
                m
                for m in _PROSE_GROUP.finditer(core)
                if is_prose(m.group(1)) and not offers_alternative(m.group(1))
            ),
            None,
        )
        if match is None:
            break
        core = (core[: match.start()] + " " + core[match.end() :]).strip()
        guess = True
    # a formula in letters in brackets after the value (`4 (k - 1)`): its working
    trailing = _TRAILING_GROUP.search(core)
    if (
        trailing
        and _LETTERED.search(trailing.group(2))
        and not offers_alternative(trailing.group(2))
        and _is_number(trailing.group(1))
    ):
        core = trailing.group(1).strip()
        guess = True
    # a list of layers in brackets (`[256, 256, 256, ...]`, `[256x256, ...]`)
    if core.startswith("[") and core.endswith("]") and _balanced(core[1:-1]):
        items = _pieces(core[1:-1])
        if len(items) >= 3 or any(_LETTERED.sub("", i) != i for i in items):
            core, guess = core[1:-1], True
    total = has_phrase("total", core)
    if has_phrase("zero", core):
        rest = _strip_zero(core)
        if not _NUMBER.search(rest) or _lone_value(rest.strip(" ()")) in ("0", "(0)"):
            return ValueReading(("0",), guess=True, total=False)
    named_input = has_phrase("input", core)
    stripped = strip_filler(core)
    body = stripped.core
    if stripped.remarks:
        guess = True
    if named_input:
        body = _drop_phrases("input", body)
        guess = True
    if total:
        body = _drop_phrases("total", body)
        guess = True
    body = body.strip(" .,;:!?")
    restated = _TRAILING_GROUP.search(body)
    if restated and _is_number(restated.group(2)) and _is_number(restated.group(1)):
        # the value restated in brackets (`25 pixels wide (25x25)`): both must agree
        body, guess = f"{restated.group(1).strip()} = {restated.group(2).strip()}", True
    # a value in brackets left alone after the words: `same as the input (256x256)`
    if body.startswith("(") and body.endswith(")") and _balanced(body[1:-1]):
        inner = body[1:-1].strip()
        if inner and not any(op in inner for op in "+-*/"):
            body = inner
    if not body:
        if named_input:
            return ValueReading((), input=True, guess=True)
        return ValueReading((original,))
    sides = split_sides(body)
    if len(sides) > 1:
        guess = True
        # the answer is the last side that is a value (`2 = (k-1)/2`, `4 = k - 1`)
        numeric = [i for i, side in enumerate(sides) if _is_number(side)]
        formula = not _is_number(sides[-1]) and not is_prose(sides[-1])
        if numeric and formula:
            at = numeric[-1]
            sides = [*sides[:at], *sides[at + 1 :], sides[at]]
    last = sides[-1]
    asides = _asides(last)
    alone = _lone_value(last)
    if alone is not None and alone != last:
        last, guess = alone, True
    values = _list_items(last)
    if values != [last]:
        guess = True  # labels (`layer 1:`) or a list without brackets
    if asides or any(is_prose(v) for v in _pieces(last)):
        guess = True  # a clause in words was set aside
    others = (*sides[:-1], *asides)
    return ValueReading(tuple(values), others, named_input, total, guess)


_CHUNK = re.compile(r"[\d(][\d\s.+\-*/×xX()]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_SEPARATOR_WORDS = frozenset({"x", "by", "par"})
# Marks of math, not of words: `a_2`, `2^k`, `\exp(...)`, `W_{ij}`, `trace(W) >= 2` hold a
# number that is no value of theirs; a digit glued to one letter (`2k`, `k2`) is a product
# or a name (a unit is a word: `256px`).
_MATH_MARKS = re.compile(r"[_^\\{}<>≤≥≠]|[^\W\d_]\(")
_GLUED = re.compile(r"[^\W\d_xX]\d|\d[^\W\d_xX](?![^\W\d_])")


def _lone_value(text: str) -> str | None:
    """The one value in a text of words (`they all stay 256x256`, `pad 4`): None when
    there is no value, more than one (`256 then 252`), or a negation (`not 4`)."""
    text = _ORDINAL.sub(" ", text)
    letters = [w for w in _LETTERS.findall(text) if w.lower() not in _SEPARATOR_WORDS]
    if not letters:
        return text
    if has_phrase("negation", text) or _MATH_MARKS.search(text) or _GLUED.search(text):
        return None
    chunks = [c.strip() for c in _CHUNK.findall(text) if _NUMBER.search(c)]
    if len(chunks) != 1:
        return None
    chunk = chunks[0].strip(" +-*/")
    while chunk.count("(") > chunk.count(")") and chunk.startswith("("):
        chunk = chunk[1:].strip()
    while chunk.count(")") > chunk.count("(") and chunk.endswith(")"):
        chunk = chunk[:-1].strip()
    return chunk


def _spelled(text: str) -> str:
    """A number written in words (`two`, `deux`, `quatre`) as its digits, in a text that
    has none: `un carré de 25 par 25` keeps its article."""
    numbers = words()["numbers"]
    folded = fold(text)
    found = _number_words().findall(folded)
    articles = len(found) > 1  # `un padding de deux`: `un` is the article
    digits = _number_words().sub(
        lambda m: m.group(0) if articles and m.group(0) in _ARTICLES else str(numbers[m.group(0)]),
        folded,
    )
    # `twenty-five`, `vingt-cinq`, `vingt et un`: tens and units are one number
    digits = _TENS_UNITS.sub(lambda m: str(int(m.group(1)) + int(m.group(2))), digits)
    if "100" in digits:  # `2 100 56`: two hundred fifty-six
        digits = _HUNDREDS.sub(_hundreds, digits)
    return _BY.sub(r"\1x", digits)


_HUNDREDS = re.compile(r"(?<![\d.])(?:([1-9])\s+)?100(?:\s+(?:and\s+|et\s+)?([1-9]\d?))?(?![\d.])")


def _hundreds(match: re.Match[str]) -> str:
    """`2 100 56` is 256, `100 5` is 105 (the digits of a number said in words)."""
    return str(int(match.group(1) or 1) * 100 + int(match.group(2) or 0))


_TENS_UNITS = re.compile(r"(?<![\d.])([2-9]0)(?:\s*-\s*|\s+)(?:et\s*-?\s*)?([1-9])(?![\d.])")


_ARTICLES = frozenset({"one", "un", "une"})

#: a number then its scale word: without this, `one million` read as 1, the word dropped
_SCALES = {"thousand": 1000, "mille": 1000, "million": 10**6, "millions": 10**6,
           "billion": 10**9, "billions": 10**9, "milliard": 10**9, "milliards": 10**9}  # fmt: skip
_SCALE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(" + "|".join(_SCALES) + r")(?![\w'])", re.IGNORECASE
)


def _scaled(match: re.Match[str]) -> str:
    value = Fraction(match.group(1)) * _SCALES[match.group(2).lower()]
    return str(value.numerator) if value.denominator == 1 else str(float(value))


@cache
def _number_words() -> re.Pattern[str]:
    names = sorted(map(str, words()["numbers"]), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'])")


#: `0 : pas de padding (sortie 252)`: a number, a colon, then its reason in words
_VALUE_COLON = re.compile(r"^\s*([^:]*\d[^:]*?)\s*:\s*([^\W\d_].*)$", re.DOTALL)
#: `, donc c'est déjà une same convolution`: a clause of reasoning after the value
_REASON = re.compile(
    r"[,;]\s*(?:so|thus|hence|because|since|as|donc|car|puisque|parce\s+que|ainsi)(?![\w'])",
    re.IGNORECASE,
)


def _drop_reasons(text: str) -> tuple[str, bool]:
    """The value without its reason in words: after a colon (`0 : pas de padding (sortie
    252)`, the number before it is the answer) or after `, so`/`, donc` when the clause
    states no value of its own (`2, donc c'est déjà une same convolution`; `4, so the
    output is 260` is the quantities' business). True when a reason was dropped."""
    colon = _VALUE_COLON.match(text)
    if colon is not None and _is_number(colon.group(1)):
        reason = _PROSE_GROUP.sub(" ", colon.group(2))
        if not _NUMBER.search(reason) and not offers_alternative(colon.group(2)):
            return colon.group(1).strip(), True
    depth = depths(text)
    for match in _REASON.finditer(text):
        head, reason = text[: match.start()], text[match.end() :]
        if depth[match.start()] or not _NUMBER.search(head):
            continue
        if not _states_value(reason) and is_prose(reason) and not offers_alternative(reason):
            return head.rstrip(), True
    return text, False


def _states_value(text: str) -> bool:
    """`_has_value`, where `un`/`une`/`one` are articles (`c'est une same convolution`)."""
    if _NUMBER.search(text) or has_phrase("zero", text):
        return True
    return any(w not in _ARTICLES for w in _number_words().findall(fold(text)))


def _drop_other_quantities(text: str, asks: str) -> tuple[str, bool]:
    """The text without its clauses that state another quantity than the one asked
    (`p = k-1 = 4, donc la sortie fait 260` asks the padding: the output is a remark),
    as long as a number is left; True when one was dropped."""
    depth = depths(text)
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(text) if not depth[m.start()]), len(text)]
    pieces = [text[a:b] for a, b in pairwise(cuts)]
    kept = [p for p in pieces if not _states_other(p, asks)]
    if len(kept) == len(pieces) or not any(_has_value(p) for p in kept):
        return text, False
    return "".join(kept).strip(" ,;"), True


def _has_value(text: str) -> bool:
    """Whether a text states a value: a digit, a number in words, or `none`."""
    return bool(
        _NUMBER.search(text) or _number_words().search(fold(text)) or has_phrase("zero", text)
    )


def _states_other(piece: str, asks: str) -> bool:
    """Whether a clause gives a number and names only a quantity the field does not ask."""
    if not _NUMBER.search(piece):
        return False
    named = {kind for kind in words()["quantity"] if has_phrase_in("quantity", kind, piece)}
    return bool(named) and asks not in named


def _is_number(text: str) -> bool:
    """A side of working that is a value: digits, with no letter but the x of `25x25`."""
    return bool(_NUMBER.search(text)) and not _LETTERED.search(text.replace("by", ""))


def _strip_zero(text: str) -> str:
    return _drop_phrases("zero", fold(text))


def _drop_phrases(kind: str, text: str) -> str:
    from examgrade.reading import phrases

    return " ".join(phrases(kind).sub(" ", fold(text)).split())


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0:
            return False
    return depth == 0


def _list_items(text: str) -> list[str]:
    """The items of a list without brackets; a clause in words after a comma is a
    remark, not an item (`25, soit 25x25`)."""
    return [p for i, p in enumerate(_pieces(text)) if not i or not is_prose(p)] or [text]


def _pieces(text: str) -> list[str]:
    """A list written without brackets (`256, 256, 256`): one text per item."""
    depth = depths(text)
    pieces, start = [], 0
    for at, ch in enumerate(text):
        if ch in _LIST_SEPARATORS and not depth[at]:
            pieces.append(text[start:at])
            start = at + 1
    pieces.append(text[start:])
    # an item with its label (`layer 1: 256x256`, `couche 2 : 256`)
    return [_LABEL.sub("", p).strip() for p in pieces if p.strip()]


def _asides(text: str) -> tuple[str, ...]:
    """The values stated in clauses in words after a comma (`25, soit 25x25` states
    25x25; `4, or 2 if ...` states 2): each must agree with the answer."""
    pieces = _pieces(text)
    out = []
    for piece in pieces[1:]:
        if is_prose(piece) and _NUMBER.search(piece):
            out.append(_lone_value(piece) or piece)
    return tuple(out)


def has_phrase_in(section: str, kind: str, text: str) -> bool:
    """Whether a folded text holds one of the phrases of `words.yaml`'s `section.kind`."""
    return _section_pattern(section, kind).search(fold(text)) is not None


@cache
def _section_pattern(section: str, kind: str) -> re.Pattern[str]:
    return _phrase_pattern(list(words()[section][kind]))
