# complex: literals, arithmetic with ints and floats, repr, hash, complex(), errors.
import gc
a = 4j
b = 1.0 + 5.0j
print(a, b, repr(-b), b * a, b / a, a ** 2, (1+2j) ** 0.5, abs(3+4j))
print(b == complex(1, 5), b != 1, 2+0j == 2, hash(2+0j) == hash(2), hash(1+5j) == hash(complex("1+5j")))
print(type(a), b.real, b.imag, b.conjugate(), complex(), complex("  (1-2.5e3J) "), complex(2), complex(1, 2j))
print(gc.is_tracked(b), bool(0j), bool(1j), -0j, complex(-0.0, 1), 0j ** 0)
for bad in ["1/0j", "1j < 2j", "1j // 2", "complex('x')", "0j ** -1"]:
    try:
        eval(bad)
    except Exception as e:
        print(bad, type(e).__name__, e)
print(isinstance(1j, complex), complex.__name__, {1j: 2}[1j], 3 * 1j, 1j - 1, 2 ** 1j == 2 ** 1j)
