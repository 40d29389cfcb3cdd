# math.gcd on machine ints and big ones; Fraction hashes as CPython computes them (equal
# numbers hash alike, sets of Fractions iterate in CPython's order).
from fractions import Fraction
import math

# math.gcd on machine ints and big ones
print(math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(), math.gcd(7), math.gcd(-7))
print(math.gcd(2**63, 2**62), math.gcd(-2**63, 0), math.gcd(-2**63), math.gcd(10**30, 10**20, 15))
print(math.gcd(True, 4), math.gcd(9223372036854775807, 3), math.gcd(-9223372036854775807, 0))

# Fraction hashes are CPython's: equal numbers hash alike, sets iterate in CPython's order
fs = [Fraction(1, 3), Fraction(-1, 3), Fraction(5), Fraction(-7, 2), Fraction(1, 2**61 - 1),
      Fraction(-1, 2**61 - 1), Fraction(10**30, 7), Fraction(0), Fraction(-1), Fraction(3, 4)]
print([hash(f) for f in fs])
print(hash(Fraction(3, 4)) == hash(0.75), hash(Fraction(-5)) == hash(-5), hash(Fraction(-1)))
print(list({Fraction(i, 7) for i in range(-5, 15)}))
print({Fraction(1, 3): 1, Fraction(2, 6): 2, 0.5: 3, Fraction(1, 2): 4})
