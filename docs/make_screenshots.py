"""Redraw the screenshots of `examgrade review` under docs/ (run it when a screen changes).

    python docs/make_screenshots.py

Grades a small class (the two sample sheets and synthetic ones) in a temporary folder,
drives the application headless at 80×24 in English and French, saves each screen as
SVG (Textual) and converts it to PNG with cairosvg when it can be imported (from
this environment, or a python given as CAIRO_PYTHON).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "benchmarks"))


async def shoot(out: Path, lang: str) -> list[Path]:
    from examgrade.classroom.review import Filters, open_queue
    from examgrade.review_app import ReviewApp
    from examgrade.rubric import load_rubrics

    queue = open_queue(out, load_rubrics(None), "marie")
    app = ReviewApp(queue, lang)  # type: ignore[arg-type]
    saved = []

    def save(name: str) -> None:
        path = DOCS / f"review-{name}-{lang}.svg"
        app.save_screenshot(str(path))
        saved.append(path)

    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        app.filters = Filters(student="20230002")
        app.refresh_view()
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()  # how examgrade read the math, in a thread
        await pilot.pause()
        save("main")
        app.filters = Filters(part="q1.b", status="group")
        app.refresh_view()
        await pilot.pause()
        save("group")
        await pilot.press("p")
        await pilot.pause()
        save("points")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        save("help")
        await pilot.press("escape")
        app.filters = Filters()
        app.refresh_view()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("end", *["backspace"] * 4, "4", "enter", *"Both gaps named", "enter")
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        save("changes")
    return saved


def main() -> None:
    from synth_class import write_class

    from examgrade.classroom.batch import BatchOptions, grade_class

    base = Path(tempfile.mkdtemp(prefix="review-shots-"))
    try:
        sheets = base / "sheets"
        write_class(sheets, 12, seed=3)
        shutil.copy(ROOT / "answers" / "ada-en.yaml", sheets / "ada-en.yaml")
        # Benoît's q6.b said at more length, its grade unchanged: a wrong answer whose
        # many words earn nothing, which the grader sends to a person (the main screen)
        benoit = (ROOT / "answers" / "benoit-fr.yaml").read_text(encoding="utf-8")
        said = "meilleur qu'un encodeur amorti."
        longer = (
            said + " L'encodeur partage ses poids entre tous les\n      exemples et ne peut"
            " jamais faire aussi bien, même avec un flot plus riche :\n      c'est une"
            " approximation de plus, pas un avantage."
        )
        (sheets / "benoit-fr.yaml").write_text(benoit.replace(said + "\n", longer + "\n", 1))
        out = base / "graded"
        grade_class(BatchOptions(sheets, out, workers=1, plots=False))
        os.environ.setdefault("EXAMGRADE_GRADER", "marie")
        saved = []
        for lang in ("en", "fr"):  # each language on a fresh copy of the graded folder
            shutil.copytree(out, base / lang)
            saved += asyncio.run(shoot(base / lang, lang))
        python = os.environ.get("CAIRO_PYTHON", sys.executable)
        code = (
            "import cairosvg, sys\n"
            "for p in sys.argv[1:]:\n"
            "    cairosvg.svg2png(url=p, write_to=p[:-4] + '.png')\n"
        )
        done = subprocess.run([python, "-c", code, *map(str, saved)], check=False)
        if done.returncode == 0:  # the PNGs are what the README shows
            for path in saved:
                path.unlink()
        print(
            "wrote",
            ", ".join(
                p.with_suffix(".png" if done.returncode == 0 else ".svg").name for p in saved
            ),
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
