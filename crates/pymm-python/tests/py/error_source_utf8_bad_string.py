# coding: utf-8
print('never printed')
s = 'abÿcd'
