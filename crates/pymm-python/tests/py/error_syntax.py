# A syntax error: nothing runs, SyntaxError on stderr, exit code 1.
print("never printed: the file does not compile")
x = = 1
