"""Each part's result of `check`, kept between runs: an edited sheet grades only the
parts whose answers changed (issue 17).

A student checks a sheet after editing it, so its bytes, and `kept_check`'s key, have
changed; but most of its parts have not. Grading them again imported the check kinds,
numpy and the text engine and built the free-text plans (~0.45 s of CPU). A part's result
is a pure function of its answer's content, its rubric and the code (solvers are pure,
draws seeded), so it is kept in the user cache (`examgrade.user_cache`) under a SHA-256 of
the question and part keys and the answer's content (`memo.signature`), in a file named
by everything else it depends on: Python, examgrade's code digest, the installed
distributions, the rubric files and a pack's solvers.

Only what `memo.reusable` would hand another sheet is kept (no `invalid` outcome, no text
that names a line, nothing unreadable): a part's output then does not depend on where the
answer sits in the file. A part is kept as plain data, its texts rendered in both
languages (JSON, never pickle: nothing in it is run); the file carries its own SHA-256.
A damaged, foreign or stale file, or an entry that does not read as promised, is a miss:
that part is graded as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from examgrade.checks.base import Outcome
from examgrade.i18n import LANGS, Lang
from examgrade.nodes import Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from examgrade.engine import PartResult
    from examgrade.rubric import RubricSet
    from examgrade.rubric_model import Part

VERSION = 1
MAX_PARTS = 2048  # parts kept per rubric set (a few dozen sheets of a TA's); oldest go first
KEPT = 4  # files kept (rubric sets, code versions)
_HEAD = b"examgrade-parts"
_STATUSES = frozenset({"correct", "partial", "incorrect", "missing"})


@dataclass(frozen=True)
class Rendered:
    """A text kept as its rendering in each language."""

    en: str
    fr: str

    def render(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.fr


class KeptParts:
    """The parts kept for one rubric set: `found` before grading a part, `keep` after,
    `save` once at the end of the sheet."""

    def __init__(self, context: str) -> None:
        self._name = f"parts-{context[:32]}.json"
        self._context = context
        self._entries: dict[str, Any] = {}
        self._grown = False
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        from examgrade import user_cache

        data = user_cache.read_bytes(self._name)
        if data is None:
            return
        head, sep, body = data.partition(b"\n")
        words = head.split(b" ")
        if not sep or len(words) != 4 or words[0] != _HEAD:
            return
        if words[1] != str(VERSION).encode() or words[2] != self._context.encode():
            return
        if words[3] != hashlib.sha256(body).hexdigest().encode():
            return
        try:
            entries = json.loads(body)
        except ValueError:
            return
        if isinstance(entries, dict) and len(entries) <= MAX_PARTS:
            self._entries = entries

    def found(self, question: str, part: Part, node: Node | None) -> PartResult | None:
        """The result kept for this part's answer, or None."""
        key = _part_key(question, part, node)
        if key is None:
            return None
        if not self._loaded:
            self._load()
        entry = self._entries.get(key)
        if entry is None:
            return None
        try:
            return _from_data(part, entry)
        except (TypeError, ValueError, KeyError, IndexError):
            return None

    def keep(self, question: str, part: Part, node: Node | None, result: PartResult) -> None:
        """Keep a fresh result when another run may print it as it is."""
        key = _part_key(question, part, node)
        if key is None:
            return
        try:
            data = _to_data(result)
        except Exception:  # a text that cannot be rendered, a value of another type
            return
        if data is None:
            return
        if not self._loaded:
            self._load()
        self._entries.pop(key, None)
        self._entries[key] = data  # newest last
        self._grown = True

    def save(self) -> None:
        """Write the file when a part was added; never fails the caller."""
        if not self._grown:
            return
        from examgrade import user_cache

        try:
            entries = dict(list(self._entries.items())[-MAX_PARTS:])
            body = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
            head = b" ".join(
                [
                    _HEAD,
                    str(VERSION).encode(),
                    self._context.encode(),
                    hashlib.sha256(body).hexdigest().encode(),
                ]
            )
            user_cache.write_bytes(self._name, head + b"\n" + body, keep=KEPT)
        except Exception:
            return


def for_rubrics(rubrics: RubricSet) -> KeptParts | None:
    """The store of this rubric set's parts, or None when what they depend on cannot be
    told (a folder gone)."""
    try:
        return KeptParts(_context(rubrics))
    except (OSError, ValueError, ImportError):
        return None


def _context(rubrics: RubricSet) -> str:
    """A SHA-256 of everything a part's result depends on besides its answer."""
    from pathlib import Path

    from examgrade.digests import code_digest, rubric_digest
    from examgrade.kept_check import distributions

    digest = hashlib.sha256()
    parts = [sys.version, code_digest(), distributions()]
    exam = rubrics.exam
    folders = [rubrics.directory] + ([exam.folder] if exam is not None else [])
    for folder in dict.fromkeys(os.path.abspath(f) for f in folders):  # the bundled: one
        parts += [folder, rubric_digest(folder)]
        solvers = Path(folder) / "solvers.py"  # a pack's own solvers
        parts.append(hashlib.sha256(solvers.read_bytes()).hexdigest() if solvers.is_file() else "")
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _part_key(question: str, part: Part, node: Node | None) -> str | None:
    """The answer's key: the question, the part and the answer's content, without its
    location (None: part of it could not be read)."""
    from examgrade.memo import signature

    content = signature(node)
    if content is None:
        return None
    text = repr((question, part.key, part.path, content))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _exact(value: Any, *types: type) -> Any:
    """`value` when it is of one of these very types (not a subclass), else ValueError."""
    if type(value) not in types:
        raise ValueError(value)
    return value


def _to_data(result: PartResult) -> dict[str, Any] | None:
    """The part as plain data, or None when it must not be kept."""
    from examgrade.memo import reusable

    items = []
    for item in result.items:
        outcome = item.outcome
        if outcome.status not in _STATUSES or not reusable(outcome):
            return None
        confidence = outcome.details.get("confidence") if outcome.details else None
        items.append(
            [
                _exact(item.field, str, type(None)),
                _exact(item.points, int, float),
                _exact(outcome.score, int, float),
                outcome.status,
                _exact(outcome.review, bool),
                _exact(outcome.awaiting, int, float),
                _exact(outcome.mistake, str, type(None)),
                _exact(confidence, int, float, type(None)),
            ]
        )
    feedback = [[text.render(lang) for lang in LANGS] for text in result.feedback]
    return {
        "score": _exact(result.score, int, float),
        "max": _exact(result.max, int, float),
        "status": _exact(result.status, str),
        "review": _exact(result.review, bool),
        "awaiting": _exact(result.awaiting, int, float),
        "feedback": feedback,
        "items": items,
    }


def _from_data(part: Part, data: Mapping[str, Any]) -> PartResult:
    """The part's result from its plain data; TypeError, ValueError or KeyError when the
    data is not what `_to_data` writes."""
    from examgrade.engine import ItemResult, PartResult

    items = []
    for row in data["items"]:
        field, points, score, status, review, awaiting, mistake, confidence = row
        if status not in _STATUSES:
            raise ValueError(status)
        details = {} if confidence is None else {"confidence": _exact(confidence, int, float)}
        outcome = Outcome(
            _exact(score, int, float),
            status,
            (),
            review=_exact(review, bool),
            awaiting=_exact(awaiting, int, float),
            mistake=_exact(mistake, str, type(None)),
            details=details,
        )
        items.append(
            ItemResult(_exact(field, str, type(None)), _exact(points, int, float), outcome)
        )
    feedback = []
    for texts in data["feedback"]:
        en, fr = texts
        feedback.append(Rendered(_exact(en, str), _exact(fr, str)))
    return PartResult(
        key=part.key,
        title=part.title,
        score=_exact(data["score"], int, float),
        max=_exact(data["max"], int, float),
        status=_exact(data["status"], str),
        review=_exact(data["review"], bool),
        feedback=tuple(feedback),
        items=tuple(items),
        awaiting=_exact(data["awaiting"], int, float),
    )
