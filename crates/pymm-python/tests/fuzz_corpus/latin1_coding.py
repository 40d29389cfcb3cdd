# -*- coding: latin-1 -*-
x = 'é'
print(len(x))
