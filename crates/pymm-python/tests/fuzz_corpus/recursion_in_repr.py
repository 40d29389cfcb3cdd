class C:
    def __repr__(self):
        return repr(self)

print(C())
