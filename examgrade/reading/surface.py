"""What wraps typed math before any reader sees it (issue 12, round 5 of untold notation):
the way an editor or a chat box carries the answer, not the answer itself.

- Pasted from Word: math italic letters (`𝑊^𝑡`, `ℎ`) as plain ones; the linear format's
  `▒〖...〗` (an operator's argument) as a bracket, its `x_(k=1)` subscripts as `x_{k=1}`,
  an accent typed after a space (`x ̃`) on its letter, invisible operators dropped.
- Markdown and chat: `$...$`, `$$...$$`, `\\(...\\)`, backticks; a bulleted list of two
  lines or more (`- layer 1: 256x256`) as one line; a label or arrow before the answer
  (`Ans:`, `Answer =`, `**Réponse :**`, `=>`).
- A trailing comment in a programming language's syntax (`// par récurrence`, `# by
  induction`, `% induction`) set aside.

Every pass is linear in the text (at most `MAX_TEXT` characters), none evaluates
anything, and what it leaves is still judged by the readers and the grammar.
"""

from __future__ import annotations

import re
import unicodedata

from examgrade.reading import MAX_TEXT

#: Word's invisible operators (function application, invisible times, separator) and
#: zero-width characters: no meaning of their own
_INVISIBLE = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064\u200b\u200c\u200d\ufeff"), " ")
_LINEAR = {ord("▒"): " ", ord("〖"): "(", ord("〗"): ")", ord("┤"): " ", ord("├"): " "}
#: `x ̃`: Word puts a space between a letter and its accent
_SPACED_ACCENT = re.compile(r"([A-Za-z]) ([\u0302\u0303\u0304\u0305\u0307])")
_WRAPPERS = re.compile(r"\$|`|\\\(|\\\)|\\\[|\\\]")
#: `Ans:`, `Answer =`, `**Réponse :**`, `=>`, `→`: before the answer, never part of it
#: (`[ \t*]*`, never `[ \t]*\**[ \t]*`: two runs of spaces side by side split a run of k
#: spaces k ways, k² steps on `400 spaces then a letter`)
_PREFIX = re.compile(
    r"^[ \t*]*(?:(?:ans|answer|final answer|r[ée]ponse|r[ée]p|solution|sol)\b"
    r"[ \t*]*[:=]|=>|==>|⇒|⟹|->|→)[ \t*]*",
    re.IGNORECASE,
)
#: Four or more spaces in a row (tabs, newlines): one space, or one newline, as
#: `untold` has them; the readers after this pass search patterns starting with `\s*`
#: (k² steps on a run of k spaces: 0.3-0.8 s each on 2,000 of them)
_SPACE_RUN = re.compile(r"\s{4,}")
#: ` // par récurrence`, `  # by induction`, ` % induction`: a comment to the line's end
_COMMENT = re.compile(r"(?<=\S)[ \t]+(?://|#|%)[ \t]+(?=[^\W\d_]{2})[^\n]*")
_SWITCH = re.compile(
    r"\{\\(?:bf|it|rm|sf|bm|boldsymbol|mathbf|mathit|mathrm|bold)(?![A-Za-z])\s?([^{}\\]{1,40})\}"
)
_BOLD = re.compile(r"\\(?:bm|bold|pmb|textbf|mathbold|vb|vec)\{([^{}\\]{1,40})\}")
_BULLET = re.compile(r"^[ \t]*(?:[-*•·▪◦‣]|\d{1,2}[.)])[ \t]+(?=\S)")
_MATH_ALPHA = re.compile("[\U0001d400-\U0001d7ff\u210e\u2102\u2115\u211a\u211d\u2124]")


def surface(text: str) -> str:
    """The answer without what carried it (module docstring); as typed when nothing
    applies, or past `MAX_TEXT`."""
    if len(text) > MAX_TEXT:
        return text
    if not text.isascii():
        text = _unword(text)  # Word's invisible operators as spaces
    text = spaced(text)
    if ("$" in text or "`" in text or "\\(" in text or "\\[" in text) and _paired(text):
        text = spaced(_WRAPPERS.sub(" ", text)).strip()
    if "\n" in text and _BULLET.match(text):
        text = _bullets(text)
    if "{\\" in text:  # `{\bf W}`, `{\boldsymbol W}`: the old LaTeX switches
        text = _SWITCH.sub(r"\1", text)
    if "\\" in text and "{" in text:  # `\bm{W}`, `\bold{W}`, `\vec{x}`
        text = _BOLD.sub(r"\1", text)
    if "//" in text or "#" in text or "%" in text:
        text = _COMMENT.sub(_comment, text)
    head = text.lstrip(" \t*")[:1]
    if head in "aArRsS=-⇒⟹→" and head:
        prefix = _PREFIX.match(text)
        if prefix is not None and text[prefix.end() :].strip():
            text = text[prefix.end() :]
    return text


def spaced(text: str) -> str:
    """Each run of four spaces or more as one space, or one newline when it holds one
    (`_SPACE_RUN`)."""
    if _SPACE_RUN.search(text) is None:
        return text
    return _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text)


def _paired(text: str) -> bool:
    """Whether `$` and backticks come in pairs: a lone one (`1 + 6*$`) is a typo the
    grammar points at, never a wrapper."""
    return text.count("$") % 2 == 0 and text.count("`") % 2 == 0


def _comment(match: re.Match[str]) -> str:
    """A comment to the line's end, unless it sits inside a bracket (`(times # of
    channels)` is a remark the readers set aside)."""
    head = match.string[: match.start()]
    line = head[head.rfind("\n") + 1 :]
    inside = line.count("(") != line.count(")") or line.count("[") != line.count("]")
    return match.group() if inside else ""


def _unword(text: str) -> str:
    """Word's pasted math as plain text (module docstring)."""
    if _MATH_ALPHA.search(text):
        text = _MATH_ALPHA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_INVISIBLE)
    if "▒" in text or "〖" in text or "┤" in text:
        text = text.translate(_LINEAR)
    if " \u0303" in text or " \u0302" in text or " \u0304" in text or " \u0305" in text:
        text = _SPACED_ACCENT.sub(r"\1\2", text)
    if "_(" in text:
        text = _braced_subscripts(text)
    return text


def _braced_subscripts(text: str) -> str:
    """`E_(x∼P_g)`, `∑_(k=1)^t`: the linear format's bracketed subscript as braces, its
    closing bracket found in one pass (a stack of the open brackets)."""
    out = list(text)
    stack: list[bool] = []
    for at, ch in enumerate(text):
        if ch == "(":
            script = at > 0 and text[at - 1] == "_"
            stack.append(script)
            if script:
                out[at] = "{"
        elif ch == ")" and stack and stack.pop():
            out[at] = "}"
    if any(stack):  # an unclosed subscript: leave the text as typed
        return text
    return "".join(out)


def _bullets(text: str) -> str:
    """A list of two bulleted lines or more, as one line of items (`layer 1: 256x256,
    layer 2: ...`); a single line starting `- ` is a minus sign and stays."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or not all(_BULLET.match(line) for line in lines):
        return text
    return ", ".join(_BULLET.sub("", line).strip().rstrip(",;") for line in lines)
