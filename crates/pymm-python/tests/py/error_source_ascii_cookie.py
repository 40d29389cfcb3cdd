# coding: us-ascii
print('never printed')
s = 'é'
