# asyncio over TCP on 127.0.0.1 (port 0): streams (start_server, open_connection, the
# StreamReader's reads, drain with a large payload, EOF), Server, create_connection with
# a Protocol and its flow control, the sock_* calls, add_reader, and a refused connection.
import asyncio
import socket


async def echo(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def streams():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    print(type(server).__name__, server.is_serving(), len(server.sockets))
    host, port = server.sockets[0].getsockname()
    async with server:
        reader, writer = await asyncio.open_connection(host, port)
        print(writer.get_extra_info("peername") == (host, port),
              writer.get_extra_info("sockname") == writer.get_extra_info("socket").getsockname())
        writer.write(b"hello\n")
        writer.writelines([b"two ", b"parts\n", b"a:b:c\n", b"exact\n"])
        await writer.drain()
        print(await reader.readline())
        print(await reader.readuntil(b" "))
        print(await reader.readexactly(6))
        print(await reader.readuntil(b":"), await reader.readuntil(b":C\n"))
        print(await reader.read(100))
        print(reader.at_eof(), writer.is_closing())
        writer.write_eof()
        print(await reader.read(), reader.at_eof())
        try:
            await reader.readexactly(1)
        except asyncio.IncompleteReadError as exc:
            print(type(exc).__name__, exc, exc.partial, exc.expected)
        writer.close()
        print(writer.is_closing())
        await writer.wait_closed()
    print(server.is_serving(), server.sockets)


async def sink(reader, writer):
    total = 0
    while True:
        data = await reader.read(1 << 20)
        if not data:
            break
        total += len(data)
    writer.write(str(total).encode())
    await writer.drain()
    writer.close()


async def large_payload():
    server = await asyncio.start_server(sink, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    payload = b"0123456789" * 500_000
    for _ in range(4):
        writer.write(payload)
        print(writer.transport.get_write_buffer_size() > 0)
        await writer.drain()
        print(writer.transport.get_write_buffer_size() <= 16384)
    writer.write_eof()
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


class Counting(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = bytearray()
        self.paused = 0
        self.resumed = 0

    def connection_made(self, transport):
        self.transport = transport
        print("made", type(transport).__name__)

    def data_received(self, data):
        self.received += data

    def pause_writing(self):
        self.paused += 1

    def resume_writing(self):
        self.resumed += 1

    def eof_received(self):
        print("eof", len(self.received))

    def connection_lost(self, exc):
        print("lost", exc)
        self.done.set_result(None)


async def protocols():
    loop = asyncio.get_running_loop()
    got = []

    async def reply(reader, writer):
        got.append(len(await reader.read()))
        writer.write(b"bye")
        writer.close()

    server = await asyncio.start_server(reply, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    # a small send buffer, so that most of a write waits in the transport's buffer
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))
    transport, protocol = await loop.create_connection(lambda: Counting(done), sock=sock)
    transport.set_write_buffer_limits(high=1000)
    print(transport.get_write_buffer_limits())
    transport.write(b"z" * 3_000_000)
    print(protocol.paused)
    transport.write_eof()
    await done
    print(got, bytes(protocol.received), protocol.resumed)
    try:
        transport.set_write_buffer_limits(high=1, low=2)
    except ValueError as exc:
        print(exc)
    server.close()
    await server.wait_closed()


class Buffered(asyncio.BufferedProtocol):
    def __init__(self, done):
        self.done = done
        self.buf = bytearray(7)
        self.chunks = []

    def get_buffer(self, sizehint):
        return self.buf

    def buffer_updated(self, nbytes):
        self.chunks.append(bytes(self.buf[:nbytes]))

    def connection_lost(self, exc):
        self.done.set_result(b"".join(self.chunks))


async def buffered():
    loop = asyncio.get_running_loop()

    async def send(reader, writer):
        writer.write(b"buffered protocol data")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(send, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    await loop.create_connection(lambda: Buffered(done), "127.0.0.1", port)
    print(await done)
    server.close()


async def sock_calls():
    loop = asyncio.get_running_loop()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    client = socket.socket()
    client.setblocking(False)
    accepted = loop.create_task(loop.sock_accept(listener))
    await loop.sock_connect(client, listener.getsockname())
    conn, addr = await accepted
    print(addr == client.getsockname(), conn.gettimeout())
    await loop.sock_sendall(client, b"s" * 300_000)
    total = 0
    while total < 300_000:
        total += len(await loop.sock_recv(conn, 65536))
    print(total)
    buf = bytearray(4)
    await loop.sock_sendall(conn, b"into")
    print(await loop.sock_recv_into(client, buf), buf)

    woke = loop.create_future()
    loop.add_reader(conn, lambda: woke.set_result(conn.recv(3)))
    client.send(b"abc")
    print(await woke, loop.remove_reader(conn), loop.remove_reader(conn))
    for s in (conn, client, listener):
        s.close()


async def errors():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as exc:
        print(type(exc).__name__, exc.errno, str(exc).replace(str(port), "PORT"))
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await asyncio.start_server(echo, "127.0.0.1", port)
    except OSError as exc:
        print(type(exc).__name__, exc.errno, str(exc).replace(str(port), "PORT"))
    server.close()
    await server.wait_closed()
    serving = await asyncio.start_server(echo, "127.0.0.1", 0, start_serving=False)
    print(serving.is_serving())
    task = asyncio.create_task(serving.serve_forever())
    await asyncio.sleep(0)
    print(serving.is_serving())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", serving.is_serving())


async def main():
    await streams()
    await large_payload()
    await protocols()
    await buffered()
    await sock_calls()
    await errors()


asyncio.run(main())
loop = asyncio.new_event_loop()
print(repr(loop))
loop.close()
