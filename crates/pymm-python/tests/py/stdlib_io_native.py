# io.StringIO and io.BytesIO where their write and read are native: the newline argument
# (translation on write, line ends on readline), empty writes after a seek past the end,
# write's return value, the order of type and closed checks, read's size argument,
# subclasses, a stream written into itself, and the calls print() and pickle make.
import io
import pickle


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


TEXT = "a\rb\r\nc\nd"
for newline in (None, "", "\n", "\r", "\r\n"):
    s = io.StringIO(newline=newline)
    show(f"write {newline!r}", lambda: s.write(TEXT))
    show(f"stored {newline!r}", s.getvalue)
    show(f"tell {newline!r}", s.tell)
    s.seek(0)
    show(f"lines {newline!r}", s.readlines)
    s = io.StringIO(TEXT, newline=newline)
    show(f"initial {newline!r}", lambda: (s.tell(), s.getvalue()))
    show(f"readline 2 {newline!r}", lambda: s.readline(2))
    show(f"iterated {newline!r}", lambda: list(io.StringIO(TEXT, newline=newline)))
show("newline int", lambda: io.StringIO(newline=1))
show("newline bad", lambda: io.StringIO(newline="x"))
show("newline bad before value", lambda: io.StringIO(5, newline="x"))
show("value int", lambda: io.StringIO(5))
s = io.StringIO(newline=None)
s.write("x\r")
s.write("\ny")
show("cr then lf in two writes", s.getvalue)

s = io.StringIO()
s.seek(5)
show("empty write past end", lambda: s.write(""))
show("nothing padded", lambda: (s.getvalue(), s.tell()))
show("write there", lambda: s.write("é"))
show("padded", lambda: (s.getvalue(), s.tell()))
s.seek(2)
show("overwrite inside", lambda: s.write("ΩΩ"))
show("after overwrite", lambda: (s.getvalue(), s.tell()))
s.seek(5)
show("overwrite past end", lambda: s.write("xyz"))
show("grown", lambda: (s.getvalue(), s.tell()))
show("truncate", lambda: s.truncate(3))
show("append after truncate", lambda: (s.seek(0, 2), s.write("!"), s.getvalue()))
s.close()
show("closed write int", lambda: s.write(1))
show("closed write str", lambda: s.write("x"))
show("write bytes", lambda: io.StringIO().write(b"x"))
show("write no argument", lambda: io.StringIO().write())
show("write two arguments", lambda: io.StringIO().write("a", "b"))
show("write on int", lambda: io.StringIO.write(1, "x"))
show("tell on int", lambda: io.StringIO.tell(1))
show("tell argument", lambda: io.StringIO().tell(1))
show("closed tell", s.tell)
show("closed getvalue", s.getvalue)
show("closed readline", s.readline)


class Sub(str):
    pass


s = io.StringIO()
show("write str subclass", lambda: s.write(Sub("sub")))
show("its value", lambda: (s.getvalue(), type(s.getvalue()).__name__))


class Log(io.StringIO):
    def __init__(self):
        super().__init__()
        self.lines = 0

    def write(self, text):
        self.lines += text.count("\n")
        return super().write(text)


log = Log()
print("one", 2, file=log)
print("three", file=log)
show("subclass through print", lambda: (log.getvalue(), log.lines))


class NoInit(io.StringIO):
    def __init__(self):
        pass


show("uninitialized write", lambda: NoInit().write("x"))

out = io.StringIO()
for i in range(300):
    print(i, i * i, sep=",", end=";\n" if i % 7 else "\n", file=out)
text = out.getvalue()
show("print into it", lambda: (len(text), text[:30], text[-20:]))

b = io.BytesIO()
b.seek(3)
show("bytes empty write past end", lambda: b.write(b""))
show("bytes nothing padded", lambda: (b.getvalue(), b.tell()))
show("bytes write there", lambda: b.write(bytearray(b"xy")))
show("bytes padded", lambda: (b.getvalue(), b.tell()))
b.seek(0)
show("read 0", lambda: b.read(0))
show("read 2", lambda: b.read(2))
show("read True", lambda: b.read(True))
show("read -5", lambda: b.read(-5))
show("read at end", lambda: b.read(1))
b.seek(1)
show("read None", lambda: b.read(None))
show("read str", lambda: b.read("x"))
show("read float", lambda: b.read(1.5))
show("read huge", lambda: b.read(2 ** 70))
show("read two arguments", lambda: b.read(1, 2))
show("write none", lambda: b.write(None))
show("write str", lambda: b.write("x"))
show("write no argument", lambda: b.write())
show("read on int", lambda: io.BytesIO.read(1))
show("write on int", lambda: io.BytesIO.write(1, b"x"))
b.close()
show("closed write int", lambda: b.write(1))
show("closed read str", lambda: b.read("x"))
show("closed read", lambda: b.read())
show("closed tell", b.tell)
show("tell on str", lambda: io.BytesIO.tell("x"))
show("read keyword", lambda: io.BytesIO(b"ab").read(size=1))


class Bytes(bytes):
    pass


b = io.BytesIO()
show("write bytes subclass", lambda: (b.write(Bytes(b"sub")), b.getvalue(), b.tell()))

data = {"a": [1, 2.5, "three", b"four", (5, None)], "b": {"x": True}}
for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    f = io.BytesIO()
    pickle.dump(data, f, protocol)
    f.seek(0)
    show(f"pickle round trip {protocol}", lambda: pickle.load(f) == data)
