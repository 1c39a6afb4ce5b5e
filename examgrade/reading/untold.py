"""Math typed by students who were never told the notation (issue 12, third blind set):
numpy-like code (`W @ x`, `W.T`, `np.linalg.matrix_power(W, t)`, `x[k]`, a generator
`sum(... for k in range(1, t+1))`), words for operators (`plus`, `fois`, `the sum over k
from 1 to t of`, `la norme de Frobenius de W au carré`), indicators (`I(a > 0)`, `H(a)`
with `H` the Heaviside function), and commentary after the answer (`, since ...`,
`, où x̃ ∼ P_g`). Each rewrite turns text into the language's own notation; none
evaluates anything, and every one is a bounded pass over text of at most `MAX_TEXT`
characters (a rewrite whose pieces cannot be found leaves the text as typed). What a
rewrite produces is still judged numerically: a wrong answer stays wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from examgrade.reading import MAX_TEXT, call_arguments, depths, fold, split_sides, words
from examgrade.reading.languages import julia, mathematica
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
    if _CAPS.search(text):
        text = _CAPS.sub(lambda m: _caps_text(m, protected), text)
    if "∥" in text or "avg(" in text or "|_F" in text:
        text = text.replace("∥", "‖").replace("avg(", "mean(")
        text = _SINGLE_BARS.sub(r"‖\1‖", text)
    if "Π" in text or "∏" in text or "⋯" in text or "dots" in text:
        text = _PI.sub("prod", text)
        text = _ELLIPSIS_WORDS.sub("...", text)
    low = text.lower()
    if "lam" in low or "logistic" in low or ".." in text or "…" in text or "{" in text:
        text = _spellings(text, protected)
    if "(" in text and (" x " in text or "×" in text or "times" in text or " by " in text):
        text = _SHAPE_REMARK.sub("", text)
    if "," in text or ";" in text or "≠" in text or "!=" in text or "neq" in text:
        text = _commentary(text)
    if (
        "@" in text
        or "[" in text
        or "." in text
        or ":" in text
        or "**" in text
        or "sum(" in text
        or any(w in low for w in ("range", "einsum", "matrix_power"))
    ):
        text = _code(text, protected)
    if "^" in text and "_" in text and ("T" in text or "top" in text or "⊤" in text):
        text = _one_index_slices(text, protected)  # `y^T W_i z`
    if any(w in low for w in ("eaviside", "chelon", "step", "indicat")):
        text = _heaviside_named(text, protected)
    if "I(" in text or "H(" in text or "1(" in text or "𝟙(" in text:
        text = _indicators(text, protected)
    if " if " in text or " si " in text:
        text = _CASES_ONE.sub(lambda m: f"1[{m.group(1)}]", text)
    if text[:1].isalpha() and (
        " is " in text or " est " in text or "equal" in low or "gal" in low or "vaut" in low
    ):
        text = statement(text, protected)  # `the Jacobian of h(x) = Wx w.r.t. x is W`
        low = text.lower()
    said = _SPOKEN_GATE.search(low) is not None
    if said:
        text = spoken(text, protected)
    if _WORD_GATE.search(low):
        text = quotients(_words(text))
    elif said:
        text = quotients(text)
    if text[:1].isalpha() and "=" in text:
        text = statement(text, protected, verb_words=False)  # `... par rapport à x = W`
    if text[:1].isalpha() and " " in text:
        text = _leading_prose(text, protected)
    if "=" in text and "_" in text:
        text = _indexed_definitions(text, protected)
        text = _elementwise(text)
    if "(" in text and "=" in text:
        text = _argument_definitions(text, protected)
    if "relu" in low:
        text = _activation_named(text, protected)
    if ":" in text:
        text = _LABEL.sub("", text, count=1)
    if "=" in text and ("_" in text or "[" in text):
        text = _entry_of_matrix(text, protected)  # `∂h_i/∂x_j = W_ij`
        text = _entries_as_rows(text, protected)  # `J_{ij} = 1[a_i > 0] W_{ij}`
    if ":" in text or " if " in text or " si " in text:
        text = _row_cases(text, protected)
    if "(=" in text or "( =" in text:
        text = _RESTATED_BRACKET.sub(r" = \1", text)
    if "w_" in text:
        text = _rows(text, protected)
    return text


#: `J_{ij} = (W^t)_{ij}`: an equation between entries, both sides indexed alike.
_ENTRYWISE = re.compile(
    r"^\s*([A-Za-z]\w*)_(?:\{([a-z]{1,3})\}|([a-z]))\s*=\s*\((.+)\)_(?:\{([a-z]{1,3})\}|([a-z]))\s*$",
    re.DOTALL,
)


def _elementwise(text: str) -> str:
    """`J_{ij} = (W^t)_{ij}` is `J = W^t`: the same entry of both sides."""
    match = _ENTRYWISE.match(text)
    if match is None or (match.group(2) or match.group(3)) != (match.group(5) or match.group(6)):
        return text
    inner = match.group(4)
    if _closing(f"({inner})", 0) != len(inner) + 1:
        return text  # `(a)(b)_{ij}`: the index is not on one bracket
    return f"{match.group(1)} = ({inner})"


#: `rows of W masked: J = ...`, `réponse : ...`: words and a colon before the math
_LABEL = re.compile(r"^\s*(?:[^\W\d_]+['’]?\s+){0,6}[^\W\d_]{3,}\s*:\s+(?=\S)")
_JOIN = r"(?:[,;]\s*(?:(?:where|with|avec|où|and|et)\s+)?|\s+(?:where|with|avec|où)\s+)"
#: `, m_i = 1 if ... else 0`: one entry of a vector the answer names, defined after it
_INDEXED_DEFINITION = re.compile(
    rf"({_JOIN})([A-Za-z])_(?:\{{([a-z])\}}|([a-z]))\s*(?::=|=)\s*((?:[^,;]|,\s*(?:else|otherwise|sinon)\b)+?)"
    r"(?=\s*(?:[,;]|\s(?:where|with|avec|où)\s|$))"
)


def _indexed_definitions(text: str, protected: frozenset[str]) -> str:
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
        meaning = _CASES_ONE.sub(lambda m: f"1[{m.group(1)}]", match.group(5))
        vector = _vector_of(meaning, index, protected)
        if vector is None:
            return match.group(0)
        return f"{join}{name} = {vector}"

    return _INDEXED_DEFINITION.sub(fix, text)


#: `D(x) W with D(x) = diag(...)`: a name defined with its argument
_ARGUMENT_DEFINITION = re.compile(rf"{_JOIN}([A-Za-z])\s*\(\s*([a-z])\s*\)\s*(?::=|=)")


def _argument_definitions(text: str, protected: frozenset[str]) -> str:
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


def _activation_named(text: str, protected: frozenset[str]) -> str:
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
_RESTATED_BRACKET = re.compile(r"\s*\(\s*=\s*([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
#: `1 if a > 0 else 0`, `1 si a > 0, sinon 0`: the indicator `1[a > 0]`
_CASES_ONE = re.compile(
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


def _row_cases(text: str, protected: frozenset[str]) -> str:
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


def _entry_of_matrix(text: str, protected: frozenset[str]) -> str:
    """`J_{ij} = W_{ij}`, `∂h_i/∂x_j = W_ij`: the answer given entry by entry, as one entry
    of a matrix of the question with the same free indices: that matrix (`W_ji`: its
    transpose). Left as typed for any other right side (`_elementwise` reads `(W^t)_{ij}`)."""
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


def _entries_as_rows(text: str, protected: frozenset[str]) -> str:
    """`J_{ij} = 1[w_i^T x + b_i > 0] W_{ij}`, `J_ij = W_ij if ... else 0`: an entry of
    the answer given by the same entry of a matrix of the question, scaled by a function
    of the row alone. Column j said nowhere else, it is the whole row: `J_{i,:} = ...
    W_{i,:}`, read by `_row_cases`. Left as typed when j is used in the scale (`1[a_j >
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
    read = _row_cases(rows, protected)
    return text if read == rows else read  # `J_{ij} = W_{ij}`: `_elementwise`'s


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


def _rows(text: str, protected: frozenset[str]) -> str:
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
_SHAPE_REMARK = re.compile(
    r"\s*\(\s*[A-Za-z]\s*(?:x|×|\\times|by)\s*[A-Za-z]\s*(?:matrix|matrice)?\s*\)\s*$"
)


#: `LAMBDA`, `SUM`, `TRANSPOSE`: a word of the notation typed in capitals (caps lock, or
#: emphasis); only these words, never a question's own name.
_CAPS = re.compile(r"(?<![A-Za-z\\])[A-Z]{3,9}(?![A-Za-z])")
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


def _caps_text(match: re.Match[str], protected: frozenset[str]) -> str:
    word = match.group()
    low = word.lower()
    return low if low in _CAPS_WORDS and word not in protected else word


#: `|W|_F`: the Frobenius norm with single bars (one letter inside: no absolute value has
#: an F index)
_SINGLE_BARS = re.compile(r"(?<![|‖])\|([A-Za-z])\|(?=_F)")
#: `Π_{k=1}^t W`, `∏_k`: the product sign typed as a Greek capital
_PI = re.compile(r"(?<![\w\\])[Π∏]\s?(?=_)")
_ELLIPSIS_WORDS = re.compile(r"\\(?:cdots|ldots|dots)\b|⋯")
#: `W·W·…·W (t times)`, `W W ... W (t fois)`: t copies of W multiplied, W^t (the count as
#: said; `(t-1 times)` is W^{t-1})
_COUNT = r"[A-Za-z0-9]\w{0,3}(?: {0,3}[-+] {0,3}\d{1,3})?"
_TIMES_SIGN = r"(?:[ ·*⋅×]|\\cdot|\\times)"
_COPIES = re.compile(
    rf"(?<![\w\\])([A-Za-z])(?:{_TIMES_SIGN}{{0,6}}\1){{0,3}}{_TIMES_SIGN}{{0,6}}(?:…|\.\.\.?)"
    rf"{_TIMES_SIGN}{{0,6}}\1 {{0,3}}(?:(\()|,) {{0,3}}({_COUNT})"
    r" {1,3}(?:times|fois|copies|factors|facteurs)(?(2)\s?\)|(?![\w(]))"
)


def _spellings(text: str, protected: frozenset[str]) -> str:
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


# ---- commentary after the answer ----------------------------------------------------------

#: `, since ∇D = w so ...`, `, où x̃ ∼ P_g et x ∼ P_r`, `, because ...`: a reason or the
#: distributions, after the answer; not a value.
_COMMENT = re.compile(
    r"[,;]\s*(?:since|because|as\s+|car|puisque|parce\s+que|where\s+[^=]*[∼~]|"
    r"où\s+[^=]*[∼~]|with\s+[^=]*[∼~]|avec\s+[^=]*[∼~])",
    re.IGNORECASE,
)
#: `(w ≠ 0)`: a condition after the answer
_CONDITION = re.compile(r"\s*\(\s*[A-Za-z\\{}‖|]+\s*(?:≠|!=|\\neq)\s*0\s*\)\s*$")
#: `, t >= 1`, `; for t ≥ 1`, `, pour tout t ≥ 1`: the range the answer holds on, after a
#: comma (untold round 6; in brackets it was read already)
_RANGE_AFTER = re.compile(
    r"\s*[,;]\s*(?:(?:for|pour|when|quand|si)\s+(?:(?:all|any|every|tout)\s+)?)?"
    r"[A-Za-z](?:_\w)?\s*(?:>=|≥|\\geq?|>|<=|≤|\\leq?|<)\s*[\w{}\\]{1,8}\s*\.?\s*$"
)


def _commentary(text: str) -> str:
    if "≠" in text or "!=" in text or "neq" in text:
        text = _CONDITION.sub("", text)
    if "=" in text or "<" in text or ">" in text or "≥" in text or "≤" in text or "\\" in text:
        range_after = _RANGE_AFTER.search(text)
        if range_after is not None and not depths(text)[range_after.start()]:
            text = text[: range_after.start()]
    match = _COMMENT.search(text)
    if match is None:
        return text
    depth = depths(text)
    for match in _COMMENT.finditer(text):
        if match.start() and not depth[match.start()]:
            return text[: match.start()].rstrip()
    return text


# ---- numpy-like code ----------------------------------------------------------------------

#: `x_g.mean(0)`, `mean(x, axis=0)`: the mean of a batch of samples, E[x_g]
_MEAN_METHOD = re.compile(
    r"(?<![\w.])([A-Za-z]\w*)\.mean\(\s*(?:0|axis\s*=\s*0)?\s*\)"
    r"|(?<![\w.])mean\(\s*([A-Za-z]\w*)\s*(?:,\s*(?:axis\s*=\s*)?0\s*)?\)"
)
_LIBRARY = re.compile(r"\b(?:np|numpy|torch|jnp|math)\.(?:linalg\.)?")
_ASTYPE = re.compile(r"\.astype\(\s*[\w.]*\s*\)|\.float\(\)|\.double\(\)")
_DOT_T = re.compile(r"(?<=[\w)\]}])\.T\b")
_SLICED = re.compile(r"\[\s*:\s*,\s*(?:None|np\.newaxis|newaxis)\s*\]\s*(?:\*|⊙|\\odot)")


def _closing(text: str, opened: int) -> int | None:
    """Where the bracket opened at `opened` closes (its index), or None."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for at in range(opened, len(text)):
        ch = text[at]
        if ch in pairs:
            stack.append(pairs[ch])
        elif ch in ")]}":
            if not stack or stack.pop() != ch:
                return None
            if not stack:
                return at
    return None


def _calls(text: str, name: str, make: Callable[[list[str]], str | None]) -> str:
    """Every `name(...)` rewritten by `make` from its arguments (left as typed on None)."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\s*\(")
    at = 0
    for _ in range(20):
        match = pattern.search(text, at)
        if match is None:
            break
        close = _closing(text, match.end() - 1)
        if close is None:
            break
        made = make(call_arguments(text[match.end() : close]))
        if made is None:
            at = match.end()
            continue
        text = text[: match.start()] + made + text[close + 1 :]
        at = match.start() + len(made)
    return text


_GENERATOR = re.compile(r"^(.*)\sfor\s+([A-Za-z])\s+in\s+range\s*\((.*)\)\s*$", re.DOTALL)
_SQUARED = re.compile(r"^\(?\s*([A-Za-z]\w*)\s*\)?\s*(?:\*\*\s*2|\^\s*2|\^\{2\})$")
_COMPARISON = re.compile(r"[<>]|\\[gl]eq?\b|[≤≥]")


def _sum_call(args: list[str]) -> str | None:
    """`sum(body for k in range(a, b))` is sum_{k=a}^{b-1}; `sum(W**2)` is ‖W‖_F²."""
    if len(args) == 1:
        squared = _SQUARED.match(args[0])
        if squared:
            return f"||{squared.group(1)}||_F^2"
        generator = _GENERATOR.match(args[0])
        if generator is None:
            return None
        body, index, bounds = generator.groups()
        limits = call_arguments(bounds)
        if len(limits) == 1:
            low, high = "0", limits[0]
        elif len(limits) == 2:
            low, high = limits
        else:
            return None
        return f"sum_{{{index}={low}}}^{{{high}-1}} ({body.strip()})"
    if len(args) == 2 and _GENERATOR.match(args[0] + ", " + args[1]):
        return _sum_call([args[0] + ", " + args[1]])
    # Maple `sum(body, k=1..t)`, Maxima `sum(body, k, 1, t)` (untold round 6)
    maple = _MAPLE_RANGE.fullmatch(args[1]) if len(args) == 2 else None
    if maple is not None:
        return f"sum_{{{maple.group(1)}={maple.group(2)}}}^{{{maple.group(3)}}} ({args[0]})"
    if len(args) == 4 and re.fullmatch(r"[A-Za-z]", args[1]) and args[2] and args[3]:
        return f"sum_{{{args[1]}={args[2]}}}^{{{args[3]}}} ({args[0]})"
    return None


_MAPLE_RANGE = re.compile(r"([A-Za-z])\s*=\s*([^.]{1,12}?)\s*\.\.\s*(\S.{0,11})")


def _code(text: str, protected: frozenset[str]) -> str:
    if "np." in text or "numpy." in text or "torch." in text or "math." in text:
        text = _LIBRARY.sub("", text)
    if "mean" in text:
        text = _MEAN_METHOD.sub(lambda m: f"E[{m.group(1) or m.group(2)}]", text)
    if "'fro'" in text or '"fro"' in text:
        text = re.sub(r"""(?:ord\s*=\s*)?['"]fro['"]""", "F", text)
    if ".sum()" in text:
        text = _method_sum(text)
    if "where(" in text:
        text = _calls(text, "where", _where)
    if "matrix_power" in text:
        text = _calls(
            text, "matrix_power", lambda a: f"({a[0]})^{{{a[1]}}}" if len(a) == 2 else None
        )
    if "range" in text or "**" in text or "square" in text or ("sum(" in text and "," in text):
        text = _calls(text, "sum", _sum_call)
    if (
        ".astype" in text
        or ".float()" in text
        or ".double()" in text
        or "* 1" in text
        or "*1" in text
    ):
        text = _casts(text)
    if ".T" in text:
        text = _DOT_T.sub("^T", text)
    if "@" in text:
        text = text.replace("@", " ")
    if "einsum" in text:
        text = _calls(text, "einsum", lambda a: _einsum(a, protected))
    if "[" in text:
        text = _broadcast(text)
        text = _index_brackets(text, protected)
    if ":" in text:
        text = _bilinear_slices(text, protected)
    return text


_SPEC = re.compile(r"^[\"']\s*([a-z]+(?:\s*,\s*[a-z]+)*)\s*->\s*([a-z]*)\s*[\"']$")


def _einsum(args: list[str], protected: frozenset[str]) -> str | None:
    """`einsum("ijk,i,j->k", W, x, y)` is `sum_{i,j} W_{ijk} x_i y_j`: the letters the
    output keeps are free, the others summed; every operand a name of the question."""
    # the spec's own commas split it: joined again up to its closing quote
    while len(args) > 1 and not re.search(r"[\"']$", args[0]):
        args = [f"{args[0]},{args[1]}", *args[2:]]
    spec = _SPEC.match(args[0]) if args else None
    if spec is None:
        return None
    inputs = [s.strip() for s in spec.group(1).split(",")]
    operands = args[1:]
    if len(inputs) != len(operands) or any(o not in protected for o in operands):
        return None
    free = spec.group(2)
    bound = sorted({c for s in inputs for c in s} - set(free))
    factors = " ".join(f"{o}_{{{s}}}" for o, s in zip(operands, inputs, strict=True))
    if not bound:
        return f"({factors})"
    return f"(sum_{{{','.join(bound)}}} {factors})"


#: `x^T W_{:,:,k} y`, `x^T W[:, j, :] z`: a bilinear form with a slice of a 3-way W.
_SLICE_FORM = re.compile(
    r"([A-Za-z])\s*\^\s*\{?\s*(?:T|\\top|⊤)\s*\}?\s*([A-Za-z])\s*(?:_\{|\[)"
    r"\s*([a-z:])\s*,?\s*([a-z:])\s*,?\s*([a-z:])\s*(?:\}|\])\s*([A-Za-z])(?![\w{])"
)
_AXES = "ijk"
#: `y^T W_i z`: the 3-way W by one index, the other two left open (untold round 6)
_ONE_INDEX_FORM = re.compile(
    r"([A-Za-z])\s*\^\s*\{?\s*(?:T|\\top|⊤)\s*\}?\s*([A-Za-z])\s*_\s*(?:\{\s*([ijk])\s*\}|([ijk]))"
    r"\s*([A-Za-z])(?![\w{])"
)


def _one_index_slices(text: str, protected: frozenset[str]) -> str:
    """`y^T W_i z` as `y^T W_{i,:,:} z` (the index's letter says its axis: i, j, k are the
    course's), read by `_bilinear_slices`; left as typed when that reads nothing."""

    def slots(match: re.Match[str]) -> str:
        letter = match.group(3) or match.group(4)
        axes = ",".join(letter if c == letter else ":" for c in _AXES)
        return f"{match.group(1)}^T {match.group(2)}_{{{axes}}} {match.group(5)}"

    sliced = _ONE_INDEX_FORM.sub(slots, text)
    if sliced == text:
        return text
    read = _bilinear_slices(sliced, protected)
    return text if ":" in read else read


def _bilinear_slices(text: str, protected: frozenset[str]) -> str:
    """`x^T W_{:,:,k} y` is `sum_{i,j} x_i W_{ijk} y_j`: the two `:` of the slice take the
    letters of their axes (i, j, k: the course's), the left vector the first, the right
    the second."""

    def fix(match: re.Match[str]) -> str:
        left, tensor, *slots, right = match.groups()
        if any(n not in protected for n in (left, tensor, right)):
            return match.group(0)
        open_axes = [i for i, slot in enumerate(slots) if slot == ":"]
        if len(open_axes) != 2:
            return match.group(0)
        letters = [slot if slot != ":" else _AXES[i] for i, slot in enumerate(slots)]
        if len(set(letters)) != 3 or any(c not in protected for c in letters):
            return match.group(0)
        a, b = (_AXES[i] for i in open_axes)
        return f"(sum_{{{a},{b}}} {left}_{{{a}}} {tensor}_{{{''.join(letters)}}} {right}_{{{b}}})"

    return _SLICE_FORM.sub(fix, text)


def _times_one(text: str) -> re.Match[str] | None:
    """`(a > 0) * 1.0`: a comparison times one, numpy's way of casting it."""
    for match in _TIMES_ONE.finditer(text):
        if match.start() and text[match.start() - 1] == ")":
            opened = _opening(text, match.start() - 1)
            if opened is not None and _COMPARISON.search(text[opened : match.start()]):
                return match
    return None


def _method_sum(text: str) -> str:
    """`(W**2).sum()`, `W.sum()`: numpy's method is the function `sum(...)`."""
    for _ in range(8):
        at = text.find(".sum()")
        if at <= 0:
            break
        if text[at - 1] == ")":
            opened = _opening(text, at - 1)
            if opened is None:
                break
            start, inner = opened, text[opened + 1 : at - 1]
        else:
            name = re.search(r"[A-Za-z]\w*$", text[:at])
            if name is None:
                break
            start, inner = name.start(), name.group(0)
        text = f"{text[:start]}sum({inner}){text[at + len('.sum()') :]}"
    return text


def _where(args: list[str]) -> str | None:
    """`np.where(a > 0, 1, 0)` is the indicator `1[a > 0]`."""
    if len(args) == 3 and _COMPARISON.search(args[0]):
        one, zero = (a.rstrip(".0") or "0" for a in args[1:])
        if (one, zero) == ("1", "0") or (
            args[1].strip() in ("1", "1.0", "1.") and args[2].strip() in ("0", "0.0", "0.")
        ):
            return f"1[{args[0]}]"
    return None


_TIMES_ONE = re.compile(r"\s*\*\s*1(?:\.0?)?(?![\w.])")


def _casts(text: str) -> str:
    """`(a > 0).astype(float)`: the cast of a comparison is its indicator `1[a > 0]`;
    any other cast changes nothing and goes."""
    for _ in range(8):
        match = _ASTYPE.search(text) or _times_one(text)
        if match is None:
            break
        end = match.start()
        opened = _opening(text, end - 1) if end and text[end - 1] == ")" else None
        inner = text[opened + 1 : end - 1] if opened is not None else ""
        if opened is not None and _COMPARISON.search(inner):
            text = f"{text[:opened]}1[{inner}]{text[match.end() :]}"
        else:
            text = text[:end] + text[match.end() :]
    return text


def _broadcast(text: str) -> str:
    """`v[:, None] * W` scales the rows of W by v: `diag(v) W` (a comparison `(a > 0)`
    as its indicator)."""
    for _ in range(8):
        match = _SLICED.search(text)
        if match is None:
            break
        end = match.start()
        if end > 2 and text[end - 1] == "]":  # `1[a > 0][:, None]`: already an indicator
            opened = _opening(text, end - 1)
            if opened is None or opened < 1 or text[opened - 1] != "1":
                break
            opened -= 1
            text = f"{text[:opened]}diag({text[opened:end]}) {text[match.end() :].lstrip()}"
            continue
        if end and text[end - 1] == ")":
            opened = _opening(text, end - 1)
            if opened is None:
                break
            inner = text[opened + 1 : end - 1]
        else:
            name = re.search(r"[A-Za-z]\w*$", text[:end])
            if name is None:
                break
            opened, inner = name.start(), name.group(0)
        value = f"1[{inner}]" if _COMPARISON.search(inner) else inner
        text = f"{text[:opened]}diag({value}) {text[match.end() :].lstrip()}"
    return text


def _opening(text: str, closed: int) -> int | None:
    depth = 0
    for at in range(closed, -1, -1):
        depth += (text[at] in ")]}") - (text[at] in "([{")
        if depth == 0:
            return at
    return None


_INDEXED = re.compile(r"(?<![\w\\])([A-Za-z]\w*)\[([^\[\]:]{1,40})\]")


def _index_brackets(text: str, protected: frozenset[str]) -> str:
    """`x[k]` is `x_{k}`, `W[i, j]` is `W_{ij}`, for a name of the question."""

    def fix(match: re.Match[str]) -> str:
        name, inside = match.groups()
        if name not in protected:
            return match.group(0)
        parts = [p.strip() for p in inside.split(",")]
        if len(parts) > 1 and all(len(p) == 1 and p.isalpha() for p in parts):
            return f"{name}_{{{''.join(parts)}}}"
        if len(parts) == 1:
            return f"{name}_{{{parts[0]}}}"
        return match.group(0)

    return _INDEXED.sub(fix, text)


# ---- indicators ---------------------------------------------------------------------------

_HEAVISIDE_NAMED = re.compile(
    r"\s*[,;]?\s*(?:avec|où|ou|where|with|and|et)\s+([A-Za-z]\w*)\s+(?:is\s+|est\s+|=\s*)?(?:la\s+|the\s+|"
    r"une\s+|a\s+)?(?:fonction\s+(?:de\s+)?heaviside|heaviside(?:\s+step)?(?:\s+function)?|"
    r"step\s+function|fonction\s+[ée]chelon|indicatrice\s+de\s+\S+|indicator\s+of\s+\S+)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)


def _heaviside_named(text: str, protected: frozenset[str]) -> str:
    """`diag(H(a)) W, avec H la fonction de Heaviside`: H( is the step function."""
    match = _HEAVISIDE_NAMED.search(text)
    if match is None or match.group(1) in protected:
        return text
    head = text[: match.start()]
    if match.group(1).lower() in ("step", "heaviside"):
        return head  # the name already is the step function
    return re.sub(rf"(?<![\w\\]){match.group(1)}\s*\(", "heaviside(", head)


_INDICATOR_CALL = re.compile(r"(?<![\w\\])(I|H|1|𝟙)\s*\(")


def _indicators(text: str, protected: frozenset[str]) -> str:
    """`I(a > 0)`, `1(a > 0)` are the indicator `1[a > 0]`; `H(a)` is heaviside(a), when
    I and H are no names of the question."""
    if "(" not in text:
        return text
    at = 0
    for _ in range(8):
        match = _INDICATOR_CALL.search(text, at)
        if match is None:
            break
        name = match.group(1)
        close = _closing(text, match.end() - 1)
        if close is None or name in protected:
            at = match.end()
            continue
        inner = text[match.end() : close]
        if _COMPARISON.search(inner):
            made = f"1[{inner}]"
        elif name == "H":
            made = f"heaviside({inner})"
        else:
            at = match.end()
            continue
        text = text[: match.start()] + made + text[close + 1 :]
        at = match.start() + len(made)
    return text


# ---- words for operators ------------------------------------------------------------------

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


def _words(text: str) -> str:
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


# ---- words before the answer ---------------------------------------------------------------


@cache
def _math_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in words()["math_names"])


#: Words that may introduce an answer without changing it (folded): `la jacobienne est`,
#: `the difference of means`, `we get`, `answer:`. Any other word before the math (`not`,
#: `inverse of`, `twice`) leaves the text as typed.
_INTRODUCERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "it's",
        "its",
        "is",
        "are",
        "equals",
        "gives",
        "we",
        "get",
        "obtain",
        "have",
        "so",
        "thus",
        "hence",
        "then",
        "answer",
        "result",
        "final",
        "jacobian",
        "gradient",
        "penalty",
        "matrix",
        "difference",
        "of",
        "means",
        "expression",
        "just",
        "simply",
        "this",
        "that",
        "which",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "de",
        "des",
        "du",
        "d",
        "c'est",
        "est",
        "vaut",
        "donne",
        "on",
        "obtient",
        "trouve",
        "a",
        "donc",
        "ainsi",
        "reponse",
        "resultat",
        "jacobienne",
        "gradient",
        "penalite",
        "matrice",
        "difference",
        "moyennes",
        "expression",
        "juste",
        "simplement",
        "ce",
        "cela",
        "qui",
        "vaut",
        "egale",
        "egal",
    ]
)


def _leading_prose(text: str, protected: frozenset[str]) -> str:
    """`la jacobienne est diag(...) W`, `the difference of means E[x̃] - E[x] ...`: the
    words before the math, when every one of them is prose."""
    match = re.match(r"^\s*((?:[^\W\d_]+['’]?\s+){1,8})", text)
    if match is None:
        return text
    taken = match.group(1).split()
    prose = [w.strip("'’") for w in taken]
    if any(w in protected or w.lower() in _math_words() or len(w) == 1 for w in prose):
        # stop at the first word that is math
        kept = []
        for word in prose:
            if word in protected or word.lower() in _math_words() or len(word) == 1:
                break
            kept.append(word)
        if not kept:
            return text
        taken = taken[: len(kept)]
    if not any(len(w) >= 3 for w in taken):
        return text
    if any(fold(w.strip("'’")) not in _INTRODUCERS for w in taken):
        return text  # `inverse of W`, `not W`: words that change the value are no preamble
    rest = text[match.start(1) :]
    for word in taken:
        rest = rest[rest.index(word) + len(word) :]
    return rest.strip().lstrip(":").strip()
