"""Rewrites of a math answer's text into the forms the grammar reads, each one a way
the course (and the feedback) writes: indices without braces (`W_ij`), a name the key
defines (`\\hat{w}`, the unit vector), an expectation written with its distribution
(`\\mathbb{E}_{x \\sim P_g}[x]`). Every rewrite takes its knowledge as arguments (the
context's shapes, the rubric's definitions and samples): nothing here knows the exam.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from examgrade.reading import MAX_TEXT, depths, fold, words

#: `W_ij`, `W_ijk` (not `W_{ij}`, `x_i`, `p_data`): a name, `_`, a run of letters.
_BARE_INDICES = re.compile(r"(?<![\\A-Za-z_])([A-Za-z]+)_([a-z]{2,4})(?![A-Za-z_{(])")
#: Letters bound by a sum or product (`sum_i`, `\sum_{j,k}`, `Σ_{ij}`).
_BOUND = re.compile(r"(?:\\?sum|\\?prod|Σ|∑|Π)\s*_\s*(?:\{([^{}]*)\}|([A-Za-z]))")


def brace_indices(text: str, arity: Mapping[str, int], indices: frozenset[str]) -> str:
    """`W_ij` as `W_{ij}`: only for a name that takes that many indices, each letter an
    index of the context or one a sum binds (`x_tilde`, `p_data` stay as they are)."""
    if "_" not in text or len(text) > MAX_TEXT or _BARE_INDICES.search(text) is None:
        return text
    bound = set(indices)
    for braced, single in _BOUND.findall(text):
        bound.update(c for c in (braced or single) if c.isalpha())

    def fix(match: re.Match[str]) -> str:
        name, letters = match.group(1), match.group(2)
        if arity.get(name) == len(letters) and all(c in bound for c in letters):
            return f"{name}_{{{letters}}}"
        return match.group(0)

    return _BARE_INDICES.sub(fix, text)


#: `x(k)`, `h(0)`, `x(t-k)`: an index written as an argument (untold round 6)
_CALL_INDEX = re.compile(
    r"(?<![\w\\])([A-Za-z])\s*\(\s*([a-z](?:\s*[-+]\s*(?:[a-z]|\d{1,2}))?|\d{1,2})\s*\)"
)


def call_indices(text: str, arity: Mapping[str, int], indices: frozenset[str]) -> str:
    """`h(0)` as `h_0` when `h_0` is a name of the question, `x(k)`, `x(t-k)` as `x_{k}`,
    `x_{t-k}` when x takes one index and every letter in the brackets is an index of the
    context, one a sum binds, or a scalar of the question (`t`): a sequence indexed the
    way functions of time are written. Any other call is left as typed (`h(x)`, `σ(a)`)."""
    if "(" not in text or len(text) > MAX_TEXT or _CALL_INDEX.search(text) is None:
        return text
    bound = set(indices) | {name for name, n in arity.items() if n == 0 and len(name) == 1}
    for braced, single in _BOUND.findall(text):
        bound.update(c for c in (braced or single) if c.isalpha())

    def fix(match: re.Match[str]) -> str:
        name, index = match.group(1), "".join(match.group(2).split())
        if f"{name}_{index}" in arity:
            return f"{name}_{index}"
        letters = [c for c in index if c.isalpha()]
        if arity.get(name) == 1 and letters and all(c in bound for c in letters):
            return f"{name}_{{{index}}}"
        return match.group(0)

    return _CALL_INDEX.sub(fix, text)


_DECORATED = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304"}


def _spellings(name: str) -> list[str]:
    """How a decorated name may be typed: `w_hat`, `\\hat{w}`, `\\hat w`, `\\widehat{w}`, `ŵ`."""
    base, _, mark = name.partition("_")
    if mark not in _DECORATED or not base:
        return [name]
    return [
        f"\\wide{mark}{{{base}}}",
        f"\\{mark}{{{base}}}",
        f"\\{mark} {base}",
        f"{base}{_DECORATED[mark]}",
        name,
    ]


def define(text: str, definitions: Mapping[str, str]) -> str:
    """Names the rubric defines replaced by their definition in brackets
    (`\\hat{w}` is `(w/||w||)` when the key says ŵ = w/‖w‖)."""
    if len(text) > MAX_TEXT:
        return text
    for pattern, meaning in _definition_patterns(tuple(sorted(definitions.items()))):
        if pattern.search(text):
            text = pattern.sub(lambda _m, m=meaning: f"({m})", text)
    return text


@lru_cache(maxsize=32)
def _definition_patterns(items: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for name, meaning in items:
        alternatives = []
        for spelling in _spellings(name):
            pattern = re.escape(spelling)
            if spelling[-1].isalnum():
                pattern += r"(?![A-Za-z0-9_])"
            if spelling[0].isalpha():
                pattern = r"(?<![A-Za-z\\_])" + pattern
            alternatives.append(pattern)
        out.append((re.compile("|".join(alternatives)), meaning))
    return out


_EXPECT = re.compile(r"(\\mathbb\s*\{\s*E\s*\}|\\mathbb\s+E|\\operatorname\{E\}|𝔼|\bE)\s*_\s*")
_SIM = re.compile(r"\\sim|∼|~")


def _group(text: str, at: int) -> tuple[str, int] | None:
    """The `{...}` group (or one character) at `at`: its content and where it ends."""
    if at >= len(text):
        return None
    if text[at] != "{":
        match = re.match(r"[A-Za-z]\w*", text[at:])
        if match is None:
            return None
        return match.group(0), at + match.end()
    depth = 0
    for end in range(at, len(text)):
        depth += (text[end] == "{") - (text[end] == "}")
        if depth == 0:
            return text[at + 1 : end], end + 1
    return None


def _dist_key(text: str) -> str:
    """A distribution's name, folded: `P_{g}`, `\\mathbb{P}_g`, `p_g` are all `p_g`."""
    text = re.sub(r"\\(?:mathbb|mathcal|mathrm|text|operatorname)\s*", "", text)
    for char in "{}\\ _":
        text = text.replace(char, "")
    return fold(text)


def expectation_samples(text: str, samples: Mapping[str, list[str]]) -> str:
    """`E_{x \\sim P_g}[x]` as `E[x_tilde]` when the rubric says samples of P_g are
    `x_tilde`: the subscript names the distribution, so the bound variable inside the
    brackets, whatever it is called, is that distribution's sample. An expectation
    whose distribution is not one of `samples` is left as written."""
    if "_" not in text or not samples or len(text) > MAX_TEXT or not _EXPECT.search(text):
        return text
    lookup = _sample_lookup(tuple((name, tuple(dists)) for name, dists in samples.items()))
    out, at = [], 0
    for match in _EXPECT.finditer(text):
        if match.start() < at:
            continue
        group = _group(text, match.end())
        if group is None:
            continue
        subscript, end = group
        parts = _SIM.split(subscript, maxsplit=1)
        if len(parts) == 2:
            variable, dist = parts[0].strip(), parts[1].strip()
        else:
            variable, dist = "", subscript.strip()
        target = lookup.get(_dist_key(dist))
        if target is None:
            continue
        body_start = end
        while body_start < len(text) and text[body_start] == " ":
            body_start += 1
        opener = re.match(r"\\left\s*\[|\[|\\big\[|\\Big\[", text[body_start:])
        if opener is None:
            continue
        close = _closing(text, body_start + opener.end())
        if close is None:
            continue
        body = text[body_start + opener.end() : close[0]]
        names = {variable} if variable else set()
        names.update(samples)
        for name in samples:
            names.update(_spellings(name))
        body = _rename(body, {n for n in names if n}, target)
        out.append(text[at : match.start()])
        out.append(f"E[{body}]")
        at = close[1]
    out.append(text[at:])
    return "".join(out)


@lru_cache(maxsize=32)
def _sample_lookup(samples: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Each distribution's folded name -> its sample's name (the rubric's, built once)."""
    return {_dist_key(d): name for name, dists in samples for d in dists}


def _closing(text: str, start: int) -> tuple[int, int] | None:
    """Where the bracket opened just before `start` closes (`]` or `\\right]`)."""
    depth = 1
    at = start
    while at < len(text):
        if text.startswith("\\right]", at):
            depth -= 1
            if depth == 0:
                return at, at + len("\\right]")
            at += len("\\right]")
            continue
        ch = text[at]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return at, at + 1
        at += 1
    return None


def _rename(body: str, names: set[str], target: str) -> str:
    """Every one of `names` in `body`, as a whole name, replaced by `target`."""
    for name in sorted(names, key=len, reverse=True):
        pattern = re.escape(name)
        if name[-1].isalnum():
            pattern += r"(?![A-Za-z0-9_\u0300-\u036f])"
        if name[0].isalpha():
            pattern = r"(?<![A-Za-z\\_])" + pattern
        body = re.sub(pattern, target, body)
    return body


_MARKS = {"\u0303": "tilde", "\u0302": "hat", "\u0304": "bar"}
_MARKED = re.compile(r"([A-Za-z])([\u0302\u0303\u0304])")


def accents(text: str) -> str:
    """A letter with a combining or precomposed accent (`x̃`, `ŵ`) as the LaTeX the
    grammar reads (`\\tilde{x}`, `\\hat{w}`)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if not _MARKED.search(decomposed):
        return text
    marked = _MARKED.sub(lambda m: f"\\{_MARKS[m.group(2)]}{{{m.group(1)}}}", decomposed)
    made = unicodedata.normalize("NFC", marked)
    # `ŵ` is `\\hat{w}`: past MAX_TEXT the parser would count characters never typed
    return made if len(made) <= MAX_TEXT else text


@lru_cache(maxsize=1)
def _math_words() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {fold(k): str(v) for k, v in (words().get("math") or {}).items()}
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z\\])({alternatives})(?=\s*[_({{\[])", re.IGNORECASE), table


def math_words(text: str) -> str:
    """French names of the language's functions (`somme_{k=1}^t`, `sigmoïde(a)`) as its own."""
    if len(text) > MAX_TEXT:
        return text
    pattern, table = _math_words()
    folded = text.lower() if text.isascii() else fold(text)
    if not any(word in folded for word in table):
        return text
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return pattern.sub(lambda m: table[fold(m.group(1))], plain)


_SUB = dict(
    zip(
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼᵦᵧᵨᵩᵪ",
        "0123456789+-=()aeoxhklmnpstiruvjβγρφχ",
        strict=True,
    )
)
_SUP = dict(
    zip(
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ",
        "0123456789+-=()inabcdefghjklmoprstuvwxyzT",
        strict=True,
    )
)
_SCRIPT_RUN = re.compile("([" + "".join(_SUB) + "]+)|([" + "".join(_SUP) + "]+)")


def scripts(text: str) -> str:
    """Runs of Unicode sub- and superscripts as the grammar's `_{...}` and `^{...}`:
    `Σₖ₌₁ᵗ Wᵗ⁻ᵏ xₖ` is `Σ_{k=1}^{t} W^{t-k} x_{k}`. A run is one script, so `ᵗ⁻ᵏ` is
    the exponent t-k, never t times -k."""
    if text.isascii() or len(text) > MAX_TEXT or not _SCRIPT_RUN.search(text):
        return text

    def fix(match: re.Match[str]) -> str:
        if match.group(1):
            return "_{" + "".join(_SUB[c] for c in match.group(1)) + "}"
        return "^{" + "".join(_SUP[c] for c in match.group(2)) + "}"

    made = _SCRIPT_RUN.sub(fix, text)
    # `x²` is `x^{2}`: past MAX_TEXT the parser would count characters never typed
    return made if len(made) <= MAX_TEXT else text


#: A name an answer may define: `D`, `u_k`, `μ_g`, `\\hat{w}`, `\\mu_g`.
_DEFINED = re.compile(
    r"\s*(\\[A-Za-z]+\{[A-Za-z]\}|\\[A-Za-z]+(?:_\{\w+\}|_\w+)?"
    r"|[A-Za-z\u0370-\u03ff](?:_\{[\w,]+\}|_\w+)?)\s*(?::=|=|≡|\sis\s|\sest\s)\s*(\S.*)",
    re.DOTALL,
)


def _defined(part: str) -> re.Match[str] | None:
    """`part` read as `name = meaning`, a full stop and spaces at its end set aside in
    Python: a lazy meaning before `\\s*\\.?\\s*$` backtracked cubically on a run of
    spaces (1,900 of them took 14 s)."""
    part = part.rstrip()
    if part.endswith("."):
        part = part[:-1].rstrip()
    return _DEFINED.fullmatch(part)


#: Where definitions after the answer are split: top-level `,` `;` and the words that
#: introduce one (`where`, `with`, `avec`, `où`, `and`, `et`).
_JOINS = re.compile(r"\s*[,;]\s*(?:(?:where|with|avec|où|and|et)\s+)?|\s+(?:where|with|avec|où)\s+")
#: `relu′(a) = 1 if a > 0 else 0`: a function the answer defines as the step; its calls
#: are heaviside's.
_STEP_DEFINED = re.compile(
    r"\s*([A-Za-z]\w*['′]?)\s*\(\s*([A-Za-z])\s*\)\s*(?::=|=)\s*(?:1\s+if\s+(\w)\s*>=?\s*0"
    r"(?:\s*,)?\s+(?:else|otherwise|sinon)\s+0|1\[\s*(\w)\s*>=?\s*0\s*\]|1_\{\s*(\w)\s*>=?\s*0\s*\})"
    r"\s*\.?\s*$"
)
_MAX_DEFINITIONS = 6
#: `ŵ is the unit vector w/‖w‖`: the words before a meaning
_UNIT_WORDS = re.compile(
    r"^(?:(?:the|a|la|le|un|une)\s+)?(?:unit\s+vector|vecteur\s+unitaire|direction|"
    r"normali[sz]ed\s+vector|vecteur\s+normalis[ée])\s+",
    re.IGNORECASE,
)
#: `σ(u) = 1/(1+e^{-u})`, `where σ is the sigmoid`: the definition of a function the
#: language has, after the answer; a remark, never substituted
_KNOWN_FUNCTION = re.compile(
    r"\s*(?:σ|\\sigma|sigma|sigmoid|relu|ReLU|exp|tanh)\s*(?:\(\s*[A-Za-z]\s*\))?\s*"
    r"(?:=|\sis\s|\sest\s)\s*\S.*",
    re.DOTALL,
)


def _segments(text: str) -> list[tuple[int, int]]:
    """The spans of `text` between its top-level joins (`,`, `where`, ...)."""
    depth = depths(text)
    out, start = [], 0
    for match in _JOINS.finditer(text):
        if depth[match.start()] or (text[match.start()] != "," and depth[match.end() - 1]):
            continue
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return out


def _as_definitions(text: str, protected: frozenset[str]) -> dict[str, str] | None:
    """Every part of `text` read as `name = meaning`, or None when one is no definition
    (a name defined twice or by itself, or one of the question's own, is none)."""
    found: dict[str, str] = {}
    for start, end in _segments(text):
        match = _defined(text[start:end])
        if match is None:
            return None
        name, meaning = match.group(1), match.group(2)
        bare = _name_pattern(name)
        if name in protected or name in found or re.search(bare, meaning):
            return None
        found[name] = meaning
    return found or None


def _name_pattern(name: str) -> str:
    pattern = re.escape(name)
    if name[-1].isalnum() or name[-1] in "}_":
        pattern += r"(?![A-Za-z0-9_{\u0300-\u036f])"
    if name[0].isalpha():
        pattern = r"(?<![A-Za-z\\_])" + pattern
    return pattern


def definitions(text: str, known: frozenset[str] = frozenset()) -> str:
    """Names the answer defines after itself, replaced by their meaning in brackets:
    `2λ(‖w‖ − 1) ŵ (ŵ = w/‖w‖)` is `2λ(‖w‖ − 1) (w/‖w‖)`, `J = D W where D = diag(...)`
    is `J = (diag(...)) W`, `(μ_g = E[x̃], μ_r = E[x])` defines two names. Bounded: at
    most six definitions, each name once, substituted in one pass (a meaning is never
    read again, so nothing recurses); a definition that mentions its own name, or one
    of the question's own names (`known`), leaves the text as written."""
    if len(text) > MAX_TEXT or ("=" not in text and " is " not in text and " est " not in text):
        return text
    first = _JOINS.search(text)
    after = text[first.end() :] if first is not None else ""
    if not ("=" in after or " is " in after or " est " in after) and not text.rstrip().endswith(
        ")"
    ):
        return text  # no `name = ...` after a join, no bracket at the end: no definition
    found: dict[str, str] = {}
    head = text.rstrip()
    # a bracket at the end that holds only definitions: `... (μ_g = E[x̃], ŵ = w/‖w‖)`
    if head.endswith(")"):
        depth = depths(head)
        opened = max((i for i, c in enumerate(head) if c == "(" and not depth[i]), default=-1)
        if opened > 0:
            inner = head[opened + 1 : -1]
            inner = re.sub(r"^\s*(?:with|where|avec|où|ou)\s+", "", inner)
            defined = _as_definitions(inner, known)
            if defined is not None:
                found.update(defined)
                head = head[:opened].rstrip()
    # definitions after the answer, from the end: `J = M W, M = diag(...)`
    spans = _segments(head)
    steps: list[str] = []
    dropped = False
    while len(spans) > 1 and len(found) + len(steps) < _MAX_DEFINITIONS:
        start, end = spans[-1]
        part = head[start:end]
        step = _STEP_DEFINED.fullmatch(part)
        if step is not None and step.group(1) not in known:
            steps.append(step.group(1))
        elif _KNOWN_FUNCTION.fullmatch(part):
            dropped = True  # `σ(u) = 1/(1 + e^{-u})`: a function the language knows
        else:
            match = _defined(part)
            if match is None:
                break
            name, meaning = match.group(1), _UNIT_WORDS.sub("", match.group(2))
            pattern = _name_pattern(name)
            if name in known or name in found or re.search(pattern, meaning):
                return text
            found[name] = meaning
        spans.pop()
        head = head[: spans[-1][1]].rstrip()
    if not found and not steps:
        return head if dropped else text
    for name in steps:
        head = re.sub(r"(?<![\w\\])" + re.escape(name) + r"\s*\(", "heaviside(", head)
    if not found:
        return head
    if any(re.search(_name_pattern(name), head) is None for name in found):
        return text
    combined = re.compile("|".join(f"(?P<d{i}>{_name_pattern(n)})" for i, n in enumerate(found)))
    meanings = list(found.values())
    out = combined.sub(lambda m: f"({meanings[int(m.lastgroup[1:])]})", head)
    # a long meaning used many times: the answer read as typed, never past MAX_TEXT
    return out if len(out) <= MAX_TEXT else text
