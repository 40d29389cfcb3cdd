# pyperformance 1.0.9's asyncio_tcp_ssl: benchmarks/bm_asyncio_tcp/run_benchmark.py run with
# `--ssl` (pyperformance's bm_asyncio_tcp_ssl entry), here bm_asyncio_tcp.py: the 1 GB echo
# over TLS (CPython's test certificate, client and server with CERT_NONE), with the pyperf
# harness replaced by a plain loop that prints what it transferred.
import asyncio
import sys

from bm_asyncio_tcp import CHUNK_SIZE, main

if __name__ == "__main__":
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for _ in range(loops):
        asyncio.run(main(True))
    print('asyncio_tcp_ssl', 'echoed', loops, 'x', CHUNK_SIZE * 100, 'bytes')
