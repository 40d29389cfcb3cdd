# ssl.SSLSocket over a socketpair, without threads: the client is a blocking-style
# SSLSocket made non-blocking (its calls raise SSLWantReadError until the peer answers), the
# server an SSLObject over MemoryBIOs pumped from the other socket by hand.
import os
import socket
import ssl

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ssl_data")
CERT = os.path.join(HERE, "ssl_cert.pem")
KEY = os.path.join(HERE, "ssl_key.pem")

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(CERT, KEY)
client_ctx = ssl.create_default_context(cafile=CERT)

a, b = socket.socketpair()
b.setblocking(False)
s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
server = server_ctx.wrap_bio(s_in, s_out, server_side=True)


def serve():
    """The server's turn: records in from `b`, its operation, records out to `b`."""
    try:
        data = b.recv(65536)
        if data:
            s_in.write(data)
        else:
            s_in.write_eof()
    except BlockingIOError:
        pass
    results = []
    try:
        server.do_handshake()
        while True:
            results.append(server.read(65536))
            if not results[-1]:
                break
    except ssl.SSLWantReadError:
        pass
    except ssl.SSLZeroReturnError as e:
        print("server:", type(e).__name__, e.args[0])
    out = s_out.read()
    if out:
        b.sendall(out)
    return b"".join(results)


def retry(op, *args):
    """Runs a client call, letting the server take its turn while it wants to read."""
    for _ in range(50):
        try:
            return op(*args)
        except ssl.SSLWantReadError:
            serve()
    raise RuntimeError("no progress")


try:
    client_ctx.wrap_socket(socket.socket())
except ValueError as e:
    print("ValueError", e)

c, d = socket.socketpair()
c.setblocking(False)
try:
    client_ctx.wrap_socket(c, server_hostname="localhost")
except ValueError as e:
    print("ValueError", e)
d.close()
a.setblocking(False)
client = client_ctx.wrap_socket(a, server_hostname="localhost",
                                do_handshake_on_connect=False)
print(type(client).__name__, isinstance(client, socket.socket), client.server_side,
      client.server_hostname, client.version())
retry(client.do_handshake)
print("handshake", client.version(), server.version(), client.cipher()[1])
print("peer cert", len(client.getpeercert(True)) > 500, client.getpeercert())
print("ca certs", client_ctx.get_ca_certs(), client_ctx.cert_store_stats())
ca_ctx = ssl.create_default_context(cafile=os.path.join(HERE, "pycacert.pem"))
print("ca", [c["subject"] for c in ca_ctx.get_ca_certs()], ca_ctx.cert_store_stats())
print("sent", retry(client.send, b"ping over tls"))
print("server read", serve())
server.write(b"pong " * 1000)
b.sendall(s_out.read())
got = b""
while len(got) < 5000:
    got += retry(client.recv, 1024)
print("client recv", len(got), got[:10])
client.sendall(b"x" * 200000)
received = b""
while len(received) < 200000:
    received += serve()
print("server got", len(received))
buf = bytearray(8)
server.write(b"into buf")
b.sendall(s_out.read())
print("recv_into", retry(client.recv_into, buf), bytes(buf))
try:
    client.recv(10, 1)
except ValueError as e:
    print("ValueError", str(e).split(" on ")[0])
# the server closes the TLS layer: the client reads b'' and unwraps
try:
    server.unwrap()
except ssl.SSLWantReadError:
    pass
b.sendall(s_out.read())
print("client at close", retry(client.recv, 100))
plain = retry(client.unwrap)
print("unwrapped", plain is client, client.version())
serve()
print("server unwrap", server.unwrap())
plain.close()
b.close()
