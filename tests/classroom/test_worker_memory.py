"""What a grading worker keeps of a class stays small (issue 17, memory): the same
value is one object however many kept sentences hold it, and what is never asked for
again is not kept. Each holds by identity or by size, never by time."""

from __future__ import annotations

from examgrade.text import normalize, scan, soft


def test_a_word_is_one_str_across_the_kept_sentences() -> None:
    """Two sentences sharing a word hold one str of it, in their tokens and their words
    (a worker's 5,000 sheets held 27 MB of the same words made anew)."""
    first, first_words = normalize._chunk.__wrapped__("the gradient vanishes, so training stalls")
    second, second_words = normalize._chunk.__wrapped__("no gradient flows (the gradient is zero)")
    assert first is not None and second is not None
    word = first.tokens[first.tokens.index("gradient")]
    assert second.tokens[second.tokens.index("gradient")] is word
    assert first_words[first_words.index("gradient")] is word
    assert second_words[second_words.index("gradient")] is word


def test_a_scan_shares_its_position_pairs() -> None:
    """Each (position, by typo) pair of a scanned sentence is one object per value."""
    for position in (0, 7, 255):
        for fuzzy in (False, True):
            pair = scan._PAIRS[position][fuzzy]
            assert pair == (position, fuzzy)
            assert scan._PAIRS[position][fuzzy] is pair


def test_clauses_that_deny_nothing_share_one_empty_set() -> None:
    assert soft._frozen(set()) is soft._frozen(set())
    assert soft._frozen({3, 1}) == frozenset({1, 3})


def test_free_text_group_keys_are_not_remembered(rubrics) -> None:
    """A free-text answer's group key is its text, nearly always new: the worker's group
    memo keeps none of them (it held 16 MB for a worker's 5,000 sheets), and the keys are
    those `fingerprint` gives."""
    from examgrade.classroom import groups, review
    from examgrade.engine import grade_sheet
    from examgrade.report import build_report
    from examgrade.sheet import parse_sheet

    targets = review.sheet_targets(rubrics)
    memo: dict = {}
    for n, text in enumerate(["Both adapt the rate per parameter.", "RMSprop forgets"]):
        sheet = parse_sheet(
            f"student:\n  id: s{n}\nq1:\n  a: 25x25\nq3:\n  a: '{text}'\n", f"s{n}.yaml"
        )
        stands = review.report_stands(build_report(grade_sheet(sheet, rubrics)))
        keys = review.sheet_group_keys(sheet, targets, stands, memo)
        assert keys == review.sheet_group_keys(sheet, targets, stands, {})
        fresh = review.sheet_group_keys(sheet, review.group_targets(rubrics), stands, {})
        assert keys == fresh
        assert text in keys["q3.a"][1]
    text_items = {
        (target.label, item.field)
        for target in targets
        for item in groups.target_items(target)
        if groups.read_as_text(item)
    }
    assert any(label == "q3.a" for label, _ in text_items)
    assert memo  # the formula answers are remembered
    assert not [key for key in memo if (key[0], key[1]) in text_items]
