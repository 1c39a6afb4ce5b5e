"""The `concepts` kind: a free-text field graded against the key ideas of the rubric.

Options (rubric data; patterns in both languages, syntax in `examgrade.text.match`)::

    options:
      form: text
      ideas:
        - id: ema
          points: 2
          statement: {en: ..., fr: ...}     # the checklist line (found / missing)
          model: {en: ..., fr: ...}         # the model answer's key sentence, shown if missing
          patterns: ["moving+average|ema", "moyenne+mobile"]
          weak: ["forget*|oubli*"]          # partial credit, and lower confidence
          subject: adam                     # true of this entity only (see entities)
          reversed_share: 0.25              # kept of its points when a full reversal
                                            # gives it to the other entity (default 0)
      contradictions:
        - id: adam-no-momentum
          points: 1                          # taken off, at least the points of `negates`
          statement: {en: ..., fr: ...}
          patterns: ["NEG momentum"]
          subject: adam                     # said of this entity (or of both)
          negates: [momentum]               # ideas it keeps from being credited
      claim_floor: 0.2                       # an answer naming the notions in a wrong
                                             # claim keeps this share (default 0)
      partial_raise: 0                       # how far a right but little answer goes up
                                             # towards 40% of the points (default 0.5)
      list_share: 0.4                        # what a bare list of keywords earns at most,
                                             # up to the next half point (default 0.5)
      entities:                              # who a clause may be about
        adam: {en: Adam, fr: Adam, words: [adam]}  # default: true: the subject until
                                                     # the answer names an entity;
                                                     # case: true: a condition (q2.c's
                                                     # ρ < 1), never "compared"
        rmsprop: {en: RMSprop, fr: RMSprop, words: [rmsprop, rms+prop]}

An idea with a `subject` is credited only in a clause about that entity (its subject, a
pronoun or an elided subject after it, a side of a contrast: `examgrade.text.subjects`);
said of another entity or of both, it is a contradiction costing its points, quoted.

The ideas' points add up to at least the item's points (several ideas may lead to the
same marks; the score is capped). Every score comes with a confidence and `review`
when it is low; the feedback is the checklist, rendered in the reader's language.
"""

from __future__ import annotations

import dataclasses
import json
import operator
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from examgrade import kept_values
from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import scale_status, unreadable_or_none, wrong_shape
from examgrade.errors import Location, RubricError
from examgrade.i18n import Bilingual, Joined, Message, Text
from examgrade.nodes import Node, Scalar, Sequence
from examgrade.text.grade import (
    LIST_SHARE,
    RAISE_SHARE,
    Contradiction,
    Idea,
    TextScore,
    list_cap,
    prepare,
    score_text,
)
from examgrade.text.match import PatternError, compile_pattern, denials, flipped, unseen
from examgrade.text.subjects import ALL, Entities

_IDEA_KEYS = {
    "id",
    "points",
    "statement",
    "model",
    "patterns",
    "weak",
    "subject",
    "reversed_share",
}
_CONTRADICTION_KEYS = {"id", "points", "statement", "patterns", "negates", "subject"}
_OPTION_KEYS = {
    "form",
    "ideas",
    "contradictions",
    "entities",
    "list_is_answer",
    "claim_floor",
    "partial_raise",
    "list_share",
}


@register_check
class ConceptsCheck:
    name = "concepts"
    form = "text"

    def validate(self, item: Any) -> None:
        ideas, _ = read_options(item)
        total = sum(i.points for i in ideas)
        if total + 1e-9 < item.points:
            detail = Message("text.rubric_points", {"total": total, "points": item.points})
            raise _fail(item, detail)

    def warm_up(self, item: Any) -> None:
        """What the first answers to this item would build (its ideas read once, the
        text engine's plan and bags): `engine.warm_up` calls it before the batch forks
        its workers, which then share it instead of each building it (issue 17)."""
        ideas, contradictions = _read_once(item)
        prepare(ideas, contradictions)

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        early = unreadable_or_none(answer)
        if early:
            return early
        if isinstance(answer, Sequence) and all(isinstance(n, Scalar) for n in answer.items):
            text = "\n\n".join(n.text for n in answer.items)  # type: ignore[union-attr]
        elif isinstance(answer, Scalar):
            text = answer.text
        else:
            return wrong_shape(answer, Message("text.shape", {}))  # type: ignore[arg-type]
        return _outcome_once(score_item_text(text, ctx.item), ctx.item)


def score_item_text(text: str, item: Any) -> TextScore:
    """One answer to a free-text rubric item, graded with every option the item sets
    (`list_is_answer`, `partial_raise`, `list_share`, `claim_floor`): the check and the
    benchmarks that measure it grade alike."""
    ideas, contradictions = _read_once(item)
    options = item.options or {}
    lists = bool(options.get("list_is_answer"))
    raised = float(options.get("partial_raise", RAISE_SHARE))
    listed = float(options.get("list_share", LIST_SHARE))
    result = score_text(text, ideas, contradictions, item.points, lists, raised, listed)
    if options.get("claim_floor"):
        result = _claim_floor(result, float(options["claim_floor"]) * item.points)
    return result


def _claim_floor(result: TextScore, floor: float) -> TextScore:
    """An answer that names the question's notions (an idea found, however partly, or
    denied) in a wrong claim the rubric knows keeps `floor` points, not nothing: some
    graders give an on-topic confusion about a fifth of the points (rubric data,
    `claim_floor`: the Mohler 2011 pack's graders give such answers about 1 of 5)."""
    named = any(r.state != "missing" for r in result.ideas)
    if result.verdict != "graded" or not result.contradictions or not named:
        return result
    if result.score >= floor:
        return result
    return dataclasses.replace(result, score=round(floor, 4), floored=True)


_OUTCOMES: dict[tuple, tuple[Any, Outcome]] = {}


def _outcome_once(result: TextScore, item: Any) -> Outcome:
    """`_outcome`, once per item and what it reads of the result: many answers of a class
    find the same ideas, and an outcome is immutable. A contradiction's line reads many
    of its fields (a swap names the entity it was said of, `said_of`), so every field of
    each is in the key: keyed on its id and quote only, an answer got the line of the
    first answer with that quote, whoever it gave the idea to (issue 17)."""
    key = (
        id(item),
        result.verdict,
        repr(result.score),  # 2 and 2.0 are one key, and print apart
        result.language,
        result.confidence,
        tuple([(r.idea.id, r.state) for r in result.ideas]),
        tuple([_fields(c) for c in result.contradictions]),
        result.keyword_list,
        result.floored,
    )
    kept = _OUTCOMES.get(key)
    if kept is None or kept[0] is not item:
        if len(_OUTCOMES) >= 4096:
            _OUTCOMES.clear()
        kept = _OUTCOMES[key] = (item, _outcome(result, item.points))
    return kept[1]


def _fields(c: Contradiction) -> tuple[Hashable, ...]:
    """Every field of a contradiction found in an answer, as a key (a statement, a dict
    of languages, by its text): a field added later is in the key too."""
    return tuple(map(_hashable, _CONTRADICTION_FIELDS(c)))


# the fields read in one call, not looked up per answer (issue 17, speed)
_CONTRADICTION_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Contradiction)))


def _hashable(value: Any) -> Hashable:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _outcome(result: TextScore, points: float) -> Outcome:
    details = {
        "confidence": result.confidence.value,
        "reasons": list(result.confidence.reasons),
        "language": result.language,
        "ideas": {r.idea.id: r.state for r in result.ideas},
        "contradictions": [c.id for c in result.contradictions],
    }
    if result.verdict == "non_answer":
        return Outcome(0.0, "incorrect", (Message("text.non_answer", {}),), details=details)
    if result.verdict == "off_topic":
        return Outcome(0.0, "incorrect", (Message("text.off_topic", {}),), details=details)
    feedback: list[Text] = [_line(r) for r in result.ideas]
    ideas = {r.idea.id: r.idea.points for r in result.ideas}
    feedback.extend(_said(c, ideas) for c in result.contradictions)
    if result.keyword_list:
        feedback.append(
            Message("text.keyword_cap", {"points": result.details.get("cap", list_cap(points))})
        )
    if result.floored:
        feedback.append(Message("text.floor", {"points": result.score}))
    review = bool(points) and result.confidence.review
    if review:
        reasons = [Message(f"text.reason_{r}", {}) for r in result.confidence.reasons]
        feedback.append(
            Message(
                "text.review",
                {"confidence": result.confidence.value, "why": Joined(tuple(reasons), "; ")},
            )
        )
    status = scale_status(result.score, points) if points else "correct"
    return Outcome(
        result.score,
        status,  # type: ignore[arg-type]
        tuple(feedback),
        review=review,
        reading=Message("text.reading", {"language": Message(f"text.lang_{result.language}", {})}),
        mistake=result.contradictions[0].id if result.contradictions else None,
        details=details,
    )


def _said(c: Contradiction, ideas: dict[str, float]) -> Text:
    """A contradiction's line: what the key says, the student's sentence, the cost."""
    cost = max(c.points, sum(ideas.get(i, 0.0) for i in c.negates))
    if c.opposite:  # "the learning rate increases" where the key says it decreases
        return Message(
            "text.reversed", {"statement": c.statement, "quote": c.quote, "points": cost}
        )
    if c.said_of and c.entities is not None and c.subject:
        right, wrong = c.entities.label(c.subject), c.entities.label(c.said_of)
        return Message(
            "text.swapped_all" if c.said_of == ALL else "text.swapped",  # "both do ..."
            {
                "entity": Bilingual(*right),
                "other": Bilingual(*wrong),
                "statement": c.statement,
                "quote": c.quote,
                "points": cost,
            },
        )
    if c.quote:
        return Message(
            "text.contradiction_quoted",
            {"statement": c.statement, "quote": c.quote, "points": cost},
        )
    return Message("text.contradiction", {"statement": c.statement, "points": cost})


def _line(result: Any) -> Text:
    idea = result.idea
    if result.state == "found":
        return Message("text.found", {"statement": idea.statement})
    if result.state == "weak":
        return Message("text.weak", {"statement": idea.statement, "model": idea.model})
    if result.state == "negated":
        return Message("text.negated", {"statement": idea.statement, "model": idea.model})
    return Message("text.missing", {"statement": idea.statement, "model": idea.model})


_READ: dict[int, tuple[Any, tuple[list[Idea], list[Contradiction]]]] = {}
# The same, by what the item's options say: kept between runs (`readings`).
_BY_OPTIONS: dict[str, tuple[list[Idea], list[Contradiction]]] = {}
_MAX_READINGS = 1024


def _read_once(item: Any) -> tuple[list[Idea], list[Contradiction]]:
    """`read_options`, once per rubric item: the same idea objects every time, so that the
    text library's per-item lexicon (and what it remembers of tokens) is built once."""
    kept = _READ.get(id(item))
    if kept is None or kept[0] is not item:
        if len(_READ) >= _MAX_READINGS:
            _READ.clear()
        kept = _READ[id(item)] = (item, _read_by_options(item))
    return kept[1]


def _read_by_options(item: Any) -> tuple[list[Idea], list[Contradiction]]:
    """`read_options`, or what a previous run read of the same options (they say all
    that the reading depends on; ~2.5 ms an item to read, issue 17)."""
    try:
        key = json.dumps(item.options, sort_keys=True)
    except (TypeError, ValueError):  # not plain data: read it each time
        return read_options(item)
    kept_values.need("readings")
    found = _BY_OPTIONS.get(key)
    if found is None:
        found = read_options(item)
        if len(_BY_OPTIONS) < _MAX_READINGS:
            _BY_OPTIONS[key] = found
    return found


def readings() -> dict[str, tuple[list[Idea], list[Contradiction]]]:
    """The items' ideas and contradictions this process read, by their options: the same
    for every sheet, so `engine.solutions_kept` keeps them between runs."""
    return dict(_BY_OPTIONS)


def add_readings(values: dict[str, tuple[list[Idea], list[Contradiction]]]) -> None:
    """Readings a previous run kept (`readings`), as if read here."""
    for key, value in values.items():
        if len(_BY_OPTIONS) < _MAX_READINGS:
            _BY_OPTIONS.setdefault(key, value)


def read_options(item: Any) -> tuple[list[Idea], list[Contradiction]]:
    """The item's ideas and contradictions, or a `RubricError` at the faulty line."""
    options = item.options or {}
    if not isinstance(options, dict):
        raise _fail(item, Message("text.rubric_shape", {"key": "options"}))
    for key in options:
        if key not in _OPTION_KEYS:
            raise _fail(item, _unknown(key, _OPTION_KEYS), key)
    raw_ideas = options.get("ideas")
    if not isinstance(raw_ideas, list) or not raw_ideas:
        raise _fail(item, Message("text.rubric_shape", {"key": "ideas"}))
    entities = _entities(item, options.get("entities"))
    ideas = [_idea(item, raw, entities) for raw in raw_ideas]
    contradictions = [
        _contradiction(item, raw, entities) for raw in options.get("contradictions") or []
    ]
    for share in ("claim_floor", "partial_raise", "list_share"):
        if share in options:
            _share(item, {"id": share, **options}, share)
    known = {i.id for i in ideas}
    for c in contradictions:
        for denied in c.negates:
            if denied not in known:
                raise _fail(item, Message("text.rubric_negates", {"id": denied}), denied)
    seen: set[str] = set()
    for entry in [*ideas, *contradictions]:
        if entry.id in seen:
            raise _fail(item, Message("text.rubric_duplicate", {"id": entry.id}), entry.id)
        seen.add(entry.id)
    return ideas, contradictions


def _idea(item: Any, raw: Any, entities: Entities | None) -> Idea:
    entry = _entry(item, raw, _IDEA_KEYS)
    return Idea(
        id=entry["id"],
        points=_points(item, entry),
        patterns=_patterns(item, entry, "patterns", required=True),
        weak=_patterns(item, entry, "weak", required=False),
        statement=_bilingual(item, entry, "statement"),
        model=_bilingual(item, entry, "model"),
        subject=_subject(item, entry, entities),
        entities=entities,
        flipped=_flipped(entry),
        reversed_share=_share(item, entry, "reversed_share"),
    )


def _share(item: Any, entry: dict[str, Any], key: str) -> float:
    """A share of the idea's points, between 0 and 1 (0 when the rubric says none)."""
    raw = entry.get(key, 0)
    try:
        share = float(raw)
    except (TypeError, ValueError):
        share = -1.0
    if not 0.0 <= share <= 1.0:  # NaN fails both comparisons
        raise _fail(item, Message("text.rubric_shape", {"key": key}), entry["id"])
    return share


def _flipped(entry: dict[str, Any]) -> tuple:
    """The idea's strong patterns flipped (`match.flipped`): what its reversed claim says.
    Read after `_patterns`, so every source here is a valid pattern."""
    return tuple(compile_pattern(t) for source in entry["patterns"] for t in flipped(source))


def _contradiction(item: Any, raw: Any, entities: Entities | None) -> Contradiction:
    entry = _entry(item, raw, _CONTRADICTION_KEYS)
    negates = entry.get("negates") or []
    if not isinstance(negates, list) or not all(isinstance(n, str) for n in negates):
        raise _fail(item, Message("text.rubric_shape", {"key": "negates"}), entry["id"])
    return Contradiction(
        id=entry["id"],
        points=_points(item, entry),
        patterns=_patterns(item, entry, "patterns", required=True),
        statement=_bilingual(item, entry, "statement"),
        negates=tuple(negates),
        subject=_subject(item, entry, entities),
        entities=entities,
    )


def _subject(item: Any, entry: dict[str, Any], entities: Entities | None) -> str | None:
    subject = entry.get("subject")
    if subject is None:
        return None
    if entities is None or not isinstance(subject, str) or not entities.has(subject):
        detail = Message("text.rubric_subject", {"subject": str(subject)})
        raise _fail(item, detail, entry["id"])
    return subject


def _entities(item: Any, raw: Any) -> Entities | None:
    """The part's entities: per id, its names (`en`, `fr`) and the words that name it."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        raise _fail(item, Message("text.rubric_shape", {"key": "entities"}), "entities")
    aliases: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    default = None
    cases = set()
    references = set()
    for name, entry in raw.items():
        words = entry.get("words") if isinstance(entry, dict) else None
        if not (isinstance(words, list) and words and all(isinstance(w, str) for w in words)):
            raise _fail(item, Message("text.rubric_shape", {"key": "entities"}), str(name))
        label = _bilingual(item, {"id": str(name), "name": entry}, "name")
        aliases[str(name)] = words
        labels[str(name)] = (label.en, label.fr)
        if str(entry.get("default", "")).lower() == "true":  # the question is about it:
            default = str(name)  # the subject of an answer until it names an entity
        if str(entry.get("case", "")).lower() == "true":  # a condition ("ρ < 1"), not an
            cases.add(str(name))  # agent: "with ρ < 1", "a un module > 1" are about it
        if str(entry.get("reference", "")).lower() == "true":  # recalled for contrast:
            references.add(str(name))  # what it does is no swap ("for the RBM, ...")
    return Entities.of(aliases, labels, default, frozenset(cases), frozenset(references))


def _entry(item: Any, raw: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail(item, Message("text.rubric_shape", {"key": "id"}))
    for key in raw:
        if key not in allowed:
            raise _fail(item, _unknown(key, allowed), raw["id"])
    return raw


def _unknown(key: str, allowed: set[str]) -> Message:
    """An unknown key, with the keys that place takes (a contradiction has no `feedback`:
    its statement and the student's sentence are its feedback)."""
    return Message("text.rubric_unknown", {"key": key, "allowed": ", ".join(sorted(allowed))})


def _points(item: Any, entry: dict[str, Any]) -> float:
    try:
        return float(entry.get("points", ""))
    except (TypeError, ValueError):
        raise _fail(item, Message("text.rubric_shape", {"key": "points"}), entry["id"]) from None


def _patterns(item: Any, entry: dict[str, Any], key: str, required: bool) -> tuple:
    raw = entry.get(key)
    if raw is None and not required:
        return ()
    if not isinstance(raw, list) or not raw:
        raise _fail(item, Message("text.rubric_shape", {"key": key}), entry["id"])
    compiled = []
    for source in raw:
        try:
            compiled.append(compile_pattern(source))
        except PatternError as error:
            detail = Message(f"text.pattern_{error.reason}", {"pattern": str(source)})
            raise _fail(item, detail, str(source)) from None
        dead = unseen(source)
        if dead is not None:  # an alternative no answer can hold: the author meant words
            alternative, word, why = dead
            values = {"pattern": source, "alternative": alternative, "word": word}
            raise _fail(item, Message(f"text.pattern_unseen_{why}", values), source)
        # the opposites denied ("does not remember" forgets): read from a valid pattern
        compiled += [compile_pattern(other) for other in denials(source)]
    return tuple(compiled)


def _bilingual(item: Any, entry: dict[str, Any], key: str) -> Bilingual:
    value = entry.get(key)
    if not (isinstance(value, dict) and value.get("en") and value.get("fr")):
        raise _fail(item, Message("text.rubric_bilingual", {"key": key}), entry["id"])
    return Bilingual(str(value["en"]).strip(), str(value["fr"]).strip())


def _fail(item: Any, detail: Text, needle: str | None = None) -> RubricError:
    return RubricError("rubric.bad_option", {"detail": detail}, _locate(item.location, needle))


def _locate(where: Location, needle: str | None) -> Location:
    """The line of the rubric where `needle` first appears after the item's own line:
    options are plain data without positions, the file still has them."""
    if not needle or not where.file or not where.line:
        return where
    try:
        lines = Path(where.file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return where
    # the whole quoted pattern first ('NEG' is not the start of 'NEG differ* ...')
    for wanted, shift in ((f"'{needle}'", 1), (f'"{needle}"', 1), (needle, 0)):
        for number in range(where.line - 1, len(lines)):
            column = lines[number].find(wanted)
            if column >= 0:
                return Location(where.file, number + 1, column + 1 + shift)
    return where
