print([1][True], 'ab'[-True])
[1][2**100]
