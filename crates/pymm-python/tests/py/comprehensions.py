# List, dict and set comprehensions, nested and filtered; their scope.
squares = [x * x for x in range(8)]
print("squares:", squares)
evens = [x for x in range(20) if x % 2 == 0 if x % 3 == 0]
print("two filters:", evens)
pairs = [(x, y) for x in range(3) for y in range(3) if x != y]
print("pairs:", pairs)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print("matrix:", matrix)
transposed = [[row[i] for row in matrix] for i in range(3)]
print("transposed:", transposed)
flat = [v for row in matrix for v in row]
print("flat:", flat)
lengths = {w: len(w) for w in ["a", "bb", "ccc"]}
print("dict comp:", lengths)
inverted = {v: k for k, v in lengths.items()}
print("inverted:", inverted)
print("set comp:", sorted({c for c in "hello world" if c != " "}))
x = "outer"
result = [x for x in range(3)]
print("loop variable does not leak:", x, result)
words = ["Memory", "pool", "Arena"]
print("conditional expr:", [w.upper() if w[0].isupper() else w for w in words])
print("with enumerate:", [i * v for i, v in enumerate([5, 6, 7])])
print("with zip:", {k: v for k, v in zip("abc", range(3))})
funcs = [lambda: i for i in range(3)]
print("late binding:", [f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print("bound by default:", [f() for f in funcs])
