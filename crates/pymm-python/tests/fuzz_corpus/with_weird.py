class M:
    def __enter__(self):
        raise ValueError('enter')
    def __exit__(self, *a):
        return True
with M():
    pass
