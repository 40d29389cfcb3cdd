# argparse (CPython's argparse.py): positionals, options, types, defaults, choices, nargs,
# store_true/store_const/append/count, subcommands, mutually exclusive groups, help text, and
# errors (usage and message on stderr, exit status 2) caught as SystemExit.
import argparse
import contextlib
import io

parser = argparse.ArgumentParser(prog="tool", description="Process some files.",
                                 epilog="Report bugs to nobody.")
parser.add_argument("files", nargs="+", help="input files")
parser.add_argument("-n", "--count", type=int, default=3, help="how many (default: %(default)s)")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("--dry-run", action="store_true")
parser.add_argument("--tag", action="append", dest="tags")
parser.add_argument("--ratio", type=float, metavar="R")
parser.add_argument("--const", action="store_const", const=42)
parser.add_argument("--pair", nargs=2, metavar=("A", "B"))
parser.add_argument("--opt", nargs="?", const="given", default="absent")

args = parser.parse_args(["a.txt", "b.txt", "-n", "5", "-vv", "--tag", "x", "--tag=y",
                          "--dry-run", "--ratio", "0.5", "--pair", "p", "q", "--opt"])
print("namespace:", args)
print("values:", args.files, args.count, args.verbose, args.mode, args.dry_run, args.tags)
print("defaults:", parser.parse_args(["only"]))
print("vars:", sorted(vars(parser.parse_args(["f", "--mode", "slow"])).items()))
known, rest = parser.parse_known_args(["f", "--unknown", "1"])
print("known:", known.files, "rest:", rest)
print(parser.format_help())
print("usage:", parser.format_usage(), end="")


def attempt(p, argv):
    err = io.StringIO()
    out = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            result = p.parse_args(argv)
        except SystemExit as e:
            print("exit", e.code, "|", err.getvalue().strip().splitlines()[-1:] or out.getvalue()[:40],
                  file=real_stdout)
            return
    print("parsed:", result, file=real_stdout)


import sys

real_stdout = sys.stdout
attempt(parser, [])
attempt(parser, ["f", "-n", "x"])
attempt(parser, ["f", "--mode", "medium"])
attempt(parser, ["f", "--bogus"])
attempt(parser, ["f", "--pair", "only-one"])
attempt(parser, ["--help"])

sub_parser = argparse.ArgumentParser(prog="vcs")
sub_parser.add_argument("--root", default=".")
subs = sub_parser.add_subparsers(dest="command", required=True)
commit = subs.add_parser("commit", help="record changes")
commit.add_argument("-m", "--message", required=True)
push = subs.add_parser("push", help="send changes")
push.add_argument("remote", nargs="?", default="origin")
print("commit:", sub_parser.parse_args(["commit", "-m", "msg"]))
print("push:", sub_parser.parse_args(["--root", "/r", "push"]))
attempt(sub_parser, [])
attempt(sub_parser, ["commit"])
attempt(sub_parser, ["pull"])

group_parser = argparse.ArgumentParser(prog="g")
group = group_parser.add_mutually_exclusive_group()
group.add_argument("--on", action="store_true")
group.add_argument("--off", action="store_true")
print("group:", group_parser.parse_args(["--on"]))
attempt(group_parser, ["--on", "--off"])
print(group_parser.format_help())
