# warnings (filters, once/default/error actions, catch_warnings), threading's single-thread
# locks and main thread, atexit order, sys.exc_info and traceback.print_exception(file=).
import atexit
import io
import sys
import threading
import traceback
import warnings


def deprecated():
    warnings.warn("old api", DeprecationWarning, stacklevel=2)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("first")
    deprecated()
    warnings.warn(RuntimeWarning("as instance"))
print("caught:", [(w.category.__name__, str(w.message), w.lineno) for w in caught])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("default")
    for _ in range(3):
        warnings.warn("repeated")
print("default shows once per place:", len(caught))
with warnings.catch_warnings():
    warnings.simplefilter("error", UserWarning)
    try:
        warnings.warn("now an error")
    except UserWarning as e:
        print("raised:", type(e).__name__, e)
with warnings.catch_warnings(record=True) as caught:
    warnings.filterwarnings("ignore", message="skip")
    warnings.warn("skip me")
    warnings.warn("keep me")
print("filtered by message:", [str(w.message) for w in caught])
print("formatwarning:", warnings.formatwarning("m", UserWarning, "f.py", 3, "x = 1"), end="")
print("hierarchy:", issubclass(DeprecationWarning, Warning), issubclass(Warning, Exception),
      [c.__name__ for c in (UserWarning, FutureWarning, ResourceWarning)])
try:
    warnings.warn("bad", category=int)
except TypeError as e:
    print("TypeError:", e)

lock = threading.Lock()
print("lock:", lock.acquire(), lock.locked(), lock.acquire(False))
lock.release()
with lock:
    print("with lock:", lock.locked())
print("after with:", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
rlock = threading.RLock()
with rlock:
    with rlock:
        print("reentrant: ok")
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
main = threading.current_thread()
print("main thread:", main.name, main is threading.main_thread(), threading.active_count(),
      threading.get_ident() == main.ident)

try:
    {}["missing"]
except KeyError:
    kind, value, tb = sys.exc_info()
    print("exc_info:", kind.__name__, repr(value), type(tb).__name__, tb is value.__traceback__)
    out = io.StringIO()
    traceback.print_exception(kind, value, tb, None, out)
    text = out.getvalue().splitlines()
    print("print_exception to a file:", text[0], "|", text[-1])
    out = io.StringIO()
    traceback.print_exc(file=out)
    print("print_exc to a file:", out.getvalue().splitlines()[-1])
print("exc_info outside:", sys.exc_info())


@atexit.register
def last():
    print("atexit: registered first, runs last")


def first(tag, end="!"):
    print("atexit:", tag + end)


atexit.register(first, "registered second, runs first")
atexit.register(print, "unregistered")
atexit.unregister(print)
print("end of script")
