"""Which program wrote a responses file, recognised from its header, and what its rows say
about each attempt: finished or not, when, its number and its grade.

- Moodle's quiz "Responses" report: `Surname`, `First name`, …, `State`, `Started on`,
  `Completed`, `Time taken`, `Grade/<max>`, `Response 1` … (English or French headers).
- Canvas's quiz "Student Analysis" report: `name`, `id`, `sis_id`, `section`, …,
  `submitted`, `attempt`, then `<question id>: <question text>` and its points.
- A form export (Google Forms, Microsoft Forms, LimeSurvey): a timestamp, an identity
  column, one column per question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from examgrade.lms_import.table import Row, Table

_MOODLE_RESPONSE = re.compile(r"^(?:response|réponse|reponse)\s+(\d+)$", re.IGNORECASE)
_MOODLE_RIGHT = re.compile(r"^(?:right answer|bonne réponse)\s+\d+$", re.IGNORECASE)
_MOODLE_QUESTION = re.compile(r"^(?:question)\s+\d+$", re.IGNORECASE)
_CANVAS_QUESTION = re.compile(r"^(\d+):\s")
_MOODLE_STATE = ("State", "Status", "État", "Etat", "État de la tentative")
_MOODLE_STARTED = ("Started on", "Started", "Commencé le", "Commencé")
_MOODLE_GRADE = re.compile(r"^(?:grade|note)\s*/\s*[\d.,]+$", re.IGNORECASE)
_FINISHED = frozenset(("finished", "terminé", "termine", "terminée", "complete", "completed"))
_TIMESTAMPS = (
    "Timestamp",
    "Horodateur",
    "Horodatage",
    "Completion time",
    "Heure de fin",
    "Start time",
    "Heure de début",
    "submitdate",
    "Date submitted",
    "Date de soumission",
    "datestamp",
    "Date last action",
    "startdate",
)
_QUIZ_MARKS = re.compile(r"^\s*(?:points|feedback|commentaires?)\s+-\s", re.IGNORECASE)
_FORM_GRADE = ("Score", "Total score", "Points", "Total points", "Note", "Note totale")
_FORM_METADATA = (
    *_FORM_GRADE,
    "Quiz feedback",
    "Commentaires sur le questionnaire",
    "Total des points",
    "Last modified time",
    "Heure de la dernière modification",
    "lastpage",
    "Last page",
    "startlanguage",
    "Start language",
    "seed",
    "refurl",
    "ipaddr",
    "Response ID",
    "Language",
    "Langue",
    "lang",
)
_SUBMITTED = ("submitdate", "Date submitted", "Date de soumission")
IDENTITY_GUESSES = (
    "ID number",
    "Numéro d'identification",
    "Matricule",
    "sis_id",
    "Student ID",
    "Student number",
    "Numéro d'étudiant",
    "Code permanent",
    "Email address",
    "Adresse de courriel",
    "Adresse courriel",
    "Adresse e-mail",
    "Email Address",
    "Email",
    "Courriel",
    "Adresse de messagerie",
    "Username",
    "Nom d'utilisateur",
    "id",
    "ID",
)
# A form's question asking for the student's id (`Quel est votre matricule ?`, `What is
# your student number?`): where a form export keeps the identity, its own `ID` being the
# response's number.
ASKS_FOR_ID = re.compile(
    r"\b(?:matricule|student (?:id|number)|num[ée]ro d['’][ée]tudiant|code permanent)\b",
    re.IGNORECASE,
)
NAME_GUESSES = (
    ("First name", "Surname"),
    ("Prénom", "Nom"),
    ("Nom et prénom",),
    ("Prénom et nom",),
    ("name",),
    ("Name",),
    ("Nom",),
    ("Full name",),
    ("Nom complet",),
)


@dataclass(frozen=True)
class Attempt:
    """What a row says about the attempt it is: `finished` None when the file does not say."""

    finished: bool | None
    state: str
    when: datetime | None
    number: int | None
    grade: float | None


@dataclass(frozen=True)
class Format:
    """A kind of export: its name, the columns holding answers, how to read an attempt,
    and whether its rows carry a grade (what `--attempt best` compares)."""

    name: str
    label: str
    answer_columns: tuple[int, ...]
    attempt: Callable[[Row], Attempt]
    graded: bool = True


def detect(table: Table) -> Format:
    """Moodle, Canvas, or a generic form export, from the header alone."""
    header = table.header
    responses = [i for i, h in enumerate(header) if _MOODLE_RESPONSE.match(h)]
    state = _first(table, _MOODLE_STATE)
    if responses and (state is not None or table.column("Surname") is not None):
        graded = any(_MOODLE_GRADE.match(h) for h in header)
        attempt = _moodle_attempt(table)
        return Format("moodle", "Moodle quiz responses", tuple(responses), attempt, graded)
    canvas = [i for i, h in enumerate(header) if _CANVAS_QUESTION.match(h)]
    if canvas and table.column("submitted") is not None and table.column("name") is not None:
        graded = table.column("score") is not None
        attempt = _canvas_attempt(table)
        return Format("canvas", "Canvas student analysis", tuple(canvas), attempt, graded)
    known = {_key(name) for name in (*_TIMESTAMPS, *IDENTITY_GUESSES, *_FORM_METADATA)}
    known |= {_key(name) for group in NAME_GUESSES for name in group}
    # an empty header (a spreadsheet's trailing columns) names no question, and a quiz's
    # `Points - …` / `Feedback - …` beside a question is the grader's: no answer there
    answers = tuple(
        i
        for i, h in enumerate(header)
        if h.strip() and _key(h) not in known and not _QUIZ_MARKS.match(h)
    )
    graded = _first(table, _FORM_GRADE) is not None
    return Format("form", "form export", answers, _form_attempt(table), graded)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _first(table: Table, names: tuple[str, ...]) -> int | None:
    for name in names:
        index = table.column(name)
        if index is not None:
            return index
    return None


def _moodle_attempt(table: Table) -> Callable[[Row], Attempt]:
    state = _first(table, _MOODLE_STATE)
    started = _first(table, _MOODLE_STARTED)
    grade = next((i for i, h in enumerate(table.header) if _MOODLE_GRADE.match(h)), None)
    day_first = started is not None and _day_first(table, started)

    def attempt(row: Row) -> Attempt:
        text = row.cells[state].strip() if state is not None else ""
        finished = None if state is None else text.casefold() in _FINISHED
        when = _when(_numeric_date(_cell(row, started), day_first))
        return Attempt(finished, text, when, None, _number(_cell(row, grade)))

    return attempt


def _canvas_attempt(table: Table) -> Callable[[Row], Attempt]:
    submitted = table.column("submitted")
    number = table.column("attempt")
    score = table.column("score")
    day_first = submitted is not None and _day_first(table, submitted)

    def attempt(row: Row) -> Attempt:
        when = _cell(row, submitted)
        count = _number(_cell(row, number))
        return Attempt(
            True if when.strip() else None,  # Canvas lists completed submissions only
            "",
            _when(_numeric_date(when, day_first)),
            int(count) if count is not None else None,
            _number(_cell(row, score)),
        )

    return attempt


def _form_attempt(table: Table) -> Callable[[Row], Attempt]:
    stamp = _first(table, _TIMESTAMPS)
    submitted = _first(table, _SUBMITTED)
    score = _first(table, _FORM_GRADE)
    day_first = stamp is not None and _day_first(table, stamp)

    def attempt(row: Row) -> Attempt:
        finished = None
        if submitted is not None:  # LimeSurvey: an empty submit date is an unfinished response
            finished = bool(_cell(row, submitted).strip())
        points = _number(_cell(row, score).split("/")[0])  # Google's quizzes: `7 / 10`
        return Attempt(
            finished, "", _when(_numeric_date(_cell(row, stamp), day_first)), None, points
        )

    return attempt


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b")
_FRENCH_STAMPS = frozenset(
    _key(h)
    for h in (
        "Commencé le",
        "Commencé",
        "Horodateur",
        "Horodatage",
        "Heure de fin",
        "Heure de début",
        "Date de soumission",
    )
)


def _day_first(table: Table, column: int) -> bool:
    """Whether the column writes `dd/mm/yyyy`: the whole column decides, as one export
    writes every date alike. A first number above 12 means the day comes first, a second
    one above 12 the month; when every date could be either, a French header (Google's
    `Horodateur`, Microsoft's `Heure de fin`) means the day first, as French Forms write it."""
    for row in table.rows:
        match = _NUMERIC_DATE.match(row.cells[column])
        if match is None:
            continue
        if int(match.group(1)) > 12:
            return True
        if int(match.group(3)) > 12:
            return False
    return _key(table.header[column]) in _FRENCH_STAMPS


def _numeric_date(text: str, day_first: bool) -> str:
    """`05/12/2026 14:00` as `2026/12/05 14:00` (day first) or `2026/05/12 14:00`: a
    numeric date read in the column's order, never one order per value."""
    match = _NUMERIC_DATE.match(text)
    if match is None:
        return text
    first, _, second, year = match.groups()
    day, month = (first, second) if day_first else (second, first)
    year = year if len(year) == 4 else "20" + year
    rest = text[match.end() :].removeprefix(",")  # `05/12/2026, 14:00`
    return f"{year}/{int(month):02d}/{int(day):02d}{rest}"


def _cell(row: Row, index: int | None) -> str:
    return row.cells[index] if index is not None else ""


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e12 else None


_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %I:%M %p",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y %I:%M:%S %p",
    "%d %B %Y, %I:%M %p",
    "%d %B %Y, %H:%M",
    "%d %B %Y %I:%M %p",
    "%d %B %Y %H:%M",
    "%A, %d %B %Y, %I:%M %p",
)
_LAST_FORMAT = [_DATE_FORMATS[0]]
_ZONE = re.compile(r"\s(?:GMT|UTC|Z)(?:[+-]\d{1,2}(?::?\d{2})?)?$")
_FRENCH_MONTHS = {
    "janvier": "January",
    "février": "February",
    "fevrier": "February",
    "mars": "March",
    "avril": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July",
    "août": "August",
    "aout": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
    "decembre": "December",
}


def _when(text: str) -> datetime | None:
    """A date as the exports write it (ISO, Google's, Moodle's `7 December 2026 10:02 AM`,
    in French too); None when unknown, and the file order decides."""
    return _parse_when(" ".join(text.split())[:80])


@lru_cache(maxsize=4096)
def _parse_when(text: str) -> datetime | None:
    """One export writes every date alike: the format that read the last one is tried first."""
    text = _ZONE.sub("", text)  # Google's `… AM GMT-5`, Canvas's `… UTC`: one export, one zone
    if not text:
        return None
    words = text.split(" ")
    text = " ".join(_FRENCH_MONTHS.get(w.casefold(), w) for w in words).replace(" h ", ":")
    for form in sorted(_DATE_FORMATS, key=lambda f: f != _LAST_FORMAT[0]):
        try:
            found = datetime.strptime(text, form)
        except ValueError:
            continue
        _LAST_FORMAT[0] = form
        return found.replace(tzinfo=None)
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None
