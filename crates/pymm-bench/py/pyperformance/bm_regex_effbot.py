"""Regular expressions over short and long strings, after Fredrik Lundh's benchmark
(pyperformance bm_regex_effbot): search results counted instead of timed."""
import re
import sys

PATTERNS = [
    "Python|Perl",
    "Python|Perl|Tcl",
    "(Python)\\1",
    "(Python|Perl)\\1",
    "(Python|Perl)(?=Tcl)",
    "^(?:Python|Perl)",
    "Python$",
    "(?i)python",
    "\\d+",
    "[a-z]+ing",
    "(\\w+)@(\\w+)\\.com",
    "(?P<key>\\w+)=(?P<value>[^;]*);?",
]

STRINGS = [
    "Python", "Perl", "PythonPython", "PerlPerl", "PerlTcl", "Tcl",
    "Python is a programming language that lets you work quickly",
    "12345 is a number, 678 is another",
    "singing and dancing while coding",
    "mail joe@example.com and ann@site.com",
    "a=1;b=two;c=;d=last",
]


def run(n):
    compiled = [re.compile(p) for p in PATTERNS]
    long_strings = [s * 20 for s in STRINGS]
    counts = [0] * len(compiled)
    for _ in range(n):
        for i, regex in enumerate(compiled):
            for s in STRINGS:
                if regex.search(s):
                    counts[i] += 1
            for s in long_strings:
                counts[i] += len(regex.findall(s))
    return counts


def main(loops):
    print("counts:", run(loops * 5))
    print(re.findall(PATTERNS[-1], STRINGS[-1]))
    print(re.sub(PATTERNS[10], r"\2:\1", STRINGS[9]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
