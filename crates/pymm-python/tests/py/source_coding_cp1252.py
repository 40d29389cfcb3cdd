# coding=windows-1252
# Windows-1252 puts typographic characters at 0x80..0x9f.
s = '€ ‘quoted’ — œ'
print('len', len(s))
print('ords', [hex(ord(c)) for c in s if ord(c) > 127])
