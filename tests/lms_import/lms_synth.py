"""Answer sheets written out as each LMS writes its responses report, for the import tests.

Each writer takes (sheet fields, student) records and returns CSV bytes in the shape the
program downloads: Moodle's "Responses" report (HTML essays, MathJax, Cloze parts, attempt
states), Canvas's "Student Analysis" report (plain text, `<id>: <question>` columns) and
a Google Forms export. `fields_of` lists a sheet's fields as (target, form, value).
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field

from examgrade.lms_import.mapping import targets
from examgrade.rubric import RubricSet
from examgrade.yamlsafe import to_plain


@dataclass
class Record:
    """One attempt of one student: identity, state and the answers as (target, form, value)."""

    id: str
    first: str
    last: str
    lang: str
    answers: list[tuple[str, str, object]]
    state: str = "Finished"
    started: str = "7 December 2026, 10:02 AM"
    grade: str = "50.00"
    attempt: int = 1
    extra: dict[str, str] = field(default_factory=dict)


def fields_of(text: str, rubrics: RubricSet) -> list[tuple[str, str, object]]:
    """A sheet's answers in the exam's order; a mapping part given as a bare string is its
    explanation (the contract reads them alike)."""
    tree = to_plain(_root(text))
    found = []
    seen_whole = set()
    for target, path, form in targets(rubrics):
        node = tree
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None:
            found.append((target, form, node))
            continue
        whole = tree
        for key in path[:-1]:
            whole = whole.get(key) if isinstance(whole, dict) else None
        if isinstance(whole, str) and path[:-1] not in seen_whole:
            seen_whole.add(path[:-1])
            found.append((".".join((*path[:-1], "explanation")), "text", whole))
    return found


def _root(text: str):
    from examgrade.yamlsafe import compose

    return compose(text, "x")


def columns(records: list[Record]) -> list[tuple[str, str]]:
    """Every (target, form) some record answers, in the exam's order of first appearance."""
    seen: dict[str, str] = {}
    for record in records:
        for target, form, _ in record.answers:
            seen.setdefault(target, form)
    return list(seen.items())


def _value(record: Record, target: str):
    return next((v for t, _, v in record.answers if t == target), None)


def _html_text(text: str) -> str:
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=True) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def moodle_cell(form: str, value: object, n: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        if form == "steps":
            lines = [f"\\({html.escape(step, quote=False)}\\)" for step in value]
            return "<p>" + "<br />".join(lines) + "</p>"
        return "; ".join(f"part {i}: {v}" for i, v in enumerate(value, start=1))
    text = str(value)
    if form in ("expr", "condition"):
        if n % 2:
            return f'<p><span class="nolink">$${html.escape(text, quote=False)}$$</span></p>'
        return f"<p>\\({html.escape(text, quote=False)}\\)</p>"
    if form == "text":
        return _html_text(text)
    return text


def moodle_csv(records: list[Record]) -> tuple[bytes, dict[str, str]]:
    """Moodle's Responses report; returns the bytes and target → column header."""
    cols = columns(records)
    header = ["Surname", "First name", "ID number", "Institution", "Department"]
    header += ["Email address", "State", "Started on", "Completed", "Time taken", "Grade/100.00"]
    header += [f"Response {n}" for n in range(1, len(cols) + 1)]
    rows = []
    for record in records:
        row = [record.last, record.first, record.id, "UdeM", "DIRO", f"{record.id}@umontreal.ca"]
        row += [record.state, record.started, "-", "1 hour", record.grade]
        row += [moodle_cell(form, _value(record, t), n) for n, (t, form) in enumerate(cols)]
        rows.append(row)
    targets_ = {t: f"Response {n}" for n, (t, _) in enumerate(cols, start=1)}
    return _csv(header, rows, ","), targets_


def plain_cell(form: str, value: object, blanks: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if form == "steps":
            return "\n".join(value)
        if blanks:
            return ",".join(v.replace(",", "\\,") for v in value)
        return "\n".join(value)
    text = str(value)
    return f"$${text}$$" if form in ("expr", "condition") and blanks else text


def canvas_csv(records: list[Record]) -> tuple[bytes, dict[str, str]]:
    cols = columns(records)
    header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted"]
    header += ["attempt"]
    targets_ = {}
    for n, (target, _) in enumerate(cols):
        qid = str(40100 + n)
        header += [f'{qid}: Question {target}, answer, "please"\nin full', "1.0"]
        targets_[target] = qid
    header += ["n correct", "n incorrect", "score"]
    rows = []
    for record in records:
        if record.state != "Finished":
            continue  # Canvas lists completed submissions only
        row = [f"{record.first} {record.last}", str(900 + len(rows)), record.id, "A", "11", "A1"]
        row += [f"2026-12-07 1{record.attempt}:00:00 UTC", str(record.attempt)]
        for target, form in cols:
            row += [plain_cell(form, _value(record, target), True), "0.0"]
        row += ["0", "0", record.grade]
        rows.append(row)
    return _csv(header, rows, ","), targets_


def form_csv(records: list[Record], delimiter: str = ",") -> tuple[bytes, dict[str, str]]:
    """A Google Forms export (timestamp, email, name, language, one column per question)."""
    cols = columns(records)
    header = ["Timestamp", "Email Address", "Your name", "Language / Langue"]
    header += [f"Question {t} (write it, please)" for t, _ in cols]
    rows = []
    for n, record in enumerate(records):
        row = [f"2026/12/07 1{n % 10}:00:00 AM GMT-5", f"{record.id}@umontreal.ca"]
        row += [f"{record.first} {record.last}", "Français" if record.lang == "fr" else "English"]
        row += [plain_cell(form, _value(record, t), False) for t, form in cols]
        rows.append(row)
    return _csv(header, rows, delimiter), {t: h for (t, _), h in zip(cols, header[4:], strict=True)}


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def map_yaml(id_column: str, name: list[str], lang: str, targets_: dict[str, str]) -> str:
    def q(text: str) -> str:
        return "'" + text.replace("'", "''").replace("\n", " ") + "'"

    lines = [f"id: {q(id_column)}", f"name: [{', '.join(q(n) for n in name)}]", f"lang: {lang}"]
    lines.append("fields:")
    lines += [f"  {t}: {q(c)}" for t, c in targets_.items()]
    return "\n".join(lines) + "\n"
