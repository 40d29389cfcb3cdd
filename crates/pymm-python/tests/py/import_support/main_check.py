"""Prints what a module sees of itself, run as __main__ (python3 -m) or imported."""
print("main_check:", __name__, __package__)
if __name__ == "__main__":
    print("run as the main program")
