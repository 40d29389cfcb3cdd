# io.BytesIO's native readline, and the position its native read, write and readline move
# (kept in the stream's int, which may be rewritten in place): positions past the small
# ints, a position a program holds while the stream moves on, seeks, tell(), readline's
# size argument and its errors, a closed stream, subclasses, and pickle's frames.
import io
import pickle


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


data = b"".join(b"line %d\n" % i for i in range(200)) + b"tail without end"
f = io.BytesIO(data)
held = []
lines = 0
while True:
    line = f.readline()
    if not line:
        break
    lines += 1
    if lines % 50 == 0:
        held.append(f.tell())
print("lines", lines, "held positions", held, "end", f.tell())
f.seek(0)
show("readline 3", lambda: f.readline(3))
show("readline None", lambda: f.readline(None))
show("readline -1", lambda: f.readline(-1))
show("readline 0", lambda: f.readline(0))
show("readline True", lambda: f.readline(True))
show("readline float", lambda: f.readline(1.5))
show("readline str", lambda: f.readline("2"))
show("readline big", lambda: f.readline(2 ** 70))
show("tell", f.tell)
f.seek(len(data) + 10)
show("readline past end", f.readline)
show("tell past end", f.tell)
f.seek(300)
p = f.tell()
show("read 5", lambda: f.read(5))
show("held tell unchanged", lambda: p)
show("tell after read", f.tell)
show("readline method", lambda: io.BytesIO.readline(f))


class Other:
    pass


show("readline wrong self", lambda: io.BytesIO.readline(Other()))
show("read wrong self", lambda: io.BytesIO.read(Other(), 1))
show("write wrong self", lambda: io.BytesIO.write(Other(), b"x"))
show("tell wrong self", lambda: io.BytesIO.tell(Other()))
show("readline not an instance", lambda: io.BytesIO.readline(5))
print("readlines", len(io.BytesIO(data).readlines()), list(io.BytesIO(b"a\nb"))[-1])
f.close()
show("readline closed", f.readline)
show("readline closed bad size", lambda: f.readline("x"))

w = io.BytesIO()
marks = []
for i in range(1000):
    w.write(b"abc")
    if i % 250 == 0:
        marks.append(w.tell())
print("written", w.tell(), marks, len(w.getvalue()))
w.seek(100)
t = w.tell()
w.write(b"XYZ")
print("after overwrite", t, w.tell(), w.getvalue()[98:106])


class Logged(io.BytesIO):
    def readline(self, size=-1):
        line = super().readline(size)
        return line.upper()


print("subclass", list(Logged(b"ab\ncd\n")), Logged(b"xy\nz").readline(1))
obj = {"k%d" % i: [i, str(i) * 3, (i, -i), i * 1.5] for i in range(300)}
for proto in range(6):
    blob = pickle.dumps(obj, proto)
    print("pickle", proto, len(blob), pickle.loads(blob) == obj)
