"""The `verdict` kind: a yes/no field against a solver that computes
the fact (the flow beats mean-field on a model, the marginal does not factorize, CD-like
training raises the likelihood), never against a "yes" typed into the rubric."""

from __future__ import annotations

import re
from typing import Any

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, scalar_answer
from examgrade.errors import RubricError
from examgrade.i18n import Message
from examgrade.nodes import Node, Scalar
from examgrade.reading import VerdictReading, fold, verdict
from examgrade.reading import words as words_data

_WORDS = {"yes": True, "true": True, "oui": True, "no": False, "false": False, "non": False}
_LEADING = re.compile(r"^\s*([A-Za-z]+)\s*(?:[.,;:!)\-—–]|$)")


Words = tuple[tuple[str, ...], tuple[str, ...]]  # a field's own yes and no words


def read_verdict(text: str, words: Words = ((), ()), reasons: tuple[str, ...] = ()) -> bool | None:
    """The yes or no an answer commits to: a word alone (`yes`, `non`, `y`), or the one a
    sentence says (`Yes (with sampling)`, `it depends, but yes`), in English or French."""
    sentence = _sentence(text, words, reasons)
    if sentence.value is not None or sentence.conflict or sentence.hedge:
        return sentence.value  # "Yes... no wait, no": neither; "no, not necessarily": a hedge
    match = _LEADING.match(text)
    return _WORDS.get(match.group(1).lower()) if match else None


@register_check
class VerdictCheck:
    name = "verdict"
    form = "verdict"
    reads_part = True  # an argued verdict reads the part's explanation (`options.argued`)

    def validate(self, item: Any) -> None:
        if not item.solver:
            raise RubricError("rubric.missing_key", {"key": "solver"}, item.location)

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        answer = scalar_answer(answer, Message("verdict.shape", {}))
        if isinstance(answer, Outcome):
            return answer
        words = _field_words(ctx)
        reasons = _reasons(ctx)
        given = read_verdict(answer.text, words, reasons)
        sentence = _sentence(answer.text, words, reasons)
        if given is None and sentence.hedge and not sentence.conflict:
            return self._hedge(answer, ctx)
        if given is None:
            code = "verdict.conflict" if sentence.conflict else "verdict.unreadable"
            return Outcome(
                0.0,
                "invalid",
                (Message(code, {**answer.location.params(), "text": answer.text[:60]}),),
            )
        expected = bool(ctx.solve(ctx.item.solver, ctx.item.params).value)
        value = Message(f"verdict.{_word(given)}", {})
        reading: Message = Message("verdict.reading", {"value": value})
        if answer.text.strip().lower() not in _WORDS:  # read out of a sentence: say how
            reading = Message("verdict.read_as", {"text": answer.text[:80], "value": value})
        told = (reading,) if reading.code == "verdict.read_as" else ()
        if given != expected and _argued(given, ctx):
            argued = Message("verdict.argued", {"value": value})
            return Outcome(
                0.0,
                "incorrect",
                (argued, *told),
                review=True,
                awaiting=ctx.item.points,
                reading=reading,
            )
        if given == expected:
            return Outcome(
                ctx.item.points, "correct", feedback(ctx, "correct") + told, reading=reading
            )
        return Outcome(
            0.0,
            "incorrect",
            feedback(ctx, "incorrect") + told,
            reading=reading,
            mistake="wrong-verdict",
        )

    def reason(self, text: str) -> str | None:
        """What a verdict sentence says beyond its yes or no (`Yes (with sampling)`:
        `with sampling`), for the part's explanation; None for a word alone."""
        rest = verdict(text).rest
        return rest if len(rest.split()) >= 2 else None

    def _hedge(self, answer: Scalar, ctx: CheckContext) -> Outcome:
        """A hedge with no yes or no (`not necessarily`, `ça dépend`): graded as the
        rubric says the key grades it (`options: {hedge: yes|no|review}`); by default a
        person decides, the points held for them."""
        how = str(ctx.item.options.get("hedge", "review")).lower()
        reading = Message("verdict.read_hedge", {"text": answer.text[:80]})
        if how in ("yes", "no"):
            value = Message(f"verdict.{how}", {})
            reading = Message("verdict.read_as", {"text": answer.text[:80], "value": value})
            expected = bool(ctx.solve(ctx.item.solver, ctx.item.params).value)
            if (how == "yes") == expected:
                return Outcome(
                    ctx.item.points,
                    "correct",
                    (*feedback(ctx, "correct"), reading),
                    reading=reading,
                )
            return Outcome(
                0.0, "incorrect", (*feedback(ctx, "incorrect"), reading), reading=reading
            )
        return Outcome(
            0.0, "incorrect", (reading,), review=True, awaiting=ctx.item.points, reading=reading
        )

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> bool | None:
        words = _field_words(ctx)
        reasons = _reasons(ctx)
        if not isinstance(answer, Scalar) or _sentence(answer.text, words, reasons).hedge:
            return None
        return read_verdict(answer.text, words, reasons)


_OPENING_NO = re.compile(r"^\s*(?:nope|non|no)\b\s*[,:;.!—–-]?\s*", re.IGNORECASE)
_GROUP = re.compile(r"\([^()]*\)")


def _sentence(text: str, words: Words, reasons: tuple[str, ...] = ()) -> VerdictReading:
    """The verdict a sentence commits to, its reason set aside: a no that opens a hedge
    with its reason (`no, not necessarily: amortization vs approximation gap`, `non, pas
    forcément : ...`) is that hedge (bare, it stays the no it says; `reasons`: the
    patterns the key's argument must show, from `options.argued`), and a yes or no word
    in brackets after the verdict (`Oui, plus riche (non factorisée)`) is part of the
    reason, not a second verdict."""
    opening = _OPENING_NO.match(text)
    if opening and opening.end() < len(text):
        rest = text[opening.end() :]
        folded = fold(rest)
        hedges = words_data()["verdict"]["hedge"]
        opened = [h for h in hedges if h.split()[0] in ("not", "pas") and folded.startswith(h)]
        if opened and _argues(folded[len(max(opened, key=len)) :], reasons):
            return verdict(rest, *words)
    sentence = verdict(text, *words)
    if sentence.conflict and _GROUP.search(text):
        outside = verdict(_GROUP.sub(" ", text), *words)
        if outside.value is not None:
            return outside
    return sentence


def _argues(reason: str, reasons: tuple[str, ...]) -> bool:
    """Whether a folded reason makes the key's argument (every pattern found), or any
    argument of a few words when the rubric names none."""
    if reasons:
        return all(re.search(p, reason) for p in reasons)
    return len(re.findall(r"[^\W\d_]{2,}", reason)) >= 2


def _reasons(ctx: CheckContext) -> tuple[str, ...]:
    """The patterns an argued verdict's explanation must show (`options.argued`)."""
    rule = ctx.item.options.get("argued")
    if not isinstance(rule, dict):
        return ()
    return tuple(map(str, rule.get("explanation") or ()))


def _field_words(ctx: CheckContext) -> Words:
    """The field's own yes and no words (`options: {words: {yes: [linear], no: [...]}}`)."""
    found = ctx.item.options.get("words")
    if not isinstance(found, dict):
        return (), ()
    return tuple(map(str, found.get("yes") or ())), tuple(map(str, found.get("no") or ()))


def _argued(given: bool, ctx: CheckContext) -> bool:
    """Whether the key also accepts this verdict with the argument the explanation makes
    (`options: {argued: {verdict: no, explanation: [pattern, ...]}}`, every pattern
    found in the folded explanation): then a person decides."""
    from examgrade.nodes import Mapping as MapNode
    from examgrade.reading import fold

    rule = ctx.item.options.get("argued")
    if not isinstance(rule, dict) or str(rule.get("verdict", "")).lower() != _word(given):
        return False
    node = ctx.part_answer
    if isinstance(node, MapNode):
        node = node.get(ctx.part.text_field)
    if not isinstance(node, Scalar) or not node.text.strip():
        return False
    text = fold(node.text)
    return all(re.search(str(p), text) for p in rule.get("explanation") or ())


def _word(value: bool) -> str:
    return "yes" if value else "no"
