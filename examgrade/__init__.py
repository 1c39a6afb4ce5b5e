"""examgrade: grade the answer sheets of an exam pack, with computed reference answers.

The public API is small on purpose; the CLI (`examgrade.cli`) is a thin layer over it.
The version lives here (pyproject reads it), so startup does not pay for
importlib.metadata.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
