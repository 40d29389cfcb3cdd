src = 'x'
for i in range(3000):
    src = 'lambda: ' + src
print('skip')
