d = {}
class K:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        d.clear()
        return False
d[K()] = 1
d[K()] = 2
print(len(d))
