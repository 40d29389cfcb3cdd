# At exit the module's globals are released and the remaining finalizers run.
class Announce:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalized at exit:", self.name)

class Temporary:
    def __del__(self):
        print("temporary finalized before the end")

keeper = Announce("keeper")
t = Temporary()
del t
print("end of the script")
