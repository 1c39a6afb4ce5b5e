"""Score a free-text answer against key ideas: which are found, missed, negated, and
which contradictions it states, with a confidence.

Pure and language-agnostic: ideas carry their own patterns in both languages (rubric
data); this module only applies them. `examgrade.checks.concepts` turns the result into
an outcome with a bilingual checklist.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

from examgrade.text.confidence import Confidence, confidence
from examgrade.text.lang import Language, function_words, language_of
from examgrade.text.lexicon import Lexicon
from examgrade.text.match import (
    Match,
    Pattern,
    Word,
    compile_pattern,
    denials,
    negated_positions,
)
from examgrade.text.nonanswer import is_non_answer, unknown_words
from examgrade.text.normalize import (
    Sentence,
    is_code,
    originals,
    parse,
    segments,
    tokens,
    wordset,
)
from examgrade.text.recurring import recurring
from examgrade.text.retract import rejected, retracted
from examgrade.text.scan import SlotMatches, Table, scan
from examgrade.text.soft import HINT, LONG_WORDS, Bags, Read, hinted
from examgrade.text.soft import build as build_bags
from examgrade.text.subjects import ALL, Entities, bind
from examgrade.text.subjects import words as subject_words


def words_of_relations() -> frozenset[str]:
    return subject_words().relations


IdeaState = Literal["found", "weak", "negated", "missing"]
WEAK_CREDIT = 0.5  # an idea found only by a weak pattern, or in a bare list of keywords
# A bare list of keywords earns at most this share of the points, up to the next half
# point (`list_cap`). A rubric item may set its own (`list_share`): the IFT6135 rubrics
# say 0.4, what their TAs give a list (0.38 of the points on the tuning pool's even
# halves, single and two-grader sets alike; lists' MAE there 0.263 at 0.5, 0.244 at 0.45,
# 0.220 at 0.4, 0.263 at 0.35; round i11kw), no more than a right but little sentence is
# raised to (`RAISE_UPTO`); the Mohler pack's graders give lists more, and it keeps half.
LIST_SHARE = 0.5
# An answer credited with something right, though little (a hint, one idea of five, an idea
# beside a wrong claim), earns at least a fifth of the points: what the TAs give it. On the
# tuning sets such answers (machine 0 < score < 20%) scored 0.13 of the points and their
# TAs 0.27, in every set alike; raising them to 0.2 brings every set closer.
FLOOR_SHARE = 0.2
# An answer whose every idea is given to the wrong entity, nothing else right, names the
# mechanisms: the single TAs of the early tuning sets gave such reversals 0 to 1 of 5, the
# two blind graders of each later set (tuning13-16, as the frozen set is graded) give them
# nothing. At 0 (was 0.1) every two-grader set comes closer, even and odd halves and the
# two sets never tuned on alike (tuning15 0.4608 -> 0.4544, tuning16 0.4902 -> 0.4853), and
# no other set or Mohler figure moves; a part whose graders give more says so per idea
# (`reversed_share`).
REVERSAL_SHARE = 0.0
# An answer that says something right and nothing wrong, though little of the key (one idea
# of three, an idea said vaguely, a right verdict without its reason), earns more from a TA
# than its ideas' weights add up to: on the tuning pool, such answers scored 20-40% of the
# points earned 0.34-0.42 from their TAs against 0.22-0.34 here, on the even and the odd
# halves alike, while above half the two agree. So their credit goes `RAISE_SHARE` of the
# way up to `RAISE_UPTO` of the points: never past it, so a reversed or wrong answer the
# grader did not catch stays below 40%; never with a contradiction, a denied idea or a
# keyword list. Half the way, not all of it: the older labelled sets' graders give such
# answers their ideas' weight, and the odd halves gained little more at 0.75.
# A rubric item may set its own share (`partial_raise`): graders differ here, and an exam's
# pack says how its graders mark (the IFT6135 rubrics: 0, see README).
RAISE_UPTO = 0.4
RAISE_SHARE = 0.5
# A wrong claim (a contradiction the rubric names) costs at least a fifth of what the
# answer earns with it, the credit it withholds included: a TA takes a fixed share off a
# strong answer that also states a misconception ("..., it only compares the means. Its
# gradient also vanishes"), where the claim's own points were a small part of it. On the
# tuning pool, such answers scored 60% or more were 0.10 of the points above their TAs.
CLAIM_SHARE = 0.2
SHORT_WORDS = 6
# Words times the share of the points missed: at 35 (35 words earning nothing, 70 earning
# half) the answer says much the grader did not credit, the best single sign, on the
# tuning sets, that a TA would score it otherwise (r 0.42 with the error, the reasons
# above 0.13 at best): ideas said in other words, or a long answer that is wrong.
UNCREDITED_WORDS = 35
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Idea:
    """A key idea: `patterns` credit it in full, `weak` ones in part."""

    id: str
    points: float
    patterns: tuple[Pattern, ...]
    weak: tuple[Pattern, ...] = ()
    statement: Any = None  # Bilingual, for the checklist
    model: Any = None  # Bilingual: the model answer's key sentence
    # The entity the idea is true of (Adagrad sums the squared gradients): it is
    # credited only in a clause about it, and said of another entity it is a contradiction.
    subject: str | None = None
    entities: Entities | None = None
    # The patterns flipped ("the learning rate increases"): its reversed claim (`_reversals`)
    flipped: tuple[Pattern, ...] = ()
    # The share of its points a full reversal keeps when this idea is the one given to the
    # wrong entity (rubric data, `reversed_share`): the TAs of q3.a give the three
    # mechanisms swapped 1 of 5, those of q5.b split (0 to 1) on theirs, so a part says.
    reversed_share: float = 0.0


@dataclass(frozen=True)
class Contradiction:
    """A statement that contradicts the key ("Adam has no momentum"); costs `points`, at
    least the points of the ideas it `negates`, which it keeps from being credited."""

    id: str
    points: float
    patterns: tuple[Pattern, ...]
    statement: Any = None
    negates: tuple[str, ...] = ()
    subject: str | None = None  # said of this entity (or of every one) only
    entities: Entities | None = None
    quote: str = ""  # the student's sentence that says it
    said_of: str = ""  # a swap: the entity the idea was given to instead of `subject`
    sentence: int = -1  # the index of the sentence that says it
    opposite: bool = False  # a reversed claim: an idea's flipped twin, said (`_reversals`)


@dataclass(frozen=True)
class IdeaResult:
    idea: Idea
    state: IdeaState
    credit: float
    match: Match | None = None


@dataclass(frozen=True)
class TextScore:
    score: float
    ideas: tuple[IdeaResult, ...]
    contradictions: tuple[Contradiction, ...]
    language: Language
    confidence: Confidence
    verdict: Literal["graded", "non_answer", "off_topic"] = "graded"
    details: dict[str, Any] = field(default_factory=dict)
    keyword_list: bool = False  # capped at half the points: say how the terms relate
    floored: bool = False  # raised to `FLOOR_SHARE` of the points: something right, little


def list_cap(points: float, share: float = LIST_SHARE) -> float:
    """What a bare list of keywords earns at most: `share` of the points, up to the next
    half point, as a TA scores (at 0.4: 2 of 5, 1.5 of 3 or 4, 0.5 of 1)."""
    return min(math.ceil(points * share * 2 - 1e-9) / 2, points)


def patterns(sources: Sequence[str]) -> tuple[Pattern, ...]:
    """The compiled patterns, with those that deny an opposite (`match.denials`)."""
    return tuple(compile_pattern(p) for s in sources for p in (s, *denials(s)))


def is_keyword_list(text: str) -> bool:
    """A bare list of terms: no verb or arrow relating them (subjects.yaml, `relations`),
    and no function word at all or short comma-separated pieces with few of them."""
    words = tokens(text)
    return _keyword_list(text, words, function_words(words)[2])


_SYMBOLS = re.compile(r"[=<>≈≤≥⇒+^]")  # "adagrad = somme", "rho < 1 : evanescent", "2^min(M,K)"
_PIECE_ENDS = re.compile(r"[,;\n•]|\s[-/]\s")  # where `segments` cuts a list


# A terse claim is no list: a verdict ("No:", "non,") then a fragment or two that relate
# their terms by a formula or a degree ("no, 2^min(M,K) terms", "non : exponentiel en
# min(M,K)"), or fragments that each judge by a degree ("too simple, not enough capacity").
_VERDICT = re.compile(r"^\s*(?:no|non|nope|yes|oui|si|false|faux|true|vrai)\s*[,:;.!]", re.I)
_FORMULA = re.compile(r"[=<>≈≤≥⇒^]|\w\([^()]*\w[^()]*\)")  # "2^M", "min(M,K)"
_ARGUMENTS = re.compile(r"\([^()]*\)")  # a call's commas cut no fragment
_DEGREE = frozenset(
    ["too", "enough", "trop", "assez", "insufficient", "insuffisant", "insuffisante"]
)
_TERSE_PIECES = 2  # fragments after the verdict
_TERSE_WORDS = 6  # words per fragment


def _terse_claim(text: str) -> bool:
    """A verdict and a related fragment or two, or fragments each of a degree."""
    verdict = _VERDICT.match(text)
    rest = text[verdict.end() :] if verdict else text
    pieces = segments(_ARGUMENTS.sub(lambda m: m.group(0).replace(",", " "), rest))
    if not pieces or len(pieces) > _TERSE_PIECES:
        return False
    if any(len(p.split()) > _TERSE_WORDS for p in pieces):
        return False
    related = [bool(_FORMULA.search(p)) or not _DEGREE.isdisjoint(tokens(p)) for p in pieces]
    return any(related) if verdict else all(related)


def _keyword_list(text: str, words: list[str], function: int) -> bool:
    """`is_keyword_list` of a text with its tokens and their count of function words.
    The terse-claim test comes last: it is the dearest (a substitution and a split of
    the whole answer) and the pieces' tests clear most answers, sentences, first (issue
    17, speed: a tenth of a warm answer's time)."""
    if len(words) < 4 and not _bare_terms(text, words):  # a pair at most: "p -> 0, overfit"
        return _pair_of_names(text, words) and not is_code(text) and not _terse_claim(text)
    if is_code(text):  # its commas, semicolons and " - " are the language's
        return False
    listed = _listed(text, words, function) or _pair_of_names(text, words)
    return listed and not _terse_claim(text)


def _listed(text: str, words: list[str], function: int) -> bool:
    """`_keyword_list`, terse claims aside: by the share of function words and the
    pieces' size (`_by_share`), then by the pieces' structure (`_named`), which tells a
    pile of names with an arrow or a formula among them from a terse answer whose pieces
    relate their terms. Most answers, sentences, stop at the first cheap test (issue 17)."""
    relations = words_of_relations()
    share = function / len(words)
    if _by_share(text, words, share, relations):
        return not _related(text, relations, words)
    return share < _SENTENCE_SHARE and _piled(text) and _named(text, relations, words)


def _by_share(text: str, words: list[str], share: float, relations: frozenset[str]) -> bool:
    """A list by its function words and its pieces' size, or one claim among terms."""
    if _SYMBOLS.search(text) or not relations.isdisjoint(words):
        # a verb, an arrow or a formula relates terms: a claim, unless it is one of a list
        return _one_claim_among_terms(text, relations, share)
    pieces = _halves_joined(segments(text), words)
    if share == 0 and len(words) <= _TERSE_WORDS and len(pieces) < 2:
        return False  # one telegraphic phrase is a claim: "échantillonnage discret non dérivable"
    if share == 0 or share >= 0.4:  # the pieces decide only in between
        return share == 0
    if len(pieces) < 2:
        return False
    size = sum(len(p.split()) for p in pieces) / len(pieces)
    return size <= 3.5 if len(pieces) >= 3 else size <= 3


_HALF_WORDS = (2, 3)  # words in each half of an order said as an idiom


def _halves_joined(pieces: list[str], words: list[str]) -> list[str]:
    """The pieces, each that continues the one before joined to it: an order said as two
    halves ("first in, first out", "a stack: last in, first out", "premier arrivé, premier
    servi": a piece of two or three words opened by an order word, subjects.yaml `order`,
    after a piece whose as many last words open with one too and end with another word;
    "first layer, last layer" names two things), and a time or a place said of the piece
    before ("initialized once, at the first call", "clipping, during training": a piece
    opened by a `setting` word after one that is not), and a term and its gloss ("FIFO,
    first in first out", `_spells`)."""
    found = subject_words()
    order, setting = found.order, found.setting
    if len(pieces) < 2:
        return pieces
    if order.isdisjoint(words) and setting.isdisjoint(words) and all(" " in p for p in pieces):
        return pieces  # most answers: no such word, and no piece of one word (an acronym)
    low, high = _HALF_WORDS
    joined: list[tuple[str, list[str]]] = []  # each piece with its tokens
    for piece in pieces:
        said = tokens(piece)
        n = len(said)
        before = joined[-1][1] if joined else []
        halves = low <= n <= high and said[0] in order and len(before) >= n
        if before and said and said[0] in setting and before[0] not in setting:
            pass  # a circumstance of the piece before
        elif not (halves and before[-n] in order and before[-1] != said[-1]):
            joined.append((piece, said))
            continue
        joined[-1] = (f"{joined[-1][0]} {piece}", [*before, *said])
    glossed: list[tuple[str, list[str]]] = []  # then a term and its gloss, either way round
    for piece, said in joined:
        if glossed and (_spells(glossed[-1][1], said) or _spells(said, glossed[-1][1])):
            glossed[-1] = (f"{glossed[-1][0]} {piece}", [*glossed[-1][1], *said])
        else:
            glossed.append((piece, said))
    return [piece for piece, _ in glossed]


def _spells(acronym: list[str], words: list[str]) -> bool:
    """Is `acronym` one token whose letters are the initials of `words` ("FIFO" and "first
    in first out", "EMA" and "exponential moving average", "PEPS" and "premier entré premier
    sorti")? Then the two pieces are a term and its gloss, one term."""
    if len(acronym) != 1 or not 2 <= len(words) <= _ACRONYM_LETTERS:
        return False
    return acronym[0] == "".join(w[0] for w in words)


_ACRONYM_LETTERS = 6

# What relates a piece's terms to each other or to an entity, beside a verb: an arrow, a
# formula's relation, a conditional ("x|y,z"), a colon or a spaced dash after a head
# ("Adagrad: somme cumulée", "ρ < 1 : évanescent", "push - add to top"). Not "^" ("g^2",
# "2^M" name a quantity), nor "+" or "vs" ("somme vs moyenne" names two terms without
# saying how they differ).
_RELATING = re.compile(r"[=<>≈≤≥⇒→←|~]|\w\s[-–—]\s\w")
_ABSOLUTE = re.compile(r"\|\|?[^\s|,;]+\|\|?")  # "|λ|", "||W||": bars around one token
_HEADED = re.compile(r"\w[^:]{0,40}:\s*\w")  # searched only in a piece with a colon
_COMMAS = re.compile(r"[,;\n•]")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZÀ-Ý])")
_VERSUS = re.compile(r"\s(?:vs\.?|versus)\s", re.I)
_ENUMERATED = re.compile(r"[\w.]{1,2}\.?")  # "x, y, z": one piece with its neighbour
_NAME_WORDS = 5  # a named term's words at most (parentheses aside): longer is a phrase
# Function words at this share or more are sentences, whatever the pieces: French names
# hold many ("taux par paramètre, somme des carrés, pas de fenêtre": a half)
_SENTENCE_SHARE = 0.6
_ASIDE_SHARE = 0.4  # the relating pieces' words below this share: asides among the names


def _piled(text: str) -> bool:
    """Three pieces or more, of a term's size on average: what `_named` needs to find a
    list, counted first without cutting (most answers are sentences; issue 17, speed)."""
    ends = text.count(",") + text.count(";") + text.count("\n") + text.count(". ")
    ends += text.count(" - ") + text.count(" / ") + text.count("•")  # `_pieces`' cuts
    versus = text.count(" vs") + text.count(" versus ")  # "X vs Y": two terms
    if ends + versus < 2:
        return False
    terms = ends + 1 + versus
    if text.count(" ") >= _NAME_WORDS * terms:  # words, about: spaces counted fast
        return False
    first = _FIRST_PIECE.match(text)  # a clause first, most often: a sentence
    return first is None or len(first.group(0).split()) <= 2 * _NAME_WORDS + 1


_FIRST_PIECE = re.compile(r"[^,;\n•(]*[,;\n•]")


def _pieces(text: str) -> list[str]:
    """An answer's pieces, as a list is cut: at commas, semicolons, bullets, line ends
    and sentence ends (at spaced dashes or slashes when there is none of those); a call's
    or a tuple's commas ("(y,z)", "min(M,K)") and an enumeration of one-letter symbols
    ("blocks x, y, z") cut none."""
    flat = _ARGUMENTS.sub(_uncut, text) if "(" in text else text
    # beside commas, a spaced dash or slash is inside a piece: "push - add to top",
    # "vanishing / exploding"; alone, it cuts ("valeurs propres - rayon spectral - ...")
    cut = _COMMAS.split if _COMMAS.search(flat) else segments
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(flat) if ". " in flat else (flat,):
        for piece in filter(None, map(str.strip, cut(sentence))):
            if pieces and _ENUMERATED.fullmatch(piece):
                pieces[-1] += ", " + piece
            else:
                pieces.append(piece)
    return pieces


def _uncut(call: re.Match[str]) -> str:
    return call.group(0).replace(",", " ").replace(";", " ")


def _relates(piece: str, relations: frozenset[str]) -> bool:
    """Does a piece relate its terms (a verb, a connector, a pronoun, a comparative, an
    arrow, a formula, a colon or a dash after a head: `relations` in subjects.yaml and
    `_RELATING`), rather than only name one?"""
    if not relations.isdisjoint(tokens(piece)):
        return True
    # "masque 1[a>0]", "P(x|y,z)" name a term
    formula = _BRACKETS.sub(" ", piece) if "(" in piece or "[" in piece else piece
    if "|" in formula:  # "|lambda_max|", "||W||": an absolute value or a norm, no "given"
        formula = _ABSOLUTE.sub(" ", formula)
    return bool(_RELATING.search(formula)) or (":" in formula and bool(_HEADED.search(formula)))


def _name_sized(piece: str) -> bool:
    """Short enough to be a term or two set against each other ("somme cumulée g^2 vs
    moyenne mobile"), the parentheses' content aside."""
    bare = _ARGUMENTS.sub(" ", piece) if "(" in piece else piece
    sides = _VERSUS.split(bare) if "vs" in bare or "versus" in bare else (bare,)
    return all(len(side.split()) <= _NAME_WORDS for side in sides)


def _named(text: str, relations: frozenset[str], words: list[str]) -> bool:
    """A pile of names, by its structure: three pieces or more (a leading verdict aside:
    "no; 3-way coupling; ..."), each the size of a term, at most a third of which relate
    anything, in less than `_ASIDE_SHARE` of the words ("p_i -> 0, plus de bruit, pas de
    régularisation, surapprentissage"). Sizes first: they are cheap and clear most. Two
    halves of an idiom and a term with its gloss are one piece (`_halves_joined`)."""
    pieces = _halves_joined(_pieces(_unjudged(text)), words)
    terms = len(pieces) + sum(len(_VERSUS.findall(p)) for p in pieces if "vs" in p or "versus" in p)
    if terms < 3 or not all(map(_name_sized, pieces)):
        return False
    if _CLOSING.match(pieces[-1]):  # "by the number, types, and order of their arguments"
        return False  # a sentence's enumeration, closed by its conjunction
    sizes = [_word_count(p) for p in pieces]
    phrased = _heads_named(pieces, [_phrased(p, relations) for p in pieces], relations)
    said = [n for n, p in zip(sizes, phrased, strict=True) if p]
    return 3 * len(said) <= terms and sum(said) < _ASIDE_SHARE * sum(sizes)


_WORD = re.compile(r"\w*[^\W\d]\w*")  # a word has a letter: "->", "0", "<" are a formula's


def _word_count(piece: str) -> int:
    """A piece's words, a formula's symbols and numbers aside: "p_i -> 0" is one word
    beside the names of a list, not three."""
    return len(_WORD.findall(piece)) or 1


def _heads_named(pieces: list[str], phrased: list[bool], relations: frozenset[str]) -> list[bool]:
    """`phrased` (or the pieces' `_relates`) with a head's colon before an enumeration
    taken as naming: "Adam: m, v, beta1, beta2" (a head, its first term, then two bare
    pieces or more) is a list under a heading, where "Adagrad: somme cumulée, le pas tend
    vers 0" relates (its next piece does). Only a piece that relates by its colon alone
    is reread."""
    if not any(":" in p for p in pieces):
        return phrased
    read = list(phrased)
    for i, piece in enumerate(pieces):
        if not phrased[i] or ":" not in piece:
            continue
        bare = 0
        for after in range(i + 1, len(pieces)):
            if phrased[after] or ":" in pieces[after]:
                break
            bare += 1
        if bare >= _ENUMERATION and _by_colon_only(piece, relations):
            read[i] = False
    return read


_ENUMERATION = 2  # bare pieces after a head's colon: an enumeration under it


def _by_colon_only(piece: str, relations: frozenset[str]) -> bool:
    """Does the piece relate by its colon only (no verb, arrow, formula, article)?"""
    return not _phrased(piece.replace(":", " "), relations)


def _phrased(piece: str, relations: frozenset[str]) -> bool:
    """A piece that relates its terms, or a phrase with an article ("based on a control
    statement", "the production step"): a sentence's part, where a list names bare terms."""
    if _relates(piece, relations):
        return True
    words = _BRACKETS.sub(" ", piece) if "(" in piece or "[" in piece else piece
    return not _ARTICLES.isdisjoint(words.lower().split())  # "1[a>0]": a variable, not "a"


_CLOSING = re.compile(r"(?:and|or|et|ou)\s", re.I)
_ARTICLES = frozenset(["the", "a", "an", "le", "la", "les", "un", "une"])


def _related(text: str, relations: frozenset[str], words: list[str]) -> bool:
    """More than a third of the pieces relate their terms: a terse answer, not a list
    ("x|yz, y|xz, z|xy", "Adagrad: somme cumulée, le pas tend vers 0 ; RMSprop: moyenne
    mobile", "yes: richer q but amortized")."""
    pieces = _halves_joined(_pieces(_unjudged(text)), words)
    relating = [_relates(p, relations) for p in pieces]
    if any(relating):
        relating = _heads_named(pieces, relating, relations)
    return 3 * sum(relating) > len(pieces)


def _unjudged(text: str) -> str:
    """The answer after a leading verdict ("no;", "oui,"), which neither names nor relates."""
    verdict = _VERDICT.match(text)
    return text[verdict.end() :] if verdict else text


def _paired(text: str) -> bool:
    """Two pieces, counted fast: one comma or semicolon, no verdict, a few words."""
    ends = text.count(",") + text.count(";")
    return ends == 1 and text.count(" ") < _PAIR_WORDS and _VERDICT.match(text) is None


_PAIR_WORDS = 7  # spaces in a two-piece list at most: two names of three words or so
_QUANTITY = re.compile(r"\^|\w\([^()]*\w[^()]*\)|\d\w*\s*[=<>≤≥]|[=<>≤≥]\s*\w*\d")


def _pair_of_names(text: str, words: list[str]) -> bool:
    """Two terms named side by side, no verdict, no verb, no article, at most one of
    them a relation said as an arrow ("p_i -> 0, surapprentissage", "non dérivable,
    stochastique"): a list as short as lists get. Not two single words ("packs,
    diversity", round i11s3: two key terms may be the answer), not a quantity spelled out
    ("exponentiel, 2^min(M,K)"), which answers; not a term of more than three words, which
    is a phrase; two halves of an idiom or a term and its gloss are one term."""
    if len(words) < 3 or ":" in text or not _paired(text):  # counts first: most answers
        return False  # ("Adam: +momentum, +bias corr.": a head and its glosses)
    pieces = _pieces(text)
    if len(pieces) != 2 or any(_word_count(p) > _PAIR_TERM for p in pieces):
        return False
    if _QUANTITY.search(_ARROW.sub(" ", text)):
        return False
    relations = words_of_relations()
    said = tokens(_ARROW.sub(" ", text))  # a verb relates; one arrow may
    if not relations.isdisjoint(said) or not _ARTICLES.isdisjoint(said):
        return False
    if sum(_relates(p, relations) for p in pieces) > 1:
        return False
    return len(_halves_joined(pieces, words)) == 2  # "first in, first out" is one term


_PAIR_TERM = 3  # a term's words, at most, in a two-piece list
_ARROW = re.compile(r"->|→|=>|⇒")


def _bare_terms(text: str, words: list[str]) -> bool:
    """Three terms or more, one word each, cut by commas ("paquets, concaténation,
    diversité"): a list however few its words."""
    return len(words) >= 3 and len(segments(text)) == len(words)


def _one_claim_among_terms(text: str, relations: frozenset[str], share: float) -> bool:
    """A list whose one piece has a verb or a formula ("jacobienne, unités actives, dépend
    des données, parcimonie"): three pieces or more, each of a few words, few function
    words, and only one piece that relates anything."""
    if share >= 0.2 or len(_PIECE_ENDS.findall(text)) < 2:  # most answers: a sentence
        return False
    pieces = segments(_ARGUMENTS.sub(_uncut, text) if "(" in text else text)  # "min(M,K)"
    if len(pieces) < 3 or any(len(p.split()) > 4 for p in pieces):
        return False
    said = [p for p in pieces if _SYMBOLS.search(p) or not relations.isdisjoint(tokens(p))]
    return len(said) <= 1


def on_topic(text: str, ideas: Sequence[Idea], lexicon: Lexicon | None = None) -> bool:
    """Does the answer use the vocabulary of the ideas at all (two distinct words of 4
    letters or more)? Each token counts as the first word of the rubric it matches, so
    that "gradient" and "gradients" are one word, not two."""
    vocabulary = _vocabulary(ideas)
    lexicon = lexicon or Lexicon(vocabulary)
    return _uses_vocabulary(tokens(text), lexicon, frozenset(lexicon.ids[w] for w in vocabulary))


def _tally(pieces: tuple[tuple[str, ...], ...]) -> tuple[int, int, int, frozenset[str]]:
    """`_counts` of a whole answer, added up from its sentences'."""
    en, fr, function, unknown = _counts(pieces[0])
    for piece in pieces[1:]:
        e, f, n, u = _counts(piece)
        en, fr, function, unknown = en + e, fr + f, function + n, unknown | u
    return en, fr, function, unknown


@recurring(maxsize=8192)  # as `normalize._chunk`: kept once a sentence recurs
def _counts(words: tuple[str, ...]) -> tuple[int, int, int, frozenset[str]]:
    """What is counted of a sentence's tokens, kept per sentence (a class repeats them):
    its English, French and all function words, its `unknown_words`."""
    return (*function_words(words), unknown_words(words))


def _uses_vocabulary(words: list[str], lexicon: Lexicon, numbers: frozenset[int]) -> bool:
    """`on_topic` with the vocabulary's word numbers in `lexicon` already known."""
    seen = set()
    for token in set(words):
        matched = [n for n in lexicon.hits(token) if n in numbers]
        if matched:
            seen.add(lexicon.words[min(matched)].text)
            if len(seen) >= 2:
                return True
    return False


def _vocabulary(ideas: Sequence[Idea]) -> frozenset[Word]:
    """The words that make an answer on topic: the ideas' own, not the names of the
    part's entities (naming Adagrad and RMSprop is what the question does)."""
    return frozenset(_vocabulary_words(ideas))


def _vocabulary_words(ideas: Sequence[Idea]) -> list[Word]:
    """`_vocabulary` as a list, repeats kept: a plan numbers them rather than hash them
    (a Word hashes in Python, ~4,000 of them in the shipped rubrics, issue 17)."""
    names = {p[0] for i in ideas if i.entities for p, _ in i.entities.names if len(p) == 1}
    patterns = [p for idea in ideas for p in (*idea.patterns, *idea.weak)]
    return [w for p in patterns for w in p.words() if len(w.text) >= 4 and w.text not in names]


_LEXICONS: dict[tuple[int, ...], tuple[Any, Lexicon]] = {}


@dataclass(frozen=True)
class _Plan:
    """A rubric item as `score_text` reads it: its patterns numbered in one table (with
    the item's lexicon), each idea's and contradiction's slots, the on-topic words."""

    ideas: tuple[Idea, ...]
    contradictions: tuple[Contradiction, ...]
    table: Table
    strong: tuple[tuple[int, ...], ...]  # per idea
    weak: tuple[tuple[int, ...], ...]  # per idea
    said: tuple[tuple[int, ...], ...]  # per contradiction
    vocabulary: frozenset[int]  # word numbers of `_vocabulary(ideas)`
    missing: tuple[IdeaResult, ...]  # per idea, its result when nothing says it
    entities: Entities | None  # the part's entities, when an idea is bound to one
    by_id: dict[str, Idea]  # the ideas by id (what a contradiction negates)
    elided: tuple[tuple[int, ...], ...] = ()  # per idea: its predicates without its subject
    twins: tuple[tuple[int, ...], ...] = ()  # per idea: its flipped patterns (`Idea.flipped`)

    @cached_property
    def bags(self) -> Bags:
        """The ideas' words, for a hint no pattern found (`soft`): built the first time an
        answer misses an idea beside one it says (~4 ms an item; a sheet whose ideas are
        all found, or `check` of a complete sheet, never pays for it)."""
        return build_bags(self.ideas, self.contradictions, _names_of(self.entities))


def item_lexicon(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> Lexicon:
    """The lexicon of an item's patterns, built once for the same idea objects (the
    `concepts` check reads each rubric item's options once)."""
    return _plan(ideas, contradictions).table.lexicon


def prepare(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> None:
    """Build an item's plan and its soft-hint bags now, as its first answers would: the
    batch does it before forking its workers, each of which built them on its first
    sheets (~20 ms an item, issue 17). Nothing an answer gets depends on when."""
    _plan(ideas, contradictions).bags  # noqa: B018  (a cached property, made now)


def _plan(ideas: Sequence[Idea], contradictions: Sequence[Contradiction]) -> _Plan:
    key = (*map(id, ideas), -1, *map(id, contradictions))
    kept = _LEXICONS.get(key)
    if kept is None:
        if len(_LEXICONS) >= 256:
            _LEXICONS.clear()
        plan = _new_plan(tuple(ideas), tuple(contradictions))
        kept = _LEXICONS[key] = (plan, plan.table.lexicon)
    return kept[0]


def _new_plan(ideas: tuple[Idea, ...], contradictions: tuple[Contradiction, ...]) -> _Plan:
    entries = [*ideas, *contradictions]
    entities = next((e.entities for e in entries if e.subject and e.entities), None)
    elided = tuple(_predicates(i, entities) for i in ideas)
    every = [p for entry in entries for p in entry.patterns + getattr(entry, "weak", ())]
    every += [p for found in elided for p in found]
    every += [p for i in ideas for p in i.flipped]
    lexicon = Lexicon(w for p in every for w in p.words())
    table = Table(every, lexicon)
    return _Plan(
        ideas,
        contradictions,
        table,
        tuple(tuple(map(table.slot, i.patterns)) for i in ideas),
        tuple(tuple(map(table.slot, i.weak)) for i in ideas),
        tuple(tuple(map(table.slot, c.patterns)) for c in contradictions),
        frozenset(lexicon.numbers(_vocabulary_words(ideas))),
        tuple(IdeaResult(i, "missing", 0.0) for i in ideas),
        entities,
        {i.id: i for i in ideas},
        tuple(tuple(map(table.slot, found)) for found in elided),
        tuple(tuple(map(table.slot, i.flipped)) for i in ideas),
    )


def _names_of(entities: Entities | None) -> frozenset[str]:
    """The words that name the part's entities: naming them is what the question does."""
    if entities is None:
        return frozenset()
    return frozenset(w for phrase, _ in entities.names for w in phrase)


def _predicates(idea: Idea, entities: Entities | None) -> tuple[Pattern, ...]:
    """The idea's strong patterns that name the question's subject (the part's default
    entity), without that name: what an answer says of it when it leaves it out ("Yes,
    richer posterior"); credited only in a clause that names no entity, about the
    default subject because nothing was named before it (`_elided`)."""
    if entities is None or entities.default is None:
        return ()
    if idea.subject is not None and idea.subject != entities.default:
        return ()
    firsts = {phrase[0] for phrase, name in entities.names if name == entities.default}
    found = []
    for pattern in idea.patterns:
        terms = pattern.source.split()
        kept = [
            t for t in terms if t == "NEG" or not any(a.rstrip("*") in firsts for a in t.split("|"))
        ]
        rest = [t for t in kept if t != "NEG"]
        if len(kept) < len(terms) and rest:
            found.append(compile_pattern(" ".join(kept)))
    return tuple(found)


def score_text(
    text: str,
    ideas: Sequence[Idea],
    contradictions: Sequence[Contradiction],
    points: float,
    list_is_answer: bool = False,
    raise_share: float = RAISE_SHARE,
    list_share: float = LIST_SHARE,
) -> TextScore:
    """Grade one answer: credit per idea, contradictions deducted, within [0, points].
    `list_is_answer`: the question asks to name things (a rubric option), so a bare list
    of the right terms is a complete answer, not a keyword list to cap. `raise_share`: how
    far a right but little answer goes up towards `RAISE_UPTO` (rubric option
    `partial_raise`). `list_share`: what a keyword list earns at most (`list_cap`, rubric
    option `list_share`)."""
    text = retracted(text)  # "X uses a moving average... no, sorry: it's Y": Y's claim
    text = rejected(text)  # "one might think X, but ...": not the writer's X
    words, answer_sentences, pieces = parse(text)
    en, fr, function, unknown = _tally(pieces)
    language = language_of(en, fr)
    plan = _plan(ideas, contradictions)
    if len(unknown) < 3 and is_non_answer(text):  # see `unknown_words`
        return TextScore(0.0, plan.missing, (), language, confidence([]), "non_answer")
    table = plan.table
    found = table.matches(answer_sentences)
    keyword_list = not list_is_answer and _keyword_list(text, words, function)
    bound: _Bound | None = None
    if plan.entities is not None:
        segments, who, origin = bind(answer_sentences, plan.entities)
        bound = _Bound(table.matches(segments), tuple(who), tuple(origin), tuple(segments))
    said = []
    cases = plan.entities.cases if plan.entities is not None else frozenset()
    for c, slots in zip(contradictions, plan.said, strict=True):
        where = _said(c, slots, table, found, bound, answer_sentences, cases)
        if where is not None:
            said.append(replace(c, quote=_quote(text, where), sentence=where))
    if not keyword_list and any(plan.twins):
        said += _reversals(plan, found, bound, answer_sentences, said, text)
    denied = {i for c in said for i in c.negates} if said else ()
    results = []
    lost = 0.0  # the credit of denied ideas, withheld
    swaps: list[tuple[Idea, int, str]] = []
    for idea, strong, weak, missing in zip(
        ideas, plan.strong, plan.weak, plan.missing, strict=True
    ):
        if idea.subject is None or bound is None:
            best = table.best(strong, found)
            result = _idea(idea, best, table, weak, found, keyword_list, missing)
        else:
            result = _bound_idea(idea, strong, weak, table, bound, keyword_list, missing)
            swaps.extend(_swaps(idea, strong, bound, table))
        if (
            result.state in ("missing", "weak")
            and bound is not None
            and plan.elided
            and not keyword_list
        ):
            slots = plan.elided[len(results)]
            if slots:
                result = _elided(idea, slots, table, bound, plan.entities, result)
        if result.state == "negated" and not keyword_list:
            result = _wrong_claim_denied(idea, result, plan, found)
        if denied and idea.id in denied and result.state != "missing":
            lost += result.credit  # what the claim already cost: not taken twice
            result = IdeaResult(idea, "negated", 0.0, result.match)
        results.append(result)
    # A TA's arithmetic: the wrong claim's idea earns nothing, and the claim costs its points
    # (at least those of the idea it denies) once, counting the credit withheld from it.
    cost = max(_costs(said, plan.by_id) - lost, 0.0) if said else 0.0
    lost_credit, plain_claims = lost, bool(said)  # before the swaps: claims the rubric names
    swap_keep: float | None = None  # what a swapped and denied idea's cost leaves at least
    reversal_only = False  # every idea it names given to the other entity, nothing right
    swapped_ids: set[str] = set()
    if swaps and bound is not None:
        credited = _credited(plan, bound)
        right = {r.idea.id for r in results if r.state == "found"}
        swapped = _swapped(swaps, credited, bound, text, right, plan.entities)
        if swapped:  # said of the wrong entity: never credited, even if said rightly too
            lost = swapped_ids = {c.id.removeprefix("swapped-") for c in swapped}
            # given to the wrong entity and denied of its own ("RMSprop corrects the bias,
            # not Adam"): two wrong claims, and the TAs take the idea's points twice
            # (tuning5/6/8 q3.b: 3 of 5 here, TAs 1 to 1.5), though never below the fifth
            # an answer with something right keeps (reversals with "both adapt" keep it)
            denied_too = [
                r.idea.points for r in results if r.idea.id in lost and r.state == "negated"
            ]
            sure = [c for c in swapped if not _denies(answer_sentences, c.sentence)]
            sure_ids = {c.id.removeprefix("swapped-") for c in sure}
            said_rightly = sum([r.credit for r in results if r.idea.id in sure_ids])
            results = [
                IdeaResult(r.idea, "negated", 0.0, r.match) if r.idea.id in lost else r
                for r in results
            ]
            said.extend(swapped)
            reversal_only = not cost and not any(r.credit for r in results)
            # a swap beside right ideas is a wrong claim, as a misconception the rubric
            # names is: it costs the swapped ideas' points once, the credit withheld from
            # them counted ("RMSprop is the one with momentum ..., Adam adds a bias
            # correction": 3 of 5 here before, TAs 0.75 and 1), never below the fifth an
            # answer with something right keeps; not where the sentence denies anything,
            # whose scope the swap may have misread
            swap_cost = sum([c.points for c in sure]) - said_rightly
            if not reversal_only and (denied_too or swap_cost > 0):
                swap_keep = min(sum([r.credit for r in results]) - cost, points * FLOOR_SHARE)
                cost += max(sum(denied_too), swap_cost)
    if not keyword_list and "missing" in [r.state for r in results]:  # in other words?
        results = _soft(results, plan, bound, answer_sentences, said, denied, len(words))
    if plain_claims:  # a wrong claim beside right ideas costs a share of what they earn
        withheld = lost_credit
        cost = max(cost, CLAIM_SHARE * (sum([r.credit for r in results]) + withheld) - withheld)
    # rounded: a cost equal to the credit left gave float dust (2e-16), which the floor
    # below took for "something right" and raised to a fifth of the points
    credit = round(sum([r.credit for r in results]) - cost, 9)
    if swap_keep is not None:
        credit = max(credit, swap_keep)
    floor = points * FLOOR_SHARE
    floored = 0.0 < credit < floor
    if floored:
        credit = floor
    elif reversal_only and credit <= 0.0:
        # a reversal names the right mechanisms of the wrong entities: the TAs give it a
        # little (0.5 to 1 of 5 for q3.a's Adagrad and RMSprop swapped), less than the floor;
        # a part whose TAs give its reversals more says so per idea (`reversed_share`)
        kept = sum(
            [r.idea.points * r.idea.reversed_share for r in results if r.idea.id in swapped_ids]
        )
        credit = max(points * REVERSAL_SHARE, min(kept, floor))
    if _little_but_right(credit, points, said, keyword_list, results, len(words)):
        credit += raise_share * (points * RAISE_UPTO - credit)
    cap = list_cap(points, list_share) if keyword_list else points
    score = round(min(max(credit, 0.0), cap), 4)
    states = [r.state for r in results]
    reasons: list[str] = []
    if len(words) < SHORT_WORDS:
        reasons.append("short")
    if keyword_list:
        reasons.append("keywords")
    if "weak" in states:
        reasons.append("weak_only" if "found" not in states else "weak")
    if any([r.match.fuzzy for r in results if r.match]):
        reasons.append("typo")
    if any([r.match.pattern == HINT for r in results if r.match]):
        reasons.append("soft")  # a hint no pattern of the rubric found: less sure
    # an idea denied by a contradiction the grader recognised is understood, not a doubt
    explained = {i for c in said for i in (*c.negates, c.id.removeprefix("swapped-"))}
    if any(r.state == "negated" and r.idea.id not in explained for r in results):
        reasons.append("negated")
    if said:
        credited = {r.match.sentence for r in results if r.credit and r.match}
        conflict = any(c.sentence in credited for c in said) and _conflict(
            said, results, plan, answer_sentences
        )
        reasons.append("conflict" if conflict else "contradiction")
    if len(answer_sentences) >= 2 and _unread(answer_sentences, found):
        reasons.append("unread")
    # a language not told is a doubt when the grader recognised nothing plainly: a terse
    # answer whose ideas were found ("|lambda|max<1: vanish; >1: explode") was read
    unread_language = language == "unknown" and not keyword_list
    if unread_language and len(words) >= SHORT_WORDS and "found" not in states:
        reasons.append("language")
    if points and len(words) * (1 - score / points) >= UNCREDITED_WORDS:
        reasons.append("uncredited")
    verdict: Literal["graded", "non_answer", "off_topic"] = "graded"
    if not said and states.count("missing") == len(states):
        if _uses_vocabulary(words, table.lexicon, plan.vocabulary):
            reasons.append("unmatched")
        else:
            verdict = "off_topic"
            reasons = [r for r in reasons if r == "language"]
    return TextScore(
        score,
        tuple(results),
        tuple(said),
        language,
        confidence(reasons),
        verdict,
        {"words": len(words), "cap": cap} if keyword_list else {"words": len(words)},
        keyword_list and verdict == "graded",
        floored and verdict == "graded",
    )


def _little_but_right(
    credit: float,
    points: float,
    said: Sequence[Contradiction],
    keyword_list: bool,
    results: Sequence[IdeaResult],
    words: int,
) -> bool:
    """Something right and nothing wrong, below `RAISE_UPTO` of the points: no
    contradiction or swap said, no idea denied (a denied key idea is a wrong claim to a TA),
    not a bare list of terms, and a sentence of `SHORT_WORDS` words or more (not "Not
    advisable", "the root node": the TAs give a terse answer what it names, and no more)."""
    if said or keyword_list or words < SHORT_WORDS or not 0.0 < credit < points * RAISE_UPTO:
        return False
    return all(r.state != "negated" for r in results)


def _wrong_claim_denied(
    idea: Idea, result: IdeaResult, plan: _Plan, found: SlotMatches
) -> IdeaResult:
    """An idea read as denied in a sentence that denies a wrong claim about the part's
    main entity against it is said, not denied: the negation is the wrong claim's ("D ne
    juge plus les échantillons un par un", "no longer judges each sample on its own": the
    packs, jointly)."""
    if result.match is None:
        return result
    where = result.match.sentence
    default = plan.entities.default if plan.entities is not None else None
    for c, slots in zip(plan.contradictions, plan.said, strict=True):
        # only a claim bound to the part's main entity: a subjectless one is as often
        # hedged ("je ne me souviens plus si on mélange…"), another entity's is a swap;
        # in a part that names no entity, a subjectless claim wholly denied is the
        # answer's own ("y and z are not independent given x": coupled, three blocks)
        if idea.id not in c.negates or (c.subject is None and default is not None):
            continue
        if c.subject is not None and c.subject != default:
            continue
        hits = [negated for slot in slots for i, negated, _ in found.get(slot, ()) if i == where]
        if hits and all(hits):
            return IdeaResult(idea, "found", idea.points, replace(result.match, negated=False))
    return result


def _soft(
    results: list[IdeaResult],
    plan: _Plan,
    bound: _Bound | None,
    sentences: Sequence[Sentence],
    said: list[Contradiction],
    denied: Collection[str],
    size: int,
) -> list[IdeaResult]:
    """The ideas no pattern found that a clause says in other words (`soft`): weak
    credit, beside an idea a pattern found, in a sentence that states no contradiction,
    for an idea bound to an entity in a clause about it; never an idea a contradiction
    of the answer denies."""
    if not any(r.state in ("found", "weak") for r in results):
        return results
    wrong = {c.sentence for c in said}
    credited = [k for k, r in enumerate(results) if r.state in ("found", "weak")]
    bags = plan.bags
    plain: list[Read] | None = None
    origins: list[int] = []
    kept = []
    for index, result in enumerate(results):
        idea = result.idea
        if result.state != "missing" or idea.id in denied:
            kept.append(result)
            continue
        if idea.subject is not None and bound is not None:
            picked = [
                k
                for k, who in enumerate(bound.who)
                if who == idea.subject and bound.origin[k] not in wrong
            ]
            clauses = [bags.clauses(bound.segments[k], whole=True)[0] for k in picked]
            where = [bound.origin[k] for k in picked]
        else:
            if plain is None:
                plain = []
                for number, sentence in enumerate(sentences):
                    if number not in wrong:
                        read = bags.clauses(sentence)
                        plain += read
                        origins += [number] * len(read)
            clauses, where = plain, origins
        found = hinted(bags, index, clauses, credited, size >= LONG_WORDS)
        if found is None:
            kept.append(result)
        else:
            match = Match(HINT, where[found], False, False)
            kept.append(IdeaResult(idea, "weak", idea.points * WEAK_CREDIT, match))
    return kept


def _conflict(
    said: list[Contradiction],
    results: list[IdeaResult],
    plan: _Plan,
    sentences: Sequence[Sentence],
) -> bool:
    """Is a contradiction said in the very clause credited with an idea (or across
    clauses, so that the grader cannot tell them apart)? "Adam has no momentum but it
    corrects the bias" states one in each clause: the grader understood both."""
    slots = {c.id: s for c, s in zip(plan.contradictions, plan.said, strict=True)}
    ideas = {r.idea.id: r for r in results if r.credit and r.match}
    by_idea = {i.id: (*s, *w) for i, s, w in zip(plan.ideas, plan.strong, plan.weak, strict=True)}
    for c in said:
        credited = [r for r in ideas.values() if r.match.sentence == c.sentence]
        if not credited:
            continue
        if c.id not in slots or not 0 <= c.sentence < len(sentences):
            return True  # a swap: said of the wrong entity, in a sentence credited too
        clauses = _clauses(sentences[c.sentence])
        found = plan.table.matches(clauses)
        where = {k for slot in slots[c.id] for k, negated, _ in found.get(slot, ()) if not negated}
        if not where:
            return True  # across clauses: cannot be told apart
        for r in credited:
            said_here = {k for slot in by_idea[r.idea.id] for k, neg, _ in found.get(slot, ())}
            if said_here & where or not said_here:
                return True
    return False


# A comparison orders two things: "A is smaller than B" is "B is larger than A", so a
# clause that compares says no reversed claim by its direction word alone.
_COMPARING = wordset("than compared compare versus vs relative rapport comparee compares")


def _reversals(
    plan: _Plan,
    found: SlotMatches,
    bound: _Bound | None,
    sentences: Sequence[Sentence],
    said: list[Contradiction],
    text: str,
) -> list[Contradiction]:
    """The reversed claims: a clause that says an idea's flipped twin, affirmed, and not
    the idea ("Adagrad's learning rate increases"). The idea is denied there and costs its
    points, as a contradiction does; not where the rubric's own contradictions already
    read the sentence or deny the idea, nor when the answer says the idea itself."""
    taken = {i for c in said for i in c.negates}
    busy = {c.sentence for c in said}
    kept = []
    for n, (idea, twins) in enumerate(zip(plan.ideas, plan.twins, strict=True)):
        if not twins or idea.id in taken:
            continue
        if all(negated for slot in twins for _, negated, _ in found.get(slot, ((0, True, 0),))):
            continue  # no twin said, or only denied ("does not decrease" is no reversal)
        if idea.subject is None or bound is None:
            where = _reversed_in_clauses(n, plan, found, sentences)
        else:
            where = _reversed_in_segments(n, plan, bound)
        if where is None or where in busy:
            continue
        kept.append(
            Contradiction(
                id=f"reversed-{idea.id}",
                points=idea.points,
                patterns=(),
                statement=idea.statement,
                negates=(idea.id,),
                quote=_quote(text, where),
                sentence=where,
                opposite=True,
            )
        )
    return kept


def _reversed_in_clauses(
    n: int, plan: _Plan, found: SlotMatches, sentences: Sequence[Sentence]
) -> int | None:
    """The sentence with a clause that says idea n's twin, affirmed, and neither the idea
    nor another idea (whose words it would be); None when the idea is said anywhere
    (but through its lesser degree: "less expressive" is no "expressive")."""
    strong = plan.strong[n]
    for slot in strong:
        for i, negated, _ in found.get(slot, ()):
            if not negated and not _by_degree(n, plan, sentences[i]):
                return None
    candidates = {
        i for slot in plan.twins[n] for i, negated, _ in found.get(slot, ()) if not negated
    }
    for index in sorted(candidates):
        if _clause_reverses(n, plan, sentences[index], compared=True):
            return index
    return None


def _reversed_in_segments(n: int, plan: _Plan, bound: _Bound) -> int | None:
    """`_reversed_in_clauses` for an idea bound to its subject: the twin said of that
    subject (or of every entity); none when the idea is said of it, or given to another
    (a swap, charged as such). A comparison is read here: its subject is the clause's."""
    idea, strong = plan.ideas[n], plan.strong[n]
    if _swaps(idea, strong, bound, plan.table):
        return None
    for slot in strong:
        for segment, negated, _ in bound.found.get(slot, ()):
            if (
                not negated
                and bound.who[segment] == idea.subject
                and not (bound.segments and _by_degree(n, plan, bound.segments[segment]))
            ):
                return None
    for slot in plan.twins[n]:
        for segment, negated, _ in bound.found.get(slot, ()):
            if negated or bound.who[segment] not in (idea.subject, ALL):
                continue
            if bound.segments and _clause_reverses(n, plan, bound.segments[segment], False):
                return bound.origin[segment]
    return None


def _clause_reverses(n: int, plan: _Plan, sentence: Sentence, compared: bool) -> bool:
    """Does one clause of the sentence say idea n's twin, affirmed, without the words of
    the idea (said and turned: "it does not decrease any more"; but "less expressive"
    turns "expressive") or of another idea (that idea's claim, judged as such)?
    `compared`: not in a comparison either, whose two sides cannot be told apart here."""
    clauses = _clauses(sentence)
    here = plan.table.matches(clauses)
    twins, strong = plan.twins[n], plan.strong[n]
    others = [s for k, slots in enumerate(plan.strong) if k != n for s in slots]
    for k, clause in enumerate(clauses):
        if compared and _COMPARING.intersection(clause.tokens):
            continue
        if not any(i == k and not neg for slot in twins for i, neg, _ in here.get(slot, ())):
            continue
        if any(i == k for slot in strong for i, _, _ in here.get(slot, ())) and not _by_degree(
            n, plan, clause
        ):
            continue
        if any(i == k and not neg for slot in others for i, neg, _ in here.get(slot, ())):
            continue
        return True
    return False


# A lesser degree turns its word around: "less expressive", "moins riche" (not "less
# than", "moins de", "au moins": a bound, a quantity, "at least").
_LESSER = wordset("less moins")
_NOT_DEGREE = wordset("than que de d du des and et")


def _by_degree(n: int, plan: _Plan, sentence: Sentence) -> bool:
    """Is idea n said in the sentence only through words a lesser degree turns around
    ("IAF is less expressive": without "less expressive" the idea is gone), the twin
    being said there?"""
    if not _lesser_only(plan.strong[n], plan.table, sentence):
        return False
    whole = plan.table.matches([sentence])
    return any(not neg for slot in plan.twins[n] for _, neg, _ in whole.get(slot, ()))


def _lesser_only(strong: tuple[int, ...], table: Table, sentence: Sentence) -> bool:
    """Does the sentence say the idea (its strong slots) only through a lesser degree
    ("mean-field is less expressive than IAF": without "less expressive", nothing)?"""
    toks = sentence.tokens
    if _LESSER.isdisjoint(toks):
        return False
    dropped: set[int] = set()
    for i, tok in enumerate(toks[:-1]):
        if tok in _LESSER and toks[i + 1] not in _NOT_DEGREE and (not i or toks[i - 1] != "au"):
            dropped.update((i, i + 1))
    if not dropped:
        return False
    kept = [i for i in range(len(toks)) if i not in dropped]
    rest = Sentence(tuple(toks[i] for i in kept), tuple(sentence.clauses[i] for i in kept), "")
    stripped = table.matches([rest])
    return not any(not neg for slot in strong for _, neg, _ in stripped.get(slot, ()))


def _clauses(sentence: Sentence) -> list[Sentence]:
    """A sentence's clauses, each as a sentence of its own."""
    parts: dict[int, list[str]] = {}
    for token, clause in zip(sentence.tokens, sentence.clauses, strict=True):
        parts.setdefault(clause, []).append(token)
    return [Sentence(tuple(t), (0,) * len(t), " ".join(t)) for t in parts.values()]


def _unread(sentences: Sequence[Any], found: SlotMatches) -> bool:
    """Did the grader miss half the answer: at least two sentences of content (five
    words or more) in which no pattern of the item is found, and no more read than not?"""
    matched = {entry[0] for entries in found.values() for entry in entries}
    content = [i for i, s in enumerate(sentences) if len(s.tokens) >= 5]
    missed = [i for i in content if i not in matched]
    return len(missed) >= 2 and 2 * len(missed) >= len(content)


@dataclass(frozen=True)
class _Bound:
    """An answer cut into segments about one subject each (`subjects.bind`)."""

    found: SlotMatches  # the item's patterns, by slot, in the segments
    who: tuple[str | None, ...]  # per segment: its subject
    origin: tuple[int, ...]  # per segment: its sentence
    segments: tuple[Sentence, ...] = ()  # the segments themselves


def _denied_across(slots: tuple[int, ...], table: Table, sentence: Sentence) -> bool:
    """Is the contradiction's match spread over clauses, one of which denies what it says
    of a term's words? "Le nombre de paramètres ne change pas ; c'est la capacité
    effective qui augmente" says the count does not grow: the growth is the capacity's.
    A match inside one clause, or whose clauses deny nothing after its words, stands."""
    clauses = sentence.clauses
    if clauses[-1] == clauses[0]:
        return False
    scanned = scan([sentence], table.lexicon).sentences[0]
    flags = scanned.negated
    if not any(flags):
        return False
    if any(
        not negated
        for slot in slots
        for _, negated, _ in table.matches(_clauses(sentence)).get(slot, ())
    ):
        return False  # one clause holds it, undenied
    size = len(flags)
    whole = table.matches([sentence])  # a pattern that matches nothing denies nothing
    for slot in slots:
        if slot not in whole:
            continue
        for term in table.lexicon.terms(table.patterns[slot]):
            for alt in term:
                for position, _ in scanned.where.get(alt[0], ()):
                    end = position + len(alt)
                    if end > size or any(
                        alt[k] not in scanned.hits[position + k] for k in range(1, len(alt))
                    ):
                        continue  # not this phrase ("ne marche pas" is a "ne")
                    here = clauses[position]
                    after = range(end, size)  # a phrase's own flip ("minus+2") is said
                    if not flags[position] and any(flags[j] and clauses[j] == here for j in after):
                        return True
    return False


def _cost(c: Contradiction, ideas: dict[str, Idea], charged: set[str] | None = None) -> float:
    """What a contradiction takes off: its points, at least those of what it denies (those
    an earlier claim of the answer already charged for excepted)."""
    denied = [i for i in c.negates if i in ideas and (charged is None or i not in charged)]
    if charged is not None:
        charged.update(denied)
    return max(c.points, sum([ideas[i].points for i in denied]))


def _costs(said: list[Contradiction], ideas: dict[str, Idea]) -> float:
    """What the claims take off together: each its points, and an idea two of them deny
    ("the generator gets the packs", "D judges one sample at a time") is charged once, as a
    TA withholds an idea once however many wrong sentences deny it."""
    charged: set[str] = set()
    return sum([_cost(c, ideas, charged) for c in said])


def _said(
    c: Contradiction,
    slots: tuple[int, ...],
    table: Table,
    found: SlotMatches,
    bound: _Bound | None,
    sentences: Sequence[Sentence] | None = None,
    cases: frozenset[str] = frozenset(),
) -> int | None:
    """The sentence that states the contradiction, if one does (not denied, and for a
    contradiction about one entity, in a clause about it; about one of `cases`, in a
    clause under it)."""
    if c.subject is None or bound is None:
        m = table.best(slots, found)
        if m is None or m.negated:
            return None
        if sentences is not None and _denied_across(slots, table, sentences[m.sentence]):
            return None
        return m.sentence
    # a claim bound to a case ("ρ > 1") is said under that case only: a clause that names
    # none ("h_t forgets h_0") is not the wrong fate given to it
    about = (c.subject, ALL) if c.subject in cases else (c.subject, ALL, None)
    for slot in slots:
        for segment, negated, _ in bound.found.get(slot, ()):
            if not negated and bound.who[segment] in about:
                return bound.origin[segment]
    return None


def _bound_idea(
    idea: Idea,
    strong: tuple[int, ...],
    weak: tuple[int, ...],
    table: Table,
    bound: _Bound,
    keyword_list: bool,
    missing: IdeaResult,
) -> IdeaResult:
    """An idea bound to its subject: found in a clause about it; hinted at (weak) when
    no entity was named before it, or by a weak pattern in any clause; said of another
    entity, it is a swap (`_swaps`)."""
    best: tuple[int, int, int, bool, bool] | None = None  # (rank, slot, segment, neg, fuzzy)
    for strength, slots in ((0, strong), (1, weak)):
        for slot in slots:
            for segment, negated, fuzzy in bound.found.get(slot, ()):
                who = bound.who[segment]
                if who == idea.subject:
                    rank = (0 if not negated else 1) if strength == 0 else (3 if not negated else 4)
                elif (who is None or strength == 1) and not negated:
                    rank = 2 if strength == 0 else 3  # a hint is a hint, whoever it is of
                elif (who == ALL or who is None) and negated:  # "neither ...", "it does not"
                    rank = 1 if strength == 0 else 4
                else:
                    continue
                rank = rank * 2 + fuzzy
                if best is None or rank < best[0]:
                    best = (rank, slot, segment, negated, fuzzy)
    if best is None:
        return missing
    rank, slot, segment, negated, fuzzy = best
    match = Match(table.patterns[slot].source, bound.origin[segment], negated, fuzzy)
    level = rank // 2
    if level == 0:
        credit = idea.points * (WEAK_CREDIT if keyword_list else 1.0)
        return IdeaResult(idea, "weak" if keyword_list else "found", credit, match)
    if level in (1, 4):
        return IdeaResult(idea, "negated", 0.0, match)
    return IdeaResult(idea, "weak", idea.points * WEAK_CREDIT, match)


def _elided(
    idea: Idea,
    slots: tuple[int, ...],
    table: Table,
    bound: _Bound,
    entities: Entities | None,
    result: IdeaResult,
) -> IdeaResult:
    """The idea's predicate, undenied, where the question's subject is left out (not in
    a keyword list: a list has no subject to leave out)."""
    if entities is None:
        return result
    for slot in slots:
        for segment, negated, fuzzy in bound.found.get(slot, ()):
            if negated or bound.who[segment] != entities.default or not bound.segments:
                continue
            if any(
                _names(bound.segments[k], e, entities)
                for k in range(segment + 1)
                for e in entities.order
            ):
                continue  # an entity was named: the clause may be about it
            if not _leaves_out_subject(bound.segments[segment]):
                continue
            match = Match(table.patterns[slot].source, bound.origin[segment], False, fuzzy)
            return IdeaResult(idea, "found", idea.points, match)
    return result


# A verdict opens a terse answer; a clause that still has its subject starts with an
# article or a demonstrative ("No, the true posterior is too complex": the posterior's).
_VERDICT_WORDS = frozenset({"yes", "oui", "yep", "yeah", "si", "absolutely", "definitely"})
_DENYING_VERDICTS = frozenset({"no", "non", "nope", "not"})
_DETERMINED = wordset(
    "the a an this these that those its le la les l un une des ce cet cette ces du de d"
)


def _leaves_out_subject(segment: Sentence) -> bool:
    """Does the clause leave its subject out ("Yes, richer posterior", "oui, + expressif",
    "captures correlations")? Not after a denying verdict ("No, ..."), nor when it opens
    with a noun phrase of its own ("the posterior is complex")."""
    toks = segment.tokens
    if not toks or toks[0] in _DENYING_VERDICTS:
        return False
    start = 1 if toks[0] in _VERDICT_WORDS else 0
    return start < len(toks) and toks[start] not in _DETERMINED


# "RMSprop can also be used with momentum": a variant that exists, not what it does.
_POSSIBLE = (("can", "also"), ("could", "also"), ("peut", "aussi"), ("peut", "egalement"))


def _possible(segment: Sentence) -> bool:
    """Does the clause say what an entity may be made to do, not what it does?"""
    toks = segment.tokens
    return any(toks[i : i + 2] == pair for pair in _POSSIBLE for i in range(len(toks) - 1))


def _swaps(
    idea: Idea, strong: tuple[int, ...], bound: _Bound, table: Table | None = None
) -> list[tuple[Idea, int, str]]:
    """The segments that say the idea, undenied, of another entity or of every one
    (not as a possibility: "RMSprop can also be used with momentum")."""
    found = []
    recalled = idea.entities.references if idea.entities is not None else frozenset()
    for slot in strong:
        for segment, negated, _ in bound.found.get(slot, ()):
            who = bound.who[segment]
            if not negated and who is not None and who != idea.subject and who not in recalled:
                if bound.segments and _possible(bound.segments[segment]):
                    continue
                if (  # "mean-field is less expressive than IAF": IAF's idea, not a swap
                    table is not None
                    and bound.segments
                    and _lesser_only(strong, table, bound.segments[segment])
                ):
                    continue
                found.append((idea, segment, who))
    return found


def _credited(plan: _Plan, bound: _Bound) -> set[tuple[int, str]]:
    """The (segment, subject) pairs where an idea is said, undenied, of its own subject
    (a shared idea: of both): a swap there is the student describing that subject in
    overlapping words ("RMSprop replaces the sum with a moving average"). Said, not
    hinted: a weak word ("decays") does not excuse a swap beside it ("the latter sums all
    past squared gradients so its step decays")."""
    credited = set()
    for idea, strong in zip(plan.ideas, plan.strong, strict=True):
        subject = idea.subject or ALL
        for slot in strong:
            for segment, negated, _ in bound.found.get(slot, ()):
                if not negated and bound.who[segment] == subject:
                    credited.add((segment, subject))
    return credited


def _swapped(
    swaps: list[tuple[Idea, int, str]],
    credited: set[tuple[int, str]],
    bound: _Bound | None,
    answer: str,
    right: Collection[str] = (),
    entities: Entities | None = None,
) -> list[Contradiction]:
    """A contradiction per idea said of another entity ("you give RMSprop what Adagrad
    does"), unless that clause also states what the other entity does itself. It costs
    the idea: never credited, even where the answer also says it of the right entity,
    unless the clause only inherits the other entity (a pronoun that may refer to either:
    "..., whereas weight decay is uniform. It also favours sparse codes")."""
    said: dict[str, Contradiction] = {}
    for idea, segment, who in swaps:
        if idea.id in said or (segment, who) in credited or bound is None:
            continue
        if idea.id in right and entities and not _names(bound.segments[segment], who, entities):
            continue
        said[idea.id] = Contradiction(
            id=f"swapped-{idea.id}",
            points=idea.points,
            patterns=(),
            statement=idea.statement,
            subject=idea.subject,
            entities=idea.entities,
            quote=_quote(answer, bound.origin[segment]),
            said_of=who,
            sentence=bound.origin[segment],
        )
    return list(said.values())


def _denies(sentences: Sequence[Sentence], index: int) -> bool:
    """Does the sentence deny anything? A swap read in a sentence with a negation may be
    the grader's misreading of its scope ("ce n'est pas uniforme comme le weight decay")."""
    return 0 <= index < len(sentences) and any(negated_positions(sentences[index]))


def _names(segment: Sentence, entity: str, entities: Entities) -> bool:
    """Does the segment name the entity itself (not through a pronoun)?"""
    toks = segment.tokens
    for phrase, name in entities.names:
        if name == entity:
            size = len(phrase)
            if any(toks[i : i + size] == phrase for i in range(len(toks) - size + 1)):
                return True
    return False


def _quote(answer: str, index: int) -> str:
    """The sentence of the answer that says it, as the student wrote it (shortened)."""
    written = originals(answer)
    text = " ".join(written[index].split()) if index < len(written) else ""
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _idea(
    idea: Idea,
    strong: Match | None,
    table: Table,
    weak_slots: tuple[int, ...],
    found: SlotMatches,
    keyword_list: bool,
    missing: IdeaResult,
) -> IdeaResult:
    """The idea's state from its plainest strong match, else its plainest weak one (the
    first of `search`'s list, for each)."""
    if strong is not None and not strong.negated:
        credit = idea.points * (WEAK_CREDIT if keyword_list else 1.0)
        return IdeaResult(idea, "weak" if keyword_list else "found", credit, strong)
    if strong is not None:  # said, and denied: a weak hint elsewhere does not make up for it
        return IdeaResult(idea, "negated", 0.0, strong)
    weak = table.best(weak_slots, found)
    if weak is not None and not weak.negated:
        return IdeaResult(idea, "weak", idea.points * WEAK_CREDIT, weak)
    if weak is not None:
        return IdeaResult(idea, "negated", 0.0, weak)
    return missing
