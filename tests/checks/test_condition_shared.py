"""A condition is read and classified once per answer: the worker grades a sheet and
then takes each part's group key (`fingerprint`), and both ask for the same
classification on the bank and the probes (issue 17: half of the kind's time when every
answer is distinct)."""

from __future__ import annotations

import examgrade.checks.condition as condition
from examgrade.classroom.groups import answer_groups, parse_target

ANSWERS = ("rho(W) < 1", "||W||_2 < 1", "rho(W) <= 1", "rho(W) <> 1")


def _count_classifications(monkeypatch) -> list[str]:
    """The texts `condition.classify` is asked for from now on (its caches emptied)."""
    calls: list[str] = []
    classify = condition.classify

    def counted(found, *args, **kwargs):
        calls.append(str(found))
        return classify(found, *args, **kwargs)

    monkeypatch.setattr(condition, "classify", counted)
    monkeypatch.setattr(condition, "_JUDGED", {})
    return calls


def test_grading_then_grouping_classifies_each_answer_once(rubrics, tmp_path, monkeypatch):
    calls = _count_classifications(monkeypatch)
    paths = []
    for n, text in enumerate(ANSWERS):
        path = tmp_path / f"s{n}.yaml"
        body = f"student:\n  id: '{n}'\nq2:\n  c:\n    vanishes_if: '{text}'\n"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    result = answer_groups(paths, parse_target("q2.c:vanishes_if", rubrics), rubrics)
    assert len(calls) == 3  # the unreadable answer is never classified
    verdicts = {s: g.verdict[0] for g in result.groups for s in g.spellings}
    assert verdicts["rho(W) < 1"] == "correct"
    assert verdicts["rho(W) <> 1"] == "invalid"
    assert len(result.groups) == 4


def test_an_unreadable_condition_gives_the_same_error_every_time(rubrics, monkeypatch):
    monkeypatch.setattr(condition, "_JUDGED", {})
    item = next(
        i for p in rubrics.questions["q2"].parts if p.key == "c" for i in p.items
        if i.field == "vanishes_if"
    )  # fmt: skip
    context = condition.context_of(item)
    bank = ()
    errors = []
    for _ in range(2):
        try:
            condition.judged_answer("rho(W) <> 1", context, "vanishes", bank)
        except condition.MathError as error:
            errors.append((error.code, error.params, error.location))
    assert len(errors) == 2 and errors[0] == errors[1]


def _q2c_item(rubrics, field: str = "vanishes_if"):
    return next(
        i for p in rubrics.questions["q2"].parts if p.key == "c" for i in p.items
        if i.field == field
    )  # fmt: skip


def test_a_side_that_reads_no_name_is_evaluated_once_per_classification(rubrics, monkeypatch):
    """The threshold (`1/2`, `1`) is the same at every matrix of the bank and the probes."""
    import examgrade.mathlang.evaluate as evaluate_module
    from examgrade.engine import item_context

    item = _q2c_item(rubrics)
    question = rubrics.questions["q2"]
    part = next(p for p in question.parts if p.key == "c")
    ctx = item_context(question, part, item)
    bank = tuple(ctx.solve(item.solver, item.params).value)
    context = condition.context_of(item)
    found = condition.read_condition("rho(W) < 1/2", context)
    threshold = found.operands[1]
    evaluated: list[object] = []
    evaluate = evaluate_module.evaluate

    def counted(expr, *args, **kwargs):
        evaluated.append(expr)
        return evaluate(expr, *args, **kwargs)

    monkeypatch.setattr(evaluate_module, "evaluate", counted)
    judgement, _, matrices = condition.classify(found, context, "vanishes", bank)
    assert judgement.verdict == "sufficient"
    assert sum(1 for expr in evaluated if expr is threshold) == 1
    assert sum(1 for expr in evaluated if expr is found.operands[0]) >= len(matrices)


def test_a_threshold_that_cannot_be_evaluated_is_still_a_located_error(rubrics):
    from tests.checks.test_condition_check import condition_fields

    outcome = condition_fields(rubrics, "rho(W) < 1/0")["vanishes_if"]
    assert outcome.status == "invalid"
    assert "division by zero" in " ".join(t.render("en") for t in outcome.feedback)


def _q2c_bank(rubrics):
    from examgrade.engine import item_context

    item = _q2c_item(rubrics)
    question = rubrics.questions["q2"]
    part = next(p for p in question.parts if p.key == "c")
    ctx = item_context(question, part, item)
    return condition.context_of(item), tuple(ctx.solve(item.solver, item.params).value)


def test_texts_that_read_the_same_condition_are_classified_once(rubrics, monkeypatch):
    """Distinct texts, one comparison: the same tree on one side, the same value on the
    other (issue 17: a class where every answer is distinct)."""
    calls = _count_classifications(monkeypatch)
    context, bank = _q2c_bank(rubrics)
    texts = ("rho(W) < 1", "\\rho(W)<1", "rho(W) < 2/2", "rho(W) < 1 + 0*3", "1 > rho(W)")
    results = [condition.judged_answer(t, context, "vanishes", bank)[2] for t in texts]
    assert len(calls) == 2  # `1 > rho(W)` is another comparison (another operator)
    first = results[0]
    for judgement, holds, matrices in results[1:4]:
        assert judgement is first[0] and holds == first[1] and matrices == first[2]
    assert results[4][1] == first[1]  # the same truths, classified on its own
    other = condition.judged_answer("rho(W) < 1/2", context, "vanishes", bank)[2]
    assert len(calls) == 3 and other[1] != first[1]


def test_an_error_is_still_the_texts_own(rubrics, monkeypatch):
    """A classification that raised is not shared: its error points into its text."""
    monkeypatch.setattr(condition, "_JUDGED", {})
    context, bank = _q2c_bank(rubrics)
    columns = []
    for text in ("rho(W) < 1/0", "rho(W)   <   1/0"):
        try:
            condition.judged_answer(text, context, "vanishes", bank)
        except condition.MathError as error:
            columns.append(error.location.column)
    assert len(columns) == 2 and columns[0] != columns[1]
