# OSError(errno, strerror, ...) called on OSError itself makes the subclass for the errno,
# as CPython's OSError.__new__ does; a subclass called directly, or another shape of
# arguments, keeps the class it was called on.
import errno

for code in [errno.ECONNREFUSED, errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM,
             errno.EISDIR, errno.ENOTDIR, errno.ETIMEDOUT, errno.EAGAIN, errno.EPIPE,
             errno.ECONNRESET, errno.ECONNABORTED, errno.EINTR, errno.ECHILD, errno.ESRCH,
             errno.EINVAL, 0, 99999, -1]:
    e = OSError(code, "text")
    print(code, type(e).__name__, e.errno, e.strerror, e.args, isinstance(e, OSError))

e = OSError(errno.ENOENT, "No such file or directory", "missing.txt")
print(type(e).__name__, e.filename, str(e))
print(type(OSError(errno.ENOENT)).__name__)              # one argument: no mapping
print(type(OSError("2", "text")).__name__)               # errno not an int
print(type(OSError(True, "text")).__name__)              # bool is an int: EPERM is 1
print(type(ConnectionError(errno.ECONNREFUSED, "x")).__name__)  # subclasses are left alone
print(type(IOError(errno.EPIPE, "x")).__name__, IOError is OSError)

class MyError(OSError):
    pass

print(type(MyError(errno.ENOENT, "x")).__name__)

try:
    raise OSError(errno.ECONNREFUSED, "Connection refused")
except ConnectionRefusedError as err:
    print("caught", type(err).__name__, err)
import builtins
print(IOError is OSError, EnvironmentError is OSError, builtins.IOError is OSError)
