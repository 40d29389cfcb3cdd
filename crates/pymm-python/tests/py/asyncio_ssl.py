# asyncio over TLS on 127.0.0.1 (port 0): start_server/open_connection with SSLContexts
# (CERT_NONE, and a verified server name), a large payload both ways with drain, the
# transport's TLS details, close_notify at the end, create_connection with a Protocol, and a
# handshake that fails verification.
import asyncio
import os
import ssl

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ssl_data")
CERT = os.path.join(HERE, "ssl_cert.pem")
KEY = os.path.join(HERE, "ssl_key.pem")
OTHER_CA = os.path.join(HERE, "pycacert.pem")


def server_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT, KEY)
    return ctx


def lax_client():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


async def echo(reader, writer):
    """Upper-cases lines; `size N` echoes the N bytes that follow; `big` sends 3 MB."""
    total = 0
    while True:
        line = await reader.readline()
        if not line:
            break
        total += len(line)
        if line == b"big\n":
            writer.write(b"y" * 3_000_000 + b"\n")
        elif line.startswith(b"size "):
            data = await reader.readexactly(int(line.split()[1]))
            total += len(data)
            writer.write(data)
        else:
            writer.write(line.upper())
        await writer.drain()
    print("server saw", total, "bytes, then EOF")
    writer.close()
    await writer.wait_closed()


async def streams(client_ctx, hostname):
    server = await asyncio.start_server(echo, "127.0.0.1", 0, ssl=server_context())
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, ssl=client_ctx, server_hostname=hostname)
        obj = writer.get_extra_info("ssl_object")
        print("tls", obj.version(), writer.get_extra_info("cipher")[1],
              writer.get_extra_info("sslcontext") is client_ctx,
              type(writer.get_extra_info("peercert")).__name__)
        writer.write(b"hello\n")
        await writer.drain()
        print(await reader.readline())
        writer.write(b"size 2000000\n" + b"z" * 2_000_000)
        await writer.drain()
        data = await reader.readexactly(2_000_000)
        print("echoed", len(data), data == b"z" * 2_000_000)
        writer.write(b"big\n")
        line = await reader.readexactly(3_000_001)
        print("big", len(line), line[-2:])
        writer.close()
        await writer.wait_closed()
        print("client closed", writer.is_closing())
        await asyncio.sleep(0.05)


class Collect(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.data = b""
        self.events = []

    def connection_made(self, transport):
        self.events.append("made")
        transport.write(b"proto\n")

    def data_received(self, data):
        self.data += data
        if self.data.endswith(b"\n"):
            self.transport_close()

    def transport_close(self):
        self.events.append("got " + self.data.decode().strip())
        self.t.close()

    def eof_received(self):
        self.events.append("eof")

    def connection_lost(self, exc):
        self.events.append(f"lost {exc}")
        self.done.set_result(self.events)


async def protocol():
    server = await asyncio.start_server(echo, "127.0.0.1", 0, ssl=server_context())
    port = server.sockets[0].getsockname()[1]
    async with server:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        proto = Collect(done)
        transport, p = await loop.create_connection(
            lambda: proto, "127.0.0.1", port, ssl=lax_client())
        proto.t = transport
        print("protocol", p is proto, transport.get_extra_info("sslcontext") is not None)
        print("events", await done)
        await asyncio.sleep(0.05)


async def refused_certificate():
    server = await asyncio.start_server(echo, "127.0.0.1", 0, ssl=server_context())
    port = server.sockets[0].getsockname()[1]
    strict = ssl.create_default_context(cafile=OTHER_CA)
    async with server:
        try:
            await asyncio.open_connection("127.0.0.1", port, ssl=strict,
                                          server_hostname="localhost")
        except ssl.SSLCertVerificationError as e:
            print("refused", type(e).__name__, e.reason)
        await asyncio.sleep(0.05)


async def errors():
    try:
        await asyncio.open_connection("127.0.0.1", 1, server_hostname="x")
    except ValueError as e:
        print("ValueError", e)
    try:
        await asyncio.start_server(echo, "127.0.0.1", 0, ssl_handshake_timeout=1)
    except ValueError as e:
        print("ValueError", e)
    try:
        await asyncio.start_server(echo, "127.0.0.1", 0, ssl=True)
    except TypeError as e:
        print("TypeError", e)


asyncio.run(streams(lax_client(), None))
verified = ssl.create_default_context(cafile=CERT)
asyncio.run(streams(verified, "localhost"))
asyncio.run(protocol())
asyncio.run(refused_certificate())
asyncio.run(errors())
