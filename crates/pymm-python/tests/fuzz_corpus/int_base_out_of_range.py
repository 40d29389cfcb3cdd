print(int("1", 37))
