# An exception stored in a local of the frame it passed through makes a cycle
# (exception -> traceback -> frame -> local -> exception); gc.collect() frees it.
import gc

class Marker:
    def __del__(self):
        freed.append("marker")

freed = []

def trap():
    keep = Marker()
    try:
        raise ValueError("boom")
    except ValueError as err:
        caught = err
    return None

gc.disable()
gc.collect()
trap()
print("frame kept alive by the cycle:", freed)
print("collected something:", gc.collect() > 0)
print("after collect:", freed)

def no_cycle():
    keep = Marker()
    try:
        raise KeyError("k")
    except KeyError:
        pass

freed.clear()
no_cycle()
print("without storing the exception, freed at once:", freed)
gc.enable()
