# pymm's fractions module, written in Python after CPython's: Fraction, exact rational
# numbers over ints, with CPython's constructors, arithmetic, comparisons and reprs.

import sys as _sys
import math

__all__ = ["Fraction"]

# the parameters of the numeric hash (`__hash__`)
_PyHASH_MODULUS = _sys.hash_info.modulus
_PyHASH_INF = _sys.hash_info.inf


def _parse(text):
    """(numerator, denominator) of '3/4', '-1.5', '2e-3', ' 7 '; ValueError otherwise."""
    s = text.strip().replace("_", "")
    if not s:
        raise ValueError
    sign = 1
    if s[0] in "+-":
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if "/" in s:
        num, _, den = s.partition("/")
        if not num.isdigit() or not den.isdigit():
            raise ValueError
        return sign * int(num), int(den)
    mantissa, _, exponent = s.lower().partition("e")
    exp = int(exponent) if exponent else 0
    whole, _, frac = mantissa.partition(".")
    if not (whole or frac) or (whole and not whole.isdigit()) or (frac and not frac.isdigit()):
        raise ValueError
    num = int(whole or "0") * 10 ** len(frac) + int(frac or "0")
    den = 10 ** len(frac)
    if exp >= 0:
        num *= 10 ** exp
    else:
        den *= 10 ** -exp
    return sign * num, den


def _is_decimal(value):
    # decimal.Decimal, without importing decimal (a large module) for every Fraction
    decimal = _sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal)


class Fraction:
    """A rational number numerator/denominator, always in lowest terms, denominator > 0."""

    __slots__ = ("_numerator", "_denominator")

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if isinstance(numerator, int):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator = numerator._numerator
                self._denominator = numerator._denominator
                return self
            if isinstance(numerator, float) or _is_decimal(numerator):
                n, d = numerator.as_integer_ratio()
                self._numerator, self._denominator = n, d
                return self
            if isinstance(numerator, str):
                try:
                    numerator, denominator = _parse(numerator)
                except ValueError:
                    raise ValueError("Invalid literal for Fraction: %r" % numerator) from None
            else:
                raise TypeError("argument should be a string or a Rational instance")
        elif isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
            value = Fraction(numerator) / Fraction(denominator)
            self._numerator, self._denominator = value._numerator, value._denominator
            return self
        elif not isinstance(numerator, int) or not isinstance(denominator, int):
            raise TypeError("both arguments should be Rational instances")
        if denominator == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % numerator)
        g = math.gcd(numerator, denominator)
        if denominator < 0:
            g = -g
        self._numerator = numerator // g
        self._denominator = denominator // g
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" % (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        """The exact value of a Decimal (or an int) as a Fraction."""
        if isinstance(dec, int):
            return cls(dec)
        if not _is_decimal(dec):
            raise TypeError("%s.from_decimal() only takes Decimals, not %r (%s)"
                            % (cls.__name__, dec, type(dec).__name__))
        return cls(*dec.as_integer_ratio())

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        """The closest Fraction with denominator at most max_denominator."""
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    def __repr__(self):
        return "%s(%s, %s)" % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return "%s/%s" % (self._numerator, self._denominator)

    @staticmethod
    def _coerce(other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(other)
        return None

    def _operate(self, other, op, reverse=False):
        o = Fraction._coerce(other)
        if o is not None:
            return op(o, self) if reverse else op(self, o)
        if isinstance(other, float):
            a, b = float(self), other
            return _FLOAT_OPS[op](b, a) if reverse else _FLOAT_OPS[op](a, b)
        return NotImplemented

    def __add__(self, other):
        return self._operate(other, _add)

    def __radd__(self, other):
        return self._operate(other, _add, True)

    def __sub__(self, other):
        return self._operate(other, _sub)

    def __rsub__(self, other):
        return self._operate(other, _sub, True)

    def __mul__(self, other):
        return self._operate(other, _mul)

    def __rmul__(self, other):
        return self._operate(other, _mul, True)

    def __truediv__(self, other):
        return self._operate(other, _div)

    def __rtruediv__(self, other):
        return self._operate(other, _div, True)

    def __floordiv__(self, other):
        return self._operate(other, _floordiv)

    def __rfloordiv__(self, other):
        return self._operate(other, _floordiv, True)

    def __mod__(self, other):
        return self._operate(other, _mod)

    def __rmod__(self, other):
        return self._operate(other, _mod, True)

    def __divmod__(self, other):
        return (self // other, self % other)

    def __pow__(self, other):
        if isinstance(other, int) or (isinstance(other, Fraction) and other._denominator == 1):
            power = int(other)
            if power >= 0:
                return Fraction(self._numerator ** power, self._denominator ** power)
            if self._numerator == 0:
                raise ZeroDivisionError("Fraction(%s, 0)" % (self._denominator ** -power))
            return Fraction(self._denominator ** -power, self._numerator ** -power)
        return float(self) ** float(other)

    def __rpow__(self, other):
        if self._denominator == 1 and self._numerator >= 0:
            return other ** self._numerator
        return other ** float(self)

    def __pos__(self):
        return Fraction(self._numerator, self._denominator)

    def __neg__(self):
        return Fraction(-self._numerator, self._denominator)

    def __abs__(self):
        return Fraction(abs(self._numerator), self._denominator)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    __trunc__ = __int__

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            if remainder * 2 < self._denominator:
                return floor
            if remainder * 2 > self._denominator:
                return floor + 1
            return floor if floor % 2 == 0 else floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(self):
        return self._numerator / self._denominator

    def __bool__(self):
        return self._numerator != 0

    def __hash__(self):
        # CPython's numeric hash, so that a Fraction hashes as the int, float or Decimal it
        # equals (and sets of Fractions iterate in CPython's order): |N| times the inverse
        # of D modulo the prime P, the sign of N kept; no inverse (P divides D) is infinity.
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(self, other):
        o = Fraction._coerce(other)
        if o is not None:
            return self._numerator == o._numerator and self._denominator == o._denominator
        if isinstance(other, float):
            if other != other or other in (float("inf"), float("-inf")):
                return False
            return self == Fraction.from_float(other)
        return NotImplemented

    def _compare(self, other, op):
        o = Fraction._coerce(other)
        if o is None and isinstance(other, float):
            if other != other:
                return False
            if other in (float("inf"), float("-inf")):
                return op(0, other)
            o = Fraction.from_float(other)
        if o is None:
            return NotImplemented
        return op(self._numerator * o._denominator, o._numerator * self._denominator)

    def __lt__(self, other):
        return self._compare(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._compare(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._compare(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._compare(other, lambda a, b: a >= b)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _add(a, b):
    return Fraction(a._numerator * b._denominator + b._numerator * a._denominator,
                    a._denominator * b._denominator)


def _sub(a, b):
    return Fraction(a._numerator * b._denominator - b._numerator * a._denominator,
                    a._denominator * b._denominator)


def _mul(a, b):
    return Fraction(a._numerator * b._numerator, a._denominator * b._denominator)


def _div(a, b):
    if b._numerator == 0:
        raise ZeroDivisionError("Fraction(%s, 0)" % (a._numerator * b._denominator))
    return Fraction(a._numerator * b._denominator, a._denominator * b._numerator)


def _floordiv(a, b):
    return (a._numerator * b._denominator) // (a._denominator * b._numerator)


def _mod(a, b):
    da, db = a._denominator, b._denominator
    return Fraction((a._numerator * db) % (b._numerator * da), da * db)


_FLOAT_OPS = {
    _add: lambda a, b: a + b,
    _sub: lambda a, b: a - b,
    _mul: lambda a, b: a * b,
    _div: lambda a, b: a / b,
    _floordiv: lambda a, b: a // b,
    _mod: lambda a, b: a % b,
}


# a Rational, as CPython's Fraction (which subclasses it): decimal, for one, compares with it
import numbers as _numbers
_numbers.Rational.register(Fraction)
