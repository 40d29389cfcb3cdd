# pymm's asyncio, after CPython 3.11's Lib/asyncio (futures.py, tasks.py, base_events.py,
# locks.py, queues.py, timeouts.py, taskgroups.py, runners.py) in one module: a single-threaded
# event loop with a ready queue of callbacks and a heap of timers, futures and tasks with
# callbacks and cancellation, the synchronisation primitives, and (after selector_events.py,
# transports.py, protocols.py and streams.py) the selector loop's socket I/O: readers and
# writers, sock_* calls, TCP transports with flow control, servers and streams, and TLS over
# them (sslproto.py's SSLProtocol, on pymm's ssl). No UDP transports, pipes, subprocesses,
# signals or threads: pymm runs one thread.

import _asyncio_future
import _asyncio_loop
import _asyncio_task
import collections
import contextvars
import functools as _functools
import heapq
import time as _time
import types as _types
import weakref as _weakref

__all__ = [
    "AbstractEventLoop", "BaseEventLoop", "CancelledError", "Event", "Future", "Handle",
    "InvalidStateError", "LimitOverrunError", "Lock", "PriorityQueue", "Queue", "QueueEmpty",
    "QueueFull", "LifoQueue", "Semaphore", "BoundedSemaphore", "Condition", "Task",
    "TaskGroup", "TimeoutError", "Timeout", "TimerHandle", "all_tasks", "as_completed",
    "create_task", "current_task", "ensure_future", "gather", "get_event_loop",
    "get_running_loop", "iscoroutine", "iscoroutinefunction", "isfuture", "new_event_loop",
    "run", "Runner", "set_event_loop", "shield", "sleep", "timeout", "timeout_at", "wait",
    "wait_for", "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED",
    "BaseSelectorEventLoop", "SelectorEventLoop", "AbstractServer", "Server", "BaseTransport",
    "ReadTransport", "WriteTransport", "Transport", "BaseProtocol", "Protocol",
    "BufferedProtocol", "StreamReader", "StreamWriter", "StreamReaderProtocol",
    "IncompleteReadError", "open_connection", "start_server",
]


# ---- exceptions (asyncio/exceptions.py)

class CancelledError(BaseException):
    """The Future or Task was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class LimitOverrunError(Exception):
    """Reached the buffer limit while looking for a separator."""

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""


# ---- coroutine helpers (asyncio/coroutines.py)

def iscoroutinefunction(func):
    """Whether func is a coroutine function (an async def)."""
    code = getattr(func, "__code__", None)
    return code is not None and bool(code.co_flags & 0x180)


def iscoroutine(obj):
    """Whether obj is a coroutine object."""
    return type(obj) is _types.CoroutineType or (
        type(obj) is _types.GeneratorType and bool(obj.gi_code.co_flags & 0x100))


# ---- handles (asyncio/events.py)

class Handle:
    """A callback scheduled on the loop, which cancel() takes back."""

    __slots__ = ("_callback", "_args", "_cancelled", "_loop", "_context", "__weakref__")

    def __init__(self, callback, args, loop, context=None):
        if context is None:
            context = contextvars.copy_context()
        self._context = context
        self._loop = loop
        self._callback = callback
        self._args = args
        self._cancelled = False

    def __repr__(self):
        info = [self.__class__.__name__]
        if self._cancelled:
            info.append("cancelled")
        if self._callback is not None:
            info.append(getattr(self._callback, "__qualname__", repr(self._callback)))
        return "<{}>".format(" ".join(info))

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        # BaseEventLoop._run_once runs its handles with these lines written out
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._report(exc)
        self = None

    def _report(self, exc):
        self._loop.call_exception_handler({
            "message": f"Exception in callback {_format_callback_source(self._callback, self._args)}",
            "exception": exc,
            "handle": self,
        })


class TimerHandle(Handle):
    """A callback scheduled for a time on the loop's clock."""

    __slots__ = ("_scheduled", "_when")

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(callback, args, loop, context)
        self._when = when
        self._scheduled = False

    def __hash__(self):
        return hash(self._when)

    def __lt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when or self.__eq__(other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when or self.__eq__(other)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, TimerHandle):
            return (self._when == other._when and self._callback == other._callback
                    and self._args == other._args and self._cancelled == other._cancelled)
        return NotImplemented

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_handle_cancelled(self)
        super().cancel()

    def when(self):
        return self._when


# ---- the event loop (asyncio/base_events.py)

_running_loop = None
_event_loop = None

_MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5
_MIN_SCHEDULED_TIMER_HANDLES = 100
_MAXIMUM_SELECT_TIMEOUT = 24 * 3600


class AbstractEventLoop:
    """The interface of event loops."""


class BaseEventLoop(AbstractEventLoop):
    """An event loop: callbacks ready to run, and timers ordered by when they are due."""

    def __init__(self):
        # a list, swapped for a new one by each _run_once: its callbacks are run in order
        # by _asyncio_loop.run_handles (pymm's collections.deque is Python code, whose
        # append and popleft were three Python calls per callback)
        self._ready = []
        self._scheduled = []
        self._timer_cancelled_count = 0
        self._stopping = False
        self._closed = False
        self._running = False
        self._task_factory = None
        self._exception_handler = None
        self._debug = False
        self._asyncgens = set()

    def __repr__(self):
        return (f"<{self.__class__.__name__} running={self.is_running()} "
                f"closed={self.is_closed()} debug={self.get_debug()}>")

    def time(self):
        return _time.monotonic()

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()

    def stop(self):
        self._stopping = True

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        if self._closed:
            raise RuntimeError("Event loop is closed")
        if self._task_factory is None:
            task = Task(coro, loop=self, name=name, context=context)
        elif context is None:
            task = self._task_factory(self, coro)
        else:
            task = self._task_factory(self, coro, context=context)
        if name is not None and isinstance(task, Task):
            task.set_name(name)
        return task

    def set_task_factory(self, factory):
        if factory is not None and not callable(factory):
            raise TypeError("task factory must be a callable or None")
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    # call_soon(callback, *args, context=None): a Handle made and appended to self._ready
    # in Rust (no Python frame for call_soon or Handle.__init__: a few run per task)
    call_soon = _asyncio_loop.call_soon

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError("delay must not be None")
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = TimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    def run_forever(self):
        self._check_closed()
        global _running_loop
        if self._running:
            raise RuntimeError("This event loop is already running")
        if _running_loop is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._running = True
        _running_loop = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            _running_loop = None

    def run_until_complete(self, future):
        self._check_closed()
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()

    def _run_once(self):
        """One iteration: drop cancelled timers, move the due ones to the ready queue
        (sleeping until the first is due when nothing is ready), run what was ready."""
        scheduled = self._scheduled
        if (len(scheduled) > _MIN_SCHEDULED_TIMER_HANDLES
                and self._timer_cancelled_count / len(scheduled)
                > _MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            kept = []
            for handle in scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    kept.append(handle)
            heapq.heapify(kept)
            self._scheduled = scheduled = kept
            self._timer_cancelled_count = 0
        else:
            while scheduled and scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(scheduled)
                handle._scheduled = False
        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif scheduled:
            timeout = min(max(0, scheduled[0]._when - self.time()), _MAXIMUM_SELECT_TIMEOUT)
        self._wait(timeout)
        end_time = self.time()
        while scheduled:
            handle = scheduled[0]
            if handle._when > end_time:
                break
            handle = heapq.heappop(scheduled)
            handle._scheduled = False
            self._ready.append(handle)
        ready = self._ready
        if ready:
            # the callbacks ready now; those they schedule run in the next iteration
            self._ready = []
            # Handle._run for each in Rust: the handle's context entered without a Python
            # frame; a SystemExit or KeyboardInterrupt puts the handles not run yet back in
            # front of self._ready and propagates
            _asyncio_loop.run_handles(self, ready)

    def _wait(self, timeout):
        """Waits `timeout` seconds for the first timer (None: no timer is due, nothing to
        wait for); the selector loop waits on its I/O instead."""
        if timeout:
            _time.sleep(timeout)

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f"A callable object or None is expected, got {handler!r}")
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        import sys
        message = context.get("message") or "Unhandled exception in event loop"
        lines = [message]
        for key in sorted(context):
            if key in {"message", "exception"}:
                continue
            lines.append(f"{key}: {context[key]!r}")
        exception = context.get("exception")
        if exception is not None:
            lines.append(f"{type(exception).__name__}: {exception}")
        print("\n".join(lines), file=sys.stderr)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self.default_exception_handler({
                    "message": "Unhandled error in exception handler",
                    "exception": exc,
                    "context": context,
                })

    async def shutdown_asyncgens(self):
        closing = list(self._asyncgens)
        self._asyncgens.clear()
        for agen in closing:
            await agen.aclose()

    async def shutdown_default_executor(self):
        return None


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()


def get_running_loop():
    """The running event loop; RuntimeError when none runs."""
    if _running_loop is None:
        raise RuntimeError("no running event loop")
    return _running_loop


def _get_running_loop():
    return _running_loop


def get_event_loop():
    """The running loop, else the current one (made on first use)."""
    global _event_loop
    if _running_loop is not None:
        return _running_loop
    if _event_loop is None:
        _event_loop = new_event_loop()
    return _event_loop


def set_event_loop(loop):
    global _event_loop
    _event_loop = loop


def new_event_loop():
    return _UnixSelectorEventLoop()


# ---- futures (asyncio/futures.py)

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"


def isfuture(obj):
    """Whether obj is a Future (or duck-types one)."""
    return (hasattr(obj.__class__, "_asyncio_future_blocking")
            and obj._asyncio_future_blocking is not None)


class Future:
    """The result of an operation, set later; awaiting it suspends until then."""

    _state = _PENDING
    _result = None
    _exception = None
    _loop = None
    _cancel_message = None
    _cancelled_exc = None
    _asyncio_future_blocking = False
    _log_traceback = False

    def __init__(self, *, loop=None):
        self._loop = get_event_loop() if loop is None else loop
        self._callbacks = []

    def __repr__(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f"exception={self._exception!r}")
            else:
                info.append(f"result={self._result!r}")
        return "<{} {}>".format(self.__class__.__name__, " ".join(info))

    def get_loop(self):
        loop = self._loop
        if loop is None:
            raise RuntimeError("Future object is not initialized.")
        return loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            exc = CancelledError()
        else:
            exc = CancelledError(self._cancel_message)
        return exc

    def cancel(self, msg=None):
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self.__schedule_callbacks()
        return True

    def __schedule_callbacks(self):
        callbacks = self._callbacks
        if not callbacks:
            return
        self._callbacks = []
        loop = self._loop
        for callback, ctx in callbacks:
            loop.call_soon(callback, self, context=ctx)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception.with_traceback(self._exception.__traceback__)
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        self._log_traceback = False
        return self._exception

    # add_done_callback(fn, *, context=None) in Rust: it runs once or more per task
    add_done_callback = _asyncio_future.add_done_callback

    def remove_done_callback(self, fn):
        filtered = [(f, ctx) for (f, ctx) in self._callbacks if f != fn]
        removed_count = len(self._callbacks) - len(filtered)
        if removed_count:
            self._callbacks[:] = filtered
        return removed_count

    # set_result(result) in Rust, its callbacks scheduled there: it runs once per task
    set_result = _asyncio_future.set_result

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError("invalid state")
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators "
                            "and cannot be raised into a Future")
        self._exception = exception
        self._state = _FINISHED
        self.__schedule_callbacks()
        self._log_traceback = True

    def __await__(self):
        if self._state == _PENDING:
            self._asyncio_future_blocking = True
            yield self
        if self._state == _PENDING:
            raise RuntimeError("await wasn't used with future")
        # Future's own result(), not a subclass's: CPython's FutureIter reads the state
        return Future.result(self)

    __iter__ = __await__


def _format_callback(func, args):
    """A callback and its arguments as format_helpers._format_callback writes them."""
    suffix = ""
    kwargs = None
    while isinstance(func, _functools.partial):
        suffix = _format_args(args, kwargs) + suffix
        func, args, kwargs = func.func, func.args, func.keywords
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None)
    return (name or repr(func)) + _format_args(args, kwargs) + suffix


def _format_args(args, kwargs):
    items = [repr(arg) for arg in args or ()]
    if kwargs:
        items.extend(f"{k}={v!r}" for k, v in kwargs.items())
    return "({})".format(", ".join(items))


def _format_callback_source(func, args):
    """format_helpers._format_callback_source: the callback, then where it is defined."""
    text = _format_callback(func, args)
    source = func
    while isinstance(source, _functools.partial):
        source = source.func
    code = getattr(source, "__code__", None)
    if type(source) is _types.FunctionType and code is not None:
        text += f" at {code.co_filename}:{code.co_firstlineno}"
    return text


def _format_coroutine(coro):
    """A task's coroutine as coroutines._format_coroutine writes it."""
    name = (getattr(coro, "__qualname__", None) or getattr(coro, "__name__", None)
            or f"<{type(coro).__name__} without __name__>") + "()"
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if not code:
        running = getattr(coro, "cr_running", None) or getattr(coro, "gi_running", False)
        return f"{name} running" if running else name
    frame = getattr(coro, "gi_frame", None) or getattr(coro, "cr_frame", None)
    filename = code.co_filename or "<empty co_filename>"
    if frame is not None:
        return f"{name} running at {filename}:{frame.f_lineno}"
    return f"{name} done, defined at {filename}:{code.co_firstlineno}"


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


def _copy_future_state(source, dest):
    """Copies the state of the done future source into dest."""
    assert source.done()
    if dest.cancelled():
        return
    assert not dest.done()
    if source.cancelled():
        dest.cancel()
    else:
        exception = source.exception()
        if exception is not None:
            dest.set_exception(exception)
        else:
            dest.set_result(source.result())


# ---- tasks (asyncio/tasks.py)

_current_tasks = {}
_all_tasks = set()
_task_name_counter = 0


_CoroutineType = _types.CoroutineType
# contextvars.copy_context in Rust: futures and tasks copy the context once each
_copy_context = _asyncio_loop.copy_context


def current_task(loop=None):
    """The task running now on loop (the running loop by default), or None."""
    if loop is None:
        loop = get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    """The tasks of loop not done yet."""
    if loop is None:
        loop = get_running_loop()
    return {t for t in list(_all_tasks) if t.get_loop() is loop and not t.done()}


def _enter_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not None:
        raise RuntimeError(f"Cannot enter into task {task!r} while another "
                           f"task {current!r} is being executed.")
    _current_tasks[loop] = task


def _leave_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not task:
        raise RuntimeError(f"Leaving task {task!r} does not match "
                           f"the current task {current!r}.")
    del _current_tasks[loop]


class Task(Future):
    """A coroutine driven by the loop: each step runs it to its next await of a future."""

    _log_destroy_pending = True

    def __init__(self, coro, *, loop=None, name=None, context=None):
        self._loop = get_event_loop() if loop is None else loop
        self._callbacks = []
        if type(coro) is not _CoroutineType and not iscoroutine(coro):
            self._log_destroy_pending = False
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        if name is None:
            # the number is taken now, its text made when asked for (as CPython 3.12 does):
            # most tasks are never named
            global _task_name_counter
            _task_name_counter += 1
            self._name = _task_name_counter
        else:
            self._name = str(name)
        self._num_cancels_requested = 0
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        self._context = _copy_context() if context is None else context
        self._loop.call_soon(self.__step, context=self._context)
        _all_tasks.add(self)

    def __repr__(self):
        # base_tasks._task_repr_info's order: state, name, coroutine, awaited future
        info = [self._state.lower()]
        if self._num_cancels_requested and self._state == _PENDING:
            info[0] = "cancelling"
        info.append(f"name={self.get_name()!r}")
        info.append(f"coro=<{_format_coroutine(self._coro)}>")
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f"exception={self._exception!r}")
            else:
                info.append(f"result={self._result!r}")
        if self._fut_waiter is not None:
            info.append(f"wait_for={self._fut_waiter!r}")
        return "<{} {}>".format(self.__class__.__name__, " ".join(info))

    def get_coro(self):
        return self._coro

    def get_context(self):
        return self._context

    def get_name(self):
        name = self._name
        if type(name) is int:
            self._name = name = f"Task-{name}"
        return name

    def set_name(self, value):
        self._name = str(value)

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def cancel(self, msg=None):
        self._log_traceback = False
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    # __step(exc=None) and __wakeup(future) in Rust, as CPython's _asyncio has them: one
    # step of the coroutine (sent None or thrown exc) as the loop's current task, the task
    # finished or set to wait for the future the coroutine yielded; no Python frame of
    # theirs runs per step (nor shows in a traceback)
    __step = _asyncio_task.step
    __wakeup = _asyncio_task.wakeup


def create_task(coro, *, name=None, context=None):
    """Schedules the coroutine as a Task on the running loop."""
    loop = get_running_loop()
    return loop.create_task(coro, name=name, context=context)


def ensure_future(coro_or_future, *, loop=None):
    """A Future for the argument: a future as it is, a coroutine or awaitable as a Task."""
    if type(coro_or_future) is _CoroutineType:
        # the common case first: a coroutine is no future, and isfuture's failed class
        # lookup would cost an AttributeError made and dropped
        if loop is None:
            loop = get_event_loop()
        try:
            return loop.create_task(coro_or_future)
        except RuntimeError:
            coro_or_future.close()
            raise
    if isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future.get_loop():
            raise ValueError("The future belongs to a different loop than "
                             "the one specified as the loop argument")
        return coro_or_future
    should_close = True
    if not iscoroutine(coro_or_future):
        if hasattr(coro_or_future, "__await__"):
            coro_or_future = _wrap_awaitable(coro_or_future)
            should_close = False
        else:
            raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")
    if loop is None:
        loop = get_event_loop()
    try:
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if should_close:
            coro_or_future.close()
        raise


@_types.coroutine
def _wrap_awaitable(awaitable):
    return (yield from awaitable.__await__())


@_types.coroutine
def __sleep0():
    yield


async def sleep(delay, result=None):
    """Suspends the calling task for delay seconds (0: lets the others run once)."""
    if delay <= 0:
        await __sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


class _GatheringFuture(Future):
    """The future gather() returns: cancelling it cancels the children."""

    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    """A future of the results of the awaitables, in their order."""
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer._state != _PENDING:
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if (type(fut) is Task or type(fut) is Future) and fut._state == _FINISHED:
                # fut.exception() read in place for asyncio's own futures: this runs
                # once per child of every gather
                fut._log_traceback = False
                if fut._exception is not None:
                    outer.set_exception(fut._exception)
                    return
            elif fut.cancelled():
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return
        if nfinished == nfuts:
            results = []
            for fut in children:
                if (type(fut) is Task or type(fut) is Future) and fut._state == _FINISHED:
                    # exception() and result() read in place, as above
                    fut._log_traceback = False
                    res = fut._exception
                    if res is None:
                        res = fut._result
                elif fut.cancelled():
                    res = CancelledError(
                        "" if fut._cancel_message is None else fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)
            if outer._cancel_requested:
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            if fut is not arg:
                fut._log_destroy_pending = False
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[arg]
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    return outer


def shield(arg):
    """Awaits arg, protecting it from the cancellation of the awaiting task."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures or tasks fs: returns (done, pending)."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f"Invalid return_when value: {return_when}")
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


async def _wait(fs, timeout, return_when, loop):
    assert fs, "Set of Futures is empty."
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED
                or return_when == FIRST_EXCEPTION and (not f.cancelled()
                                                        and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()
    cb = lambda f: _release_waiter(waiter)  # noqa: E731
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    """Awaits fut, cancelling it and raising TimeoutError after timeout seconds."""
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = lambda f: _release_waiter(waiter)  # noqa: E731
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def as_completed(fs, *, timeout=None):
    """An iterator of awaitables, each giving the next result to complete."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    loop = get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    done = Queue()
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


# ---- timeouts (asyncio/timeouts.py)

class _TimeoutState:
    CREATED = "created"
    ENTERED = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    EXITED = "finished"


class Timeout:
    """An async context manager that cancels its body after a deadline."""

    def __init__(self, when):
        self._state = _TimeoutState.CREATED
        self._timeout_handler = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        assert self._state is not _TimeoutState.CREATED
        if self._state is not _TimeoutState.ENTERED:
            raise RuntimeError(f"Cannot change state of {self._state} Timeout")
        self._when = when
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in (_TimeoutState.EXPIRING, _TimeoutState.EXPIRED)

    def __repr__(self):
        info = [""]
        if self._state is _TimeoutState.ENTERED:
            when = round(self._when, 3) if self._when is not None else None
            info.append(f"when={when}")
        return f"<Timeout [{self._state}]{' '.join(info)}>"

    async def __aenter__(self):
        self._state = _TimeoutState.ENTERED
        self._task = current_task()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        assert self._state in (_TimeoutState.ENTERED, _TimeoutState.EXPIRING)
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state is _TimeoutState.EXPIRING:
            self._state = _TimeoutState.EXPIRED
            if self._task.uncancel() == 0 and exc_type is CancelledError:
                raise TimeoutError
        elif self._state is _TimeoutState.ENTERED:
            self._state = _TimeoutState.EXITED
        return None

    def _on_timeout(self):
        assert self._state is _TimeoutState.ENTERED
        self._task.cancel()
        self._state = _TimeoutState.EXPIRING
        self._timeout_handler = None


def timeout(delay):
    """A Timeout that expires delay seconds from now (None: never)."""
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    """A Timeout that expires at when, on the loop's clock."""
    return Timeout(when)


# ---- task groups (asyncio/taskgroups.py)

class TaskGroup:
    """Runs tasks together: leaving the block awaits them all; one failing cancels the rest."""

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        self._tasks = set()
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    def __repr__(self):
        info = [""]
        if self._tasks:
            info.append(f"tasks={len(self._tasks)}")
        if self._errors:
            info.append(f"errors={len(self._errors)}")
        if self._aborting:
            info.append("cancelling")
        elif self._entered:
            info.append("entered")
        return f"<TaskGroup{' '.join(info)}>"

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has been already entered")
        self._entered = True
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent_task = current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError(f"TaskGroup {self!r} cannot determine the parent task")
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        propagate_cancellation_error = None
        if (exc is not None and self._is_base_error(exc) and self._base_error is None):
            self._base_error = exc
        if et is not None:
            if et is CancelledError:
                if self._parent_cancel_requested and not self._parent_task.uncancel():
                    pass
                else:
                    propagate_cancellation_error = exc
            if not self._aborting:
                self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None
        assert not self._tasks
        if self._base_error is not None:
            raise self._base_error
        if propagate_cancellation_error and not self._errors:
            raise propagate_cancellation_error
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            errors = self._errors
            self._errors = None
            raise BaseExceptionGroup("unhandled errors in a TaskGroup", errors)

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has not been entered")
        if self._exiting and not self._tasks:
            raise RuntimeError(f"TaskGroup {self!r} is finished")
        if self._aborting:
            raise RuntimeError(f"TaskGroup {self!r} is shutting down")
        if context is None:
            task = self._loop.create_task(coro)
        else:
            task = self._loop.create_task(coro, context=context)
        if name is not None:
            task.set_name(name)
        task.add_done_callback(self._on_task_done)
        self._tasks.add(task)
        return task

    def _is_base_error(self, exc):
        assert isinstance(exc, BaseException)
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        if self._parent_task.done():
            self._loop.call_exception_handler({
                "message": f"Task {task!r} has errored out but its parent "
                           f"task {self._parent_task} is already completed",
                "exception": exc,
                "task": task,
            })
            return
        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()


# ---- synchronisation primitives (asyncio/locks.py)

class _ContextManagerMixin:
    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Lock(_ContextManagerMixin):
    """A mutual-exclusion lock for tasks: acquire() waits while another holds it."""

    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        extra = "locked" if self._locked else "unlocked"
        if self._waiters:
            extra = f"{extra}, waiters:{len(self._waiters)}"
        return f"<{self.__class__.__name__} [{extra}]>"

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None
                                 or all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = collections.deque()
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError("Lock is not acquired.")

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = next(iter(self._waiters))
        if not fut.done():
            fut.set_result(True)


class Event:
    """A flag tasks can wait for: set() wakes them all."""

    def __init__(self):
        self._waiters = collections.deque()
        self._value = False

    def __repr__(self):
        extra = "set" if self._value else "unset"
        if self._waiters:
            extra = f"{extra}, waiters:{len(self._waiters)}"
        return f"<{self.__class__.__name__} [{extra}]>"

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin):
    """A condition variable over a Lock."""

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = collections.deque()

    async def wait(self):
        if not self.locked():
            raise RuntimeError("cannot wait on un-acquired lock")
        self.release()
        try:
            fut = get_running_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    cancelled = True
            if cancelled:
                raise CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError("cannot notify on un-acquired lock")
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin):
    """A counter of permits: acquire() waits while none is left."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value

    def __repr__(self):
        extra = "locked" if self.locked() else f"unlocked, value:{self._value}"
        if self._waiters:
            extra = f"{extra}, waiters:{len(self._waiters)}"
        return f"<{self.__class__.__name__} [{extra}]>"

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = collections.deque()
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError("BoundedSemaphore released too many times")
        super().release()


# ---- queues (asyncio/queues.py)

class Queue:
    """A FIFO queue for tasks: get() waits while empty, put() while full."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = collections.deque()
        self._putters = collections.deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = collections.deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f"<{type(self).__name__} maxsize={self._maxsize!r}>"

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except BaseException:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    """A Queue that gives the smallest item first."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        heapq.heappush(self._queue, item)

    def _get(self):
        return heapq.heappop(self._queue)


class LifoQueue(Queue):
    """A Queue that gives the newest item first."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---- running (asyncio/runners.py)

class Runner:
    """Runs coroutines on one new event loop, closed at the end."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = "created"
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != "initialized":
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()
            self._loop = None
            self._state = "closed"
            set_event_loop(None)

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError(f"a coroutine was expected, got {coro!r}")
        if _running_loop is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        task = self._loop.create_task(coro, context=context)
        return self._loop.run_until_complete(task)

    def _lazy_init(self):
        if self._state == "closed":
            raise RuntimeError("Runner is closed")
        if self._state == "initialized":
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            set_event_loop(self._loop)
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._state = "initialized"


def run(main, *, debug=None):
    """Runs the coroutine main on a new event loop and returns its result."""
    if _running_loop is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)


def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


# ---- transports and protocols (asyncio/transports.py, protocols.py)

class BaseTransport:
    """Base class for transports."""

    __slots__ = ("_extra",)

    def __init__(self, extra=None):
        if extra is None:
            extra = {}
        self._extra = extra

    def get_extra_info(self, name, default=None):
        """Optional transport information: 'peername', 'sockname', 'socket', ..."""
        return self._extra.get(name, default)

    def is_closing(self):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError

    def set_protocol(self, protocol):
        raise NotImplementedError

    def get_protocol(self):
        raise NotImplementedError


class ReadTransport(BaseTransport):
    """Interface for read-only transports."""

    __slots__ = ()

    def is_reading(self):
        raise NotImplementedError

    def pause_reading(self):
        raise NotImplementedError

    def resume_reading(self):
        raise NotImplementedError


class WriteTransport(BaseTransport):
    """Interface for write-only transports."""

    __slots__ = ()

    def set_write_buffer_limits(self, high=None, low=None):
        raise NotImplementedError

    def get_write_buffer_size(self):
        raise NotImplementedError

    def get_write_buffer_limits(self):
        raise NotImplementedError

    def write(self, data):
        raise NotImplementedError

    def writelines(self, list_of_data):
        """Writes the concatenation of a list of data."""
        data = b''.join(list_of_data)
        self.write(data)

    def write_eof(self):
        raise NotImplementedError

    def can_write_eof(self):
        raise NotImplementedError

    def abort(self):
        raise NotImplementedError


class Transport(ReadTransport, WriteTransport):
    """Interface representing a bidirectional transport."""

    __slots__ = ()


class _FlowControlMixin(Transport):
    """The write flow control of a transport: the protocol's pause_writing() once the
    buffer holds more than the high-water mark, resume_writing() once it is back to the
    low-water mark."""

    __slots__ = ('_loop', '_protocol_paused', '_high_water', '_low_water')

    def __init__(self, extra=None, loop=None):
        super().__init__(extra)
        self._loop = loop
        self._protocol_paused = False
        self._set_write_buffer_limits()

    def _maybe_pause_protocol(self):
        size = self.get_write_buffer_size()
        if size <= self._high_water:
            return
        if not self._protocol_paused:
            self._protocol_paused = True
            try:
                self._protocol.pause_writing()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.pause_writing() failed',
                    'exception': exc,
                    'transport': self,
                    'protocol': self._protocol,
                })

    def _maybe_resume_protocol(self):
        if (self._protocol_paused and
                self.get_write_buffer_size() <= self._low_water):
            self._protocol_paused = False
            try:
                self._protocol.resume_writing()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.resume_writing() failed',
                    'exception': exc,
                    'transport': self,
                    'protocol': self._protocol,
                })

    def get_write_buffer_limits(self):
        return (self._low_water, self._high_water)

    def _set_write_buffer_limits(self, high=None, low=None):
        if high is None:
            if low is None:
                high = 64 * 1024
            else:
                high = 4 * low
        if low is None:
            low = high // 4
        if not high >= low >= 0:
            raise ValueError(
                f'high ({high!r}) must be >= low ({low!r}) must be >= 0')
        self._high_water = high
        self._low_water = low

    def set_write_buffer_limits(self, high=None, low=None):
        self._set_write_buffer_limits(high=high, low=low)
        self._maybe_pause_protocol()

    def get_write_buffer_size(self):
        raise NotImplementedError


class BaseProtocol:
    """Common base class for protocol interfaces."""

    __slots__ = ()

    def connection_made(self, transport):
        """Called when a connection is made."""

    def connection_lost(self, exc):
        """Called when the connection is lost or closed (exc: None on EOF or close)."""

    def pause_writing(self):
        """Called when the transport's buffer goes over the high-water mark."""

    def resume_writing(self):
        """Called when the transport's buffer drains below the low-water mark."""


class Protocol(BaseProtocol):
    """Interface for stream protocol."""

    __slots__ = ()

    def data_received(self, data):
        """Called when some data is received."""

    def eof_received(self):
        """Called when the other end calls write_eof() or equivalent (a true result keeps
        the transport open)."""


class BufferedProtocol(BaseProtocol):
    """Interface for stream protocol with manual buffer control."""

    __slots__ = ()

    def get_buffer(self, sizehint):
        """A buffer (a bytearray here) for the transport to receive into."""

    def buffer_updated(self, nbytes):
        """Called when the buffer was updated with the received data."""

    def eof_received(self):
        """Called when the other end calls write_eof() or equivalent."""


# ---- the selector loop's I/O (asyncio/selector_events.py)

# selectors.EVENT_READ and EVENT_WRITE (selectors is imported when a loop first waits on I/O)
_EVENT_READ = 1
_EVENT_WRITE = 2

def _io_error(err, message):
    """OSError(err, message): of the subclass for the errno (ConnectionRefusedError, ...)."""
    return OSError(err, message)


def _set_nodelay(sock):
    import socket
    if (sock.family in (socket.AF_INET, socket.AF_INET6) and
            sock.type == socket.SOCK_STREAM and
            sock.proto == socket.IPPROTO_TCP):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class BaseSelectorEventLoop(BaseEventLoop):
    """An event loop that also waits for its sockets with a selector (made on first use)."""

    def __init__(self, selector=None):
        super().__init__()
        self._selector = selector
        self._transports = {}

    def _get_selector(self):
        if self._selector is None:
            import selectors
            self._selector = selectors.DefaultSelector()
        return self._selector

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self.is_closed():
            return
        super().close()
        if self._selector is not None:
            self._selector.close()
            self._selector = None

    def _wait(self, timeout):
        if self._selector is None:
            super()._wait(timeout)
            return
        event_list = self._selector.select(timeout)
        self._process_events(event_list)

    def _process_events(self, event_list):
        for key, mask in event_list:
            fileobj, (reader, writer) = key.fileobj, key.data
            if mask & _EVENT_READ and reader is not None:
                if reader._cancelled:
                    self._remove_reader(fileobj)
                else:
                    self._ready.append(reader)
            if mask & _EVENT_WRITE and writer is not None:
                if writer._cancelled:
                    self._remove_writer(fileobj)
                else:
                    self._ready.append(writer)

    def _ensure_fd_no_transport(self, fd):
        fileno = fd
        if not isinstance(fileno, int):
            try:
                fileno = int(fileno.fileno())
            except (AttributeError, TypeError, ValueError):
                raise ValueError(f"Invalid file object: {fd!r}") from None
        transport = self._transports.get(fileno)
        if transport and not transport.is_closing():
            raise RuntimeError(
                f'File descriptor {fd!r} is used by transport {transport!r}')

    def _add_reader(self, fd, callback, *args):
        return self._add_handler(fd, 0, callback, args)

    def _add_writer(self, fd, callback, *args):
        return self._add_handler(fd, 1, callback, args)

    def _add_handler(self, fd, which, callback, args):
        """Registers `callback(*args)` as the reader (which=0) or writer (1) of `fd`, in
        place of the one it had."""
        self._check_closed()
        selector = self._get_selector()
        handle = Handle(callback, args, self, None)
        event = (_EVENT_READ, _EVENT_WRITE)[which]
        try:
            key = selector.get_key(fd)
        except KeyError:
            data = (handle, None) if which == 0 else (None, handle)
            selector.register(fd, event, data)
        else:
            mask, handlers = key.events, key.data
            old = handlers[which]
            data = (handle, handlers[1]) if which == 0 else (handlers[0], handle)
            selector.modify(fd, mask | event, data)
            if old is not None:
                old.cancel()
        return handle

    def _remove_reader(self, fd):
        return self._remove_handler(fd, 0)

    def _remove_writer(self, fd):
        return self._remove_handler(fd, 1)

    def _remove_handler(self, fd, which):
        """Takes the reader (which=0) or writer (1) of `fd` away: whether it had one."""
        if self.is_closed() or self._selector is None:
            return False
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            return False
        mask, handlers = key.events, key.data
        mask &= ~(_EVENT_READ, _EVENT_WRITE)[which]
        old = handlers[which]
        if not mask:
            self._selector.unregister(fd)
        else:
            data = (None, handlers[1]) if which == 0 else (handlers[0], None)
            self._selector.modify(fd, mask, data)
        if old is not None:
            old.cancel()
            return True
        return False

    def add_reader(self, fd, callback, *args):
        """Calls callback(*args) whenever `fd` is readable."""
        self._ensure_fd_no_transport(fd)
        self._add_reader(fd, callback, *args)

    def remove_reader(self, fd):
        """Stops watching `fd` for reading: whether it was watched."""
        self._ensure_fd_no_transport(fd)
        return self._remove_reader(fd)

    def add_writer(self, fd, callback, *args):
        """Calls callback(*args) whenever `fd` is writable."""
        self._ensure_fd_no_transport(fd)
        self._add_writer(fd, callback, *args)

    def remove_writer(self, fd):
        """Stops watching `fd` for writing: whether it was watched."""
        self._ensure_fd_no_transport(fd)
        return self._remove_writer(fd)

    # ---- the sock_* calls: a non-blocking socket's call, retried when it is ready

    def _check_nonblocking(self, sock):
        if self._debug and sock.gettimeout() != 0:
            raise ValueError("the socket must be non-blocking")

    def _retry_when_ready(self, fut, sock, which, attempt):
        """Makes `attempt(fut)` again each time `sock` is readable (which=0) or writable
        (1), until `fut` is done."""
        fd = sock.fileno()
        self._ensure_fd_no_transport(fd)
        add = self._add_reader if which == 0 else self._add_writer
        handle = add(fd, attempt, fut)

        def done(fut):
            if not handle._cancelled:
                self._remove_handler(fd, which)
        fut.add_done_callback(done)

    async def sock_recv(self, sock, n):
        """Up to `n` bytes from `sock`."""
        return await self._sock_read(sock, sock.recv, n)

    async def sock_recv_into(self, sock, buf):
        """Receives into `buf`: the number of bytes."""
        return await self._sock_read(sock, sock.recv_into, buf)

    async def _sock_read(self, sock, read, arg):
        """`read(arg)` (a receiving method of `sock`), retried when `sock` is readable."""
        self._check_nonblocking(sock)
        try:
            return read(arg)
        except (BlockingIOError, InterruptedError):
            pass
        fut = self.create_future()
        self._retry_when_ready(fut, sock, 0, lambda fut: _attempt(fut, read, arg))
        return await fut

    async def sock_sendall(self, sock, data):
        """Sends all of `data`."""
        self._check_nonblocking(sock)
        try:
            n = sock.send(data)
        except (BlockingIOError, InterruptedError):
            n = 0
        if n == len(data):
            return
        fut = self.create_future()
        view = memoryview(data)
        pos = [n]

        def send_more(fut):
            if fut.done():
                return
            try:
                n = sock.send(view[pos[0]:])
            except (BlockingIOError, InterruptedError):
                return
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                fut.set_exception(exc)
                return
            pos[0] += n
            if pos[0] == len(view):
                fut.set_result(None)
        self._retry_when_ready(fut, sock, 1, send_more)
        return await fut

    async def sock_connect(self, sock, address):
        """Connects `sock` to `address` (a host name is resolved first)."""
        import socket
        self._check_nonblocking(sock)
        if sock.family == socket.AF_INET or sock.family == socket.AF_INET6:
            resolved = await self._ensure_resolved(
                address, family=sock.family, type=sock.type, proto=sock.proto)
            _, _, _, _, address = resolved[0]
        fut = self.create_future()
        try:
            sock.connect(address)
        except (BlockingIOError, InterruptedError):
            self._retry_when_ready(fut, sock, 1,
                                   lambda fut: _connect_done(fut, sock, address))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(None)
        return await fut

    async def sock_accept(self, sock):
        """(conn, address) of the next connection to the listening `sock`."""
        self._check_nonblocking(sock)
        fut = self.create_future()

        def accept(fut):
            if fut.done():
                return
            try:
                conn, address = sock.accept()
                conn.setblocking(False)
            except (BlockingIOError, InterruptedError):
                return
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                fut.set_exception(exc)
            else:
                fut.set_result((conn, address))
        accept(fut)
        if not fut.done():
            self._retry_when_ready(fut, sock, 0, accept)
        return await fut

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        import socket
        return socket.getaddrinfo(host, port, family, type, proto, flags)

    async def _ensure_resolved(self, address, *, family=0, type=None, proto=0, flags=0):
        import socket
        host, port = address[:2]
        return socket.getaddrinfo(host, port, family, type or socket.SOCK_STREAM, proto,
                                  flags)

    # ---- connections and servers (asyncio/base_events.py)

    async def create_connection(self, protocol_factory, host=None, port=None, *, ssl=None,
                                family=0, proto=0, flags=0, sock=None, local_addr=None,
                                server_hostname=None, ssl_handshake_timeout=None,
                                ssl_shutdown_timeout=None, happy_eyeballs_delay=None,
                                interleave=None):
        """(transport, protocol) of a TCP connection to host and port (or over `sock`)."""
        import socket
        if server_hostname is not None and not ssl:
            raise ValueError('server_hostname is only meaningful with ssl')
        if server_hostname is None and ssl:
            if not host:
                raise ValueError('You must set server_hostname when using ssl without a '
                                 'host')
            server_hostname = host
        if ssl_handshake_timeout is not None and not ssl:
            raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
        if ssl_shutdown_timeout is not None and not ssl:
            raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
        if host is not None or port is not None:
            if sock is not None:
                raise ValueError(
                    'host/port and sock can not be specified at the same time')
            infos = await self._ensure_resolved(
                (host, port), family=family, type=socket.SOCK_STREAM, proto=proto,
                flags=flags)
            if not infos:
                raise OSError('getaddrinfo() returned empty list')
            if local_addr is not None:
                laddr_infos = await self._ensure_resolved(
                    local_addr, family=family, type=socket.SOCK_STREAM, proto=proto,
                    flags=flags)
                if not laddr_infos:
                    raise OSError('getaddrinfo() returned empty list')
            else:
                laddr_infos = None
            exceptions = []
            for addrinfo in infos:
                try:
                    sock = await self._connect_sock(exceptions, addrinfo, laddr_infos)
                    break
                except OSError:
                    continue
            if sock is None:
                exceptions = [exc for sub in exceptions for exc in sub]
                if len(exceptions) == 1:
                    raise exceptions[0]
                model = str(exceptions[0])
                if all(str(exc) == model for exc in exceptions):
                    raise exceptions[0]
                raise OSError('Multiple exceptions: {}'.format(
                    ', '.join(str(exc) for exc in exceptions)))
        else:
            if sock is None:
                raise ValueError(
                    'host and port was not specified and no sock specified')
            if sock.type != socket.SOCK_STREAM:
                raise ValueError(f'A Stream Socket was expected, got {sock!r}')
        return await self._create_connection_transport(
            sock, protocol_factory, ssl, server_hostname,
            ssl_handshake_timeout=ssl_handshake_timeout,
            ssl_shutdown_timeout=ssl_shutdown_timeout)

    async def _connect_sock(self, exceptions, addr_info, local_addr_infos=None):
        import socket
        my_exceptions = []
        exceptions.append(my_exceptions)
        family, type_, proto, _, address = addr_info
        sock = None
        try:
            sock = socket.socket(family=family, type=type_, proto=proto)
            sock.setblocking(False)
            if local_addr_infos is not None:
                for lfamily, _, _, _, laddr in local_addr_infos:
                    if lfamily != family:
                        continue
                    try:
                        sock.bind(laddr)
                        break
                    except OSError as exc:
                        msg = (f'error while attempting to bind on address {laddr!r}: '
                               f'{exc.strerror.lower()}')
                        my_exceptions.append(_io_error(exc.errno, msg))
                else:
                    if my_exceptions:
                        raise my_exceptions.pop()
                    raise OSError(f"no matching local address with family={family} found")
            await self.sock_connect(sock, address)
            return sock
        except OSError as exc:
            my_exceptions.append(exc)
            if sock is not None:
                sock.close()
            raise
        except:
            if sock is not None:
                sock.close()
            raise

    async def _create_connection_transport(self, sock, protocol_factory, ssl=None,
                                           server_hostname=None, server_side=False,
                                           ssl_handshake_timeout=None,
                                           ssl_shutdown_timeout=None):
        sock.setblocking(False)
        protocol = protocol_factory()
        waiter = self.create_future()
        if ssl:
            sslcontext = None if isinstance(ssl, bool) else ssl
            transport = self._make_ssl_transport(
                sock, protocol, sslcontext, waiter, server_side=server_side,
                server_hostname=server_hostname, ssl_handshake_timeout=ssl_handshake_timeout,
                ssl_shutdown_timeout=ssl_shutdown_timeout)
        else:
            transport = _SelectorSocketTransport(self, sock, protocol, waiter)
        try:
            await waiter
        except:
            transport.close()
            raise
        return transport, protocol

    async def create_server(self, protocol_factory, host=None, port=None, *, family=0,
                            flags=None, sock=None, backlog=100, ssl=None,
                            reuse_address=None, reuse_port=None, ssl_handshake_timeout=None,
                            ssl_shutdown_timeout=None, start_serving=True):
        """A Server listening on host and port (every address the host has), or on
        `sock`."""
        import socket
        if isinstance(ssl, bool):
            raise TypeError('ssl argument must be an SSLContext or None')
        if ssl_handshake_timeout is not None and ssl is None:
            raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
        if ssl_shutdown_timeout is not None and ssl is None:
            raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
        if flags is None:
            flags = socket.AI_PASSIVE
        if host is not None or port is not None:
            if sock is not None:
                raise ValueError(
                    'host/port and sock can not be specified at the same time')
            if reuse_address is None:
                reuse_address = True
            sockets = []
            if host == '':
                hosts = [None]
            elif isinstance(host, str) or not hasattr(host, '__iter__'):
                hosts = [host]
            else:
                hosts = host
            infos = []
            for h in hosts:
                found = await self._ensure_resolved((h, port), family=family,
                                                    type=socket.SOCK_STREAM, flags=flags)
                if not found:
                    raise OSError(f'getaddrinfo({h!r}) returned empty list')
                for info in found:
                    if info not in infos:
                        infos.append(info)
            completed = False
            try:
                for res in infos:
                    af, socktype, proto, canonname, sa = res
                    try:
                        sock = socket.socket(af, socktype, proto)
                    except OSError:
                        continue
                    sockets.append(sock)
                    if reuse_address:
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, True)
                    if reuse_port:
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                    if af == socket.AF_INET6:
                        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, True)
                    try:
                        sock.bind(sa)
                    except OSError as err:
                        raise _io_error(err.errno,
                                        'error while attempting to bind on address %r: %s'
                                        % (sa, err.strerror.lower())) from None
                completed = True
            finally:
                if not completed:
                    for sock in sockets:
                        sock.close()
        else:
            if sock is None:
                raise ValueError('Neither host/port nor sock were specified')
            if sock.type != socket.SOCK_STREAM:
                raise ValueError(f'A Stream Socket was expected, got {sock!r}')
            sockets = [sock]
        for sock in sockets:
            sock.setblocking(False)
        server = Server(self, sockets, protocol_factory, ssl, backlog,
                        ssl_handshake_timeout, ssl_shutdown_timeout)
        if start_serving:
            server._start_serving()
            await sleep(0)
        return server

    def _make_ssl_transport(self, rawsock, protocol, sslcontext, waiter=None, *,
                            server_side=False, server_hostname=None, extra=None,
                            server=None, ssl_handshake_timeout=None,
                            ssl_shutdown_timeout=None):
        """The application's transport over TLS over `rawsock`."""
        ssl_protocol = SSLProtocol(
            self, protocol, sslcontext, waiter, server_side, server_hostname,
            ssl_handshake_timeout=ssl_handshake_timeout,
            ssl_shutdown_timeout=ssl_shutdown_timeout)
        _SelectorSocketTransport(self, rawsock, ssl_protocol, extra=extra, server=server)
        return ssl_protocol._app_transport

    def _start_serving(self, protocol_factory, sock, server, backlog):
        self._add_reader(sock.fileno(), self._accept_connection, protocol_factory, sock,
                         server, backlog)

    def _stop_serving(self, sock):
        self._remove_reader(sock.fileno())
        sock.close()

    def _accept_connection(self, protocol_factory, sock, server, backlog):
        import errno
        for _ in range(backlog):
            try:
                conn, addr = sock.accept()
                conn.setblocking(False)
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return None
            except OSError as exc:
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    self.call_exception_handler({
                        'message': 'socket.accept() out of system resource',
                        'exception': exc,
                        'socket': sock,
                    })
                    self._remove_reader(sock.fileno())
                    self.call_later(1.0, self._start_serving, protocol_factory, sock,
                                    server, backlog)
                else:
                    raise
            else:
                extra = {'peername': addr}
                self.create_task(
                    self._accept_connection2(protocol_factory, conn, extra, server))

    async def _accept_connection2(self, protocol_factory, conn, extra, server):
        transport = None
        try:
            protocol = protocol_factory()
            waiter = self.create_future()
            if server._ssl_context:
                transport = self._make_ssl_transport(
                    conn, protocol, server._ssl_context, waiter, server_side=True,
                    extra=extra, server=server,
                    ssl_handshake_timeout=server._ssl_handshake_timeout,
                    ssl_shutdown_timeout=server._ssl_shutdown_timeout)
            else:
                transport = _SelectorSocketTransport(self, conn, protocol, waiter, extra,
                                                     server)
            try:
                await waiter
            except BaseException:
                transport.close()
                raise
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if self._debug:
                self.call_exception_handler({
                    'message': 'Error on transport creation for incoming connection',
                    'exception': exc,
                    'transport': transport,
                })


class _UnixSelectorEventLoop(BaseSelectorEventLoop):
    """The event loop new_event_loop() makes."""


SelectorEventLoop = _UnixSelectorEventLoop


def _attempt(fut, call, *args):
    """fut's result is call(*args), unless the call would block (then nothing: it is made
    again when the socket is ready) or fut is done."""
    if fut.done():
        return
    try:
        result = call(*args)
    except (BlockingIOError, InterruptedError):
        return
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


def _connect_done(fut, sock, address):
    """A non-blocking connect's outcome, once the socket is writable."""
    import socket
    if fut.done():
        return
    try:
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err != 0:
            raise _io_error(err, f'Connect call failed {address}')
    except (BlockingIOError, InterruptedError):
        pass
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(None)


class AbstractServer:
    """Abstract server returned by create_server()."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


class Server(AbstractServer):
    """The listening sockets of create_server(), and its connections still open."""

    def __init__(self, loop, sockets, protocol_factory, ssl_context, backlog,
                 ssl_handshake_timeout=None, ssl_shutdown_timeout=None):
        self._loop = loop
        self._sockets = sockets
        self._ssl_context = ssl_context
        self._ssl_handshake_timeout = ssl_handshake_timeout
        self._ssl_shutdown_timeout = ssl_shutdown_timeout
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return f'<{self.__class__.__name__} sockets={self.sockets!r}>'

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(waiter)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(self._backlog)
            self._loop._start_serving(self._protocol_factory, sock, self, self._backlog)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def close(self):
        """Stops listening (the connections made stay open)."""
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            self._loop._stop_serving(sock)
        self._serving = False
        if (self._serving_forever_fut is not None and
                not self._serving_forever_fut.done()):
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(
                f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        # as CPython 3.11's: returns at once when close() was called already
        if self._sockets is None or self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter


class _SelectorSocketTransport(_FlowControlMixin):
    """A TCP connection's transport: what the socket receives goes to the protocol; what
    is written is sent at once when the buffer is empty, else buffered and sent when the
    socket is writable.

    The buffer's bytes from `_sent` on wait to be sent (CPython's bytearray drops sent
    bytes from its front without moving the rest, which pymm's cannot): each send is made
    from a memoryview of them, and the sent bytes are dropped once they are the larger
    part, so that a large write moves each byte once at most."""

    __slots__ = ('_sock', '_sock_fd', '_protocol', '_protocol_connected', '_server',
                 '_buffer', '_sent', '_conn_lost', '_closing', '_paused', '_eof',
                 '_read_ready_cb')

    max_size = 256 * 1024

    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        super().__init__(extra, loop)
        self._extra['socket'] = sock
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        if 'peername' not in self._extra:
            try:
                self._extra['peername'] = sock.getpeername()
            except OSError:
                self._extra['peername'] = None
        self._sock = sock
        self._sock_fd = sock.fileno()
        self._protocol_connected = False
        self.set_protocol(protocol)
        self._server = server
        self._buffer = bytearray()
        self._sent = 0
        self._conn_lost = 0
        self._closing = False
        self._paused = False
        self._eof = False
        if self._server is not None:
            self._server._attach()
        loop._transports[self._sock_fd] = self
        _set_nodelay(self._sock)
        self._loop.call_soon(self._protocol.connection_made, self)
        # only start reading when connection_made() has been called
        self._loop.call_soon(self._add_reader, self._sock_fd, self._read_ready)
        if waiter is not None:
            self._loop.call_soon(_set_result_unless_cancelled, waiter, None)

    def __repr__(self):
        info = [self.__class__.__name__]
        if self._sock is None:
            info.append('closed')
        elif self._closing:
            info.append('closing')
        info.append(f'fd={self._sock_fd}')
        return '<{}>'.format(' '.join(info))

    def set_protocol(self, protocol):
        if isinstance(protocol, BufferedProtocol):
            self._read_ready_cb = self._read_ready__get_buffer
        else:
            self._read_ready_cb = self._read_ready__data_received
        self._protocol = protocol
        self._protocol_connected = True

    def get_protocol(self):
        return self._protocol

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self.is_closing() and not self._paused

    def pause_reading(self):
        if not self.is_reading():
            return
        self._paused = True
        self._loop._remove_reader(self._sock_fd)

    def resume_reading(self):
        if self._closing or not self._paused:
            return
        self._paused = False
        self._add_reader(self._sock_fd, self._read_ready)

    def abort(self):
        self._force_close(None)

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop._remove_reader(self._sock_fd)
        if not self._buffer:
            self._conn_lost += 1
            self._loop._remove_writer(self._sock_fd)
            self._loop.call_soon(self._call_connection_lost, None)

    def _fatal_error(self, exc, message='Fatal error on transport'):
        # an OSError (the peer went away) closes quietly, as in CPython outside debug mode
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler({
                'message': message,
                'exception': exc,
                'transport': self,
                'protocol': self._protocol,
            })
        self._force_close(exc)

    def _force_close(self, exc):
        if self._conn_lost:
            return
        if self._buffer:
            self._clear_buffer()
            self._loop._remove_writer(self._sock_fd)
        if not self._closing:
            self._closing = True
            self._loop._remove_reader(self._sock_fd)
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc):
        try:
            if self._protocol_connected:
                self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            self._sock = None
            self._protocol = None
            if self._loop._transports.get(self._sock_fd) is self:
                del self._loop._transports[self._sock_fd]
            self._loop = None
            server = self._server
            if server is not None:
                server._detach()
                self._server = None

    def get_write_buffer_size(self):
        return len(self._buffer) - self._sent

    def _clear_buffer(self):
        self._buffer.clear()
        self._sent = 0

    def _add_reader(self, fd, callback, *args):
        if not self.is_reading():
            return
        self._loop._add_reader(fd, callback, *args)

    def _read_ready(self):
        self._read_ready_cb()

    def _read_ready__get_buffer(self):
        if self._conn_lost:
            return
        try:
            buf = self._protocol.get_buffer(-1)
            if not len(buf):
                raise RuntimeError('get_buffer() returned an empty buffer')
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.get_buffer() call failed.')
            return
        self._receive(self._sock.recv_into, buf, self._protocol.buffer_updated,
                      'buffer_updated')

    def _read_ready__data_received(self):
        if self._conn_lost:
            return
        self._receive(self._sock.recv, self.max_size, self._protocol.data_received,
                      'data_received')

    def _receive(self, receive, arg, deliver, name):
        """deliver(receive(arg)) (the protocol's `name`), eof_received() when the socket
        gives nothing, CPython's fatal errors when either fails."""
        try:
            received = receive(arg)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not received:
            self._read_ready__on_eof()
            return
        try:
            deliver(received)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, f'Fatal error: protocol.{name}() call failed.')

    def _read_ready__on_eof(self):
        try:
            keep_open = self._protocol.eof_received()
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.eof_received() call failed.')
            return
        if keep_open:
            # We're keeping the connection open so the protocol can write more, but we
            # still can't receive more, so remove the reader callback.
            self._loop._remove_reader(self._sock_fd)
        else:
            self.close()

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f'data argument must be a bytes-like object, '
                            f'not {type(data).__name__!r}')
        if self._eof:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data:
            return
        if self._conn_lost:
            self._conn_lost += 1
            return
        if not self._buffer:
            # Optimization: try to send now.
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                pass
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            else:
                if n == len(data):
                    return
                data = memoryview(data)[n:]
            # Not all was written; register write handler.
            self._loop._add_writer(self._sock_fd, self._write_ready)
        self._buffer.extend(data)
        self._maybe_pause_protocol()

    def _write_ready(self):
        if self._conn_lost:
            return
        try:
            n = self._sock.send(memoryview(self._buffer)[self._sent:])
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop._remove_writer(self._sock_fd)
            self._clear_buffer()
            self._fatal_error(exc, 'Fatal write error on socket transport')
        else:
            self._sent += n
            if self._sent == len(self._buffer):
                self._clear_buffer()
            elif self._sent > len(self._buffer) // 2:
                del self._buffer[:self._sent]
                self._sent = 0
            self._maybe_resume_protocol()  # May append to buffer.
            if not self._buffer:
                self._loop._remove_writer(self._sock_fd)
                if self._closing:
                    self._call_connection_lost(None)
                elif self._eof:
                    self._sock.shutdown(1)

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer:
            self._sock.shutdown(1)

    def can_write_eof(self):
        return True


# ---- TLS over a transport (asyncio/sslproto.py)
#
# An SSLProtocol sits between the TCP transport and the application's protocol: the
# transport hands it the peer's TLS records, which go into an incoming MemoryBIO; the
# SSLObject decrypts them for the application's protocol and encrypts what the application
# writes into an outgoing MemoryBIO, which goes to the transport. The application sees an
# _SSLProtocolTransport. States, flow control and the handshake and shutdown timeouts are
# CPython 3.11's.

SSL_HANDSHAKE_TIMEOUT = 60.0
SSL_SHUTDOWN_TIMEOUT = 30.0
FLOW_CONTROL_HIGH_WATER_SSL_READ = 256    # KiB
FLOW_CONTROL_HIGH_WATER_SSL_WRITE = 512   # KiB
LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5


def _ssl_again_errors():
    import ssl
    return (ssl.SSLWantReadError, ssl.SSLSyscallError)


def _log_warning(message):
    import logging
    logging.getLogger('asyncio').warning(message)


class _SSLState:
    """SSLProtocolState's values."""
    UNWRAPPED = "UNWRAPPED"
    DO_HANDSHAKE = "DO_HANDSHAKE"
    WRAPPED = "WRAPPED"
    FLUSHING = "FLUSHING"
    SHUTDOWN = "SHUTDOWN"


# the transitions _set_state allows (to UNWRAPPED: from anywhere)
_SSL_TRANSITIONS = {
    (_SSLState.UNWRAPPED, _SSLState.DO_HANDSHAKE),
    (_SSLState.DO_HANDSHAKE, _SSLState.WRAPPED),
    (_SSLState.WRAPPED, _SSLState.FLUSHING),
    (_SSLState.FLUSHING, _SSLState.SHUTDOWN),
}


class _AppState:
    """AppProtocolState's values: INIT -connection_made-> CON_MADE [-data_received*->]
    [-eof_received-> EOF] -connection_lost-> CON_LOST."""
    STATE_INIT = "STATE_INIT"
    STATE_CON_MADE = "STATE_CON_MADE"
    STATE_EOF = "STATE_EOF"
    STATE_CON_LOST = "STATE_CON_LOST"


def _create_transport_context(server_side, server_hostname):
    if server_side:
        raise ValueError('Server side SSL needs a valid SSLContext')
    # ssl=True on a client: the default context, which verifies the server
    import ssl
    sslcontext = ssl.create_default_context()
    if not server_hostname:
        sslcontext.check_hostname = False
    return sslcontext


def add_flowcontrol_defaults(high, low, kb):
    if high is None:
        if low is None:
            hi = kb * 1024
        else:
            lo = low
            hi = 4 * lo
    else:
        hi = high
    if low is None:
        lo = hi // 4
    else:
        lo = low
    if not hi >= lo >= 0:
        raise ValueError('high (%r) must be >= low (%r) must be >= 0' % (hi, lo))
    return hi, lo


class _SSLProtocolTransport(_FlowControlMixin):
    """The transport the application's protocol sees over TLS."""

    __slots__ = ('_ssl_protocol', '_closed')

    def __init__(self, loop, ssl_protocol):
        self._loop = loop
        self._ssl_protocol = ssl_protocol
        self._closed = False

    def get_extra_info(self, name, default=None):
        return self._ssl_protocol._get_extra_info(name, default)

    def set_protocol(self, protocol):
        self._ssl_protocol._set_app_protocol(protocol)

    def get_protocol(self):
        return self._ssl_protocol._app_protocol

    def is_closing(self):
        return self._closed

    def close(self):
        """Closes the TLS layer (close_notify), then the connection; buffered data is sent
        first."""
        if not self._closed:
            self._closed = True
            self._ssl_protocol._start_shutdown()
        else:
            self._ssl_protocol = None

    def __del__(self):
        if not self._closed:
            self._closed = True
            import warnings
            warnings.warn("unclosed transport <asyncio._SSLProtocolTransport object>",
                          ResourceWarning)

    def is_reading(self):
        return not self._ssl_protocol._app_reading_paused

    def pause_reading(self):
        self._ssl_protocol._pause_reading()

    def resume_reading(self):
        self._ssl_protocol._resume_reading()

    def set_write_buffer_limits(self, high=None, low=None):
        self._ssl_protocol._set_write_buffer_limits(high, low)
        self._ssl_protocol._control_app_writing()

    def get_write_buffer_limits(self):
        return (self._ssl_protocol._outgoing_low_water,
                self._ssl_protocol._outgoing_high_water)

    def get_write_buffer_size(self):
        return self._ssl_protocol._get_write_buffer_size()

    def set_read_buffer_limits(self, high=None, low=None):
        self._ssl_protocol._set_read_buffer_limits(high, low)
        self._ssl_protocol._control_ssl_reading()

    def get_read_buffer_limits(self):
        return (self._ssl_protocol._incoming_low_water,
                self._ssl_protocol._incoming_high_water)

    def get_read_buffer_size(self):
        return self._ssl_protocol._get_read_buffer_size()

    @property
    def _protocol_paused(self):
        return self._ssl_protocol._app_writing_paused

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data: expecting a bytes-like instance, "
                            f"got {type(data).__name__}")
        if not data:
            return
        self._ssl_protocol._write_appdata((data,))

    def writelines(self, list_of_data):
        self._ssl_protocol._write_appdata(list_of_data)

    def write_eof(self):
        raise NotImplementedError

    def can_write_eof(self):
        return False

    def abort(self):
        self._closed = True
        if self._ssl_protocol is not None:
            self._ssl_protocol._abort()

    def _force_close(self, exc):
        self._closed = True
        self._ssl_protocol._abort()


class SSLProtocol(Protocol):
    """TLS between a transport and an application protocol (see above)."""

    max_size = 256 * 1024   # what one read() asks of the SSLObject

    _handshake_start_time = None
    _handshake_timeout_handle = None
    _shutdown_timeout_handle = None

    def __init__(self, loop, app_protocol, sslcontext, waiter, server_side=False,
                 server_hostname=None, call_connection_made=True,
                 ssl_handshake_timeout=None, ssl_shutdown_timeout=None):
        import ssl
        if ssl_handshake_timeout is None:
            ssl_handshake_timeout = SSL_HANDSHAKE_TIMEOUT
        elif ssl_handshake_timeout <= 0:
            raise ValueError(f"ssl_handshake_timeout should be a positive number, "
                             f"got {ssl_handshake_timeout}")
        if ssl_shutdown_timeout is None:
            ssl_shutdown_timeout = SSL_SHUTDOWN_TIMEOUT
        elif ssl_shutdown_timeout <= 0:
            raise ValueError(f"ssl_shutdown_timeout should be a positive number, "
                             f"got {ssl_shutdown_timeout}")
        if not sslcontext:
            sslcontext = _create_transport_context(server_side, server_hostname)
        self._server_side = server_side
        if server_hostname and not server_side:
            self._server_hostname = server_hostname
        else:
            self._server_hostname = None
        self._sslcontext = sslcontext
        # more is known once the handshake is done
        self._extra = dict(sslcontext=sslcontext)
        self._write_backlog = collections.deque()
        self._write_buffer_size = 0
        self._waiter = waiter
        self._loop = loop
        self._set_app_protocol(app_protocol)
        self._app_transport = None
        self._app_transport_created = False
        self._transport = None
        self._ssl_handshake_timeout = ssl_handshake_timeout
        self._ssl_shutdown_timeout = ssl_shutdown_timeout
        self._incoming = ssl.MemoryBIO()
        self._outgoing = ssl.MemoryBIO()
        self._state = _SSLState.UNWRAPPED
        self._conn_lost = 0
        if call_connection_made:
            self._app_state = _AppState.STATE_INIT
        else:
            self._app_state = _AppState.STATE_CON_MADE
        self._sslobj = self._sslcontext.wrap_bio(
            self._incoming, self._outgoing, server_side=self._server_side,
            server_hostname=self._server_hostname)
        self._ssl_writing_paused = False
        self._app_reading_paused = False
        self._ssl_reading_paused = False
        self._incoming_high_water = 0
        self._incoming_low_water = 0
        self._set_read_buffer_limits()
        self._eof_received = False
        self._app_writing_paused = False
        self._outgoing_high_water = 0
        self._outgoing_low_water = 0
        self._set_write_buffer_limits()
        self._get_app_transport()

    def _set_app_protocol(self, app_protocol):
        self._app_protocol = app_protocol
        if (hasattr(app_protocol, 'get_buffer') and
                isinstance(app_protocol, BufferedProtocol)):
            self._app_protocol_get_buffer = app_protocol.get_buffer
            self._app_protocol_buffer_updated = app_protocol.buffer_updated
            self._app_protocol_is_buffer = True
        else:
            self._app_protocol_is_buffer = False

    def _wakeup_waiter(self, exc=None):
        if self._waiter is None:
            return
        if not self._waiter.cancelled():
            if exc is not None:
                self._waiter.set_exception(exc)
            else:
                self._waiter.set_result(None)
        self._waiter = None

    def _get_app_transport(self):
        if self._app_transport is None:
            if self._app_transport_created:
                raise RuntimeError('Creating _SSLProtocolTransport twice')
            self._app_transport = _SSLProtocolTransport(self._loop, self)
            self._app_transport_created = True
        return self._app_transport

    def connection_made(self, transport):
        """The TCP connection is there: the handshake starts."""
        self._transport = transport
        self._start_handshake()

    def connection_lost(self, exc):
        self._write_backlog.clear()
        self._outgoing.read()
        self._conn_lost += 1
        if self._app_transport is not None:
            self._app_transport._closed = True
        if self._state != _SSLState.DO_HANDSHAKE:
            if self._app_state in (_AppState.STATE_CON_MADE, _AppState.STATE_EOF):
                self._app_state = _AppState.STATE_CON_LOST
                self._loop.call_soon(self._app_protocol.connection_lost, exc)
        self._set_state(_SSLState.UNWRAPPED)
        self._transport = None
        self._app_transport = None
        self._app_protocol = None
        self._wakeup_waiter(exc)
        if self._shutdown_timeout_handle:
            self._shutdown_timeout_handle.cancel()
            self._shutdown_timeout_handle = None
        if self._handshake_timeout_handle:
            self._handshake_timeout_handle.cancel()
            self._handshake_timeout_handle = None

    def data_received(self, data):
        # CPython's SSLProtocol is a BufferedProtocol reading into a memoryview of its
        # buffer; pymm's recv_into takes a bytearray only, so the records come as bytes
        # (one copy either way: into the buffer there, into the bytes here)
        self._incoming.write(data)
        if self._state == _SSLState.DO_HANDSHAKE:
            self._do_handshake()
        elif self._state == _SSLState.WRAPPED:
            self._do_read()
        elif self._state == _SSLState.FLUSHING:
            self._do_flush()
        elif self._state == _SSLState.SHUTDOWN:
            self._do_shutdown()

    def eof_received(self):
        """The peer ended the TCP stream."""
        self._eof_received = True
        try:
            if self._state == _SSLState.DO_HANDSHAKE:
                self._on_handshake_complete(ConnectionResetError)
            elif self._state == _SSLState.WRAPPED:
                self._set_state(_SSLState.FLUSHING)
                if self._app_reading_paused:
                    return True
                else:
                    self._do_flush()
            elif self._state == _SSLState.FLUSHING:
                self._do_write()
                self._set_state(_SSLState.SHUTDOWN)
                self._do_shutdown()
            elif self._state == _SSLState.SHUTDOWN:
                self._do_shutdown()
        except Exception:
            self._transport.close()
            raise

    def _get_extra_info(self, name, default=None):
        if name in self._extra:
            return self._extra[name]
        elif self._transport is not None:
            return self._transport.get_extra_info(name, default)
        else:
            return default

    def _set_state(self, new_state):
        if new_state == _SSLState.UNWRAPPED or (self._state, new_state) in _SSL_TRANSITIONS:
            self._state = new_state
        else:
            raise RuntimeError(f'cannot switch state from {self._state} to {new_state}')

    # the handshake

    def _start_handshake(self):
        if self._loop.get_debug():
            self._handshake_start_time = self._loop.time()
        else:
            self._handshake_start_time = None
        self._set_state(_SSLState.DO_HANDSHAKE)
        self._handshake_timeout_handle = self._loop.call_later(
            self._ssl_handshake_timeout, lambda: self._check_handshake_timeout())
        self._do_handshake()

    def _check_handshake_timeout(self):
        if self._state == _SSLState.DO_HANDSHAKE:
            msg = (f"SSL handshake is taking longer than {self._ssl_handshake_timeout} "
                   f"seconds: aborting the connection")
            self._fatal_error(ConnectionAbortedError(msg))

    def _do_handshake(self):
        import ssl
        try:
            self._sslobj.do_handshake()
        except _ssl_again_errors():
            self._process_outgoing()
        except ssl.SSLError as exc:
            self._on_handshake_complete(exc)
        else:
            self._on_handshake_complete(None)

    def _on_handshake_complete(self, handshake_exc):
        import ssl
        if self._handshake_timeout_handle is not None:
            self._handshake_timeout_handle.cancel()
            self._handshake_timeout_handle = None
        sslobj = self._sslobj
        try:
            if handshake_exc is None:
                self._set_state(_SSLState.WRAPPED)
            else:
                raise handshake_exc
            peercert = sslobj.getpeercert()
        except Exception as exc:
            self._set_state(_SSLState.UNWRAPPED)
            if isinstance(exc, ssl.CertificateError):
                msg = 'SSL handshake failed on verifying the certificate'
            else:
                msg = 'SSL handshake failed'
            self._fatal_error(exc, msg)
            self._wakeup_waiter(exc)
            return
        self._extra.update(peercert=peercert, cipher=sslobj.cipher(),
                           compression=sslobj.compression(), ssl_object=sslobj)
        if self._app_state == _AppState.STATE_INIT:
            self._app_state = _AppState.STATE_CON_MADE
            self._app_protocol.connection_made(self._get_app_transport())
        self._wakeup_waiter()
        self._do_read()

    # the shutdown

    def _start_shutdown(self):
        if self._state in (_SSLState.FLUSHING, _SSLState.SHUTDOWN, _SSLState.UNWRAPPED):
            return
        if self._app_transport is not None:
            self._app_transport._closed = True
        if self._state == _SSLState.DO_HANDSHAKE:
            self._abort()
        else:
            self._set_state(_SSLState.FLUSHING)
            self._shutdown_timeout_handle = self._loop.call_later(
                self._ssl_shutdown_timeout, lambda: self._check_shutdown_timeout())
            self._do_flush()

    def _check_shutdown_timeout(self):
        if self._state in (_SSLState.FLUSHING, _SSLState.SHUTDOWN):
            self._transport._force_close(TimeoutError('SSL shutdown timed out'))

    def _do_flush(self):
        self._do_read()
        self._set_state(_SSLState.SHUTDOWN)
        self._do_shutdown()

    def _do_shutdown(self):
        import ssl
        try:
            if not self._eof_received:
                self._sslobj.unwrap()
        except _ssl_again_errors():
            self._process_outgoing()
        except ssl.SSLError as exc:
            self._on_shutdown_complete(exc)
        else:
            self._process_outgoing()
            self._call_eof_received()
            self._on_shutdown_complete(None)

    def _on_shutdown_complete(self, shutdown_exc):
        if self._shutdown_timeout_handle is not None:
            self._shutdown_timeout_handle.cancel()
            self._shutdown_timeout_handle = None
        if shutdown_exc:
            self._fatal_error(shutdown_exc)
        else:
            self._loop.call_soon(self._transport.close)

    def _abort(self):
        self._set_state(_SSLState.UNWRAPPED)
        if self._transport is not None:
            self._transport.abort()

    # application data out

    def _write_appdata(self, list_of_data):
        if self._state in (_SSLState.FLUSHING, _SSLState.SHUTDOWN, _SSLState.UNWRAPPED):
            if self._conn_lost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES:
                _log_warning('SSL connection is closed')
            self._conn_lost += 1
            return
        for data in list_of_data:
            self._write_backlog.append(data)
            self._write_buffer_size += len(data)
        try:
            if self._state == _SSLState.WRAPPED:
                self._do_write()
        except Exception as ex:
            self._fatal_error(ex, 'Fatal error on SSL protocol')

    def _do_write(self):
        try:
            while self._write_backlog:
                data = self._write_backlog[0]
                count = self._sslobj.write(data)
                data_len = len(data)
                if count < data_len:
                    self._write_backlog[0] = data[count:]
                    self._write_buffer_size -= count
                else:
                    self._write_backlog.popleft()
                    self._write_buffer_size -= data_len
        except _ssl_again_errors():
            pass
        self._process_outgoing()

    def _process_outgoing(self):
        if not self._ssl_writing_paused:
            data = self._outgoing.read()
            if len(data):
                self._transport.write(data)
        self._control_app_writing()

    # application data in

    def _do_read(self):
        if self._state not in (_SSLState.WRAPPED, _SSLState.FLUSHING):
            return
        try:
            if not self._app_reading_paused:
                if self._app_protocol_is_buffer:
                    self._do_read__buffered()
                else:
                    self._do_read__copied()
                if self._write_backlog:
                    self._do_write()
                else:
                    self._process_outgoing()
            self._control_ssl_reading()
        except Exception as ex:
            self._fatal_error(ex, 'Fatal error on SSL protocol')

    def _do_read__buffered(self):
        offset = 0
        count = 1
        buf = self._app_protocol_get_buffer(self._get_read_buffer_size())
        wants = len(buf)
        try:
            count = self._sslobj.read(wants, buf)
            if count > 0:
                offset = count
                while offset < wants:
                    count = self._sslobj.read(wants - offset, buf[offset:])
                    if count > 0:
                        offset += count
                    else:
                        break
                else:
                    self._loop.call_soon(lambda: self._do_read())
        except _ssl_again_errors():
            pass
        if offset > 0:
            self._app_protocol_buffer_updated(offset)
        if not count:
            # the peer's close_notify
            self._call_eof_received()
            self._start_shutdown()

    def _do_read__copied(self):
        chunk = b'1'
        zero = True
        one = False
        try:
            while True:
                chunk = self._sslobj.read(self.max_size)
                if not chunk:
                    break
                if zero:
                    zero = False
                    one = True
                    first = chunk
                elif one:
                    one = False
                    data = [first, chunk]
                else:
                    data.append(chunk)
        except _ssl_again_errors():
            pass
        if one:
            self._app_protocol.data_received(first)
        elif not zero:
            self._app_protocol.data_received(b''.join(data))
        if not chunk:
            # the peer's close_notify
            self._call_eof_received()
            self._start_shutdown()

    def _call_eof_received(self):
        try:
            if self._app_state == _AppState.STATE_CON_MADE:
                self._app_state = _AppState.STATE_EOF
                keep_open = self._app_protocol.eof_received()
                if keep_open:
                    _log_warning('returning true from eof_received() has no effect when '
                                 'using ssl')
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as ex:
            self._fatal_error(ex, 'Error calling eof_received()')

    # flow control of the application's writes

    def _control_app_writing(self):
        size = self._get_write_buffer_size()
        if size >= self._outgoing_high_water and not self._app_writing_paused:
            self._app_writing_paused = True
            try:
                self._app_protocol.pause_writing()
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.pause_writing() failed',
                    'exception': exc,
                    'transport': self._app_transport,
                    'protocol': self,
                })
        elif size <= self._outgoing_low_water and self._app_writing_paused:
            self._app_writing_paused = False
            try:
                self._app_protocol.resume_writing()
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.resume_writing() failed',
                    'exception': exc,
                    'transport': self._app_transport,
                    'protocol': self,
                })

    def _get_write_buffer_size(self):
        return self._outgoing.pending + self._write_buffer_size

    def _set_write_buffer_limits(self, high=None, low=None):
        high, low = add_flowcontrol_defaults(high, low, FLOW_CONTROL_HIGH_WATER_SSL_WRITE)
        self._outgoing_high_water = high
        self._outgoing_low_water = low

    # flow control of the application's reads

    def _pause_reading(self):
        self._app_reading_paused = True

    def _resume_reading(self):
        if self._app_reading_paused:
            self._app_reading_paused = False

            def resume():
                if self._state == _SSLState.WRAPPED:
                    self._do_read()
                elif self._state == _SSLState.FLUSHING:
                    self._do_flush()
                elif self._state == _SSLState.SHUTDOWN:
                    self._do_shutdown()
            self._loop.call_soon(resume)

    # flow control of the records read from the transport

    def _control_ssl_reading(self):
        size = self._get_read_buffer_size()
        if size >= self._incoming_high_water and not self._ssl_reading_paused:
            self._ssl_reading_paused = True
            self._transport.pause_reading()
        elif size <= self._incoming_low_water and self._ssl_reading_paused:
            self._ssl_reading_paused = False
            self._transport.resume_reading()

    def _set_read_buffer_limits(self, high=None, low=None):
        high, low = add_flowcontrol_defaults(high, low, FLOW_CONTROL_HIGH_WATER_SSL_READ)
        self._incoming_high_water = high
        self._incoming_low_water = low

    def _get_read_buffer_size(self):
        return self._incoming.pending

    # flow control of the records written to the transport

    def pause_writing(self):
        assert not self._ssl_writing_paused
        self._ssl_writing_paused = True

    def resume_writing(self):
        assert self._ssl_writing_paused
        self._ssl_writing_paused = False
        self._process_outgoing()

    def _fatal_error(self, exc, message='Fatal error on transport'):
        if self._transport:
            self._transport._force_close(exc)
        if not isinstance(exc, (OSError, CancelledError)):
            self._loop.call_exception_handler({
                'message': message,
                'exception': exc,
                'transport': self._transport,
                'protocol': self,
            })


# ---- streams (asyncio/streams.py)

_DEFAULT_LIMIT = 2 ** 16  # 64 KiB


class IncompleteReadError(EOFError):
    """Incomplete read error: `partial` holds what was read before the end."""

    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of '
                         f'{r_expected} expected bytes')
        self.partial = partial
        self.expected = expected

    def __reduce__(self):
        return type(self), (self.partial, self.expected)


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, **kwds):
    """(reader, writer) of a TCP connection to host and port."""
    loop = get_running_loop()
    reader = StreamReader(limit=limit, loop=loop)
    protocol = StreamReaderProtocol(reader, loop=loop)
    transport, _ = await loop.create_connection(lambda: protocol, host, port, **kwds)
    writer = StreamWriter(transport, protocol, reader, loop)
    return reader, writer


async def start_server(client_connected_cb, host=None, port=None, *, limit=_DEFAULT_LIMIT,
                       **kwds):
    """A Server calling client_connected_cb(reader, writer) for each connection (a
    coroutine function's coroutine becomes a task)."""
    loop = get_running_loop()

    def factory():
        reader = StreamReader(limit=limit, loop=loop)
        protocol = StreamReaderProtocol(reader, client_connected_cb, loop=loop)
        return protocol

    return await loop.create_server(factory, host, port, **kwds)


class FlowControlMixin(Protocol):
    """The writer's side of a stream's protocol: drain() waits while the transport has
    paused writing."""

    def __init__(self, loop=None):
        if loop is None:
            self._loop = get_event_loop()
        else:
            self._loop = loop
        self._paused = False
        self._drain_waiters = collections.deque()
        self._connection_lost = False

    def pause_writing(self):
        assert not self._paused
        self._paused = True

    def resume_writing(self):
        assert self._paused
        self._paused = False
        for waiter in self._drain_waiters:
            if not waiter.done():
                waiter.set_result(None)

    def connection_lost(self, exc):
        self._connection_lost = True
        # Wake up the writer(s) if currently paused.
        if not self._paused:
            return
        for waiter in self._drain_waiters:
            if not waiter.done():
                if exc is None:
                    waiter.set_result(None)
                else:
                    waiter.set_exception(exc)

    async def _drain_helper(self):
        if self._connection_lost:
            raise ConnectionResetError('Connection lost')
        if not self._paused:
            return
        waiter = self._loop.create_future()
        self._drain_waiters.append(waiter)
        try:
            await waiter
        finally:
            self._drain_waiters.remove(waiter)

    def _get_close_waiter(self, stream):
        raise NotImplementedError


class StreamReaderProtocol(FlowControlMixin, Protocol):
    """The protocol between a transport and a StreamReader (and, for a server's
    connection, the callback given the reader and a writer)."""

    def __init__(self, stream_reader, client_connected_cb=None, loop=None):
        super().__init__(loop=loop)
        if stream_reader is not None:
            self._stream_reader_wr = _weakref.ref(stream_reader)
        else:
            self._stream_reader_wr = None
        if client_connected_cb is not None:
            # This is a stream created by the `create_server()` function.
            # Keep a strong reference to the reader until a connection is established.
            self._strong_reader = stream_reader
        self._reject_connection = False
        self._stream_writer = None
        self._task = None
        self._transport = None
        self._client_connected_cb = client_connected_cb
        self._over_ssl = False
        self._closed = self._loop.create_future()

    @property
    def _stream_reader(self):
        if self._stream_reader_wr is None:
            return None
        return self._stream_reader_wr()

    def connection_made(self, transport):
        self._transport = transport
        reader = self._stream_reader
        if reader is not None:
            reader.set_transport(transport)
        self._over_ssl = transport.get_extra_info('sslcontext') is not None
        if self._client_connected_cb is not None:
            self._stream_writer = StreamWriter(transport, self, reader, self._loop)
            res = self._client_connected_cb(reader, self._stream_writer)
            if iscoroutine(res):
                self._task = self._loop.create_task(res)
            self._strong_reader = None

    def connection_lost(self, exc):
        reader = self._stream_reader
        if reader is not None:
            if exc is None:
                reader.feed_eof()
            else:
                reader.set_exception(exc)
        if not self._closed.done():
            if exc is None:
                self._closed.set_result(None)
            else:
                self._closed.set_exception(exc)
        super().connection_lost(exc)
        self._stream_reader_wr = None
        self._stream_writer = None
        self._task = None
        self._transport = None

    def data_received(self, data):
        reader = self._stream_reader
        if reader is not None:
            reader.feed_data(data)

    def eof_received(self):
        reader = self._stream_reader
        if reader is not None:
            reader.feed_eof()
        if self._over_ssl:
            # over TLS the transport closes at the end anyway (SSLProtocol warns of True)
            return False
        return True

    def _get_close_waiter(self, stream):
        return self._closed


class StreamWriter:
    """Wraps a transport: write, drain, close and wait_closed."""

    def __init__(self, transport, protocol, reader, loop):
        self._transport = transport
        self._protocol = protocol
        self._reader = reader
        self._loop = loop
        self._complete_fut = self._loop.create_future()
        self._complete_fut.set_result(None)

    def __repr__(self):
        info = [self.__class__.__name__, f'transport={self._transport!r}']
        if self._reader is not None:
            info.append(f'reader={self._reader!r}')
        return '<{}>'.format(' '.join(info))

    @property
    def transport(self):
        return self._transport

    def write(self, data):
        self._transport.write(data)

    def writelines(self, data):
        self._transport.writelines(data)

    def write_eof(self):
        return self._transport.write_eof()

    def can_write_eof(self):
        return self._transport.can_write_eof()

    def close(self):
        return self._transport.close()

    def is_closing(self):
        return self._transport.is_closing()

    async def wait_closed(self):
        await self._protocol._get_close_waiter(self)

    def get_extra_info(self, name, default=None):
        return self._transport.get_extra_info(name, default)

    async def drain(self):
        """Waits until the transport's buffer is back under its low-water mark."""
        if self._reader is not None:
            exc = self._reader.exception()
            if exc is not None:
                raise exc
        if self._transport.is_closing():
            # Wait for protocol.connection_lost() call; raise connection closing error
            # if any, ConnectionResetError otherwise.
            await sleep(0)
        await self._protocol._drain_helper()


class StreamReader:
    """The data a connection received, read by size, by line or up to a separator."""

    def __init__(self, limit=_DEFAULT_LIMIT, loop=None):
        if limit <= 0:
            raise ValueError('Limit cannot be <= 0')
        self._limit = limit
        if loop is None:
            self._loop = get_event_loop()
        else:
            self._loop = loop
        self._buffer = bytearray()
        self._eof = False    # Whether we're done.
        self._waiter = None  # A future used by _wait_for_data()
        self._exception = None
        self._transport = None
        self._paused = False

    def __repr__(self):
        info = ['StreamReader']
        if self._buffer:
            info.append(f'{len(self._buffer)} bytes')
        if self._eof:
            info.append('eof')
        if self._limit != _DEFAULT_LIMIT:
            info.append(f'limit={self._limit}')
        if self._waiter:
            info.append(f'waiter={self._waiter!r}')
        if self._exception:
            info.append(f'exception={self._exception!r}')
        if self._transport:
            info.append(f'transport={self._transport!r}')
        if self._paused:
            info.append('paused')
        return '<{}>'.format(' '.join(info))

    def exception(self):
        return self._exception

    def set_exception(self, exc):
        self._exception = exc
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_exception(exc)

    def _wakeup_waiter(self):
        """Wakeup read*() functions waiting for data or EOF."""
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.cancelled():
                waiter.set_result(None)

    def set_transport(self, transport):
        assert self._transport is None, 'Transport already set'
        self._transport = transport

    def _maybe_resume_transport(self):
        if self._paused and len(self._buffer) <= self._limit:
            self._paused = False
            self._transport.resume_reading()

    def feed_eof(self):
        self._eof = True
        self._wakeup_waiter()

    def at_eof(self):
        """Return True if the buffer is empty and 'feed_eof' was called."""
        return self._eof and not self._buffer

    def feed_data(self, data):
        assert not self._eof, 'feed_data after feed_eof'
        if not data:
            return
        self._buffer.extend(data)
        self._wakeup_waiter()
        if (self._transport is not None and
                not self._paused and
                len(self._buffer) > 2 * self._limit):
            try:
                self._transport.pause_reading()
            except NotImplementedError:
                # The transport can't be paused.
                self._transport = None
            else:
                self._paused = True

    async def _wait_for_data(self, func_name):
        """Wait until feed_data() or feed_eof() is called."""
        if self._waiter is not None:
            raise RuntimeError(
                f'{func_name}() called while another coroutine is '
                f'already waiting for incoming data')
        assert not self._eof, '_wait_for_data after EOF'
        if self._paused:
            self._paused = False
            self._transport.resume_reading()
        self._waiter = self._loop.create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    async def readline(self):
        """The next line (through b'\\n'), or what is left at EOF."""
        sep = b'\n'
        seplen = len(sep)
        try:
            line = await self.readuntil(sep)
        except IncompleteReadError as e:
            return e.partial
        except LimitOverrunError as e:
            if self._buffer.startswith(sep, e.consumed):
                del self._buffer[:e.consumed + seplen]
            else:
                self._buffer.clear()
            self._maybe_resume_transport()
            raise ValueError(e.args[0])
        return line

    async def readuntil(self, separator=b'\n'):
        """The data through `separator`; IncompleteReadError at EOF before it."""
        seplen = len(separator)
        if seplen == 0:
            raise ValueError('Separator should be at least one-byte string')
        if self._exception is not None:
            raise self._exception
        offset = 0
        while True:
            buflen = len(self._buffer)
            if buflen - offset >= seplen:
                isep = self._buffer.find(separator, offset)
                if isep != -1:
                    break
                offset = buflen + 1 - seplen
                if offset > self._limit:
                    raise LimitOverrunError(
                        'Separator is not found, and chunk exceed the limit', offset)
            if self._eof:
                chunk = bytes(self._buffer)
                self._buffer.clear()
                raise IncompleteReadError(chunk, None)
            await self._wait_for_data('readuntil')
        if isep > self._limit:
            raise LimitOverrunError(
                'Separator is found, but chunk is longer than limit', isep)
        chunk = self._buffer[:isep + seplen]
        del self._buffer[:isep + seplen]
        self._maybe_resume_transport()
        return bytes(chunk)

    async def read(self, n=-1):
        """Up to `n` bytes (all until EOF when n < 0); b'' at EOF."""
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        if n < 0:
            blocks = []
            while True:
                block = await self.read(self._limit)
                if not block:
                    break
                blocks.append(block)
            return b''.join(blocks)
        if not self._buffer and not self._eof:
            await self._wait_for_data('read')
        if len(self._buffer) <= n:
            data = bytes(self._buffer)
            self._buffer.clear()
        else:
            data = bytes(self._buffer[:n])
            del self._buffer[:n]
        self._maybe_resume_transport()
        return data

    async def readexactly(self, n):
        """Exactly `n` bytes; IncompleteReadError at EOF before them."""
        if n < 0:
            raise ValueError('readexactly size can not be less than zero')
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b''
        while len(self._buffer) < n:
            if self._eof:
                incomplete = bytes(self._buffer)
                self._buffer.clear()
                raise IncompleteReadError(incomplete, n)
            await self._wait_for_data('readexactly')
        if len(self._buffer) == n:
            data = bytes(self._buffer)
            self._buffer.clear()
        else:
            data = bytes(self._buffer[:n])
            del self._buffer[:n]
        self._maybe_resume_transport()
        return data

    def __aiter__(self):
        return self

    async def __anext__(self):
        val = await self.readline()
        if val == b'':
            raise StopAsyncIteration
        return val
