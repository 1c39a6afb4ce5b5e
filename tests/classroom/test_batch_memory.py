"""What keeps a class's memory bounded (issue 17): the batch's process holds one object
per distinct question report across the class, not one per student, and every report
still reads and writes as its own."""

from __future__ import annotations

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
