# Where a float zero keeps its sign: repr, arithmetic, %, //, divmod, round, float(), format.
z = -0.0
x = 0.0
print('literal', -0.0, repr(-0.0), str(-0.0), (-0.0, 0.0), [0.0, -0.0])
print('unary', -z, -x, +z, -(-0.0), -(-(-0.0)), - - 0.0)
print('mul', -0.0 * 5, 5 * -0.0, -0.0 * -5, x * -1, -1 * x, -0.0 * 10**30, 0.0 * -(10**30))
print('add sub', -0.0 + -0.0, -0.0 + 0.0, 0.0 - 0.0, -0.0 - 0.0, -0.0 - -0.0, z - 0, 0 - 0.0)
print('div', -0.0 / 2, 0.0 / -2, -0 / 5, -1 / float('inf'), 1 / -float('inf'))
print('underflow', -1e-300 * 1e-300, 1e-300 * -1e-300, -5e-324 / 2)
print('mod', 5.0 % -5.0, -5.0 % 5.0, -0.0 % 5.0, 0.0 % -5.0, -0.0 % -5.0, 6.0 % -3.0, -0.0 % 1)
print('mod int', -0.0 % -5, 0 % -1.0, 7 % -7.0, -7 % 7.0)
print('floordiv', -0.0 // 1.0, 0.0 // -1.0, 1.0 // -3.0, -1.0 // 3.0, 0.5 // -1.0, -0.5 // 1.0)
print('floordiv by inf', 3.0 // float('inf'), -3.0 // float('inf'), 3.0 // -float('inf'))
print('floordiv int', -0.0 // 5, 0 // -1.0, -0.0 // 1)
print('divmod', divmod(-0.0, 1.0), divmod(0.0, -1.0), divmod(5.0, -5.0), divmod(-5.0, 5.0))
print('divmod more', divmod(-0.0, -1.0), divmod(1.0, -3.0), divmod(-7.5, 2.5), divmod(-0.0, 5))
print('round', round(-0.0), round(-0.4), round(-0.5), round(-0.0, 1), round(-0.04, 1), round(-0.4, 0))
print('round more', round(-0.001, 2), round(-4.0, -1), round(-1e-20, 5), round(-0.0, -2), round(-0.25, 1))
print('float()', float('-0'), float('-0.0'), float('-0e5'), float(' -0.0 '), float(-0.0), float('-.0'))
print('int()', int(-0.0), int(-0.9), int(float('-0')), int('-0'))
print('pow', (-0.0) ** 1, (-0.0) ** 3, (-0.0) ** 2, pow(-0.0, 3), (-0.0) ** 0.5, (-1e-200) ** 3)
print('abs', abs(-0.0), -abs(0.0))
print('min max', min(0.0, -0.0), max(-0.0, 0.0), min(-0.0, 0.0), max(0.0, -0.0))
print('sum', sum([-0.0, -0.0]), sum([-0.0]), sum([], -0.0), sum([-0.0], -0.0))
print('equal', -0.0 == 0.0, hash(-0.0) == hash(0.0), bool(-0.0), -0.0 or 'falsy', -0.0 and 'x')
print('containers', {0.0: 'a', -0.0: 'b'}, {-0.0: 'x'}, {-0.0}, {-0.0, 0.0}, sorted([0.0, -0.0, -1.0]))
a = -0.0
a *= 1
print('augmented mul', a)
a = 0.0
a -= 0.0
print('augmented sub', a)
a = -0.0
a += 0.0
print('augmented add', a)
def f(v=-0.0):
    return v
print('default and lambda', f(), (lambda: -0.0)(), [-v for v in [0.0, 0]])
print('fstring', f'{-0.0}', f'{-0.0:.2f}', f'{-0.0:g}', f'{-0.0:e}', f'{-0.0:+}', f'{-0.001:.1f}', f'{-0.0!r}')
print('format', format(-0.0, '.3f'), format(-0.0, '10.1f'), format(-0.0, '<8'), format(-0.0, '%'), format(-1e-10, '.2f'))
print('format signs', '{:+.1f}'.format(-0.0), '{: .1f}'.format(-0.0), '{:06.2f}'.format(-0.0), '{:,}'.format(-0.0))
print('format g', format(-0.0, '.3g'), format(-0.0, 'G'), format(-0.0, 'E'), format(-0.0, '#g'), format(-0.0, '.0e'))
print('format z', format(-0.0, 'z.1f'), format(-0.04, 'z.1f'), f'{-0.0:z}', format(-1e-10, 'z.3e'), format(-0.001, 'z.0%'))
for value, spec in ((1, 'z'), ('s', 'z'), (True, 'z')):
    try:
        format(value, spec)
    except ValueError as e:
        print('format z error', type(value).__name__, e)
print('percent', '%f' % -0.0, '%.1f' % -0.04, '%g' % -0.0, '%r' % -0.0, '%s' % -0.0, '%e' % -0.0, '%d' % -0.0)
print('percent width', '%5.1f' % -0.0, '%+f' % -0.0, '%-6.1f|' % -0.0, '%06.1f' % -0.0, '%.0f' % -0.4)
