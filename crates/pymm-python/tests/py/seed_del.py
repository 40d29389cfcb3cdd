# Seed 4.2: del releases data at once when it was the last reference.
class LargeData:
    def __init__(self, n):
        self.items = list(range(n))

    def __del__(self):
        print("LargeData freed")

def load_large_data():
    return LargeData(100000)

def process_data(data):
    print("processing", len(data.items), "items, total", sum(data.items))

data = load_large_data()
process_data(data)
print("before del")
del data
print("after del")
again = load_large_data()
alias = again
del again
print("one reference remains: not freed yet")
del alias
print("done")
