# Recursion, the recursion limit, and RecursionError instead of a crash.
import sys

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print("fact(20):", fact(20))
print("fact(100) digits:", len(str(fact(100))))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print("fib(20):", fib(20))
print("default recursion limit:", sys.getrecursionlimit())

def depth(n):
    return n if n == 0 else depth(n - 1)

print("depth 500 is fine:", depth(500))

def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as err:
    print("RecursionError:", err)
sys.setrecursionlimit(2000)
print("new limit:", sys.getrecursionlimit())
print("depth 1500 now fine:", depth(1500))
sys.setrecursionlimit(1000)

def even(n):
    return True if n == 0 else odd(n - 1)

def odd(n):
    return False if n == 0 else even(n - 1)

print("mutual recursion:", even(10), odd(7))
print("still works after the error:", fact(5))
