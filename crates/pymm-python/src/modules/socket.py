# pymm's socket module, after CPython 3.11's Lib/socket.py and Modules/socketmodule.c: the
# `socket` class holds a descriptor of `_socket` (native), which makes the system calls;
# timeouts, address families and the helpers (create_connection, create_server,
# getaddrinfo, socketpair) are here. No makefile(), sendmsg/recvmsg, dup or fromfd.

import _socket
from enum import IntEnum as _IntEnum

__all__ = ["socket", "socketpair", "create_connection", "create_server", "getaddrinfo",
           "gethostname", "getdefaulttimeout", "setdefaulttimeout", "error", "gaierror",
           "herror", "timeout", "has_ipv6", "AddressFamily", "SocketKind"]

for _name in dir(_socket):
    if _name.isupper():
        globals()[_name] = getattr(_socket, _name)
        __all__.append(_name)

AddressFamily = _IntEnum("AddressFamily", [(n, getattr(_socket, n)) for n in dir(_socket)
                                            if n.startswith("AF_")], module=__name__)
SocketKind = _IntEnum("SocketKind", [(n, getattr(_socket, n)) for n in dir(_socket)
                                      if n.startswith("SOCK_")], module=__name__)
AF_UNIX = AddressFamily.AF_UNIX
AF_INET = AddressFamily.AF_INET
AF_INET6 = AddressFamily.AF_INET6
AF_UNSPEC = AddressFamily.AF_UNSPEC
SOCK_STREAM = SocketKind.SOCK_STREAM
SOCK_DGRAM = SocketKind.SOCK_DGRAM
SOCK_RAW = SocketKind.SOCK_RAW

error = OSError
timeout = TimeoutError
has_ipv6 = True


class herror(OSError):
    pass


class gaierror(OSError):
    pass


# the class `_socket` raises resolver errors with
_socket.gaierror = gaierror

_default_timeout = None


def _intenum(value, enum_klass):
    """The enum member for `value`, else the int itself (CPython's _intenum_converter)."""
    try:
        return enum_klass(value)
    except ValueError:
        return value


def _check_timeout(value):
    """A timeout argument as seconds (a float) or None, with CPython's errors."""
    if value is None:
        return None
    if not isinstance(value, float):
        if not isinstance(value, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(value).__name__)
        value = float(value)
    if value < 0.0:
        raise ValueError("Timeout value out of range")
    return value


def getdefaulttimeout():
    """The timeout new sockets start with (None: they block)."""
    return _default_timeout


def setdefaulttimeout(timeout):
    """Sets the timeout new sockets start with."""
    global _default_timeout
    _default_timeout = _check_timeout(timeout)


class socket:
    """A network socket (CPython's socket.socket)."""

    __slots__ = ("_fd", "family", "type", "proto", "_timeout", "__weakref__")

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        self._fd = -1
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
            fd = _socket.socket(family, type, proto)
        else:
            fd = fileno.__index__() if not isinstance(fileno, int) else fileno
            if fd < 0:
                raise ValueError("negative file descriptor")
            fam, kind, _ = _socket.adopt(fd)
            family = fam if family == -1 else family
            type = kind if type == -1 else type
            proto = 0 if proto == -1 else proto
        self._setup(fd, family, type, proto)

    def _setup(self, fd, family, type, proto):
        self._fd = fd
        self.family = _intenum(family, AddressFamily)
        self.type = _intenum(type, SocketKind)
        self.proto = proto
        self._timeout = _default_timeout
        if self._timeout is not None:
            _socket.setblocking(fd, False)

    @classmethod
    def _wrap(cls, fd, family, type, proto):
        """A socket object over the descriptor `_socket` already keeps."""
        sock = cls.__new__(cls)
        sock._setup(fd, family, type, proto)
        return sock

    def __repr__(self):
        closed = self._fd == -1
        s = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            self.__class__.__module__, self.__class__.__qualname__,
            " [closed]" if closed else "", self._fd, int(self.family), int(self.type),
            self.proto)
        if not closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    s += ", laddr=%s" % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    s += ", raddr=%s" % str(raddr)
            except OSError:
                pass
        return s + ">"

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __del__(self):
        if self._fd != -1:
            import warnings
            warnings.warn("unclosed %r" % (self,), ResourceWarning, source=self)
            self.close()

    def fileno(self):
        """The descriptor (-1 once closed)."""
        return self._fd

    def close(self):
        """Closes the socket (again: nothing)."""
        if self._fd != -1:
            fd, self._fd = self._fd, -1
            _socket.close(fd)

    def detach(self):
        """Closes the socket object without closing the descriptor, which it returns."""
        fd, self._fd = self._fd, -1
        if fd != -1:
            _socket.detach(fd)
        return fd

    # ---- timeouts

    def settimeout(self, value):
        """None: calls block; 0: they never wait; else they wait up to `value` seconds."""
        value = _check_timeout(value)
        _socket.setblocking(self._fd, value is None)
        self._timeout = value

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        return self._timeout != 0.0

    # ---- connections

    def bind(self, address):
        _socket.bind(self._fd, self.family, address)

    def listen(self, backlog=None):
        if backlog is None:
            backlog = min(SOMAXCONN, 128)
        _socket.listen(self._fd, max(backlog, 0))

    def accept(self):
        """A new socket for the next connection, and the peer's address."""
        fd, addr = _socket.accept(self._fd, self._timeout)
        sock = socket._wrap(fd, self.family, self.type, self.proto)
        if _default_timeout is None and self._timeout:
            sock.setblocking(True)
        return sock, addr

    def connect(self, address):
        _socket.connect(self._fd, self.family, address, self._timeout, True)

    def connect_ex(self, address):
        """connect(), giving the errno instead of raising (0 when connected)."""
        return _socket.connect(self._fd, self.family, address, self._timeout, False)

    def getsockname(self):
        return _socket.getsockname(self._fd)

    def getpeername(self):
        return _socket.getpeername(self._fd)

    def shutdown(self, how):
        _socket.shutdown(self._fd, how)

    def setsockopt(self, level, optname, value, optlen=None):
        if value is None:
            value = b"\0" * optlen
        _socket.setsockopt(self._fd, level, optname, value)

    def getsockopt(self, level, optname, buflen=0):
        return _socket.getsockopt(self._fd, level, optname, buflen)

    # ---- data

    def send(self, data, flags=0):
        return _socket.send(self._fd, data, flags, self._timeout)

    def sendall(self, data, flags=0):
        _socket.sendall(self._fd, data, flags, self._timeout)

    def sendto(self, data, flags_or_addr, addr=None):
        if addr is None:
            flags, addr = 0, flags_or_addr
        else:
            flags = flags_or_addr
        return _socket.sendto(self._fd, data, flags, self.family, addr, self._timeout)

    def recv(self, bufsize, flags=0):
        return _socket.recv(self._fd, bufsize, flags, self._timeout)

    def recv_into(self, buffer, nbytes=0, flags=0):
        return _socket.recv_into(self._fd, buffer, nbytes, flags, self._timeout)

    def recvfrom(self, bufsize, flags=0):
        return _socket.recvfrom(self._fd, bufsize, flags, self._timeout)

    @property
    def timeout(self):
        return self._timeout


SocketType = socket


def socketpair(family=None, type=SOCK_STREAM, proto=0):
    """Two connected sockets (AF_UNIX by default)."""
    if family is None:
        family = AF_UNIX
    a, b = _socket.socketpair(family, type, proto)
    return socket._wrap(a, family, type, proto), socket._wrap(b, family, type, proto)


def gethostname():
    """The machine's host name."""
    return _socket.gethostname()


def htons(x):
    return ((x & 0xFF) << 8) | ((x >> 8) & 0xFF)


ntohs = htons


def htonl(x):
    return int.from_bytes((x & 0xFFFFFFFF).to_bytes(4, "little"), "big")


ntohl = htonl

_PROTOCOLS = {1: 6, 2: 17, 3: 0}


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """[(family, type, proto, canonname, sockaddr)] for `host` and `port`: numeric hosts and
    the names the system resolves (no service names)."""
    if isinstance(port, str):
        if not port.isdigit():
            raise gaierror(-8, "Servname not supported for ai_socktype")
        port = int(port)
    elif isinstance(port, bytes):
        port = int(port.decode())
    elif port is None:
        port = 0
    elif not isinstance(port, int):
        raise OSError("Int or String expected")
    if isinstance(host, (bytes, bytearray)):
        host = host.decode()
    if host is None:
        if flags & AI_PASSIVE:
            found = [(AF_INET6, "::"), (AF_INET, "0.0.0.0")]
        else:
            found = [(AF_INET6, "::1"), (AF_INET, "127.0.0.1")]
    elif isinstance(host, str):
        found = _socket.resolve(host)
    else:
        raise TypeError("getaddrinfo() argument 1 must be string or None")
    kinds = [type] if type else [SOCK_STREAM, SOCK_DGRAM, SOCK_RAW]
    result = []
    for fam, ip in found:
        if family and fam != family:
            continue
        addr = (ip, port, 0, 0) if fam == AF_INET6 else (ip, port)
        for kind in kinds:
            result.append((_intenum(fam, AddressFamily), _intenum(kind, SocketKind),
                           proto or _PROTOCOLS.get(kind, 0), "", addr))
    if not result:
        raise gaierror(-9, "Address family for hostname not supported")
    return result


_GLOBAL_DEFAULT_TIMEOUT = object()


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                      all_errors=False):
    """A socket connected to (host, port), trying each address the host has."""
    host, port = address
    exceptions = []
    for res in getaddrinfo(host, port, 0, SOCK_STREAM):
        af, socktype, proto, canonname, sa = res
        sock = None
        try:
            sock = socket(af, socktype, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sa)
            exceptions.clear()
            return sock
        except error as exc:
            if not all_errors:
                exceptions.clear()
            exceptions.append(exc)
            if sock is not None:
                sock.close()
    if len(exceptions):
        try:
            if not all_errors:
                raise exceptions[0]
            raise ExceptionGroup("create_connection failed", exceptions)
        finally:
            exceptions.clear()
    raise error("getaddrinfo returns an empty list")


def has_dualstack_ipv6():
    """Whether a socket can take IPv4 and IPv6 connections both."""
    return True


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
                  dualstack_ipv6=False):
    """A listening socket bound to `address` (SO_REUSEADDR set, as on POSIX CPython)."""
    if reuse_port and not hasattr(_socket, "SO_REUSEPORT"):
        raise ValueError("SO_REUSEPORT not supported on this platform")
    if dualstack_ipv6:
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = socket(family, SOCK_STREAM)
    try:
        try:
            sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        except error:
            pass
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except error as err:
            msg = '%s (while attempting to bind on address %r)' % (err.strerror, address)
            raise error(err.errno, msg) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except error:
        sock.close()
        raise
