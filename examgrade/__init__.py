"""examgrade: grade IFT6135 final-exam answer sheets, with computed reference answers.

The public API is small on purpose; the CLI (`examgrade.cli`) is a thin layer over it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("examgrade")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+local"

__all__ = ["__version__"]
