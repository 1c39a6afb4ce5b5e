"""Load and validate rubrics (`rubrics/qN.yaml`) into `rubric_model` objects.

A rubric is read with the same safe YAML reader as a sheet and validated as it loads:
points add up (items to their part, parts to the exam's points), every check kind and
solver exists, every text is bilingual. A fault raises `RubricError` naming the rubric
file and line, because it is the instructor's to fix, not the student's.

Schema (one file per question)::

    question: q1
    points: 10
    title: {en: ..., fr: ...}
    text: {en: ..., fr: ...}
    parameters: {kernel: 5, ...}        # the solvers' inputs; `explain --set` overrides them
    contexts: {rnn: {...}}              # named math contexts: an item's `options: {context: rnn}`
                                        # is replaced by the declaration (mathlang Context)
    parts:
      a:
        title: {en: ..., fr: ...}
        points: 2
        pending: false                  # true: listed but not graded yet
        text_field: explanation         # where a bare string goes when the part takes a mapping
        explain:                        # for `examgrade explain` only, never graded
          ideas: {en: ..., fr: ...}     # the key ideas of a full answer
          mistakes: {en: ..., fr: ...}  # known mistakes the items do not list
          worked: rnn.unroll            # a worked example registered beside the solvers
        # either one item inline (check, solver, ...) or a list of `items`, each with a `field`
        check: sizes
        solver: cnn.feature_map_sizes
        params: {}                      # overrides of the question parameters for this solver
        options: {...}                  # the check kind's own options, validated by the kind
        feedback: {correct: {en, fr}, incorrect: {en, fr}, ...}
        mistakes:
          - id: padding-ignored
            points: 0
            params: {padding: 0}        # a rule: the same solver with other parameters
            # or `solver: other.name`, or `answer: 24`, or check-specific `options`
            feedback: {en: ..., fr: ...}
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from examgrade.errors import Location, RubricError, SheetError
from examgrade.exam import Exam, exam_for, load_pack_solvers
from examgrade.files import MAX_INSTRUCTOR_BYTES, package_folder, read_regular
from examgrade.i18n import Bilingual
from examgrade.located import LocatedReader
from examgrade.nodes import Mapping, Node, Scalar, Sequence
from examgrade.rubric_model import Item, Mistake, Part, PartExplain, Question
from examgrade.yamlsafe import compose, decode, to_plain

_QUESTION_KEYS = {"question", "points", "title", "text", "parameters", "contexts", "parts"}
_PART_KEYS = {"title", "points", "pending", "text_field", "items", "explain"}
_EXPLAIN_KEYS = {"ideas", "mistakes", "worked", "params"}
_ITEM_KEYS = {"field", "check", "points", "solver", "params", "options", "feedback", "mistakes",
              "optional", "blank_to"}  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
_MISTAKE_KEYS = {"id", "points", "feedback", "answer", "solver", "params", "options"}


@dataclass(frozen=True)
class RubricSet:
    """The questions whose rubrics exist, in exam order, and the ones still to come, with
    the exam they belong to (`examgrade.exam`: keys, points, total)."""

    questions: dict[str, Question]
    directory: str
    missing: tuple[str, ...] = field(default=())
    exam: Exam | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """The exam's question keys in order (a sheet's top-level keys, grades.csv's columns)."""
        return self.exam.keys if self.exam else tuple(self.questions)

    def part_examples(self, count: int = 2) -> str:
        """A few of the exam's parts as `q1.b` (for messages that say how to name one)."""
        found = [f"{q.key}.{p.key}" for q in self.questions.values() for p in q.parts]
        return ", ".join(found[1 : 1 + count] or found[:count]) or "-"

    @property
    def total(self) -> float:
        return self.exam.total if self.exam else sum(q.points for q in self.questions.values())

    @property
    def exam_name(self) -> Bilingual:
        """The exam's short name, for the titles of the report and the feedback."""
        return (self.exam or exam_for(None)).short_name


def default_directory() -> Path:
    return package_folder("examgrade.rubrics")


@cache
def load_rubrics(directory: str | None = None) -> RubricSet:
    """All rubrics of a folder (default: the ones shipped with examgrade), as loaded
    before when neither they nor examgrade changed since (`examgrade.user_cache`).

    `directory` is an exam pack (a folder with `exam.yaml`, `examgrade.exam`), a pack's
    `rubrics/`, or a bare folder of rubric files for the bundled exam. A pack's own
    `solvers.py` is imported first, so that its solvers exist when rubrics name them."""
    from examgrade import user_cache
    from examgrade.digests import rubric_digest

    exam = exam_for(directory)
    load_pack_solvers(exam)
    folder = exam.rubrics_folder if directory is None or _is_pack(directory) else Path(directory)
    digest = rubric_digest(folder) + rubric_digest(exam.folder)
    name = user_cache.key("rubrics", str(folder.resolve()), digest)
    kept = user_cache.load(name)
    if isinstance(kept, RubricSet):
        return kept
    rubrics = _load_folder(folder, exam)
    if rubrics.missing and not exam.bundled:  # a pack of one's own is whole, or an error
        where = Location(str(folder / f"{rubrics.missing[0]}.yaml"))
        params = {**where.params(), "key": rubrics.missing[0]}
        raise RubricError("exam.missing_rubric", params, where)
    user_cache.save(name, rubrics)
    return rubrics


def _is_pack(directory: str) -> bool:
    return (Path(directory) / "exam.yaml").is_file()


def load_pack(directory: str | Path) -> RubricSet:
    """A pack named by the user (`--exam`): a folder with `exam.yaml`, its exam and every
    rubric checked."""
    if not _is_pack(str(directory)):
        where = Location(str(Path(directory) / "exam.yaml"))
        raise RubricError("exam.no_exam_file", {"folder": str(directory)}, where)
    return load_rubrics(str(directory))


def _load_folder(folder: Path, exam: Exam) -> RubricSet:
    questions: dict[str, Question] = {}
    missing = []
    for spec in exam.questions:
        path = folder / f"{spec.key}.yaml"
        if path.exists():
            questions[spec.key] = load_rubric(path, exam)
        else:
            missing.append(spec.key)
    return RubricSet(questions, str(folder), tuple(missing), exam)


def load_rubric(path: Path, exam: Exam | None = None) -> Question:
    """One rubric file, checked against its exam (default: the bundled one): the points and
    the parts the exam gives the question, the texts in every language of the exam."""
    from examgrade.exam import default_exam

    name = str(path)
    try:
        data = read_regular(path, MAX_INSTRUCTOR_BYTES, name, codes="files", error=RubricError)
        root = compose(decode(data, name), name)
    except SheetError as exc:
        raise RubricError(exc.code, exc.params, exc.location) from None
    reader = _Reader(name, exam or default_exam())
    root_map = reader.mapping(root, "question", Location(name, 1, 1))
    return reader.question(root_map, path.stem)


class _Reader(LocatedReader):
    """Typed access to rubric nodes, raising `RubricError` with the node's location."""

    def __init__(self, file: str, exam: Exam) -> None:
        super().__init__(file)
        self.exam = exam
        self.contexts: dict[str, Any] = {}
        self.parameters: dict[str, Any] = {}

    def flag(self, node: Node | None, key: str, where: Location) -> bool:
        if node is None:
            return False
        return self.text(node, key, where).strip().lower() in ("true", "yes")

    def bilingual(self, node: Node | None, key: str, where: Location) -> Bilingual:
        node_map = self.mapping(node, key, where)
        en, fr = node_map.get("en"), node_map.get("fr")
        if "fr" not in self.exam.languages and isinstance(en, Scalar) and en.text:
            fr = fr if isinstance(fr, Scalar) and fr.text else en  # an English-only pack
        if not (isinstance(en, Scalar) and isinstance(fr, Scalar) and en.text and fr.text):
            raise self.fail("bilingual", node_map.location, key=key)
        for text in (en, fr):
            self._placeholders(text, key)
        return Bilingual(en.text.strip(), fr.text.strip())

    def _placeholders(self, text: Scalar, key: str) -> None:
        """A placeholder one letter or two off a known one (`{expectd}`) would reach the
        student as typed; braces that name nothing near (`W^{t}`) are the text's own."""
        known = {name.lower(): name for name in ("given", "expected", *self.parameters)}
        for name in _PLACEHOLDER.findall(text.text):
            if name not in known.values():
                near = difflib.get_close_matches(name.lower(), sorted(known), n=1, cutoff=0.8)
                if near:
                    raise self.fail(
                        "placeholder", text.location, key=key, name=name, near=known[near[0]]
                    )

    def plain(self, node: Node | None) -> Any:
        try:
            return to_plain(node)
        except SheetError as exc:
            raise RubricError(exc.code, exc.params, exc.location) from None

    def question(self, root: Mapping, expected_key: str) -> Question:
        self.only(root, _QUESTION_KEYS)
        key = self.text(root.get("question"), "question", root.location)
        if key != expected_key:
            raise self.fail("question_key", root.location, key=key, expected=expected_key)
        points = self.number(root.get("points"), "points", root.location)
        spec = self.exam.question(key)
        if spec is not None and points != spec.points:
            raise self.fail(
                "exam_points", root.location, question=key, expected=spec.points, points=points
            )
        parameters = _numbers(self.plain(root.get("parameters")) or {})
        self.parameters = parameters
        if root.get("contexts") is not None:
            self.contexts = dict(
                self.plain(self.mapping(root.get("contexts"), "contexts", root.location))
            )
        parts_node = self.mapping(root.get("parts"), "parts", root.location)
        parts = tuple(
            self.part(part_key, self.mapping(node, part_key, parts_node.location))
            for part_key, node in parts_node.entries.items()
        )
        self._sum([p.points for p in parts], points, "parts", key, parts_node.location)
        if spec is not None and tuple(p.key for p in parts) != spec.parts:
            raise RubricError(
                "exam.parts_differ",
                {
                    **parts_node.location.params(),
                    "question": key,
                    "expected": ", ".join(spec.parts),
                    "found": ", ".join(p.key for p in parts),
                },
                parts_node.location,
            )
        return Question(
            key=key,
            points=points,
            title=self.bilingual(root.get("title"), "title", root.location),
            text=self.bilingual(root.get("text"), "text", root.location),
            parameters=parameters,
            parts=parts,
            source=self.file,
        )

    def _sum(
        self, values: list[float], expected: float, what: str, owner: str, at: Location
    ) -> None:
        total = sum(values)
        if abs(total - expected) > 1e-9:
            raise self.fail(
                "points_sum", at, what=what, total=total, owner=owner, expected=expected
            )

    def part(self, key: str, node: Mapping) -> Part:
        inline = "check" in node.entries
        self.only(node, _PART_KEYS | (_ITEM_KEYS if inline else set()))
        points = self.number(node.get("points"), "points", node.location)
        pending = self.flag(node.get("pending"), "pending", node.location)
        if inline:
            items: tuple[Item, ...] = (self.item(node, points_default=points, inline=True),)
        elif "items" in node.entries:
            items_node = node.get("items")
            if not isinstance(items_node, Sequence):
                raise self.fail("wrong_type", node.location, key="items", expected="a list")
            items = tuple(
                self.item(self.mapping(i, "items", items_node.location)) for i in items_node.items
            )
        elif pending:
            items = ()
        else:
            raise self.fail("missing_key", node.location, key="check")
        if items:
            self._sum([i.points for i in items], points, "items", f"part {key}", node.location)
            fields = {i.field for i in items if i.field}
            for i in items:
                if i.blank_to is not None and (i.blank_to not in fields or not i.optional):
                    raise self.fail(
                        "unknown_field",
                        i.location,
                        key=f"blank_to: {i.blank_to}",
                        allowed=", ".join(sorted(fields - {i.field or ""})),
                    )
        fields = [i.field for i in items]
        for name in fields:
            if fields.count(name) > 1:
                raise self.fail("duplicate_item", node.location, part=key, field=name or "-")
        text_field = node.get("text_field")
        return Part(
            key=key,
            title=self.bilingual(node.get("title"), "title", node.location),
            points=points,
            items=items,
            pending=pending,
            text_field=self.text(text_field, "text_field", node.location)
            if text_field
            else "explanation",
            location=node.location,
            explain=self.part_explain(node.get("explain"), node.location),
        )

    def part_explain(self, node: Node | None, where: Location) -> PartExplain:
        """The part's `explain:` (key ideas, known mistakes, a worked example by name)."""
        if node is None:
            return PartExplain()
        explain = self.mapping(node, "explain", where)
        self.only(explain, _EXPLAIN_KEYS)
        worked = None
        if (worked_node := explain.get("worked")) is not None:
            from examgrade.solvers import get_worked, worked_names

            worked = self.text(worked_node, "worked", explain.location)
            if get_worked(worked) is None:
                raise self.fail(
                    "unknown_worked",
                    worked_node.location,
                    name=worked,
                    known=", ".join(worked_names()),
                )
        texts = {
            key: self.bilingual(explain.get(key), f"explain.{key}", explain.location)
            for key in ("ideas", "mistakes")
            if explain.get(key) is not None
        }
        return PartExplain(
            ideas=texts.get("ideas"),
            mistakes=texts.get("mistakes"),
            worked=worked,
            worked_params=_numbers(self.plain(explain.get("params")) or {}),
        )

    def item(
        self, node: Mapping, points_default: float | None = None, inline: bool = False
    ) -> Item:
        if not inline:
            self.only(node, _ITEM_KEYS)
        from examgrade.checks import check_names, get_check

        check_name = self.text(node.get("check"), "check", node.location)
        kind = get_check(check_name)
        if kind is None:
            raise self.fail(
                "unknown_check", node.location, name=check_name, known=", ".join(check_names())
            )
        solver = self._solver(node)
        feedback_node = node.get("feedback")
        feedback = {}
        if feedback_node is not None:
            feedback_map = self.mapping(feedback_node, "feedback", node.location)
            feedback = {
                k: self.bilingual(v, f"feedback.{k}", feedback_map.location)
                for k, v in feedback_map.entries.items()
            }
        mistakes_node = node.get("mistakes")
        mistakes: tuple[Mistake, ...] = ()
        if mistakes_node is not None:
            if not isinstance(mistakes_node, Sequence):
                raise self.fail("wrong_type", node.location, key="mistakes", expected="a list")
            mistakes = tuple(
                self.mistake(self.mapping(m, "mistakes", mistakes_node.location))
                for m in mistakes_node.items
            )
        field_node = node.get("field")
        points = (
            points_default
            if inline and points_default is not None
            else self.number(node.get("points"), "points", node.location)
        )
        item = Item(
            field=self.text(field_node, "field", node.location)
            if field_node and not inline
            else None,
            check=check_name,
            points=points,
            solver=solver,
            params=_numbers(self.plain(node.get("params")) or {}),
            options=self._options(node),
            feedback=feedback,
            mistakes=mistakes,
            optional=self.flag(node.get("optional"), "optional", node.location),
            blank_to=self.text(node.get("blank_to"), "blank_to", node.location)
            if node.get("blank_to") is not None
            else None,
            location=node.location,
        )
        for mistake in mistakes:  # a mistake worth more than its item would be capped unseen
            if mistake.points > points:
                raise self.fail(
                    "mistake_points", mistake.location, id=mistake.id, points=mistake.points,
                    expected=points,
                )  # fmt: skip
        kind.validate(item)
        return item

    def _options(self, node: Mapping) -> dict[str, Any]:
        """The item's options, a named context (`context: rnn`) replaced by its declaration."""
        options = _one_language(dict(self.plain(node.get("options")) or {}), self.exam.languages)
        name = options.get("context")
        if isinstance(name, str):
            if name not in self.contexts:
                known = ", ".join(sorted(self.contexts)) or "-"
                where = node.key_locations.get("options", node.location)
                raise self.fail("unknown_field", where, key=f"context: {name}", allowed=known)
            options["context"] = self.contexts[name]
        return options

    def _solver(self, node: Mapping) -> str | None:
        from examgrade.solvers import get_solver, solver_names

        solver_node = node.get("solver")
        if solver_node is None:
            return None
        name = self.text(solver_node, "solver", node.location)
        if get_solver(name) is None:
            raise self.fail(
                "unknown_solver", solver_node.location, name=name, known=", ".join(solver_names())
            )
        return name

    def mistake(self, node: Mapping) -> Mistake:
        self.only(node, _MISTAKE_KEYS)
        return Mistake(
            id=self.text(node.get("id"), "id", node.location),
            points=self.number(node.get("points"), "points", node.location),
            feedback=self.bilingual(node.get("feedback"), "feedback", node.location),
            answer=self.plain(node.get("answer")),
            solver=self._solver(node),
            params=_numbers(self.plain(node.get("params")) or {}),
            options=self.plain(node.get("options")) or {},
            location=node.location,
        )


def _one_language(value: Any, languages: tuple[str, ...]) -> Any:
    """In a pack written in English only, a text `{en: ...}` in a check's options stands
    for both languages: the check kinds ask for `en` and `fr` (`examgrade.exam`)."""
    if "fr" in languages:
        return value
    if isinstance(value, dict):
        value = {k: _one_language(v, languages) for k, v in value.items()}
        if set(value) == {"en"} and isinstance(value["en"], str):
            value["fr"] = value["en"]
        return value
    if isinstance(value, list):
        return [_one_language(v, languages) for v in value]
    return value


def _numbers(value: Any) -> Any:
    """Solver parameters are numbers: the YAML reader leaves every scalar as text."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, str):
        for kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                pass
    return value
