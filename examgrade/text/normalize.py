"""Text as the matcher sees it: folded, split into sentences and clauses, tokenized.

Folding removes accents and case so that "évanescent", "Evanescent" and "evanescent"
are one word; contractions are opened ("doesn't" -> "does not", "n'est" -> "ne est") so
that negation cues are plain tokens. Sentences bound where an idea may be matched;
clauses bound where a negation applies.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from examgrade.text.recurring import recurring

MAX_CHARS = 8000  # longer answers are cut: a free-text part is a paragraph, not a thesis

_ARROWS = re.compile(r"→|->|⟶|=>|⇒|⟹")
# Relations whose accent-free form would say the opposite ("≠" folds to "="): words.
_RELATION_WORDS = {
    "≠": " neq ", "!=": " neq ", "=/=": " neq ",
    "⊥̸": " not independent of ", "⊥": " independent of ", "⫫": " independent of ",
}  # fmt: skip
_RELATIONS = re.compile("|".join(map(re.escape, sorted(_RELATION_WORDS, key=len, reverse=True))))
_ASSIGN = re.compile(r"<-|←|⟵|:=|\+=(?=\s)")  # an update: "r <- r + g^2", "r += g^2"
# A modulus, "|λ|", "|lambda_i|", "|λ_max(W)|": the word "modulus" before its operand, so
# that "|λ| < 1" and the key's mistake "λ < 1" (no modulus) read apart (q2.c). Never a norm
# "||W||" and never the bars of two conditionals, "p(y|x) q(z|x)" (unbalanced parentheses),
# "x|yz, y|xz" (a list or a relation between the bars).
_MODULUS = re.compile(r"(?<!\|)\|(?!\|)([^|\n,;=<>→]{1,24}?)(?<!\|)\|(?!\|)")


def _modulus(found: re.Match[str]) -> str:
    """ " modulus λ " for "|λ|"; the bars as they were when what they hold is no operand."""
    inner = found.group(1)
    depth = 0
    for c in inner:
        depth += (c == "(") - (c == ")")
        if depth < 0:  # "x) and q(z": the bars of two conditionals
            return found.group()
    if depth or not inner.strip():
        return found.group()
    return f" modulus {inner} "


# Code written as the answer (C/C++, the Mohler pack): its brackets, braces, "&" and "*"
# say what words would ("int a[5]" a size in brackets, "{1, 2, 3}" an initializer list,
# "&f" an address, "int *p" a pointer, "(*f)(int)" a pointer to a function, a declaration
# ending in ";" a prototype, a function whose body calls it: recursion). Read
# only in an answer that looks like code (a statement's ";", a body's "{" or "[]", and a
# declaration): formulas ("1[a>0]", "E[x]") keep their brackets as they were.
# a declaration: a type, a name, then a bracket, a parenthesis, "=", ";" or "," ("double
# the rate; ..." and "long-term; ..." are words)
_CODE = re.compile(
    r"\b(?:int|void|char|double|float|bool)\s*\**\s*\(?\s*\**[A-Za-z_]\w*\s*[\[(=;,)]"
)
_ADDRESS = re.compile(r"(?<![&\w)\]])&\s*(?=[A-Za-z_])")
_POINTER = re.compile(r"(?:(?<=[\s(,=])|^)\*+(?=[A-Za-z_(])")  # not "n * f(n)"
_SELF_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\([^(){};]*\)\s*\{[^{}]*?\b\1\s*\(")
# A function pointer's declarator, "(*f)(int)" ("int (*f)(int);", "void (*cb)() = g;"): a
# pointer to a function, whether or not an "&" takes an address after it.
_FUNCTION_POINTER = re.compile(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(")
# A prototype: a function declared with typed parameters (or none) and no body, "int max(int
# a, int b);", "void f();" ("int x(5);" initializes a variable: its argument has no type).
_TYPE = r"(?:const\s+|unsigned\s+)*(?:int|void|char|double|float|bool|long|short)\b"
_PROTOTYPE = re.compile(rf"\b{_TYPE}\s*[*&]*\s*[A-Za-z_]\w*\s*\(\s*(?:{_TYPE}[^(){{}};]*)?\)\s*;")
_CODE_WORDS = str.maketrans({"[": " bracket ", "]": " ", "{": " braces ", "}": " "})


def is_code(text: str) -> bool:
    """Does the answer look like C++ (a statement's ";", a body's "{" or "[]", and a
    declaration)? Then its punctuation is the language's, not a list's or a clause's."""
    if ";" not in text and "{" not in text and "[]" not in text:
        return False
    return bool(_CODE.search(text))


def _code(text: str) -> str:
    """`text` with what its C++ says spelled in words, when it is code."""
    if not is_code(text):
        return text
    if _SELF_CALL.search(text):
        text += " ; the function calls itself"
    if _PROTOTYPE.search(text):
        text += " ; a prototype"
    text = _FUNCTION_POINTER.sub(r" \1 , a pointer to a function (", text)
    text = _ADDRESS.sub(" address of ", text)
    text = _POINTER.sub(" pointer ", text)
    return text.translate(_CODE_WORDS)


_APOSTROPHES = re.compile(r"[’‘`´]")
_EN_NOT = re.compile(r"\b(can|won|ca|wo)n't\b|n't\b")
_FR_ELISION = re.compile(r"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu)'")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|cf|vs|etc|resp|p\.ex|c\.-a-d|c\.a\.d)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?=[-*•]|\d+[.)])")
_AFTER_STOP = re.compile(r"(?<=[.!?])\s+")  # `_SENTENCE_END` in a text without a line break
# Clause connectors: cut there, and dropped (no pattern word can be one: `match.unseen`).
_CONNECTORS = (
    "but", "whereas", "while", "however", "although", "though", "because", "since", "so",
    "thus", "hence", "therefore", "which", "mais", "alors que", "tandis que", "cependant",
    "pourtant", "car", "parce que", "puisque", "donc", "ainsi", "qui",
)  # fmt: skip
CONNECTORS = frozenset(_CONNECTORS)
_CLAUSE_SPLIT = re.compile(r"[,;:()\[\]]|\s[-–—]\s|\b(?:" + "|".join(_CONNECTORS) + r")\b")
_TOKEN = re.compile(r"→|←|\d+(?:\.\d+)+|[a-z0-9]+(?:_[a-z0-9{}]+)*")
# A call's parentheses are no clause boundary: "you can't use sigma()*sigma() as exact
# statistics" is one clause, its negation reaching "exact".
_CALL = re.compile(r"(\w)\(([^()]{0,40})\)")
# Nor are a tuple's commas and parentheses: "(y, z) given x is not factorized", "x|y,z"
# name variables, one clause, so a negation before or after them reaches them.
_TUPLE = re.compile(r"\(\s*(\w{1,3}(?:\s*[,|]\s*\w{1,3})+)\s*\)|\b(\w)\s?,(?=\w\b)")


_SYMBOLS = str.maketrans(
    {
        "œ": "oe", "æ": "ae", "ρ": " rho ", "λ": " lambda ", "σ": " sigma ", "ε": " epsilon ",
        "θ": " theta ", "β": " beta ", "μ": " mu ", "∇": " nabla ", "∞": " infinity ",
        "<": " lt ", ">": " gt ", "≤": " lt ", "≥": " gt ", "∑": " sum ", "Σ": " sum ",
        # formula-style claims: "g/√r", "η ↓", "p_i ↘ 0" say what the words say
        "√": " sqrt ", "η": " eta ", "α": " alpha ", "γ": " gamma ", "≪": " lt ", "≫": " gt ",
        "↓": " decreases ", "↘": " decreases ", "↑": " increases ", "↗": " increases ",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents, ligatures opened (œ -> oe), Greek letters and
    comparisons spelled out (ρ < 1 -> "rho lt 1"), arrows as one symbol, and so updates
    ("r <- r + g^2", "r += g^2": "←"); a decimal number is one token ("0.5"); a modulus
    "|λ|" is the word "modulus" before it."""
    if "|" in text:
        text = _MODULUS.sub(_modulus, text)
    if "!=" in text or "=/=" in text or not text.isascii():  # before "≠" folds to "="
        text = _RELATIONS.sub(lambda m: _RELATION_WORDS[m.group()], text)
    if ">" in text or not text.isascii():  # every arrow has one or the other
        text = _ARROWS.sub(" → ", text)
    if "<-" in text or "=" in text or not text.isascii():  # the same for updates
        text = _ASSIGN.sub(" ← ", text)
    if "Σ" in text:  # the capital is the sum sign; lower case would read it "σ", a sigmoid
        text = text.replace("Σ", " sum ")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():
        if "<" not in decomposed and ">" not in decomposed:  # no other symbol is ASCII
            return decomposed
        plain = decomposed
    elif _BEYOND_BMP.search(decomposed) is None:
        plain = _combining().sub("", decomposed)
    else:  # beyond the class: rare enough to test each character
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_SYMBOLS)


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _combining() -> re.Pattern[str]:
    """The combining marks of the Basic Multilingual Plane as one character class, to
    delete in one pass (built once, when the first accented answer comes)."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    spans = (re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{''.join(spans)}]")


# A minus sign in a formula is a token, "minus": "σ(−a)", "sigma(-sum W x)", "exp(-E)",
# "= -<xyz>_data", "1 - sigmoid(a)", "<xyz>_data - <xyz>_model" (a sign error is a
# misconception of its own); a hyphen between words ("per-parameter", "non-convex") and a
# dash between spaces ("Adagrad - it sums") stay what they were, and so do arrows ("->").
_DASH = re.compile("[-−]")
_UNARY_AFTER = frozenset("([{=,^∝~:")  # a sign after an opening or a relation
_TERM_END = frozenset(")]}>0123456789")  # the end of a formula's term
_TERM_START = frozenset("<(σΣ∑0123456789")  # the start of one
_SUBSCRIPT = re.compile(r"_[a-z0-9]+$")


def _term_before(text: str, end: int) -> bool:
    """Does a subscripted term ("<xyz>_data") or a lone 1 ("1 - sigmoid") end at `end`?"""
    word = text[max(0, end - 16) : end].split()[-1:]
    return bool(word) and (word[0] == "1" or _SUBSCRIPT.search(word[0]) is not None)


def _signs(text: str) -> str:
    """`text` with each minus sign of a formula spelled "minus" (unary: "σ(−a)",
    "exp(-E)"; binary between terms: "<xyz>_data - <xyz>_model", "1 - sigmoid(a)"):
    scanned by hand, as most answers have a hyphen and few a sign."""
    if "-" not in text and "−" not in text:
        return text
    pieces: list[str] = []
    done = 0
    for found in _DASH.finditer(text):
        i = found.start()
        if i and text[i - 1].isalpha() and text[i + 1 : i + 2].isalpha():
            continue  # a hyphen between letters ("per-parameter"): most dashes
        if i < done or text[i + 1 : i + 2] == ">" or text[i - 1 : i] == "<":
            continue  # an arrow, "->" or "<-"
        left = i
        while left and text[left - 1] in " \t":
            left -= 1
        right = i + 1
        while right < len(text) and text[right] in " \t":
            right += 1
        before = text[left - 1] if left else ""
        after = text[right] if right < len(text) else ""
        term = after in _TERM_START or text.startswith("sig", right)
        if (before in _UNARY_AFTER and (after.isalnum() or after in _TERM_START)) or (
            term and (before in _TERM_END or _term_before(text, left))
        ):
            pieces += [text[done:left], " minus "]
            done = right
    return "".join(pieces) + text[done:] if pieces else text


@lru_cache(maxsize=64)
def expand(text: str) -> str:
    """Fold, then open contractions so every negation is a token of its own (kept for
    the last answers: grading one reads its tokens several times)."""
    text = fold(_signs(_code(text[:MAX_CHARS])))
    if "`" in text or not text.isascii():  # the only ASCII one among the apostrophes
        text = _APOSTROPHES.sub("'", text)
    if "'" in text:
        if "n't" in text:  # French elisions have an apostrophe too
            text = _EN_NOT.sub(
                lambda m: (_EN_BASE.get(m.group(1), m.group(1) or "")) + " not", text
            )
        text = _FR_ELISION.sub(lambda m: m.group(1) + "e ", text)
    if "avg" in text:
        text = _AVG.sub("average", text)
    if "grad" in text and _may_square_gradient(text):
        text = _GRAD_SQUARED.sub("g^2", text)
    if "approx" in text:
        text = _APPROX.sub("approximation", text)
    if "apart" in text:
        text = _TELL_APART.sub(r"tell apart \1", text)
    if "donc" in text or "ainsi" in text:
        text = _FR_ADVERB_IN_NEGATION.sub(r"\1 ", text)
    return text


# "decaying avg", "moving avg of g^2": the abbreviation is the word
_AVG = re.compile(r"\bavg\b")


# a squared gradient written as a power of the word ("grad^2", "gradient^2", "grads**2",
# "grad²"): the course's g^2, which every rubric reads
_GRAD_SQUARED = re.compile(r"\b(?:grad|grads|gradient|gradients)(?: ?(?:\^|\*\*) ?2|2)\b")


def _may_square_gradient(text: str) -> bool:
    """False when `_GRAD_SQUARED` cannot match: no power sign, no "grad2" (most answers
    that name a gradient; its regex costs ~5 us a text)."""
    return "^" in text or "**" in text or "d2" in text or "t2" in text or "s2" in text


# "approx gap", "approx. error", "écart d'approx": the abbreviation is the course's noun
# (not "approx 10 steps", an adverb, nor "approx" alone)
_APPROX = re.compile(
    r"\bapprox\b\.?(?= (?:gap|gaps|error|errors)\b)|(?<=ecart de )approx\b|(?<=erreur de )approx\b"
)


# "cannot tell them apart", "can't tell the two distributions apart": the particle verb
# with its object between is the verb ("tell apart them"), read as "tell+apart" is
_TELL_APART = re.compile(r"\btell ((?:[\w-]+ ){0,3}?[\w-]+) apart\b", re.IGNORECASE)


# "ce n'est donc pas uniforme", "il n'y a ainsi plus de bruit": an adverb inside the
# negation, not the connector that would cut "ne" from its "pas" (the claim read as said)
_FR_ADVERB_IN_NEGATION = re.compile(
    r"\b((?:ne|n) \w+(?: \w+)?) (?:donc|ainsi) (?=(?:pas|plus|jamais|guere|point|aucun|aucune)\b)"
)


_EN_BASE = {"ca": "can", "can": "can", "wo": "will", "won": "will"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its tokens and, for each token, the index of its clause."""

    tokens: tuple[str, ...]
    clauses: tuple[int, ...]
    text: str


def sentences(text: str) -> list[Sentence]:
    """Split an answer into sentences of tokens, each token tagged with its clause."""
    return parse(text).sentences


class Parsed(NamedTuple):
    """An answer as `parse` reads it."""

    words: list[str]  # `tokens(text)`
    sentences: list[Sentence]  # `sentences(text)`
    pieces: tuple[tuple[str, ...], ...]  # `words` cut in parts (one a sentence, mostly)


def parse(text: str) -> Parsed:
    """`tokens(text)` and `sentences(text)` at once, each sentence read once per class.

    Sentences part at blanks only, which no token holds: the tokens of the answer are
    those of its sentences, before clauses are cut (what is counted of each sentence may
    be kept), unless an abbreviation was opened ("e.g." is two tokens of the answer, one
    of its sentence): then `pieces` is the answer's tokens, whole."""
    expanded = expand(text)
    prepared = expanded
    if _may_abbreviate(expanded):
        prepared = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), expanded)
    # without a line break only the first alternative can cut (~2% of a warm answer)
    split = _SENTENCE_END.split if "\n" in prepared else _AFTER_STOP.split
    read = list(map(_chunk, split(prepared)))
    found = [sentence for sentence, _ in read if sentence is not None]
    if prepared != expanded:
        words = tokens(text)
        return Parsed(words, found, (tuple(words),))
    pieces = tuple([words for _, words in read])
    if len(pieces) == 1:
        return Parsed(list(pieces[0]), found, pieces)
    return Parsed([token for words in pieces for token in words], found, pieces)


def _may_abbreviate(text: str) -> bool:
    """False when `_ABBREVIATIONS` cannot match: an ASCII text without any of them
    (in other texts, its case folding may see one in letters that are not ASCII)."""
    if "." not in text:  # every abbreviation ends with one
        return False
    if not text.isascii():
        return True
    t = text.lower()
    return (  # written out: this runs for every answer
        "e.g." in t or "i.e." in t or "cf." in t or "vs." in t or "etc." in t
        or "resp." in t or "p.ex." in t or "c.-a-d." in t or "c.a.d." in t
    )  # fmt: skip


# One str per word across the kept sentences and their two token lists (`sys.intern`:
# freed with their last sentence): a worker's 5,000 sheets held 27 MB of the same
# words as new strs, each sentence's twice (issue 17, memory).
_intern = sys.intern


def _untuple(found: re.Match[str]) -> str:
    """A tuple's variables, without the commas and parentheses that cut clauses."""
    inner = found.group(1)
    return f" {inner.replace(',', ' ')} " if inner is not None else f"{found.group(2)} "


@recurring(maxsize=8192)  # ~3 KB a sentence, kept once it is seen again
def _chunk(chunk: str) -> tuple[Sentence | None, tuple[str, ...]]:
    """One sentence (None when it has no token) and its tokens before clauses are cut,
    kept per text: a class writes the same sentences again and again."""
    if tokenised_once(chunk):
        return _chunk_once(chunk)
    if "{" in chunk or "}" in chunk:
        return _chunk_cut(chunk)
    return _chunk_once(_uncut(chunk), chunk)


def _uncut(chunk: str) -> str:
    """`chunk` with a call's parentheses and a tuple's commas turned to blanks, as
    `_chunk_cut` cuts it: each replaces marks that no token holds with blanks, so the text
    has the tokens of `chunk`, and its clauses are those `_chunk_cut` reads."""
    cut = _CALL.sub(r"\1 \2 ", chunk) if "(" in chunk else chunk
    return _TUPLE.sub(_untuple, cut) if "," in cut else cut


def tokenised_once(chunk: str) -> bool:
    """Whether `_chunk_once` reads `chunk` as `_chunk_cut` does: no "(", "{" or "}", and
    no tuple ("x|y,z") whose comma `_chunk_cut` keeps from cutting a clause."""
    if "(" in chunk or "{" in chunk or "}" in chunk:
        return False
    return "," not in chunk or _TUPLE.search(chunk) is None


def _chunk_cut(chunk: str) -> tuple[Sentence | None, tuple[str, ...]]:
    """`_chunk` of any sentence: its clauses tokenised, then its whole text (the
    reference `_chunk_once` is held to, tests/text/test_text_fast_paths.py)."""
    tokens: list[str] = []
    clauses: list[int] = []
    cut = _CALL.sub(r"\1 \2 ", chunk) if "(" in chunk else chunk
    if "," in cut:
        cut = _TUPLE.sub(_untuple, cut)
    for number, clause in enumerate(_CLAUSE_SPLIT.split(cut)):
        found = _TOKEN.findall(clause)
        tokens += map(_intern, found)
        clauses += [number] * len(found)
    words = tuple(map(_intern, _TOKEN.findall(chunk)))
    if not tokens:
        return None, words
    return Sentence(tuple(tokens), tuple(clauses), chunk.strip()), words


# `_CLAUSE_SPLIT` keeping the connector it cut at (None at a punctuation mark or a dash)
_CLAUSE_CUT = re.compile(r"[,;:()\[\]]|\s[-–—]\s|\b(" + "|".join(_CONNECTORS) + r")\b")
_CONNECTOR_TOKENS = {c: tuple(map(sys.intern, _TOKEN.findall(c))) for c in _CONNECTORS}


def _chunk_once(chunk: str, text: str | None = None) -> tuple[Sentence | None, tuple[str, ...]]:
    """`_chunk` of a sentence without "(", "{" or "}", its text tokenised once: no token
    of such a text crosses a clause cut (a token holds none of the marks; a connector
    stands between word boundaries, which only a "{" or "}" can put inside a token), so
    its tokens are its clauses' tokens with the connectors' in between (issue 17, speed:
    the whole sentence was tokenised a second time). `text`: the sentence as written,
    when `chunk` is its `_uncut` (a call's parentheses, a tuple's commas: i17s)."""
    parts = _CLAUSE_CUT.split(chunk)
    tokens: list[str] = []
    clauses: list[int] = []
    words: list[str] = []
    last = len(parts) - 1
    for index in range(0, len(parts), 2):
        found = list(map(_intern, _TOKEN.findall(parts[index])))
        if found:
            tokens += found
            clauses += [index >> 1] * len(found)
            words += found
        if index < last and parts[index + 1] is not None:
            cut = parts[index + 1]
            words += _CONNECTOR_TOKENS.get(cut) or map(_intern, _TOKEN.findall(cut))
    if not tokens:
        return None, tuple(words)
    written = chunk if text is None else text
    return Sentence(tuple(tokens), tuple(clauses), written.strip()), tuple(words)


def originals(text: str) -> list[str]:
    """The sentences of `parse(text)` as the student wrote them (case and accents kept),
    to quote them; the folded ones when the two cuts do not line up."""
    raw = text[:MAX_CHARS]
    raw = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), raw)
    found = [p.strip() for p in _SENTENCE_END.split(raw) if _TOKEN.findall(expand(p))]
    folded = [s.text for s in parse(text).sentences]
    return found if len(found) == len(folded) else folded


chunk = _chunk  # one sentence's text (folded, as `Sentence.text`) read as `parse` does


def clause_tokens(text: str) -> list[str]:
    """The tokens of `text` as a sentence holds them: folded, cut into clauses, the
    connectors dropped (what a pattern's words must be to be seen: `match.unseen`)."""
    return [t for clause in _CLAUSE_SPLIT.split(expand(text)) for t in _TOKEN.findall(clause)]


def cuts_clause(text: str) -> bool:
    """Does `text` hold a clause break (a connector, a comma...)?"""
    return _CLAUSE_SPLIT.search(expand(text)) is not None


def tokens(text: str) -> list[str]:
    """All tokens of a text, folded, in order."""
    return list(_tokens(text))


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(expand(text)))


def segments(text: str) -> list[str]:
    """The pieces between commas, semicolons, bullets, line ends and spaced dashes or
    slashes ("lr adaptatif / somme cumulee / oubli"; not "g/sqrt(v)") (keyword lists)."""
    return [s.strip() for s in _PIECES.split(text) if s.strip()]


_PIECES = re.compile(r"[,;\n•]|\s[-/]\s")


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one string (cue lists, function words)."""
    return frozenset(text.split())
