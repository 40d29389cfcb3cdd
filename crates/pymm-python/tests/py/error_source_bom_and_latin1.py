# coding: latin-1
print('a BOM says utf-8, the cookie disagrees')
