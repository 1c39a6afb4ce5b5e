"""Pattern words are shared and numbered once (issue 17, `check`'s start-up): equal words
of a rubric are one object, and a lexicon numbers word objects equal or not the same way."""

from __future__ import annotations

import pickle

from examgrade.text.lexicon import Lexicon
from examgrade.text.match import Pattern, Word, compile_pattern, shared_word


def test_equal_words_of_different_patterns_are_one_object() -> None:
    one = compile_pattern("moving+average gradient*")
    two = compile_pattern("gradient* NEG moving+average")
    first = {w.text: w for w in one.words()}
    for word in two.words():
        assert word is first[word.text]


def test_a_shared_word_stays_shared_through_pickle() -> None:
    """The readings kept between runs are a pickle: one object per word there too."""
    pattern = compile_pattern("average average+gradient")
    words = pickle.loads(pickle.dumps(pattern)).words()
    assert words[0] is words[1]


def test_shared_word_is_the_word_of_those_fields() -> None:
    word = shared_word("decay", True, False, False)
    assert word == Word("decay", prefix=True)
    assert shared_word("decay", True, False, False) is word
    assert shared_word("decay", False, False, False) is not word


def test_lexicon_numbers_equal_words_as_one_whatever_the_object() -> None:
    """Words built apart (not shared) are numbered by value, as before."""
    a, b, c = Word("alpha"), Word("alpha"), Word("beta", prefix=True)
    lexicon = Lexicon([a, c, b])
    assert lexicon.words == (a, c)
    assert lexicon.ids == {a: 0, c: 1}
    apart = Pattern(
        "alpha beta*|alpha", (((Word("alpha"),),), ((Word("beta", prefix=True),), (b,))), False
    )
    assert lexicon.terms(apart) == (((0,),), ((1,), (0,)))
    assert lexicon.numbers([Word("beta", prefix=True), a, b]) == [1, 0, 0]
