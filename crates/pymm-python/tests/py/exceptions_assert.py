# assert, and exceptions raised from builtins and operators.
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as err:
    print("assert message:", err)
try:
    assert False
except AssertionError as err:
    print("bare assert:", repr(err))
assert True, "never raised"
checks = [
    ("1 / 0", lambda: 1 / 0),
    ("1 % 0", lambda: 1 % 0),
    ("'a' + 1", lambda: "a" + 1),
    ("[1][3]", lambda: [1][3]),
    ("(1,)[1]", lambda: (1,)[1]),
    ("int('x')", lambda: int("x")),
    ("next(iter([]))", lambda: next(iter([]))),
    ("undefined", lambda: undefined_name),
    ("{}.pop(1)", lambda: {}.pop(1)),
    ("[].pop()", lambda: [].pop()),
    ("len(5)", lambda: len(5)),
    ("a, b = [1]", lambda: [a for a, b in [[1]]]),
]
for label, thunk in checks:
    try:
        thunk()
        print(label, "-> no error")
    except Exception as err:
        print(label, "->", type(err).__name__ + ":", err)
