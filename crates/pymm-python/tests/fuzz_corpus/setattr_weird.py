class C: pass
c = C()
setattr(c, '', 1)
setattr(c, '1 2', 2)
print(getattr(c, ''), getattr(c, '1 2'))
try:
    setattr(c, 5, 1)
except TypeError as e:
    print(e)
