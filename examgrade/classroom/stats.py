"""The class at a glance: pure functions from the students' final reports to numbers.

Input is the students' final reports (`examgrade.report`, after overrides), so the
statistics of a cached run and of a fresh one are the same by construction. Output is
plain JSON data (`class/stats.json`); rendering it for a terminal or Markdown is
`examgrade.classroom.render`.

Item analysis follows classical test theory:

- difficulty of a part: its mean score over its maximum (1.0: everyone got it);
- discrimination: the correlation of the part's score with the rest of the exam (the
  total minus that part), so a part does not correlate with itself; near zero or
  negative means the part does not separate stronger from weaker students;
- Cronbach's alpha over the parts every student was graded on:
  k/(k−1) · (1 − Σ var(part) / var(total)).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from examgrade.report import PartReport, Report

HISTOGRAM_BINS = 10
INVALID_SHARE_FLAG = 0.10  # this share of unreadable answers suggests a reader gap
WEAK_DISCRIMINATION = 0.0


def _round(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), 4)


def describe(values: Sequence[float], maximum: float) -> dict[str, Any]:
    """Mean, median, sample standard deviation and share of full marks."""
    array = np.asarray(values, dtype=float)
    if array.size == 0:
        return {
            "n": 0,
            "max": maximum,
            "mean": None,
            "median": None,
            "std": None,
            "full_share": None,
        }
    return {
        "n": int(array.size),
        "max": maximum,
        "mean": _round(array.mean()),
        "median": _round(float(np.median(array))),
        "std": _round(array.std(ddof=1)) if array.size > 1 else None,
        "full_share": _round(float(np.mean(array >= maximum - 1e-9))) if maximum else None,
    }


def correlation(a: np.ndarray, b: np.ndarray) -> float | None:
    """Pearson's r, or None when either side does not vary."""
    if a.size < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    return _round(float(np.corrcoef(a, b)[0, 1]))


def cronbach_alpha(matrix: np.ndarray) -> float | None:
    """Alpha of a students × parts score matrix; None below 2 parts or 2 students."""
    students, parts = matrix.shape
    if parts < 2 or students < 2:
        return None
    total_variance = matrix.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return None
    return _round(parts / (parts - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_variance))


def part_keys(reports: Sequence[Report], order: Sequence[str] = ()) -> list[str]:
    """Every graded part (`q1.b`), in exam order (`order`: the exam's question keys)."""
    seen: dict[str, tuple[int, int]] = {}
    for report in reports:
        for q, question in report.questions.items():
            rank = _question_rank(q, order)
            for p in question.parts:
                seen.setdefault(f"{q}.{p}", (rank, len(seen)))
    return sorted(seen, key=seen.__getitem__)


def _by_part(reports: Sequence[Report]) -> dict[str, list[tuple[int, PartReport]]]:
    """Each part's answers as (student's index, part report), in one pass over the class."""
    found: dict[str, list[tuple[int, PartReport]]] = {}
    for index, report in enumerate(reports):
        for q, question in report.questions.items():
            for p, part in question.parts.items():
                found.setdefault(f"{q}.{p}", []).append((index, part))
    return found


def histogram(percents: Sequence[float], bins: int = HISTOGRAM_BINS) -> dict[str, list]:
    """Counts of total scores (in % of the maximum) in equal bins; 100% is in the last."""
    edges = np.linspace(0, 100, bins + 1)
    counts, _ = np.histogram(np.clip(percents, 0, 100), bins=edges)
    return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}


def class_stats(reports: Sequence[Report], order: Sequence[str] = ()) -> dict[str, Any]:
    """Everything `class/stats.json` holds, from the final reports of the students; `order`:
    the exam's question keys (else the order the reports give them)."""
    keys = part_keys(reports, order)
    answers = _by_part(reports)
    totals = [float(r.score) for r in reports]
    percents = [100 * float(r.score) / float(r.max) if r.max else 0.0 for r in reports]
    parts: dict[str, dict[str, Any]] = {}
    for key in keys:
        found = [p for _, p in answers[key]]
        maximum = max(float(p.max) for p in found)
        stats = describe([float(p.score) for p in found], maximum)
        stats["difficulty"] = _round(stats["mean"] / maximum) if maximum and found else None
        stats["discrimination"] = None
        stats["statuses"] = dict(Counter(p.status for p in found).most_common())
        stats["review"] = sum(bool(p.review) for p in found)
        stats["overridden"] = sum(p.override is not None for p in found)
        parts[key] = stats
    common = [k for k in keys if parts[k]["n"] == len(reports)]
    alpha = None
    if reports and common:
        matrix = np.array([[float(p.score) for _, p in answers[k]] for k in common]).T
        rest = matrix.sum(axis=1)
        for column, key in enumerate(common):
            parts[key]["discrimination"] = correlation(matrix[:, column], rest - matrix[:, column])
        alpha = cronbach_alpha(matrix)
    return {
        "students": len(reports),
        "total": {
            **describe(totals, max((float(r.max) for r in reports), default=0.0)),
            "percent": describe(percents, 100.0),
        },
        "histogram": histogram(percents),
        "questions": _questions(reports, order),
        "parts": parts,
        "alpha": alpha,
        "alpha_parts": common,
        "mistakes": known_mistakes(reports),
        "flagged": flagged_parts(reports, parts, answers),
    }


def _questions(reports: Sequence[Report], order: Sequence[str]) -> dict[str, dict[str, Any]]:
    seen = dict.fromkeys(q for r in reports for q in r.questions)
    keys = sorted(seen, key=lambda q: _question_rank(q, order))
    result = {}
    for q in keys:
        found = [r.questions[q] for r in reports if q in r.questions]
        result[q] = describe([float(x.score) for x in found], max(float(x.max) for x in found))
    return result


def _question_rank(key: str, order: Sequence[str]) -> int:
    return order.index(key) if key in order else len(order)


def known_mistakes(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Each known mistake (part, field, mistake id) with how many students made it."""
    counts: Counter[tuple[str, str | None, str]] = Counter()
    for report in reports:
        for label, part in report.parts().items():
            if part.mistake:
                counts[(label, None, part.mistake)] += 1
            for name, field in (part.fields or {}).items():
                if field.mistake:
                    counts[(label, name, field.mistake)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or "", kv[0][2]))
    return [
        {"part": part, "field": field, "mistake": mistake, "count": count}
        for (part, field, mistake), count in ranked
    ]


def flagged_parts(
    reports: Sequence[Report],
    parts: dict[str, dict[str, Any]],
    answers: dict[str, list[tuple[int, PartReport]]],
) -> list[dict[str, Any]]:
    """Parts a person should look at, and why: answers the checks were unsure of
    (`review`), many unreadable answers (`invalid`), a part that does not separate
    stronger from weaker students (`discrimination`)."""
    flagged = []
    for key, stats in parts.items():
        reasons = []
        students = [reports[i].student.id for i, p in answers.get(key, ()) if p.review]
        if students:
            reasons.append("review")
        invalid = stats["statuses"].get("invalid", 0)
        if stats["n"] and invalid / stats["n"] >= INVALID_SHARE_FLAG:
            reasons.append("invalid")  # whose answers could not be read, after the unsure
            unread = (
                reports[i].student.id for i, p in answers.get(key, ()) if p.status == "invalid"
            )
            students += [s for s in unread if s not in students]
        if stats["discrimination"] is not None and stats["discrimination"] < WEAK_DISCRIMINATION:
            reasons.append("discrimination")
        if reasons:
            flagged.append(
                {
                    "part": key,
                    "reasons": reasons,
                    "students": students,
                    "invalid": invalid,
                    "discrimination": stats["discrimination"],
                }
            )
    return flagged
