a = [3,2,1]
class K:
    def __init__(s, v): s.v = v
    def __lt__(s, o):
        a.append(1)
        return s.v < o.v
try:
    a.sort(key=K)
except ValueError as e:
    print(e)
print(len(a) > 0)
