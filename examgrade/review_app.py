"""`examgrade review DIR`: the teaching assistant's review queue, a Textual application.

A view over `examgrade.classroom.review` (the queue and the decisions live there, tested
without a terminal). One screen per item; every decision is written by the ledger before
the screen moves on, so quitting at any moment loses nothing. Fits 80×24, keyboard only
(the mouse works but is never needed), in English or French. Textual is imported only
by this module, which only `examgrade review` imports.
"""

from __future__ import annotations

import contextlib
import math
import subprocess
from typing import Any, ClassVar

from rich.markup import escape
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Static

from examgrade.classroom.review import (
    Filters,
    Item,
    ReviewQueue,
    class_groups,
    read_changes,
    regrade_command,
)
from examgrade.errors import ExamgradeError
from examgrade.i18n import Lang, Message
from examgrade.numbers import fmt

MAX_ANSWER_LINES = 12
READ_AFTER = 0.1  # seconds an item is shown before its math is read (review_app)


def say(lang: Lang, code: str, **params: Any) -> str:
    return Message(f"review.{code}", params).render(lang)


def _status(lang: Lang, status: str) -> str:
    try:
        return Message(f"ui.status_{status}").render(lang)
    except KeyError:
        return status


class PointsScreen(ModalScreen[tuple[float, str] | None]):
    """Points and a comment for the current item; Enter in the comment confirms."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: Lang, item: Item, maximum: float, points: float) -> None:
        super().__init__()
        self.lang, self.item, self.maximum, self.start = lang, item, maximum, points

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(
                say(
                    lang,
                    "points_title",
                    part=self.item.part,
                    max=fmt(self.maximum, lang),
                    count=self.item.count,
                )
            )
            yield Label(say(lang, "points_label"))
            yield Input(fmt(self.start, lang), id="points")
            yield Label(say(lang, "comment_label"))
            yield Input(id="comment", max_length=500)
            yield Label("", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "points":
            self.query_one("#comment", Input).focus()
            return
        text = self.query_one("#points", Input).value.strip().replace(",", ".")
        try:
            points = float(text)
        except ValueError:
            points = -1.0
        if not math.isfinite(points):  # "nan" or "inf" would crash the rounding below
            points = -1.0
        step_ok = abs(points * 2 - round(points * 2)) < 1e-9
        if not (0 <= points <= self.maximum and step_ok):
            error = say(
                self.lang,
                "bad_points",
                part=self.item.part,
                points=text or "—",
                max=fmt(self.maximum, self.lang),
            )
            self.query_one("#error", Label).update(escape(error))
            self.query_one("#points", Input).focus()
            return
        self.dismiss((points, self.query_one("#comment", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[Filters | None]):
    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False)]
    FIELDS = ("question", "part", "status", "lang", "student", "decided")

    def __init__(self, lang: Lang, current: Filters) -> None:
        super().__init__()
        self.lang, self.current = lang, current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(say(self.lang, "filter_title"))
            for name in self.FIELDS:
                value = getattr(self.current, name)
                if name == "decided":
                    value = "y" if value else ""
                yield Input(value or "", placeholder=say(self.lang, f"filter_{name}"), id=name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        values = {n: self.query_one(f"#{n}", Input).value.strip() or None for n in self.FIELDS}
        decided = (values.pop("decided") or "").lower()[:1] in ("y", "o")
        self.dismiss(Filters(**values, decided=decided))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """Help, or a table (whose total changed); any of escape, q, ? closes it."""

    BINDINGS: ClassVar = [
        Binding("escape", "close", show=False),
        Binding("q", "close", show=False),
        Binding("question_mark", "close", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str = "",
        rows: list[list[str]] | None = None,
        headers: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.body, self.rows, self.headers = title, body, rows, headers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"[b]{escape(self.title_text)}[/b]")
            if self.rows and self.headers:
                table: DataTable = DataTable(zebra_stripes=True)
                table.add_columns(*self.headers)
                table.add_rows(self.rows)
                yield table
            if self.body:
                yield Static(escape(self.body), id="text")

    def action_close(self) -> None:
        self.dismiss(None)


class ReviewApp(App[None]):
    """The queue, one item at a time."""

    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #status { height: 1; background: $primary; color: $text; padding: 0 1; }
    #body { padding: 0 1; }
    #message { height: 1; padding: 0 1; color: $warning; }
    ModalScreen { align: center middle; }
    #dialog { width: 78; height: auto; max-height: 22; border: round $accent;
              padding: 0 1; background: $surface; }
    #dialog DataTable { height: auto; max-height: 16; }
    #error { color: $error; }
    """

    def __init__(self, queue: ReviewQueue, lang: Lang = "en", groups: bool = True) -> None:
        super().__init__()
        self.queue, self.lang, self.want_groups = queue, lang, groups
        self.filters = Filters()
        self.index = 0
        self.current: Item | None = None
        self.answers: dict[tuple[str, str], str] = {}
        # How examgrade read each item's math, read in a thread after the screen is drawn:
        # it grades the student's sheet, and the first screen need not wait for the
        # grading stack's imports (issue 17). One read at a time.
        self.readings: dict[tuple[str, str], list[tuple[str, str | None, Any]]] = {}
        self._reading = False
        self.groups_count: int | None = None
        say_ = lambda code: say(lang, f"key_{code}")  # noqa: E731
        self._bindings_list = [
            Binding("a", "accept", say_("accept")),
            Binding("p", "points", say_("points")),
            Binding("n,right", "next", say_("next")),
            Binding("b,left", "prev", say_("prev"), show=False),
            Binding("s", "skip", say_("skip")),
            Binding("u", "undo", say_("undo")),
            Binding("f", "filter", say_("filter")),
            Binding("r", "regrade", say_("regrade")),
            Binding("c", "changes", say_("changes"), show=False),
            Binding("g", "group", say_("group"), show=False),
            Binding("question_mark", "help", say_("help")),
            Binding("q", "quit", say_("quit")),
        ]
        for binding in self._bindings_list:
            self.bind(
                binding.key, binding.action, description=binding.description, show=binding.show
            )

    # -- layout --
    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with VerticalScroll(id="scroll"):
            yield Static(id="body")
        yield Static(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.title = say(self.lang, "title", folder=str(self.queue.klass.out))
        self.refresh_view()
        if self.want_groups:
            self.load_groups()

    @work(thread=True, exclusive=True, group="groups")
    def load_groups(self) -> None:
        groups = class_groups(self.queue.klass)
        self.call_from_thread(self._groups_loaded, groups)

    def _groups_loaded(self, groups: list[Item]) -> None:
        keep = self.current
        self.queue.add_groups(groups)
        self.groups_count = len(groups)
        self.invalidate()
        self.refresh_view(keep)

    # -- what is shown --
    @property
    def filters(self) -> Filters:
        return self._queue_filter

    @filters.setter
    def filters(self, value: Filters) -> None:
        self._queue_filter = value
        self.invalidate()

    def invalidate(self) -> None:
        """The queue or the filter changed: the view is made again when next needed
        (moving through the queue does not walk it)."""
        self._visible: list[Item] | None = None

    def visible(self) -> list[Item]:
        if self._visible is None:
            self._visible = self.queue.view(self.filters)
            self._left = self.queue.left(self.filters)
        return self._visible

    def refresh_view(self, keep: Item | None = None) -> None:
        items = self.visible()
        if keep is not None and keep in items:
            self.index = items.index(keep)
        self.index = max(0, min(self.index, len(items) - 1))
        self.current = items[self.index] if items else None
        lang = self.lang
        left = self._left
        status = [f"examgrade review — {self.queue.klass.out.name}"]
        if items:
            status.append(say(lang, "position", index=self.index + 1, total=len(items)))
        status.append(say(lang, "left", left=left))
        if self.want_groups:
            status.append(
                say(lang, "groups_pending")
                if self.groups_count is None
                else say(lang, "groups_done", count=self.groups_count)
            )
        self.query_one("#status", Static).update(escape(" · ".join(status)))
        body = self.query_one("#body", Static)
        body.update(self.item_text(self.current) if self.current else escape(say(lang, "empty")))
        self.query_one("#scroll", VerticalScroll).scroll_home(animate=False)

    def answer(self, student: str, part: str) -> str:
        from examgrade.classroom.review import answer_text

        key = (student, part)
        if key not in self.answers:
            node = self.queue.klass.sheet_node(student, part)
            text = say(self.lang, "no_sheet") if node is None else answer_text(node)
            lines = text.splitlines()
            if len(lines) > MAX_ANSWER_LINES:
                lines = [*lines[:MAX_ANSWER_LINES], "…"]
            self.answers[key] = "\n".join(lines)
        return self.answers[key]

    def readings_of(self, student: str, part: str) -> list[tuple[str, str | None, Any]] | None:
        """The readings of one answer, or None while they are being read: asked for once
        the item is drawn and has stayed on screen READ_AFTER seconds (a teaching assistant going
        through the queue at speed does not grade every sheet on the way), unless
        another read is under way."""
        key = (student, part)
        if key in self.readings:
            return self.readings[key]
        if not self._reading:
            self._reading = True
            self.call_after_refresh(  # after the screen is drawn, and the item stayed
                self.set_timer, READ_AFTER, lambda: self._read_if_shown(student, part)
            )
        return None

    def _shown(self) -> tuple[str, str] | None:
        """The student and part on screen, when it is one answer (not a group)."""
        current = self.current
        if current is None or current.kind == "group":
            return None
        return current.students[0], current.part

    def _read_if_shown(self, student: str, part: str) -> None:
        shown = self._shown()
        if shown == (student, part):
            self.read_math(student, part)
            return
        self._reading = False
        if shown is not None:
            self.readings_of(*shown)  # the item on screen now

    @work(thread=True, group="readings")
    def read_math(self, student: str, part: str) -> None:
        try:
            found = self.queue.klass.readings(student, part)
        except Exception:  # shown as the answer alone, never a crash of the screen
            found = []
        self.call_from_thread(self._math_read, student, part, found)

    def _math_read(self, student: str, part: str, found: list) -> None:
        self._reading = False
        self.readings[(student, part)] = found
        shown = self._shown()
        if shown is not None and (shown == (student, part) or shown not in self.readings):
            self.refresh_view(keep=self.current)  # shows them, or reads the shown item's

    def item_text(self, item: Item) -> str:
        lang, klass = self.lang, self.queue.klass
        qkey, _, pkey = item.part.partition(".")
        question = klass.rubrics.questions.get(qkey)
        part = question.part(pkey) if question else None
        kind = say(lang, f"kind_{item.kind}")
        lines = []
        title = part.title.render(lang) if part else ""
        if item.kind == "group":
            head = f"[b]{kind}[/b] · [b]{item.part}[/b] · {escape(title)}"
            lines += [head, "", escape(say(lang, "group_line", count=item.count))]
            for text, count in item.spellings:
                lines.append(f"  [b]{count}×[/b] {escape(text)}")
            shown = ", ".join(item.students[:6]) + (" …" if item.count > 6 else "")
            lines.append(escape(say(lang, "students", students=shown)))
        else:
            student = item.students[0]
            entry = klass.entries[(student, item.part)]
            who = f"{student} {entry.name} ({entry.lang})"
            lines.append(f"[b]{kind}[/b] · [b]{item.part}[/b] · {escape(who)}")
            if title:
                lines.append(escape(title))
            lines += ["", f"[u]{escape(say(lang, 'answer'))}[/u]"]
            lines += ["  " + escape(line) for line in self.answer(student, item.part).splitlines()]
            readings = self.readings_of(student, item.part) or []
            if readings:
                lines.append(f"[u]{escape(say(lang, 'read_as'))}[/u]")
            for name, reading, error in readings:
                text = reading if error is None else error.render(lang).splitlines()[0]
                lines.append("  " + escape(say(lang, "labelled", label=name, value=text or "")))
        lines.append("")
        automatic = say(
            lang,
            "automatic",
            score=fmt(item.score, lang),
            max=fmt(item.max, lang),
            status=_status(lang, item.status),
        )
        points = fmt(part.points, lang) if part else "?"
        detail = ""
        if part and len(part.items) > 1:
            detail = (
                " ("
                + ", ".join(
                    say(lang, "labelled", label=i.field, value=fmt(i.points, lang))
                    for i in part.items
                    if i.field
                )
                + ")"
            )
        lines.append(escape(automatic + " · " + say(lang, "rubric", points=points) + detail))
        if item.kind != "group":
            entry = klass.entries[(item.students[0], item.part)]
            feedback = klass.feedback(entry.student, item.part).get(lang) or ""
            if feedback:
                lines += ["", f"[u]{escape(say(lang, 'checklist'))}[/u]"]
                fields = [i.field for i in part.items if i.field] if part else []
                lines += ["  " + escape(chunk) for chunk in _checklist(feedback, fields)]
        lines.append("")
        lines.append(self.decision_text(item))
        return "\n".join(lines)

    def decision_text(self, item: Item) -> str:
        rows = [self.queue.ledger.get(s, item.part) for s in item.students]
        done = [r for r in rows if r is not None]
        if not done:
            code = "undecided_skipped" if self.queue.skipped(item) else "undecided"
            return escape(say(self.lang, code))
        row = done[0]
        code = "decision_comment" if row.comment else "decision"
        text = say(
            self.lang,
            code,
            points=fmt(row.points, self.lang),
            max=fmt(item.max, self.lang),
            grader=row.grader or "?",
            comment=row.comment,
        )
        if len(done) < len(rows):
            text += f" ({len(done)}/{len(rows)})"
        return f"[b green]{escape(text)}[/b green]"

    def note(self, text: str) -> None:
        self.query_one("#message", Static).update(escape(text))

    # -- moving --
    def action_next(self) -> None:
        self.index += 1
        self.refresh_view()

    def action_prev(self) -> None:
        self.index = max(0, self.index - 1)
        self.refresh_view()

    def action_skip(self) -> None:
        if self.current is not None:
            # a folder we may not write: the skip holds for this session only
            with contextlib.suppress(OSError):
                self.queue.skip(self.current)
        self.note(say(self.lang, "skipped"))
        self.action_next()

    def _after_decision(self, item: Item) -> None:
        """Decided items leave the default view: the next one takes this one's place."""
        self.invalidate()
        items = self.visible()
        if item in items:
            self.index = items.index(item) + 1
        self.refresh_view()

    # -- deciding --
    def action_accept(self) -> None:
        item = self.current
        if item is None:
            return
        try:
            count = self.queue.accept(item)
        except ExamgradeError as error:  # the overrides file, edited meanwhile, is broken
            self.note(error.message.render(self.lang))
            return
        self.note(say(self.lang, "accepted", count=count))
        self._after_decision(item)

    def action_points(self) -> None:
        item = self.current
        if item is None:
            return
        maximum = self.queue.klass.part_max(item.part)
        row = self.queue.ledger.get(item.students[0], item.part)
        start = row.points if row else item.score

        def done(result: tuple[float, str] | None) -> None:
            if result is None:
                return
            try:
                count = self.queue.set_points(item, result[0], result[1])
            except ExamgradeError as error:
                self.note(error.message.render(self.lang))
                return
            self.note(say(self.lang, "set", points=fmt(result[0], self.lang), count=count))
            self._after_decision(item)

        self.push_screen(PointsScreen(self.lang, item, maximum, start), done)

    def action_group(self) -> None:
        """From one student's answer to the answer group it belongs to: decide it once."""
        item = self.current
        if item is None or item.kind == "group":
            return
        student = item.students[0]
        group = next(
            (
                g
                for g in self.queue.items
                if g.kind == "group" and g.part == item.part and student in g.students
            ),
            None,
        )
        if group is None:
            self.note(say(self.lang, "no_group" if self.queue.groups_ready else "groups_pending"))
            return
        if group not in self.visible():
            self.filters = Filters(decided=self.queue.decided(group))
        self.index = self.visible().index(group)
        self.refresh_view()

    def action_undo(self) -> None:
        try:
            undone = self.queue.undo()
        except ExamgradeError as error:
            self.note(error.message.render(self.lang))
            return
        self.invalidate()
        self.note(say(self.lang, "undone" if undone else "nothing_undo"))
        self.refresh_view(self.current)

    def action_filter(self) -> None:
        def done(result: Filters | None) -> None:
            if result is not None:
                self.filters, self.index = result, 0
                self.refresh_view()

        self.push_screen(FilterScreen(self.lang, self.filters), done)

    def action_help(self) -> None:
        self.push_screen(TextScreen(say(self.lang, "help_title"), say(self.lang, "help")))

    def action_changes(self) -> None:
        rows = read_changes(self.queue.klass.out)
        headers = [say(self.lang, f"col_{c}") for c in ("id", "name", "old", "new", "parts")]
        table = [[r["id"], r["name"], r["old"], r["new"], r["parts"]] for r in rows]
        body = "" if rows else say(self.lang, "changes_none")
        self.push_screen(TextScreen(say(self.lang, "changes_title"), body, table, headers))

    def action_regrade(self) -> None:
        self.note(say(self.lang, "regrading"))
        self.regrade()

    @work(thread=True, exclusive=True, group="regrade")
    def regrade(self) -> None:
        try:
            command, cwd = regrade_command(self.queue.klass, self.queue.ledger.path, self.lang)
        except ExamgradeError as error:
            self.call_from_thread(self.note, error.message.render(self.lang))
            return
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        self.call_from_thread(self._regraded, done.returncode, done.stderr)

    def _regraded(self, code: int, stderr: str) -> None:
        if code != 0:
            detail = (stderr.strip().splitlines() or ["?"])[-1]
            self.note(say(self.lang, "regrade_failed", code=code, detail=detail))
            return
        from examgrade.classroom.review import GradedClass, ReviewQueue

        old = self.queue
        klass = GradedClass(old.klass.out, old.klass.rubrics)
        self.queue = ReviewQueue(klass, old.ledger, old.grader)
        groups = [i for i in old.items if i.kind == "group"]
        if old.groups_ready:
            self.queue.add_groups(groups)
        self.answers.clear()
        self.readings.clear()
        self.invalidate()
        self.refresh_view()
        self.note(say(self.lang, "regraded", count=len(read_changes(klass.out))))
        self.action_changes()


def _checklist(feedback: str, fields: list[str]) -> list[str]:
    """The feedback one idea a line: each ✓ ✗ ! mark, and each of the part's fields, starts
    a line."""
    import re

    names = "|".join(re.escape(f) for f in fields if f)
    field_start = rf"|\s(?=(?:{names}) ?: )" if names else ""
    parts = re.split(rf"\s(?=[✓✗!] ){field_start}", feedback)
    return [p.strip() for p in parts if p.strip()]
