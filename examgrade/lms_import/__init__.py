"""Answers in from where students type them: LMS quiz and form exports become answer sheets.

`import_responses` reads a Moodle "Responses" report, a Canvas "Student Analysis" report
or a form export (Google Forms, Microsoft Forms, LimeSurvey) with a map, and writes one
sheet per student that `check` and `grade` read exactly as if typed; `init_map` proposes
a map from the file's header.
"""

from examgrade.lms_import.initmap import init_map
from examgrade.lms_import.run import ImportResult, Problem, import_responses
from examgrade.lms_import.summary import note_lines, problem_lines, summary, write_errors
from examgrade.lms_import.table import ImportFault

__all__ = [
    "ImportFault",
    "ImportResult",
    "Problem",
    "import_responses",
    "init_map",
    "note_lines",
    "problem_lines",
    "summary",
    "write_errors",
]
