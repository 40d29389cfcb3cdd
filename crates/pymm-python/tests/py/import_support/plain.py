"""A plain module: public and private names, __all__, a function that raises."""
from . import events

events.append("plain")
__all__ = ["public", "helper"]
public = "public value"
also_public = "not in __all__"
_private = "private"


def helper(x):
    return x * 2


def fail():
    return {}["missing"]
