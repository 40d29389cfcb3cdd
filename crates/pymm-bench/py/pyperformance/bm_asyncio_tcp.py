# pyperformance 1.0.9, benchmarks/bm_asyncio_tcp/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it transferred (never a time).
# `--ssl` is pyperformance's asyncio_tcp_ssl; ssl_cert.pem and ssl_key.pem beside this file
# are CPython's test certificates, as pyperformance ships them.
# The server listens on an ephemeral port (pyperformance fixes 8882), so that two runs on one
# machine (a benchmark and a test) never take each other's port.
"""
Benchmark for asyncio TCP server and client performance
transferring 10MB of data.

Author: Kumar Aditya
"""


import asyncio
import ssl
import os
import sys

CHUNK_SIZE = 1024 ** 2 * 10
# Taken from CPython's test suite
SSL_CERT = os.path.join(os.path.dirname(__file__), 'ssl_cert.pem')
SSL_KEY = os.path.join(os.path.dirname(__file__), 'ssl_key.pem')


async def handle_echo(reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
    data = b'x' * CHUNK_SIZE
    for _ in range(100):
        writer.write(data)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main(use_ssl: bool) -> None:
    if use_ssl:
        server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_context.load_cert_chain(SSL_CERT, SSL_KEY)
        server_context.check_hostname = False
        server_context.verify_mode = ssl.CERT_NONE

        client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        client_context.load_cert_chain(SSL_CERT, SSL_KEY)
        client_context.check_hostname = False
        client_context.verify_mode = ssl.CERT_NONE
    else:
        server_context = None
        client_context = None

    server = await asyncio.start_server(handle_echo, '127.0.0.1', 0, ssl=server_context)
    port = server.sockets[0].getsockname()[1]

    async with server:
        asyncio.create_task(server.start_serving())
        reader, writer = await asyncio.open_connection('127.0.0.1', port, ssl=client_context)
        data_len = 0
        while True:
            data = await reader.read(CHUNK_SIZE)
            if not data:
                break
            data_len += len(data)
        assert data_len == CHUNK_SIZE * 100
        writer.close()
        await writer.wait_closed()


if __name__ == '__main__':
    # `bm_asyncio_tcp.py [--ssl] [LOOPS]`, as pyperformance's asyncio_tcp (asyncio_tcp_ssl)
    args = sys.argv[1:]
    use_ssl = '--ssl' in args
    numbers = [a for a in args if a.isdigit()]
    loops = int(numbers[0]) if numbers else 1
    name = 'asyncio_tcp' + ('_ssl' if use_ssl else '')
    for _ in range(loops):
        asyncio.run(main(use_ssl))
    print(name, 'echoed', loops, 'x', CHUNK_SIZE * 100, 'bytes')
