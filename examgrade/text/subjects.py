"""Who each clause of an answer is about: the subject a rubric binds an idea to.

A part may name its entities (Adagrad and RMSprop) and bind an idea to one of
them: "RMSprop sums all past squared gradients" then gives RMSprop what Adagrad does.
An answer is cut into clauses at connectors ("whereas", "alors que", "and", ";", ...);
each clause is about the first entity it names, unless that entity follows a contrast
word ("unlike Adagrad", "comme Adagrad", "than Adam"), or about every entity ("both",
"les deux", "neither", "Adagrad and RMSprop"); a clause that names none is about the
subject before it (a pronoun, an elided subject: "..., so its rate decreases"), and a
relative clause ("which", "qui") about the entity named last. Consecutive clauses about
the same subject make one segment, matched against the patterns like a sentence.

The words are data (subjects.yaml), the entities rubric data; the mechanism is generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

from examgrade.text.normalize import Sentence, chunk, fold, wordset
from examgrade.text.recurring import recurring

ALL = "*"  # the subject of a clause about every entity ("both", "les deux")
_TOKEN = re.compile(r"→|←|\d+(?:\.\d+)+|[a-z0-9]+(?:_[a-z0-9{}]+)*")
_OF = frozenset({"of", "de", "d", "du", "des"})
_CALL = re.compile(r"(\w)\(([^()]{0,40})\)")  # "eig(W) < 1", "rho(W)": no clause boundary
_AND = frozenset({"and", "et", "or", "ou", ",", "&"})
MAX_SEGMENTS = 64  # per answer: a very long answer is matched as it is beyond that


@dataclass(frozen=True)
class Words:
    """The lists of subjects.yaml as tuples of folded tokens."""

    both: frozenset[tuple[str, ...]]
    contrast: frozenset[tuple[str, ...]]
    relative: frozenset[str]
    connectors: tuple[str, ...]
    fillers: frozenset[str]
    not_both: frozenset[str]
    relations: frozenset[str]
    elliptic: frozenset[str]
    opposed: frozenset[tuple[str, ...]]
    # "the former", "the latter": a part's first or second entity (`_ordinal`)
    ordinals: tuple[tuple[tuple[str, ...], int], ...] = ()
    # verbs of giving: the entity after "to"/"au" is their recipient, not a foil (`_mentions`)
    giving: frozenset[str] = frozenset()
    # "A is (basically) B that ...": copulas and hedges of an identity (`_identity`)
    identity: frozenset[str] = frozenset()
    # the words that open each half of an order said as an idiom ("first in, first out")
    order: frozenset[str] = frozenset()
    # the words that open a time or a place said of the piece before ("at the first call")
    setting: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def words() -> Words:
    """subjects.yaml, read once (when the first bound idea is graded)."""
    import yaml

    path = Path(__file__).with_name("subjects.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    def plain(key: str) -> list[str]:  # written folded: lower case is all that is left
        return [str(w).lower() for w in raw[key]]

    def phrases(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(w.split("+")) for w in plain(key))

    return Words(
        phrases("both"),
        phrases("contrast"),
        frozenset(plain("relative")),
        tuple(w.replace("+", " ") for w in plain("connectors")),
        frozenset(plain("fillers")),
        frozenset(plain("not_both")),
        frozenset(plain("relations")),
        frozenset(plain("elliptic")),
        phrases("opposed"),
        tuple((p, 0) for p in phrases("former")) + tuple((p, 1) for p in phrases("latter")),
        frozenset(plain("giving")),
        frozenset(plain("identity")),
        frozenset(plain("order")),
        frozenset(plain("setting")),
    )


@dataclass(frozen=True, eq=True)
class Entities:
    """A part's entities: each id and the phrases (folded token tuples) that name it."""

    names: tuple[tuple[tuple[str, ...], str], ...]  # (phrase, entity id), longest first
    labels: tuple[tuple[str, str, str], ...] = ()  # (entity id, English, French name)
    default: str | None = None  # what an answer is about before it names an entity
    cases: frozenset[str] = frozenset()  # entities that name a case ("ρ < 1"), not an agent
    order: tuple[str, ...] = ()  # the agents as the rubric lists them (the question's order)
    # entities recalled for contrast only ("for the RBM, the hidden units don't interact"):
    # an idea said of one is neither credited nor given to it (no swap)
    references: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        aliases: dict[str, list[str]],
        labels: dict[str, tuple[str, str]] | None = None,
        default: str | None = None,
        cases: frozenset[str] = frozenset(),
        references: frozenset[str] = frozenset(),
    ) -> Entities:
        names = [
            (tuple(fold(a).replace("-", "+").replace("'", "+").split("+")), entity)
            for entity, phrases in aliases.items()
            for a in phrases
        ]
        shown = tuple((e, *labels[e]) for e in aliases) if labels else ()
        order = tuple(e for e in aliases if e not in cases)
        names_ = tuple(sorted(names, key=lambda n: -len(n[0])))
        return cls(names_, shown, default, cases, order, references)

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """The fields' hash (the dataclass's own), once: every sentence's segments are
        looked up by their entities (`segments`' memo), and hashing the name phrases
        each time was ~3% of a warm answer (issue 17, speed)."""
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its hash: a str's hash differs in the process that reads it."""
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    @cached_property
    def starts(self) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The names by their first word (most tokens name no entity)."""
        found: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, name in self.names:
            found.setdefault(phrase[0], []).append((phrase, name))
        return {k: tuple(v) for k, v in found.items()}

    def opposite(self, case: str) -> str | None:
        """The other case of a part that names two ("ρ < 1" and "ρ > 1"): what a denied
        case says ("not below 1", "no eigenvalue above 1")."""
        others = [c for c in sorted(self.cases) if c != case]
        return others[0] if len(self.cases) == 2 and len(others) == 1 else None

    def has(self, entity: str) -> bool:
        return any(name == entity for _, name in self.names)

    def label(self, entity: str) -> tuple[str, str]:
        """The entity's name in English and French (its id when the rubric gave none)."""
        for name, en, fr in self.labels:
            if name == entity:
                return en, fr
        return entity, entity


@lru_cache(maxsize=1)
def _both_starts() -> frozenset[str]:
    return frozenset(p[0] for p in words().both)


Phrases = dict[str, tuple[tuple[str, ...], ...]]


def _by_first(phrases: frozenset[tuple[str, ...]]) -> Phrases:
    """The phrases by their first word, longest first: a token is compared with the few
    phrases it may start, not with every one (issue 17, speed), and "both of them" is
    read whole before "both", whatever order the set's hashing gives (the run's hash
    seed once decided which phrase a walk over the set found first)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        found.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def _starting() -> tuple[Phrases, Phrases]:
    """The "both" and the contrast phrases by their first word (`_by_first`)."""
    w = words()
    return _by_first(w.both), _by_first(w.contrast)


@lru_cache(maxsize=1)
def _splitter() -> re.Pattern[str]:
    joined = "|".join(re.escape(c) for c in sorted(words().connectors, key=len, reverse=True))
    return re.compile(rf"([,;:()\[\]→]|\s[-–—]\s|\b(?:{joined})\b)")  # "→": "so"


def _at(toks: list[str], i: int, phrases: Phrases) -> int:
    """The length of a phrase of `phrases` (by first word) starting at token i (0: none)."""
    for phrase in phrases.get(toks[i], ()):
        if tuple(toks[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _mentions(toks: list[str], entities: Entities) -> list[tuple[int, int, str, bool]]:
    """(start, end, entity, compared) of each entity or "both" named in a clause;
    `compared` when a contrast word comes right before it (within three tokens)."""
    w = words()
    found: list[tuple[int, int, str, bool]] = []
    starts = entities.starts
    both = _both_starts()
    # "the latter" needs "latter": most clauses hold a "the", few an ordinal's last word
    ordinals = len(entities.order) == 2 and not _ordinal_words().isdisjoint(toks)
    if (  # most clauses name no one: three set tests instead of a walk over the tokens
        starts.keys().isdisjoint(toks) and both.isdisjoint(toks) and not ordinals
    ):
        return found
    both_phrases, contrasts = _starting()
    i = 0
    while i < len(toks):
        size, entity = 0, ""
        tok = toks[i]
        if tok in _ORDINAL_HEADS and ordinals:
            size, entity = _ordinal(toks, i, entities, w)
        if not size and tok not in starts and tok not in both:
            i += 1
            continue
        for phrase, name in starts.get(tok, ()) if not size else ():
            if tuple(toks[i : i + len(phrase)]) == phrase:
                size, entity = len(phrase), name
                break
        if not size:
            size = _at(toks, i, both_phrases)
            if size and not _about_both(toks, i, size, found):
                size = 0  # "both moment estimates", "divides both by": not the entities
            elif size and toks[i] in _ONE_OF and not _names_one(toks[i + size :], starts):
                size = 0  # "either all real or all generated": a choice, not the entities
            entity = ALL if size else ""
        if not size:
            i += 1
            continue
        compared = any(
            tuple(toks[j : j + len(p)]) == p
            # "as in an RBM": the phrase may end on the name's first word ("in+an+rbm")
            and j + len(p) <= i + (len(p) > 1)
            and j + len(p) >= i - (_DENIED_REACH if p in _DENIALS else 2)
            and not (p in _TOPICS and all(t in w.fillers for t in toks[:j]))
            and not (p in _RECIPIENT and any(t in w.giving for t in toks[max(0, j - 3) : j]))
            and not (p == _QUE and _COMPARATIVES.isdisjoint(toks[:j]))
            for j in range(max(0, i - 4), i)
            for p in contrasts.get(toks[j], ())
        )
        if entity in entities.cases:
            compared = False  # "with ρ < 1": about it
            if _denied_case(toks, i):  # "if ρ is not < 1", "no eigenvalue > 1": the other
                entity = entities.opposite(entity) or entity
        found.append((i, i + size, entity, compared))
        i += size
    return found


_ORDINAL_HEADS = frozenset({"the", "ce", "cette", "le", "la"})
# after "le premier", "the latter": a noun it qualifies ("le premier moment", "le second
# terme", "la première itération"), not one of the entities
_ORDINAL_NOUNS = frozenset(
    {"ordre", "order", "pas", "iteration", "iterations", "etape", "etapes", "temps",
     "gradient", "gradients", "fois", "one", "ones", "un", "une", "de", "des", "du"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _ordinal_words() -> frozenset[str]:
    """The last word of each ordinal phrase: a clause holding none of them names no
    entity by its rank (`_ordinal` finds nothing there; issue 17, speed)."""
    return frozenset(phrase[-1] for phrase, _ in words().ordinals)


def _ordinal(toks: list[str], i: int, entities: Entities, w: Words) -> tuple[int, str]:
    """(size, entity) of "the former", "the latter", "ce dernier", "le premier"... at token
    i, in a part of two agents: the first or the second as the question names them
    ("Both are adaptive. The latter sums all past squared gradients" is RMSprop's)."""
    for phrase, index in w.ordinals:
        size = len(phrase)
        if tuple(toks[i : i + size]) == phrase:
            after = toks[i + size] if i + size < len(toks) else ""
            if after in w.not_both or after in _ORDINAL_NOUNS:
                return 0, ""
            return size, entities.order[index]
    return 0, ""


# A case denied in its own condition is the other case: "if the spectral radius is not
# below 1" (above), "as long as no eigenvalue has modulus > 1" (all below), "si aucune
# valeur propre n'a un module > 1"; the condition opens at "if", "when", "as long as"...
# or at the clause's start, so "it does not explode when ρ < 1" keeps its case; "unless"
# opens one too: "it is not stable unless every |λ| < 1" names the case ρ < 1.
_CONDITIONS = frozenset(
    {"if", "when", "whenever", "once", "as", "si", "quand", "lorsque", "lorsqu", "tant", "des"}
    | {"unless", "provided"}
)
_CASE_DENIALS = frozenset(
    {"not", "no", "never", "none", "cannot", "aucun", "aucune", "pas", "jamais", "nothing"}
)


def _denied_case(toks: list[str], i: int) -> bool:
    """Is the case named at token i denied in its condition (an odd number of denials
    between the condition's opening word and it)?"""
    start = 0
    for j in range(i - 1, -1, -1):
        if toks[j] in _CONDITIONS:
            start = j + 1
            break
    return sum(t in _CASE_DENIALS for t in toks[start:i]) % 2 == 1


# A denial right before a name (an article between at most) leaves it out of the subject:
# "Adam, not RMSprop, uses momentum"; further away it denies the verb, whose agent the
# name is ("a moving average is not used by Adagrad").
_DENIALS = frozenset({("not",), ("non",), ("pas",)})
# "With RMSprop the sum keeps growing", "avec Adagrad, ...": a clause opened by "with" and
# a name is about that name (a topic), "as with Adagrad" or "X with Y" compares.
_TOPICS = frozenset({("with",), ("avec",)})
# after a verb of giving, these name who receives: "on donne au générateur des paquets",
# "packs are fed to the generator" are about the generator, not a comparison with it
_RECIPIENT = frozenset({("to",), ("a",), ("au",), ("aux",)})
_DENIED_REACH = 1
# French "que" compares only after a comparative or a restriction ("plus flexible que
# l'IAF", "ne ... que"); after a verb it opens what is said ("je pense que l'IAF est plus
# flexible", "on voit que RMSprop oublie"), whose subject the name is
_QUE = ("que",)
_COMPARATIVES = frozenset(
    {
        "plus",
        "moins",
        "aussi",
        "autant",
        "meilleur",
        "meilleure",
        "meilleurs",
        "meilleures",
        "mieux",
        "pareil",
        "pareille",
        "pareils",
        "pareilles",
        "pire",
        "pires",
        "davantage",
        "meme",
        "memes",
        "autre",
        "autres",
        "ne",
        "n",
    }
)

_ONE_OF = frozenset({"either"})  # about the entities only when it names them


def _names_one(toks: list[str], starts: dict) -> bool:
    """Does an entity come next ("either Adam or RMSprop", not "either all real or ...")?"""
    fillers = words().fillers
    return next((t in starts for t in toks if t not in fillers), False)


_BOTH_AFTER = frozenset({"they", "are", "were", "do", "ils", "elles", "sont", "font"})


def _about_both(toks: list[str], i: int, size: int, before: list) -> bool:
    """Is the "both" at token i about the entities? At the start of its clause, after
    an entity or "they/are", or a French floating "tous (les) deux"; not when a noun it
    qualifies follows ("both moment estimates")."""
    w = words()
    if i + size < len(toks) and toks[i + size] in w.not_both:
        return False
    if toks[i] in ("tous", "toutes") or all(t in w.fillers for t in toks[:i]):
        return True
    return toks[i - 1] in _BOTH_AFTER or bool(before and before[-1][1] == i)


_TOPIC = frozenset({"pour", "for", "quant", "a", "en", "as", "in"})
_ONLY = frozenset({"only", "by", "par", "seulement", "uniquement"})
_DENY = frozenset({"not", "no", "ne", "pas", "non", "never", "jamais", "ni", "nor", "neither"})


def _bare_denial(toks: list[str], mentions: list, w: Words) -> bool:
    """Is the clause only a denied name ("not RMSprop", "pas Adagrad")?"""
    if len(mentions) != 1 or not mentions[0][3]:
        return False
    start, end = mentions[0][0], mentions[0][1]
    rest = toks[:start] + toks[end:]
    return any((t,) in _DENIALS for t in rest) and all(
        (t,) in _DENIALS or t in w.fillers for t in rest
    )


def _has_it(toks: list[str]) -> bool:
    """Does the clause say "l'a" (has it: its "a" reads as a filler)?"""
    return "a" in toks and any(
        toks[i : i + 2] in (["l", "a"], ["le", "a"]) for i in range(len(toks) - 1)
    )


def _elliptic(toks: list[str], named: list[int], w: Words) -> int | None:
    """A clause that only names an entity and a polarity ("RMSprop non", "Adam oui",
    "RMSprop's does not", "Adam too") says the claim before it of that entity: 1 when
    it denies it, 0 when it affirms it, None when the clause says more."""
    rest = [t for i, t in enumerate(toks) if i not in named and t not in w.fillers]
    if rest and all(t in _ONLY for t in rest):
        return 0  # "..., only by Adam", "seulement par Adam" (not "it is just weight decay")
    has_it = _has_it(toks)
    if not (rest or has_it) or not all(t in w.elliptic for t in rest):
        return None  # ("Adam l'a": "has it", its "a" a filler)
    if all(t in _TOPIC for t in rest) and not has_it:
        return None  # "pour Adagrad, on somme ...", "quant à Adam, ...": a topic opens
    return int(any(t in _DENY for t in rest))


# Formulas name entities too ("P(y,z|x)", "x ⊥ z | y"): a conditioning bar reads
# "given", a pair ("y and z", "y,z", "(y, z)", "{x,y}") is one mention, not clauses cut at
# its "and" or comma, and the whole set of three ("E(x,y,z)") names none of them. A comma
# and a space outside brackets still end a clause ("given z, x and y are coupled").
_LETTER = r"(?<![a-z0-9_])([b-z])"
_PAIR = re.compile(_LETTER + r"\s+(?:and|et|&)\s+([b-z])(?![a-z0-9_])")
# A pair written by components ("y_j and z_k", "y_{j} et z_k") is the same mention: its
# letters, then the components as written (the patterns read them).
_INDEXED_PAIR = re.compile(
    _LETTER + r"(_[a-z0-9{}]+)\s+(?:and|et|&)\s+([b-z])(_[a-z0-9{}]+)(?![a-z0-9_])"
)
_TRIPLE = re.compile(_LETTER + r",([b-z]),([b-z])(?![a-z0-9_])")
_TUPLE_COMMA = re.compile(_LETTER + r",(?=[b-z](?![a-z0-9_]))")
# (each letter after a comma or after blanks: one way to read a run of blanks, linear time)
_TUPLE_BRACKETS = re.compile(r"[(\[{] *([b-z](?: *, *[b-z]| +[b-z])*) *[)\]}]")


_COPULAS = frozenset({"is", "est"})


def _identity(toks: list[str], mentions: list, w: Words) -> str | None:
    """The subject of "A is (basically) B", B named last: a relative clause after it
    ("Adam is basically RMSprop that also keeps momentum") says what A adds to B, so it is
    about A. None when the clause is no such identity."""
    if len(mentions) < 2:
        return None
    (_, end, first, compared), (start, _, last, later) = mentions[-2], mentions[-1]
    if first in (last, ALL) or last == ALL or compared:
        return None
    between = toks[end:start]
    if later and _A_KIND.isdisjoint(between):  # "CAE is like a weight decay that changes
        return None  # with x", "une sorte de weight decay qui": B as a kind, the CAE changes;
    # "Adam is like RMSprop, which has momentum": B itself, its relative is B's
    words_ok = w.identity | w.fillers | _LIKENED_AS
    if _COPULAS.isdisjoint(between) or not all(t in words_ok for t in between):
        return None
    return first


# "A is like a (sort of) B": B likened as A's kind, still an identity for its relative.
_LIKENED_AS = frozenset({"like", "comme", "sort", "kind", "of", "sorte", "genre", "espece"})
_A_KIND = frozenset({"a", "an", "un", "une", "sort", "kind", "sorte", "genre", "espece"})


# "The (main) difference is X", "la différence, c'est X": the topic a pronoun then takes up
# ("RMSprop has it, Adam does not"); what an entity has or lacks is X, not the difference.
_TOPIC_HEADS = frozenset({"difference", "differences", "change", "changes"})
_TOPIC_OPENING = frozenset(
    {"the", "main", "key", "big", "biggest", "major", "only", "real", "one", "la", "le", "les",
     "principale", "grande", "seule", "vraie", "c", "ce", "qui", "is", "are", "est", "sont"}
)  # fmt: skip
_COPULA_ENDS = frozenset({"is", "are", "est", "sont"})


def _topic_dropped(toks: list[str]) -> list[str]:
    """A claim without its topic opening ("the main difference is momentum": "momentum")."""
    for end, tok in enumerate(toks[:8]):
        if tok in _COPULA_ENDS and end + 1 < len(toks):
            head = toks[:end]
            topic = not _TOPIC_HEADS.isdisjoint(head) or head in (["c"], ["ce"])  # "c'est X"
            if topic and all(t in _TOPIC_OPENING or t in _TOPIC_HEADS for t in head):
                return toks[end + 1 :]
        if tok not in _TOPIC_OPENING and tok not in _TOPIC_HEADS:
            return toks
    return toks


def _formulas(text: str) -> str:
    """`text` with the formulas' variables written as words (see above)."""
    if "|" in text or "⊥" in text:
        text = text.replace("⊥", " independent of ").replace("|", " given ")
    if " and " in text or " et " in text or "&" in text:
        text = _PAIR.sub(r"\1 \2", _INDEXED_PAIR.sub(r"\1 \3 \1\2 \3\4", text))
    if "(" in text or "[" in text or "{" in text:
        text = _TUPLE_BRACKETS.sub(_tuple, text)
    if "," in text:
        text = _TUPLE_COMMA.sub(r"\1 ", _TRIPLE.sub(r"\1\2\3", text))
    return text


def _tuple(found: re.Match[str]) -> str:
    """The letters of a tuple as words; all three ("(x, y, z)") as one that names none."""
    letters = found.group(1).replace(",", " ").split()
    return f" {''.join(letters) if len(letters) >= 3 else ' '.join(letters)} "


@recurring(maxsize=8192)  # as `normalize._chunk`: kept once a sentence recurs
def segments(
    text: str, entities: Entities, before: str | None
) -> tuple[tuple[tuple[Sentence, str | None], ...], str | None]:
    """A sentence's segments, each with its subject (an entity id, `ALL`, or None when
    no entity was named yet), given the subject `before` it; and the subject after it."""
    text = _formulas(text)
    if "autre" in text:  # "l'un et l'autre": both, one mention (its "et" cuts no clause)
        text = _ONE_AND_OTHER.sub(" les deux ", text)
    w = words()
    if "(" in text:  # a call's parentheses cut no clause ("rho(W)")
        text = _CALL.sub(r"\1 \2 ", text)
    pieces = _restrictions(_splitter().split(text))
    subject = before
    last_named: str | None = None
    previous_only_mention = False
    parts: list[tuple[str, str | None]] = []  # (text, subject) per clause
    owned: list[tuple[str, str | None]] = []  # (text, owner) of "the X of <entity>"
    claim: tuple[list[str], set[int]] | None = None  # the last clause that says something
    separator = ""
    foil: str | None = None  # the entity of a pending "unlike X"
    had: list[str] = []  # the clause before, when it denies having something
    denied: list[tuple[list[str], list[int], str | None]] = []  # this subject's denials
    antecedent = False  # the piece before ended on a name: "C'est le générateur | qui ..."
    last_free = False  # the piece before named an entity of its own
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        toks = _TOKEN.findall(piece)
        if had and separator.strip() in w.relative and toks and _DENY.isdisjoint(toks):
            toks = [*had, "not", *toks]  # "n'a pas un taux qui décroît": the rate does not
            piece = " " + " ".join(toks) + " "  # decrease
        had = _denied_having(toks)
        mentions = _mentions(toks, entities)
        if not previous_only_mention and _bare_denial(toks, mentions, w):
            # "Adagrad sums them. Not RMSprop: ...": RMSprop, denied the claim (elliptic),
            # unlike "Adam, not RMSprop, uses ..." where the name before is the subject
            mentions = [(start, end, entity, False) for start, end, entity, _ in mentions]
        free = [m for m in mentions if not m[3]]
        here = subject
        if separator.strip() in w.relative and last_named:
            here = last_named
        if any(m[2] == ALL for m in free):
            here = ALL
        elif free and antecedent and separator.strip() in _SUBJECT_RELATIVE and free[0][0]:
            pass  # "G, qui reçoit des images du discriminateur": "qui" is G, D its object
        elif free:
            here = free[0][2]
            joined = separator.strip() in _AND and previous_only_mention and free[0][0] <= 1
            if joined and parts[-1][1] not in (None, here):  # "Adagrad, RMSprop ..."
                here = ALL
                parts[-1] = (parts[-1][0], ALL)
            elif (  # "Adagrad and RMSprop (both) ..."
                len(free) > 1
                and free[0][0] <= 1
                and free[1][2] != free[0][2]
                and free[1][0] - free[0][1] == 1
                and toks[free[0][1]] in _AND
            ):
                here = ALL
        if not free and here in entities.cases and _otherwise(toks):
            # "ρ > 1: it explodes; otherwise it vanishes and ...": no longer under ρ > 1
            # (nor said under ρ < 1, which a wrong condition may leave unsaid)
            here = subject = None
        named = [t for m in mentions for t in range(m[0], m[1])]
        if toks:  # ", et non RMSprop": the empty piece between "," and "et" says nothing
            previous_only_mention = (
                bool(free)
                and all(i in named or t in w.fillers for i, t in enumerate(toks))
                and not _has_it(toks)
            )
        if mentions:
            last_named = _identity(toks, mentions, w) or mentions[-1][2]
        elliptic = _elliptic(toks, named, w) if free and claim else None
        likewise = _likewise(toks) if claim and not mentions else None
        if elliptic is not None:  # "Adagrad's rate decreases, RMSprop's does not"
            said = [t for i, t in enumerate(claim[0]) if i not in claim[1] and t not in _DENY]
            said = _topic_dropped(said)  # "the difference is momentum: Adam has it, ..."
            piece = " " + " ".join(["not"] * elliptic + said) + " "  # its claim, of this entity
        elif likewise is not None:  # "RMSprop has no momentum, same for the bias correction"
            negated = not _DENY.isdisjoint(claim[0])
            piece = " " + " ".join(["not"] * negated + likewise) + " "
        elif free or here == subject:
            claim = (toks, set(named))
        if free and separator.strip() == ";":
            foil = None  # "contrairement au WD ; la pénalité n'est pas la même": a new claim
        opposed = (_foil(toks, mentions, w) or _likened(toks, mentions)) if mentions else None
        if opposed is not None and not free and _only_foil(toks, named, w):
            for said_toks, said_named, said_of in denied:  # "RMSprop has no momentum,
                contrast = _contrasted(said_toks, said_named, _NOUN_DENIERS)  # unlike Adam"
                if said_of == here and here not in (None, ALL, opposed) and contrast:
                    owned.append((contrast, opposed))
        denied = [] if free or here != subject else denied
        if not _DENY.isdisjoint(toks) and here not in (None, ALL):
            denied.append((toks, named, here))
        foil = opposed or foil
        if foil is not None and foil != here and here not in (None, ALL):
            contrast = _contrasted(toks, named)
            if contrast is not None:  # "unlike Adagrad, RMSprop does not keep all ...":
                owned.append((contrast, foil))  # Adagrad keeps all ...
                # the foil holds for the sentence's next denied clauses of this subject
                # ("..., RMSprop n'a pas un taux qui décroît : il n'additionne pas tout")
            elif free and opposed is None:
                foil = None  # a clause of its own, not the contrast's
        instead = _instead_like(toks, mentions) if mentions else None
        if instead is None and here not in (None, ALL):
            instead = _instead_other(toks, mentions, here, entities)
        if instead is not None:  # "instead of a moving average like RMSprop, ...":
            owned.append(instead)  # RMSprop's moving average
        if (  # "h_0's influence decays like ρ^t, assuming ρ < 1": the case said after
            free
            and here in entities.cases
            and parts
            and not last_free
            and parts[-1][1] in (None, entities.default)
            and separator.strip() == ","
            and _condition_opens(toks)
        ):
            parts[-1] = (parts[-1][0], here)  # binds the claim before it
        last_free = bool(free)
        parts.append((separator + piece, here))
        for start, _, entity, compared in mentions:  # "la somme d'Adagrad": its sum
            if entity not in (here, ALL) and not compared and start and toks[start - 1] in _OF:
                owned.append((" ".join(toks[max(0, start - 4) : start + 1]), entity))
        if here is not None and (free or here != subject):
            subject = here
        antecedent = bool(mentions) and mentions[-1][1] == len(toks)
        separator = pieces[index + 1] if index + 1 < len(pieces) else ""
    merged: list[tuple[str, str | None]] = []
    for piece, who in parts:
        if merged and merged[-1][1] == who:
            merged[-1] = (merged[-1][0] + piece, who)
        else:
            merged.append((piece, who))
    found = []
    for piece, who in merged + owned:
        sentence = chunk(piece)[0]
        if sentence is not None:
            found.append((sentence, who))
    return tuple(found), subject


# A condition that opens its clause after a comma ("..., assuming ρ < 1", "..., à
# condition que ρ < 1", "pourvu que", "as long as"), after a claim that named no case: the
# case the claim holds in ("given" is no opener: a bar, "|λ|", reads "given").
_TRAILING_CONDITIONS = frozenset(
    {"if", "when", "whenever", "assuming", "provided", "providing", "si", "quand",
     "lorsque", "pourvu", "supposing", "tant", "only"}
)  # fmt: skip
_CONDITION_PAIRS = frozenset({("a", "condition"), ("as", "long"), ("so", "long")})


# The other case, said without naming it: "if ρ > 1 it explodes; otherwise it vanishes",
# "sinon", "dans le cas contraire", "in the other case"
_OTHERWISE = frozenset({"otherwise", "else", "sinon", "autrement"})
_OTHERWISE_PHRASES = (("in", "the", "other", "case"), ("dans", "le", "cas", "contraire"))


def _otherwise(toks: list[str]) -> bool:
    """Does this clause open on "otherwise" (after an "and"/"but")?"""
    start = 1 if toks and (toks[0] in _AND or toks[0] in _BUT) else 0
    head = tuple(toks[start : start + 4])
    return bool(head) and (head[0] in _OTHERWISE or head in _OTHERWISE_PHRASES)


def _condition_opens(toks: list[str]) -> bool:
    """Does this clause open on a condition?"""
    return bool(toks) and (toks[0] in _TRAILING_CONDITIONS or tuple(toks[:2]) in _CONDITION_PAIRS)


_BUT = frozenset({"but", "mais"})
# relative pronouns that are the subject of their clause: after a name, the name acts
_SUBJECT_RELATIVE = frozenset({"qui", "who"})
_RESTRICTING = frozenset({"only", "just", "seulement", "uniquement", "juste"})


def _restrictions(pieces: list[str]) -> list[str]:
    """The pieces with "but only", "mais seulement" kept in their clause: a restriction of
    what comes before, not a new claim ("weight decay but only on the active rows" names
    the CAE penalty as "weight decay only on" does)."""
    if len(pieces) < 3:
        return pieces
    kept = [pieces[0]]
    for index in range(1, len(pieces) - 1, 2):
        separator, piece = pieces[index], pieces[index + 1]
        words = piece.split()
        if separator.strip() in _BUT and words and words[0].strip(",;:") in _RESTRICTING:
            kept[-1] += separator + piece
        else:
            kept += [separator, piece]
    return kept


# "Instead of a moving average like RMSprop, Adagrad sums", "au lieu d'une moyenne mobile
# comme RMSprop": what is set aside is what the entity it is likened to does.
_INSTEAD = (("instead", "of"), ("au", "lieu"), ("rather", "than"), ("plutot", "que"))
_LIKE = frozenset({"like", "comme", "as", "in", "dans", "pour", "chez"})
_INSTEAD_FIRST = frozenset(pair[0] for pair in _INSTEAD)


def _instead_like(toks: list[str], mentions: list) -> tuple[str, str] | None:
    """The claim set aside by "instead of" and likened to an entity, with that entity."""
    if _INSTEAD_FIRST.isdisjoint(toks):  # most clauses (a set test before the pairs)
        return None
    opener = next((i for i in range(len(toks) - 1) if (toks[i], toks[i + 1]) in _INSTEAD), None)
    if opener is None:
        return None
    for start, _, entity, compared in mentions:
        if compared and entity != ALL and start > opener + 2 and toks[start - 1] in _LIKE:
            head = start - 1
            while head > opener + 2 and toks[head - 1] in _LIKE:
                head -= 1
            said = toks[opener + 2 : head]
            if said and said[0] in ("de", "d"):
                said = said[1:]
            return (" " + " ".join(said) + " ", entity) if said else None
    return None


def _instead_other(
    toks: list[str], mentions: list, here: str, entities: Entities
) -> tuple[str, str] | None:
    """The claim an entity's clause sets aside by "instead of" with no one named after it,
    in a part that compares two agents: what the other one does ("RMSprop keeps an
    average instead of summing every past g^2", "au lieu d'additionner tous les carrés, il
    garde une moyenne": Adagrad sums them)."""
    if _INSTEAD_FIRST.isdisjoint(toks) or here not in entities.order:
        return None
    agents = [e for e in entities.order if e not in entities.references]
    if len(agents) != 2 or here not in agents:
        return None
    opener = next((i for i in range(len(toks) - 1) if (toks[i], toks[i + 1]) in _INSTEAD), None)
    if opener is None or any(m[0] > opener for m in mentions):
        return None
    said = toks[opener + 2 :]
    if said and said[0] in ("de", "d"):
        said = said[1:]
    if not said or not _DENY.isdisjoint(said):
        return None
    other = agents[1] if here == agents[0] else agents[0]
    return " " + " ".join(said) + " ", other


# "..., same for X", "pareil pour X", "idem pour X", "de même pour X": the claim before, of
# the same subject, said of X with its polarity ("RMSprop n'a pas de momentum, pareil pour
# la correction du biais": no bias correction either).
_LIKEWISE = (
    ("same", "for"), ("same", "with"), ("likewise", "for"), ("pareil", "pour"),
    ("idem", "pour"), ("de", "meme", "pour"), ("meme", "chose", "pour"), ("pareil", "avec"),
)  # fmt: skip
_LIKEWISE_FIRST = frozenset(phrase[0] for phrase in _LIKEWISE)


def _likewise(toks: list[str]) -> list[str] | None:
    """The new object of a "same for X" clause, or None when it is no such clause."""
    start = 1 if toks and toks[0] in ("the", "la", "le") else 0
    if start >= len(toks) or toks[start] not in _LIKEWISE_FIRST:  # most clauses
        return None
    for phrase in _LIKEWISE:
        if tuple(toks[start : start + len(phrase)]) == phrase and len(toks) > start + len(phrase):
            return toks[start + len(phrase) :]
    return None


_ONE_AND_OTHER = re.compile(r"\ble (un|une) et le autres?\b")
_DENIERS = frozenset({"not", "never", "ne", "n", "pas", "jamais", "plus"})
_CANNOT = {"cannot": "can"}


def _foil(toks: list[str], mentions: list, w: Words) -> str | None:
    """The entity an opposing contrast word names in this clause ("unlike Adagrad")."""
    for start, _, entity, compared in mentions:
        if compared and entity != ALL:
            for p in w.opposed:
                for j in range(max(0, start - 4), start):
                    if tuple(toks[j : j + len(p)]) == p and start - 2 <= j + len(p) <= start:
                        return entity
    return None


# A denied claim likened to an entity at its end says what that entity does: "RMSprop does
# not keep every past gradient like Adagrad (does)", "its rate does not vanish the way
# Adagrad's does", "RMSprop n'accumule pas tout comme (le fait) Adagrad" (Adagrad keeps
# them, its rate vanishes).
_LIKENING = frozenset({"like", "comme", "way"})
_DENIED_BEFORE = frozenset({"not", "never", "cannot", "ne", "pas", "jamais"})


# "RMSprop does not have a learning rate that decreases", "n'a pas un taux qui décroît": the
# relative clause after a denied having is denied too (the rate it has not decreases not).
_HAVING = frozenset({"has", "have", "had", "a", "ont", "avait", "possede", "possedent"})
_INDEFINITE = frozenset({"a", "an", "un", "une", "any"})


def _denied_having(toks: list[str]) -> list[str]:
    """What a clause denies having, an indefinite something ("does not have a rate": the
    words after "a"); empty when it denies no such thing."""
    if _HAVING.isdisjoint(toks) or _DENY.isdisjoint(toks):
        return []
    for i, tok in enumerate(toks[:-1]):
        if tok in _HAVING and toks[i + 1] in _INDEFINITE | {"pas", "not"}:
            if _DENY.isdisjoint(toks[: i + 2]):
                return []
            for j in range(i + 1, min(i + 4, len(toks))):
                if toks[j] in _INDEFINITE:
                    return toks[j + 1 :]
            return []
    return []


def _likened(toks: list[str], mentions: list) -> str | None:
    """The entity a denied clause likens its claim to, after the denial; None otherwise."""
    for start, _, entity, compared in mentions:
        if not compared or entity == ALL:
            continue
        head = start - 3 if toks[max(0, start - 2) : start] == ["le", "fait"] else start - 1
        if head > 0 and toks[head] in _LIKENING and not _DENIED_BEFORE.isdisjoint(toks[:head]):
            return entity
    return None


# A clause that is only an opposing contrast and its entity ("..., unlike Adam",
# ", contrairement à Adam") opposes the denied claims just before it, of their subject.
_FOIL_FILLERS = frozenset({"a", "au", "aux", "to", "de", "du", "d", "the", "le", "la", "l"})


def _only_foil(toks: list[str], named: list[int], w: Words) -> bool:
    """Whether a clause says nothing but "unlike X", "contrairement à X"."""
    opposing = {t for p in w.opposed for t in p}
    return all(i in named or t in opposing or t in _FOIL_FILLERS for i, t in enumerate(toks))


_NOUN_DENIERS = frozenset({"no", "ni", "nor", "aucun", "aucune"})


def _contrasted(
    toks: list[str], named: list[int], also: frozenset[str] = frozenset()
) -> str | None:
    """A denied clause's claim, affirmed, without its entities: what the entity it is
    opposed to does; None when the clause denies nothing (`also`: more denying words,
    "no momentum" after its own clause, where "no" may deny the whole claim)."""
    if not any(t in ("not", "never", "cannot") or t == "ne" or t in also for t in toks):
        return None
    kept = [_CANNOT.get(t, t) for i, t in enumerate(toks) if i not in named]
    said = [t for t in kept if t not in _DENIERS and t not in also]
    opposed = {t for p in words().opposed for t in p} | {"a", "to", "from", "with", "of"}
    while said and said[0] in opposed:
        said = said[1:]
    return " " + " ".join(said) + " " if said else None


def bind(
    sentences: list[Sentence], entities: Entities
) -> tuple[list[Sentence], list[str | None], list[int]]:
    """An answer's segments, their subjects, and the sentence each comes from."""
    found: list[Sentence] = []
    who: list[str | None] = []
    origin: list[int] = []
    subject: str | None = entities.default
    claims: list[tuple[tuple[str, ...], str | None]] = []  # the last segments said
    for index, sentence in enumerate(sentences):
        parts, subject = segments(sentence.text, entities, subject)
        if subject in entities.cases:  # a condition holds in its sentence only
            subject = entities.default
        for part, name in parts:
            maybe = claims and not _BOTH_WORDS.isdisjoint(part.tokens)
            resolved = _proverb(part, entities, claims) if maybe else None
            if resolved is None:
                claims.append((part.tokens, name))
                del claims[:-_CLAIMS_KEPT]
                resolved = ((part, name),)
            for piece, owner in resolved:
                found.append(piece)
                who.append(owner)
                origin.append(index)
        if len(found) > MAX_SEGMENTS:
            break
    return found, who, origin


# "RMSprop has no momentum and no bias correction. Adam does both": a pro-verb with
# "both" as its object says of its entity the last claims about another one, affirmed
# ("Adam uses momentum and corrects the bias. RMSprop does both": a swap), or denied
# ("Adam does neither"). Only the words below between
# the entity and "both": "Adam also does both", "Adam fait les deux", "Adam a les deux".
_PROVERBS = wordset(
    "does do did has have had handles includes combines fait font a ont gere combine"
    " inclut also too aussi egalement itself lui en"
)
_BOTH_OBJECTS = (
    ("both", "of", "them"), ("both", "things"), ("les", "deux", "choses"), ("tous", "les", "deux"),
    ("ni", "l", "un", "ni", "l", "autre"), ("the", "two"), ("les", "deux"), ("les", "2"),
    ("both",), ("neither",), ("aucun", "des", "deux"),
)  # fmt: skip
_BOTH_WORDS = frozenset({"both", "neither", "deux", "two", "2", "ni", "aucun"})  # a quick test
_NEITHER = frozenset({"neither", "ni", "aucun", "not", "ne", "pas", "never", "jamais"})
_LEADS = wordset(
    "while whereas but and so whilst mais et alors que tandis donc par contre en revanche"
    " meanwhile however cependant"
)
_CLAIMS_KEPT = 6
_CLAIM_DENIALS = frozenset(_DENY | {"without", "sans", "aucun", "aucune", "cannot", "nor"})


def _proverb(
    part: Sentence, entities: Entities, claims: list[tuple[tuple[str, ...], str | None]]
) -> tuple[tuple[Sentence, str | None], ...] | None:
    """The segments a "X does both" segment stands for, or None when it is no such one."""
    toks = part.tokens
    i = 0
    while i < len(toks) and (toks[i] in _LEADS or toks[i] in words().fillers):
        i += 1
    entity, named = None, ()
    for phrase, name in entities.starts.get(toks[i], ()) if i < len(toks) else ():
        if toks[i : i + len(phrase)] == phrase:
            entity, named, i = name, phrase, i + len(phrase)
            break
    if entity is None or entity in entities.cases:
        return None
    verbs = i
    while i < len(toks) and (toks[i] in _PROVERBS or toks[i] in _NEITHER):
        i += 1
    size = next((len(p) for p in _BOTH_OBJECTS if toks[i : i + len(p)] == p), 0)
    if not size or i == verbs:
        return None
    affirm = _NEITHER.isdisjoint(toks[verbs : i + size])
    said = [tokens for tokens, owner in claims if owner not in (entity, ALL)][-2:]
    if not said:
        return None
    names = {t for phrase, _ in entities.names for t in phrase}
    found: list[tuple[Sentence, str | None]] = []
    for tokens in said:
        kept = [t for t in tokens if t not in _CLAIM_DENIALS and t not in names]
        sentence = chunk(" ".join([*named, *(kept if affirm else ["not", *kept])]))[0]
        if sentence is not None:
            found.append((sentence, entity))
    rest = chunk(" ".join(toks[i + size :]))[0]
    if rest is not None:
        found.append((rest, entity))
    return tuple(found)
