# if/elif/else, while/else, for/else, break and continue.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

print([classify(n) for n in (-5, 0, 3, 99)])
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
else:
    print("never: the loop broke")
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print("prime", n)
count = 0
while count < 3:
    count += 1
else:
    print("while-else runs without break:", count)
print("truthiness:", [bool(v) for v in (0, 1, "", "a", [], [0], {}, None, 0.0)])
print("and/or return operands:", 0 or "default", "x" and "y", None and 1, [] or {})
print("not:", not 0, not [1])
print("conditional expression:", "yes" if 3 > 2 else "no")
x = 5
print("chained:", 1 < x < 10, 1 < x > 10, x == 5 != 6)
print("is/is not:", None is None, x is not None)
pass_count = 0
for _ in range(3):
    pass
print("for over empty:", [v for v in []], "range(0):", list(range(0)))
