# pyperformance 1.0.9's unpickle_pure_python: benchmarks/bm_pickle/run_benchmark.py (MIT
# licence; here bm_pickle_pure_python.py, which holds the benchmarks) run as `--pure-python
# unpickle`, with the pyperf harness replaced by a plain loop that prints what it computed.
import sys

from bm_pickle_pure_python import main

if __name__ == "__main__":
    main("unpickle", int(sys.argv[1]) if len(sys.argv) > 1 else 1)
