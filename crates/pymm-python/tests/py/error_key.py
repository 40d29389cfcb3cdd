# An uncaught KeyError shows the repr of the key.
table = {"small": 512}
print("small:", table["small"])
print("large:", table["large"])
