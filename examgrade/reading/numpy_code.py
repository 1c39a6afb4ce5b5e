"""Math typed as code (untold notation): numpy-like `@`, `.T`, `np.`, `matrix_power`,
`x[k]`, a generator `sum(... for k in range(1, t+1))`, Maple's and Maxima's `sum`,
`einsum`, casts and broadcasts, slices of the 3-way W in a bilinear form."""

from __future__ import annotations

import re
from collections.abc import Callable

from examgrade.reading import call_arguments

#: `x_g.mean(0)`, `mean(x, axis=0)`: the mean of a batch of samples, E[x_g]
_MEAN_METHOD = re.compile(
    r"(?<![\w.])([A-Za-z]\w*)\.mean\(\s*(?:0|axis\s*=\s*0)?\s*\)"
    r"|(?<![\w.])mean\(\s*([A-Za-z]\w*)\s*(?:,\s*(?:axis\s*=\s*)?0\s*)?\)"
)
_LIBRARY = re.compile(r"\b(?:np|numpy|torch|jnp|math)\.(?:linalg\.)?")
_ASTYPE = re.compile(r"\.astype\(\s*[\w.]*\s*\)|\.float\(\)|\.double\(\)")
_DOT_T = re.compile(r"(?<=[\w)\]}])\.T\b")
_SLICED = re.compile(r"\[\s*:\s*,\s*(?:None|np\.newaxis|newaxis)\s*\]\s*(?:\*|⊙|\\odot)")


def closing(text: str, opened: int) -> int | None:
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
        close = closing(text, match.end() - 1)
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
COMPARISON = re.compile(r"[<>]|\\[gl]eq?\b|[≤≥]")


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


def code(text: str, protected: frozenset[str]) -> str:
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


def one_index_slices(text: str, protected: frozenset[str]) -> str:
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
            if opened is not None and COMPARISON.search(text[opened : match.start()]):
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
    if len(args) == 3 and COMPARISON.search(args[0]):
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
        if opened is not None and COMPARISON.search(inner):
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
        value = f"1[{inner}]" if COMPARISON.search(inner) else inner
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
