"""Grading a class: a folder of sheets graded in parallel into a folder of results.

`batch.grade_class` is the entry point (`examgrade grade`); the worker grades and renders
one sheet, the output module writes every file atomically, the cache skips unchanged
sheets, and the rest are the day's other tools: statistics, answer groups, overrides,
regrade changes, gradebook exports, plots.
"""
