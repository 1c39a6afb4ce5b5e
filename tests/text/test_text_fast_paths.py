"""The shortcuts of free-text grading give what the plain definitions give.

An item's patterns are looked for all at once per sentence (`scan.Table`) rather than
one by one (`scan.search`, the reference); folding, contractions, abbreviations and
non-answers skip their regular expressions when a text cannot hold what they look for;
the `concepts` check builds an outcome once per item and result. A student must not be
able to tell: same matches, same states, same outcomes, whatever came before."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from benchmarks.text_agreement import HELD_OUT, LABELLED, find_item, load_labelled
from examgrade.checks.base import CheckContext
from examgrade.checks.concepts import ConceptsCheck, _outcome, read_options, score_item_text
from examgrade.errors import Location
from examgrade.nodes import Scalar
from examgrade.rubric import load_rubrics
from examgrade.text import Contradiction, Idea, patterns
from examgrade.text.grade import _plan, score_text
from examgrade.text.normalize import parse, sentences, tokens
from examgrade.text.scan import scan, search
from tests.conftest import ROOT


def _items_and_texts() -> list[tuple[object, list[str]]]:
    """Every labelled item with its labelled and held-out answers, and answers made of
    two of them (sentences seen before, in new company)."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    texts: dict[str, list[str]] = {}
    for path in (LABELLED, HELD_OUT):
        for key, entry in load_labelled(path).items():
            texts.setdefault(key, []).extend(a["text"] for a in entry["answers"])
    cases = []
    for key, answers in texts.items():
        answers = answers + [f"{b}\n\n{a}" for a, b in pairwise(answers)]
        cases.append((find_item(rubrics, key), answers))
    return cases


CASES = _items_and_texts()


def test_the_table_finds_what_searching_each_pattern_finds() -> None:
    """For every idea (strong and weak patterns) and contradiction of every item: the
    first match of `search`, the reference, is the table's best match."""
    compared = 0
    for item, texts in CASES:
        ideas, contradictions = read_options(item)
        plan = _plan(ideas, contradictions)
        groups = [(i.patterns, s) for i, s in zip(ideas, plan.strong, strict=True)]
        groups += [(i.weak, s) for i, s in zip(ideas, plan.weak, strict=True)]
        groups += [(c.patterns, s) for c, s in zip(contradictions, plan.said, strict=True)]
        for text in texts:
            said = sentences(text)
            found = plan.table.matches(said)
            scanned = scan(said, plan.table.lexicon)
            for group, slots in groups:
                reference = search(group, scanned)
                assert plan.table.best(slots, found) == (reference[0] if reference else None)
                compared += 1
    assert compared > 1000


def test_an_answers_tokens_are_its_sentences_tokens() -> None:
    for _, texts in CASES:
        for text in texts:
            parsed = parse(text)
            assert (parsed.words, parsed.sentences) == (tokens(text), sentences(text))
            assert [t for piece in parsed.pieces for t in piece] == parsed.words


def test_the_outcome_does_not_depend_on_what_was_graded_before() -> None:
    """The check's outcome (kept per item and result) equals one built afresh, printed
    numbers included (2 and 2.0 are one key of a dict, not one score)."""
    rubrics = load_rubrics(str(ROOT / "rubrics"))
    check = ConceptsCheck()
    for item, texts in CASES:
        question = next(q for q in rubrics.questions.values() for p in q.parts if item in p.items)
        part = next(p for p in question.parts if item in p.items)
        ctx = CheckContext(question, part, item, question.parameters, lambda *a: None)
        for text in texts + texts[::-1]:
            if not text.strip():
                continue  # no answer at all: the check says so before reading it
            graded = check.grade(Scalar(text, Location("t.yaml", 1, 1)), ctx)
            fresh = _outcome(score_item_text(text, item), item.points)
            assert repr(graded) == repr(fresh)


class TestTheShortcutsKeepTheGrade:
    """A toy rubric: what the shortcuts skip would show in these grades."""

    IDEAS = (
        Idea("momentum", 2, patterns(["adam momentum", "adam+utilise momentum"])),
        Idea("average", 2, patterns(["average|moyenne past|passe*"])),
    )
    CONTRADICTIONS = (Contradiction("no-momentum", 1, patterns(["adam NEG momentum"])),)

    def grade(self, text: str):
        result = score_text(text, self.IDEAS, self.CONTRADICTIONS, 4)
        return result.verdict, result.score, {r.idea.id: r.state for r in result.ideas}

    @pytest.mark.parametrize(
        "text",
        [
            "I don't know. I don't know, sorry.",
            "je ne sais pas, désolé",
            "IDK",
            "...",
        ],
    )
    def test_non_answers_stay_non_answers(self, text: str) -> None:
        assert self.grade(text)[0] == "non_answer"

    def test_an_answer_that_also_says_i_dont_know_is_graded(self) -> None:
        verdict, score, _ = self.grade("I don't know why, but Adam uses momentum.")
        assert (verdict, score) == ("graded", 2.0)

    @pytest.mark.parametrize(
        "text",
        [
            "Adam keeps momentum, e.g. an average of past gradients.",
            "Adam keeps momentum, E.G. an average of past gradients.",
            "Adam garde un momentum, p.ex. une moyenne des gradients passés.",
        ],
    )
    def test_an_abbreviation_does_not_end_the_sentence(self, text: str) -> None:
        assert len(sentences(text)) == 1
        assert self.grade(text)[1] == 4.0

    @pytest.mark.parametrize(
        "text",
        [
            "Adam doesn't use momentum.",
            "Adam doesn’t use momentum.",
            "Adam doesn`t use momentum.",
            "Adam n’utilise pas de momentum.",
            "Adam n'utilise pas de momentum.",
        ],
    )
    def test_every_apostrophe_opens_a_negation(self, text: str) -> None:
        assert self.grade(text)[2]["momentum"] == "negated"

    def test_accents_and_case_do_not_change_a_grade(self) -> None:
        plain = self.grade("Adam utilise un momentum: une moyenne des gradients passes.")
        accented = self.grade("ADAM utilise un mömentum : une moyenne des gradients PASSÉS.")
        assert plain == accented == ("graded", 4.0, {"momentum": "found", "average": "found"})


def test_a_pattern_missing_a_term_is_not_judged(monkeypatch) -> None:
    """A sentence holding the first word of a pattern but none of another term's words
    cannot match it: the table skips it without judging (three candidates in five of a
    realistic class), and finds what it found before."""
    import examgrade.text.scan as scan_module
    from examgrade.text.lexicon import Lexicon
    from examgrade.text.match import compile_pattern

    found = [compile_pattern(s) for s in ("adagrad sum*", "adagrad decay*", "adagrad")]
    table = scan_module.Table(found, Lexicon(w for p in found for w in p.words()))
    judged = []
    real = scan_module._judge
    monkeypatch.setattr(scan_module, "_judge", lambda *args: judged.append(args) or real(*args))
    matches = table.matches(sentences("Adagrad sums the squared gradients."))
    assert sorted(matches) == [0, 2]
    assert len(judged) == 2  # "adagrad decay*" was not judged


def test_the_longest_phrase_is_read_whatever_the_hash_seed() -> None:
    """`subjects._at` reads "both" and contrast phrases by their first word, longest first:
    "both of them" is one mention of both entities, never "both" followed by two loose
    words, and "au lieu de" is never "au" alone (the set's hash order used to decide
    between them, so a run's hash seed could change how a clause was cut)."""
    from examgrade.text import subjects

    for phrases, indexed in zip(
        (subjects.words().both, subjects.words().contrast), subjects._starting(), strict=True
    ):
        for phrase in phrases:
            toks = ["and", *phrase, "of", "them", "do", "it"]
            for i in range(len(toks)):
                longest = max(
                    (len(p) for p in phrases if tuple(toks[i : i + len(p)]) == p), default=0
                )
                assert subjects._at(toks, i, indexed) == longest


def test_a_sentence_tokenised_once_is_the_sentence_tokenised_twice() -> None:
    """`_chunk_once` (one tokenisation of a sentence with no "(", "{" or "}", its words
    read off its clauses and the connectors cut at) gives what `_chunk_cut` gives (its
    clauses tokenised, then its whole text): the same tokens, clauses and words, for every
    sentence of the labelled and held-out answers and for cuts at every kind of mark."""
    from examgrade.text import normalize

    chunks = [
        "adagrad sums, rmsprop averages; adam: both - and momentum",
        "il decroit car la somme grandit donc le pas tend vers 0",
        "so",
        "mais",
        ", ; : [ ]",
        "the rate 1.5 so 2.5 because → grows ← here",
        "alors que rmsprop oublie, tandis que adagrad parce que x_t puisque h_t",
        "a but_b so c_d which qui",
        "x — y – z - w",
        "sample x given y,z then y given x,z",
        "x|y,z is not factorized, and y|x,z neither",
    ]
    for _, texts in CASES:
        for text in texts:
            expanded = normalize.expand(text)
            chunks += normalize._SENTENCE_END.split(expanded)
    compared = 0
    for chunk in dict.fromkeys(chunks):
        if not normalize.tokenised_once(chunk):
            continue
        assert normalize._chunk_once(chunk) == normalize._chunk_cut(chunk), chunk
        compared += 1
    assert compared > 250
    # a tuple's comma is no clause cut (round 22): such a sentence takes the long way
    assert not normalize.tokenised_once("x|y,z is not factorized")
    assert not normalize.tokenised_once("sample y,z together given x")
    assert normalize.tokenised_once("adagrad sums, rmsprop averages")


def test_a_sentences_denials_are_worked_out_once_and_are_the_same() -> None:
    """`negated_positions` (kept per sentence, shared by the lexicons that scan it and the
    soft hints) gives what `denied_positions` works out, for every sentence and segment
    of the labelled and held-out answers, whatever was asked before; and an equal sentence
    asked again gets the same flags, not a second reading."""
    from examgrade.text import match
    from examgrade.text.normalize import chunk

    compared = 0
    for _, texts in CASES:
        for text in texts:
            for sentence in sentences(text):
                for piece in (sentence, chunk(" " + sentence.text + " ")[0]):
                    if piece is None:
                        continue
                    assert match.negated_positions(piece) == match.denied_positions(piece)
                    compared += 1
    assert compared > 1_500
    said = sentences("il ne sature pas et la contrainte n'est pas difficile")[0]
    again = sentences("il ne sature pas et la contrainte n'est pas difficile")[0]
    assert match.negated_positions(said) is match.negated_positions(again)
    assert any(match.negated_positions(said))


class _Everything(frozenset):
    """A set that shares a word with every clause: `_mentions` always walks."""

    def isdisjoint(self, other: object) -> bool:
        return False


def test_a_clause_with_no_ordinals_word_is_not_walked_for_one(monkeypatch) -> None:
    """`_mentions` returns at once when a clause holds no entity, no "both" and no
    ordinal's last word ("the latter" needs "latter"; most clauses hold a "the"): the
    same mentions as the walk over every token, for every clause and sentence of the
    labelled and held-out answers, with each part's entities."""
    from examgrade.text import subjects

    extra = [
        "the latter sums all past squared gradients, the former averages them",
        "le premier moment et le second terme ; ce dernier oublie, cette derniere aussi",
        "la premiere garde une moyenne, la seconde additionne, la deuxieme iteration",
    ]
    compared = named = 0
    for item, texts in CASES:
        ideas, contradictions = read_options(item)
        entities = _plan(ideas, contradictions).entities
        if entities is None:
            continue
        clauses = []
        for text in [*texts, *extra]:
            for sentence in sentences(text):
                clauses.append(list(sentence.tokens))
                toks, cuts = sentence.tokens, sentence.clauses
                for clause in dict.fromkeys(cuts):
                    clauses.append([t for t, c in zip(toks, cuts, strict=True) if c == clause])
        fast = [subjects._mentions(toks, entities) for toks in clauses]
        with monkeypatch.context() as patched:
            patched.setattr(subjects, "_ordinal_words", lambda: _Everything())
            walked = [subjects._mentions(toks, entities) for toks in clauses]
        assert fast == walked
        compared += len(clauses)
        named += sum(bool(found) for found in fast)
    assert compared > 1_000 and named > 100


def test_a_denial_opened_by_two_words_or_non_is_looked_for_only_at_its_head() -> None:
    """`_negated` asks `_paired` ("instead of", "au lieu de") only at "instead", "rather",
    "plutot" or "lieu", and `_denies_phrase` ("et non la somme") only at "non": at every
    other token of the labelled and held-out sentences (and our own wordings) both are
    false, so the denials are the ones every token asked gave."""
    from examgrade.text import match

    own = [
        "une moyenne au lieu de la somme, plutot que tout garder, et non la derniere",
        "an average instead of the sum, rather than keeping all, not the latest",
        "au lieu, instead, rather, plutot, non",
    ]
    asked = heads = 0
    for text in [t for _, texts in CASES for t in texts] + own:
        for sentence in sentences(text):
            toks, clauses = sentence.tokens, sentence.clauses
            for i, tok in enumerate(toks):
                if tok not in match._PAIR_HEADS:
                    assert not match._paired(toks, i)
                if tok != "non":
                    assert not match._denies_phrase(toks, clauses, i)
                asked += 1
                heads += tok in match._PAIR_HEADS or tok == "non"
    assert asked > 10_000 and heads > 20


def test_a_sentence_with_a_call_or_a_tuple_is_tokenised_once_too() -> None:
    """A sentence with a call's parentheses or a tuple's commas (and no "{" or "}") is
    read once from its `_uncut` text: the same sentence, tokens, clauses and words as
    `_chunk_cut` (the reference) gives, for every sentence of the labelled and held-out
    answers and for wordings of our own."""
    from examgrade.text import normalize

    chunks = [
        "sigma(x)*sigma(y) is not exact, so (y, z) given x is not factorized",
        "on ne peut pas utiliser softmax(z) car p(x|y,z) ne se factorise pas",
        "f(g(x)) grows, but h(x) so(t) decays; x|y,z and (a,b,c) too",
        "rho(W) < 1 because lambda_max(W) < 1 (the spectral radius), x_t(1) - y",
        "(",
        ")",
        "()",
        "(,)",
        "x,y",
        "a(b)c, d(e)f, (g, h) - i",
        "le gradient (de la perte) tend vers 0 (car rho(W)<1) donc il disparait",
    ]
    for _, texts in CASES:
        for text in texts:
            chunks += normalize._SENTENCE_END.split(normalize.expand(text))
    compared = 0
    for chunk in dict.fromkeys(chunks):
        if normalize.tokenised_once(chunk) or "{" in chunk or "}" in chunk:
            continue
        assert normalize._chunk.__wrapped__(chunk) == normalize._chunk_cut(chunk), chunk
        compared += 1
    assert compared > 50
    # and texts made of tokens, calls, tuples, connectors and marks at random (seeded)
    rng = random.Random(17)
    atoms = ["a", "x", "y", "so", "qui", "alors que", "f", "g_t", "1.5", "→", "(", ")", ","]
    atoms += [" ", " ", "|", ";", ":", " - ", "_", "'", "[", "]", "sigma", "é"]
    for _ in range(20_000):
        chunk = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 14)))
        if not normalize.tokenised_once(chunk) and "{" not in chunk:
            assert normalize._chunk.__wrapped__(chunk) == normalize._chunk_cut(chunk), chunk


def test_a_cost_equal_to_the_credit_left_leaves_nothing() -> None:
    """0.1 + 0.2 - 0.3 is 5.6e-17 in floats: the floor took that dust for "something
    right" and raised the answer to a fifth of its points (0.6 of 3)."""
    from examgrade.text.grade import Contradiction, Idea

    ideas = (
        Idea("sum", 0.1, patterns(["adagrad sum*"])),
        Idea("average", 0.2, patterns(["rmsprop averag*"])),
        Idea("forget", 2.7, patterns(["forget*"])),
    )
    wrong = (Contradiction("second-order", 0.3, patterns(["adam second order"])),)
    text = "Adagrad sums the squares, RMSprop averages them. Adam is second order."
    assert score_text(text, ideas, wrong, 3.0).score == 0
