"""pathlib: a directory of files created, then listed, globbed and stat'ed (pyperformance
bm_pathlib; a directory under /tmp named by the process id instead of tempfile)."""
import os
import pathlib
import sys

NUM_FILES = 200


def generate_filenames(tmp_path, num_files):
    i = 0
    while num_files:
        for ext in [".py", ".txt", ".tar.gz", ""]:
            i += 1
            yield os.path.join(tmp_path, str(i) + ext)
            num_files -= 1


def setup(num_files):
    tmp_path = "/tmp/pymm_bm_pathlib_%d" % os.getpid()
    os.mkdir(tmp_path)
    for fn in generate_filenames(tmp_path, num_files):
        with open(fn, "wb") as f:
            f.write(fn.encode("utf-8"))
    return tmp_path


def bench_pathlib(loops, tmp_path):
    base_path = pathlib.Path(tmp_path)
    path_objects = list(base_path.iterdir())
    counts = []
    for _ in range(loops):
        for p in path_objects:
            p.name
            p.suffix
        counts.append(len(list(base_path.glob("*.py"))))
        for p in base_path.glob("*.py"):
            p.stat()
        counts.append(sum(1 for p in base_path.iterdir() if p.suffix == ".txt"))
    return counts, sorted(p.name for p in path_objects)[:5]


def main(loops):
    tmp_path = setup(NUM_FILES)
    try:
        counts, first = bench_pathlib(loops * 3, tmp_path)
    finally:
        for name in os.listdir(tmp_path):
            os.unlink(os.path.join(tmp_path, name))
        os.rmdir(tmp_path)
    print("counts:", counts)
    print("first names:", first)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
