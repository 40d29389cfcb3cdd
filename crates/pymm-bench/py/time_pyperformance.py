"""Times each program of pyperformance/ under python3 and under pymm, side by side.

    python3 crates/pymm-bench/py/time_pyperformance.py PYMM_BINARY [ROUNDS] [LOOPS]

Each round runs every program once under each interpreter (interleaved, so that load on the
machine falls on both alike); the table gives the median wall time of each and the ratio
pymm / python3. A program whose output differs between the two is reported, not timed.
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyperformance")


def run(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout, done.returncode


def main():
    pymm = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    loops = sys.argv[3] if len(sys.argv) > 3 else "1"
    programs = sorted(f for f in os.listdir(HERE) if f.endswith(".py"))
    times = {p: ([], []) for p in programs}
    differs = set()
    for _ in range(rounds):
        for p in programs:
            path = os.path.join(HERE, p)
            t_py, out_py, rc_py = run([sys.executable, path, loops])
            t_mm, out_mm, rc_mm = run([pymm, "run", path, loops])
            if (out_py, rc_py) != (out_mm, rc_mm):
                differs.add(p)
            times[p][0].append(t_py)
            times[p][1].append(t_mm)
    print("| program | python3 s | pymm s | pymm / python3 |")
    print("|---|---|---|---|")
    for p in programs:
        if p in differs:
            print(f"| {p[:-3]} | | | output differs |")
            continue
        py, mm = statistics.median(times[p][0]), statistics.median(times[p][1])
        print(f"| {p[:-3]} | {py:.3f} | {mm:.3f} | {mm / py:.2f}x |")


if __name__ == "__main__":
    main()
