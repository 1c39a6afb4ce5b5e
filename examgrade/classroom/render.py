"""The class at a glance, for a terminal (rich) and for `summary.md`, in EN or FR.

Both are rendered from the same sections (a title, column headers, rows, a note), so
the printed summary and the written one never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from examgrade.i18n import Lang, Message
from examgrade.numbers import fmt, percent

if TYPE_CHECKING:
    from rich.console import RenderableType

    from examgrade.classroom.groups import Groups
    from examgrade.classroom.results import BatchResult

TOP_MISTAKES = 10
TOP_CHANGES = 20
BAR_WIDTH = 40


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = field(default=())


def _say(code: str, lang: Lang, **params: Any) -> str:
    return Message(f"batch.{code}", params).render(lang)


def _num(value: float | None, digits: int = 2, lang: Lang = "en") -> str:
    """A figure as the language writes it (`94.97`, `94,97`)."""
    return fmt(value, lang, digits)


def _pct(value: float | None, lang: Lang = "en") -> str:
    return percent(value, lang)


def _stat_row(label: str, stats: dict[str, Any], lang: Lang = "en") -> tuple[str, ...]:
    return (
        label,
        _num(stats["max"], lang=lang),
        _num(stats["mean"], lang=lang),
        _num(stats["median"], lang=lang),
        _num(stats["std"], lang=lang),
        _pct(stats["full_share"], lang),
    )


def sections(result: BatchResult, lang: Lang) -> list[Section]:
    stats = result.stats
    out = [_overview(result, lang)]
    if stats["students"]:
        out.append(_histogram(stats, lang))
        stat_headers = tuple(
            _say(k, lang) for k in ("col_max", "col_mean", "col_median", "col_std", "col_full")
        )
        out.append(
            Section(
                _say("questions_title", lang),
                (_say("col_question", lang), *stat_headers),
                tuple(_stat_row(k.upper(), q, lang) for k, q in stats["questions"].items()),
            )
        )
        out.append(
            Section(
                _say("parts_title", lang),
                (
                    _say("col_part", lang),
                    *stat_headers,
                    _say("col_difficulty", lang),
                    _say("col_discrimination", lang),
                ),
                tuple(
                    (
                        *_stat_row(k, p, lang),
                        _num(p["difficulty"], lang=lang),
                        _num(p["discrimination"], lang=lang),
                    )
                    for k, p in stats["parts"].items()
                ),
                (_alpha_note(stats, lang),),
            )
        )
        out.append(_mistakes(stats, lang))
        out.append(_flagged(stats, lang))
    if result.roster is not None:
        out.append(_roster(result, lang))
    if result.changes or not result.first_run:
        out.append(_changes(result, lang))
    return out


def _roster(result: BatchResult, lang: Lang) -> Section:
    """Who of the roster handed in what: the counts, then each sheet not in the roster
    with its closest entries, each second sheet and each student without a sheet."""
    from examgrade.classroom.roster import describe

    rec = result.roster
    assert rec is not None
    say = lambda code, **p: Message(f"roster.{code}", p).render(lang)  # noqa: E731
    notes = [say("counts", **rec.counts)]
    rows = []
    for item in rec.unknown:
        student = item.report.student
        where = say(
            "closest", by_id=describe(item.by_id) or "—", by_name=describe(item.by_name) or "—"
        )
        rows.append((say("unknown_row"), f"{student.id} {student.name or ''}".strip(), where))
    for entry, report, first in rec.second:
        rows.append(
            (
                say("second_row", first=first),
                str(report.student.id),
                f"{entry.key} {entry.name}",
            )
        )
    for entry in rec.missing:
        rows.append((say("missing_row"), "", f"{entry.key} {entry.name}".strip()))
    if rec.unknown:
        notes.append(say("fix_hint"))
    title = say("title", kind=say(f"kind_{rec.roster.kind}"), file=rec.roster.path)
    headers = (say("col_status"), say("col_sheet"), say("col_roster"))
    return Section(title, headers, tuple(rows), tuple(notes))


def _overview(result: BatchResult, lang: Lang) -> Section:
    total = result.stats["total"]
    notes = [
        _say(
            "overview",
            lang,
            graded=len(result.reports),
            errors=len(result.failures),
            duplicates=len(result.duplicates),
            cached=result.cached,
            fresh=result.graded,
            seconds=_num(result.seconds, 1, lang),
        ),
    ]
    if result.reports:
        notes.append(
            _say(
                "overview_total",
                lang,
                mean=_num(total["mean"], lang=lang),
                median=_num(total["median"], lang=lang),
                std=_num(total["std"], lang=lang),
                max=_num(total["max"], lang=lang),
                percent=_num(total["percent"]["mean"], 1, lang),
            )
        )
    if result.overrides:
        notes.append(
            _say(
                "overview_overrides",
                lang,
                count=len(result.overrides),
                source=result.overrides_source or "—",
            )
        )
    if result.group_decisions:
        source = result.group_decisions[0].file
        notes.append(
            _say("overview_group_decisions", lang, count=len(result.group_decisions), source=source)
        )
    if result.unknown_students:
        notes.append(_say("overrides_unknown", lang, ids=", ".join(result.unknown_students)))
    if result.store_damaged:
        from examgrade.classroom.cache import STORE_NAME

        aside = f"{STORE_NAME}.damaged"
        notes.append(_say("store_damaged", lang, file=STORE_NAME, aside=aside))
    for duplicate in result.duplicates:
        notes.append(
            _say(
                "duplicate_note",
                lang,
                id=duplicate.student,
                kept=duplicate.kept,
                other=duplicate.other,
            )
        )
    if result.gradebook and result.held:
        ids = ", ".join(result.held[:10]) + (" …" if len(result.held) > 10 else "")
        say = Message(
            "roster.held", {"count": len(result.held), "file": result.gradebook, "ids": ids}
        )
        notes.append(say.render(lang))
    if result.gradebook and result.provisional:
        ids = ", ".join(result.provisional[:10]) + (" …" if len(result.provisional) > 10 else "")
        params = {"count": len(result.provisional), "file": result.gradebook, "ids": ids}
        notes.append(Message("roster.provisional", params).render(lang))
    if result.plots is None:
        notes.append(_say("no_matplotlib", lang))
    return Section(_say("summary_title", lang), notes=tuple(notes))


def _histogram(stats: dict[str, Any], lang: Lang) -> Section:
    edges, counts = stats["histogram"]["edges"], stats["histogram"]["counts"]
    top = max(counts) or 1
    rows = []
    for index, count in enumerate(counts):
        low, high = edges[index], edges[index + 1]
        closing = "]" if index == len(counts) - 1 else ")"
        bar = "█" * round(BAR_WIDTH * count / top) if count else ""
        rows.append((f"[{low:.0f}, {high:.0f}{closing}", str(count), bar))
    headers = (_say("col_percent", lang), _say("col_students", lang), "")
    return Section(_say("histogram_title", lang), headers, tuple(rows))


def _alpha_note(stats: dict[str, Any], lang: Lang) -> str:
    if stats["alpha"] is None:
        return _say("alpha_none", lang)
    return _say(
        "alpha", lang, alpha=_num(stats["alpha"], lang=lang), parts=len(stats["alpha_parts"])
    )


def _mistakes(stats: dict[str, Any], lang: Lang) -> Section:
    rows = tuple(
        (m["part"] + (f":{m['field']}" if m["field"] else ""), m["mistake"], str(m["count"]))
        for m in stats["mistakes"][:TOP_MISTAKES]
    )
    notes = () if rows else (_say("mistakes_none", lang),)
    headers = (_say("col_part", lang), _say("col_mistake", lang), _say("col_students", lang))
    return Section(_say("mistakes_title", lang), headers, rows, notes)


def _flagged(stats: dict[str, Any], lang: Lang) -> Section:
    rows = []
    for flag in stats["flagged"]:
        reasons = ", ".join(_say(f"flag_{reason}", lang) for reason in flag["reasons"])
        students = ", ".join(flag["students"][:8]) + (" …" if len(flag["students"]) > 8 else "")
        rows.append((flag["part"], reasons, students))
    notes = () if rows else (_say("flagged_none", lang),)
    headers = (_say("col_part", lang), _say("col_why", lang), _say("col_students", lang))
    return Section(_say("flagged_title", lang), headers, tuple(rows), notes)


def _changes(result: BatchResult, lang: Lang) -> Section:
    rows = tuple(
        (
            c.student,
            c.name or "",
            f"{_num(c.old, lang=lang)} → {_num(c.new, lang=lang)}",
            ("+" if c.delta > 0 else "") + _num(c.delta, lang=lang),
            "; ".join(p.describe() for p in c.parts),
            ", ".join(_say(f"reason_{r}", lang) for r in c.reasons),
        )
        for c in result.changes[:TOP_CHANGES]
    )
    notes = [_say("changes_count", lang, count=len(result.changes))]
    if len(result.changes) > TOP_CHANGES:
        notes.append(_say("changes_more", lang, shown=TOP_CHANGES))
    headers = tuple(
        _say(k, lang)
        for k in ("col_id", "col_name", "col_total", "col_delta", "col_parts", "col_why")
    )
    return Section(_say("changes_title", lang), headers, rows, tuple(notes))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(parts: Sequence[Section]) -> str:
    """`summary.md`: one heading per section, its notes, then a pipe table."""
    lines: list[str] = []
    for section in parts:
        lines += [f"## {section.title}", ""]
        lines += [f"{note}  " for note in section.notes]
        if section.notes:
            lines.append("")
        if section.rows:
            lines.append("| " + " | ".join(_cell(h) for h in section.headers) + " |")
            lines.append("|" + "---|" * len(section.headers))
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in section.rows]
            lines.append("")
    return "\n".join(lines)


def renderables(parts: Sequence[Section]) -> Iterable[RenderableType]:
    """The same sections as rich tables, for the terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    for section in parts:
        yield Text(section.title, style="bold")
        for note in section.notes:
            yield Text(note)
        if section.rows:
            table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
            for index, header in enumerate(section.headers):
                table.add_column(header, no_wrap=index == 0, overflow="fold")
            for row in section.rows:
                table.add_row(*(Text(c) for c in row))
            yield table


def groups_renderables(result: Groups, lang: Lang, top: int = 0) -> Iterable[RenderableType]:
    """`examgrade groups`: one row per group of equivalent answers, largest first."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    shown = result.groups[:top] if top else result.groups
    yield Text(
        _say(
            "groups_title",
            lang,
            part=result.target.label,
            groups=len(result.groups),
            sheets=result.sheets,
        ),
        style="bold",
    )
    if result.unreadable:
        yield Text(_say("groups_unreadable", lang, count=len(result.unreadable)))
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for header in ("#", "col_count", "col_verdict", "col_mistake", "col_answer", "col_spellings"):
        table.add_column(header if header == "#" else _say(header, lang), overflow="fold")
    for rank, group in enumerate(shown, 1):
        status, score, maximum, mistake = group.verdict
        if status == "pending":
            verdict = Message("ui.not_graded_title").render(lang)
        else:
            word = Message(f"ui.status_{status}").render(lang)
            verdict = f"{word} {_num(score, lang=lang)}/{_num(maximum, lang=lang)}"
        if group.mixed:
            verdict += f" ({_say('groups_mixed', lang)})"
        others = [f"{text} ×{count}" for text, count in group.spellings.most_common()[1:4]]
        if len(group.spellings) > 4:
            others.append("…")
        table.add_row(
            str(rank),
            str(group.count),
            Text(verdict),
            Text(mistake or ""),
            Text(group.representative),
            Text(", ".join(others)),
        )
    yield table
