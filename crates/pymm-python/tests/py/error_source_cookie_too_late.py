# A cookie after a line of code does not count.
x = 1
# -*- coding: latin-1 -*-
y = 'é'
