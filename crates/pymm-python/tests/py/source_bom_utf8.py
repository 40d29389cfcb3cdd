# coding: utf-8
# A UTF-8 BOM is skipped; a utf-8 cookie may follow it.
s = 'naÃ¯ve æ—¥æœ¬'
print('len', len(s))
print('first line is a comment', True)
print('ords', [ord(c) for c in s[-2:]])
# bad bytes in a comment of a declared UTF-8 file are ignored: ÿþ
print('after the bad comment')
