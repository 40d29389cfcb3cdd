# pyperformance 1.0.9, benchmarks/bm_crypto_pyaes/run_benchmark.py (MIT licence), with the
# pyperf harness replaced by a plain loop that prints what it computed (never a time).
#!/usr/bin/env python
"""
Pure-Python Implementation of the AES block-cipher.

Benchmark AES in CTR mode using the pyaes module.
"""

import sys
import time

import pyaes

# 23,000 bytes
CLEARTEXT = b"This is a test. What could possibly go wrong? " * 500

# 128-bit key (16 bytes)
KEY = b'\xa1\xf6%\x8c\x87}_\xcd\x89dHE8\xbf\xc9,'


def bench_pyaes(loops):
    range_it = range(loops)
    t0 = time.perf_counter()

    for loops in range_it:
        aes = pyaes.AESModeOfOperationCTR(KEY)
        ciphertext = aes.encrypt(CLEARTEXT)

        # need to reset IV for decryption
        aes = pyaes.AESModeOfOperationCTR(KEY)
        plaintext = aes.decrypt(ciphertext)

        # explicitly destroy the pyaes object
        aes = None

    dt = time.perf_counter() - t0
    if plaintext != CLEARTEXT:
        raise Exception("decrypt error!")

    return dt


if __name__ == "__main__":
    bench_pyaes(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    ciphertext = pyaes.AESModeOfOperationCTR(KEY).encrypt(CLEARTEXT)
    print("ciphertext:", len(ciphertext), ciphertext[:24].hex(), ciphertext[-8:].hex())
    print("round trip:", pyaes.AESModeOfOperationCTR(KEY).decrypt(ciphertext) == CLEARTEXT)
