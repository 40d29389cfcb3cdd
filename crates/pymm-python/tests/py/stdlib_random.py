# random: the Mersenne Twister seeded as CPython seeds it, so the same numbers come out.
import random

random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(5)], random.randrange(0, 100, 7), random.randrange(10))
items = list(range(10))
random.shuffle(items)
print(items, random.choice("abcdef"), random.sample(range(100), 5), random.sample(items, 3))
print(random.uniform(1.5, 2.5), random.gauss(0, 1), random.gauss(10, 2), random.getrandbits(100))
print(random.choices("abc", k=5), random.choices("abc", weights=[1, 5, 10], k=4))
print(random.normalvariate(), random.expovariate(2.0), random.triangular(0, 10, 3))
print(random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(3, 2))
print(random.paretovariate(2), random.weibullvariate(1, 2), random.lognormvariate(0, 1))
print(random.vonmisesvariate(1, 2), random.sample(range(1000000), 3))
for seed in [0, 1, -7, 2 ** 80, "hello", b"bytes", 3.5, "", "ünïcode"]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(0, 10 ** 12))
r = random.Random(123)
state = r.getstate()
first = [r.random() for _ in range(700)]
r.setstate(state)
print("state restored:", first == [r.random() for _ in range(700)], len(state[1]), state[0])
print(random.Random(5).random() == random.Random(5).random(), random.Random("x").randint(1, 6))
print(random.Random(9).sample([1, 2, 3], counts=[3, 2, 1], k=4))
for bad in [lambda: random.randrange(0), lambda: random.choice([]), lambda: random.sample([1], 2),
            lambda: random.randrange(1, 2, 0), lambda: random.randint(1.5, 3)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
