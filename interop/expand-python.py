"""Expand the VEVENTs of .ics files with icalendar + recurring-ical-events (PyPI).

usage: CONVENOR_INTEROP_HOME/venv/bin/python expand-python.py FILE FROM TO [FILE FROM TO ...]
  FROM, TO: RFC 3339 instants, e.g. 2022-11-01T00:00:00Z.
Runs recurring_ical_events.of(calendar).between(FROM, TO) and prints one JSON line per
occurrence whose START is in [FROM, TO) (between() also returns occurrences that merely
overlap the window; they are dropped), per file, sorted by (start, uid, end):
  {"file":"…","uid":"…","start":"2022-11-12T15:00:00Z","end":"2022-11-12T16:00:00Z"}
Instants are UTC; a DATE value prints as YYYY-MM-DD and a floating time without "Z".
Diagnostics are JSON lines too: {"file":…,"warning":…} and, when a file cannot be parsed
or expanded, {"file":…,"error":…} (no occurrences are printed for that file).
Exit: 0 ok; 2 at least one file had an error; 3 usage error or the packages are missing.

Note: icalendar resolves known IANA TZIDs with the IANA database (zoneinfo) and ignores
the rules of the file's VTIMEZONE; only unknown TZIDs use the VTIMEZONE.
"""

import datetime as dt
import json
import re
import sys
import warnings

UTC = dt.timezone.utc
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


class FileError(Exception):
    pass


def usage(msg=None):
    if msg:
        print(f"expand-python: {msg}", file=sys.stderr)
    print("usage: expand-python.py FILE FROM TO [FILE FROM TO ...]", file=sys.stderr)
    sys.exit(3)


def parse_instant(text):
    if not RFC3339.match(text):
        usage(f"'{text}' is not an RFC 3339 instant (e.g. 2022-11-01T00:00:00Z)")
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).astimezone(UTC)


def fmt(value):
    """UTC "…Z" for an aware datetime, "YYYY-MM-DD" for a date, wall time for floating."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def instant(value):
    """Instant for selection and sorting; dates and floating times are read as UTC."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=UTC)


def expand_file(icalendar, recurring_ical_events, path, start, stop, warn):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise FileError(f"cannot read {path}: {e}") from e
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as e:  # icalendar raises ValueError and friends
        raise FileError(f"parse error: {type(e).__name__}: {e}") from e
    if len(calendars) != 1:
        raise FileError(f"expected one VCALENDAR, found {len(calendars)}")
    cal = calendars[0]
    if cal.name != "VCALENDAR":
        raise FileError(f"top-level component is {cal.name}, not VCALENDAR")
    for comp in cal.walk():
        for err in getattr(comp, "errors", []) or []:
            warn(f"{comp.name}: icalendar recorded a parse problem: {err}")
    try:
        occurrences = recurring_ical_events.of(cal).between(start, stop)
    except Exception as e:
        raise FileError(f"expansion error: {type(e).__name__}: {e}") from e
    rows = []
    for occ in occurrences:
        s, e = occ.start, occ.end
        si = instant(s)
        if not (start <= si < stop):  # the contract: start in [FROM, TO)
            continue
        uid = occ.get("UID")
        uid = "" if uid is None else str(uid)
        rows.append((si, uid, fmt(e), fmt(s)))
    rows.sort(key=lambda r: r[:3])
    return [{"uid": uid, "start": s, "end": e} for _, uid, e, s in rows]


def main():
    args = sys.argv[1:]
    if not args or len(args) % 3:
        usage()
    jobs = [(args[i], parse_instant(args[i + 1]), parse_instant(args[i + 2])) for i in range(0, len(args), 3)]
    try:
        import icalendar
        import recurring_ical_events
    except ImportError as e:
        print(f"expand-python: {e} (run interop/install and use its venv python)", file=sys.stderr)
        sys.exit(3)

    failures = 0
    out = sys.stdout
    for path, start, stop in jobs:
        recs = []

        def warn(msg):
            recs.append({"file": path, "warning": msg})

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                occ = expand_file(icalendar, recurring_ical_events, path, start, stop, warn)
                error = None
            except FileError as e:
                occ, error = [], str(e)
            except Exception as e:  # a bug in a client must not hide the other files
                occ, error = [], f"{type(e).__name__}: {e}"
        for w in caught:
            warn(f"{w.category.__name__}: {w.message}")
        if error is not None:
            failures += 1
            recs.append({"file": path, "error": error})
        recs.extend({"file": path, **o} for o in occ)
        out.write("".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in recs))
    out.flush()
    sys.exit(2 if failures else 0)


if __name__ == "__main__":
    main()
