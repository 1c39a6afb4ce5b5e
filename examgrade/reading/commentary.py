"""Commentary after the answer (untold notation): a reason (`, since ...`), the
distributions (`, où x̃ ∼ P_g`), a condition (`(w ≠ 0)`), a range (`, t >= 1`)."""

from __future__ import annotations

import re

from examgrade.reading import depths

#: `, since ∇D = w so ...`, `, où x̃ ∼ P_g et x ∼ P_r`, `, because ...`: a reason or the
#: distributions, after the answer; not a value.
_COMMENT = re.compile(
    r"[,;]\s*(?:since|because|as\s+|car|puisque|parce\s+que|where\s+[^=]*[∼~]|"
    r"où\s+[^=]*[∼~]|with\s+[^=]*[∼~]|avec\s+[^=]*[∼~])",
    re.IGNORECASE,
)
#: `(w ≠ 0)`: a condition after the answer
_CONDITION = re.compile(r"\s*\(\s*[A-Za-z\\{}‖|]+\s*(?:≠|!=|\\neq)\s*0\s*\)\s*$")
#: `, t >= 1`, `; for t ≥ 1`, `, pour tout t ≥ 1`: the range the answer holds on, after a
#: comma (untold round 6; in brackets it was read already)
_RANGE_AFTER = re.compile(
    r"\s*[,;]\s*(?:(?:for|pour|when|quand|si)\s+(?:(?:all|any|every|tout)\s+)?)?"
    r"[A-Za-z](?:_\w)?\s*(?:>=|≥|\\geq?|>|<=|≤|\\leq?|<)\s*[\w{}\\]{1,8}\s*\.?\s*$"
)


def commentary(text: str) -> str:
    if "≠" in text or "!=" in text or "neq" in text:
        text = _CONDITION.sub("", text)
    if "=" in text or "<" in text or ">" in text or "≥" in text or "≤" in text or "\\" in text:
        range_after = _RANGE_AFTER.search(text)
        if range_after is not None and not depths(text)[range_after.start()]:
            text = text[: range_after.start()]
    match = _COMMENT.search(text)
    if match is None:
        return text
    depth = depths(text)
    for match in _COMMENT.finditer(text):
        if match.start() and not depth[match.start()]:
            return text[: match.start()].rstrip()
    return text
