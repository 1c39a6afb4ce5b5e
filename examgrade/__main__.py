"""`python -m examgrade` runs the CLI."""

from examgrade.cli import main

main()
