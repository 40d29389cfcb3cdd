# A failing assert with a message.
total = sum(range(10))
print("total:", total)
assert total == 46, "expected 46, got " + str(total)
