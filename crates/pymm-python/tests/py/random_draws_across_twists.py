# Draws read the generator state word by word and regenerate it every 624 words: the values
# across twists, after getstate/setstate and for wide getrandbits are CPython's.
import random
random.seed(12345)
a = [random.random() for _ in range(2000)]
print(a[0], a[311], a[312], a[623], a[624], a[1999])
s = random.getstate()
b = [random.getrandbits(k) for k in (1, 31, 32, 33, 64, 100, 1000)]
random.setstate(s)
print(b == [random.getrandbits(k) for k in (1, 31, 32, 33, 64, 100, 1000)], b[-1] % 1000003)
print([random.randrange(100) for _ in range(700)][-5:])
r = random.Random("abc")
print(r.random(), r.choice("abcdef"))
st = list(random.getstate())
bad = list(st[1]); bad[-1] = 5; bad[5] = -1
