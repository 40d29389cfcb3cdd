import sys
print(sys.getsizeof(sys))
sys.getrefcount()
