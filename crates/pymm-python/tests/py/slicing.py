# Slicing lists, strings and tuples; slice assignment and deletion.
xs = list(range(10))
print(xs[2:5], xs[:3], xs[7:], xs[-3:], xs[:-7], xs[::3], xs[::-2], xs[8:2:-2])
print("out of range is fine:", xs[5:100], xs[100:], xs[-100:2])
print("empty when reversed bounds:", xs[5:2], "copy:", xs[:] == xs, xs[:] is xs)
ys = list(range(6))
ys[1:3] = ["a", "b", "c"]
print("slice assign grows:", ys)
ys[::2] = [0, 0, 0, 0]
print("extended slice assign:", ys)
try:
    ys[::2] = [1]
except ValueError as err:
    print("size mismatch:", err)
del ys[1:3]
print("del slice:", ys)
del ys[::2]
print("del extended slice:", ys)
zs = [1, 2, 3]
zs[len(zs):] = [4, 5]
print("append via slice:", zs)
zs[:0] = [0]
print("prepend via slice:", zs)
s = "abcdefgh"
print(s[1:-1], s[::-1], s[-2:], s[100:] == "")
t = (1, 2, 3, 4)
print(t[1:3], t[::-1])
print("negative step with defaults:", xs[::-1][:3])
print("slice with variables:", xs[len(xs) // 2:])
print("slice object:", xs[slice(1, 4)], xs[slice(None, None, 4)])
