# pyperformance 1.0.9's unpickle_list: benchmarks/bm_pickle/run_benchmark.py (MIT licence; here
# bm_pickle_pure_python.py, which holds the benchmarks) run as `unpickle_list`, with the pyperf
# harness replaced by a plain loop that prints what it computed. pyperformance refuses to run
# it without CPython's C `_pickle`; here it takes whatever `import pickle` gives, as a
# user's program would (pymm has no `_pickle`, so the pure-Python pickle).
import sys

from bm_pickle_pure_python import main

if __name__ == "__main__":
    main("unpickle_list", int(sys.argv[1]) if len(sys.argv) > 1 else 1, pure_python=False)
