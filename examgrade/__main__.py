"""`python -m examgrade` runs the CLI, as the console script does."""

from examgrade.launch import main

main()
