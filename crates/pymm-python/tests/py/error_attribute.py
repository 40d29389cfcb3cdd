# An AttributeError on an instance.
class Block:
    def __init__(self):
        self.size = 16

b = Block()
print("size:", b.size)
print(b.capacity)
