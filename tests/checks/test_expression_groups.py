"""`examgrade groups` on an expression part: answers grouped by equivalence, not by
spelling, and no group mixes answers that grade differently."""

from __future__ import annotations

from examgrade.classroom.groups import answer_groups, parse_target

ANSWERS = {  # answer -> the size of its group
    "W^t": 3,  # correct, three spellings
    "W^{t}": 3,
    "prod_{k=1}^{t} W": 3,
    "(W^T)^t": 2,  # the transposed-layout mistake, two spellings
    "(W^t)^T": 2,
    "2 W^t": 2,  # wrong, no known mistake: grouped by value
    "W^t + W^t": 2,
    "W^t +* h_0": 1,  # unreadable: its own group, by text
}


def test_q2b_answers_grouped_by_equivalence(rubrics, tmp_path):
    paths = []
    for n, text in enumerate(ANSWERS):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(f"student:\n  id: '{n}'\nq2:\n  b: '{text}'\n", encoding="utf-8")
        paths.append(path)
    result = answer_groups(paths, parse_target("q2.b", rubrics), rubrics)
    sizes = sorted((g.count for g in result.groups), reverse=True)
    assert sizes == [3, 2, 2, 1]
    assert not any(g.mixed for g in result.groups)
    by_spelling = {s: g for g in result.groups for s in g.spellings}
    assert {s: by_spelling[s].count for s in ANSWERS} == ANSWERS
    assert by_spelling["W^t"].verdict[0] == "correct"
    assert by_spelling["(W^t)^T"].verdict[3] == "transposed-layout"
    assert by_spelling["2 W^t"] is by_spelling["W^t + W^t"]
