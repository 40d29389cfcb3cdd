# weakref.finalize callbacks still pending at exit are called then.
import weakref

class Resource:
    pass

def announce(name):
    print("finalizer called for", name)

kept = Resource()
weakref.finalize(kept, announce, "kept")
temp = Resource()
f = weakref.finalize(temp, announce, "temp")
del temp
print("temp's finalizer ran at death:", not f.alive)
print("end of the script")
