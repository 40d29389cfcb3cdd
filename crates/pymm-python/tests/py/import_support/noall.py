"""A module without __all__: `import *` takes every name not starting with `_`."""
alpha = 1
beta = 2
_gamma = 3
