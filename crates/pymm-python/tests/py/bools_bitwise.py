# bool & bool, bool | bool and bool ^ bool are bools; with an int operand the result is an int.
for a in (False, True):
    for b in (False, True):
        print('bool', a, b, '&', a & b, '|', a | b, '^', a ^ b, type(a & b).__name__, type(a ^ b).__name__)
print('with int', True & 1, True | 0, True ^ 1, 1 & True, 0 | False, type(True | 0).__name__, type(0 | False).__name__)
print('with big int', True | 2**70, type(False ^ 2**70).__name__)
print('arith stays int', True + True, True * False, True - True, type(True + False).__name__, True << 2, True >> 1)
print('invert', ~True, ~False, -True, +False, type(+True).__name__)
x = True
x &= False
print('augmented and', x, type(x).__name__)
x |= True
print('augmented or', x, type(x).__name__)
x ^= True
print('augmented xor', x, type(x).__name__)
x ^= 1
print('augmented xor int', x, type(x).__name__)
print('identity', (True & True) is True, (False | False) is False, (True ^ True) is False)
print('in expressions', [a ^ b for a in (False, True) for b in (False, True)])
print('comparisons', (1 < 2) & (2 < 3), (1 > 2) | (3 > 4), (1 == 1) ^ (2 == 2))
print('sum of bools', sum([True, True, False]), type(sum([True & True])).__name__)
print('repr', repr(True & False), str(True | False), f'{True ^ False}', '%s' % (False & True))
