# The Python half of pymm's time module (the native half gives the clocks and the C
# library's calendar functions as _broken_down, _mktime and _strftime).

from sys import _StructSeq


class struct_time(_StructSeq):
    """A time as calendar fields: a 9-tuple with tm_zone and tm_gmtoff as attributes."""

    _fields = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
               "tm_yday", "tm_isdst")
    _name = "time.struct_time"

    def __new__(cls, values):
        values = tuple(values)
        if not 9 <= len(values) <= 11:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)"
                            % len(values))
        self = tuple.__new__(cls, values[:9])
        self._extra = values[9:] + (None,) * (11 - len(values))
        return self

    @property
    def tm_zone(self):
        return self._extra[0]

    @property
    def tm_gmtoff(self):
        return self._extra[1]

    def __reduce__(self):
        return (type(self), (tuple(self),))


def _seconds(secs):
    return time() if secs is None else secs


def gmtime(secs=None):
    """The UTC calendar fields of secs since the epoch (now by default)."""
    return struct_time(_broken_down(_seconds(secs), False))


def localtime(secs=None):
    """The local calendar fields of secs since the epoch (now by default)."""
    return struct_time(_broken_down(_seconds(secs), True))


def mktime(t):
    """The seconds since the epoch of the local time t (the inverse of localtime)."""
    return _mktime(tuple(t))


def strftime(format, t=None):
    """t (the local time now by default) formatted by the C library's strftime."""
    if t is None:
        t = localtime()
    elif not isinstance(t, tuple):
        raise TypeError("Tuple or struct_time argument required")
    return _strftime(format, tuple(t))


def asctime(t=None):
    """t (the local time now by default) as 'Sun Jun 20 23:21:05 1993'."""
    t = localtime() if t is None else t
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
    return "%s %s %2d %02d:%02d:%02d %d" % (days[t[6]], months[t[1] - 1], t[2], t[3], t[4],
                                            t[5], t[0])


def ctime(secs=None):
    return asctime(localtime(secs))


_now = _broken_down(0, True)
timezone = -_now[10]
altzone = timezone
daylight = 0
tzname = (_now[9], _now[9])
del _now
