# ssl over memory buffers: a client SSLObject and a server SSLObject in one process, the
# records moved between their MemoryBIOs by hand (CPython's test certificates in ssl_data/).
import os
import ssl

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ssl_data")
CERT = os.path.join(HERE, "ssl_cert.pem")
KEY = os.path.join(HERE, "ssl_key.pem")
OTHER_CA = os.path.join(HERE, "pycacert.pem")
OTHER_KEY = os.path.join(HERE, "pycakey.pem")


def pair(client_ctx, server_ctx, hostname=None):
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname=hostname)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    return client, server, (c_in, c_out, s_in, s_out)


def pump(bios):
    """Moves the records each side wrote to the other; how many bytes moved."""
    c_in, c_out, s_in, s_out = bios
    moved = 0
    for src, dst in ((c_out, s_in), (s_out, c_in)):
        data = src.read()
        moved += len(data)
        if data:
            dst.write(data)
    return moved


def step(obj, op, *args):
    try:
        return ("done", op(*args))
    except ssl.SSLWantReadError:
        return ("want-read", None)


def handshake(client, server, bios):
    rounds = 0
    c_done = s_done = False
    while not (c_done and s_done):
        rounds += 1
        if not c_done:
            c_done = step(client, client.do_handshake)[0] == "done"
        pump(bios)
        if not s_done:
            s_done = step(server, server.do_handshake)[0] == "done"
        pump(bios)
        if rounds > 10:
            raise RuntimeError("handshake does not finish")
    return rounds


def server_ctx():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT, KEY)
    return ctx


# the classes
print("tree", [c.__name__ for c in ssl.SSLError.__mro__])
print("cert tree", [c.__name__ for c in ssl.SSLCertVerificationError.__mro__])
for name in ("SSLZeroReturnError", "SSLWantReadError", "SSLWantWriteError",
             "SSLSyscallError", "SSLEOFError"):
    print(name, getattr(ssl, name).__bases__[0].__name__)
print("alias", ssl.CertificateError is ssl.SSLCertVerificationError)
print("constants", int(ssl.CERT_NONE), int(ssl.CERT_OPTIONAL), int(ssl.CERT_REQUIRED),
      int(ssl.PROTOCOL_TLS_CLIENT), int(ssl.PROTOCOL_TLS_SERVER), repr(ssl.CERT_REQUIRED))
print("versions", repr(ssl.TLSVersion.TLSv1_2), int(ssl.TLSVersion.TLSv1_3))

# context defaults as CPython's
c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
print("client ctx", c.verify_mode, c.check_hostname, c.protocol)
s = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
print("server ctx", s.verify_mode, s.check_hostname)
print("options", bool(c.options & ssl.OP_NO_COMPRESSION), bool(c.options & ssl.OP_NO_SSLv3))
try:
    c.verify_mode = ssl.CERT_NONE
except ValueError as e:
    print("ValueError", e)
c.check_hostname = False
c.verify_mode = ssl.CERT_NONE
print("relaxed", c.verify_mode, c.check_hostname)

# CERT_NONE: any certificate; data both ways; unwrap
client, server, bios = pair(c, server_ctx())
print("before", client.version(), client.cipher(), client.server_side, server.server_side)
try:
    client.do_handshake()
except ssl.SSLWantReadError as e:
    print("want read", e.args[0], type(e).__name__, isinstance(e, OSError))
print("client hello sent", bios[1].pending > 0)
rounds = handshake(client, server, bios)
print("handshake rounds", rounds)
print("version", client.version(), server.version())
name, proto, bits = client.cipher()
print("cipher", proto, bits, name == server.cipher()[0])
print("peer cert", type(client.getpeercert(True)).__name__, server.getpeercert(True))
print("client written", client.write(b"hello server"))
pump(bios)
print("pending before read", server.pending())
print("server got", server.read(1024))
print("server written", server.write(b"x" * 100000))
pump(bios)
got = b""
while len(got) < 100000:
    got += client.read(30000)
print("client got", len(got), got == b"x" * 100000)
try:
    client.read(10)
except ssl.SSLWantReadError:
    print("nothing more: want read")
# the client closes; the server sees close_notify and answers
print("client unwrap", step(client, client.unwrap)[0])
pump(bios)
print("server read at close", server.read(10))
print("server unwrap", step(server, server.unwrap)[0])
pump(bios)
print("client unwrap again", step(client, client.unwrap)[0])

# CERT_REQUIRED with the server's own certificate as CA, and the host name checked
v = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
with open(CERT) as f:
    v.load_verify_locations(cadata=f.read())
client, server, bios = pair(v, server_ctx(), "localhost")
print("verified rounds", handshake(client, server, bios))
print("verified", client.version() is not None, client.server_hostname)

# CERT_REQUIRED with a CA that did not sign the certificate
w = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
w.load_verify_locations(cafile=OTHER_CA)
client, server, bios = pair(w, server_ctx(), "localhost")
try:
    handshake(client, server, bios)
except ssl.SSLCertVerificationError as e:
    print("verify failed", type(e).__name__, str(e).startswith(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), e.reason, e.library,
        isinstance(e, ValueError))
# the server learns it from the alert
pump(bios)
try:
    server.do_handshake()
except ssl.SSLError as e:
    print("server side", type(e).__name__, e.library, e.reason)

# the wrong host name
client, server, bios = pair(v, server_ctx(), "example.org")
try:
    handshake(client, server, bios)
except ssl.SSLCertVerificationError as e:
    print("hostname", type(e).__name__, e.verify_code, e.reason)

# ALPN
a = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
a.check_hostname = False
a.verify_mode = ssl.CERT_NONE
a.set_alpn_protocols(["h2", "http/1.1"])
sa = server_ctx()
sa.set_alpn_protocols(["http/1.1"])
client, server, bios = pair(a, sa)
handshake(client, server, bios)
print("alpn", client.selected_alpn_protocol(), server.selected_alpn_protocol())

# TLS 1.2 only
t = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
t.check_hostname = False
t.verify_mode = ssl.CERT_NONE
t.maximum_version = ssl.TLSVersion.TLSv1_2
client, server, bios = pair(t, server_ctx())
handshake(client, server, bios)
print("tls12", client.version(), server.version(), client.cipher()[1])
client.write(b"over 1.2")
pump(bios)
print("tls12 data", server.read())

# the transport ends without close_notify
bios[2].write_eof()
try:
    server.read()
except ssl.SSLEOFError as e:
    print("eof", type(e).__name__, e.args[0])

# bad input
try:
    s.load_cert_chain(os.path.join(HERE, "missing.pem"))
except FileNotFoundError as e:
    print("missing", type(e).__name__, e.errno, e)
try:
    s.load_cert_chain(CERT, OTHER_KEY)
except ssl.SSLError as e:
    print("mismatch", type(e).__name__, e.reason, e.library, str(e).startswith(
        "[X509: KEY_VALUES_MISMATCH] key values mismatch"))
try:
    s.load_cert_chain(KEY, KEY)
except ssl.SSLError as e:
    print("no cert", type(e).__name__, e.library, str(e).startswith("[SSL] PEM lib"))
try:
    s.load_verify_locations(cadata="hello")
except ssl.SSLError as e:
    print("bad cadata", type(e).__name__)
try:
    ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO())
except ValueError as e:
    print("ValueError", e)
bio = ssl.MemoryBIO()
bio.write(b"abc")
print("bio", bio.pending, bio.read(2), bio.pending, bio.eof)
bio.write_eof()
print("bio eof", bio.eof, bio.read(), bio.eof)
try:
    bio.write(b"x")
except ssl.SSLError as e:
    print("write after eof", e)
