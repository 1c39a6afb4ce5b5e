"""Words for operators (untold notation): `plus`, `fois`, `squared`, `the sum over k
from 1 to t of`, `la norme de Frobenius de W`, `the mean of x̃`, `the t-th power of W`,
`W multiplied by itself t times`."""

from __future__ import annotations

import re

from examgrade.reading import depths

_BOUND = r"[^\s,]+?"
_SUM_WORDS = re.compile(
    r"(?:\b(?:the|la|le)\s+)?\b(sum|somme|product|produit)\s+(?:over|sur|pour|for|from)\s+"
    r"([a-z](?:\s*,\s*[a-z])*)"
    rf"(?:\s+(?:from|de|allant\s+de)\s+({_BOUND})\s+(?:to|[àa]|jusqu'[àa])\s+({_BOUND})"
    rf"|\s*=\s*({_BOUND})\s*(?:\.\.\.?|…|to|[àa])\s*({_BOUND}))?"
    r"\s+(?:of|de|du|des|d')\s*",
    re.IGNORECASE,
)
_FUNCTION_WORDS = re.compile(
    r"(?:\b(?:the|la|le|l')\s*)?\b(sigmo[iï]de?|logistic|exp(?:onential|onentielle)?|trace|"
    r"transpos(?:e|ée))\s+"
    r"(?:function\s+)?(?:of|de|du|d')\s*",
    re.IGNORECASE,
)
_NORM_WORDS = re.compile(
    r"(?:\b(?:the|la)\s+)?(squared\s+)?\b(?:frobenius\s+norm|norme\s+(?:de\s+)?frobenius)\s+"
    r"(?:of|de|du)\s+([A-Za-z]\w*)(\s+(?:squared|au\s+carr[ée]))?",
    re.IGNORECASE,
)
_MEAN_WORDS = re.compile(
    r"(?:\b(?:the|la|le|l')\s*)?\b(?:mean|average|expectation|moyenne|esp[ée]rance)\s+"
    r"(?:(?:over|across)\s+the\s+(?:mini-?)?batch\s+|sur\s+le\s+(?:mini-?)?batch\s+)?"
    r"(?:of|de|du|des|d')\s*(\\tilde\{[A-Za-z]\}|\\hat\{[A-Za-z]\}|[A-Za-z]\w*)",
    re.IGNORECASE,
)
#: `W puissance t`, `W to the power t`: a one-letter base (`t-th power of W` is prose)
_POWER_WORDS = re.compile(
    r"((?<![\w\-'])[A-Za-z]|\))\s+(?:(?:raised\s+|[ée]lev[ée]e?\s+)?(?:to\s+the|[àa]\s+la)\s+)?"
    r"(?:power|puissance)\s+"
    r"(?:of\s+)?(\([^()]{1,24}\)|[A-Za-z0-9]\w*(?:\s(?:minus|moins|plus)\s(?:\d{1,3}|[a-z])"
    r"(?=\s+(?:times|fois)\b|\s*$))?)(?![\w(])",
    re.IGNORECASE,
)
#: `W to the t`, `W to the t-th power`: the power said without its word first
_TO_THE = re.compile(
    r"((?<![\w\-'])[A-Za-z])\s+to\s+the\s+([A-Za-z0-9]\w{0,3}?(?: {0,3}[-+] {0,3}\d{1,3})?)"
    r"(?:-?(?:th|st|nd|rd))?(?:\s+power)?(?![\w(])"
)
#: `the t-th power of W`, `la puissance t-ième de W`, `la t-ième puissance de W`: the
#: power said before its base (untold round 6)
_NTH_POWER = re.compile(
    r"(?:\b(?:the|la)\s+)?(?:(?<![\w-])([A-Za-z]|\d{1,3}|\([^()]{1,12}\))-?"
    r"(?:th|st|nd|rd|i[èe]me|[èe]me|e)\s+(?:power|puissance)"
    r"|puissance\s+([A-Za-z]|\d{1,3}|\([^()]{1,12}\))-?(?:i[èe]me|[èe]me|e)?)\s+"
    r"(?:of|de|d')\s*([A-Za-z])(?![\w(^_{\[\\'′ᵀ⊤])",
    re.IGNORECASE,
)
#: `W multiplied by itself t times`, `W multipliée par elle-même t fois`: the power
#: (as said, the count of copies: W^t)
_ITSELF_WORDS = re.compile(
    r"((?<![\w\-'])[A-Za-z])\s+(?:multiplied\s+by\s+itself|multipli[ée]e?\s+par\s+(?:elle|lui)"
    r"[\s-]?m(?:[êe]|\\hat\{e\})me)\s+([A-Za-z0-9]\w*(?:\s*[-+]\s*\d+)?)\s+(?:times|fois)(?![\w])",
    re.IGNORECASE,
)
#: `W transpose W`, `W transposed x`: a postfix transpose of a one-letter name (`transpose of
#: W` is the function, read above)
_TRANSPOSE_AFTER = re.compile(
    r"(?<![\w\\])([A-Za-z])\s+transpos(?:ed?|ée)\b(?!\s+(?:of|de|du|d'))", re.IGNORECASE
)
_OPERATORS = (
    (re.compile(r"\s*,?\s*\b(?:plus)\b\s*", re.IGNORECASE), " + "),
    (re.compile(r"\b(?:minus|moins)\b\s*", re.IGNORECASE), " -"),
    (re.compile(r"\b(?:times|fois|multiplied\s+by|multipli[ée]\s+par)\b", re.IGNORECASE), " * "),
    (re.compile(r"\b(?:divided\s+by|divis[ée]\s+par)\b", re.IGNORECASE), " / "),
    (re.compile(r"\s+(?:squared|au\s+carr[ée])\b", re.IGNORECASE), "^2"),
)


def _sum_text(match: re.Match[str]) -> str:
    kind = "sum" if match.group(1).lower().startswith("s") else "prod"
    index = "".join(match.group(2).split())
    low, high = match.group(3) or match.group(5), match.group(4) or match.group(6)
    if low and high:
        return f"{kind}_{{{index}={low}}}^{{{high}}} "
    return f"{kind}_{{{index}}} "


_FUNCTION_NAMES = {"sigmo": "sigmoid", "logis": "sigmoid", "trace": "tr", "trans": "transpose"}


def _function_text(text: str) -> str:
    """`the sigmoid of X`: sigmoid(X), to the end or the next top-level comma."""
    for _ in range(4):
        match = _FUNCTION_WORDS.search(text)
        if match is None:
            break
        name = match.group(1).lower()
        name = _FUNCTION_NAMES.get(name[:5], "exp")
        rest = text[match.end() :]
        depth = depths(rest)
        end = next((i for i, c in enumerate(rest) if c in ",;" and not depth[i]), len(rest))
        text = f"{text[: match.start()]}{name}({rest[:end].strip()}){rest[end:]}"
    return text


_PRODUCT_WORDS = re.compile(
    r"^\s*(?:(?:le|the)\s+)?(?:produit|product)\s+(?:de|of)\s+(.+?)\s+(?:et|and)\s+"
    r"(?:(?:de|of)\s+)?(.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)


def _product_text(text: str) -> str:
    """`produit de A et de B`, `the product of A and B`: (A) (B), in that order."""
    match = _PRODUCT_WORDS.match(text)
    if match is None or depths(text)[match.end(1)]:
        return text
    return f"({match.group(1)}) ({match.group(2)})"


#: `the sum of squares of the entries of W`, `the sum of W_ij^2 over i and j`, `la somme
#: des carrés des W_ij`: the squared Frobenius norm
_SQUARES_WORDS = re.compile(
    r"(?:\b(?:the|la)\s+)?\b(?:sum\s+of\s+(?:the\s+)?squares?\s+of\s+(?:the\s+|all\s+)?"
    r"(?:(?:entries|elements|coefficients|weights)\s+of\s+)?([A-Za-z])(?:_\{?ij\}?)?"
    r"|sum\s+of\s+([A-Za-z])_\{?ij\}?\s*\^\s*\{?2\}?(?:\s+over\s+i\s+and\s+j)?"
    r"|somme\s+des\s+carr[ée]s\s+(?:des|de)\s+(?:(?:coefficients|[ée]l[ée]ments|entr[ée]es|poids)"
    r"\s+de\s+)?([A-Za-z])(?:_\{?ij\}?)?)",
    re.IGNORECASE,
)


def operator_words(text: str) -> str:
    text = _product_text(text)
    text = _SQUARES_WORDS.sub(lambda m: f"||{m.group(1) or m.group(2) or m.group(3)}||_F^2", text)
    text = _SUM_WORDS.sub(_sum_text, text)
    text = _NORM_WORDS.sub(
        lambda m: f"||{m.group(2)}||_F" + ("^2" if m.group(1) or m.group(3) else ""), text
    )
    text = _MEAN_WORDS.sub(lambda m: f"E[{m.group(1)}]", text)
    text = _function_text(text)
    text = _ITSELF_WORDS.sub(lambda m: f"{m.group(1)}^{{{m.group(2)}}}", text)
    if _NTH_POWER.search(text):  # outside brackets: `W^t (t-th power of W)` is a remark
        depth = depths(text)
        text = _NTH_POWER.sub(
            lambda m: (
                m.group(0) if depth[m.start()] else f"{m.group(3)}^{{{m.group(1) or m.group(2)}}}"
            ),
            text,
        )
    text = _POWER_WORDS.sub(lambda m: f"{m.group(1)}^{{{m.group(2)}}}", text)
    text = _TO_THE.sub(lambda m: f"{m.group(1)}^{{{m.group(2)}}}", text)
    if "transpos" in text.lower():
        text = _TRANSPOSE_AFTER.sub(r"\1^T", text)
    for pattern, replacement in _OPERATORS:
        text = pattern.sub(replacement, text)
    return text
