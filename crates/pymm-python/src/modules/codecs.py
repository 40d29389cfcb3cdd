# pymm's codecs module: the functions of _codecs (as CPython's codecs re-exports its C
# _codecs module, so that they pickle as _codecs.encode, ...).

from _codecs import *
from _codecs import __all__
