# return at module level is a SyntaxError found before anything runs.
print("never printed")
return 5
