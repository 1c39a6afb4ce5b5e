"""The LaTeX part of the lexer: commands (`\\frac`, `\\left(`, `\\tilde{x}`,
`\\operatorname{tr}`, `\\mathbb{E}`, `\\sim`) and the patterns that recognise LaTeX spellings
(`W^{\\top}`, `\\|W\\|^2_F`, `D_{\\mathrm{KL}}`, `p_\\theta(x)`) where they are read.

A mixin of `lexer.Lexer`: each command becomes the grammar tokens its ASCII spelling
would give, with offsets into the original text, so no pre-pass and no column map.
"""

from __future__ import annotations

import re
from typing import Any

from examgrade.mathlang.vocab import (
    ACCENTS,
    COMMAND_TOKENS,
    SIZING,
    SPACING,
    WORD_COMMANDS,
    WORD_WRAPPERS,
)

DISPLAY = re.compile(r"^\s*\\[(\[](.*)\\[)\]]\s*$", re.DOTALL)  # \( .. \), \[ .. \]
COMMAND = re.compile(r"\\([A-Za-z]+|.)")
BRACED_WORD = re.compile(r"\s*\{\s*(\\?[A-Za-z]+[0-9]*|1|𝟙)\s*\}")
WRAPPED_WORD = r"\\(?:text|mathrm|operatorname)\{([A-Za-z]{2,})\}"
COMPOUND = re.compile(
    r"_(?:\{\s*(?:" + WRAPPED_WORD + r"|\\?([A-Za-z]{2,}))\s*\}"
    r"|" + WRAPPED_WORD + r"|\\?([A-Za-z]{2,}))"
)
TRANSPOSE = re.compile(
    r"\s*(?:\{\s*(?:T|\\top|\\intercal|⊤|\\math(?:sf|rm|bf|it)\{T\}|\\text\{T\})\s*\}"
    r"|(?:T|\\top|\\intercal|⊤|\\math(?:sf|rm|bf|it)\{T\}|\\text\{T\})(?![A-Za-z0-9]))"
)
KIND = r"(?:\{\s*)?(?:\\(?:mathrm|text|textrm|mathit)\{(F)\}|(F|2))(?:\s*\})?"
POWER_THEN_NORM_KIND = re.compile(r"(\s*(?:\^\s*(?:\{[^{}]*\}|\d+)|[²³]))\s*(_\s*" + KIND + r")")
WRAPPED_SUBSCRIPT = re.compile(r"\\(?:mathrm|text|textrm|mathit|mathsf)\{([A-Za-z0-9]+)\}")
PROB_PARAMETER = re.compile(r"_(?:\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+|[A-Za-zθφ])")
EXPECT_SUBSCRIPT = re.compile(
    r"_(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9])\s*(?:\\left\s*)?\["
)
KL_SUBSCRIPT = re.compile(r"_(?:KL|\{\s*(?:KL|\\(?:mathrm|text|operatorname)\{KL\})\s*\})")


class LatexCommands:
    """`\\name` at the current position -> tokens (mixed into `Lexer`, which provides the
    state and the shared steps: `fail`, `token`, `bar`, `opener`, `close`, `word`, ...)."""

    text: str
    stack: list[Any]
    probability: bool

    def command(self, at: int) -> int:
        text = self.text
        match = COMMAND.match(text, at)
        if match is None:
            raise self.fail("unexpected_char", at, char="\\")
        name, end = match.group(1), match.end()
        if name in SIZING:
            return self.sized(name, at, end)
        if name in SPACING:
            return end
        if name == "|":
            return self.bar("||", at, end)
        if name == "{":
            return self.opener("{", at, end)
        if name == "}":
            self.close("}", at)
            return self.token("RBRACE", "}", at, end)
        if name in ("times", "cross"):
            raise self.fail("cross", at, token="\\" + name)
        if name == "sim":
            return self.similar(at, end)
        if name in COMMAND_TOKENS:
            kind, value = COMMAND_TOKENS[name]
            return self.token(kind, value, at, end)
        if name in ("mid", "vert", "lvert", "rvert"):
            forced = {"lvert": "open", "rvert": "close"}.get(name)
            return self.bar("|", at, end, forced)
        if name in ("Vert", "lVert", "rVert"):
            forced = {"lVert": "open", "rVert": "close"}.get(name)
            return self.bar("||", at, end, forced)
        if name in ACCENTS:
            return self.accent(ACCENTS[name], at, end)
        if name in WORD_WRAPPERS:
            return self.wrapped(name, at, end)
        if name in WORD_COMMANDS:
            return self.word(name, at, end)
        if name in ("top", "intercal"):
            raise self.fail("transpose_alone", at)
        raise self.fail("unknown_command", at, command="\\" + name)

    def similar(self, at: int, end: int) -> int:
        """`~` in `E_{z ~ q(z|x)}`: what follows names the distribution, any spelling."""
        if self.stack and self.stack[-1].kind == "{":
            self.stack[-1].lenient = True
        return self.token("SIM", "~", at, end)

    def sized(self, name: str, at: int, end: int) -> int:
        """`\\left(`, `\\right|`, `\\big[`: the delimiter that follows, as if bare."""
        nxt = self.after_space(end)
        ch = self.text[nxt : nxt + 1]
        forced = "open" if name in ("left", "bigl", "Bigl", "biggl", "Biggl") else "close"
        if name.startswith(("big", "Big")) and name[-1] not in "lr":
            forced = ""
        if not ch:
            return nxt  # `\left` at the very end: nothing to size
        if ch == ".":
            return nxt + 1
        if ch in "([":
            return self.opener(ch, nxt)
        if ch in ")]":
            return self.closer(ch, nxt, nxt + 1)
        if ch in "|" or self.text.startswith(("\\vert", "\\lvert", "\\rvert", "\\mid"), nxt):
            stop = nxt + 1 if ch == "|" else COMMAND.match(self.text, nxt).end()  # type: ignore[union-attr]
            return self.bar("|", nxt, stop, forced or None)
        if ch == "‖" or self.text.startswith(("\\|", "\\Vert", "\\lVert", "\\rVert"), nxt):
            stop = nxt + 1 if ch == "‖" else COMMAND.match(self.text, nxt).end()  # type: ignore[union-attr]
            return self.bar("||", nxt, stop, forced or None)
        if self.text.startswith(("\\{", "\\}"), nxt):
            return self.command(nxt)
        return nxt  # `\left` before anything else: ignore it

    def accent(self, deco: str, at: int, end: int) -> int:
        """`\\tilde{x}`, `\\hat x`, `\\tilde{\\lambda}` -> the name `x_tilde`."""
        braced = BRACED_WORD.match(self.text, end)
        if braced:
            inner, stop = braced.group(1).lstrip("\\"), braced.end()
        else:
            single = re.compile(r"\s*(\\[A-Za-z]+|[A-Za-z])").match(self.text, end)
            if single is None:
                raise self.fail("accent_without_name", end, command=self.text[at:end])
            inner, stop = single.group(1).lstrip("\\"), single.end()
        return self.word_resolved(f"{inner}_{deco}", at, stop)

    def wrapped(self, wrapper: str, at: int, end: int) -> int:
        braced = BRACED_WORD.match(self.text, end)
        if braced is None:
            raise self.fail("unknown_command", at, command="\\" + wrapper)
        inner, stop = braced.group(1).lstrip("\\"), braced.end()
        if inner == "E" and wrapper == "mathbb":
            return self.token("EXPECT", "E", at, stop)
        if inner in ("1", "I", "𝟙") and wrapper in ("mathbb", "mathbf", "bm", "boldsymbol"):
            return self.token("INDICATOR", "1", at, stop)
        if inner == "KL" and self.probability and self.paren_follows(stop):
            return self.call("KL_CALL", "KL", at, stop)
        return self.word(inner, at, stop)
