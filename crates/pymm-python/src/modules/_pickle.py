"""The accelerated pickle classes, as CPython's C `_pickle` (Modules/_pickle.c) offers them.

`pickle.py` ends with `from _pickle import ...` and falls back to its pure-Python classes
when that fails (`sys.modules['_pickle'] = None` forces them, as pyperformance's
--pure-python does). The encoding and decoding of a whole pickle run in Rust
(`_pickle_codec`): every opcode of the built-in types (None, bool, int, float, str, bytes,
tuple, list, dict, set, frozenset, the memo, framing) is written and read there. What
CPython's C pickler hands to Python code (reduce values through `reducer_override`,
`dispatch_table`, `copyreg` and `__reduce_ex__`; `save_global`'s module lookup; the rarer
opcodes such as BUILD, INST, EXT and out-of-band buffers) runs through the pure-Python
classes' own methods, sharing the codec's output, memo and stack, so that both write the
same bytes as CPython.
"""

import io as _io
import sys as _sys

import pickle as _pk
import _pickle_codec as _codec



class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


__all__ = ["PickleError", "PicklingError", "UnpicklingError", "Pickler",
           "Unpickler", "dump", "dumps", "load", "loads"]


class _NoFramer:
    """The framer of a Pickler whose frames the codec keeps."""
    current_frame = None

    def commit_frame(self, force=False):
        pass


def _own_persistent_id(pickler):
    """The persistent_id a Pickler defines (C calls it only when there is one)."""
    method = getattr(pickler, "persistent_id", None)
    if method is None:
        return None
    if getattr(method, "__func__", None) is _pk._Pickler.persistent_id:
        return None
    return method


class Pickler(_pk._Pickler):
    """Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)"""

    def __init__(self, file, protocol=None, fix_imports=True, buffer_callback=None):
        _pk._Pickler.__init__(self, file, protocol, fix_imports=fix_imports,
                              buffer_callback=buffer_callback)
        self._reset_output()

    def _reset_output(self):
        self._out = bytearray()
        self._framing = False
        self._frame_start = -1
        self.framer = _NoFramer()
        self.write = self._write

    def _write(self, data):
        return _codec.write(self, data)

    def dump(self, obj):
        """Write a pickled representation of obj to the open file."""
        if not hasattr(self, "_file_write"):
            raise PicklingError("Pickler.__init__() was not called by "
                                "%s.__init__()" % (self.__class__.__name__,))
        if "_out" not in self.__dict__:
            self._reset_output()
        self._pid = _own_persistent_id(self)
        try:
            _codec.dump(self, obj, _HOOKS)
            data = bytes(self._out)
        finally:
            self._out = bytearray()
            self._framing = False
            self._frame_start = -1
        self._file_write(data)

    def save(self, obj, save_persistent_id=True):
        _codec.save(self, obj, save_persistent_id, _HOOKS)

    def _save_other(self, obj):
        """What the codec leaves to Python: everything but the built-in types."""
        if obj is Ellipsis or obj is NotImplemented:
            # what their __reduce__ gives in CPython: their names in builtins
            return self.save_global(obj, "Ellipsis" if obj is Ellipsis else "NotImplemented")
        _pk._Pickler.save(self, obj, save_persistent_id=False)


    def save_global(self, obj, name=None):
        """`save_global` with the checks and messages of CPython's C pickler."""
        if name is None:
            name = getattr(obj, "__qualname__", None)
            if name is None:
                name = obj.__name__
        if "<locals>" in name.split("."):
            raise AttributeError("Can't pickle local object %r" % (name,))
        module_name = _pk.whichmodule(obj, name)
        try:
            __import__(module_name, level=0)
            module = _sys.modules[module_name]
        except Exception:
            raise PicklingError("Can't pickle %r: import of module %r failed"
                                % (obj, module_name)) from None
        try:
            found = _pk._getattribute(module, name)[0]
        except AttributeError:
            raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                                % (obj, name, module_name)) from None
        if found is not obj:
            raise PicklingError("Can't pickle %r: it's not the same object as %s.%s"
                                % (obj, module_name, name))
        _pk._Pickler.save_global(self, obj, name)

    dispatch = dict(_pk._Pickler.dispatch)
    dispatch[_pk.FunctionType] = save_global


class _Sink:
    """The file of the Pickler that `dumps` makes only when Python code must take part."""

    def write(self, data):
        raise AssertionError("dumps writes through its codec")


def _pickler_for(out, memo, protocol, fix_imports, buffer_callback, framing, frame_start):
    """The Pickler the codec of `dumps` hands Python's part of the work to: its output,
    memo and frame are the codec's."""
    p = Pickler(_Sink(), protocol, fix_imports, buffer_callback)
    p._out = out
    p.memo = memo
    p._framing = framing
    p._frame_start = frame_start
    p._pid = None
    return p


class _Reader:
    """The file a delegated opcode reads from: the codec's data, at its position."""

    def __init__(self, data, pos):
        self.data = data
        self.pos = pos

    def read(self, n=-1):
        start = self.pos
        end = len(self.data) if n < 0 else start + n
        if end > len(self.data):
            raise UnpicklingError("pickle data was truncated")
        self.pos = end
        return bytes(self.data[start:end])

    def readinto(self, buf):
        data = self.read(len(buf))
        buf[:len(data)] = data
        return len(data)

    def readline(self):
        # as CPython's C unpickler: a line the data ends before is truncated data
        start = self.pos
        end = self.data.find(b"\n", start)
        if end < 0:
            raise UnpicklingError("pickle data was truncated")
        self.pos = end + 1
        return bytes(self.data[start:end + 1])

    def peek(self, n=1):
        return bytes(self.data[self.pos:self.pos + n])


class Unpickler(_pk._Unpickler):
    """Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())"""

    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict",
                 buffers=None):
        _pk._Unpickler.__init__(self, file, fix_imports=fix_imports, encoding=encoding,
                                errors=errors, buffers=buffers)
        self._stream = file

    def load(self):
        """Read a pickled object representation from the open file."""
        if not hasattr(self, "_file_read"):
            raise UnpicklingError("Unpickler.__init__() was not called by "
                                  "%s.__init__()" % (self.__class__.__name__,))
        stream = self.__dict__.get("_stream")
        if type(stream) is not _io.BytesIO:
            # a stream of unknown length: read opcode by opcode, as the Python class does
            return _pk._Unpickler.load(self)
        value, end = _codec.load(self, stream.getvalue(), stream.tell(), _HOOKS)
        stream.seek(end)
        return value

    def _run_opcode(self, key, reader):
        """Runs one opcode the codec leaves to Python, reading from `reader`."""
        self.read = reader.read
        self.readinto = reader.readinto
        self.readline = reader.readline
        self.append = self.stack.append
        self.dispatch[key](self)


def _unpickler_for(reader, fix_imports, encoding, errors, buffers, memo):
    u = Unpickler(reader, fix_imports=fix_imports, encoding=encoding, errors=errors,
                  buffers=buffers)
    u.memo = memo
    return u


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    Pickler(file, protocol, fix_imports=fix_imports,
            buffer_callback=buffer_callback).dump(obj)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    return _codec.dumps(obj, protocol, fix_imports, buffer_callback, _HOOKS)


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    return Unpickler(file, fix_imports=fix_imports, encoding=encoding, errors=errors,
                     buffers=buffers).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    if type(data) is not bytes:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(data).__name__)
        data = bytes(data)
    return _codec.loads(data, fix_imports, encoding, errors, buffers, _HOOKS)


def _find_class(proto, fix_imports, module, name):
    """`Unpickler.find_class` for `loads`, which makes no Unpickler unless it must."""
    if proto < 3 and fix_imports:
        if (module, name) in _pk._compat_pickle.NAME_MAPPING:
            module, name = _pk._compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _pk._compat_pickle.IMPORT_MAPPING:
            module = _pk._compat_pickle.IMPORT_MAPPING[module]
    __import__(module, level=0)
    if proto >= 4:
        return _pk._getattribute(_sys.modules[module], name)[0]
    return getattr(_sys.modules[module], name)


# What the codec calls back, by position (see modules/pickle_/mod.rs, `Hook`).
_HOOKS = (_pickler_for, _unpickler_for, _Reader, _find_class, PicklingError,
          UnpicklingError)
