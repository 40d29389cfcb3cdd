# pymm's selectors module, after CPython 3.11's Lib/selectors.py: the registration map and
# keys as CPython's, over poll(2) (`_socket.poll`), which DefaultSelector is here.

from abc import ABCMeta, abstractmethod
from collections import namedtuple
from collections.abc import Mapping
import math
import _socket

__all__ = ["EVENT_READ", "EVENT_WRITE", "SelectorKey", "BaseSelector", "PollSelector",
           "DefaultSelector"]

EVENT_READ = (1 << 0)
EVENT_WRITE = (1 << 1)


def _fileobj_to_fd(fileobj):
    """The descriptor of `fileobj` (an int, or an object with fileno())."""
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError("Invalid file object: "
                             "{!r}".format(fileobj)) from None
    if fd < 0:
        raise ValueError("Invalid file descriptor: {}".format(fd))
    return fd


SelectorKey = namedtuple('SelectorKey', ['fileobj', 'fd', 'events', 'data'])


class _SelectorMapping(Mapping):
    """Mapping of file objects to selector keys."""

    def __init__(self, selector):
        self._selector = selector

    def __len__(self):
        return len(self._selector._fd_to_key)

    def __getitem__(self, fileobj):
        try:
            fd = self._selector._fileobj_lookup(fileobj)
            return self._selector._fd_to_key[fd]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def __iter__(self):
        return iter(self._selector._fd_to_key)


class BaseSelector(metaclass=ABCMeta):
    """Selector abstract base class."""

    @abstractmethod
    def register(self, fileobj, events, data=None):
        raise NotImplementedError

    @abstractmethod
    def unregister(self, fileobj):
        raise NotImplementedError

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    @abstractmethod
    def select(self, timeout=None):
        raise NotImplementedError

    def close(self):
        pass

    def get_key(self, fileobj):
        mapping = self.get_map()
        if mapping is None:
            raise RuntimeError('Selector is closed')
        try:
            return mapping[fileobj]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    @abstractmethod
    def get_map(self):
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class _BaseSelectorImpl(BaseSelector):
    """Base selector implementation."""

    def __init__(self):
        # this maps file descriptors to keys
        self._fd_to_key = {}
        # read-only mapping returned by get_map()
        self._map = _SelectorMapping(self)

    def _fileobj_lookup(self, fileobj):
        try:
            return _fileobj_to_fd(fileobj)
        except ValueError:
            # Do an exhaustive search: the object may be closed already.
            for key in self._fd_to_key.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def register(self, fileobj, events, data=None):
        if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
            raise ValueError("Invalid events: {!r}".format(events))
        key = SelectorKey(fileobj, self._fileobj_lookup(fileobj), events, data)
        if key.fd in self._fd_to_key:
            raise KeyError("{!r} (FD {}) is already registered"
                           .format(fileobj, key.fd))
        self._fd_to_key[key.fd] = key
        return key

    def unregister(self, fileobj):
        try:
            key = self._fd_to_key.pop(self._fileobj_lookup(fileobj))
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        return key

    def modify(self, fileobj, events, data=None):
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        if events != key.events:
            self.unregister(fileobj)
            key = self.register(fileobj, events, data)
        elif data != key.data:
            # Use a shortcut to update the data.
            key = key._replace(data=data)
            self._fd_to_key[key.fd] = key
        return key

    def close(self):
        self._fd_to_key.clear()
        self._map = None

    def get_map(self):
        return self._map

    def _key_from_fd(self, fd):
        try:
            return self._fd_to_key[fd]
        except KeyError:
            return None


class PollSelector(_BaseSelectorImpl):
    """Poll-based selector: the registered descriptors' events are handed to poll(2) on
    each select()."""

    _POLLIN = _socket.POLLIN
    _POLLOUT = _socket.POLLOUT

    def __init__(self):
        super().__init__()
        # (fd, poll events) of each registered descriptor, kept up to date by register
        # and unregister so that select() hands them to poll as they are
        self._polled = {}

    def register(self, fileobj, events, data=None):
        key = super().register(fileobj, events, data)
        poller_events = 0
        if events & EVENT_READ:
            poller_events |= self._POLLIN
        if events & EVENT_WRITE:
            poller_events |= self._POLLOUT
        self._polled[key.fd] = (key.fd, poller_events)
        return key

    def unregister(self, fileobj):
        key = super().unregister(fileobj)
        self._polled.pop(key.fd, None)
        return key

    def close(self):
        super().close()
        self._polled.clear()

    def select(self, timeout=None):
        """[(key, events)] of the registered objects ready within `timeout` seconds (None:
        wait until one is; 0 or less: do not wait)."""
        if timeout is not None:
            if timeout <= 0:
                timeout = 0
            else:
                # poll() has a resolution of 1 millisecond, round away from zero to wait
                # *at least* timeout seconds
                timeout = math.ceil(timeout * 1e3) * 1e-3
        ready = []
        if self._map is None:
            return ready
        fd_event_list = _socket.poll(list(self._polled.values()), timeout)
        for fd, event in fd_event_list:
            events = 0
            # an error or hang-up wakes readers and writers both, as in CPython
            if event & ~self._POLLIN:
                events |= EVENT_WRITE
            if event & ~self._POLLOUT:
                events |= EVENT_READ
            key = self._key_from_fd(fd)
            if key:
                ready.append((key, events & key.events))
        return ready


DefaultSelector = PollSelector
