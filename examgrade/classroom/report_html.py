"""`report.html`: the class on one self-contained page, in the summary's language.

Opens from the folder with no network: no script, no font, no link out, the style
inline, the pictures inline SVG drawn here (a few rectangles and lines, so the report
needs no plotting library: `pip install examgrade` is enough). It shows the score
distribution, each part's difficulty and discrimination, the most common known
mistakes with how many students made them, the largest answer groups of each part,
what awaits review, and the roster
reconciliation. Every text from a sheet or a roster is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from examgrade.i18n import Lang, Message
from examgrade.numbers import fmt

if TYPE_CHECKING:
    from examgrade.classroom.results import BatchResult
    from examgrade.rubric import RubricSet

e = html.escape
BLUE, GREEN, RED, GREY = "#3b6ea8", "#4f9a5a", "#c0504d", "#888"

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;
background:#fafafa}
main{max-width:68em;margin:0 auto;padding:1.5em}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6em 1em;min-width:8em}
.card b{display:block;font-size:1.5em}
table{border-collapse:collapse;background:#fff;margin:.5em 0}
td,th{border:1px solid #e3e3e3;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
svg{background:#fff;border:1px solid #e3e3e3;border-radius:6px;max-width:100%;height:auto}
svg text{font-family:inherit;font-size:12px;fill:#333}
.note{color:#555}
td.s{white-space:nowrap}
"""


def _say(code: str, lang: Lang, **params: Any) -> str:
    return Message(f"report.{code}", params).render(lang)


def _svg_open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{e(label)}">'
    )


def histogram_svg(edges: list[float], counts: list[int], lang: Lang) -> str:
    """Bars of students per score band, with the axes labelled."""
    width, height, left, bottom, top = 640, 260, 48, 40, 16
    plot_w, plot_h = width - left - 16, height - bottom - top
    peak = max(counts) or 1
    step = plot_w / max(len(counts), 1)
    parts = [_svg_open(width, height, _say("hist_title", lang))]
    for tick in range(0, peak + 1, max(1, peak // 5)):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            f'<line x1="{left}" x2="{width - 16}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, count in enumerate(counts):
        bar = plot_h * count / peak
        x = left + index * step
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{top + plot_h - bar:.1f}" width="{step - 4:.1f}" '
            f'height="{bar:.1f}" fill="{BLUE}"><title>{count}</title></rect>'
        )
        if count:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{top + plot_h - bar - 4:.1f}" '
                f'text-anchor="middle">{count}</text>'
            )
    for index, edge in enumerate(edges):
        x = left + index * step
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{fmt(edge, lang)}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - 16}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#333"/>'
        f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">'
        f"{e(_say('hist_axis', lang))}</text></svg>"
    )
    return "".join(parts)


def parts_svg(parts: dict[str, dict[str, Any]], lang: Lang) -> str:
    """Per part: a bar for the difficulty (share of the points earned, 0 to 1) and a dot
    for the discrimination (-1 to 1, red when negative)."""
    keys = list(parts)
    row, left, width = 22, 80, 640
    height = 52 + row * len(keys)
    mid = left + (width - left - 20) / 2
    scale = (width - left - 20) / 2
    out = [_svg_open(width, height, _say("parts_title", lang))]
    out.append(
        f'<text x="{left}" y="14">{e(_say("legend_difficulty", lang))}</text>'
        f'<circle cx="{mid + 10}" cy="10" r="5" fill="{GREEN}"/>'
        f'<text x="{mid + 20}" y="14">{e(_say("legend_discrimination", lang))}</text>'
    )
    for index, key in enumerate(keys):
        info = parts[key]
        y = 32 + index * row
        difficulty = info.get("difficulty") or 0.0
        out.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{e(key)}</text>')
        out.append(
            f'<rect x="{left}" y="{y + 3}" width="{(width - left - 20) * difficulty:.1f}" '
            f'height="{row - 8}" fill="{BLUE}" opacity=".35"><title>{fmt(difficulty, lang)}'
            "</title></rect>"
        )
        discrimination = info.get("discrimination")
        if discrimination is not None:
            color = RED if discrimination < 0 else GREEN
            out.append(
                f'<circle cx="{mid + scale * discrimination:.1f}" cy="{y + row / 2 - 1}" r="5" '
                f'fill="{color}"><title>{fmt(discrimination, lang)}</title></circle>'
            )
    bottom = 32 + row * len(keys)
    out.append(f'<line x1="{mid}" x2="{mid}" y1="30" y2="{bottom}" stroke="{GREY}" '
               'stroke-dasharray="3,3"/>')  # fmt: skip
    for value, x in ((-1, left), (0, mid), (1, width - 20)):  # discrimination, above
        out.append(
            f'<text x="{x}" y="{26 + 0}" text-anchor="middle" fill="{GREEN}" '
            f'style="fill:{GREEN}">{fmt(value, lang)}</text>'
        )
    for value, x in ((0, left), (0.5, mid), (1, width - 20)):  # difficulty, below
        out.append(
            f'<text x="{x}" y="{bottom + 10}" text-anchor="middle">{fmt(value, lang)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{e(c)}</td>' if i in numeric else f"<td>{e(c)}</td>"
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bar(count: int, peak: int, color: str = RED) -> str:
    width = 160 * count / (peak or 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="164" height="12" viewBox="0 0 164 12" '
        f'style="border:0;background:none"><rect width="{width:.1f}" height="10" y="1" '
        f'fill="{color}" opacity=".7"/></svg>'
    )


def report_html(result: BatchResult, rubrics: RubricSet, lang: Lang) -> str:
    stats = result.stats
    total = stats["total"]
    title = _say("title", lang, exam=rubrics.exam_name.render(lang))
    body = [f"<h1>{e(title)}</h1>"]
    cards = [
        (_say("card_students", lang), str(len(result.reports))),
        (_say("card_errors", lang), str(len(result.failures))),
        (_say("card_mean", lang, total=fmt(rubrics.total, lang)), fmt(total.get("mean"), lang)),
        (_say("card_median", lang, total=fmt(rubrics.total, lang)), fmt(total.get("median"), lang)),
        (_say("card_alpha", lang), fmt(stats.get("alpha"), lang)),
    ]
    body.append(
        '<div class="cards">'
        + "".join(f'<div class="card">{e(label)}<b>{e(value)}</b></div>' for label, value in cards)
        + "</div>"
    )
    if stats["students"]:
        body.append(f"<h2>{e(_say('hist_title', lang))}</h2>")
        body.append(histogram_svg(stats["histogram"]["edges"], stats["histogram"]["counts"], lang))
        body.append(f"<h2>{e(_say('parts_title', lang))}</h2>")
        body.append(f'<p class="note">{e(_say("parts_note", lang))}</p>')
        body.append(parts_svg(stats["parts"], lang))
        body.append(_mistakes(stats, rubrics, lang))
        body.append(_groups(result, rubrics, lang))
        body.append(_review(stats, lang))
    if result.roster is not None:
        body.append(_roster(result, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _mistakes(stats: dict[str, Any], rubrics: RubricSet, lang: Lang) -> str:
    mistakes = stats["mistakes"][:15]
    out = [f"<h2>{e(_say('mistakes_title', lang))}</h2>"]
    if not mistakes:
        return out[0] + f"<p>{e(_say('mistakes_none', lang))}</p>"
    peak = max(m["count"] for m in mistakes)
    rows = []
    for m in mistakes:
        part = m["part"] + (f":{m['field']}" if m["field"] else "")
        rows.append(
            f"<tr><td>{e(part)}</td><td>{e(_part_title(rubrics, m['part'], lang))}</td>"
            f"<td>{e(m['mistake'])}</td><td class='n'>{m['count']}</td>"
            f"<td>{_bar(m['count'], peak)}</td></tr>"
        )
    headers = "".join(
        f"<th>{e(_say(h, lang))}</th>"
        for h in ("col_part", "col_title", "col_mistake", "col_students")
    )
    out.append(
        f"<table><thead><tr>{headers}<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    out.append(f'<p class="note">{e(_say("groups_hint", lang))}</p>')
    return "".join(out)


GROUPS_SHOWN = 3  # per part: the report is read, the review queue holds the rest
ANSWER_CHARS = 90


def _groups(result: BatchResult, rubrics: RubricSet, lang: Lang) -> str:
    """The largest answer groups of each part (made from the keys the graders found,
    `examgrade.classroom.review.build_groups`), in the exam's order."""
    from examgrade.classroom.review import part_rank

    out = [f"<h2>{e(_say('groups_title', lang))}</h2>"]
    if not result.groups:
        return out[0] + f"<p>{e(_say('groups_none', lang))}</p>"
    out.append(f'<p class="note">{e(_say("groups_note", lang))}</p>')
    students = len(result.reports) or 1
    by_part: dict[str, list[Any]] = {}
    for group in sorted(result.groups, key=lambda g: (part_rank(g.part), -g.count)):
        by_part.setdefault(group.part, []).append(group)
    peak = max(g.count for g in result.groups)
    rows = []
    for part, groups in by_part.items():
        for index, group in enumerate(groups[:GROUPS_SHOWN]):
            answer = group.spellings[0][0] if group.spellings else "—"
            if len(answer) > ANSWER_CHARS:
                answer = answer[: ANSWER_CHARS - 1] + "…"
            status = Message(f"ui.status_{group.status}").render(lang)
            score = f"{fmt(group.score, lang)}/{fmt(group.max, lang)} ({status})"
            share = fmt(100 * group.count / students, lang, 0) + " %"
            label = (
                f"<td rowspan='{min(len(groups), GROUPS_SHOWN)}'>{e(part)}<br>"
                f"<span class='note'>{e(_part_title(rubrics, part, lang))}</span></td>"
                if index == 0
                else ""
            )
            rows.append(
                f"<tr>{label}<td><code>{e(answer)}</code></td><td class='n'>{group.count}</td>"
                f"<td class='n s'>{e(share)}</td><td class='s'>{e(score)}</td>"
                f"<td>{_bar(group.count, peak, BLUE)}</td></tr>"
            )
    headers = "".join(
        f"<th>{e(_say(h, lang))}</th>"
        for h in ("col_part", "col_answer", "col_students", "col_share", "col_score")
    )
    out.append(
        f"<table><thead><tr>{headers}<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return "".join(out)


def _part_title(rubrics: RubricSet, label: str, lang: Lang) -> str:
    question, _, part = label.partition(".")
    rubric = rubrics.questions.get(question)
    found = rubric.part(part) if rubric else None
    return found.title.render(lang) if found else ""


def _review(stats: dict[str, Any], lang: Lang) -> str:
    flagged = stats["flagged"]
    out = f"<h2>{e(_say('review_title', lang))}</h2>"
    if not flagged:
        return out + f"<p>{e(_say('review_none', lang))}</p>"
    rows = [
        [
            f["part"],
            ", ".join(Message(f"batch.flag_{r}").render(lang) for r in f["reasons"]),
            str(len(f["students"])) if f["students"] else "",
            ", ".join(f["students"][:12]) + (" …" if len(f["students"]) > 12 else ""),
        ]
        for f in flagged
    ]
    headers = [_say(h, lang) for h in ("col_part", "col_why", "col_students", "col_ids")]
    return out + _table(headers, rows, {2})


def _roster(result: BatchResult, lang: Lang) -> str:
    from examgrade.classroom.roster import describe

    rec = result.roster
    assert rec is not None
    counts = rec.counts
    out = [f"<h2>{e(_say('roster_title', lang))}</h2>"]
    out.append(f"<p>{e(Message('roster.counts', counts).render(lang))}</p>")
    rows = []
    for item in rec.unknown:
        student = item.report.student
        rows.append([Message("roster.unknown_row").render(lang),
                     f"{student.id} {student.name or ''}".strip(),
                     describe(item.by_id) or "—", describe(item.by_name) or "—"])  # fmt: skip
    for entry in rec.missing:
        rows.append([Message("roster.missing_row").render(lang), "",
                     f"{entry.key} {entry.name}".strip(), ""])  # fmt: skip
    if rows:
        headers = [
            _say(h, lang) for h in ("col_status", "col_sheet", "col_closest_id", "col_closest_name")
        ]
        out.append(_table(headers, rows))
    if result.delivery is not None and result.gradebook:
        held, sent = len(result.delivery.held), len(result.delivery.sent)
        out.append(
            f"<p>{e(_say('delivery', lang, sent=sent, held=held, file=result.gradebook))}</p>"
        )
    return "".join(out)


__all__ = ["histogram_svg", "parts_svg", "report_html"]
