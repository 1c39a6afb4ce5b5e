"""The stemmer snowballstemmer picks (PyStemmer's C code when installed, pure Python
otherwise) gives the stems the free-text grading was tuned with: a student's text gets
the same credit whichever one is installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from snowballstemmer import english_stemmer, french_stemmer

from examgrade.text.normalize import fold
from examgrade.text.stem import stems

ROOT = Path(__file__).resolve().parents[2]


def _words() -> list[str]:
    """Every word of the rubrics and of the sample sheets, folded as grading folds them."""
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [*ROOT.glob("rubrics/*.yaml"), *ROOT.glob("answers/*.yaml")]
    )
    words = set(re.findall(r"[^\W\d_]+", fold(text)))
    return sorted(w for w in words if len(w) > 3 and w.isalpha())


def test_the_rubrics_have_words_to_compare() -> None:
    assert len(_words()) > 500


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_installed_stemmer_agrees_with_the_reference_algorithm(lang: str) -> None:
    reference = english_stemmer.EnglishStemmer() if lang == "en" else french_stemmer.FrenchStemmer()
    column = 0 if lang == "en" else 1
    differ = [
        (w, stems(w)[column], reference.stemWord(w))
        for w in _words()
        if stems(w)[column] != reference.stemWord(w)
    ]
    assert differ == []
