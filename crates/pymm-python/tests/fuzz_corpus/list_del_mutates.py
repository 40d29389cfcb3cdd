class K:
    def __del__(self):
        l.append(K())
        if len(l) > 100:
            l.clear()
l = [K() for i in range(10)]
l.clear()
print('ok')
