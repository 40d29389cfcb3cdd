# The socket module: socketpair, a TCP server and client on 127.0.0.1, UDP, options,
# timeouts, and the errors CPython raises (refused connection, bad addresses, closed sockets).
import errno
import socket


def show(exc):
    print(type(exc).__name__, exc.errno, exc.strerror, "|", exc)


# ---- socketpair echo
a, b = socket.socketpair()
print(a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM, repr(a.family))
a.sendall(b"hello")
print(b.recv(100))
b.send(b"world" * 3)
buf = bytearray(8)
print(a.recv_into(buf), buf)
print(a.recv_into(buf, 4), buf)
print(a.recv(100))
print(a.getsockname() == "", a.gettimeout(), a.getblocking())
big = bytes(range(256)) * 4000
a.settimeout(5)
b.settimeout(5)
a.sendall(big[:100000])
got = b""
while len(got) < 100000:
    got += b.recv(65536)
print(len(got), got == big[:100000])
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
a.close()
b.close()
print(a.fileno(), repr(a))

# ---- TCP server and client on port 0
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as srv:
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    host, port = srv.getsockname()
    print(host, port > 0)
    cli = socket.create_connection((host, port), timeout=5)
    conn, addr = srv.accept()
    print(addr[0], addr[1] == cli.getsockname()[1], conn.getpeername() == cli.getsockname())
    print(cli.getpeername() == (host, port), cli.gettimeout(), conn.gettimeout())
    cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(cli.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    cli.sendall(b"ping\n")
    print(conn.recv(5))
    conn.sendall(b"pong")
    print(cli.recv(4))
    conn.close()
    print(cli.recv(4))
    cli.close()
    print(repr(srv).startswith("<socket.socket fd="), "laddr=('127.0.0.1'" in repr(srv))

# ---- create_server and connect_ex
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
c = socket.socket()
print(c.connect_ex(("127.0.0.1", port)))
conn, _ = srv.accept()
c.send(b"x")
print(conn.recv(1))
conn.close()
c.close()
srv.close()

# ---- a refused connection: the port of a socket closed just before
s = socket.socket()
s.bind(("127.0.0.1", 0))
free_port = s.getsockname()[1]
s.close()
try:
    socket.create_connection(("127.0.0.1", free_port))
except ConnectionRefusedError as exc:
    show(exc)
    print(isinstance(exc, ConnectionError), isinstance(exc, OSError))
c = socket.socket()
print(c.connect_ex(("127.0.0.1", free_port)) == errno.ECONNREFUSED)
c.close()

# ---- a reset connection: closed with data unread
srv = socket.create_server(("127.0.0.1", 0))
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
cli.sendall(b"unread")
conn.close()
try:
    cli.settimeout(5)
    cli.recv(10)
    cli.recv(10)
except ConnectionResetError as exc:
    show(exc)
cli.close()
srv.close()

# ---- UDP
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
print(u2.sendto(b"datagram", u1.getsockname()))
data, frm = u1.recvfrom(100)
print(data, frm == u2.getsockname())
u1.close()
u2.close()

# ---- timeouts
a, b = socket.socketpair()
a.settimeout(0.05)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(1)
except socket.timeout as exc:
    print(type(exc).__name__, exc, exc.errno, socket.timeout is TimeoutError)
a.setblocking(False)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(1)
except BlockingIOError as exc:
    show(exc)
a.settimeout(None)
print(a.gettimeout())
for bad in (-1, "x"):
    try:
        a.settimeout(bad)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(s.gettimeout())
s.close()
socket.setdefaulttimeout(None)

# ---- errors: closed sockets, bad addresses
a.close()
for call in (lambda: a.recv(1), lambda: a.send(b"x"), lambda: a.getsockname()):
    try:
        call()
    except OSError as exc:
        show(exc)
b.close()
s = socket.socket()
for addr in ("127.0.0.1", ("127.0.0.1",), ("127.0.0.1", 70000), (1, 80), ("127.0.0.1", "80")):
    try:
        s.connect(addr)
    except (TypeError, OverflowError, OSError) as exc:
        print(type(exc).__name__, exc)
try:
    s.bind(("no.such.host.invalid", 80))
except socket.gaierror as exc:
    print(type(exc).__name__, exc.errno, exc)
s.close()
try:
    socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET6)
except socket.gaierror as exc:
    print(exc)

# ---- names
print(socket.getaddrinfo("127.0.0.1", 80))
print(socket.getaddrinfo("127.0.0.1", "8080", type=socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", 80, type=socket.SOCK_STREAM))
print(type(socket.gethostname()).__name__, len(socket.gethostname()) > 0)
print(socket.htons(1), socket.ntohs(256), socket.htonl(1))
print(socket.error is OSError, issubclass(socket.gaierror, OSError))

# ---- detach and fileno=
s = socket.socket()
fd = s.detach()
print(s.fileno(), fd >= 0)
t = socket.socket(fileno=fd)
print(t.fileno() == fd, t.family == socket.AF_INET, t.type == socket.SOCK_STREAM)
t.close()

# ---- connect with a timeout: waits for the connection, then reads its outcome
srv = socket.create_server(("127.0.0.1", 0))
c = socket.socket()
c.settimeout(2)
c.connect(srv.getsockname())
print("connected with a timeout", c.gettimeout())
c.close()
c = socket.socket()
c.settimeout(2)
try:
    c.connect(("127.0.0.1", free_port))
except ConnectionRefusedError as exc:
    show(exc)
c.close()
srv.close()
