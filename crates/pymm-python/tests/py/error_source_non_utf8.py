# No coding cookie: the source must be UTF-8, and line 3 is not.
print('never printed')
x = 'café'
