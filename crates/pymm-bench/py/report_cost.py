"""The cost of `pymm run --report`: CPU time (user + system) of every program of `pymm-bench
python` (the pyperformance programs with LOOPS = 10, and the two gc programs), run without and
with `--report`, the two in turn, PAIRS times; prints the median ratio per program.

    python3 crates/pymm-bench/py/report_cost.py target/release/pymm PAIRS [NAME ...]

With NAMEs, only the programs whose file name contains one of them run.
"""
import os, subprocess, sys, statistics, glob
pymm = sys.argv[1]; pairs = int(sys.argv[2])
progs = sorted(glob.glob('crates/pymm-bench/py/pyperformance/bm_*.py')) + ['crates/pymm-bench/py/gc_collect.py', 'crates/pymm-bench/py/gc_traversal.py']
def cpu(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    assert status == 0, (cmd, status)
    return ru.ru_utime + ru.ru_stime
names = sys.argv[3:]
if names:
    progs = [p for p in progs if any(n in os.path.basename(p) for n in names)]
rows = []
for prog in progs:
    args = [prog] if 'gc_' in os.path.basename(prog) and not os.path.basename(prog).startswith('bm_') else [prog, '10']
    ratios = []; base = []
    for _ in range(pairs):
        a = cpu([pymm, 'run'] + args)
        b = cpu([pymm, 'run', '--report', '/tmp/lead_report.html'] + args)
        ratios.append(b / a); base.append(a)
    r = statistics.median(ratios)
    rows.append((os.path.basename(prog)[:-3], statistics.median(base), r))
    print(f"| {rows[-1][0]} | {rows[-1][1]:.3f} | {r:.2f}x |", flush=True)
gm = statistics.geometric_mean([r for _, _, r in rows])
print(f"geomean {gm:.3f}, max {max(r for _,_,r in rows):.2f}x")
