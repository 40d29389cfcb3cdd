# selectors.DefaultSelector over a socketpair: register, select with timeouts, modify,
# unregister, get_key, get_map, close, and CPython's errors.
import selectors
import socket
import time

a, b = socket.socketpair()
a.setblocking(False)
b.setblocking(False)
sel = selectors.DefaultSelector()
print(selectors.EVENT_READ, selectors.EVENT_WRITE)
key = sel.register(a, selectors.EVENT_READ, "data-a")
print(type(key).__name__, key.fileobj is a, key.fd == a.fileno(), key.events, key.data)
print(sel.select(0))
t0 = time.monotonic()
print(sel.select(0.05))
print(time.monotonic() - t0 >= 0.05)
b.send(b"x")
ready = sel.select(1)
print([(k.data, ev) for k, ev in ready])
print(a.recv(10))
print(sel.select(0))

key = sel.modify(a, selectors.EVENT_READ | selectors.EVENT_WRITE, "both")
print(key.events, key.data)
print([(k.data, ev) for k, ev in sel.select(0)])
key = sel.modify(a, selectors.EVENT_READ | selectors.EVENT_WRITE, "renamed")
print(sel.get_key(a).data)
sel.register(b.fileno(), selectors.EVENT_WRITE, "b")
print(len(sel.get_map()), sorted(k.data for k in sel.get_map().values()))
print(sorted((k.data, ev) for k, ev in sel.select(0)))
print(sel.get_map()[a].data, a.fileno() in sel.get_map(), 12345 in sel.get_map())

for call, exc_type in [
    (lambda: sel.register(a, selectors.EVENT_READ), KeyError),
    (lambda: sel.register(a.fileno() + 1000, 0), ValueError),
    (lambda: sel.register(a.fileno() + 1000, 4), ValueError),
    (lambda: sel.register(-1, selectors.EVENT_READ), ValueError),
    (lambda: sel.register("x", selectors.EVENT_READ), ValueError),
    (lambda: sel.unregister(12345), KeyError),
    (lambda: sel.get_key(12345), KeyError),
    (lambda: sel.modify(12345, selectors.EVENT_READ), KeyError),
]:
    try:
        call()
    except exc_type as exc:
        print(type(exc).__name__, str(exc).replace(repr(a), "<a>").replace(f"FD {a.fileno()}", "FD n"))

print(sel.unregister(a).data)
print(len(sel.get_map()))
sel.close()
print(sel.get_map())
try:
    sel.get_key(b)
except RuntimeError as exc:
    print("RuntimeError", exc)

# a closed peer wakes a reader
with selectors.DefaultSelector() as sel2:
    sel2.register(a, selectors.EVENT_READ)
    b.close()
    print([ev for _, ev in sel2.select(1)], a.recv(10))
a.close()
