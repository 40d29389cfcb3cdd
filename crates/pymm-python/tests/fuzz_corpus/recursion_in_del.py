class C:
    def __del__(self):
        C()

C()
print('survived')
