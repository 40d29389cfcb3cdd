# f-strings: expressions, conversions and format specs.
name = "pool"
size = 512
ratio = 2 / 3
items = [1, 2, 3]
print(f"name={name} size={size}")
print(f"expr: {size * 2} {len(items)} {items[0] + items[-1]} {name.upper()}")
print(f"repr: {name!r} str: {name!s}")
print(f"float: {ratio:.3f} {ratio:10.2f}| {ratio:<8.1f}| {ratio:e}")
print(f"int: {size:5d}|{size:<5d}|{size:^7d}|{size:05d}|{size:,}|{10**7:_}")
print(f"hex: {size:x} {size:X} {size:#x} {size:b} {size:o}")
print(f"percent: {ratio:.1%}")
print(f"sign: {5:+d} {-5:+d} {5: d}")
print(f"text align: [{name:>8}] [{name:<8}] [{name:^8}] [{name:*^9}]")
width = 6
print(f"nested spec: [{size:{width}}] [{ratio:.{width}f}]")
print(f"braces: {{literal}} {{{size}}}")
print(f"dict access: {dict(a=1)['a']}")
print(f"conditional: {'big' if size > 100 else 'small'}")
print(f"multiple {'a'}{'b'}{'c'} parts")
print(f"{3.0}", f"{1e20}", f"{True}", f"{None}", f"{[1, 'x']}")
print("format():", format(3.14159, ".2f"), format(42, "08b"), format("s", ">3"))
