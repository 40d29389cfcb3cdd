x = 5
print(f'{x:{x}{x}}', f'{x!r:>{x}}')
print(f'{x:q}')
