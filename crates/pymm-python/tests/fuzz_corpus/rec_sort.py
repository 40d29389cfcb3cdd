class C:
    def __lt__(s, o):
        return sorted([s, o]) is None
try:
    sorted([C(), C()])
except RecursionError:
    print('rec')
