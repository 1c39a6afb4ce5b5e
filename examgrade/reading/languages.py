"""Math typed in another language's syntax (issue 12, round 5): Julia and Matlab
(`W*x .+ b .> 0`, `diagm(...)`, `sum(... for k in 1:t)`) and Mathematica
(`MatrixPower[W, t].h0`, `Sum[..., {k, 1, t}]`, `W[[i, j, k]]`, `Exp[...]`). Each is
text to the math language's notation, never evaluated; every pass is linear or bounded
by a count, over at most `MAX_TEXT` characters, and a construct whose pieces cannot be
found is left as typed (the grammar then says what it cannot read).
"""

from __future__ import annotations

import re

from examgrade.reading import call_arguments, depths

#: Julia's and Matlab's elementwise operators: `.+`, `.>`, `.<=` (`.*` is ⊙; `.^` is left:
#: `W.^2` is no matrix power)
_DOTTED = re.compile(r"(?<![\d.])\.(?=[-+<>/]|==)")
_DOTTED_TIMES = re.compile(r"(?<![\d.])\.\*")
_DIAG_NAMES = re.compile(r"(?<![\w.])(?:diagm|Diagonal|spdiagm)\s*\(")
#: `sum(body for k in 1:t)`, `sum(body for k = 1:t)`: Julia's inclusive range
_JULIA_GENERATOR = re.compile(
    r"(?<![\w.])sum\(([^()]*(?:\([^()]*\)[^()]*){0,12})\sfor\s([A-Za-z])\s(?:in|=|∈)\s"
    r"([^\s:()]{1,12}):([^\s:()]{1,12})\)"
)
_COMPARE = re.compile(r"<=|>=|<|>|≤|≥")


#: Matlab's Frobenius norm and Mathematica's: `norm(W, 'fro')`, `Norm[W, "Frobenius"]`
_FRO = re.compile(r"""(?<=,)\s*['"](?:fro|Frobenius)['"]\s*(?=[)\]])""")
#: `sum(sum(W.^2))`, `sum(W.^2, 'all')`, `sum(W(:).^2)`: Matlab's sum of the squares
_MATLAB_SQUARES = re.compile(
    r"""(?<![\w.])sum\(\s*(?:sum\(\s*([A-Za-z]\w{0,4})\s*\.\^\s*2\s*\)"""
    r"""|([A-Za-z]\w{0,4})(?:\(:\))?\s*\.\^\s*2\s*,\s*['"]all['"]"""
    r"""|([A-Za-z]\w{0,4})\(:\)\s*\.\^\s*2)\s*\)"""
)
#: `symsum(body, k, 1, t)`: Matlab's symbolic sum
_SYMSUM = re.compile(
    r"(?<![\w.])symsum\(([^()]*(?:\([^()]*\)[^()]*){0,12}),\s*([A-Za-z])\s*,"
    r"\s*([^\s,()]{1,12})\s*,\s*([^\s,()]{1,12})\s*\)"
)


def julia(text: str) -> str:
    """Julia's and Matlab's notation as the language's (module docstring)."""
    if "fro" in text or "Frobenius" in text:
        text = _FRO.sub(" F", text)
    if ".^" in text:
        text = _MATLAB_SQUARES.sub(
            lambda m: f"sum({m.group(1) or m.group(2) or m.group(3)}**2)", text
        )
    if "symsum" in text:
        text = _SYMSUM.sub(
            lambda m: f"sum_{{{m.group(2)}={m.group(3)}}}^{{{m.group(4)}}} ({m.group(1).strip()})",
            text,
        )
    if ".*" in text:
        text = _DOTTED_TIMES.sub(" ⊙ ", text)
    if "." in text:
        text = _DOTTED.sub("", text)
    if " for " in text and ":" in text:
        text = _JULIA_GENERATOR.sub(
            lambda m: f"sum_{{{m.group(2)}={m.group(3)}}}^{{{m.group(4)}}} ({m.group(1).strip()})",
            text,
        )
    if "diag" in text or "Diagonal" in text:
        text = _DIAG_NAMES.sub("diag(", text)
    if "diag(" in text and ("<" in text or ">" in text or "≥" in text or "≤" in text):
        text = _diag_of_comparison(text)
    return text


def _diag_of_comparison(text: str) -> str:
    """`diag(W x + b > 0)`: the diagonal of a comparison is that of its indicator,
    `diag(1[W x + b > 0])` (a boolean vector, in every language that writes it so)."""
    out, at = [], 0
    for _ in range(8):
        start = text.find("diag(", at)
        if start < 0:
            break
        close = _close(text, start + 4)
        if close is None:
            break
        inner = text[start + 5 : close]
        depth = depths(inner)
        top = [m for m in _COMPARE.finditer(inner) if not depth[m.start()]]
        if len(top) == 1:
            out.append(text[at : start + 5] + f"1[{inner}]")
        else:
            out.append(text[at:close])
        at = close
    out.append(text[at:])
    return "".join(out)


def _close(text: str, opened: int) -> int | None:
    """Where the round bracket at `opened` closes, or None."""
    level = 0
    for at in range(opened, len(text)):
        level += (text[at] == "(") - (text[at] == ")")
        if level == 0:
            return at
    return None


_MMA_NAMES = {
    "MatrixPower": "matrix_power",
    "Exp": "exp",
    "Log": "log",
    "Sqrt": "sqrt",
    "Transpose": "transpose",
    "Tr": "trace",
    "Norm": "norm",
    "Abs": "abs",
    "Max": "max",
    "Mean": "mean",
    "Total": "sum",
    "DiagonalMatrix": "diag",
    "Eigenvalues": "eig",
    "UnitStep": "H",
    "HeavisideTheta": "H",
    "LogisticSigmoid": "sigma",
}
_MMA_CALL = re.compile(r"(?<![\w.])(Sum|Product|" + "|".join(_MMA_NAMES) + r")\[(?!\[)")
_MMA_ITERATOR = re.compile(r"^\{\s*([A-Za-z])\s*,\s*([^,{}]{1,20}?)\s*,\s*([^,{}]{1,20}?)\s*\}$")
_MMA_PART = re.compile(r"([A-Za-z]\w{0,3})\[\[\s*([a-z](?:\s*,\s*[a-z]){0,3})\s*\]\]")
#: `MatrixPower[W, t].h0`, `U.x`: Mathematica's Dot between two factors
_MMA_DOT = re.compile(r"(?<=[\w)\]}])\.(?=[A-Za-z(])")


def mathematica(text: str) -> str:
    """Mathematica's notation as the language's (module docstring): `f[...]` of a known
    function is `f(...)`, `Sum[body, {k, a, b}, ...]` is `sum_{k=a}^{b} ...`, a part
    `W[[i, j, k]]` is `W_{ijk}`, and a Dot `A.B` a product."""
    if "[[" in text:
        text = _MMA_PART.sub(_part, text)
    for _ in range(12):
        match = _MMA_CALL.search(text)
        if match is None:
            break
        close = _close_square(text, match.end() - 1)
        if close is None:
            return text
        args = call_arguments(text[match.end() : close])
        made = _mma_call(match.group(1), args)
        if made is None:
            return text
        text = text[: match.start()] + made + text[close + 1 :]
    if "." in text:
        text = _MMA_DOT.sub(" ", text)
    return text


def _part(match: re.Match[str]) -> str:
    """`W[[i, j, k]]` is `W_{ijk}`."""
    letters = "".join(c for c in match.group(2) if c.isalpha())
    return f"{match.group(1)}_{{{letters}}}"


def _mma_call(name: str, args: list[str]) -> str | None:
    if name in ("Sum", "Product"):
        if len(args) < 2:
            return None
        operator = "sum" if name == "Sum" else "prod"
        head = ""
        for spec in args[1:]:
            iterator = _MMA_ITERATOR.match(spec.strip())
            if iterator is None:
                return None
            index, low, high = iterator.groups()
            head += f"{operator}_{{{index}={low}}}^{{{high}}} "
        return f"({head}({args[0]}))"
    return f"{_MMA_NAMES[name]}({', '.join(args)})"


def _close_square(text: str, opened: int) -> int | None:
    """Where the square bracket at `opened` closes (other brackets nested), or None."""
    level = 0
    for at in range(opened, len(text)):
        ch = text[at]
        if ch in "([{":
            level += 1
        elif ch in ")]}":
            level -= 1
            if level == 0:
                return at if ch == "]" else None
    return None
