# A small object model: accounts, transfers with exceptions, a ledger of tuples.
class InsufficientFunds(Exception):
    pass

class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self.owner + " has only " + str(self.balance))
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return "Account(" + self.owner + ", " + str(self.balance) + ")"

def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as err:
        return "refused: " + str(err)
    dst.deposit(amount)
    return "ok"

alice = Account("alice", 100)
bob = Account("bob")
print(transfer(alice, bob, 30))
print(transfer(bob, alice, 50))
print(transfer(bob, alice, 10))
print(alice, bob)
print("alice history:", alice.history)
try:
    bob.deposit(-5)
except ValueError as err:
    print("ValueError:", err)
accounts = sorted([alice, bob, Account("carol", 55)], key=lambda a: -a.balance)
print("richest first:", [a.owner for a in accounts])
print("total:", sum(a.balance for a in accounts))
