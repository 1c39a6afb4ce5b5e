"""Answers given entry by entry or row by row, and definitions by index (untold
notation, rounds 3, 5 and 6): `J_{ij} = (W^t)_{ij}`, `J_{i,:} = W_{i,:} if ... else 0`,
`∂h_i/∂x_j = W_ij`, `M W, m_i = ...`, `σ(-u_k), u_k = Σ ...`, `w_i^T x` as a row of W.
Each rewrite is text to the language's notation, bounded like `untold`'s."""

from __future__ import annotations

import re

from examgrade.reading import depths, split_sides
from examgrade.reading.numpy_code import closing

_ENTRYWISE = re.compile(
    r"^\s*([A-Za-z]\w*)_(?:\{([a-z]{1,3})\}|([a-z]))\s*=\s*\((.+)\)_(?:\{([a-z]{1,3})\}|([a-z]))\s*$",
    re.DOTALL,
)


def elementwise(text: str) -> str:
    """`J_{ij} = (W^t)_{ij}` is `J = W^t`: the same entry of both sides."""
    match = _ENTRYWISE.match(text)
    if match is None or (match.group(2) or match.group(3)) != (match.group(5) or match.group(6)):
        return text
    inner = match.group(4)
    if closing(f"({inner})", 0) != len(inner) + 1:
        return text  # `(a)(b)_{ij}`: the index is not on one bracket
    return f"{match.group(1)} = ({inner})"


#: `rows of W masked: J = ...`, `réponse : ...`: words and a colon before the math
LABEL = re.compile(r"^\s*(?:[^\W\d_]+['’]?\s+){0,6}[^\W\d_]{3,}\s*:\s+(?=\S)")
_JOIN = r"(?:[,;]\s*(?:(?:where|with|avec|où|and|et)\s+)?|\s+(?:where|with|avec|où)\s+)"
#: `, m_i = 1 if ... else 0`: one entry of a vector the answer names, defined after it
_INDEXED_DEFINITION = re.compile(
    rf"({_JOIN})([A-Za-z])_(?:\{{([a-z])\}}|([a-z]))\s*(?::=|=)\s*((?:[^,;]|,\s*(?:else|otherwise|sinon)\b)+?)"
    r"(?=\s*(?:[,;]|\s(?:where|with|avec|où)\s|$))"
)


def indexed_definitions(text: str, protected: frozenset[str]) -> str:
    """`diag(m) W, m_i = 1 if w_i·x + b_i > 0 else 0` defines the vector m by its i-th
    entry: read as `m = 1[W x + b > 0]`, which the definitions then substitute."""

    def fix(match: re.Match[str]) -> str:
        join, name, index = match.group(1), match.group(2), match.group(3) or match.group(4)
        if name in protected or index not in "ijklmn":
            return match.group(0)
        before = text[: match.start()]
        if re.search(rf"(?<![\w\\]){name}\s*_", before) or not re.search(
            rf"(?<![\w\\]){name}(?![\w{{])", before
        ):
            return match.group(0)  # `a_i` used as an entry: the definitions' business
        meaning = CASES_ONE.sub(lambda m: f"1[{m.group(1)}]", match.group(5))
        vector = _vector_of(meaning, index, protected)
        if vector is None:
            return match.group(0)
        return f"{join}{name} = {vector}"

    return _INDEXED_DEFINITION.sub(fix, text)


#: `D(x) W with D(x) = diag(...)`: a name defined with its argument
_ARGUMENT_DEFINITION = re.compile(rf"{_JOIN}([A-Za-z])\s*\(\s*([a-z])\s*\)\s*(?::=|=)")


def argument_definitions(text: str, protected: frozenset[str]) -> str:
    """`D(x) W with D(x) = diag(1[W x + b > 0])`: `D(x)` is the name D (that its value
    depends on x is what it says), when the argument is one of the question's names."""
    match = _ARGUMENT_DEFINITION.search(text)
    if match is None or match.group(2) not in protected or match.group(1) in protected:
        return text
    name, argument = match.group(1), match.group(2)
    return re.sub(rf"(?<![\w\\]){name}\s*\(\s*{argument}\s*\)", name, text)


#: `where σ = relu`, `avec σ la ReLU`: the activation named after the answer
_ACTIVATION_NAMED = re.compile(
    rf"{_JOIN}(σ|\\sigma|sigma|φ|\\phi|phi|f|g)\s*(?:=\s*|\s+is\s+|\s+est\s+|\s+)(?:the\s+|la\s+|le\s+)?"
    r"relu(?:\s+function|\s+fonction)?\s*(?=[,;]|$)",
    re.IGNORECASE,
)


def activation_named(text: str, protected: frozenset[str]) -> str:
    """`diag(σ'(a)) W where σ = relu`: σ' is the step (heaviside), σ is relu."""
    match = _ACTIVATION_NAMED.search(text)
    if match is None or match.group(1) in protected:
        return text
    name = re.escape(match.group(1))
    text = text[: match.start()] + text[match.end() :]
    prime = r"\s*(?:'|′|\^\{?\s*(?:'|′|\\prime)\s*\}?)\s*\("
    text = re.sub(rf"(?<![\w\\]){name}{prime}", "heaviside(", text)
    return re.sub(rf"(?<![\w\\]){name}\s*\(", "relu(", text)


#: `W (= transpose de W^T)`: a restatement in brackets at the end, one more side of the
#: equation (every side is checked)
RESTATED_BRACKET = re.compile(r"\s*\(\s*=\s*([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
#: `1 if a > 0 else 0`, `1 si a > 0, sinon 0`: the indicator `1[a > 0]`
CASES_ONE = re.compile(
    r"(?<![\w.])1\s+(?:if|si)\s+([^,;<>≤≥]{1,80}[<>≤≥][^,;<>≤≥]{1,80}?)\s*,?\s+"
    r"(?:else|otherwise|sinon)\s+0(?![\w.])"
)
#: `J_{i,:}`, `J[i, :]`, `W_{i:}`: row i of a matrix
_ROW_OF = r"([A-Za-z])\s*(?:_\{\s*([a-z])\s*,?\s*:\s*\}|\[\s*([a-z])\s*,\s*:\s*\])"
_ROW_EQUATION = re.compile(rf"^\s*(?:{_ROW_OF}\s*=\s*)?(.+?)\s*$", re.DOTALL)
_ROW_CASES = re.compile(
    rf"^{_ROW_OF}\s+(?:if|si)\s+(.+?)\s*,?\s+(?:else|otherwise|sinon)\s+0\s*$"
    rf"|^{_ROW_OF}\s+(?:if|si)\s+(.+?)\s*[,;]\s*0\s+(?:else|otherwise|sinon)\s*$",
    re.DOTALL,
)
_ROW_SCALED = re.compile(rf"^(.+?)\s*\*?\s*{_ROW_OF}\s*$|^{_ROW_OF}\s*\*?\s*(.+?)\s*$", re.DOTALL)


def _vector_of(entry: str, index: str, protected: frozenset[str]) -> str | None:
    """`w_i·x + b_i > 0` as the vector over i it is one entry of: `(W x) + b > 0`; None
    when an i is left (it is no entry of a vector over i)."""
    if "w" not in protected and "W" in protected:
        entry = _ROW.sub(
            lambda m: f"(W {m.group(3)})" if (m.group(1) or m.group(2)) == index else m.group(0),
            entry,
        )
    entry = re.sub(rf"\)\s*_(?:\{{{index}\}}|{index})(?![\w{{])", ")", entry)
    entry = re.sub(rf"(?<![A-Za-z\\_])([A-Za-z])_(?:\{{{index}\}}|{index})(?![\w{{])", r"\1", entry)
    if re.search(rf"_\s*(?:\{{[^{{}}]*{index}|{index})", entry):
        return None
    return entry


def row_cases(text: str, protected: frozenset[str]) -> str:
    """Row i given alone: `J_{i,:} = W_{i,:} if w_i·x + b_i > 0, else 0` is `J = diag(1[W x
    + b > 0]) W`, `J[i,:] = I(a_i > 0) W[i,:]` is `J = diag(I(a > 0)) W`: each row of a
    matrix of the question scaled by one entry of a vector over i."""
    parts = _segments_after(text)
    head, tail = parts
    equation = _ROW_EQUATION.match(head)
    if equation is None:
        return text
    name, left_index = equation.group(1), equation.group(2) or equation.group(3)
    right = equation.group(4)
    cases = _ROW_CASES.match(right)
    if cases is not None:
        groups = cases.groups()
        matrix, index, scale = (
            (groups[0], groups[1] or groups[2], f"1[{groups[3]}]")
            if groups[0]
            else (groups[4], groups[5] or groups[6], f"1[{groups[7]}]")
        )
    else:
        scaled = _ROW_SCALED.match(right)
        if scaled is None:
            return text
        g = scaled.groups()
        matrix, index, scale = (g[1], g[2] or g[3], g[0]) if g[1] else (g[4], g[5] or g[6], g[7])
    if matrix not in protected or (name is not None and left_index != index):
        return text
    vector = _vector_of(scale, index, protected)
    if vector is None or not vector.strip():
        return text
    answer = f"diag({vector}) {matrix}"
    return (f"{name} = {answer}" if name else answer) + tail


#: `∂h_i/∂x_j`, `dh_i/dx_j`, `\frac{\partial h_i}{\partial x_j}`: one entry of a Jacobian
_DERIVATIVE_ENTRY = re.compile(
    r"\s*(?:∂|d|\\partial\s*)\s*[A-Za-z]_\{?([a-z])\}?\s*/\s*(?:∂|d|\\partial\s*)\s*[A-Za-z]_\{?([a-z])\}?\s*"
    r"|\s*\\frac\s*\{\s*\\partial\s*[A-Za-z]_\{?([a-z])\}?\s*\}\s*"
    r"\{\s*\\partial\s*[A-Za-z]_\{?([a-z])\}?\s*\}\s*"
)


def entry_of_matrix(text: str, protected: frozenset[str]) -> str:
    """`J_{ij} = W_{ij}`, `∂h_i/∂x_j = W_ij`: the answer given entry by entry, as one entry
    of a matrix of the question with the same free indices: that matrix (`W_ji`: its
    transpose). Left as typed for any other right side (`elementwise` reads `(W^t)_{ij}`)."""
    sides = split_sides(text)
    if len(sides) != 2:
        return text
    right = _ENTRY.fullmatch(sides[1].strip())
    if right is None or right.group(1) not in protected:
        return text
    entry = _ENTRY.fullmatch(sides[0].strip())
    derivative = None if entry is not None else _DERIVATIVE_ENTRY.fullmatch(sides[0])
    if entry is not None:
        left, name = _entry_indices(entry), f"{entry.group(1)} = "
    elif derivative is not None:
        groups = derivative.groups()
        left, name = (groups[0] or groups[2], groups[1] or groups[3]), ""
    else:
        return text
    column, row = _entry_indices(right)[::-1]
    if left[0] == left[1]:
        return text
    if (row, column) == left:
        return f"{name}{right.group(1)}"
    if (column, row) == left:
        return f"{name}{right.group(1)}^T"
    return text


#: `J_{ij}`, `J_{i,j}`, `J_ij`, `J[i, j]`: one entry of a matrix
_ENTRY = re.compile(
    r"(?<![A-Za-z\\_])([A-Za-z])\s*(?:_\{\s*([a-z])\s*,?\s*([a-z])\s*\}|_([a-z])([a-z])(?![\w{])"
    r"|\[\s*([a-z])\s*,\s*([a-z])\s*\])"
)


def entries_as_rows(text: str, protected: frozenset[str]) -> str:
    """`J_{ij} = 1[w_i^T x + b_i > 0] W_{ij}`, `J_ij = W_ij if ... else 0`: an entry of
    the answer given by the same entry of a matrix of the question, scaled by a function
    of the row alone. Column j said nowhere else, it is the whole row: `J_{i,:} = ...
    W_{i,:}`, read by `row_cases`. Left as typed when j is used in the scale (`1[a_j >
    0] W_{ij}` scales columns), the entries differ, or no row scale is read."""
    found = list(_ENTRY.finditer(text))
    if len(found) != 2 or text[: found[0].start()].strip():
        return text
    pairs = {_entry_indices(m) for m in found}
    if len(pairs) != 1:
        return text
    row, column = pairs.pop()
    left, matrix = found[0], found[1]
    if row == column or matrix.group(1) not in protected:
        return text
    if not text[left.end() :].lstrip().startswith("="):
        return text
    rest = text[: left.start()] + text[left.end() : matrix.start()] + text[matrix.end() :]
    if re.search(rf"(?<![A-Za-z\\]){column}(?![A-Za-z])", rest):
        return text
    if not re.search(rf"(?:_\{{?|\[)\s*{row}(?![A-Za-z])", rest):
        return text  # the scale says nothing of row i (`J_{ij} = W_{ij} donc J = W`)
    rows = (
        f"{left.group(1)}_{{{row},:}}"
        + text[left.end() : matrix.start()]
        + f"{matrix.group(1)}_{{{row},:}}"
        + text[matrix.end() :]
    )
    read = row_cases(rows, protected)
    return text if read == rows else read  # `J_{ij} = W_{ij}`: `elementwise`'s


def _entry_indices(match: re.Match[str]) -> tuple[str, str]:
    groups = match.groups()[1:]
    return next((groups[k], groups[k + 1]) for k in (0, 2, 4) if groups[k])


def _segments_after(text: str) -> tuple[str, str]:
    """The answer and the definitions after it (`, where a = ...`), split at the first
    top-level `where`/`avec`/`où`/`with` or `;`."""
    depth = depths(text)
    for match in re.finditer(r"\s*(?:[,;]\s*)?(?<!\w)(?:where|with|avec|où)(?!\w)", text):
        if not depth[match.start()]:
            return text[: match.start()], text[match.start() :]
    return text, ""


#: `w_i^T x`, `w_i·x`, `w_i^\top x`, `⟨w_i, x⟩`: the i-th row of W times x.
_ROW = re.compile(
    r"(?<![A-Za-z\\_])w_(?:\{([a-z])\}|([a-z]))\s*(?:\^\s*\{?\s*(?:T|\\top|⊤)\s*\}?|·|\\cdot|\.)"
    r"\s*([A-Za-z])(?![\w{])"
)


def rows_named(text: str, protected: frozenset[str]) -> str:
    """`1[w_i^T x + b_i > 0]`: a row of W by its own name, one entry of a vector over
    i; read as the vector, `W x + b`, when w is no symbol and W, x, b are."""
    if "w" in protected or "W" not in protected:
        return text
    matches = list(_ROW.finditer(text))
    if not matches:
        return text
    letters = {m.group(1) or m.group(2) for m in matches}
    if len(letters) != 1 or any(m.group(3) not in protected for m in matches):
        return text
    index = letters.pop()
    if re.search(rf"(?:sum|prod|Σ|∑)\s*_\s*\{{?[^}}]*{index}", text):
        return text  # i is bound by a sum: an entry, not a vector
    text = _ROW.sub(lambda m: f"(W {m.group(3)})", text)
    # the other entries of the same vector: `b_i` is b
    return re.sub(
        rf"(?<![A-Za-z\\_])([A-Za-z])_(?:\{{{index}\}}|{index})(?![\w{{])",
        lambda m: m.group(1) if m.group(1) in protected else m.group(0),
        text,
    )
