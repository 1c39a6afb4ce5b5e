"""An answer written as a sentence about what is asked (issue 12, round 8): `the Jacobian
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
