"""A map to fill, made from a responses file's header: the identity and name columns
guessed, each answer column whose header names a field (`Q1 b`, `Question 4 b.ii`,
`q2c vanishes_if: …`) paired with it, and the others with the remaining fields in
order."""

from __future__ import annotations

import re
from pathlib import Path

from examgrade.i18n import Lang, Message
from examgrade.lms_import.cells import clean, cloze_parts
from examgrade.lms_import.formats import (
    ASKS_FOR_ID,
    IDENTITY_GUESSES,
    NAME_GUESSES,
    Format,
    detect,
)
from examgrade.lms_import.mapping import targets
from examgrade.lms_import.sheetwrite import quote
from examgrade.lms_import.table import Table, read_table
from examgrade.rubric import RubricSet

_SNIPPET = 60
_LANG_COLUMNS = ("Language", "Langue", "startlanguage", "Start language", "lang")


def init_map(responses: Path, rubrics: RubricSet, lang: Lang) -> str:
    """The map text for a responses file (raises `ImportFault` when it cannot be read)."""
    table = read_table(responses)
    return map_text(table, detect(table), rubrics, lang)


def map_text(table: Table, fmt: Format, rubrics: RubricSet, lang: Lang) -> str:
    def say(code: str, **params: object) -> str:
        return Message(f"lms_import.init.{code}", params).render(lang)

    identity = _identity(table, fmt)
    lines = [
        f"# {say('header', file=_line(Path(table.file).name), format=fmt.label)}",
        f"# {say('how')}",
        f"id: {quote(identity)}",
    ]
    names = _names(table)
    if names:
        lines.append(f"name: [{', '.join(quote(n) for n in names)}]")
    lang_column = next(
        (table.header[i] for i in map(table.column, _LANG_COLUMNS) if i is not None), None
    )
    guess = "fr" if _french(table) else "en"
    other = "en" if guess == "fr" else "fr"
    shown = quote(lang_column) if lang_column else guess
    lines.append(f"lang: {shown}    # {say('lang', other=other)}")
    lines.append("fields:")
    taken = {table.column(name) for name in (identity, *names)}  # never an answer field
    columns = [c for c in fmt.answer_columns if c not in taken]
    units = [(c, part) for c in columns for part in _blanks(table, c)]
    fields = targets(rubrics)
    named = _named(table, units, [target for target, _, _ in fields])
    units = [unit for unit in units if unit not in named.values()]
    for target, _path, form in fields:
        if target in named or units:
            column, part = named[target] if target in named else units.pop(0)
            if form == "sizes" and part == 1:  # the whole Cloze: its blanks are the list
                while units and units[0][0] == column:
                    units.pop(0)
                part = None
            about = "" if part and part > 1 else _about(table, fmt, column)
            lines.append(
                f"  {target}: {_source(table, fmt, column, part)}    # {say('form_' + form)}{about}"
            )
        else:
            lines.append(f"  # {target}:    # {say('no_column')}")
    for column, part in units:
        shown = _line(table.header[column])[:_SNIPPET] + (f" ({part})" if part else "")
        lines.append(f"  # {say('unused', column=shown)}")
    return "\n".join(lines) + "\n"


def _named(
    table: Table, units: list[tuple[int, int | None]], fields: list[str]
) -> dict[str, tuple[int, int | None]]:
    """The fields whose column's header names them (the first such column of each): a
    header read as `q1.b` is the field q1.b, and one that goes on after a field's name
    (`Q2 c vanishes_if: the condition`) the longest field it starts with."""
    known = set(fields)
    found: dict[str, tuple[int, int | None]] = {}
    for column, part in units:
        if part is not None:  # a Cloze's blanks go in order
            continue
        folded = _folded(table.header[column])
        pieces = folded.split(".")
        for end in range(len(pieces), 1, -1):
            target = ".".join(pieces[:end])
            if target in known:
                found.setdefault(target, (column, part))
                break
    return found


_QUESTION = re.compile(r"^\s*(?:question|quest|ques|qu|q)\s*(?=\d)", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


def _folded(header: str) -> str:
    """A header as a dotted field name: `Q1 b` and `Question 1 (b)` are `q1.b`, `q4b.ii`
    is `q4.b.ii`, `Q2 c - vanishes_if: …` is `q2.c.vanishes_if.…`; `` when it names no
    question."""
    text = _line(header)[:200]
    start = _QUESTION.match(text)
    if start is None:
        return ""
    rest = text[start.end() :].lower()
    number = re.match(r"\d+", rest)
    assert number is not None  # the lookahead saw a digit
    tail = re.sub(r"[^a-z0-9_]+", ".", rest[number.end() :]).strip(".")
    tail = ".".join(
        _BETWEEN.sub(".", piece) if len(piece) <= 4 else piece for piece in tail.split(".")
    )
    return f"q{number.group()}" + (f".{tail}" if tail else "")


_NUMBERS = IDENTITY_GUESSES[: IDENTITY_GUESSES.index("Email address")]
_FRENCH_HEADERS = frozenset(
    " ".join(h.split()).casefold()
    for h in (
        "Horodateur",
        "Horodatage",
        "Heure de début",
        "Heure de fin",
        "Adresse de messagerie",
        "Adresse e-mail",
        "Adresse de courriel",
        "Adresse courriel",
        "Courriel",
        "Nom",
        "Prénom",
        "Nom et prénom",
        "Matricule",
        "Numéro d'identification",
        "Nom d'utilisateur",
        "État",
        "Commencé le",
        "Date de soumission",
        "Réponse 1",
    )
)


def _french(table: Table) -> bool:
    """Whether the export's own columns are French (a French LMS or form): the students
    most likely write French, which the map proposes and the TA confirms."""
    return any(" ".join(h.split()).casefold() in _FRENCH_HEADERS for h in table.header)


def _identity(table: Table, fmt: Format) -> str:
    """The column that identifies a student: an id number's column, else a form's question
    asking for it, else an email or user name; a form's own `ID` (the response's number)
    only when nothing else is there."""
    if fmt.name == "canvas":
        order = [table.column(name) for name in ("sis_id", "id")]
    else:
        asks = [i for i, h in enumerate(table.header) if ASKS_FOR_ID.search(h)]
        order = [table.column(name) for name in _NUMBERS]
        order += asks + [table.column(n) for n in IDENTITY_GUESSES[len(_NUMBERS) :]]
    for index in order:
        if index is not None and any(row.cells[index].strip() for row in table.rows):
            return table.header[index]
    order = [table.column(n) for n in ("sis_id", "id")] if fmt.name == "canvas" else []
    order += [table.column(n) for n in IDENTITY_GUESSES]
    return next((table.header[i] for i in order if i is not None), table.header[0])


def _names(table: Table) -> list[str]:
    for group in NAME_GUESSES:
        found = [table.column(name) for name in group]
        if all(i is not None for i in found):
            return [table.header[i] for i in found if i is not None]
    return []


def _blanks(table: Table, column: int) -> list[int | None]:
    """The blanks of a Cloze column (`part 1: …; part 2: …` in its answers), else [None]."""
    count = 0
    for row in table.rows[:200]:
        parts = cloze_parts(clean(row.cells[column]))
        if parts:
            count = max(count, max(parts))
    return list(range(1, min(count, 50) + 1)) if count > 1 else [None]


def _source(table: Table, fmt: Format, column: int, part: int | None) -> str:
    name = quote(_reference(table, fmt, column))
    return f"{{column: {name}, part: {part}}}" if part else name


def _reference(table: Table, fmt: Format, column: int) -> str:
    """How the map names a column: a Canvas question by its id, others by their header."""
    header = table.header[column]
    if fmt.name == "canvas":
        return header.split(":", 1)[0]
    same = [i for i, h in enumerate(table.header) if _key(h) == _key(header)]
    return f"{header} #{same.index(column) + 1}" if len(same) > 1 else header


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _about(table: Table, fmt: Format, column: int) -> str:
    """What the column is about: its question text, else the first answer in it."""
    header = table.header[column]
    if fmt.name == "canvas":
        text = header.split(":", 1)[1]
    elif fmt.name == "form":
        return ""
    else:
        text = next((row.cells[column] for row in table.rows if row.cells[column].strip()), "")
    text = _line(text)
    return f" — {text[:_SNIPPET]}{'…' if len(text) > _SNIPPET else ''}" if text else ""


def _line(text: str) -> str:
    return " ".join(clean(text).split())
