from ... import events
from ..leaf import value
from ...plain import helper

events.append("pkg.sub.deep")
doubled = helper(value)
