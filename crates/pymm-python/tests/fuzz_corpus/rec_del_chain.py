class C:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        if self.n:
            C(self.n - 1)
C(5000)
print('ok')
