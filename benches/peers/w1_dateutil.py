"""W1 (issue 7) in python-dateutil: 10,000 weekly meetings at 17:00 local,
meeting i in zone i mod 20 on weekday (i // 20) mod 7 (0 = Monday), from
the first such weekday on or after 2025-01-01; sessions starting in
[2025-01-01T00:00Z, 2026-01-01T00:00Z). Prints the count and ns/session."""
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule, weekday

ZONES = [
    "America/Los_Angeles", "America/New_York", "America/Chicago", "America/Denver",
    "America/Sao_Paulo", "America/Mexico_City", "America/Santiago", "Europe/London",
    "Europe/Berlin", "Europe/Paris", "Europe/Moscow", "Africa/Cairo", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Tokyo", "Asia/Shanghai", "Asia/Tehran", "Australia/Sydney",
    "Australia/Adelaide", "Pacific/Auckland",
]


def main(n=10_000):
    lo = datetime(2025, 1, 1, tzinfo=timezone.utc)
    hi = datetime(2026, 1, 1, tzinfo=timezone.utc)
    zones = [ZoneInfo(z) for z in ZONES]
    rules = []
    for i in range(n):
        tz = zones[i % 20]
        day = (i // 20) % 7
        first = date(2025, 1, 1)
        first += timedelta(days=(day - first.weekday()) % 7)
        start = datetime(first.year, first.month, first.day, 17, 0, tzinfo=tz)
        rules.append(rrule(WEEKLY, byweekday=weekday(day), dtstart=start))
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        count = 0
        for r in rules:
            # between() compares aware datetimes by instant; the window
            # is half-open.
            count += sum(1 for t in r.between(lo, hi, inc=True) if t < hi)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    print(f"python-dateutil W1: {count} sessions, best of 3 {best * 1e3:.0f} ms, "
          f"{best * 1e9 / count:.0f} ns/session")
    return 0


if __name__ == "__main__":
    sys.exit(main())
