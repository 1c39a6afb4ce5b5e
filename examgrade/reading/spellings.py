"""Spellings of the notation (untold notation): `lam`, `logistic(`, ranges with dots or
inequalities (`sum_{k=1..t}`, `Σ_{1≤k≤t}`), `1{a > 0}`, words in capitals (`SUM`,
`TRANSPOSE`), `|W|_F`, `Π_{k=1}^t`, t copies written out (`W·W·…·W (t times)`), a shape
after the answer (`W (H x D)`)."""

from __future__ import annotations

import re

_LAM = re.compile(r"(?<![A-Za-z\\_])lam(?![A-Za-z_])")
_LOGISTIC = re.compile(r"(?<![A-Za-z\\_])logistic\s*\(")
#: `sum_{k=1..t}`, `Σ_{k=1…t}`: a range written with dots
_DOTS_RANGE = re.compile(
    r"((?:\\?sum|\\?prod|Σ|∑|Π)\s*_\s*)\{\s*([A-Za-z])\s*=\s*([^{}.…]+?)\s*(?:\.\.\.?|…)\s*([^{}]+?)\s*\}"
)
#: `Σ_{1≤k≤t}`, `\sum_{1 \le k \le t}`, `sum_{0<=k<t}`: a range as two inequalities (untold round 6)
_INEQUALITY_RANGE = re.compile(
    r"((?:\\?sum|\\?prod|Σ|∑|Π|∏)\s*_\s*)\{\s*(\d{1,3}|[A-Za-z])\s*(≤|<=|\\leq?(?![A-Za-z])|<)\s*"
    r"([A-Za-z])\s*(≤|<=|\\leq?(?![A-Za-z])|<)\s*([A-Za-z0-9](?:\s*[-+]\s*\d{1,3})?)\s*\}"
)
#: `1{a > 0}`, `\mathbb{1}\{a > 0\}`: the indicator in braces
_BRACE_INDICATOR = re.compile(
    r"(?<![\w^_])(1|\\mathbb\{1\}|𝟙)\s*(?:\\\{|\{)([^{}]*[<>≤≥][^{}]*?)(?:\\\}|\})"
)
#: `W (H x D)`, `(H×D)`: a shape after the answer, not a factor
SHAPE_REMARK = re.compile(
    r"\s*\(\s*[A-Za-z]\s*(?:x|×|\\times|by)\s*[A-Za-z]\s*(?:matrix|matrice)?\s*\)\s*$"
)


#: `LAMBDA`, `SUM`, `TRANSPOSE`: a word of the notation typed in capitals (caps lock, or
#: emphasis); only these words, never a question's own name.
CAPS = re.compile(r"(?<![A-Za-z\\])[A-Z]{3,9}(?![A-Za-z])")
_CAPS_WORDS = frozenset(
    [
        "lambda",
        "sum",
        "prod",
        "product",
        "trace",
        "transpose",
        "sigmoid",
        "sigma",
        "exp",
        "log",
        "mean",
        "max",
        "min",
        "abs",
        "diag",
        "norm",
        "times",
        "plus",
        "minus",
        "squared",
        "sqrt",
        "relu",
        "tanh",
        "fois",
        "moins",
        "somme",
        "moyenne",
    ]
)


def caps_text(match: re.Match[str], protected: frozenset[str]) -> str:
    word = match.group()
    low = word.lower()
    return low if low in _CAPS_WORDS and word not in protected else word


#: `|W|_F`: the Frobenius norm with single bars (one letter inside: no absolute value has
#: an F index)
SINGLE_BARS = re.compile(r"(?<![|‖])\|([A-Za-z])\|(?=_F)")
#: `Π_{k=1}^t W`, `∏_k`: the product sign typed as a Greek capital
PI = re.compile(r"(?<![\w\\])[Π∏]\s?(?=_)")
ELLIPSIS_WORDS = re.compile(r"\\(?:cdots|ldots|dots)\b|⋯")
#: `W·W·…·W (t times)`, `W W ... W (t fois)`: t copies of W multiplied, W^t (the count as
#: said; `(t-1 times)` is W^{t-1})
_COUNT = r"[A-Za-z0-9]\w{0,3}(?: {0,3}[-+] {0,3}\d{1,3})?"
_TIMES_SIGN = r"(?:[ ·*⋅×]|\\cdot|\\times)"
_COPIES = re.compile(
    rf"(?<![\w\\])([A-Za-z])(?:{_TIMES_SIGN}{{0,6}}\1){{0,3}}{_TIMES_SIGN}{{0,6}}(?:…|\.\.\.?)"
    rf"{_TIMES_SIGN}{{0,6}}\1 {{0,3}}(?:(\()|,) {{0,3}}({_COUNT})"
    r" {1,3}(?:times|fois|copies|factors|facteurs)(?(2)\s?\)|(?![\w(]))"
)


def spellings(text: str, protected: frozenset[str]) -> str:
    """`lam` is lambda, `logistic(` the sigmoid, `sum_{k=1..t}` is `sum_{k=1}^{t}`,
    `1{a > 0}` the indicator `1[a > 0]` (each unless the question names it otherwise)."""
    if "lam" not in protected and "lam" in text:
        text = _LAM.sub("lambda", text)
    if "logistic" in text:
        text = _LOGISTIC.sub("sigmoid(", text)
    if ".." in text or "…" in text:
        text = _COPIES.sub(lambda m: f"{m.group(1)}^{{{m.group(3)}}}", text)
        text = _DOTS_RANGE.sub(
            lambda m: f"{m.group(1)}{{{m.group(2)}={m.group(3)}}}^{{{m.group(4)}}}", text
        )
    if "{" in text:
        text = _BRACE_INDICATOR.sub(lambda m: f"1[{m.group(2)}]", text)
        if "<" in text or "≤" in text or "\\le" in text:
            text = _INEQUALITY_RANGE.sub(_inequality_range, text)
    return text


def _inequality_range(match: re.Match[str]) -> str:
    """`Σ_{1≤k≤t}` as `Σ_{k=1}^{t}`; a strict bound moves by one (`0<k<t`: 1 to t-1)."""
    low = match.group(2) if match.group(3) != "<" else f"{match.group(2)}+1"
    high = match.group(6) if match.group(5) != "<" else f"{match.group(6)}-1"
    return f"{match.group(1)}{{{match.group(4)}={low}}}^{{{high}}}"
