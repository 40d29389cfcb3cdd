# StringIO.newlines (the line ends seen, with newline None or "") and StringIO.seek's
# CPython errors (relative seeks only by 0, a negative absolute position, a bad whence).
import io


def show(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for newline in [None, "", "\n", "\r", "\r\n"]:
    for text in ["", "a\n", "a\r", "a\r\n", "a\nb\r", "a\nb\r\n", "a\rb\r\n", "a\nb\r\nc\rd"]:
        s = io.StringIO(text, newline=newline)
        print(repr(newline), repr(text), repr(s.newlines), repr(s.read()))

s = io.StringIO(newline=None)
print(repr(s.newlines))
s.write("x\r")
print(repr(s.newlines))
s.write("\ny")
print(repr(s.newlines), repr(s.getvalue()))
s.write("\r\n")
print(repr(s.newlines))
s.close()
show(lambda: s.newlines)

s = io.StringIO("abc")
for args in [(1, 1), (-1, 1), (0, 1), (0, 2), (1, 2), (5, 0), (-1, 0), (0, 3), (2,)]:
    show(lambda: s.seek(*args))
print(repr(s.read()), s.tell())
s.seek(10)
s.write("z")
print(repr(s.getvalue()))

b = io.BytesIO(b"abc")
for args in [(1, 1), (-1, 2), (-1, 0), (0, 3)]:
    show(lambda: b.seek(*args))
