# The Python half of pymm's sys module: the struct sequences and namespaces (the native half
# provides the functions and sets `_pymm_version` before this runs).


class _StructSeq(tuple):
    """A tuple whose items are also named fields, as CPython's struct sequences."""

    _fields = ()
    _name = ""

    def __new__(cls, values):
        values = tuple(values)
        if len(values) != len(cls._fields):
            raise TypeError("%s() takes a %d-sequence (%d-sequence given)"
                            % (cls._name, len(cls._fields), len(values)))
        return tuple.__new__(cls, values)

    def __getattr__(self, name):
        fields = type(self)._fields
        if name in fields:
            return self[fields.index(name)]
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self)._name, name))

    def __repr__(self):
        return "%s(%s)" % (type(self)._name, ", ".join(
            "%s=%r" % (field, value) for field, value in zip(type(self)._fields, self)))

    def __reduce__(self):
        return (type(self), (tuple(self),))


class version_info(_StructSeq):
    _fields = ("major", "minor", "micro", "releaselevel", "serial")
    _name = "sys.version_info"


class _Namespace:
    """What types.SimpleNamespace makes: attributes given as keywords, shown in order."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        return "namespace(%s)" % ", ".join(
            "%s=%r" % (key, value) for key, value in self.__dict__.items())

    def __eq__(self, other):
        if not isinstance(other, _Namespace):
            return NotImplemented
        return self.__dict__ == other.__dict__


_RELEASE_LEVELS = {"alpha": 0xA, "beta": 0xB, "candidate": 0xC, "final": 0xF}


def _hexversion(version):
    return (version[0] << 24 | version[1] << 16 | version[2] << 8
            | _RELEASE_LEVELS[version[3]] << 4 | version[4])


# The language version pymm follows, and pymm's own version (PEP 421: the implementation's
# name, its version, and no cache tag, since pymm writes no bytecode caches).
version_info = version_info((3, 11, 0, "final", 0))
hexversion = _hexversion(version_info)
implementation = _Namespace(
    name="pymm",
    cache_tag=None,
    version=type(version_info)(_pymm_version),
    hexversion=_hexversion(_pymm_version),
)
del _pymm_version, _hexversion, _RELEASE_LEVELS


_audit_hooks = []


def addaudithook(hook):
    """Adds hook(event, args) to the hooks that audit() calls."""
    _audit_hooks.append(hook)


def audit(event, *args):
    """Calls every audit hook with the event name and its arguments (pymm raises no
    events of its own: only the program's and its modules' calls reach the hooks)."""
    if not isinstance(event, str):
        raise TypeError(f"expected str for argument 'event', not {type(event).__name__}")
    for hook in _audit_hooks:
        hook(event, args)


class hash_info(_StructSeq):
    _fields = ("width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits",
               "seed_bits", "cutoff")
    _name = "sys.hash_info"


# the parameters of pymm's numeric hash, which is CPython's (modulus 2**61 - 1); str hashing
# is pymm's own, described as CPython describes siphash13
hash_info = hash_info((64, (1 << 61) - 1, 314159, 0, 1000003, "siphash13", 64, 128, 0))


class float_info(_StructSeq):
    _fields = ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig",
               "mant_dig", "epsilon", "radix", "rounds")
    _name = "sys.float_info"


# pymm's floats are IEEE 754 binary64, as CPython's on every platform it runs on; their repr
# is the shortest that round-trips ('short', CPython's style wherever doubles are IEEE)
float_info = float_info((1.7976931348623157e308, 1024, 308, 2.2250738585072014e-308, -1021,
                         -307, 15, 53, 2.220446049250313e-16, 2, 1))
float_repr_style = "short"


class flags(_StructSeq):
    _fields = ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
               "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
               "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
               "warn_default_encoding", "safe_path", "int_max_str_digits")
    _name = "sys.flags"


# pymm takes no command-line options of CPython's: the flags are the defaults, except that it
# writes no bytecode caches and does not randomize str hashes; int_max_str_digits is -1 as
# in CPython without -X int_max_str_digits (the limit is sys.int_info's default)
flags = flags((0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, False, 0, 0, False, -1))


class int_info(_StructSeq):
    _fields = ("bits_per_digit", "sizeof_digit", "default_max_str_digits",
               "str_digits_check_threshold")
    _name = "sys.int_info"


# the int/str conversion digit limit's default and lowest settable value come from the
# native half; the digit fields are CPython's 64-bit build's, which pymm's ints follow
int_info = int_info(_pymm_int_info)
del _pymm_int_info
