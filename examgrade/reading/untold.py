"""Math typed by students who were never told the notation (issue 12, third blind set):
numpy-like code (`W @ x`, `W.T`, `np.linalg.matrix_power(W, t)`, `x[k]`, a generator
`sum(... for k in range(1, t+1))`), words for operators (`plus`, `fois`, `the sum over k
from 1 to t of`, `la norme de Frobenius de W au carré`), indicators (`I(a > 0)`, `H(a)`
with `H` the Heaviside function), and commentary after the answer (`, since ...`,
`, où x̃ ∼ P_g`). Each rewrite turns text into the language's own notation; none
evaluates anything, and every one is a bounded pass over text of at most `MAX_TEXT`
characters (a rewrite whose pieces cannot be found leaves the text as typed). What a
rewrite produces is still judged numerically: a wrong answer stays wrong.

This module runs the rewrites in turn; each class of notation has its module: code
(`numpy_code`), `entries` and rows, `indicators`, `operators` in words, `spellings`,
`commentary` after the answer, the `preamble` of words before it (and, from earlier rounds,
`languages`, `spoken`, `statements`).
"""

from __future__ import annotations

import re

from examgrade.reading import MAX_TEXT
from examgrade.reading.commentary import commentary
from examgrade.reading.decimals import decimal_commas
from examgrade.reading.entries import (
    CASES_ONE,
    LABEL,
    RESTATED_BRACKET,
    activation_named,
    argument_definitions,
    elementwise,
    entries_as_rows,
    entry_of_matrix,
    indexed_definitions,
    row_cases,
    rows_named,
)
from examgrade.reading.indicators import heaviside_named, indicators
from examgrade.reading.languages import julia, mathematica
from examgrade.reading.numpy_code import code, one_index_slices
from examgrade.reading.operators import operator_words
from examgrade.reading.preamble import leading_prose
from examgrade.reading.spellings import (
    CAPS,
    ELLIPSIS_WORDS,
    PI,
    SHAPE_REMARK,
    SINGLE_BARS,
    caps_text,
    spellings,
)
from examgrade.reading.spoken import quotients, spoken
from examgrade.reading.statements import leading_definitions, lines, statement

#: `MatrixPower[`, `Exp[`, `Sum[`: a capitalised name and its square bracket
_MATHEMATICA = re.compile(r"(?<![\w.])[A-Z][a-z]+[A-Z]?[a-z]*\[")
#: Four or more spaces in a row (tabs, newlines): one space, or one newline.
_SPACE_RUN = re.compile(r"\s{4,}")


def untold(text: str, protected: frozenset[str] = frozenset()) -> str:
    """The answer in the language's notation; `protected` are the question's own names
    (never renamed, never read as a function). Each rewrite runs only when a plain
    substring test says it may apply: most answers pass through in a few microseconds."""
    if len(text) > MAX_TEXT:
        return text
    rewritten = _untold(text, protected)
    # `lam` is `lambda`...: past MAX_TEXT the parser would count characters never typed
    return rewritten if len(rewritten) <= MAX_TEXT else text


def _untold(text: str, protected: frozenset[str]) -> str:
    """Every rewrite in turn (`untold` bounds what they make)."""
    if _SPACE_RUN.search(text):
        # many rewrites search a pattern that starts with `\s*`: each start in a run of k
        # spaces reads the whole run (k² steps, seconds for a run of 1,500 on 11 patterns)
        text = _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text)
    if "," in text:
        text = decimal_commas(text, top_level=True)[0]  # `0,5 W^t`: a French decimal comma
    if text[:1].isalpha() or text[:1].isspace():
        text = leading_definitions(text, protected)  # `let a_i = ...; P = σ(-a_i)`
    if "\n" in text:
        text = lines(text)  # `J = D W` then `J = diag(...) W` on the next line
    if (
        "." in text
        or " for " in text
        or "diag" in text
        or "Diagonal" in text
        or "fro" in text
        or "Frobenius" in text
        or "symsum" in text
    ):
        text = julia(text)
    if "[" in text and ("[[" in text or _MATHEMATICA.search(text)):
        text = mathematica(text)
    if CAPS.search(text):
        text = CAPS.sub(lambda m: caps_text(m, protected), text)
    if "∥" in text or "avg(" in text or "|_F" in text:
        text = text.replace("∥", "‖").replace("avg(", "mean(")
        text = SINGLE_BARS.sub(r"‖\1‖", text)
    if "Π" in text or "∏" in text or "⋯" in text or "dots" in text:
        text = PI.sub("prod", text)
        text = ELLIPSIS_WORDS.sub("...", text)
    low = text.lower()
    if "lam" in low or "logistic" in low or ".." in text or "…" in text or "{" in text:
        text = spellings(text, protected)
    if "(" in text and (" x " in text or "×" in text or "times" in text or " by " in text):
        text = SHAPE_REMARK.sub("", text)
    if "," in text or ";" in text or "≠" in text or "!=" in text or "neq" in text:
        text = commentary(text)
    if (
        "@" in text
        or "[" in text
        or "." in text
        or ":" in text
        or "**" in text
        or "sum(" in text
        or any(w in low for w in ("range", "einsum", "matrix_power"))
    ):
        text = code(text, protected)
    if "^" in text and "_" in text and ("T" in text or "top" in text or "⊤" in text):
        text = one_index_slices(text, protected)  # `y^T W_i z`
    if any(w in low for w in ("eaviside", "chelon", "step", "indicat")):
        text = heaviside_named(text, protected)
    if "I(" in text or "H(" in text or "1(" in text or "𝟙(" in text:
        text = indicators(text, protected)
    if " if " in text or " si " in text:
        text = CASES_ONE.sub(lambda m: f"1[{m.group(1)}]", text)
    if text[:1].isalpha() and (
        " is " in text or " est " in text or "equal" in low or "gal" in low or "vaut" in low
    ):
        text = statement(text, protected)  # `the Jacobian of h(x) = Wx w.r.t. x is W`
        low = text.lower()
    said = _SPOKEN_GATE.search(low) is not None
    if said:
        text = spoken(text, protected)
    if _WORD_GATE.search(low):
        text = quotients(operator_words(text))
    elif said:
        text = quotients(text)
    if text[:1].isalpha() and "=" in text:
        text = statement(text, protected, verb_words=False)  # `... par rapport à x = W`
    if text[:1].isalpha() and " " in text:
        text = leading_prose(text, protected)
    if "=" in text and "_" in text:
        text = indexed_definitions(text, protected)
        text = elementwise(text)
    if "(" in text and "=" in text:
        text = argument_definitions(text, protected)
    if "relu" in low:
        text = activation_named(text, protected)
    if ":" in text:
        text = LABEL.sub("", text, count=1)
    if "=" in text and ("_" in text or "[" in text):
        text = entry_of_matrix(text, protected)  # `∂h_i/∂x_j = W_ij`
        text = entries_as_rows(text, protected)  # `J_{ij} = 1[a_i > 0] W_{ij}`
    if ":" in text or " if " in text or " si " in text:
        text = row_cases(text, protected)
    if "(=" in text or "( =" in text:
        text = RESTATED_BRACKET.sub(r" = \1", text)
    if "w_" in text:
        text = rows_named(text, protected)
    return text


#: `J_{ij} = (W^t)_{ij}`: an equation between entries, both sides indexed alike.


#: `h sub t`, `equals`, `égale`, `x tilde`, `norme de w`, `E of x`: said notation (`spoken`)
_SPOKEN_GATE = re.compile(
    r" sub| indice |equal|[ée]gal|vaut|tilde| hat|chapeau|norm|\be (?:of|de|du|d')"
)
#: Whether a word for an operator may be in a (lower-cased) text.
_WORD_GATE = re.compile(
    r"plus|minus|moins|times|fois|multipli|divi|squared|carr|power|puissance|frobenius|squares|"
    r"(?:sum|somme|product|produit)\s+(?:over|sur|pour|for|of|de)|sigmo\w*\s|logistic|"
    r"(?:exp\w*|trace|transpos\w*)\s+(?:of|de|du|d')|\b[a-z]\s+transpos|\bto\s+the\s|itself|elle-m|mean|average|expectation|moyenne|esp[ée]rance"
)
