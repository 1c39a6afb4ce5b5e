"""Bilingual text: message codes rendered from the EN/FR catalogs, and rubric text.

Code never holds a sentence a student reads. It builds a `Message` (a code and its
parameters) or carries a rubric's `Bilingual` text; both render in `en` or `fr` at the
edge (report, terminal). The catalogs are YAML files under `examgrade/messages/<lang>/`,
one per concern, merged at first use; a test checks that both languages have the same
keys with the same placeholders.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Protocol, runtime_checkable

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")
_SHOWN = {"en": "_shown_en", "fr": "_shown_fr"}  # a text's rendering, kept on it (`_keep`)


@runtime_checkable
class Text(Protocol):
    """Anything a person reads: it renders itself in a language."""

    def render(self, lang: Lang) -> str: ...


@dataclass(frozen=True)
class Message:
    """A catalog message: `code` names the template, `params` fill its placeholders."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        cached = self.__dict__.get(_SHOWN[lang])
        if cached is not None:
            return cached
        template = catalog(lang).get(self.code)
        if template is None:
            raise KeyError(f"no {lang} message for {self.code!r}")
        return _keep(self, lang, _fill(template, self.params, lang))

    def both(self) -> dict[str, str]:
        return {lang: self.render(lang) for lang in LANGS}


@dataclass(frozen=True)
class Bilingual:
    """Text written in both languages by a person (a rubric), with optional placeholders."""

    en: str
    fr: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        cached = self.__dict__.get(_SHOWN[lang])
        if cached is not None:
            return cached
        return _keep(self, lang, _fill(self.en if lang == "en" else self.fr, self.params, lang))

    def with_params(self, **params: Any) -> Bilingual:
        return Bilingual(self.en, self.fr, {**self.params, **params})

    def both(self) -> dict[str, str]:
        return {lang: self.render(lang) for lang in LANGS}


@dataclass(frozen=True)
class Figures:
    """Computed numbers for a person — a number, a list, a vector or a matrix — kept as
    English writes them (`[1.4, -0.2]`, `0.5, 0.0312, 9.54e-07`) and shown in French with
    the decimal comma, its items then cut by semicolons (`[1,4 ; -0,2]`), as a French
    reader writes them; a comma inside a number would otherwise read as a separator."""

    text: str

    def render(self, lang: Lang) -> str:
        if lang == "en":
            return self.text
        return _DECIMAL_POINT.sub(",", self.text.replace(", ", "\u202f; "))

    def __str__(self) -> str:
        return self.text


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


@dataclass(frozen=True)
class Points:
    """A number of points with its unit, singular where the language wants it: `1 pt` but
    `0.5 pts` in English, `1,5 pt` but `2 pts` in French (singular below 2, decimal comma,
    as every number a person reads)."""

    value: float

    def render(self, lang: Lang) -> str:
        value = round(float(self.value), 2)
        shown = str(int(value)) if value == int(value) else f"{value:g}"
        if lang == "fr":
            shown = shown.replace(".", ",")
        singular = value == 1 if lang == "en" else abs(value) < 2
        return f"{shown} pt" if singular else f"{shown} pts"


@dataclass(frozen=True)
class Joined:
    """Several texts shown as one, separated by a space (feedback built from pieces)."""

    parts: tuple[Text, ...]
    separator: str = " "

    def render(self, lang: Lang) -> str:
        cached = self.__dict__.get(_SHOWN[lang])
        if cached is not None:
            return cached
        texts = [p.render(lang) for p in self.parts]
        return _keep(self, lang, self.separator.join(t for t in texts if t))


def _keep(text: object, lang: Lang, rendered: str) -> str:
    """Remember a text's rendering on the (frozen, immutable) object: a class repeats the
    same outcomes, whose messages would otherwise be filled again for every student. It
    is not a field, so equality, hashing and repr are unchanged."""
    object.__setattr__(text, _SHOWN[lang], rendered)
    return rendered


_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")


def _fill(template: str, params: Mapping[str, Any], lang: Lang) -> str:
    """Fill `{name}` placeholders that have a parameter; leave every other brace alone,
    so rubric text can hold LaTeX such as `W^{t-k}` without escaping. `{{` is `{`.
    `{n:~sheet|sheets}` is the word that agrees with the number `n` in that language."""

    def replace(match: re.Match[str]) -> str:
        token, name, spec = match.group(0), match.group(1), match.group(2)
        if token in ("{{", "}}"):
            return token[0]
        if name not in params:
            return token
        value = params[name]
        if spec and spec.startswith("~"):  # {n:~sheet|sheets}: the word that agrees with n
            return _plural(value, spec[1:], lang)
        if callable(getattr(value, "render", None)):  # a Text (a protocol check is slow)
            return value.render(lang)
        if isinstance(value, float) and not spec:  # a person's number: 2,5 in French
            shown = f"{value:.6g}"
            return shown.replace(".", ",") if lang == "fr" and "e" not in shown else shown
        return format(value, spec or "")

    return _FIELD.sub(replace, template)


def _plural(value: Any, forms: str, lang: Lang) -> str:
    """`singular|plural`: English takes the singular for 1 only, French below 2 (« 0 copie
    corrigée », « 1,5 point »)."""
    singular, _, plural = forms.partition("|")
    try:  # a number, or one already written for a person ("1,5" in French)
        count = abs(float(value.replace(",", ".") if isinstance(value, str) else value))
    except (TypeError, ValueError):
        return plural or singular
    one = count == 1 if lang == "en" else count < 2
    return singular if one or not plural else plural


def placeholders(template: str) -> set[str]:
    """The names a template expects, so a test can compare the two catalogs."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _catalog_files(lang: Lang) -> Iterator[tuple[str, str]]:
    from importlib import resources  # only when the user cache misses: ~8 ms (issue 17)

    folder = resources.files("examgrade.messages") / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            yield entry.name, entry.read_text(encoding="utf-8")


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """Every message of one language, merged from its files; a key defined twice is a bug.
    Kept between runs in the user's cache (named by examgrade's code, catalogs included):
    reading both languages' YAML was ~0.05 s of every `check` (issue 17)."""
    from examgrade import user_cache

    name = user_cache.key("catalog", lang)
    kept = user_cache.load(name)
    if isinstance(kept, dict):
        return kept
    merged = _read_catalog(lang)
    user_cache.save(name, merged)
    return merged


def _read_catalog(lang: Lang) -> dict[str, str]:
    import yaml  # the catalogs are our own package data: no student text reaches here

    # BaseLoader builds only strings, lists and mappings (keys such as `no:` stay text,
    # nothing is constructed), and keeps i18n below yamlsafe, which reports in messages.
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    merged: dict[str, str] = {}
    for name, text in _catalog_files(lang):
        data = yaml.load(text, Loader=loader) or {}
        assert isinstance(data, dict)
        for key, value in _flatten(data):
            if key in merged:
                raise ValueError(f"message {key!r} defined twice ({lang}/{name})")
            merged[key] = value
    return merged


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Nested catalog mappings become dotted codes: {sheet: {yaml: ...}} -> 'sheet.yaml'."""
    for key, value in data.items():
        code = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, code + ".")
        else:
            yield code, str(value)


LangChoice = Literal["en", "fr", "both"]


def langs_of(choice: LangChoice) -> tuple[Lang, ...]:
    return LANGS if choice == "both" else (choice,)


def say(text: Text, choice: LangChoice) -> str:
    """A text in the chosen language, or both (EN, then FR) when `both`; here rather than
    in `render`, so that a command that only says something does not import rich's tables
    and the engine (issue 17)."""
    return "\n".join(text.render(lang) for lang in langs_of(choice))
