#!/usr/bin/env python3
# -*- coding: latin-1 -*-
# The cookie on line 2 (after a #! line) makes every byte one Latin-1 character.
s = 'café ÿà'
print('len', len(s))
print('ords', [ord(c) for c in s[3:]])
print('upper', s.upper())
print('utf-8 bytes', len(s.encode('utf-8')))
# comment with a byte invalid in UTF-8: é
