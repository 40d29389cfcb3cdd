"""A package whose __init__ imports its submodules relatively."""
from .. import events
from . import leaf
from .sub import deep

events.append("pkg")
name_seen = __name__
package_seen = __package__
