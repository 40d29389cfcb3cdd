def f():
    global x
    del x
f()
