"""Reading answers the way students write them, before any check judges them.

A student types `h_t = W^t h_0 + ...`, `4 on each side`, `W (constant, does not depend
on x)` or `it depends, but yes`: the value is there, with words and working around it.
This package separates the value from what surrounds it, and keeps the rest to say how
the answer was read. It knows no exam: the words are data (`words.yaml`), what a part
asks for comes from its rubric, and every function here works on text alone.

- `split_sides`: an equation or a chain `a = b = c`, split at its top-level `=`.
- `strip_remarks`: parenthesised prose (`(with sampling)`) and a trailing clause in words
  (`, which does not depend on h_0`), taken out and kept.
- `verdict`: the yes or no a sentence commits to, a hedge, or nothing.
- `strip_filler`: the words around a size or a padding (`on each side`, `par côté`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from examgrade.files import package_folder

_OPEN, _CLOSE = "([{", ")]}"
_BRACKET = re.compile(r"[()\[\]{}]")
#: Longer texts are left as typed: the math language refuses them with its own message
#: (`examgrade.mathlang.limits`), and no reader here does more than linear work on less.
MAX_TEXT = 2000
#: Letters of a prose word (accents included); math words (`words.yaml`, `math_names`)
#: are no prose.
_WORD = re.compile(r"(?<![\\A-Za-z_])[^\W\d_]{3,}", re.UNICODE)


@cache
def words() -> dict[str, Any]:
    """The word lists (`words.yaml`), read once, by libyaml's C loader where it is there
    (PyYAML's pure-Python one took 60 ms of every `examgrade check`)."""
    text = (package_folder("examgrade.reading") / "words.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict)
    return data


def fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straight, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("‘", "'")
    return " ".join(plain.split())


def depths(text: str) -> list[int]:
    """The bracket depth before each character (never below 0): what is at depth 0 is
    the answer's own structure, the rest is inside a bracket. (Only the brackets are
    visited: the runs between them are filled at once.)"""
    depth, out, last = 0, [], 0
    for match in _BRACKET.finditer(text):
        at = match.start()
        out.extend([depth] * (at - last))
        if text[at] in _CLOSE:
            depth = max(0, depth - 1)
            out.append(depth)
        else:
            out.append(depth)
            depth += 1
        last = at + 1
    out.extend([depth] * (len(text) - last))
    return out


def call_arguments(text: str) -> list[str]:
    """A call's arguments (the text between its brackets), split at its top-level
    commas: `sum(W_k, k=1..t)` -> `W_k`, `k=1..t` (untold's and languages' rewrites)."""
    depth = depths(text)
    out, start = [], 0
    for at, ch in enumerate(text):
        if ch == "," and not depth[at]:
            out.append(text[start:at].strip())
            start = at + 1
    out.append(text[start:].strip())
    return out


def split_sides(text: str) -> list[str]:
    """The sides of `a = b = c` (one side if there is no top-level `=`). An `=` inside
    brackets (`P(x_i = 1 | y)`) or in `<=`, `>=`, `==`, `!=`, `:=` does not split."""
    if "=" not in text or len(text) > MAX_TEXT:
        return [text]
    depth = depths(text)
    sides, start = [], 0
    for at, ch in enumerate(text):
        if ch != "=" or depth[at]:
            continue
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if (before in "<>!=:" and before) or after == "=":
            continue
        sides.append(text[start:at])
        start = at + 1
    sides.append(text[start:])
    return [s.strip() for s in sides]


def offers_alternative(text: str) -> bool:
    """Whether a text offers another answer (`or 1?`, `ou W`): never a mere remark."""
    return _ALTERNATIVE.search(text) is not None


def is_prose(text: str, min_words: int = 1) -> bool:
    """Whether a text has words that are no math: `with sampling`, `indépendant de x`."""
    return len(_prose_words(text, frozenset())) >= min_words


@dataclass(frozen=True)
class Stripped:
    """A value's text with what surrounded it taken out (`remarks`, kept for feedback)."""

    core: str
    remarks: tuple[str, ...] = ()


def strip_remarks(text: str, known: frozenset[str] = frozenset()) -> Stripped:
    """Parenthesised prose and a trailing clause in words, taken out of a math answer.

    `W^t (U x_k and b do not depend on h_0)` is `W^t`; `W^t(U x_k + b)` is math and
    stays. A trailing clause after a top-level comma, semicolon or colon goes when it is
    prose (`W, constant in x`). `known` names are math, not words."""
    if len(text) > MAX_TEXT:
        return Stripped(text)
    remarks: list[str] = []
    core = text
    restated = _RESTATED.search(core)
    if restated is not None and restated.start() and not depths(core)[restated.start()]:
        head, tail = core[: restated.start()].rstrip(), core[restated.end() :].strip()
        if _prose_words(head, known) and tail and not _prose_words(tail, known):
            remarks.append(head)  # `the product of t copies of W, i.e. W^t`: the math
            core = tail
        else:
            remarks.append(tail)
            core = head
    concluded = [m for m in _CONCLUDED.finditer(core) if m.start() and not depths(core)[m.start()]]
    if concluded and core[concluded[-1].end() :].strip():  # `W_ij, so W`: the conclusion
        head, tail = core[: concluded[-1].start()].strip(), core[concluded[-1].end() :].strip()
        if len(_prose_words(tail, known)) > 1 and not _prose_words(head, known):
            remarks.append(tail)  # `..., donc h_t dépend de h_0 via W^t`: a comment
            core = head
        else:
            remarks.append(head)
            core = tail
    member = _MEMBER.search(core)  # `W ∈ R^{H×D}`: where it lives, not what it is
    if member is not None and member.start() and not depths(core)[member.start()]:
        remarks.append(core[member.start() :].strip())
        core = core[: member.start()].rstrip()
    for _ in range(8):  # a few remarks at most; each pass takes one out
        found = _prose_group(core, known)
        if found is None:
            break
        start, end = found
        remarks.append(core[start + 1 : end - 1].strip())
        core = (core[:start].rstrip() + " " + core[end:].lstrip()).strip()
    depth = depths(core)
    for at, ch in enumerate(core):
        if ch in ",;:" and not depth[at] and at:
            tail = core[at + 1 :]
            if tail.strip() and _prose_words(tail, known) and not _prose_words(core[:at], known):
                remarks.append(tail.strip())
                core = core[:at].rstrip()
                break
    # a clause in words after the math (`... for t >= 1`, `W since ...`)
    depth = depths(core)
    for match in _WORD.finditer(_SCRIPT.sub(lambda m: " " * len(m.group(0)), core)):
        word = match.group(0)
        if word.lower() in _math_names() or word in known or depth[match.start()]:
            continue
        head = core[: match.start()].rstrip()
        short = _SHORT_BEFORE.search(head)  # `... b) by induction`: `by` is the clause's
        if short and short.group(1) in _SHORT_WORDS and short.group(1) not in known:
            head = head[: short.start()].rstrip()
            match = short
        mathy = _MATHY.search(head) or any(w in known for w in re.findall(r"\w+", head))
        if mathy and not _prose_words(head, known) and head[-1] not in "+-*/^_(=<>":
            remarks.append(core[match.start() :].strip())
            core = head
        break
    return Stripped(core.strip(), tuple(remarks))


_RANGE = re.compile(r"[<>≤≥]|\\g?eq?(?![A-Za-z])|\\l?eq?(?![A-Za-z])")
#: "i.e. ...", "c'est-à-dire ...": what follows restates the answer
_RESTATED = re.compile(
    r",?\s*(?:i\.\s?e\.?|that is|c'est-à-dire|c'est-a-dire|c\.-à-d\.|c-à-d|soit)\s", re.IGNORECASE
)
#: ", so ...", ", donc ...": what follows concludes the working before it
_CONCLUDED = re.compile(
    r"[,;]\s*(?:so|thus|hence|therefore|donc|d'où|d'ou|ainsi)\s+|\s(?:therefore|hence|donc)\s+",
    re.IGNORECASE,
)
#: "(or W)": an alternative, not a remark; an answer with two is not read as one
_ALTERNATIVE = re.compile(r"(?<![\w'])(?:or|ou|either|soit)(?![\w'])", re.IGNORECASE)
_MEMBER = re.compile(r"∈|\\in(?![A-Za-z])")
#: A word of two letters ending a clause's head (`by`, `in`, `as`, `en`): the clause's
_SHORT_BEFORE = re.compile(r"(?<=[\s)\]}])([a-z]{2})$")
_SHORT_WORDS = frozenset({"by", "in", "as", "on", "at", "to", "if", "is", "en", "au", "we"})
_MATHY = re.compile(r"[0-9()\[\]{}^_=<>+\-*/|\\]")
_SCRIPT = re.compile(r"[_^]\s*(?:\{[^{}]*\}|\w+)")


@cache
def _math_names() -> frozenset[str]:
    return frozenset(str(w).lower() for w in words()["math_names"])


def _prose_words(text: str, known: frozenset[str]) -> list[str]:
    """The words of a text that are no math (sub- and superscripts left out)."""
    text = _SCRIPT.sub(" ", text)
    math = _math_names()
    return [w for w in _WORD.findall(text) if w.lower() not in math and w not in known]


def _prose_group(text: str, known: frozenset[str]) -> tuple[int, int] | None:
    """The span of the first top-level `( ... )` whose content is prose."""
    depth = depths(text)
    for at, ch in enumerate(text):
        if ch != "(" or depth[at]:
            continue
        level = 0
        for end in range(at, len(text)):
            level += (text[end] in _OPEN) - (text[end] in _CLOSE)
            if level == 0:
                inner = text[at + 1 : end]
                if _prose_words(inner, known) and not _ALTERNATIVE.search(inner):
                    return at, end + 1
                # a range after the answer (`(t ≥ 1)`): not a factor, a remark
                if (not at or text[at - 1] == " ") and _top_range(inner):
                    return at, end + 1
                break
    return None


def _top_range(inner: str) -> bool:
    """Whether a bracket's content compares at its own top level (`t ≥ 1`), not inside
    a call (`diag(1[a > 0])` is a factor)."""
    if not _RANGE.search(inner):
        return False
    depth = depths(inner)
    return any(not depth[m.start()] for m in _RANGE.finditer(inner))


@dataclass(frozen=True)
class VerdictReading:
    """What a verdict sentence says: `value` True/False, or None; `hedge` when it
    qualifies the answer without a yes or no; `rest`, the words besides the verdict."""

    value: bool | None
    hedge: bool = False
    rest: str = ""
    conflict: bool = False


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Whole-word alternatives, longest first; `#` in a phrase stands for a number."""
    escaped = (re.escape(fold(p)).replace(r"\#", r"\d+") for p in phrases)
    alternatives = sorted(escaped, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])")


@cache
def _verdict_patterns(
    more_yes: tuple[str, ...] = (), more_no: tuple[str, ...] = ()
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = words()["verdict"]
    return (
        _phrase_pattern([*data["yes"], *more_yes]),
        _phrase_pattern([*data["no"], *more_no]),
        _phrase_pattern(data["but"]),
        _phrase_pattern(data["hedge"]),
    )


def verdict(
    text: str, more_yes: tuple[str, ...] = (), more_no: tuple[str, ...] = ()
) -> VerdictReading:
    """The verdict a sentence commits to, in English or French.

    `Yes (with sampling)`, `yes but approximately`, `possibly yes` are yes; `it depends,
    but yes` is the yes after the `but`; `nope`, `No, never` are no; a one-letter answer
    `y`/`n` is read alone; a hedge with neither (`not necessarily`) is a hedge; yes and no
    both, with no `but` to choose, is a conflict. `more_yes`/`more_no`: a field's own
    words (`linear`, `not linear`), from its rubric."""
    if len(text) > MAX_TEXT:
        return VerdictReading(None, rest=text.strip())
    folded = fold(text)
    bare = folded.strip(" .!?;:,")
    alone = words()["verdict"]["alone"]
    if bare in alone:
        return VerdictReading(bool(alone[bare]))
    yes, no, but, hedge = _verdict_patterns(more_yes, more_no)
    found = sorted(
        [
            (m.start(), m.end(), True)
            for m in yes.finditer(folded)
            if not _prefix(folded, m) and not _unsure(folded, m)
        ]
        + [(m.start(), m.end(), False) for m in no.finditer(folded) if not _prefix(folded, m)]
    )
    # an overlap ("absolutely not" within "absolutely") keeps the longer match
    kept: list[tuple[int, int, bool]] = []
    for start, end, value in found:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end, value)
            continue
        kept.append((start, end, value))
    hedged = hedge.search(folded) is not None
    if not kept:
        return VerdictReading(None, hedge=hedged, rest=text.strip())
    values = {v for _, _, v in kept}
    chosen = kept[0]
    if len(values) > 1 and _leads(folded, kept):
        kept = [k for k in kept if k[2] == kept[0][2] or k is kept[0]]
        values = {kept[0][2]}
    if len(values) > 1:
        buts = [m.end() for m in but.finditer(folded)]
        after = [k for k in kept if buts and k[0] >= buts[-1]]
        if not after or len({v for _, _, v in after}) > 1:
            return VerdictReading(None, hedge=hedged, rest=text.strip(), conflict=True)
        chosen = after[0]
    rest = (folded[: chosen[0]] + " " + folded[chosen[1] :]).strip(" .,;:!?()-—–")
    return VerdictReading(chosen[2], hedge=hedged, rest=rest)


_LEADING = re.compile(r"\s*[-—–:,.;]")


def _leads(folded: str, kept: list[tuple[int, int, bool]]) -> bool:
    """Whether the first yes or no opens the answer, set off by a dash, colon or comma,
    and every word against it only says what can be done (`no - one layer can be summed
    out`): the reason's `can` is no second verdict."""
    start, end, value = kept[0]
    if folded[:start].strip() or not _LEADING.match(folded[end:]):
        return False
    modal = {fold(w) for w in words()["verdict"].get("modal", [])}
    return all(folded[s:e] in modal for s, e, v in kept[1:] if v != value)


_NOT_BEFORE = re.compile(r"(?:\bnot|n't|\bpas|\bnever|\bjamais)\s+(?:\w+\s+)?$")


def _unsure(folded: str, match: re.Match[str]) -> bool:
    """`not sure`, `pas sûr`, `I'm not so sure`: doubt, never the yes its `sure` is."""
    if not match.group(0).startswith("sur"):
        return False
    return _NOT_BEFORE.search(folded[max(0, match.start() - 24) : match.start()]) is not None


_GLUED_AFTER = re.compile(r"-[^\W\d_]")
_MID_SENTENCE = re.compile(r"[^\W\d_]\s*$")


def _prefix(folded: str, match: re.Match[str]) -> bool:
    """Whether a yes or no word is a prefix of the reason rather than a verdict:
    `non-factorized`, `no-padding`, `a non factorized family`, `there is no closed form`
    (a word joined by a hyphen, or mid-sentence and followed by the word it qualifies)."""
    after = folded[match.end() : match.end() + 2]
    if _GLUED_AFTER.match(after) or folded[match.start() - 1 : match.start()] == "-":
        return True
    before = folded[: match.start()]
    if match.group(0) in ("non", "no") and _MID_SENTENCE.search(before):
        return bool(re.match(r" [^\W\d_]", after)) and not _ENDS_BUT.search(before)
    return False


_ENDS_BUT = re.compile(r"(?:but|however|mais|cependant|pourtant|toutefois|yet)\s*$")


@cache
def _filler_pattern() -> re.Pattern[str]:
    return _phrase_pattern(list(words()["filler"]))


@cache
def phrases(kind: str) -> re.Pattern[str]:
    """The `kind` phrases of `words.yaml` as one whole-word pattern on folded text."""
    return _phrase_pattern(list(words()[kind]))


def has_phrase(kind: str, text: str) -> bool:
    """Whether a folded text holds one of the `kind` phrases of `words.yaml`."""
    return phrases(kind).search(fold(text)) is not None


def strip_filler(text: str) -> Stripped:
    """A value's text without the filler words around it (`4 on each side` is `4`);
    the words taken out are kept."""
    if len(text) > MAX_TEXT:
        return Stripped(text)
    folded = fold(text)
    taken = [m.group(0) for m in _filler_pattern().finditer(folded)]
    core = _filler_pattern().sub(" ", folded)
    core = " ".join(core.split()).strip(" .,;:!?")
    return Stripped(core, tuple(taken))
