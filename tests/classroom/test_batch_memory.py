"""What keeps a class's memory bounded (issue 17): the batch's process holds one object
per distinct question report across the class, not one per student, and every report
still reads and writes as its own."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.report import read_report, report_json
from tests.conftest import ANSWERS


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    """Three students, two of whom answered alike (one question changed for the third)."""
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    text = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    for number in ("1", "2"):
        (sheets / f"s{number}.yaml").write_text(
            text.replace('id: "20230001"', f'id: "9{number}"'), encoding="utf-8"
        )
    (sheets / "s3.yaml").write_text(
        text.replace('id: "20230001"', 'id: "93"').replace("a: 256x256", "a: 12x12"),
        encoding="utf-8",
    )
    return sheets


def _shared(reports: list) -> None:
    first, second, third = reports
    assert [r.student.id for r in reports] == ["91", "92", "93"]
    for key in first.questions:  # the same answers: the same objects
        assert second.questions[key] is first.questions[key]
    assert third.questions["q1"] is not first.questions["q1"]  # another answer: its own
    assert third.questions["q1"] != first.questions["q1"]
    assert third.questions["q2"] is first.questions["q2"]
    for report in reports:  # each still its own report, byte for byte
        assert report_json(read_report(report_json(report))) == report_json(report)


def test_students_who_answered_alike_share_their_question_reports(
    twins: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = grade_class(BatchOptions(twins, out, workers=1, plots=False))
    _shared(result.reports)
    for report in result.reports:
        written = (out / f"{report.student.id}.json").read_text(encoding="utf-8")
        assert written == report_json(report)


def test_reports_read_from_the_cache_share_them_too(twins: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    grade_class(BatchOptions(twins, out, workers=1, plots=False))
    extra = twins / "s4.yaml"  # a new sheet: not a replay, the three come from the cache
    extra.write_text((twins / "s3.yaml").read_text().replace('"93"', '"94"'), encoding="utf-8")
    result = grade_class(BatchOptions(twins, out, workers=1, plots=False))
    assert result.cached == 3
    _shared(result.reports[:3])
    assert result.reports[3].questions["q1"] is result.reports[2].questions["q1"]


def test_the_review_index_keeps_one_row_per_part_object(twins: Path, tmp_path: Path) -> None:
    """`review_index` is kept to the end of a run: ~7 KB a student (70 MB for 10,000)
    when each student had rows of their own; the parts they share have one row."""
    import orjson

    from examgrade.classroom.review import _index_row, review_index

    result = grade_class(BatchOptions(twins, tmp_path / "out", workers=1, plots=False))
    first = result.reports[0]
    index = review_index(result.reports)
    one, two, three = (index[str(r.student.id)][2] for r in result.reports)
    assert one.keys() == two.keys() == three.keys()
    for label, part in first.parts().items():
        assert two[label] is one[label]  # the same part object: one row
        assert one[label] == _index_row(part, bool(part.review or label in first.review))
    assert three["q1.a"] is not one["q1.a"] and three["q1.a"] != one["q1.a"]
    assert three["q2.a"] is one["q2.a"]
    reread = orjson.loads(orjson.dumps(index))  # the index as the store keeps it: alike
    assert reread == index


def test_group_keys_and_sheet_bytes_are_let_go_while_the_workers_grade(
    twins: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While workers grade, the batch's process holds neither the graded sheets' bytes
    nor their answer group keys (~12 KB a sheet of distinct free text): a class of
    10,000 peaked at the end of the grading, all processes together. The keys are read
    once the pool is done, and the groups are those of keys read at once."""
    from examgrade.classroom import batch

    during: list[int] = []
    state = {"pool": False}
    real_pool, real_parse = batch.run_pool, batch._parse_groups

    def pool(jobs, *args, **kwargs):  # type: ignore[no-untyped-def]
        state["pool"] = True
        for number, answer in real_pool(jobs, *args, **kwargs):
            yield number, answer
            during.append(sum(job is not None for job in jobs))  # the loop has run once
        state["pool"] = False

    def parse(data, shared):  # type: ignore[no-untyped-def]
        assert not state["pool"], "group keys parsed while the workers grade"
        return real_parse(data, shared)

    monkeypatch.setattr(batch, "run_pool", pool)
    monkeypatch.setattr(batch, "_parse_groups", parse)
    spilled = grade_class(BatchOptions(twins, tmp_path / "out", workers=1, plots=False))
    assert during == [2, 1, 0]  # each graded sheet's job (its bytes) let go at once
    monkeypatch.setattr(batch.GroupSpill, "put", lambda self, index, data: False)
    monkeypatch.setattr(batch, "_parse_groups", real_parse)
    direct = grade_class(BatchOptions(twins, tmp_path / "direct", workers=1, plots=False))
    assert spilled.groups and spilled.groups == direct.groups


def test_a_spill_that_cannot_be_read_back_leaves_no_keys(tmp_path: Path) -> None:
    """Nothing raised: a sheet whose keys are lost has none (as a worker's unreadable)."""
    from examgrade.classroom.batch import GroupSpill

    spill = GroupSpill(tmp_path)
    assert spill.put(4, b'{"q3.a": ["k", "text"]}') and spill.put(7, b"{}")
    parsed: dict = {}
    spill.read_into(parsed, {})
    assert parsed == {4: {"q3.a": ("k", "text")}, 7: {}}
    missing = GroupSpill(tmp_path / "absent")  # its folder is gone: nothing kept there
    assert not missing.put(1, b"{}")


class _Conn:
    """A pipe's end that gives these messages and notes each read."""

    def __init__(self, messages: list, events: list[str]) -> None:
        self.messages, self.events = messages, events

    def recv(self) -> object:
        self.events.append("recv")
        return self.messages.pop(0)


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        (["prepare", None], ["recv", "import", "recv"]),  # told, then nothing to draw
        ([None], ["recv"]),  # a replay's drawer: matplotlib never imported
        (["prepare", {"x": 1}], ["recv", "import", "recv", "import", "draw"]),
        ([{"x": 1}], ["recv", "import", "draw"]),  # never told: imported to draw
    ],
)
def test_the_plot_drawer_imports_matplotlib_only_once_the_grading_is_done(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, messages: list, expected: list[str]
) -> None:
    """The drawing process waits to be told the grading is done (`prepare`) before it
    imports matplotlib (~45 MB, beside the workers at the class's peak of memory)."""
    from examgrade.classroom import drawing, plots

    events: list[str] = []
    monkeypatch.setattr(drawing, "child_defaults", lambda: None)
    monkeypatch.setattr(drawing, "_import_matplotlib", lambda: events.append("import"))
    monkeypatch.setattr(plots, "write_plots", lambda *args: events.append("draw"))
    with pytest.raises(SystemExit) if "draw" not in expected else _no_exit():
        drawing._draw_child(_Conn(messages, events), tmp_path, "en")  # type: ignore[arg-type]
    assert events == expected


@contextlib.contextmanager
def _no_exit() -> Iterator[None]:
    yield
