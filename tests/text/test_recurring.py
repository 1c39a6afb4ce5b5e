"""The text engine's per-sentence memos keep what a class writes again, not every
sentence it reads once (issue 17, memory: ~75 MB a worker, most of it never asked for
again). A cap that holds, and results that do not depend on what was kept."""

from __future__ import annotations

from examgrade.text import grade as text_grade
from examgrade.text import normalize
from examgrade.text.match import compile_pattern
from examgrade.text.normalize import parse
from examgrade.text.recurring import Recurring
from examgrade.text.scan import Lexicon, scan


def _kept(memo) -> int:
    """Entries a memo holds (an `lru_cache` before, a `Recurring` now)."""
    return len(memo.kept) if hasattr(memo, "kept") else memo.cache_info().currsize


def test_sentences_written_once_are_not_kept() -> None:
    normalize._chunk.cache_clear()
    text_grade._counts.cache_clear()
    for number in range(3_000):
        parse(f"The weights number {number} vanish after layer {number * 7 + 1}.")
    assert _kept(normalize._chunk) <= 50  # a slot shared by two sentences keeps one


def test_a_sentence_written_again_is_kept_and_read_back_alike() -> None:
    normalize._chunk.cache_clear()
    sentence = "momentum averages the gradients of the last steps"
    first = parse(sentence).sentences
    second = parse(sentence).sentences
    third = parse(sentence).sentences
    assert first == second == third
    assert third[0] is parse(sentence).sentences[0]  # kept since its second sight


def test_the_cap_holds_and_forgets_the_least_recently_used() -> None:
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = Recurring(square, maxsize=10)
    for n in range(1_000):
        assert memo(n) == memo(n) == n * n
        memo(0)  # used all along: never the least recently used
        assert len(memo.kept) <= 10
    calls.clear()
    assert memo(0) == 0 and memo(999) == 999 * 999
    assert calls == []


def test_a_lexicon_keeps_no_sentence_scanned_once() -> None:
    lexicon = Lexicon(compile_pattern("gradient+vanish*").words())
    for number in range(3_000):
        found = scan(parse(f"the gradient vanishes after {number} layers").sentences, lexicon)
        assert found.present
    assert len(lexicon.scanned) <= 50


def test_a_value_read_again_at_once_is_computed_once() -> None:
    """An answer reads a sentence again right after its first sight (its segments, most
    of them a whole sentence): the value waits a moment instead of being computed twice."""
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = Recurring(square, maxsize=10)
    assert memo(7) == memo(7) == 49
    assert calls == [7]
    for n in range(100):  # the waiting ones are few: older first sights are computed again
        memo(1_000 + n)
    memo(1_000)
    assert calls.count(1_000) == 2


def test_a_sentence_scanned_again_at_once_is_scanned_once(monkeypatch) -> None:
    from examgrade.text import scan as scan_module

    scanned = []
    original = scan_module._scan_sentence

    def counting(sentence, lexicon):
        scanned.append(sentence.tokens)
        return original(sentence, lexicon)

    monkeypatch.setattr(scan_module, "_scan_sentence", counting)
    lexicon = Lexicon(compile_pattern("gradient+vanish*").words())
    sentence = parse("the gradient vanishes after 4321 layers, said once").sentences
    first = scan(sentence, lexicon)
    second = scan(sentence, lexicon)
    assert first.sentences == second.sentences
    assert len(scanned) == 1
