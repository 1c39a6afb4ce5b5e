"""Concept patterns: the ways students say an idea, matched inside one sentence.

Pattern syntax (rubric data, checked by `compile_pattern` when the rubric loads)::

    pattern      := term (" " term)*     every term in the same sentence, in any order
    term         := alternative ("|" alternative)*  |  "NEG"
    alternative  := word ("+" word)*     words joined by "+" (or "-", "'") follow each other
    word         := letters/digits/_ , optionally "*" at the end (a prefix, 3+ letters)
                    or "=" in front (that exact token: no stemming, no typo tolerance);
                    "^" in front of an alternative's first word: the sentence's first
                    token (a verdict: "^no" is "No, ..." and not "it gets no gradient")

A plain word matches a token with the same English or French stem (snowball), or, for
words of 5 letters or more, a token one edit away (two from 10 letters: typos). A term
preceded in its clause by a negation ("not", "never", "no longer", "without", "instead of",
"rather than", "ne ... pas", "ne ... plus", "sans", "aucun", "au lieu de", "plutôt que",
"non-", ...; not "ne ... que"; "not without", "pas sans" affirm) is negated, and so is
the match, unless "through", "across", "via", "à travers", "with respect to", "par
rapport à" or a comparison ("like", "unlike", "comme", "contrairement") comes in between
(the negated verb's path, or what it is compared with, not the idea: "we cannot
differentiate through the discrete sampling" still says the sampling is discrete, "not
linear like the RBM free energy" still names the RBM's). Write an idea with
its predicate ("early+stopping regulari*"), so that "early stopping is not a regulariser"
denies it. `NEG` asks for a negation in the clause of a matched word: the idea is itself
a negative one ("not differentiable", "ne dépend pas de x"), and the negation is then not
held against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from examgrade.text.normalize import (
    CONNECTORS,
    Sentence,
    clause_tokens,
    cuts_clause,
    expand,
    fold,
    wordset,
)
from examgrade.text.stem import same_stem
from examgrade.text.synonyms import flip, opposites, widen

NEG = "NEG"
_ELISION = re.compile(r"\b([cdjlmnst]|qu)'")
_WORD = re.compile(r"^(\^?)(=?)([a-z0-9_→←.^{}]+)(\*?)$")
_EN_CUES = wordset("not no never without cannot neither nor none nothing nobody")
_FR_CUES = wordset("jamais sans aucun aucune rien ni")
_FR_CLOSERS = wordset("pas plus jamais rien aucun aucune guere point personne ni")
# Where a negation's reach ends inside its clause: the path or the reference of a denied
# verb is not denied ("we cannot differentiate through the discrete sampling", "on ne peut
# pas dériver à travers un tirage discret", "not differentiable with respect to p_i").
_SCOPE_ENDS = wordset(
    "through thru across via travers wrt respect rapport like unlike comme contrairement"
    " cause grace unless sauf except hormis"
)  # "pas garanti à cause de l'écart d'amortissement": the reason is said, not denied;
# "cannot separate them unless linearly separable": the exception is what it does
# Cues of two words: "instead of", "rather than", "au lieu de", "plutôt que" deny what
# follows ("an EMA instead of the sum").
_PAIRED = {"instead": "of", "rather": "than", "plutot": "que"}
_PAIR_HEADS = frozenset({*_PAIRED, "lieu"})  # the tokens `_paired` may be true at
# Every token that may deny what follows it (with "ne" and "non").
_OPENERS = _EN_CUES | _FR_CUES | wordset("ne non pas instead rather lieu plutot minus")
# These deny the next word only: "non-convex"; a formula's minus sign, "1 - sigmoid(a)" is
# not "sigmoid(a)" (normalize spells the sign "minus").
_FLIPS = frozenset({"non", "minus"})


class PatternError(ValueError):
    """A pattern that cannot be read; `reason` is a message code suffix (text.pattern_*)."""

    def __init__(self, reason: str, pattern: str) -> None:
        super().__init__(f"{reason}: {pattern}")
        self.reason = reason
        self.pattern = pattern


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False
    exact: bool = False
    first: bool = False  # only as the first token of its sentence ("^no")


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern: terms, each a tuple of alternatives (tuples of words)."""

    source: str
    terms: tuple[tuple[tuple[Word, ...], ...], ...]
    negative: bool

    def words(self) -> list[Word]:
        return [w for term in self.terms for alt in term for w in alt]


@dataclass(frozen=True)
class Match:
    """One pattern found in one sentence; `negated` when a negation turns it around."""

    pattern: str
    sentence: int
    negated: bool
    fuzzy: bool


@lru_cache(maxsize=4096)
def compile_pattern(source: str) -> Pattern:
    """Read a pattern, or raise `PatternError` saying what is wrong with it."""
    if not isinstance(source, str) or not source.strip():
        raise PatternError("empty", str(source))
    terms = []
    negative = False
    for raw in source.split():
        if raw == NEG:
            if negative:
                raise PatternError("neg_twice", source)
            negative = True
            continue
        alternatives = []
        widened = False
        for alt in raw.split("|"):
            if not alt:
                raise PatternError("empty_alternative", source)
            words = _ELISION.sub(r"\1e+", fold(alt)).replace("-", "+").replace("'", "+")
            alternative = tuple(_word(part, source) for part in words.split("+"))
            if any(w.first for w in alternative[1:]):
                raise PatternError("bad_word", source)  # "^" opens an alternative only
            alternatives.append(alternative)
            elided = _elided(alternative)
            if elided is not None:
                alternatives.append(elided)
            # the other ways of saying it (synonyms.yaml): shared by every idea
            others = () if alternative[0].first else widen(words)
            if others:
                alternatives += map(_member, others)
                widened = True
        terms.append(tuple(dict.fromkeys(alternatives)) if widened else tuple(alternatives))
    if not terms:
        raise PatternError("only_neg", source)
    return Pattern(source, tuple(terms), negative)


def unseen(source: str) -> tuple[str, str, str] | None:
    """The first alternative of a (valid) pattern that no answer can hold, as (alternative,
    word, why), or None: its words written as a student would write them, read as answers
    are read, must give back its words. Why: "connector" (a clause connector is cut out:
    "so+far"), "normalised" (folding opens it: "doesn't" reads "does not"), "lexer" (the
    tokens part it: "g^2" is "g", "2"). An instructor gets no match and no word otherwise."""
    for raw in source.split():
        if raw != NEG:
            for alt in raw.split("|"):
                dead = _dead(alt)
                if dead is not None:
                    return (alt, *dead)
    return None


_PLAIN = re.compile(r"\^?=?[a-z0-9]+\*?(?:\+=?[a-z0-9]+\*?)*")


@lru_cache(maxsize=4096)
def _dead(alt: str) -> tuple[str, str] | None:
    """(word, why) when the alternative `alt` cannot be seen (rubrics repeat alternatives)."""
    if _PLAIN.fullmatch(alt):  # most: plain words read as they are, bar the connectors
        words = alt.lstrip("^").split("+")
        for i, word in enumerate(words):
            pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
            if not word.endswith("*") and (word.lstrip("=") in CONNECTORS or pair in CONNECTORS):
                return word.lstrip("="), "connector"
        return None
    plain = alt.lstrip("^").replace("=", "").replace("*", "s")  # "qui*": "quite"
    folded = _ELISION.sub(r"\1e+", fold(plain)).replace("-", "+").replace("'", "+")
    wanted = [w.strip() for w in folded.split("+")]  # "→" folds to " → "
    written = plain.replace("+", " ")
    read = clause_tokens(written)
    if read == wanted:
        return None
    missing = next((w for w in wanted if w not in read), wanted[0])
    if cuts_clause(written):
        return missing, "connector"
    if expand(written) != fold(written):
        return missing, "normalised"
    return missing, "lexer"


# French elision: "d'oubli" reads "de oubli" (`normalize.expand` opens it), "d oubli" when
# typed without the apostrophe; a pattern may spell it either way ("facteur+d+oubli",
# "facteur d'oubli"), and each way matches both.
_ELIDED = {"d": "de", "l": "le", "n": "ne", "c": "ce", "j": "je", "qu": "que", "m": "me",
           "s": "se", "t": "te"}  # fmt: skip
_FULL = {full: letter for letter, full in _ELIDED.items()}
_VOWELS = tuple("aeiouyh")


@lru_cache(maxsize=4096)
def denials(source: str) -> tuple[str, ...]:
    """The patterns that say `source` by denying its opposite (synonyms.yaml's `denied`):
    'forget* h_0' is also 'NEG remember*|souvien* h_0' ("h_t no longer remembers h_0").
    One per term that has opposites; none for a pattern that is itself a denial (NEG), or
    for a verdict ("^no")."""
    terms = source.split()
    if NEG in terms:
        return ()
    found = []
    for k, raw in enumerate(terms):
        alternatives = [
            _ELISION.sub(r"\1e+", fold(a)).replace("-", "+").replace("'", "+")
            for a in raw.split("|")
        ]
        if any(a.startswith("^") for a in alternatives):
            continue
        others = tuple(dict.fromkeys(o for a in alternatives for o in opposites(a)))
        if others and any(a in others for t in terms for a in t.split("|")):
            continue  # the pattern already says the opposite ("forgetting factor ... sum")
        if others:
            found.append(" ".join([*terms[:k], "|".join(others), *terms[k + 1 :], NEG]))
    return tuple(found)


@lru_cache(maxsize=4096)
def flipped(source: str) -> tuple[str, ...]:
    """The pattern's flipped twin: its one direction term (synonyms.yaml's `opposites`)
    replaced by the opposite direction, "dropout increas* loss" -> "dropout decreas*|...
    loss", what a reversed claim says. No twin for a pattern of one term (nothing anchors the
    opposite word: "continuous relaxation" is no reversed "discrete"), a denial (NEG), a
    verdict ("^no"), a pattern with two direction terms ("large gradients, small steps":
    flipping both says the same) or that already holds the opposite words."""
    terms = source.split()
    if NEG in terms or len(terms) < 2:
        return ()
    folded = [
        [_ELISION.sub(r"\1e+", fold(a)).replace("-", "+").replace("'", "+") for a in t.split("|")]
        for t in terms
    ]
    if any(a.startswith("^") for alternatives in folded for a in alternatives):
        return ()
    found = None
    for k, alternatives in enumerate(folded):
        sides = [flip(a) for a in alternatives]
        if all(s is None for s in sides):
            continue
        if found is not None or any(s == () for s in sides):
            return ()  # two direction terms, or one on both sides
        found = (k, tuple(dict.fromkeys(m for s in sides if s for m in s)))
    if found is None:
        return ()
    k, others = found
    said = {a for alternatives in folded for a in alternatives}
    if said & set(others):
        return ()
    # the twin's other terms anchor what turns the other way: a pronoun anchors nothing
    # ("it gives rare words bigger updates" is no learning rate that grows)
    anchors = []
    for j, alternatives in enumerate(folded):
        if j == k:
            anchors.append("|".join(others))
            continue
        kept = [
            t for t, a in zip(terms[j].split("|"), alternatives, strict=True) if a not in _PRONOUNS
        ]
        if not kept:
            return ()
        anchors.append("|".join(kept))
    return (" ".join(anchors),)


_PRONOUNS = wordset("it its this that they them il elle ils elles ce cela ca celui celle on")


def _elided(alternative: tuple[Word, ...]) -> tuple[Word, ...] | None:
    """The alternative with its elided words spelled the other way ("d" <-> "de" before a
    vowel), or None when it has none."""
    changed = list(alternative)
    for i, word in enumerate(alternative[:-1]):
        after = alternative[i + 1].text
        if word.prefix or word.exact or not after.startswith(_VOWELS):
            continue
        other = _ELIDED.get(word.text) or _FULL.get(word.text)
        if other is not None:
            changed[i] = shared_word(other, False, False, word.first)
    return tuple(changed) if changed != list(alternative) else None


@lru_cache(maxsize=1024)
def _member(text: str) -> tuple[Word, ...]:
    """A synonym class member's words, read once (a member widens many alternatives)."""
    return tuple(_word(part, text) for part in text.split("+"))


def _word(part: str, source: str) -> Word:
    if not part:
        raise PatternError("empty_word", source)
    found = _WORD.match(fold(part).strip())
    if not found:
        raise PatternError("bad_word", source)
    first, exact, text, star = found.groups()
    if star and len(text) < 3:
        raise PatternError("short_prefix", source)
    return shared_word(text, bool(star), bool(exact), bool(first))


_WORDS: dict[tuple[str, bool, bool, bool], Word] = {}
_MAX_WORDS = 65_536  # words kept shared (a rubric set has a few thousand)


def shared_word(text: str, prefix: bool, exact: bool, first: bool) -> Word:
    """The one `Word` of these fields: a rubric's patterns name the same word thousands of
    times once synonyms widen them, and one object per word makes the readings kept
    between runs smaller and numbering an item's words (`Lexicon`) hash each word once
    rather than at every use (issue 17)."""
    key = (text, prefix, exact, first)
    word = _WORDS.get(key)
    if word is None:
        if len(_WORDS) >= _MAX_WORDS:
            _WORDS.clear()
        word = _WORDS[key] = Word(text, prefix=prefix, exact=exact, first=first)
    return word


# Each sentence's flags, shared by the lexicons that scan it and the soft hints that read
# it: the flags depend on its tokens and clauses alone, and one new sentence was denied
# 2 to 4 times over (once per lexicon, once per soft bag; issue 17, speed). Oldest
# forgotten first: an answer asks again within a few sentences.
_NEGATED: dict[tuple[tuple[str, ...], tuple[int, ...]], tuple[bool, ...]] = {}
_MAX_NEGATED = 1_024


def negated_positions(sentence: Sentence) -> tuple[bool, ...]:
    """`denied_positions` of the sentence, worked out once while it is recent."""
    key = (sentence.tokens, sentence.clauses)
    flags = _NEGATED.get(key)
    if flags is None:
        if len(_NEGATED) >= _MAX_NEGATED:
            del _NEGATED[next(iter(_NEGATED))]
        flags = _NEGATED[key] = denied_positions(sentence)
    return flags


def denied_positions(sentence: Sentence) -> tuple[bool, ...]:
    """For each token: is it denied, i.e. preceded in its clause by a negation, with no
    "through", "à travers", "with respect to"... in between? "ne" counts when
    pas/plus/jamais/... close it later in the clause ("ne ... que" does not); "pas"
    alone denies too, as students write French ("pas conseillé", "c'est pas linéaire"),
    unless it is the noun ("le pas", "nombre de pas"); "non" denies only the next word
    ("non-convex"). A negation ends at "and"/"et" when what follows has its own ("il ne
    sature pas et la contrainte n'est pas difficile"), and at a restriction ("rien
    d'autre que la moyenne", "nothing other than": the mean is what it does see)."""
    toks, clauses = sentence.tokens, sentence.clauses
    if not _TOO.isdisjoint(toks) and not _PLAIN_QUALITIES.isdisjoint(toks):
        return _too_plain(toks, _negated(toks, clauses))
    return _negated(toks, clauses)


# "Too simple", "trop simple" is a fault, not the benefit "simple" (q7.a: the TAs give
# "non, trop simple" the verdict only): the quality said in excess is denied.
_TOO = wordset("too trop overly excessively")
_PLAIN_QUALITIES = wordset("simple simplistic simpliste simplistes basic basique basiques")


def _too_plain(toks: tuple[str, ...], flags: tuple[bool, ...]) -> tuple[bool, ...]:
    """`flags` with each plain quality right after "too"/"trop" denied."""
    out = list(flags)
    for i in range(1, len(toks)):
        if toks[i] in _PLAIN_QUALITIES and toks[i - 1] in _TOO:
            out[i] = True
    return tuple(out)


def _negated(toks: tuple[str, ...], clauses: tuple[int, ...]) -> tuple[bool, ...]:
    """`negated_positions` of these tokens, before a quality said in excess."""
    size = len(toks)
    if _OPENERS.isdisjoint(toks):  # most sentences: no negation at all
        if _EXACTLY.isdisjoint(toks) or _INFEASIBLE.isdisjoint(toks):
            return (False,) * size
        return _not_exactly(toks, clauses, [False] * size)
    # closed[j]: a pas/plus/jamais/... comes after token j in its clause (for "ne");
    # fresh[j]: a negation opens after token j in its clause (a new claim denied).
    closed = [False] * size
    fresh = [False] * size
    for j in range(size - 2, -1, -1):
        if clauses[j + 1] == clauses[j]:
            closed[j] = toks[j + 1] in _FR_CLOSERS or closed[j + 1]
            fresh[j] = _opens(toks, j + 1, closed) or fresh[j + 1]
    flags = []
    active = False  # a negation opened earlier in this clause, and still reaching
    until = size  # where a determiner's negation ends ("no diversity | D spots it")
    opened = 0  # where the active negation opened
    start = 0  # where this clause starts
    for i, tok in enumerate(toks):
        if i and clauses[i] != clauses[i - 1]:
            start = i
        if (i and clauses[i] != clauses[i - 1]) or tok in _SCOPE_ENDS or i >= until:
            active, until = False, size
        elif active and tok in _CONCESSIVE and _concedes(toks, i):
            active, until = False, size  # "cannot do it, even at its best": conceded, not denied
        elif active and tok in _FROM and _DISTANCE.intersection(toks[max(0, i - 2) : i]):
            active, until = False, size  # "can't go far from their small init": the origin
        elif active and tok == "→" and toks[i - 1] not in _OPENERS:
            active, until = False, size  # "it doesn't stay bounded -> it explodes": a consequence
        elif active and tok in _JOINS and fresh[i]:
            active, until = False, size  # "... pas et la contrainte n'est pas ...": two claims
        elif active and tok in _RELATIVES and toks[opened] in _WITHOUT and i > opened + 1:
            active, until = False, size  # "sans diversité que D repère": D does spot it
        elif active and tok in _RESTRICT and i and _other_than(toks, i):
            active, until = False, size  # "rien d'autre que", "nothing other than": only
            for k in range(max(0, i - 2), i):  # "other", "autre chose": the restriction's words
                flags[k] = flags[k] and toks[k] not in _OTHER and toks[k] not in _THING
        flags.append(active or (i > 0 and toks[i - 1] in _FLIPS and clauses[i - 1] == clauses[i]))
        if active and tok in _HEDGES and i and toks[i - 1] in _HEDGED:
            until = i + 1  # "not always better than mean-field": the hedge is denied, not the rest
        if active and tok in _ONLY and _only_phrase(toks, i):
            until = i + 1  # "not only the second moment", "pas seulement le": a restriction denied
        if active and tok in _STANDARD and not _COMPARATIVES.isdisjoint(toks[opened:i]):
            until = i + 1  # "not as fast as Adagrad's": Adagrad's is fast
        if active and i and toks[i - 1] in _COMPARED and _NUMBER.fullmatch(tok):
            until = i + 1  # "if rho is not less than 1 the gradient explodes": a condition
        if tok == "sans" and i + 1 < size and toks[i + 1] in _ENDLESS:
            pass  # "sans arrêt", "sans cesse": an adverb (endlessly), no denial
        elif active and tok in _AFFIRMING and i and clauses[i - 1] == clauses[i]:
            active = False  # "not without", "pas sans", "not hard to": a double negation affirms
        elif active and tok in _AVOID and toks[i - 1] in _AVOID_AFTER:
            active = False  # "cannot avoid", "ne peut pas éviter": done
        elif active and tok in _PREDICATE_CUES and _subject_denied(toks, start, opened):
            # "units that are not active are not penalised": the active ones are
            for j in range(opened, i + 1):
                flags[j] = False
            active, until = False, size
        elif (
            tok in _EN_CUES
            or tok in _FR_CUES
            or (tok == "ne" and _ne_denies(toks, clauses, i, closed))
        ):
            if not active:
                opened = i
            if not active and tok in _DETERMINERS and not _adverb_no(toks, i):
                until = max(i + 1 + _DETERMINER_REACH, _predicate_end(toks, clauses, i))
            elif tok not in _DETERMINERS or _adverb_no(toks, i):
                until = size
            if tok in _WITHOUT and i + 1 < size and toks[i + 1] in _LIMITS:
                until = i + 2  # "grows without bound when ρ > 1": unbounded, said
            active = True
        elif not active and tok == "pas" and _bare_pas(toks, i):
            active, until, opened = True, size, i
        elif (tok in _PAIR_HEADS and _paired(toks, i)) or (
            tok in _RESTRICT and _rather(toks, clauses, i)
        ):
            active, until = True, size  # "plutôt une moyenne que la somme": the sum denied
        elif not active and tok == "non" and _denies_phrase(toks, clauses, i):  # "et non la"
            active, until = True, i + 2 + _DETERMINER_REACH
    _deny_subjects(toks, clauses, closed, flags)
    if _EXACTLY.isdisjoint(toks) or _INFEASIBLE.isdisjoint(toks):
        return tuple(flags)
    return _not_exactly(toks, clauses, flags)


# A manner said impossible is denied: "intractable to compute exactly", "impossible à
# calculer exactement" say it cannot be exact (not that nothing can be computed), so the
# claim of exact statistics is not made; "not hard to compute exactly" still makes it.
_EXACTLY = wordset("exactly exact exacte exacts exactes exactement analytically analytiquement")
_INFEASIBLE = wordset(
    "intractable untractable intraitable intraitables infeasible impossible impossibles"
    " hard difficult difficile difficiles"
)


def _not_exactly(
    toks: tuple[str, ...], clauses: tuple[int, ...], flags: list[bool]
) -> tuple[bool, ...]:
    """`flags` with each exactness word denied after an undenied infeasibility word of its
    clause."""
    for i, tok in enumerate(toks):
        if tok in _EXACTLY and not flags[i]:
            flags[i] = any(
                toks[k] in _INFEASIBLE and not flags[k] and clauses[k] == clauses[i]
                for k in range(i)
            )
    return tuple(flags)


# A denied property of the subject in a relative clause, then its denied predicate, in one
# clause: "units that are not active are not penalised", "weights of units that never
# fire are not regularised" say the contrapositive, as a TA reads it (the active ones
# are). The French "qui ne s'activent pas ne sont pas pénalisés" reads the same, but
# taking it cost a held-back answer more than it gave (`--halves`), so it is left out.
_PREDICATE_CUES = wordset("not never cannot")
_RELATIVE = wordset("that which who whose")


def _subject_denied(toks: tuple[str, ...], start: int, opened: int) -> bool:
    """Does the negation opened at `opened` deny a property in a relative clause?"""
    return not _RELATIVE.isdisjoint(toks[max(start, opened - 3) : opened])


# A verdict denied right after its subject denies the subject's phrase too: "2 blocks
# don't work", "two blocks is not enough", "deux blocs ne suffisent pas" say the blocks
# fail, not that they are used; so does a denied use or presence ("momentum is not used
# in Adam", "la correction du biais n'est pas présente"). Only a short phrase that opens
# its clause, then an auxiliary and "not"/"never" (or French "ne" closed later), then a
# verdict on it (works, enough, needed, possible, used...): other predicates ("the sampled
# mask is not differentiable") still take the subject as said; "is not only", "n'est pas seulement"
# restrict rather than deny.
_AUX = wordset(
    "is are was were be been do does did can could will would should must may might has have"
)
_NOT_DENIAL = wordset("only just merely simply necessarily seulement uniquement que qu forcement")
_SUBJECT_REACH = 5
_RESUMING = wordset("it this that they ca cela ce c ils elles il elle")
_VERDICTS = wordset(
    "work works worked working suffice suffices sufficient enough help helps needed necessary"
    " required possible valid correct right true ok okay good adequate appropriate enough"
    " applicable apply applies hold holds succeed succeeds"
    " marche marchent fonctionne fonctionnent suffit suffisent suffisant suffisants"
    " suffisante suffisantes assez necessaire necessaires valable valables valide valides"
    " correct correcte correcte vrai vraie bon bonne adapte adaptee convient conviennent"
    " applique appliquent"
    # use and presence: what is not used is not said ("momentum is not used in Adam", "la
    # moyenne mobile n'est pas utilisée par Adagrad", "bias correction isn't present")
    " used employed applied present included involved done performed there exist exists"
    " existed available part utilise utilisee utilises utilisees employe employee appliquee"
    " presente presents presentes inclus incluse faite faits faites existe existent"
    " disponible"
)


def _deny_subjects(
    toks: tuple[str, ...], clauses: tuple[int, ...], closed: list[bool], flags: list[bool]
) -> None:
    """Flag the short subject phrase before a clause's predicate negation (in place)."""
    start = 0
    for i, tok in enumerate(toks):
        if i and clauses[i] != clauses[i - 1]:
            start = i
        if tok in ("not", "never") and i >= 2 and toks[i - 1] in _AUX:
            end = i - 1
        elif i >= 1 and (tok == "cannot" or (tok == "ne" and closed[i])):
            end = i
        else:
            continue
        if i + 1 < len(toks) and toks[i + 1] in _NOT_DENIAL:
            continue
        verdict = [t for j, t in enumerate(toks[i + 1 : i + 5], i + 1) if clauses[j] == clauses[i]]
        if _VERDICTS.isdisjoint(verdict):
            continue
        if tok == "ne" and i + 2 < len(toks) and toks[i + 2] in _NOT_DENIAL:
            continue  # "n'est pas seulement"
        if not 0 < end - start <= _SUBJECT_REACH:
            continue
        phrase = toks[start:end]
        if any(t in _OPENERS or t in _SCOPE_ENDS or t in _AUX for t in phrase):
            continue
        for j in range(start, end):
            flags[j] = True
        if start and all(t in _RESUMING for t in phrase):  # "deux blocs, ça ne marche pas"
            before = clauses[start - 1]
            head = start - 1
            while head and clauses[head - 1] == before:
                head -= 1
            dislocated = toks[head:start]
            if len(dislocated) <= _SUBJECT_REACH and _OPENERS.isdisjoint(dislocated):
                for j in range(head, start):
                    flags[j] = True


def _opens(toks: tuple[str, ...], j: int, closed: list[bool]) -> bool:
    """Does a negation open at token j ("not", "ne ... pas", a bare "pas")?"""
    tok = toks[j]
    if tok in _EN_CUES or tok in _FR_CUES or (tok == "ne" and closed[j]):
        return True
    return tok == "pas" and _bare_pas(toks, j)


# "Aucun des deux n'a de momentum", "rien ne change", "ni l'un ni l'autre n'oublie": a
# negative subject is the "pas" of the "ne" after it (the verb's phrase denied).
_NEGATIVE_SUBJECTS = wordset("aucun aucune rien personne nul nulle ni")
_SUBJECT_REACH = 5


def _ne_denies(toks: tuple[str, ...], clauses: tuple[int, ...], i: int, closed: list[bool]) -> bool:
    """Is "ne" at token i a negation: closed by "pas", "plus"... later in its clause, or
    after a negative subject a few words before it in its clause?"""
    if closed[i]:
        return True
    return any(
        toks[k] in _NEGATIVE_SUBJECTS and clauses[k] == clauses[i]
        for k in range(max(0, i - _SUBJECT_REACH), i)
    )


def _bare_pas(toks: tuple[str, ...], i: int) -> bool:
    """Is "pas" at token i a negation without its "ne" (not the noun: "le pas", "de pas",
    and not the closer of a "ne" earlier in the sentence)?"""
    if i and (toks[i - 1] in _PAS_NOUN or toks[i - 1].isdigit()):  # "10 pas", "pas a pas"
        return False
    if _step_named(toks, i):  # "point commun : pas adaptatif", "pas d'apprentissage"
        return False
    before = toks[max(0, i - 6) : i]
    if "ne" not in before:
        return True
    # that "ne" already closed ("n'a pas de premier moment (pas de momentum)"): a new one
    after_ne = before[len(before) - before[::-1].index("ne") :]
    return any(t in _FR_CLOSERS for t in after_ne)


# The step named by what follows it, with no article before it (a terse answer's "pas
# adaptatif par coordonnée", "Adagrad : pas d'apprentissage qui décroît"): the noun, as
# "le pas" is. Only the step's own qualities: "pas constant" may deny constancy.
_STEP_QUALITIES = wordset("adaptatif adaptatifs effectif effectifs")


def _step_named(toks: tuple[str, ...], i: int) -> bool:
    """Is "pas" at token i the step, by the words after it?"""
    after = toks[i + 1 : i + 3]
    if after[:1] and after[0] in _STEP_QUALITIES:
        return toks[i + 2 : i + 4] != ("du", "tout")  # "pas adaptatif du tout": denied
    return after == ("de", "apprentissage") or after == ("d", "apprentissage")


# A hedge right after its negation takes the negation alone: "IAF is not always better than
# mean-field", "pas forcément meilleur que le mean-field" still compare IAF with it.
_HEDGES = wordset(
    "always necessarily systematically toujours forcement necessairement systematiquement"
)
_HEDGED = wordset("not pas")
# A restriction right after its negation (or its verb) takes the negation alone: "it is not
# using only the second moment, it also uses the first", "pas seulement le second moment"
# still say the second moment ("que" is left out: "je ne pense pas que" is a conjunction).
_ONLY = wordset("only just merely solely seulement uniquement")


def _only_phrase(toks: tuple[str, ...], i: int) -> bool:
    """Is the restriction at token i a denied "only" before a noun phrase ("not using only
    the second moment")? Not before a verb: "it does not only compare the means" is a
    claim of its own (q7.a's reversed one), left to the rubric."""
    return (
        i + 1 < len(toks)
        and toks[i + 1] in _ARTICLES
        and not _HEDGED.isdisjoint(toks[max(0, i - 2) : i])
    )


# A negation inside a comparison ends with its bound: "when rho is not less than 1 the
# gradient explodes", "s'il n'est pas inférieur à 1 il explose".
_COMPARED = wordset("than lt gt a que")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# What a denied distance is measured from is said: "the weights can't go far from their
# small initialisation", "ne peuvent pas s'éloigner beaucoup de leur initialisation".
_FROM = wordset("from de d du des")
_DISTANCE = wordset("far away loin eloigner eloignent eloigne eloignes depart deviate stray")
_JOINS = wordset("and et")
_RESTRICT = wordset("que than qu")
_OTHER = wordset("autre autres other else")
# "autre chose que", "other things than": the thing named between is the restriction's too.
_THING = wordset("chose choses thing things")


# A concession ends a negation's reach: "mean-field cannot do it even at its best", "ne le
# fait pas même s'il est optimisé" deny the doing, not the best or the optimising ("even
# if", "même si", "même avec"). Not "not even", "même pas", "pas même" (the negation
# stressed), nor the adjective "la même", "les mêmes", "de même" (the same, likewise).
_CONCESSIVE = wordset("even meme")
_CONCEDING = wordset("if when though with si s se quand lorsque lorsqu avec")  # "se": "s'il"
_NOT_CONCEDED = wordset("not no never cannot pas ne plus jamais le la les l un une des du de d")


def _concedes(toks: tuple[str, ...], i: int) -> bool:
    """Is the "even"/"même" at token i a concession (not a stressed negation, not "same")?"""
    if i + 1 < len(toks) and toks[i + 1] in _CONCEDING:
        return True  # "pas même si", "not even if": the condition is conceded all the same
    if toks[i - 1] in _NOT_CONCEDED:
        return False
    return i + 1 >= len(toks) or toks[i + 1] not in _NOT_CONCEDED


def _other_than(toks: tuple[str, ...], i: int) -> bool:
    """Token i ("que", "than") closes "other than", "autre que", "autre chose que"."""
    before = toks[i - 1]
    return before in _OTHER or (before in _THING and i > 1 and toks[i - 2] in _OTHER)


# "pas" after one of these is the noun, a step ("le pas", "son pas", "nombre de pas").
_PAS_NOUN = wordset(
    "le un son sa ce cet du de des les ses leur leurs mon ton nos vos chaque grand grands"
    " petit petits premier premiers meme au aux a quelques plusieurs certains k n m t deux"
    " trois cinq dix cent mille nombre"
)

# After a negation these deny it back: "not without", "pas sans", "never fails to
# detect", "ne manque pas de repérer", "does not lack capacity".
_DOUBLE = wordset(
    "without sans fail fails failed failing manque manquent echoue echouent lack lacks lacking"
)
# Right after the negation, these deny it back too: "can't avoid 2^min(M,K) terms", "on ne
# peut pas éviter" (what follows is done); not further ("can't overfit and avoids ...").
_AVOID = wordset("avoid avoids avoided eviter evite evitent escape echapper")
_AVOID_AFTER = wordset("not cannot never pas plus jamais")
# A denied difference says the same: "they don't differ in the second moment", "no
# difference in the denominator", "ne diffèrent pas par le second moment", "cannot tell
# apart" (what follows is what they share, not what is denied).
_SAMENESS = wordset(
    "differ differs differed differing different difference differences distinct"
    " distinguish distinguishes distinguished distinguishable differe different differents"
    " differente differentes distingue distinguent distinguer"
)
# A denied difficulty or cost says the ease: "it isn't hard to keep Lipschitz", "la
# contrainte n'est pas difficile à imposer", "not expensive to compute" (what follows is
# done, easily).
_HARDSHIP = wordset(
    "hard harder difficult tricky complicated costly expensive slow painful"
    " difficile difficiles dur dure durs complique compliquee compliques couteux couteuse"
    " couteuses cher chere lent lente lents lentes penible"
    # a denied prevention or stop: "nothing prevents p from going to 0", "rien n'empêche
    # p d'aller à 0", "its rate never stops shrinking"
    " prevent prevents prevented preventing stop stops stopped cease ceases empeche empechent"
    " empecher empechait arrete arretent cesse cessent"
)
# A denied comparison denies its term, not its standard: "RMSprop's rate does not shrink as
# fast as Adagrad's", "pas aussi vite que celui d'Adagrad", "no better than IAF" (what
# follows "as", "than", "que" is what the term is measured against, said as it is).
_STANDARD = wordset("as than que qu")
_COMPARATIVES = wordset(
    "as so more less better worse faster slower larger smaller bigger higher lower greater"
    " aussi autant si plus moins meilleur meilleure meilleurs pire mieux"
)
_AFFIRMING = _DOUBLE | _SAMENESS | _HARDSHIP
# "sans" before these is an adverb, "endlessly" ("diminue sans arrêt"): it denies nothing
_ENDLESS = wordset("arret cesse fin relache")
# "no" and "aucun" deny the noun phrase they open, not the rest of the clause: "if a pack
# has no diversity the discriminator spots mode collapse" still spots it.
_DETERMINERS = wordset("no aucun aucune")
# "no longer" is an adverb, not a determiner: it denies the whole predicate as "not" does
# ("the positive phase can no longer be computed exactly", "it can no longer hide its
# collapse"), where "no diversity" denies its noun phrase only (round 23b)
_NO_ADVERBS = wordset("longer")


def _adverb_no(toks: tuple[str, ...], i: int) -> bool:
    """Is this "no" the adverb's ("no longer"), denying its clause?"""
    return toks[i] == "no" and i + 1 < len(toks) and toks[i + 1] in _NO_ADVERBS


# "without"/"sans" denies its noun phrase, not a relative clause on it: in "des paquets
# sans diversité que D repère", "a pack without diversity that D spots", D spots it.
# Right after the cue, "sans que D le voie" is the subjunctive: denied.
_WITHOUT = wordset("sans without")
_RELATIVES = wordset("que qu that dont whom")
# "Without bound", "sans limite" is one word, "unbounded": the negation ends at its noun.
_LIMITS = wordset("bound bounds limit limits end borne bornes limite limites fin")
_DETERMINER_REACH = 3


# A "no" that opens a clause's subject denies its predicate too, however long the noun
# phrase: "when no other constructor is present", "if no constructors have been written",
# "no user-defined constructor is declared" say it is absent, as "no constructor is
# present" does within `_DETERMINER_REACH`. Only an English subject of a few words then an
# auxiliary, the predicate's next two words; not a "no" that opens the sentence (a
# verdict: "No it is ..."), nor across an article or a pronoun (a new subject: "if there
# is no bias correction the estimates are biased"). A modal is an auxiliary too: "no linear
# D can tell them apart", "no diagonal Gaussian could capture it" deny the telling.
_SUBJECT_AUX = wordset("is are was were has have had can could will would may might")
_PASSIVE = wordset("be been being")
_NEW_SUBJECT = wordset("the a an it its this that these those they there he she we you i")
_NOUN_WORDS = 3  # words of the subject after "no"
_PREDICATE_WORDS = 2  # words of the predicate denied after its auxiliary


def _predicate_end(toks: tuple[str, ...], clauses: tuple[int, ...], i: int) -> int:
    """Where the negation of a subject's "no" at token i ends: after its predicate's first
    words, or 0 when "no" opens no subject."""
    if i == 0:
        return 0
    for j in range(i + 2, min(i + 2 + _NOUN_WORDS, len(toks))):
        if any(clauses[k] != clauses[i] or toks[k] in _NEW_SUBJECT for k in range(i + 1, j)):
            return 0
        if toks[j] in _SUBJECT_AUX and clauses[j] == clauses[i]:
            k = j + 1
            while k < len(toks) and toks[k] in _PASSIVE:
                k += 1
            return k + _PREDICATE_WORDS
    return 0


# "non" before an article denies that noun phrase, as "no" does ("une moyenne et non la
# somme", "Adam et non le RMSprop"); before anything else, the next word ("non-convex").
_ARTICLES = wordset("le la les l un une des du de d the a an")


def _denies_phrase(toks: tuple[str, ...], clauses: tuple[int, ...], i: int) -> bool:
    """Is token i a "non" before an article of its clause?"""
    after = i + 1
    return (
        toks[i] == "non"
        and after < len(toks)
        and toks[after] in _ARTICLES
        and clauses[after] == clauses[i]
    )


def _rather(toks: tuple[str, ...], clauses: tuple[int, ...], i: int) -> bool:
    """Is the "que" at token i the second half of a split "plutôt ... que" (what comes
    after it is what is not done)?"""
    for j in range(i - 2, -1, -1):
        if clauses[j] != clauses[i]:
            return False
        if toks[j] == "plutot":
            return True
    return False


def _paired(toks: tuple[str, ...], i: int) -> bool:
    """Is token i the first word of a two-word negation ("instead of", "au lieu")?"""
    tok = toks[i]
    if tok == "lieu":
        return i > 0 and toks[i - 1] == "au"
    follow = _PAIRED.get(tok)
    return follow is not None and i + 1 < len(toks) and toks[i + 1] == follow


def word_matches(word: Word, token: str) -> tuple[bool, bool]:
    """(matches, by typo tolerance) for one pattern word and one folded token."""
    if word.exact:
        return token == word.text, False
    if word.prefix:
        if token.startswith(word.text):
            return True, False
        size = len(word.text)
        typo = (
            size >= 6
            and token.isalpha()
            and any(
                OSA.distance(token[:k], word.text, score_cutoff=1) <= 1
                for k in (size - 1, size, size + 1)
            )
        )
        return typo, typo
    if token == word.text or same_stem(token, word.text):
        return True, False
    size = len(word.text)
    if size >= 5 and token.isalpha() and abs(len(token) - size) <= 2:
        limit = 2 if size >= 10 else 1
        if OSA.distance(token, word.text, score_cutoff=limit) <= limit:
            return True, True
    return False, False
