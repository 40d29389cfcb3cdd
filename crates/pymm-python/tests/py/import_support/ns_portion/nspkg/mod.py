"""A module of a namespace package (a directory without __init__.py)."""
where = "namespace package"
