"""Issue 11, tenth round: long answers and answers with negations, under-credited (tuned on
tuning, tuning2, labelled and the even answers of tuning3-6; sentences written for the
test, EN and FR).

1. A contradiction whose words come from two clauses, one of which denies what it says of
   them, is not said: "the number of parameters does not change; it is the effective
   capacity that grows" says the count does not grow (the growth is the capacity's), and
   "backprop works with differentiable functions, and the sample is not a differentiable
   function of p" does not say the sampling is differentiable. Said in one
   clause, or in clauses that deny nothing, it still is.
2. A shared meaning class may list opposites whose denial says it (synonyms.yaml's
   `denied`): "h_t no longer remembers h_0", "ne se souvient plus de h_0" forget it;
   "Adagrad never forgets a gradient", "on n'oublie jamais" accumulate (and said of
   RMSprop it is the key's "RMSprop sums like Adagrad").
3. The student's own memory is a non-answer, not the subject's forgetting: "je ne me
   souviens plus de la différence", "I don't remember".
4. An elided subject is the question's (the part's default entity, q6.b's IAF now): "Yes,
   richer posterior", "oui, + expressif", "captures correlations" say it of IAF; not after
   "No, ...", nor in a clause with its own subject ("the true posterior is complex"), nor
   once another entity was named, nor in a keyword list.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "Le nombre de parametres ne change pas; c'est la capacité effective qui augmente.",
        "The number of parameters does not change; it is the effective capacity that grows.",
        "The number of parameters doesn't change: what grows is the effective capacity.",
    ],
)
def test_a_count_denied_in_its_clause_is_not_the_growth_said_after(grade, text):
    result = grade("q4.a", text)
    assert "parameters-grow" not in said(result)
    assert idea_states(result)["effective-capacity"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Backprop works with differentiable functions, and the sample is not a "
        "differentiable function of p: a tiny change of p either doesn't change the mask "
        "or flips it.",
        "Backprop marche avec des fonctions dérivables, et le masque n'est pas une fonction "
        "dérivable de p : un petit changement de p ne change pas le masque ou le retourne.",
    ],
)
def test_a_denied_derivative_is_not_the_differentiable_sampling(grade, text):
    result = grade("q4.b.ii", text)
    assert "sampling-differentiable" not in said(result)
    assert idea_states(result)["not-differentiable"] == "found"


@pytest.mark.parametrize(
    ("part", "text", "wrong"),
    [
        ("q4.a", "The number of parameters grows during training.", "parameters-grow"),
        ("q4.a", "Le nombre de paramètres augmente pendant l'entraînement.", "parameters-grow"),
        ("q4.a", "The number of parameters grows, it is not fixed.", "parameters-grow"),
        (
            "q4.b.ii",
            "Sampling the mask is differentiable, so backprop works.",
            "sampling-differentiable",
        ),
    ],
)
def test_a_contradiction_said_in_its_clause_stands(grade, part, text, wrong):
    assert wrong in said(grade(part, text))


@pytest.mark.parametrize(
    "text",
    [
        "If rho(W) < 1, W^t goes to 0 and h_t no longer remembers h_0.",
        "Si rho(W) < 1, W^t tend vers 0 et h_t ne se souvient plus de h_0.",
        "If rho(W) < 1, W^t goes to 0: h_t does not retain anything of h_0.",
    ],
)
def test_an_opposite_denied_says_the_class(grade, text):
    assert idea_states(grade("q2.c:explanation", text))["state"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "If rho(W) < 1, W^t goes to 0 and h_t remembers h_0.",
        "Si rho(W) < 1, W^t tend vers 0 et h_t se souvient de h_0.",
    ],
)
def test_an_opposite_affirmed_is_not_the_class(grade, text):
    assert idea_states(grade("q2.c:explanation", text))["state"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "je ne me souviens plus de la différence",
        "I don't remember the difference.",
        "I can't remember.",
        "J'ai oublié.",
    ],
)
def test_the_students_own_memory_is_a_non_answer(grade, text):
    result = grade("q3.a", text)
    assert result.verdict == "non_answer"
    assert result.score == 0


def test_a_forgotten_detail_beside_an_answer_is_still_graded(grade):
    result = grade("q3.a", "I forgot the formula, but RMSprop uses a moving average of g^2.")
    assert result.verdict == "graded"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, richer posterior.",
        "Oui, il donne un postérieur plus riche.",
        "Oui, car plus expressif.",
        "Yes: captures correlations.",
        "oui, + expressif.",
    ],
)
def test_an_elided_subject_is_the_questions(grade, text):
    assert idea_states(grade("q6.b:explanation", text))["iaf-richer"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No, the true posterior is too complex.",
        "Non, le vrai postérieur est trop complexe.",
        "Mean-field is optimal per example; richer posterior anyway.",
        "richer, correlations, amortization, gap",
    ],
)
def test_a_predicate_with_a_subject_of_its_own_is_not_the_questions(grade, text):
    assert idea_states(grade("q6.b:explanation", text))["iaf-richer"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad never forgets a gradient, so its step only shrinks.",
        "Avec Adagrad on n'oublie jamais les anciens gradients, donc le pas ne fait que diminuer.",
    ],
)
def test_what_never_forgets_accumulates(grade, text):
    assert idea_states(grade("q3.a", text))["adagrad-sum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop never forgets any gradient: it keeps them all like Adagrad.",
        "RMSprop n'oublie jamais rien, comme Adagrad.",
    ],
)
def test_rmsprop_that_never_forgets_is_the_keys_mistake(grade, text):
    result = grade("q3.a", text)
    assert "rmsprop-sums" in said(result)
    assert idea_states(result)["adagrad-sum"] != "found"


def test_a_forgetting_adagrad_is_not_its_sum(grade):
    assert idea_states(grade("q3.a", "Adagrad forgets old gradients."))["adagrad-sum"] != "found"
