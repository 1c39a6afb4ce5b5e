"""Self-corrections: a claim the student takes back is not part of the answer.

Students under time pressure correct themselves in place ("Adagrad uses a moving
average... no, sorry: it's RMSprop that does", "Adam n'a pas de momentum... si, en fait il
en a"). A TA reads what the student settled on, so the words from the sentence's start to
the correction are dropped before grading: an ellipsis (or a dash) followed by a word that
takes back ("no", "non", "si", "wait", "sorry", "pardon", "actually", "en fait", "I mean"),
or "no, sorry" / "non, pardon" after a comma. An ellipsis alone ("Adam uses... momentum")
takes nothing back.
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


def _keep_name(found: re.Match[str]) -> str:
    """What replaces a taken-back claim: nothing, or its name when a pronoun follows."""
    after = found.string[found.end() :]
    name = _NAME.match(found.group(0))
    if name is None or _PRONOUN.match(after) is None:
        return ""
    return name.group(1) + " "
