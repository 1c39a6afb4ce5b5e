"""Which pattern words a token matches, for every word of a rubric item at once.

`word_matches` compares one pattern word with one token; grading an answer that way
costs (words × tokens) comparisons, most of them stems and edit distances that fail.
A `Lexicon` holds every word of an item's patterns, indexed so that a token is looked
up rather than compared: its text, its English and French stems and its prefixes are
dictionary keys; only then is edit distance computed, by rapidfuzz over the words long
enough for typo tolerance, with a cutoff. The answer is the same as `word_matches` for
every word (tests/text/test_text_lexicon.py checks it), except that a token one of the
item's words matches as written is read as that word and as no typo of another, and is
kept per token, so that the words a class shares are looked up once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from examgrade.text.match import Pattern, Word
from examgrade.text.stem import stems

Hits = dict[int, bool]  # the words a token matches: word number -> by typo tolerance only
Terms = tuple[tuple[tuple[int, ...], ...], ...]  # a pattern's terms, words by number
MAX_TOKENS = 50_000  # tokens remembered per lexicon before the memory is emptied
FUZZY_PLAIN = 5  # a plain word tolerates typos from this length (see word_matches)
FUZZY_PREFIX = 6  # a prefix word (decay*) from this length
_LEVENSHTEIN = OSA.distance  # a swap of two letters ("coupeld") is one typo


class Lexicon:
    """The words of a set of patterns, looked up by token. Words are numbered (`ids`):
    a number is a cheaper dictionary key than the word."""

    def __init__(self, words: Iterable[Word]) -> None:
        # A Word hashes in Python: each object is hashed once here (`match` shares equal
        # words), not at every use; the objects are kept, so their ids stay theirs.
        objects = {id(w): w for w in words}
        ids: dict[Word, int] = {}
        numbers: dict[int, int] = {}  # id of a word object -> its number
        for key, word in objects.items():
            numbers[key] = ids.setdefault(word, len(ids))
        self.words = tuple(ids)
        self.ids = ids
        self._numbers = numbers
        self._objects = tuple(objects.values())
        # the words found only as a sentence's first token ("^no"): scan.py keeps them there
        self.first = frozenset(n for n, w in enumerate(self.words) if w.first)
        self._exact: dict[str, list[Word]] = defaultdict(list)
        self._en: dict[str, list[Word]] = defaultdict(list)
        self._fr: dict[str, list[Word]] = defaultdict(list)
        self._prefix: dict[str, list[Word]] = defaultdict(list)
        fuzzy: dict[str, list[Word]] = defaultdict(list)
        fuzzy_prefix: dict[str, list[Word]] = defaultdict(list)
        for word in self.words:
            if word.exact:
                self._exact[word.text].append(word)
            elif word.prefix:
                self._prefix[word.text].append(word)
                if len(word.text) >= FUZZY_PREFIX:
                    fuzzy_prefix[word.text].append(word)
            else:
                en, fr = stems(word.text)
                self._en[en].append(word)
                self._fr[fr].append(word)
                if len(word.text) >= FUZZY_PLAIN:
                    fuzzy[word.text].append(word)
        self._prefix_sizes = sorted({len(t) for t in self._prefix})
        self._fuzzy = fuzzy
        self._fuzzy_texts = list(fuzzy)
        self._fuzzy_prefix = fuzzy_prefix
        self._fuzzy_prefix_texts = list(fuzzy_prefix)
        # The lengths a token is cut to when compared with prefix words of each length.
        self._cuts = sorted({k for t in fuzzy_prefix for k in (len(t) - 1, len(t), len(t) + 1)})
        self._known: dict[str, Hits] = {}
        # sentences already scanned with this lexicon (`examgrade.text.scan`): a class
        # writes many of the same sentences, each answer a different mix of them
        self.scanned: dict[tuple, object] = {}
        self._terms: dict[int, tuple[Pattern, Terms]] = {}

    def terms(self, pattern: Pattern) -> Terms:
        """The pattern's terms with its words numbered (kept per pattern object)."""
        kept = self._terms.get(id(pattern))
        if kept is None or kept[0] is not pattern:
            number = self._numbers.__getitem__  # by object, in C: no Python frame per word
            try:
                numbered = tuple(
                    tuple(tuple(map(number, map(id, alt))) for alt in term)
                    for term in pattern.terms
                )
            except KeyError:  # a word object this lexicon was not made from: by value
                numbered = tuple(
                    tuple(tuple(self.numbers(alt)) for alt in term) for term in pattern.terms
                )
            kept = self._terms[id(pattern)] = (pattern, numbered)
        return kept[1]

    def numbers(self, words: Iterable[Word]) -> list[int]:
        """The numbers of `words` (words of this lexicon), as `ids` gives them."""
        ids, numbers = self.ids, self._numbers
        return [numbers[id(w)] if id(w) in numbers else ids[w] for w in words]

    def hits(self, token: str) -> Hits:
        """Every word `token` matches, and whether only by typo tolerance."""
        found = self._known.get(token)
        if found is None:
            if len(self._known) >= MAX_TOKENS:
                self._known.clear()
            found = self._known[token] = self._look_up(token)
        return found

    def hits_of(self, tokens: tuple[str, ...]) -> tuple[Hits, ...]:
        """`hits` of every token of a sentence (most are known: read in one pass)."""
        known = self._known
        found = tuple(map(known.get, tokens))
        if None in found:
            for token, hits in zip(tokens, found, strict=True):
                if hits is None:
                    self.hits(token)
            found = tuple(map(known.get, tokens))
            if None in found:  # the memory was emptied on the way
                found = tuple(map(self.hits, tokens))
        return found  # type: ignore[return-value]

    def _look_up(self, token: str) -> Hits:
        found: Hits = {}
        ids = self.ids
        for word in self._exact.get(token, ()):
            found[ids[word]] = False
        en, fr = stems(token)
        for word in (*self._en.get(en, ()), *self._fr.get(fr, ())):
            found[ids[word]] = False
        for size in self._prefix_sizes:
            if size > len(token):
                break
            for word in self._prefix.get(token[:size], ()):
                found[ids[word]] = False
        # a token spelled as one of the item's words is that word, not a typo of another
        # ("intractable" is not "interact*" mistyped)
        if not found and len(token) >= FUZZY_PLAIN - 1 and token.isalpha():
            self._typos(token, found)
        return found

    def _typos(self, token: str, found: Hits) -> None:
        """Words one edit away (two from 10 letters), prefixes one edit away from the
        token's start: what `word_matches` accepts as a typo, found with a cutoff."""
        for text, distance, _ in process.extract(
            token, self._fuzzy_texts, scorer=_LEVENSHTEIN, score_cutoff=2, limit=None
        ):
            size = len(text)
            if distance <= (2 if size >= 10 else 1) and abs(len(token) - size) <= 2:
                for word in self._fuzzy[text]:
                    found.setdefault(self.ids[word], True)
        if not self._fuzzy_prefix_texts:
            return
        tried: set[str] = set()
        for cut in self._cuts:
            start = token[:cut]
            if start in tried:
                continue
            tried.add(start)
            for text, _, _ in process.extract(
                start, self._fuzzy_prefix_texts, scorer=_LEVENSHTEIN, score_cutoff=1, limit=None
            ):
                size = len(text)
                if start in (token[: size - 1], token[:size], token[: size + 1]):
                    for word in self._fuzzy_prefix[text]:
                        found.setdefault(self.ids[word], True)
