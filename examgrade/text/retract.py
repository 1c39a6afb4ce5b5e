"""Self-corrections: a claim the student takes back is not part of the answer.

Students under time pressure correct themselves in place ("Adagrad uses a moving
average... no, sorry: it's RMSprop that does", "Adam n'a pas de momentum... si, en fait il
en a"). A TA reads what the student settled on, so the words from the sentence's start to
the correction are dropped before grading: an ellipsis (or a dash) followed by a word that
takes back ("no", "non", "si", "wait", "sorry", "pardon", "actually", "en fait", "I mean"),
or "no, sorry" / "non, pardon" after a comma. An ellipsis alone ("Adam uses... momentum")
takes nothing back.

A belief the writer reports only to reject it is not theirs either: "I first thought we could
draw (y, z) together, but they are coupled", "on pourrait croire que deux blocs suffisent,
mais ...": the words from the cue to the "but" (or the sentence's end, when the rejection
comes after) are dropped, and so is a concession to what others say up to its comma
("although Adam is said to add momentum, ...", "bien qu'on dise qu'Adam ..., il n'en a
pas"). "Contrary to what one might think, X", "contrairement à ce qu'on
pourrait croire, X" affirm X: only the cue goes.

Nor is a question the writer asks and answers no ("Can we draw (y, z) jointly? No, they
are coupled"): the question is dropped; answered yes, or left in doubt, it stands. (A
counterfactual, "if y and z were independent the positive phase would be exact; they are
coupled", is left: "if G were collapsed, a pack would hold near-duplicates" explains
PacGAN in the same mood.)
"""

from __future__ import annotations

import re

# what takes back: one or more of these right after the ellipsis or dash
_BACK = (
    r"(?:no|non|nope|si|wait|sorry|pardon|oops|oups|oh|actually|en\s+fait|enfin|"
    r"i\s+mean|je\s+veux\s+dire|correction|attends|euh|hmm|scratch\s+that)"
)
_SEP = r"[\s,:!-]*"
# from the start of the sentence (or clause after ';' / ':') to the correction's end
_RETRACTED = re.compile(
    rf"(?:(?<=^)|(?<=[.!?;:]\s))[^.!?;:…]*?"
    rf"(?:(?:\.{{3}}|…|\s[—–]|\s--)\s*{_BACK}\b|,\s*(?:no|non)\s*,?\s*(?:sorry|pardon|wait)\b)"
    rf"(?:{_SEP}{_BACK}\b)*{_SEP}",
    re.IGNORECASE,
)


_PRONOUN = re.compile(r"(il|elle|it|he|she|ils|elles|they)\b", re.IGNORECASE)
_NAME = re.compile(r"\s*([A-Z][\w-]*)\b")
_CUES = re.compile(r"\.\.\.|…|—|–|--|\b(?:sorry|pardon|wait)\b", re.IGNORECASE)


# "contrary to what one might think": the claim after it is the writer's
_CONTRARY = re.compile(
    r"\b(?:contrary\s+to\s+what\s+(?:one|you|we|people)\s+(?:might|may|could|would)\s+"
    r"(?:think|believe|expect)|contrary\s+to\s+(?:popular|common)\s+belief|"
    r"contrairement\s+(?:a|à)\s+ce\s+(?:qu'|qu’|que\s+)(?:on|l'on|l’on)\s+"
    r"(?:pourrait|peut|pourrait\s+)?\s*(?:croire|penser|imaginer))\s*,?\s*",
    re.IGNORECASE,
)
# a belief reported to be rejected: from its cue to the "but" that rejects it, or to the
# sentence's end when the rejection follows
_BELIEF = (
    r"(?:i\s+(?:first|initially|originally)\s+thought|at\s+first\s+i\s+thought|"
    r"(?:one|you|we)\s+(?:might|could|would|may)\s+(?:think(?!\s+(?:of|about)\b)|believe|"
    r"be\s+tempted\s+to\s+(?:think|say))|it\s+is\s+tempting\s+to\s+(?:think|say|believe)|"
    r"j['’]ai\s+d['’]abord\s+(?:cru|pens[ée])|au\s+d[ée]but\s+j['’]ai\s+(?:cru|pens[ée])|"
    r"on\s+(?:pourrait|peut|serait\s+tent[ée]\s+de)\s+(?:croire|penser|dire)|"
    r"il\s+est\s+tentant\s+de\s+(?:croire|penser|dire))"
)
_REJECTED = re.compile(
    rf"\b{_BELIEF}\b[^.!?;]*?(?:\b(?:but|however|yet|mais|cependant|pourtant|sauf\s+que)\b"
    r"\s*,?\s*|(?=[.!?;])|$)",
    re.IGNORECASE,
)
# a concession to what others say, rejected in the clause after its comma: "although Adam
# is said to add momentum, it has none", "bien qu'on dise qu'Adam ajoute du momentum, il
# n'en a pas" (a bare "although X, Y" grants X: the writer's own claim, kept)
_CONCEDED = re.compile(
    r"\b(?:although|though|even\s+though|even\s+if)\s+(?:it\s+is|[\w-]+\s+is|[\w-]+\s+are|"
    r"they\s+are)\s+(?:often\s+|sometimes\s+|commonly\s+|usually\s+)?(?:said|claimed|"
    r"believed|thought)\s+(?:to|that)\b[^.!?;:,]*,\s*|"
    r"\b(?:bien\s+qu['’]on|m[êe]me\s+si\s+on|quoiqu['’]on)\s+(?:dise|dit|pense|croie|croit|"
    r"pr[ée]tende|pr[ée]tend|affirme)\s+(?:que\s+|qu['’])[^.!?;:,]*,\s*",
    re.IGNORECASE,
)
_CONCEDED_WORDS = ("said", "claimed", "believed", "thought", "on dise", "on dit", "on pense",
                   "on croi", "on pr", "on affirme")  # fmt: skip
# the cues' own words (a plain substring scan: every answer comes here)
_BELIEF_WORDS = (
    "thought", "might think", "could think", "would think", "may think", "believe",
    "tempt", "croire", "penser", "pensé", "pense", "cru", "contrary", "contrairement",
)  # fmt: skip


# a question answered no right after: "Could two blocks work? No: ..." (a yes affirms it)
_ASKED = re.compile(
    # a short question (a run-on answer that ends in "?" is the answer itself)
    r"(?:(?<=^)|(?<=[.!?;:]\s))[^.!?;:]{0,90}\?\s*"
    # (not a doubt: "RMSprop has it too? not sure" keeps a tentative claim a TA may credit)
    r"(?=(?:no|non|nope)\b)",
    re.IGNORECASE,
)
_ASIDE_WORDS = ("?",)


def rejected(text: str) -> str:
    """The answer without the beliefs its writer reports only to reject ("one might think
    two blocks suffice, but ...") and the questions it answers no; "contrary to what one
    might think, X" keeps X. The same text when it holds none."""
    lowered = text.lower()
    kept = text
    if any(word in lowered for word in _ASIDE_WORDS):
        kept = _ASKED.sub("", kept)
    if any(word in lowered for word in _BELIEF_WORDS):
        kept = _REJECTED.sub("", _CONTRARY.sub("", kept))
    if any(word in lowered for word in _CONCEDED_WORDS):
        kept = _CONCEDED.sub(_conceded_name, kept)
    return kept if kept.strip() else text


def retracted(text: str) -> str:
    """The answer without the claims its writer took back (the same text when none is).
    A pronoun that opens what is kept names what the taken-back words began with ("Adam
    n'a pas de momentum... si, en fait il en a": Adam has it)."""
    # `_CUES` as plain substring scans, written out (no generator: every answer comes here)
    if not ("..." in text or "…" in text or "—" in text or "–" in text or "--" in text):
        lowered = text.lower()
        if not ("sorry" in lowered or "pardon" in lowered or "wait" in lowered):
            return text
    if _CUES.search(text) is None:
        return text
    kept = _RETRACTED.sub(_keep_name, text)
    return kept if kept.strip() else text


def _conceded_name(found: re.Match[str]) -> str:
    """What replaces a conceded belief: nothing, or the name it was about when a pronoun
    opens the rejection ("bien qu'on dise qu'Adam ..., il n'en a pas": Adam has none)."""
    name = _INNER_NAME.search(found.group(0), 1)
    if name is None or _PRONOUN.match(found.string[found.end() :]) is None:
        return ""
    return name.group(1) + " "


_INNER_NAME = re.compile(r"\b([A-Z][\w-]*)\b")


def _keep_name(found: re.Match[str]) -> str:
    """What replaces a taken-back claim: nothing, or its name when a pronoun follows."""
    after = found.string[found.end() :]
    name = _NAME.match(found.group(0))
    if name is None or _PRONOUN.match(after) is None:
        return ""
    return name.group(1) + " "
