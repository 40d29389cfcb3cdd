# hashlib: md5, sha1 and the sha2 family; new(); HASH objects' update, digest, hexdigest,
# copy, name, digest_size, block_size; errors as CPython's.
import hashlib

NAMES = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
for name in NAMES:
    h = getattr(hashlib, name)()
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    h.update(b"The quick brown fox ")
    h.update(bytearray(b"jumps over the lazy dog"))
    print(name, h.hexdigest())
    print(name, getattr(hashlib, name)(b"abc").digest().hex())
    print(name, hashlib.new(name, b"abc").hexdigest() == getattr(hashlib, name)(b"abc").hexdigest())
    print(name, hashlib.new(name.upper()).name)

# a million bytes, fed in pieces, and the same at once
big = bytes(range(256)) * 4000
h = hashlib.sha256()
for start in range(0, len(big), 4096):
    h.update(big[start:start + 4096])
print(h.hexdigest() == hashlib.sha256(big).hexdigest(), hashlib.md5(big).hexdigest())

# copy is independent; digest does not end the hash
h = hashlib.md5(b"prefix")
twin = h.copy()
twin.update(b"-more")
print(h.hexdigest(), twin.hexdigest(), h.digest() == hashlib.md5(b"prefix").digest())
h.update(b"-more")
print(h.hexdigest() == twin.hexdigest())
print(type(h).__name__, type(h).__module__, repr(h).startswith("<md5 _hashlib.HASH object @ 0x"))
print(hashlib.md5(string=b"kw").hexdigest(), hashlib.sha1(b"", usedforsecurity=False).hexdigest())
print(sorted(set(NAMES) & hashlib.algorithms_guaranteed))
many = [hashlib.sha1(str(i).encode()) for i in range(100)]
print(many[42].hexdigest())
del many

for action in (lambda: hashlib.md5("text"), lambda: hashlib.sha256().update("text"),
               lambda: hashlib.md5(42), lambda: hashlib.new("nope"),
               lambda: hashlib.new(b"md5")):
    try:
        action()
    except (TypeError, ValueError) as error:
        print(type(error).__name__, error)
