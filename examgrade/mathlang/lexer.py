"""Text -> tokens for the LALR grammar: ASCII, the LaTeX subset and Unicode in one pass.

The lexer is where context that a context-free grammar cannot see is decided, each time
from what is already read or from a short look ahead:

* a run of letters is a function (`exp`, `\\operatorname{tr}`), a call when `(` follows
  (`sigma(a)` is the sigmoid, `sigma` alone a name), a known name, or a product of known
  names (`Wx` -> `W x`, only with a question's symbols);
* `x_tilde`, `lambda_max` are one name, `x_k` and `W_ijk` are subscripts;
* `|` opens or closes an absolute value, or is the `|` of `p(z|x)`; `||` is a norm or the
  separator of `KL(q||p)`: an operand just ended (closing) or not (opening);
* `^T`, `^{\\top}`, `ᵀ` are a transpose, not a power;
* `1[` and `\\mathbb{1}` start an indicator, `E[`/`E_` and `\\mathbb{E}` an expectation.

Tokens keep 0-based offsets into the original text, so errors point at what was typed.
Brackets are matched here, so an unclosed `(` is reported where it opened.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from examgrade.mathlang import limits
from examgrade.mathlang.lalr import Token
from examgrade.mathlang.latex import (
    COMMAND,
    COMPOUND,
    DISPLAY,
    EXPECT_SUBSCRIPT,
    KL_SUBSCRIPT,
    POWER_THEN_NORM_KIND,
    PROB_PARAMETER,
    TRANSPOSE,
    WRAPPED_SUBSCRIPT,
    LatexCommands,
)
from examgrade.mathlang.vocab import (
    CALL_ONLY,
    COMPOUND_NAMES,
    DECORATIONS,
    FUNCTION_ALIASES,
    GREEK,
    OPERAND_END,
    PREFIX_FUNCTIONS,
    SIZING,
    SUBSCRIPTS,
    SUPERSCRIPTS,
    UNICODE_GREEK,
    UNICODE_TOKENS,
)

_NUMBER = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?")
_RUN = re.compile(r"[A-Za-z]+[0-9]*")
_SPACE = re.compile(r"(?:\s|\$|\\[,;:! ]|\\q?quad(?![A-Za-z]))*")  # `$..$` math delimiters
_BOUND = re.compile(
    r"(?:\\?sum|\\?prod|Σ|∑|∏)\s*(?:\\limits)?\s*_\s*(?:\{([^{}]*)\}|(\\[A-Za-z]+|[A-Za-z]|[α-ωΑ-Ω]))"
)
_SUMCALL_BOUND = re.compile(r",\s*\(\s*(\\?[A-Za-z]+|[α-ω])\s*,")
_IDENT = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
#: The characters other than `str.isspace` ones that `_SPACE` may skip from.
_SPACE_START = "$\\"
_new_str = str.__new__

_CLOSERS = {")": ("(", "call(", "prob(", "kl(", "sum("), "]": ("[",), "}": ("{",)}
_CLOSER_KIND = {")": "RPAR", "]": "RSQB", "}": "RBRACE"}
_SIMPLE = {"+": "PLUS", "-": "MINUS", "*": "STAR", "/": "SLASH", ",": "COMMA", "=": "EQUAL"}
_PLAIN = frozenset("+-/,=")  # no two-character symbol starts with one of these
_GREEK = frozenset(GREEK)
_KEYWORDS = frozenset({"sum", "prod", "Sum", "KL"})


@dataclass
class _Open:
    """One open bracket: its kind, where it opened, and whether it holds subscript indices."""

    kind: str
    start: int
    index: bool = False
    callee: str = ""
    lenient: bool = False  # after `~` in E_{x ~ P_g}: any name (the evaluator ignores it)


@dataclass
class Lexer(LatexCommands):
    """One use: `Lexer(text, symbols, probability).tokens()`."""

    text: str
    symbols: frozenset[str] | None
    probability: bool = False
    out: list[Token] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    integrals: int = 0
    known: frozenset[str] = frozenset()
    skips: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.symbols is not None:
            extra = {"p", "q"} if self.probability else set()
            self.known = self.symbols | bound_names(self.text) | extra

    # ---- helpers -------------------------------------------------------------------------

    def fail(self, code: str, offset: int, **params: object) -> Exception:
        return limits.fail(code, self.text, offset, **params)

    def emit(self, kind: str, value: str, start: int, end: int) -> None:
        out = self.out
        if len(out) >= limits.MAX_TOKENS:
            raise self.fail("too_many_tokens", start, limit=limits.MAX_TOKENS)
        token = _new_str(Token, value)  # as lalr.token makes it, without the call
        token.type, token.value, token.start_pos, token.end_pos = kind, value, start, end
        token.line, token.column, token.end_line, token.end_column = 1, start + 1, 1, end + 1
        out.append(token)

    def prev(self) -> str | None:
        return self.out[-1].type if self.out else None

    def after_space(self, at: int) -> int:
        ch = self.text[at : at + 1]
        if not ch or (ch not in _SPACE_START and not ch.isspace()):
            return at  # nothing to skip: most calls (`\\s` is `str.isspace`)
        match = _SPACE.match(self.text, at)
        return match.end() if match else at

    def paren_follows(self, at: int) -> bool:
        """Whether `(` comes next, possibly as `\\left(` or `\\big(` (a call, not a product)."""
        at = self.after_space(at)
        ch = self.text[at : at + 1]
        if ch != "\\":
            return ch == "("  # no sizing command to skip
        while True:
            match = COMMAND.match(self.text, at)
            if match and match.group(1) in SIZING:
                at = self.after_space(match.end())
                continue
            return self.text.startswith("(", at)

    def push(self, kind: str, start: int, index: bool = False, callee: str = "") -> None:
        if len(self.stack) >= limits.MAX_NESTING:
            raise self.fail("too_deep", start, limit=limits.MAX_NESTING)
        self.stack.append(_Open(kind, start, index, callee))

    def close(self, char: str, start: int) -> _Open:
        if not self.stack:
            raise self.fail("unmatched_close", start, token=char)
        top = self.stack[-1]
        if top.kind not in _CLOSERS[char]:
            opened = top.kind[-1] if top.kind[-1] in "([{" else top.kind
            raise self.fail("mismatched", start, token=char, open=opened, open_column=top.start + 1)
        return self.stack.pop()

    def index_letters(self, run: str, end: int) -> bool:
        """Whether a run inside `_{...}` or `[...]` is one-letter indices (`W_{ijk}`)."""
        if not run.isalpha() or run in _GREEK or self.is_symbol(run):
            return False
        after = self.after_space(end)
        if run == "E" and (
            self.text.startswith("[", after) or EXPECT_SUBSCRIPT.match(self.text, after)
        ):
            return False  # an expectation inside an index
        return run not in FUNCTION_ALIASES and run not in _KEYWORDS

    def expect_subscript(self) -> bool:
        """Whether the last tokens are an expectation's subscript (`E_q`, `E_{q(z|x)}`)."""
        i = len(self.out) - 1
        if i < 0:
            return False
        if self.out[i].type == "RBRACE":
            depth = 0
            while i >= 0:
                depth += {"RBRACE": 1, "LBRACE": -1}.get(self.out[i].type, 0)
                if depth == 0:
                    break
                i -= 1
        return i >= 2 and self.out[i - 1].type == "USCORE" and self.out[i - 2].type == "EXPECT"

    def closer(self, ch: str, at: int, end: int) -> int:
        opened = self.close(ch, at)
        kind = _CLOSER_KIND[ch]
        return self.token("RGROUP" if opened.callee == "group" else kind, ch, at, end)

    def in_index(self) -> bool:
        return bool(self.stack) and self.stack[-1].index

    # ---- the loop --------------------------------------------------------------------------

    def tokens(self) -> list[Token]:
        text, at = self.text, 0
        display = DISPLAY.match(text)
        if display:  # read only what is inside the math delimiters
            at = display.start(1)
            text = text[: display.end(1)]
        full, skips = self.text, self.skips
        while True:
            ch = full[at : at + 1]
            if ch and (ch in _SPACE_START or ch.isspace()):
                at = self.after_space(at)
            if at >= len(text):
                break
            if skips and at in skips:  # already read out of order (`||W||^2_F`)
                at = skips.pop(at)
                continue
            at = self.step(at)
        if self.stack:
            top = self.stack[-1]
            shown = {"call(": "(", "prob(": "(", "kl(": "(", "sum(": "("}.get(top.kind, top.kind)
            raise self.fail("unclosed", top.start, open=shown, open_column=top.start + 1)
        if self.integrals:
            raise self.fail("integral_without_d", len(text))
        return self.out

    def step(self, at: int) -> int:
        text = self.text
        ch = text[at]
        if "0" <= ch <= "9" or (ch == "." and "0" <= text_at(text, at + 1) <= "9"):
            return self.number(at)
        if ch.isascii() and ch.isalpha():
            match = _RUN.match(text, at)
            assert match
            return self.word(match.group(0), at, match.end())
        if ch in _PLAIN:  # `+ - / , =`: one token, whatever follows
            return self.token(_SIMPLE[ch], ch, at, at + 1)
        if ch == "\\":
            return self.command(at)
        if ch in UNICODE_GREEK:
            return self.word(UNICODE_GREEK[ch], at, at + 1)
        if ch in UNICODE_TOKENS:
            kind, value = UNICODE_TOKENS[ch]
            return self.token(kind, value, at, at + 1)
        if ch in SUPERSCRIPTS:
            return self.script(at, SUPERSCRIPTS, "POW", "^")
        if ch in SUBSCRIPTS:
            return self.script(at, SUBSCRIPTS, "USCORE", "_")
        return self.symbol(ch, at)

    def script(self, at: int, table: dict[str, str], kind: str, value: str) -> int:
        """`W⁻¹`, `xₜ₋ₖ`: a run of Unicode scripts is one exponent or one subscript."""
        end = at
        while end < len(self.text) and self.text[end] in table:
            end += 1
        self.emit(kind, value, at, at)
        grouped = end - at > 1 and not all(table[c].isdigit() for c in self.text[at:end])
        if grouped:
            self.emit("LBRACE", "{", at, at)
        i = at
        while i < end:
            plain = table[self.text[i]]
            if plain.isdigit():
                stop = i
                while stop < end and table[self.text[stop]].isdigit():
                    stop += 1
                digits = "".join(table[c] for c in self.text[i:stop])
                self.emit("NUMBER", digits, i, stop)
                i = stop
                continue
            sign = {"-": "MINUS", "+": "PLUS"}.get(plain)
            self.emit(sign or "NAME", plain, i, i + 1)
            i += 1
        if grouped:
            self.emit("RBRACE", "}", end, end)
        return end

    def token(self, kind: str, value: str, start: int, end: int) -> int:
        if kind == "INT":
            self.integrals += 1
        self.emit(kind, value, start, end)
        return end

    def symbol(self, ch: str, at: int) -> int:
        text = self.text
        two = text[at : at + 2]
        if two == "**":
            if text.startswith("***", at):
                raise self.fail("double_star", at)
            return self.power(at, at + 2, "**")
        if two in ("<=", ">="):
            return self.token("CMP", two, at, at + 2)
        if two == "||":
            return self.bar("||", at, at + 2)
        if ch in _SIMPLE:
            return self.token(_SIMPLE[ch], ch, at, at + 1)
        if ch in "<>":
            return self.token("CMP", ch, at, at + 1)
        if ch == "^":
            return self.power(at, at + 1, "^")
        if ch == "_":
            return self.underscore(at)
        if ch in "([{":
            return self.opener(ch, at)
        if ch in ")]}":
            return self.closer(ch, at, at + 1)
        if ch in "|∣":
            return self.bar("|", at, at + 1)
        if ch == "‖":
            return self.bar("||", at, at + 1)
        if ch == "×":
            raise self.fail("cross", at, token=ch)
        if ch in "'′":
            raise self.fail("prime", at, token=ch)
        if ch == "~":
            return self.similar(at, at + 1)
        if ch == "√":
            return self.function("sqrt", at, at + 1)
        if ch == "𝔼":
            return self.token("EXPECT", "E", at, at + 1)
        if ch == "𝟙":
            return self.token("INDICATOR", "1", at, at + 1)
        raise self.fail("unexpected_char", at, char=_visible(ch))

    def opener(self, ch: str, at: int, end: int | None = None) -> int:
        end = at + 1 if end is None else end
        if ch == "(":
            self.push("(", at)
            return self.token("LPAR", "(", at, end)
        if ch == "[":
            adjacent = bool(self.out) and self.out[-1].end_pos == at  # x[k]; W [h + b] groups
            index = adjacent and self.prev() in ("NAME", "RSQB") and not self.expect_subscript()
            bracket = index or self.prev() in ("EXPECT", "INDICATOR") or self.expect_subscript()
            self.push("[", at, index=index, callee="" if bracket else "group")
            if not bracket:  # [a + b], \left[ .. \right]: brackets that only group
                return self.token("LGROUP", "[", at, end)
            return self.token("LSQB", "[", at, end)
        subscripted = self.out[-2].type if self.prev() == "USCORE" else ""  # x_{..}, sum_{..}
        index = subscripted in OPERAND_END or subscripted in ("SUM", "PROD")
        self.push("{", at, index)
        return self.token("LBRACE", "{", at, end)

    # ---- numbers and words ----------------------------------------------------------------

    def number(self, at: int) -> int:
        match = _NUMBER.match(self.text, at)
        assert match
        literal = match.group(0)
        digits = sum(c.isdigit() for c in literal)
        if digits > limits.MAX_DIGITS:
            raise self.fail("number_too_long", at, limit=limits.MAX_DIGITS)
        if match.group(2) and abs(int(match.group(2))) > limits.MAX_EXPONENT:
            raise self.fail("number_too_large", at, limit=limits.MAX_EXPONENT)
        end = match.end()
        opens = self.text.startswith(("[", "_{"), end)
        if literal == "1" and opens and self.prev() != "USCORE":
            return self.token("INDICATOR", "1", at, end)
        return self.token("NUMBER", literal, at, end)

    def word(self, run: str, start: int, end: int) -> int:
        """A run of letters (or a word from a LaTeX command) at [start, end)."""
        text = self.text
        compound = COMPOUND.match(text, end)
        if compound:
            suffix = next(group for group in compound.groups() if group)
            name = f"{run}_{suffix}"
            if self.is_compound(name, suffix):
                return self.word_resolved(name, start, compound.end())
        if self.in_index() and self.index_letters(run, end):
            for i, letter in enumerate(run):  # W_{ijk}: three indices; an index is no symbol
                self.emit("NAME", letter, start + i, start + i + 1)
            return end
        if run == "D" and self.probability:
            kl = KL_SUBSCRIPT.match(text, end)
            if kl and self.paren_follows(kl.end()):
                return self.call("KL_CALL", "KL", start, kl.end())
        return self.word_resolved(run, start, end)

    def word_resolved(self, run: str, start: int, end: int) -> int:
        known = self.is_symbol(run)
        if known and not self.probability and run not in ("relu", "ReLU"):
            return self.token("NAME", run, start, end)  # what the checks below conclude
        paren = self.paren_follows(end)
        after = self.after_space(end)
        if self.integrals and not known and run[0] == "d":
            if len(run) == 2 and run[1].isalpha():
                self.integrals -= 1
                return self.token("DIFF", run[1], start, end)
            if run == "d":
                match = _RUN.match(self.text, self.after_space(end))
                if match and len(match.group(0)) == 1:
                    self.integrals -= 1
                    return self.token("DIFF", match.group(0), start, match.end())
        bounds_follow = text_at(self.text, after) in ("_", "^")
        if not known and (
            run in ("sum", "prod")
            or (run in ("Sum", "SUM", "Prod", "Sigma", "Pi") and bounds_follow)
        ):
            is_sum = run.lower() in ("sum", "sigma")
            return self.token("SUM" if is_sum else "PROD", "sum" if is_sum else "prod", start, end)
        if run == "Sum" and paren and not known:
            return self.call("SUMCALL", "Sum", start, end)
        if (
            run == "E"
            and not known
            and (
                self.text.startswith(("[", "\\left["), after)
                or EXPECT_SUBSCRIPT.match(self.text, after)
            )
        ):
            return self.token("EXPECT", "E", start, end)
        euler = run == "e" and self.symbols is not None and not known
        if euler and text_at(self.text, after) == "^":
            return self.token("EPOW", "exp", start, after + 1)  # e^{x}: exp, when e is no symbol
        if self.probability and run in ("p", "q"):
            if paren:
                return self.call("PROB_CALL", run, start, end)
            parameter = PROB_PARAMETER.match(self.text, end)  # p_\theta(x), q_\phi(z|x)
            if parameter and self.paren_follows(parameter.end()):
                return self.call("PROB_CALL", run, start, parameter.end())
        if self.probability and run == "KL" and paren:
            return self.call("KL_CALL", "KL", start, end)
        if (
            run in ("relu", "ReLU")
            and text_at(self.text, end) in "'′"
            and self.paren_follows(end + 1)
        ):
            return self.call("CALL", "heaviside", start, end + 1)  # relu'(a): its derivative
        if run in FUNCTION_ALIASES and not known and (paren or run not in CALL_ONLY):
            return self.function(run, start, end)
        norm_kind = run in ("F", "fro") and self.stack and self.stack[-1].callee == "norm"
        if self.symbols is None or known or norm_kind:  # norm(W, F): F is the kind
            return self.token("NAME", run, start, end)
        pieces = self.split(run)
        if pieces is None and any(opened.lenient for opened in self.stack):
            return self.token("NAME", run, start, end)
        if pieces is None:
            raise self.unknown(run, start)
        at = start
        for piece in pieces:
            self.emit("NAME", piece, at, at + len(piece))
            at += len(piece)
        return end

    def function(self, run: str, start: int, end: int) -> int:
        canonical = FUNCTION_ALIASES.get(run, run)
        if self.paren_follows(end):
            return self.call("CALL", canonical, start, end)
        if run not in PREFIX_FUNCTIONS:
            raise self.fail("needs_parentheses", end, name=run)
        return self.token("FUNC", canonical, start, end)

    def call(self, kind: str, value: str, start: int, end: int) -> int:
        """A callee and its `(` (possibly `\\left(`) as one token, so `f(x)` is no product."""
        at = self.after_space(end)
        while not self.text.startswith("(", at):
            match = COMMAND.match(self.text, at)
            assert match and match.group(1) in SIZING
            at = self.after_space(match.end())
        opened = {"CALL": "call(", "PROB_CALL": "prob(", "KL_CALL": "kl(", "SUMCALL": "sum("}
        self.push(opened[kind], at, callee=value)
        return self.token(kind, value, start, at + 1)

    def is_symbol(self, run: str) -> bool:
        """A name the question declares (or a bound index): it wins over any other reading."""
        return self.symbols is not None and run in self.known

    def is_compound(self, name: str, suffix: str) -> bool:
        if suffix in DECORATIONS or name in COMPOUND_NAMES:
            return True
        return self.symbols is not None and name in self.known

    def split(self, run: str) -> list[str] | None:
        """`Wx` -> [W, x] when every piece is a known name: the fewest pieces wins."""
        best: list[list[str] | None] = [None] * (len(run) + 1)
        best[0] = []
        for end in range(1, len(run) + 1):
            for begin in range(end):
                head = best[begin]
                piece = run[begin:end]
                if head is not None and piece in self.known:
                    candidate = [*head, piece]
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        return best[len(run)]

    def unknown(self, name: str, at: int) -> Exception:
        """An unknown name: the known ones listed, and the closest one if it looks like a typo
        (`lamda` -> lambda, `xtilde` -> x_tilde, `sigmoide` -> sigmoid). A function that
        is also a letter (`sigma`) met without its bracket needs it: it was offered itself
        as its own closest name ("did you mean 'sigma'?") before."""
        if name in FUNCTION_ALIASES:
            return self.fail("needs_parentheses", at, name=name)
        candidates = sorted(
            {*(self.symbols or ()), *FUNCTION_ALIASES} - {"norm", "transpose", name}
        )
        close = (
            difflib.get_close_matches(name, candidates, n=1, cutoff=0.75) if len(name) > 2 else []
        )
        if close:
            return self.fail(
                "unknown_name_close", at, name=name, known=self.known_list(), close=close[0]
            )
        return self.fail("unknown_name", at, name=name, known=self.known_list())

    def known_list(self) -> str:
        return ", ".join(sorted(self.symbols or (), key=lambda s: (s.lower(), s)))

    # ---- operators ------------------------------------------------------------------------

    def power(self, at: int, end: int, spelled: str) -> int:
        transpose = TRANSPOSE.match(self.text, end)
        if transpose and (self.symbols is None or "T" not in self.symbols):
            return self.token("TRANSPOSE", "T", at, transpose.end())
        if spelled == "**" and self.prev() not in OPERAND_END:
            raise self.fail("double_star", at)
        return self.token("POW", spelled, at, end)

    def underscore(self, at: int) -> int:
        text = self.text
        if self.prev() not in OPERAND_END | {"SUM", "PROD", "EXPECT", "INDICATOR"}:
            ident = _IDENT.match(text, at)
            assert ident
            if self.prev() == "FUNC":  # \max_i |\lambda_i|: an extremum over an index
                name = str(self.out[-1].value)
                code = "max_subscript" if name == "max" else "function_subscript"
                raise self.fail(code, at, name=name)
            if self.symbols is None:
                raise self.fail("not_a_name", at, name=ident.group(0))
            raise self.unknown(ident.group(0), at)
        self.emit("USCORE", "_", at, at + 1)
        nxt = self.after_space(at + 1)
        wrapped = WRAPPED_SUBSCRIPT.match(text, nxt)
        if wrapped:  # ||W||_\text{F}, x_\mathrm{k}, W_\mathrm{ij}
            inner, stop = wrapped.group(1), wrapped.end()
            if inner.isdigit() or len(inner) == 1:
                self.emit("NUMBER" if inner.isdigit() else "NAME", inner, nxt, stop)
            else:
                self.emit("LBRACE", "{", nxt, nxt)
                for letter in inner:
                    self.emit("NAME", letter, nxt, stop)
                self.emit("RBRACE", "}", stop, stop)
            return stop
        run = _RUN.match(text, nxt)
        if run is None:
            return nxt
        word = run.group(0)
        letters = word.rstrip("0123456789")
        followed = text.startswith(("_", "^"), run.end()) and word == letters
        if len(letters) == 1 or followed:  # x_k; y_jz_k is y_j z_k (LaTeX reads one letter)
            self.emit("NAME", letters[0], nxt, nxt + 1)
            return nxt + 1
        if word == letters and (letters in _GREEK or self.is_symbol(letters)):
            self.emit("NAME", letters, nxt, run.end())  # x_tau: one index named tau
            return run.end()
        base = str(self.out[-2].value) if self.out[-2].type == "NAME" else ""
        decorated = [n for n in self.known if n.startswith(base + "_") and len(n) > len(base) + 2]
        if base and decorated and len(letters) > 2 and self.symbols is not None:
            raise self.unknown(f"{base}_{letters}", self.out[-2].start_pos or 0)  # x_tlide
        # W_ijk: several one-letter indices, as if braced
        self.emit("LBRACE", "{", nxt, nxt)
        for i, letter in enumerate(letters):
            self.emit("NAME", letter, nxt + i, nxt + i + 1)
        self.emit("RBRACE", "}", nxt + len(letters), nxt + len(letters))
        return nxt + len(letters)

    def bar(self, kind: str, at: int, end: int, forced: str | None = None) -> int:
        """Classify a `|` or `||`: given-bar, KL separator, closing or opening."""
        after_operand = self.prev() in OPERAND_END and not ends_sum_bounds(self.out, len(self.out))
        top = self.stack[-1].kind if self.stack else None
        if kind == "|" and top == "prob(" and after_operand and forced is None:
            return self.token("GIVEN", "|", at, end)
        if kind == "||" and top == "kl(" and after_operand and forced is None:
            return self.token("KLSEP", "||", at, end)
        two_bars = self.text[at:end] == "||"
        if two_bars and after_operand and top == "|" and forced is None:  # |a + |b||: two closes
            self.bar("|", at, at + 1)
            return self.bar("|", at + 1, end)
        closing = forced == "close" or (forced is None and after_operand and top == kind)
        if closing:
            if top != kind:
                raise self.fail("unmatched_close", at, token=kind)
            self.stack.pop()
            if kind == "|":
                return self.token("RBAR", kind, at, end)
            self.token("RNORM", kind, at, end)
            reordered = POWER_THEN_NORM_KIND.match(self.text, end)
            if reordered:  # `||W||^2_F` is `||W||_F^2`: read the kind first
                sub_start, sub_end = reordered.span(2)
                kind_letter = reordered.group(3) or reordered.group(4)
                self.emit("USCORE", "_", sub_start, sub_start + 1)
                self.emit(
                    "NUMBER" if kind_letter == "2" else "NAME", kind_letter, sub_start, sub_end
                )
                self.skips[sub_start] = sub_end
            return end
        self.push(kind, at)
        return self.token("LBAR" if kind == "|" else "LNORM", kind, at, end)


def text_at(text: str, at: int) -> str:
    return text[at : at + 1]


def bound_names(text: str) -> frozenset[str]:
    """Names bound by a sum or a product anywhere in the text (known inside it)."""
    found: set[str] = set()
    for match in _BOUND.finditer(text):
        spec = match.group(1) if match.group(1) is not None else match.group(2)
        found.update(_index_names(spec.split("=")[0]))
    if "Sum(" in text:
        for match in _SUMCALL_BOUND.finditer(text):
            found.update(_index_names(match.group(1)))
    return frozenset(found)


def _index_names(spec: str) -> set[str]:
    names: set[str] = set()
    for word in re.findall(r"\\?[A-Za-z]+|[α-ωΑ-Ω]", spec):
        word = UNICODE_GREEK.get(word, word).lstrip("\\")
        names.update([word] if word in _GREEK else word)
    return names


def last_sum(tokens: list[Token], index: int) -> int:
    for i in range(index - 1, -1, -1):
        if tokens[i].type in ("SUM", "PROD"):
            return i
    return -1


def ends_sum_bounds(tokens: list[Token], index: int) -> bool:
    """Whether tokens[..index] end right after a sum's `_{..}^{..}`: its body is missing."""
    start = last_sum(tokens, index)
    if start < 0:
        return False
    i, parts = start + 1, 0
    while i < index and tokens[i].type in ("USCORE", "POW") and parts < 2:
        i += 1
        if i < index and tokens[i].type == "LBRACE":
            depth = 0
            while i < index:
                depth += {"LBRACE": 1, "RBRACE": -1}.get(tokens[i].type, 0)
                i += 1
                if depth == 0:
                    break
            if depth:
                return False  # still inside the bounds
        else:
            i += 1
        parts += 1
    return parts > 0 and i == index


def tokenize(
    text: str, symbols: Collection[str] | None = None, probability: bool = False
) -> list[Token]:
    """The tokens of `text`; `MathError` for a character, name or bracket that cannot be read."""
    frozen = None if symbols is None else frozenset(symbols)
    return Lexer(text, frozen, probability).tokens()


def _visible(ch: str) -> str:
    """A character as a message can show it: a combining or invisible one by its name
    (the tilde of `x̃` alone is no visible character)."""
    import unicodedata

    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me", "Zs"):
        return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()
    return ch
