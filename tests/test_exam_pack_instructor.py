"""An instructor writes a new pack from the README alone: each rubric mistake they make is
refused with its file, line, what is wrong and the fix (a second exam, on attention)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.rubric import load_rubrics

runner = CliRunner()

EXAM = """\
id: attention
title: {en: 'Attention', fr: 'Attention'}
languages: [en, fr]
total: 5
questions:
  - {key: q1, points: 5, parts: [a]}
"""

SCALE = """\
question: q1
points: 5
title: {en: 'Scaling', fr: 'Mise à l échelle'}
text: {en: 'Why divide by sqrt(d_k)?', fr: 'Pourquoi diviser par sqrt(d_k) ?'}
parts:
  a:
    title: {en: 'Explain', fr: 'Expliquez'}
    points: 5
    check: concepts
    options:
      form: text
      ideas:
        - id: variance-grows
          points: 3
          statement: {en: 'Var(q.k) grows with d_k.', fr: 'Var(q.k) croît avec d_k.'}
          model: {en: 'q.k has variance d_k.', fr: 'q.k a une variance d_k.'}
          patterns: ['variance grow*|larg*', 'variance croi*|grand*']
        - id: saturates
          points: 2
          statement: {en: 'The softmax saturates.', fr: 'Le softmax sature.'}
          model: {en: 'Large logits saturate the softmax.', fr: 'Le softmax sature.'}
          patterns: ['softmax saturat*', 'softmax satur*']
      contradictions:
        - id: sums-to-one
          points: 2
          negates: [variance-grows]
          statement: {en: 'It makes the weights sum to one.', fr: 'Les poids somment à un.'}
          patterns: ['sum+to+one']
"""


@pytest.fixture(autouse=True)
def _no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    load_rubrics.cache_clear()


def _pack(tmp_path: Path, rubric: str = SCALE) -> Path:
    pack = tmp_path / "attention"
    (pack / "rubrics").mkdir(parents=True)
    (pack / "exam.yaml").write_text(EXAM)
    (pack / "rubrics" / "q1.yaml").write_text(rubric)
    return pack


def test_the_pack_as_written_is_valid(tmp_path: Path) -> None:
    shown = runner.invoke(app, ["exam", "validate", str(_pack(tmp_path))])
    assert shown.exit_code == 0, shown.output


def test_feedback_on_a_contradiction_is_refused_with_the_keys_it_takes(tmp_path: Path) -> None:
    """A contradiction's feedback is its statement and the student's sentence: an instructor
    who writes `feedback:` under it is told which keys a contradiction takes."""
    rubric = SCALE + "          feedback: {en: 'The softmax already sums to one.', fr: 'x'}\n"
    shown = runner.invoke(app, ["exam", "validate", str(_pack(tmp_path, rubric))])
    assert shown.exit_code == 2
    assert "q1.yaml" in shown.output and "feedback" in shown.output
    assert "negates" in shown.output and "statement" in shown.output
