# pymm's hashlib module, written in Python after CPython's Lib/hashlib.py: md5, sha1,
# sha224, sha256, sha384 and sha512 (computed by the native _hashlib), new(), and HASH
# objects with update, digest, hexdigest, copy, name, digest_size and block_size.

import _hashlib

__all__ = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "new",
           "algorithms_guaranteed", "algorithms_available")

algorithms_guaranteed = frozenset(_hashlib.algorithms)
algorithms_available = frozenset(_hashlib.algorithms)


class HASH:
    """A digest in progress (CPython's _hashlib.HASH)."""

    __slots__ = ("_handle", "name", "__weakref__")

    def __init__(self, name, handle):
        self.name = name
        self._handle = handle

    def __del__(self):
        _hashlib.release(self._handle)

    @property
    def digest_size(self):
        return len(self.digest())

    @property
    def block_size(self):
        return _hashlib.block_size(self.name)

    def update(self, obj, /):
        """Update this hash object's state with the provided bytes."""
        _hashlib.update(self._handle, obj)

    def digest(self):
        """Return the digest value as a bytes object."""
        return _hashlib.digest(self._handle)

    def hexdigest(self):
        """Return the digest value as a string of hexadecimal digits."""
        return _hashlib.digest(self._handle).hex()

    def copy(self):
        """Return a copy of the hash object."""
        return HASH(self.name, _hashlib.copy(self._handle))

    def __repr__(self):
        return f"<{self.name} _hashlib.HASH object @ {hex(id(self))}>"


HASH.__module__ = "_hashlib"


def new(name, data=b"", **kwargs):
    """new(name, data=b'') - Return a new hashing object using the named algorithm;
    optionally initialized with data (which must be a bytes-like object)."""
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    return _new(name.lower(), data, **kwargs)


def _new(name, data=b"", *, usedforsecurity=True, string=None):
    if string is not None:
        data = string
    hashed = HASH(name, _hashlib.new(name))
    hashed.update(data)
    return hashed


def _constructor(name):
    def constructor(string=b"", *, usedforsecurity=True):
        return _new(name, string)

    constructor.__name__ = constructor.__qualname__ = "openssl_" + name
    return constructor


md5 = _constructor("md5")
sha1 = _constructor("sha1")
sha224 = _constructor("sha224")
sha256 = _constructor("sha256")
sha384 = _constructor("sha384")
sha512 = _constructor("sha512")
