"""`feedback.zip`: one HTML feedback page per student sent, named so the LMS takes it.

- With a Moodle grading worksheet as the roster (Assignment → View all submissions →
  Download grading worksheet), each page is `<Full name>_<participant>_assignfeedback_file_/
  feedback.html`: the naming Moodle's "Upload multiple feedback files in a zip" reads
  (`assignfeedback_file_zip_importer::is_valid_filename_for_import` splits a folder name
  on `_` into full name, participant number, plugin type and name), so the name's own
  underscores are replaced.
- Otherwise (Canvas has no bulk upload of feedback files for a grade that was not an
  online submission, and a Moodle participants list has no participant numbers), each
  page is `<roster id>_<name>.html`, to send by hand or by mail merge.

Entries carry a fixed date, so an unchanged class gives the same bytes and the file is
not rewritten.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from examgrade.classroom.feedback import build_page, page_html
from examgrade.classroom.roster import Entry
from examgrade.report import Report
from examgrade.rubric import RubricSet

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _safe(text: str, limit: int = 80) -> str:
    cleaned = " ".join(_UNSAFE.sub(" ", text).split()).strip(" .")
    return cleaned[:limit] or "student"


def entry_name(entry: Entry, moodle_worksheet: bool) -> str:
    if moodle_worksheet and entry.ids.get("participant"):
        name = _safe(entry.name).replace("_", "-")
        return f"{name}_{entry.ids['participant']}_assignfeedback_file_/feedback.html"
    return f"{_safe(entry.key)}_{_safe(entry.name)}.html"


def feedback_zip(
    sent: Sequence[tuple[Entry, Report]], rubrics: RubricSet, level: str, moodle_worksheet: bool
) -> bytes:
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, report in sent:
            name = entry_name(entry, moodle_worksheet)
            if name in seen:  # two roster rows with one name and id: keep both
                name = f"{entry.line}_{name}"
            seen.add(name)
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, page_html(build_page(report, rubrics, level)))
    return buffer.getvalue()
