"""A response cell back to what the student typed: HTML to text, math delimiters, Cloze parts.

Moodle keeps essays as HTML (`<p>`, `<br>`, entities, `<span class="nolink">`) with
MathJax delimiters (`\\( … \\)`, `$$ … $$`); Canvas writes its equation editor's LaTeX in
an image's attributes; a Cloze response reads `part 1: …; part 2: …`. The HTML is read
by the standard library's parser, never rendered or evaluated; math keeps every
character it had (backslashes too) and free text keeps its paragraphs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|b|i|u|s|em|strong|sub|sup|ul|ol|li|h[1-6]|pre|code|table|tbody|"
    r"thead|tr|td|th|img|a|font|hr|blockquote|tt|small|big|strike|del|ins|mark|section)\b"
    r"[^<>]{0,2000}>",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "hr",
        "section",
    ]
)
_SCRIPTS = {"sup": "^{", "sub": "_{"}
_SKIPPED = frozenset(("script", "style", "head", "title"))
_DELIMITER = re.compile(r"(?<!\\)\\[()\[\]]|\$\$")
_WHOLE_DOLLARS = re.compile(r"^\s*\$([^$]+)\$\s*$")
_CLOZE = re.compile(r"(?:^|;\s)(?:part|partie)\s?(\d{1,3})\s?:\s", re.IGNORECASE)
# What YAML (and so a sheet) cannot hold: control characters, surrogates, non-characters.
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
EMPTY_MARKS = frozenset(("", "-", "–", "—"))  # Moodle writes "-" for "no response"


def looks_like_html(text: str) -> bool:
    """Whether a cell holds markup: a known tag, not merely a `<` of a comparison."""
    return _HTML_TAG.search(text) is not None


class _TextOf(HTMLParser):
    """Collects the text a browser would show, with paragraphs as blank lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.skip = 0
        self.pre = 0

    def _break(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag == "br":
            self.paragraphs[-1].append("\n")
        elif tag in _BLOCKS:
            self._break()
            self.pre += tag == "pre"
        elif tag == "img":
            self.paragraphs[-1].append(_image_text(dict(attrs)))
        elif tag in _SCRIPTS:  # the editor's superscript button: W<sup>t</sup> is W^{t}
            self.paragraphs[-1].append(_SCRIPTS[tag])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SCRIPTS:
            self.paragraphs[-1].append("}")
        elif tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.pre = max(0, self.pre - (tag == "pre"))
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data.replace("\xa0", " "))
        self.paragraphs[-1].append(data)

    def text(self) -> str:
        shown = []
        for pieces in self.paragraphs:
            lines = [line.strip() for line in "".join(pieces).split("\n")]
            paragraph = "\n".join(lines).strip("\n")
            if paragraph.strip():
                shown.append(paragraph)
        return "\n\n".join(shown)


def _image_text(attrs: dict[str, str | None]) -> str:
    """Canvas's equation editor keeps the LaTeX on the image; other images keep their alt."""
    latex = attrs.get("data-equation-content")
    if latex:
        return latex
    alt = attrs.get("alt") or ""
    return re.sub(r"^\s*LaTeX:\s*", "", alt)


def html_to_text(html: str) -> str:
    """The text of an HTML fragment: entities decoded, `<br>` a line, `<p>` a paragraph."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return parser.text()


def clean(text: str) -> str:
    """A cell as text: HTML read when it is HTML, line breaks as `\\n`, nothing YAML refuses.
    A class repeats short answers (`-`, `25x25`, a name's parts): those are read once."""
    if len(text) <= _CACHED_CHARS:
        return _clean_short(text)
    return _clean(text)


_CACHED_CHARS = 2_000


@lru_cache(maxsize=8192)
def _clean_short(text: str) -> str:
    return _clean(text)


def _clean(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    if looks_like_html(text):
        text = html_to_text(text)
    text = _UNPRINTABLE.sub("", text.replace("\xa0", " "))
    return text.strip()


def strip_math_delimiters(text: str, whole_dollars: bool) -> str:
    """Drop `\\( \\)`, `\\[ \\]` and `$$`; a value wrapped in one `$ … $` pair too when
    `whole_dollars` (math fields: in prose a `$` may be a price)."""
    text = _DELIMITER.sub("", text)
    if whole_dollars:
        match = _WHOLE_DOLLARS.match(text)
        if match:
            text = match.group(1)
    return text.strip()


def cloze_parts(text: str) -> dict[int, str] | None:
    """`part 1: 256; part 2: 25` (Moodle's embedded answers, EN or FR) as {1: '256', 2: '25'};
    None when the text is not in that form."""
    marks = list(_CLOZE.finditer(text))
    if not marks or marks[0].start() != 0:
        return None
    parts: dict[int, str] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(text)
        parts[int(mark.group(1))] = text[mark.end() : end].strip()
    return parts


def blank_parts(text: str) -> dict[int, str]:
    """Canvas's multiple blanks: values joined by `,` with commas inside escaped as `\\,`."""
    values = re.split(r"(?<!\\),", text)
    return {n: value.replace("\\,", ",").strip() for n, value in enumerate(values, start=1)}


def part_of(text: str, number: int) -> str:
    """Part `number` of a response with several blanks, '' when the student left it empty."""
    parts = cloze_parts(text)
    if parts is None:
        parts = blank_parts(text)
    return parts.get(number, "")
