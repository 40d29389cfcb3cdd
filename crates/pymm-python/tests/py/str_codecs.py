# str.encode and bytes.decode with utf-8, latin-1, ascii and cp1252, the error handlers, CPython's UnicodeEncodeError/UnicodeDecodeError messages; repr escapes what is not printable.
s = "héllo €"
for enc in ["utf-8", "latin-1", "ascii", "cp1252", "UTF8", "iso-8859-1"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        try:
            print(enc, errors, s.encode(enc, errors))
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError:", e)
data = b"h\xc3\xa9llo \x80\xff"
for enc in ["utf-8", "latin-1", "ascii", "cp1252"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace"]:
        try:
            print(enc, errors, repr(data.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(enc, errors, "UnicodeDecodeError:", e)
for bad in [b"\xe9", b"\xc3", b"a\xc3(b", b"\xf0\x9f\x98"]:
    try:
        bad.decode()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
try:
    "x".encode("klingon")
except LookupError as e:
    print("LookupError:", e)
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeEncodeError, ValueError))
print("é".encode(encoding="latin-1"), b"\xe9".decode(encoding="latin-1"), "ok".encode(), b"ok".decode())
print(repr("a\x80\xa0\u200b\u2028\xad\xff\u3000x"), ["a b".isprintable(), "a\tb".isprintable(), "\xa0".isprintable()])
