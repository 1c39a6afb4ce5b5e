"""An answer written as a sentence about what is asked (issue 12, untold round 6): `the Jacobian
of h(x) = Wx with respect to x is W`, `la dérivée de h par rapport à x est W`. The
subject names the asked quantity in words, with math of its own (`h(x) = Wx` is the
question's setting, not a side of the answer); the answer is what its verb says it is.
Text to text, never evaluated: a few linear passes over at most `MAX_TEXT` characters,
and what it gives is still judged numerically.
"""

from __future__ import annotations

import re
from functools import cache

from examgrade.reading import MAX_TEXT, depths, has_phrase, words

#: A word of prose: three letters or more (accents included), not glued to a backslash,
#: or `w.r.t.`.
_WORD = re.compile(r"(?<![\\A-Za-z_])(?:w\.\s?r\.\s?t\.?|[^\W\d_]{3,})", re.IGNORECASE)
#: A sub- or superscript (`W_{ijk}`, `h_t`, `W^{t-k}`): its letters are no words.
_SCRIPT = re.compile(r"[_^]\s*(?:\{[^{}]*\}|\w+)")
#: The verb of the statement in words: what the subject is said to be.
_VERB = re.compile(
    r"(?<![\w'’])(?:is\s+equal\s+to|is|equals|est\s+[ée]gale?\s+[àa]|est|vaut|[ée]gale?)"
    r"(?![\w'’])",
    re.IGNORECASE,
)
#: Or an `=`, never in `<=`, `==`, `:=`, `=>`.
_EQUALS = re.compile(r"(?<![<>!=:])=(?![=>])")
#: Words that end a subject: what follows them is a clause of its own (`the Jacobian is
#: D W where D is ...`, `..., so J is W`), never a description of the asked quantity.
_BREAKS = re.compile(
    r"(?<![\w'’])(?:where|with(?!\s+respect)|avec|où|ou|since|because|car|puisque|so|thus"
    r"|hence|donc|then|alors|and|et|but|mais|if|si|when|quand|lorsque|or|unless|sauf|except)"
    r"(?![\w'’])",
    re.IGNORECASE,
)


@cache
def _math_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in words()["math_names"])


def statement(text: str, protected: frozenset[str], verb_words: bool = True) -> str:
    """The answer a sentence gives after its subject: the math after the first verb
    that follows the subject's last word of prose. Left as typed unless the text opens
    with a word that is no math, the subject holds a word of prose and no clause of its
    own (no top-level `,` `;`, no `where`, `so`, `if`, ..., no negation) and the answer
    opens with math (`is not W` is no statement of W). `verb_words`: the verbs in words
    (`is`, `est`, `vaut`), read before `equals` becomes an `=` and sums in words become
    math; else the `=` (`... par rapport à x = W`), once they have."""
    if len(text) > MAX_TEXT or not text[:1].isalpha():
        return text
    opening = _OPENING.match(text)  # `the`, `la`: never `h_t = ...`, `W x`
    if opening is None or opening.group(1) in protected:
        return text
    if opening.group(1).lower() in _math_words():
        return text
    blanked = _SCRIPT.sub(lambda m: " " * len(m.group(0)), text)
    blanked = _VERB.sub(lambda m: " " * len(m.group(0)), blanked)
    depth = depths(text)
    prose = [
        m
        for m in _WORD.finditer(blanked)
        if not depth[m.start()]
        and m.group(0) not in protected
        and m.group(0).lower() not in _math_words()
    ]
    if not prose:
        return text
    # the first verb after the subject's last word of prose (`the Jacobian of h = Wx is
    # W`: the `=` is the subject's own)
    after = prose[-1].end()
    verbs = [
        m for m in (_VERB if verb_words else _EQUALS).finditer(text, after) if not depth[m.start()]
    ]
    if not verbs:
        return text
    verb = verbs[0]
    subject, answer = text[: verb.start()], text[verb.end() :].strip()
    if not answer or any(ch in ",;" and not depth[at] for at, ch in enumerate(subject)):
        return text
    if _BREAKS.search(subject) or has_phrase("negation", subject):
        return text
    first = _OPENING_WORD.match(answer)
    if first is not None and first.group(0) not in protected:
        word = first.group(0).lower()
        if word not in _math_words() and (len(word) > 2 or word in _SHORT_WORDS):
            return text  # `is not W`, `est la matrice W`: words, not the answer
    return answer


_OPENING = re.compile(r"([^\W\d_]{2,})\s")
#: The first word of the answer, if it is one (`not`, `la`); `Wx` may be math.
_OPENING_WORD = re.compile(r"[^\W\d_]{2,}(?![\w'’])")
_SHORT_WORDS = frozenset({"la", "le", "un", "an", "of", "de", "du", "ne", "no", "to", "in", "en"})


# ---- definitions before the answer, and working over several lines ------------------------

#: `let`, `soit`, `posons`, `with`: definitions before the answer
_LEAD = re.compile(
    r"^\s*(?:let|soit|soient|posons|on\s+pose|notons|notation\s*:|define|defining|denote"
    r"|given|with|avec|pour)\s+",
    re.IGNORECASE,
)
#: Where the definitions end and the answer starts: a top-level `;`, a line break, a `:`
#: or a full stop set off by a space, `then`, `alors`, `donc`, `we get`, `on obtient`.
_THEN = r"(?:then|alors|donc|so|thus|hence|we\s+get|we\s+have|on\s+obtient|on\s+a|d'où)"
_LEAD_END = re.compile(
    rf"(?:;|\n|:(?=\s)|\.(?=\s))\s*(?:{_THEN}\s+)?|(?:,|(?<!\s))\s+{_THEN}\s+", re.IGNORECASE
)  # (never from inside a run of spaces: each start would read the whole run)
#: `name = meaning`, where the name is a letter, indexed or not (`a_i`, `u_{k}`, `μ_g`),
#: or a LaTeX command (`\mu_g`); the meaning is checked by `reading.math.definitions`.
_LEAD_DEFINITION = re.compile(
    r"\s*(\\[A-Za-z]+(?:_\{\w+\}|_\w+)?|[A-Za-z\u0370-\u03ff](?:_\{[\w,]+\}|_\w+)?)"
    r"\s*(?::=|=|≡)\s*(\S.*)",
    re.DOTALL,
)
_MAX_LEAD = 6


def leading_definitions(text: str, protected: frozenset[str]) -> str:
    """`let a_i = Σ_jk W_ijk y_j z_k; P = σ(-a_i)`, `soit u = Wx + b, alors J = diag(1[u >
    0]) W`: definitions before the answer, moved after it (`σ(-a_i), where a_i = ...`),
    where `reading.math.definitions` substitutes them as it does any definition there.
    Left as typed unless every part before the answer is `name = meaning` (at most six,
    none a name of the question) and an answer follows."""
    if len(text) > MAX_TEXT:
        return text
    lead = _LEAD.match(text)
    if lead is None:
        return text
    body = text[lead.end() :]
    depth = depths(body)
    end = next((m for m in _LEAD_END.finditer(body) if not depth[m.start()]), None)
    if end is not None:
        block, answer = body[: end.start()], body[end.end() :]
        parts = _top_level_split(block)
    else:  # `let a = Wx + b, J = diag(1[a > 0]) W`: the last part is the answer
        parts = _top_level_split(body)
        block, answer = "", parts.pop() if len(parts) > 1 else ""
    if not answer.strip() or not parts or len(parts) > _MAX_LEAD:
        return text
    found = []
    for part in parts:
        match = _LEAD_DEFINITION.fullmatch(part.rstrip(" ."))
        if match is None or match.group(1) in protected:
            return text
        found.append(f"{match.group(1)} = {match.group(2)}")
    return f"{lines(answer.strip())}, where " + ", ".join(found)


def _top_level_split(text: str) -> list[str]:
    """The parts of `text` between its top-level commas and `and`/`et`."""
    depth = depths(text)
    out, start = [], 0
    for match in re.finditer(r",\s*(?:(?:and|et)\s+)?|\s+(?:and|et)\s+", text):
        if not depth[match.start()]:
            out.append(text[start : match.start()])
            start = match.end()
    out.append(text[start:])
    return [p for p in out if p.strip()]


#: An operator that ends a line or starts the next: the expression goes on
_CONTINUES_AFTER = re.compile(r"[-+*/^_(\[{=,·×⊙]\s*$")
_CONTINUES_BEFORE = re.compile(r"^\s*[-+*/^_)\]}=·×⊙]")
_ELLIPSIS_LINE = re.compile(r"^\s*(?:\.{2,}|…|⋮|\\[vcl]?dots)\s*$")
_MAX_LINES = 40


def lines(text: str) -> str:
    """Working over several lines: a line that restates the one before it (a bare
    expression, or the same name again: `J = D W` then `J = diag(...) W`) continues its
    chain of `=`, whose sides must agree; a line that ends or starts with an operator
    goes on the line before. Other lines (`h_1 = ...`, then `h_2 = ...`; an ellipsis) are
    left as typed."""
    if "\n" not in text or len(text) > MAX_TEXT:
        return text
    depth = depths(text)
    pieces, start = [], 0
    for at, ch in enumerate(text):
        if ch == "\n" and not depth[at]:
            pieces.append(text[start:at])
            start = at + 1
    pieces.append(text[start:])
    rows = [p.strip() for p in pieces if p.strip()]
    if len(rows) < 2 or len(rows) > _MAX_LINES:
        return text
    out = [rows[0]]
    for row in rows[1:]:
        before = out[-1]
        if _ELLIPSIS_LINE.match(row) or _ELLIPSIS_LINE.match(before):
            out.append(row)
        elif _CONTINUES_AFTER.search(before) or _CONTINUES_BEFORE.match(row):
            out[-1] = f"{before} {row}"
        elif "=" not in row:
            out[-1] = f"{before} = {row}"  # a bare expression: the value restated
        elif _left(row) is not None and _left(row) == _left(before):
            out[-1] = f"{before} = {row.split('=', 1)[1].strip()}"  # the same name again
        else:
            out.append(row)
    return "\n".join(out)


def _left(row: str) -> str | None:
    """The name a line defines (`J` of `J = D W`), if it starts with one."""
    match = re.match(r"\s*([^=<>!:]{1,40}?)\s*=(?!=)", row)
    return " ".join(match.group(1).split()) if match else None
