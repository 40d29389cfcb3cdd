# pymm's io module, written in Python over _os (as CPython's _pyio): StringIO and BytesIO in
# memory, and open(): a file read and written through its descriptor, in binary mode as
# bytes, in text mode as str (UTF-8 by default, universal newlines on reading).

import _iobuf
import _os

__all__ = ["StringIO", "BytesIO", "open", "IOBase", "RawIOBase", "BufferedIOBase", "TextIOBase",
           "TextIOWrapper", "FileIO", "BufferedReader", "BufferedWriter", "BufferedRandom",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END", "DEFAULT_BUFFER_SIZE"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


class IOBase:
    """What every stream has: closing, context management, line iteration."""

    closed = False

    def _check_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self.closed = True

    def flush(self):
        self._check_closed()

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        return False

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class RawIOBase(IOBase):
    """A binary stream without a buffer (FileIO)."""


class BufferedIOBase(IOBase):
    """A binary stream with a buffer (BytesIO, the binary files of open())."""

    def detach(self):
        raise UnsupportedOperation("detach")


class TextIOBase(IOBase):
    """A text stream (StringIO, the text files of open())."""


class _Memory(IOBase):
    """A stream in memory with a position: seeking and the capabilities StringIO and BytesIO
    share; each keeps its contents its own way and says how long they are (`_size`)."""

    def _truncate_size(self, size):
        """The length `truncate(size)` cuts to: the position when None, never negative."""
        self._check_closed()
        size = self._pos if size is None else size
        if size < 0:
            raise ValueError(f"negative size value {size}")
        return size

    def seek(self, pos, whence=0):
        self._check_closed()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._size() + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True


# StringIO.newlines for each set of the flags 1 "\n", 2 "\r", 4 "\r\n"
_NEWLINES = (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"), ("\r", "\r\n"),
             ("\r", "\n", "\r\n"))


class StringIO(_Memory, TextIOBase):
    """An in-memory text stream. Writes at the end (the usual way to build a text) go to a
    list of pieces joined once when the text is next read, as CPython's StringIO
    accumulates them, so n writes cost O(n), not O(n^2). `write` and the joining are
    `_iobuf`'s (no Python frame per write); `newline` as CPython's: None turns written
    `\r\n` and `\r` into `\n`, "\r" and "\r\n" turn `\n` into themselves, and readline ends
    lines at that newline ("" at any of the three)."""

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"newline must be str or None, not {type(newline).__name__}")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError(f"illegal newline value: {newline!r}")
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(
                f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._newline = newline
        self._seen = 0
        self._value = ""
        self._pieces = []
        self._length = 0
        self._pos = 0
        if initial_value:
            _iobuf.stringio_write(self, initial_value)
            self._pos = 0

    write = _iobuf.stringio_write
    tell = _iobuf.stringio_tell
    _text = _iobuf.stringio_text

    def _check_closed(self):
        # CPython's StringIO says it without the full stop its BytesIO and files have
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def _size(self):
        return self._length

    @property
    def newlines(self):
        """The line ends read so far, with newline None or "" (CPython's decoder's)."""
        self._check_closed()
        if self._newline is not None and self._newline != "":
            return None
        return _NEWLINES[self._seen]

    def seek(self, pos, whence=0):
        # CPython's StringIO words its errors apart from BytesIO's and allows only
        # seek(0, 1) and seek(0, 2) relative to the position or the end
        self._check_closed()
        if whence not in (0, 1, 2):
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        if pos < 0 and whence == 0:
            raise ValueError(f"Negative seek position {pos}")
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 2:
            self._pos = self._length
        elif whence == 0:
            self._pos = pos
        return self._pos

    def getvalue(self):
        self._check_closed()
        return self._text()

    def read(self, size=-1):
        self._check_closed()
        value = self._text()
        if size is None or size < 0:
            size = self._length
        data = value[self._pos:self._pos + size]
        self._pos += len(data)
        return data

    def _line_end(self, value, pos):
        """Where the line starting at `pos` ends (past its newline, or the text's end)."""
        if self._newline == "":
            cr = value.find("\r", pos)
            lf = value.find("\n", pos)
            if cr >= 0 and (lf < 0 or cr < lf):
                return cr + 2 if value.startswith("\n", cr + 1) else cr + 1
            return self._length if lf < 0 else lf + 1
        newline = self._newline or "\n"
        found = value.find(newline, pos)
        return self._length if found < 0 else found + len(newline)

    def readline(self, size=-1):
        self._check_closed()
        value = self._text()
        end = self._line_end(value, self._pos)
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        data = value[self._pos:end]
        self._pos = max(self._pos, end)
        return data

    def truncate(self, size=None):
        size = self._truncate_size(size)
        if size < self._length:
            self._value = self._text()[:size]
            self._length = size
        return size


class BytesIO(_Memory, BufferedIOBase):
    """An in-memory binary stream: its bytes in a bytearray that `_iobuf` reads and writes in
    place (as CPython's C BytesIO), so writing n bytes costs O(n) however long the stream;
    `write`, `read`, `readline` and `tell` are `_iobuf`'s (no Python frame per call)."""

    def __init__(self, initial_bytes=None):
        self._buffer = bytearray()
        self._pos = 0
        if initial_bytes is not None:
            _iobuf.write_at(self._buffer, 0, initial_bytes)

    def _size(self):
        return len(self._buffer)

    def getvalue(self):
        self._check_closed()
        return bytes(self._buffer)

    read = _iobuf.bytesio_read
    tell = _iobuf.bytesio_tell

    def read1(self, size=-1):
        return self.read(size)

    readline = _iobuf.bytesio_readline
    write = _iobuf.bytesio_write

    def __next__(self):
        # CPython's BytesIO iterates by its own readline, whatever a subclass defines
        line = _iobuf.bytesio_readline(self)
        if not line:
            raise StopIteration
        return line

    def truncate(self, size=None):
        size = self._truncate_size(size)
        if size < len(self._buffer):
            del self._buffer[size:]
        return size

    def getbuffer(self):
        return self._buffer

    def readinto(self, buffer):
        """Reads up to len(buffer) bytes into the bytearray buffer; returns how many."""
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


_FLAGS = {"r": 0, "w": 0o1 | 0o100 | 0o1000, "a": 0o1 | 0o100 | 0o2000, "x": 0o1 | 0o100 | 0o200}


class FileIO(RawIOBase):
    """A file read and written as bytes through its descriptor."""

    def __init__(self, file, mode="r"):
        self.name = file
        self.mode = mode
        kind = mode.replace("b", "").replace("t", "").replace("+", "")
        if len(kind) != 1 or kind not in _FLAGS:
            raise ValueError(f"invalid mode: '{mode}'")
        flags = _FLAGS[kind]
        if "+" in mode:
            flags = (flags & ~0o3) | 0o2
        self._readable = kind == "r" or "+" in mode
        self._writable = kind != "r" or "+" in mode
        self._fd = _os.open(file, flags, 0o666)

    def fileno(self):
        return self._fd

    def read(self, size=-1):
        self._check_closed()
        if not self._readable:
            raise UnsupportedOperation("read")
        return _os.read(self._fd, -1 if size is None else size)

    def write(self, data):
        self._check_closed()
        if not self._writable:
            raise UnsupportedOperation("write")
        return _os.write(self._fd, bytes(data))

    def seek(self, pos, whence=0):
        self._check_closed()
        return _os.lseek(self._fd, pos, whence)

    def tell(self):
        return self.seek(0, 1)

    def close(self):
        if not self.closed:
            self.closed = True
            _os.close(self._fd)

    def readable(self):
        return self._readable

    def writable(self):
        return self._writable

    def seekable(self):
        return True


class BufferedFile(BufferedIOBase):
    """A binary file: read, readline and write over a FileIO (or another raw stream)."""

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self.raw = raw
        self._pending = b""

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    def detach(self):
        """The raw stream, which this one no longer uses."""
        raw = self.raw
        self.closed = True
        return raw

    def read(self, size=-1):
        self._check_closed()
        if size is None or size < 0:
            data = self._pending + self.raw.read(-1)
            self._pending = b""
            return data
        while len(self._pending) < size:
            chunk = self.raw.read(DEFAULT_BUFFER_SIZE)
            if not chunk:
                break
            self._pending += chunk
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def readline(self, size=-1):
        self._check_closed()
        while b"\n" not in self._pending:
            chunk = self.raw.read(DEFAULT_BUFFER_SIZE)
            if not chunk:
                break
            self._pending += chunk
        end = self._pending.find(b"\n")
        end = len(self._pending) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, size)
        line, self._pending = self._pending[:end], self._pending[end:]
        return line

    def write(self, data):
        self._check_closed()
        return self.raw.write(data)

    def seek(self, pos, whence=0):
        if whence == 1:
            pos -= len(self._pending)
        self._pending = b""
        return self.raw.seek(pos, whence)

    def tell(self):
        return self.raw.tell() - len(self._pending)

    def fileno(self):
        return self.raw.fileno()

    def close(self):
        if not self.closed:
            self.closed = True
            self.raw.close()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return True


class TextIOWrapper(TextIOBase):
    """A text file: str in and out, encoded on the way to the binary file beneath."""

    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False,
                 write_through=False):
        self.buffer = buffer
        self.encoding = encoding or "UTF-8"
        self.errors = errors or "strict"
        self._newline = newline
        self._decoded = ""

    def _decode(self, data):
        text = data.decode(self.encoding, self.errors)
        if self._newline is None:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def read(self, size=-1):
        self._check_closed()
        if size is None or size < 0:
            text = self._decoded + self._decode(self.buffer.read(-1))
            self._decoded = ""
            return text
        while len(self._decoded) < size:
            chunk = self.buffer.readline()
            if not chunk:
                break
            self._decoded += self._decode(chunk)
        text, self._decoded = self._decoded[:size], self._decoded[size:]
        return text

    def readline(self, size=-1):
        self._check_closed()
        while "\n" not in self._decoded:
            chunk = self.buffer.readline()
            if not chunk:
                break
            self._decoded += self._decode(chunk)
        end = self._decoded.find("\n")
        end = len(self._decoded) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, size)
        line, self._decoded = self._decoded[:end], self._decoded[end:]
        return line

    def write(self, text):
        self._check_closed()
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = text
        if self._newline not in (None, "", "\n"):
            data = data.replace("\n", self._newline)
        self.buffer.write(data.encode(self.encoding, self.errors))
        return len(text)

    def seek(self, pos, whence=0):
        self._decoded = ""
        return self.buffer.seek(pos, whence)

    def tell(self):
        return self.buffer.tell() - len(self._decoded.encode(self.encoding))

    def fileno(self):
        return self.buffer.fileno()

    def close(self):
        if not self.closed:
            self.closed = True
            self.buffer.close()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return True

    @property
    def name(self):
        return self.buffer.name

    @property
    def mode(self):
        return self.buffer.mode.replace("b", "")

    def detach(self):
        """The binary stream beneath, which this one no longer uses (writes go straight
        through, so there is nothing to flush)."""
        buffer = self.buffer
        self.closed = True
        return buffer

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} encoding={self.encoding!r}>"


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None):
    """Opens a file: bytes in binary mode ('b'), str in text mode (the default)."""
    if not isinstance(file, str):
        file = getattr(file, "__fspath__", lambda: file)()
        if not isinstance(file, str):
            raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    if set(mode) - set("rwaxbt+") or len(mode) != len(set(mode)):
        raise ValueError(f"invalid mode: '{mode}'")
    if "b" in mode and "t" in mode:
        raise ValueError("can't have text and binary mode at once")
    if "b" in mode and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    buffered = BufferedFile(FileIO(file, mode))
    if "b" in mode:
        return buffered
    return TextIOWrapper(buffered, encoding, errors, newline)


# open()'s binary files read, write or both through the same class
BufferedReader = BufferedWriter = BufferedRandom = BufferedFile
