class C:
    def __del__(self):
        raise RuntimeError('at exit')
c = C()
print('end')
