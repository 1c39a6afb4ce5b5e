"""An exam pack: the exam's shape as data (`exam.yaml`), its rubrics, and optionally the
solvers its rubrics name (`solvers.py`).

Nothing else in examgrade names a question: the sheet's keys, the points, the total, the
CSV columns and the help all come from the pack. Layout::

    my-exam/
      exam.yaml          # id, title, languages, total, the questions in order
      rubrics/q1.yaml    # one rubric per question (examgrade.rubric's format)
      solvers.py         # optional: `from examgrade.solvers import register_solver`

The bundled IFT6135 final keeps its rubrics where they always were (`rubrics/`, the
package `examgrade.rubrics`), so its `exam.yaml` sits beside them: a pack whose folder has
no `rubrics/` takes its rubrics from the folder itself. `exam.yaml`::

    id: ift6135-final
    title: {en: ..., fr: ...}
    name: {en: ..., fr: ...}  # optional: the short name page titles use (default: title)
    languages: [en, fr]       # or [en]: then every text needs only `en`
    total: 100
    questions:
      - {key: q1, points: 10, parts: [a, b, c, d, e]}

`solvers.py` is code: it is imported only from a pack the user names (`--exam`), never
found by itself, and only once per process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from examgrade.errors import Location, RubricError, SheetError
from examgrade.files import MAX_INSTRUCTOR_BYTES, package_folder, read_regular
from examgrade.i18n import Bilingual
from examgrade.located import LocatedReader
from examgrade.nodes import Node, Scalar, Sequence
from examgrade.yamlsafe import compose, decode

EXAM_FILE = "exam.yaml"
SOLVERS_FILE = "solvers.py"
KNOWN_LANGS = ("en", "fr")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_PART = re.compile(r"^[a-z0-9_]{1,16}(\.[a-z0-9_]{1,16}){0,2}$")
_EXAM_KEYS = {"id", "title", "name", "languages", "total", "questions"}
_QUESTION_KEYS = {"key", "points", "parts"}
MAX_QUESTIONS = 500


@dataclass(frozen=True)
class ExamQuestion:
    key: str
    points: float
    parts: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Exam:
    """The exam's shape: which questions, in which order, worth what."""

    id: str
    title: Bilingual
    languages: tuple[str, ...]
    total: float
    questions: tuple[ExamQuestion, ...]
    folder: str
    bundled: bool = False
    name: Bilingual | None = None  # the short name page titles use

    @property
    def short_name(self) -> Bilingual:
        """What the report's and the feedback's titles call the exam (default: its title)."""
        return self.name or self.title

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(q.key for q in self.questions)

    @property
    def points(self) -> dict[str, float]:
        return {q.key: q.points for q in self.questions}

    def question(self, key: str) -> ExamQuestion | None:
        return next((q for q in self.questions if q.key == key), None)

    @property
    def rubrics_folder(self) -> Path:
        sub = Path(self.folder) / "rubrics"
        return sub if sub.is_dir() else Path(self.folder)

    def keys_text(self) -> str:
        """`q1, q2, …` for messages and help: the first and last few keys."""
        keys = self.keys
        return ", ".join(keys) if len(keys) <= 8 else f"{', '.join(keys[:3])} … {keys[-1]}"


def bundled_folder() -> Path:
    """The IFT6135 final's pack: `exam.yaml` beside its rubrics (package examgrade.rubrics)."""
    return package_folder("examgrade.rubrics")


def pack_root(directory: str | Path | None) -> Path | None:
    """The pack a folder belongs to: the folder itself when it holds `exam.yaml`, or its
    parent when it is a pack's `rubrics/`; None for a bare folder of rubric files (those
    are the bundled exam's)."""
    if directory is None:
        return bundled_folder()
    folder = Path(directory)
    if (folder / EXAM_FILE).is_file():
        return folder
    if folder.name == "rubrics" and (folder.parent / EXAM_FILE).is_file():
        return folder.parent
    return None


@cache
def default_exam() -> Exam:
    return load_exam(bundled_folder(), bundled=True)


def exam_for(directory: str | Path | None) -> Exam:
    """The exam whose rubrics are in `directory` (None: the bundled one)."""
    root = pack_root(directory)
    if root is None:
        return default_exam()
    bundled = root.resolve() == bundled_folder().resolve()
    return default_exam() if bundled else load_exam(root)


def load_exam(folder: str | Path, bundled: bool = False) -> Exam:
    """Read and validate `folder/exam.yaml`; a fault raises `RubricError` with its line."""
    folder = Path(folder)
    path = folder / EXAM_FILE
    name = str(path)
    if not path.exists():
        raise RubricError("exam.no_exam_file", {"folder": str(folder)}, Location(name))
    try:
        data = read_regular(path, MAX_INSTRUCTOR_BYTES, name, codes="files", error=RubricError)
        root = compose(decode(data, name), name)
    except SheetError as exc:
        raise RubricError(exc.code, exc.params, exc.location) from None
    reader = _Reader(name)
    top = reader.mapping(root, "exam", Location(name, 1, 1))
    reader.only(top, _EXAM_KEYS)
    exam_id = reader.text(top.get("id"), "id", top.location).strip()
    langs_node = reader.present(top.get("languages"), "languages", top.location)
    if not isinstance(langs_node, Sequence) or not langs_node.items:
        raise reader.fail("wrong_type", langs_node.location, key="languages", expected="a list")
    languages = []
    for node in langs_node.items:
        lang = reader.text(node, "languages", langs_node.location).strip().lower()
        if lang not in KNOWN_LANGS or lang in languages:
            raise RubricError(
                "exam.bad_language",
                {**node.location.params(), "value": lang, "known": ", ".join(KNOWN_LANGS)},
                node.location,
            )
        languages.append(lang)
    if "en" not in languages:
        raise RubricError(
            "exam.bad_language",
            {**langs_node.location.params(), "value": ", ".join(languages), "known": "en"},
            langs_node.location,
        )
    title = reader.bilingual(top.get("title"), "title", top.location, tuple(languages))
    name = (
        reader.bilingual(top.get("name"), "name", top.location, tuple(languages))
        if top.get("name") is not None
        else None
    )
    total = reader.number(top.get("total"), "total", top.location)
    questions_node = reader.present(top.get("questions"), "questions", top.location)
    if not isinstance(questions_node, Sequence) or not questions_node.items:
        raise reader.fail("wrong_type", questions_node.location, key="questions", expected="a list")
    if len(questions_node.items) > MAX_QUESTIONS:
        raise reader.fail(
            "wrong_type", questions_node.location, key="questions", expected="≤ 500 questions"
        )
    questions: list[ExamQuestion] = []
    for node in questions_node.items:
        entry = reader.mapping(node, "questions", questions_node.location)
        reader.only(entry, _QUESTION_KEYS)
        key_node = entry.get("key")
        key = reader.text(key_node, "key", entry.location).strip()
        if not _KEY.match(key) or key == "student" or key in {q.key for q in questions}:
            raise RubricError(
                "exam.bad_key", {**entry.location.params(), "key": key}, entry.location
            )
        points = reader.number(entry.get("points"), "points", entry.location)
        parts_node = reader.present(entry.get("parts"), "parts", entry.location)
        if not isinstance(parts_node, Sequence) or not parts_node.items:
            raise reader.fail("wrong_type", parts_node.location, key="parts", expected="a list")
        parts = tuple(
            reader.text(p, "parts", parts_node.location).strip() for p in parts_node.items
        )
        for part in parts:
            if not _PART.match(part) or parts.count(part) > 1:
                raise RubricError(
                    "exam.bad_part",
                    {**parts_node.location.params(), "part": part, "question": key},
                    parts_node.location,
                )
        questions.append(ExamQuestion(key, points, parts, entry.location))
    summed = sum(q.points for q in questions)
    if abs(summed - total) > 1e-9:
        raise reader.fail(
            "points_sum", questions_node.location, what="questions", total=summed,
            owner="the exam", expected=total,
        )  # fmt: skip
    return Exam(
        exam_id, title, tuple(languages), total, tuple(questions), str(folder), bundled, name
    )


def load_pack_solvers(exam: Exam) -> None:
    """Import the pack's `solvers.py` once, so its `register_solver` calls run. Only for a
    pack the user named: the bundled exam's solvers are examgrade's own."""
    if exam.bundled:
        return
    path = Path(exam.folder) / SOLVERS_FILE
    if not path.is_file():
        return
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    name = f"examgrade_pack_solvers_{digest}"
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RubricError("rubric.unreadable", {"detail": "solvers.py"}, Location(str(path)))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the instructor's code: say where, never a traceback
        del sys.modules[name]
        raise RubricError(
            "exam.solvers_failed",
            {"file": str(path), "error": f"{type(exc).__name__}: {exc}"[:300]},
            Location(str(path)),
        ) from None


class _Reader(LocatedReader):
    """Typed access to `exam.yaml` nodes, raising `RubricError` with the node's location."""

    def text(self, node: Node | None, key: str, where: Location, blank: bool = False) -> str:
        return super().text(node, key, where, blank)

    def bilingual(
        self, node: Node | None, key: str, where: Location, languages: tuple[str, ...]
    ) -> Bilingual:
        found = self.mapping(node, key, where)
        texts = {}
        for lang in languages:
            value = found.get(lang)
            if not (isinstance(value, Scalar) and value.text.strip()):
                raise RubricError(
                    "exam.needs_language",
                    {**found.location.params(), "key": key, "lang": lang},
                    found.location,
                )
            texts[lang] = value.text.strip()
        return Bilingual(texts["en"], texts.get("fr", texts["en"]))


_SKELETON_EXAM = """\
# An exam pack (examgrade.exam). Each question lists its parts; each question has its
# rubric in rubrics/<key>.yaml. Check it with `examgrade exam validate {folder}`.
id: {id}
title: {{en: 'My exam'}}
languages: [en]          # [en, fr] to require French texts too
total: 10
questions:
  - {{key: q1, points: 5, parts: [a]}}
  - {{key: q2, points: 5, parts: [a]}}
"""

_SKELETON_TEXT = """\
# A free-text question graded by its key ideas (check: concepts). Patterns: words with
# * for any ending, + between words that follow each other, | between alternatives.
question: q1
points: 5
title: {en: 'A free-text question'}
text: {en: 'Why ...?'}
parts:
  a:
    title: {en: 'Explain'}
    points: 5
    check: concepts
    options:
      form: text
      ideas:
        - id: first-idea
          points: 3
          statement: {en: 'The first key idea.'}
          model: {en: 'How the key answer says it.'}
          patterns: ['key+word|other+wording']
        - id: second-idea
          points: 2
          statement: {en: 'The second key idea.'}
          model: {en: 'How the key answer says it.'}
          patterns: ['another*']
"""

_SKELETON_NUMBER = """\
# A number question: `given.value` is the answer written here (no code needed); a
# computed answer names a solver of the pack's own solvers.py instead (README, Exam
# packs). Other kinds: `size` (one square size, 25 for 25x25), `shape` (rows x columns,
# 10x32), `expression` (options: {context: ..., reference: 'W^t'}).
question: q2
points: 5
title: {en: 'A number question'}
text: {en: 'How many ...?'}
parts:
  a:
    title: {en: 'The number'}
    points: 5
    check: number
    solver: given.value
    params: {value: 42}
"""


def new_pack(folder: Path) -> None:
    """Write a skeleton pack to fill: `exam.yaml`, one text and one number question, and a
    sample sheet. The caller has checked that no `exam.yaml` is there."""
    (folder / "rubrics").mkdir(parents=True, exist_ok=True)
    pack_id = re.sub(r"[^a-z0-9-]+", "-", folder.resolve().name.lower()).strip("-") or "exam"
    (folder / EXAM_FILE).write_text(_SKELETON_EXAM.format(id=pack_id, folder=folder))
    for name, text in (("q1.yaml", _SKELETON_TEXT), ("q2.yaml", _SKELETON_NUMBER)):
        path = folder / "rubrics" / name
        if not path.exists():
            path.write_text(text)
    sample = folder / "answers" / "example.yaml"
    if not sample.exists():
        sample.parent.mkdir(exist_ok=True)
        sample.write_text(
            "student: {id: s001, name: 'A Student', lang: en}\n"
            "q1: 'the key word, and another one'   # a question of one part: its answer bare\n"
            "q2: 42\n"
        )
