# An exception instance and what it carries are released when the except block ends.
import sys

payload = ["payload"]
print("before:", sys.getrefcount(payload) - 1)
try:
    raise ValueError(payload)
except ValueError as err:
    print("inside except, args hold it:", sys.getrefcount(payload) - 1)
print("after the except block:", sys.getrefcount(payload) - 1)
try:
    err
except NameError:
    print("the except name is deleted at the end of the block")
saved = None
try:
    raise KeyError(payload)
except KeyError as e:
    saved = e
print("a saved exception keeps it:", sys.getrefcount(payload) - 1)
saved = None
print("released:", sys.getrefcount(payload) - 1)

class Carrier(Exception):
    def __init__(self, thing):
        super().__init__("carrier")
        self.thing = thing

try:
    raise Carrier(payload)
except Carrier as c:
    print("attribute of the exception:", c.thing is payload)
print("after:", sys.getrefcount(payload) - 1)
