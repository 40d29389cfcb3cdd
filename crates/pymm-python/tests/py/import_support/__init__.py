"""Modules and packages imported by the tests/py/import_*.py scripts (not scripts themselves:
the differential suite runs only the files directly in tests/py)."""

events = []
