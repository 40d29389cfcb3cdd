# datetime: dates, times, timedeltas, time zones, arithmetic, ISO formats, strftime; math.modf,
# frexp, ldexp, which it uses.
from datetime import date, datetime, time, timedelta, timezone, MINYEAR, MAXYEAR

d = date(2024, 2, 28)
print("date:", d, repr(d), d.year, d.month, d.day, d.weekday(), d.isoweekday())
print("next days:", d + timedelta(days=1), d + timedelta(days=2), d.toordinal())
print("difference:", date(2025, 1, 1) - d, (date(2025, 1, 1) - d).days)
print("iso:", date.fromisoformat("2023-12-31"), tuple(d.isocalendar()), d.isoformat())
print("replace:", d.replace(year=2023), d < date(2024, 3, 1), d == date(2024, 2, 28))
print("ordinal:", date.fromordinal(738000), MINYEAR, MAXYEAR)
t = time(13, 5, 7, 250)
print("time:", t, repr(t), t.isoformat(timespec="seconds"), time.fromisoformat("08:30"))
dt = datetime(2022, 5, 25, 10, 14, 37)
print("datetime:", dt, repr(dt), dt.date(), dt.time(), dt.timestamp() if dt.tzinfo else "naive")
utc = dt.replace(tzinfo=timezone.utc)
print("aware:", utc, utc.isoformat(), utc.utcoffset(), utc.tzname(), utc.timestamp())
east = timezone(timedelta(hours=5, minutes=30), "IST")
print("converted:", utc.astimezone(east), east, repr(timezone(timedelta(hours=-3))))
print("parse:", datetime.fromisoformat("2022-05-25T10:16:47+00:00"),
      datetime.fromisoformat("2011-11-04 00:05:23.283"))
print("strftime:", dt.strftime("%Y/%m/%d %H:%M:%S %a %b %j %%"), d.strftime("%A %d %B %y"))
print("combine:", datetime.combine(d, t), datetime.fromtimestamp(0, timezone.utc))
print("timetuple:", tuple(dt.timetuple()), datetime.utcfromtimestamp(86400.25))
td = timedelta(days=-1, seconds=5, microseconds=7)
print("timedelta:", td, repr(td), td.total_seconds(), abs(td), td * 3, td // 2, -td)
print("timedelta parts:", timedelta(weeks=1, hours=36), timedelta(minutes=90) / timedelta(hours=1))
print("hash equal:", hash(date(2020, 1, 1)) == hash(date(2020, 1, 1)),
      {date(2020, 1, 1): 1}[date(2020, 1, 1)])
for bad in (lambda: date(2023, 2, 29), lambda: time(25), lambda: date.fromisoformat("2023-13-01")):
    try:
        bad()
    except ValueError:
        # the messages are those of CPython's pure-Python datetime, not of its C _datetime
        print("ValueError")
try:
    date(2023, 1, 1) + 1
except TypeError:
    print("TypeError")
import math

print("modf:", math.modf(3.75), math.modf(-2.5), math.modf(float("inf")), math.modf(4))
print("frexp:", math.frexp(8.0), math.frexp(-0.3), math.frexp(0.0), math.frexp(5e-324))
print("ldexp:", math.ldexp(0.5, 4), math.ldexp(1.0, -1074), math.ldexp(3, 2))
try:
    math.ldexp(1.0, 5000)
except OverflowError as e:
    print("OverflowError:", e)
