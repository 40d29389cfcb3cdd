import sys
sys.setrecursionlimit(2**62)
def f(): return f()
f()
