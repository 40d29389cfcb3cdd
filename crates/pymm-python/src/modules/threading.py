# pymm's threading module. pymm runs one thread: this module gives what single-threaded
# programs and libraries (logging, ...) use: Lock and RLock with CPython's ownership rules,
# the main thread, get_ident, local. Starting a new thread raises RuntimeError.

from os import getpid as _getpid

__all__ = ["get_ident", "get_native_id", "active_count", "Lock", "RLock", "Condition",
           "current_thread", "main_thread", "enumerate", "Thread", "local", "TIMEOUT_MAX",
           "ThreadError"]

TIMEOUT_MAX = 9223372036.0
ThreadError = RuntimeError


# the only thread's identifier: any nonzero number would do; the process id is one
_IDENT = _getpid()


def get_ident():
    return _IDENT


get_native_id = get_ident


class _Deadlock(RuntimeError):
    pass


class Lock:
    """A lock held by nobody or by the thread; a blocking acquire of a held lock could
    never return in a single thread, so it raises RuntimeError instead of hanging."""

    __slots__ = ("_held",)

    def __init__(self):
        self._held = False

    def acquire(self, blocking=True, timeout=-1):
        if not self._held:
            self._held = True
            return True
        if blocking and timeout < 0:
            raise _Deadlock("deadlock: acquiring a held Lock in pymm's only thread")
        return False

    __enter__ = acquire

    def release(self):
        if not self._held:
            raise RuntimeError("release unlocked lock")
        self._held = False

    def __exit__(self, *exc):
        self.release()

    def locked(self):
        return self._held

    def _at_fork_reinit(self):
        self._held = False

    def __repr__(self):
        state = "locked" if self._held else "unlocked"
        return f"<{state} _thread.lock object>"


allocate_lock = Lock


class RLock:
    """A reentrant lock: its owner may acquire it again; it is free after as many releases."""

    __slots__ = ("_count",)

    def __init__(self):
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        self._count += 1
        return True

    __enter__ = acquire

    def release(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1

    def __exit__(self, *exc):
        self.release()

    def _is_owned(self):
        return self._count > 0

    def _at_fork_reinit(self):
        self._count = 0

    def __repr__(self):
        state = "locked" if self._count else "unlocked"
        return f"<{state} _thread.RLock object owner={get_ident() if self._count else 0} count={self._count}>"


class Condition:
    """A condition over a lock; waiting for a notification no other thread can send raises."""

    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        if timeout is None:
            raise _Deadlock("deadlock: waiting on a Condition in pymm's only thread")
        return False

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if not result and timeout is None:
            raise _Deadlock("deadlock: waiting on a Condition in pymm's only thread")
        return result

    def notify(self, n=1):
        pass

    def notify_all(self):
        pass


class Thread:
    """A thread object; pymm has only the main thread, so start() raises RuntimeError."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        self._target = target
        self._args = args
        self._kwargs = kwargs or {}
        self.name = name or "Thread-%d" % _next_number()
        self.daemon = bool(daemon)
        self.ident = None
        self.native_id = None

    def start(self):
        raise RuntimeError("pymm cannot start threads (it runs one thread)")

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def join(self, timeout=None):
        raise RuntimeError("cannot join thread before it is started")

    def is_alive(self):
        return False

    def getName(self):
        return self.name

    def __repr__(self):
        return f"<{type(self).__name__}({self.name}, initial)>"


_counter = 0


def _next_number():
    global _counter
    _counter += 1
    return _counter


class _MainThread(Thread):
    def __init__(self):
        self.name = "MainThread"
        self.daemon = False
        self.ident = self.native_id = get_ident()

    def is_alive(self):
        return True

    def __repr__(self):
        return f"<_MainThread(MainThread, started {self.ident})>"


_main_thread = _MainThread()


def current_thread():
    return _main_thread


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    return 1


def enumerate():
    return [_main_thread]


class local:
    """Thread-local data: with one thread, a plain attribute namespace."""
