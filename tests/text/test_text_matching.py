"""The text library on its own: folding, negation within the clause, typos, one idea per
sentence, language detection, non-answers and keyword lists (examgrade.text)."""

from __future__ import annotations

import pytest

from examgrade.text import Contradiction, Idea, PatternError, compile_pattern, detect, patterns
from examgrade.text.grade import is_keyword_list, score_text
from examgrade.text.nonanswer import is_non_answer
from examgrade.text.normalize import fold, sentences
from examgrade.text.scan import find, pattern_lexicon, scan


def found(pattern: str, text: str) -> str:
    """'plain', 'negated' or 'absent': how `pattern` shows in `text` (any sentence)."""
    compiled = compile_pattern(pattern)
    scanned = scan(sentences(text), pattern_lexicon(compiled))
    matches = [m for i in range(len(scanned.sentences)) if (m := find(compiled, scanned, i))]
    if not matches:
        return "absent"
    return "plain" if any(not m.negated for m in matches) else "negated"


class TestFolding:
    @pytest.mark.parametrize(
        "text,folded",
        [
            ("Évanescent", "evanescent"),
            ("cœur", "coeur"),
            ("ρ(W) < 1", " rho (w)  lt  1"),
            ("p_i -> 0", "p_i  →  0"),
            ("ÉCART é\U0001d165", "ecart e"),  # a combining mark beyond the common table
        ],
    )
    def test_accents_case_and_symbols(self, text: str, folded: str) -> None:
        assert fold(text) == folded


class TestNegation:
    """A negation in the clause, before the idea's words, denies it; nothing else does."""

    @pytest.mark.parametrize(
        "text,expected",
        [
            ("Adam uses momentum.", "plain"),
            ("Adam has no momentum.", "negated"),
            ("Adam doesn't use momentum.", "negated"),
            ("Adam never uses momentum.", "negated"),
            ("Adam no longer uses momentum.", "negated"),
            ("Adam uses momentum, not the raw gradient.", "plain"),  # the comma ends the clause
            ("Adam, without momentum, is RMSprop.", "negated"),
            ("Adam n'utilise pas de momentum.", "negated"),
            ("Adam n'utilise plus le momentum.", "negated"),
            ("Adam sans momentum.", "negated"),
            ("Adam n'a aucun momentum.", "negated"),
            ("Adam ne fait qu'ajouter un momentum.", "plain"),  # ne ... que restricts
            ("Adam has no bias correction, but it uses momentum.", "plain"),
            ("Adam utilise le momentum alors que RMSprop ne l'utilise pas.", "plain"),
        ],
    )
    def test_negation_within_the_clause(self, text: str, expected: str) -> None:
        assert found("adam momentum", text) == expected

    @pytest.mark.parametrize(
        "text,expected",
        [
            ("The sampling is not differentiable.", "plain"),
            ("L'échantillonnage n'est pas différentiable.", "plain"),
            ("A non-differentiable sampling step.", "plain"),
            ("The sampling is differentiable.", "absent"),
        ],
    )
    def test_neg_patterns_need_the_negation(self, text: str, expected: str) -> None:
        assert found("NEG differentiab*", text) == expected

    @pytest.mark.parametrize(
        "pattern,text,expected",
        [
            ("discrete", "We cannot differentiate through the discrete sampling.", "plain"),
            ("discret", "On ne peut pas dériver à travers un tirage aléatoire discret.", "plain"),
            ("discrete", "There is no gradient across the discrete mask.", "plain"),
            ("discrete", "The mask is not discrete.", "negated"),
            ("p_i zero", "p_i does not go to zero.", "negated"),
            ("NEG differentiab*", "It is not differentiable with respect to p_i.", "plain"),
            ("p_i", "It is not differentiable with respect to p_i.", "plain"),
            ("p_i", "Ce n'est pas dérivable par rapport à p_i.", "plain"),
        ],
    )
    def test_a_denied_verb_does_not_deny_its_path(self, pattern, text, expected) -> None:
        """The idea's own words must be denied: the path or reference of a negated verb
        ("through", "à travers", "with respect to") is not."""
        assert found(pattern, text) == expected

    def test_non_denies_only_the_next_word(self) -> None:
        assert found("moving+average", "A moving average works for non-convex problems") == (
            "plain"
        )


class TestMatching:
    @pytest.mark.parametrize(
        "pattern,text,expected",
        [
            ("moving+average", "an exponential moving average", "plain"),
            ("moving+average", "the average is moving", "absent"),  # "+" keeps the order
            ("momentum", "Adam adds momentun", "plain"),  # one typo
            ("overfit*", "the network overfitts", "plain"),
            ("differentiab*", "it is not diferentiable", "negated"),  # typo in a prefix
            ("decay", "decaying", "plain"),  # English stem
            ("diminuer", "le taux diminue", "plain"),  # French stem
            ("=cd", "use CD-k", "plain"),
            ("=cd", "a cdk chain", "absent"),
            ("momentum", "moment", "absent"),
        ],
    )
    def test_words(self, pattern: str, text: str, expected: str) -> None:
        assert found(pattern, text) == expected

    def test_an_idea_is_matched_inside_one_sentence(self) -> None:
        assert found("adagrad sum*", "Adagrad is old. We sum gradients.") == "absent"
        assert found("adagrad sum*", "Adagrad sums gradients.") == "plain"


class TestPatternSyntax:
    @pytest.mark.parametrize(
        "pattern,reason",
        [
            ("", "empty"),
            ("a||b", "empty_alternative"),
            ("NEG", "only_neg"),
            ("NEG x NEG", "neg_twice"),
            ("ab*", "short_prefix"),
            ("a++b", "empty_word"),
            ("x$y", "bad_word"),
        ],
    )
    def test_bad_patterns_say_why(self, pattern: str, reason: str) -> None:
        with pytest.raises(PatternError) as caught:
            compile_pattern(pattern)
        assert caught.value.reason == reason


class TestLanguage:
    @pytest.mark.parametrize(
        "text,lang",
        [
            ("The learning rate of Adagrad decreases.", "en"),
            ("Le taux d'apprentissage d'Adagrad diminue.", "fr"),
            ("Le weight decay penalizes all the weights, et la pénalité CAE dépend de x.", "mixed"),
            ("RMSprop, Adam, momentum", "unknown"),
        ],
    )
    def test_detect(self, text: str, lang: str) -> None:
        assert detect(text) == lang


class TestNonAnswers:
    @pytest.mark.parametrize(
        "text",
        ["", "   ", "?", "I don't know", "I do not know.", "je ne sais pas", "Je sais pas",
         "no idea", "Aucune idée.", "Sorry, I don't know.", "n/a", "-"],
    )  # fmt: skip
    def test_say_nothing(self, text: str) -> None:
        assert is_non_answer(text)

    @pytest.mark.parametrize(
        "text", ["I don't know why, but Adam uses momentum and bias correction.", "No.", "p -> 0"]
    )
    def test_an_answer_with_content_is_graded(self, text: str) -> None:
        assert not is_non_answer(text)


class TestKeywordLists:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("momentum, bias correction, first moment, second moment", True),
            ("spectral radius, vanishing, exploding", True),
            ("adaptive learning rate; moving average; sum of squares", True),
            ("Adam adds momentum and corrects the bias of both moments.", False),
            ("Adam adds momentum.", False),  # short, but a sentence
        ],
    )
    def test_detected(self, text: str, expected: bool) -> None:
        assert is_keyword_list(text) is expected


class TestScore:
    """Credit, contradictions and confidence on a two-idea toy rubric."""

    IDEAS = (
        Idea("momentum", 2, patterns(["adam momentum|first+moment"])),
        Idea("bias", 2, patterns(["bias|biais correct*|corrig*"]), patterns(["bias|biais"])),
    )
    CONTRADICTIONS = (Contradiction("no-momentum", 1, patterns(["adam NEG momentum"])),)

    def score(self, text: str):
        return score_text(text, self.IDEAS, self.CONTRADICTIONS, 4)

    def test_full_marks_with_confidence(self) -> None:
        result = self.score("Adam adds momentum and it corrects the bias of its moments.")
        assert result.score == 4 and not result.confidence.review

    def test_weak_pattern_gives_half_and_lowers_confidence(self) -> None:
        result = self.score("Adam adds momentum; there is some bias at the start of training.")
        assert result.score == 3 and "weak" in result.confidence.reasons

    def test_contradiction_costs_points_and_asks_review(self) -> None:
        result = self.score("Adam has no momentum but it corrects the bias.")
        assert result.score == 1 and not result.confidence.review  # one claim per clause
        assert "contradiction" in result.confidence.reasons
        assert [c.id for c in result.contradictions] == ["no-momentum"]

    def test_keyword_list_is_flagged(self) -> None:
        result = self.score("momentum, bias correction, Adam, moments")
        assert result.confidence.review and "keywords" in result.confidence.reasons
        assert result.score == 2  # half credit per idea

    @pytest.mark.parametrize("text", ["", "je ne sais pas", "The weather was lovely in Montréal."])
    def test_nothing_to_credit_is_zero_and_certain(self, text: str) -> None:
        result = self.score(text)
        assert result.score == 0 and not result.confidence.review

    def test_on_topic_but_unrecognised_asks_review(self) -> None:
        result = self.score("Adam is an optimizer. Momentum is a word from physics.")
        assert result.score == 0 and result.verdict == "graded"
        assert result.confidence.value < 1 and "unmatched" in result.confidence.reasons
