#!/usr/bin/env python3
"""Compare the sessions four real calendar clients expand from each case's .ics file
with the sessions convenor's core library computed (the case's .expected.json).

usage: compare.py [--known FILE] [--jobs N] [--batch N] CASEDIR

A case is a pair NAME.ics + NAME.expected.json in CASEDIR:
  {"from": "2022-11-01T00:00:00Z", "to": "2025-01-01T00:00:00Z",
   "occurrences": [{"uid": "...", "start": "...Z", "end": "...Z"}, ...]}
"occurrences" are all sessions whose start is in [from, to), sorted by (start, uid).
A case whose every uid is "*" (interop/run-import: a schedule imported from the
.ics, which keeps none of its UIDs) is compared by (start, end) only, and the
clients' all-day (DATE) occurrences are left out of it, as the import leaves
all-day events out.

The four clients (interop/expand-icaljs.mjs, interop/expand-python.py, libical through
interop/expand-libical.c as compiled by interop/install, interop/expand-nodeical.cjs)
run at the same time, each as --jobs processes (default: half the CPUs) that share the
files evenly
(process start-up is then paid once per process, not once per file). Each client's
multiset of (uid, start, end) is compared with the expected one, instant by instant.
Output, one line per case:
  ok NAME (N sessions, all 4 clients)
  FAIL NAME CLIENT: missing K [...], extra K [...]      (one line per failing client)
  known NAME CLIENT: ...                                (difference listed in KNOWN.md)
then a "clients: ..." timing line and, last, the line "N passed, M failed".
A case passes when no client differs from it except as listed in KNOWN.md.
Exit: 0 nothing failed; 1 some case failed; 2 usage/setup error (no cases, bad KNOWN.md,
a client could not be started).
Needs only the Python standard library; the clients come from interop/install
(${CONVENOR_INTEROP_HOME:-$HOME/.cache/convenor-interop}).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = ("icaljs", "python", "libical", "nodeical")
CLIENT_ALIASES = {"icaljs": "icaljs", "ical.js": "icaljs", "python": "python",
                  "libical": "libical", "nodeical": "nodeical", "node-ical": "nodeical"}
INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
SHOW = 3  # differences shown per kind on a FAIL line


class SetupError(Exception):
    pass


def interop_home():
    return os.environ.get("CONVENOR_INTEROP_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache", "convenor-interop")


def norm(value):
    """Canonical UTC 'YYYY-MM-DDTHH:MM:SSZ' for any RFC 3339 instant, else the raw text
    (a DATE or a floating time never equals an instant)."""
    if isinstance(value, str) and RFC3339.match(value):
        t = datetime.fromisoformat(value.upper().replace("Z", "+00:00").replace(" ", "T"))
        return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


# --- KNOWN.md -------------------------------------------------------------------------

def cells(line):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().strip("`").strip() for c in re.split(r"(?<!\\)\|", line)]


def load_known(path):
    """{(case, client): behaviour} from the first markdown table with 'case' and
    'client' columns. Every entry must name the case, the client and the behaviour."""
    known = {}
    if not path:
        return known
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise SetupError(f"cannot read {path}: {e}") from e
    header = None
    for n, line in enumerate(lines, 1):
        if not line.strip().startswith("|"):
            if header is not None:
                break  # end of the table
            continue
        row = cells(line)
        if header is None:
            low = [c.lower() for c in row]
            if "case" in low and "client" in low:
                header = low
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in row if c):
            continue  # separator row
        entry = dict(zip(header, row))
        case, client = entry.get("case", ""), entry.get("client", "").lower()
        behaviour = "; ".join(v for k, v in entry.items() if k not in ("case", "client") and v)
        if not case or not client or not behaviour:
            raise SetupError(f"{path}:{n}: an entry must name the case, the client and the behaviour")
        if client not in CLIENT_ALIASES:
            raise SetupError(f"{path}:{n}: unknown client '{client}' (use one of: {', '.join(CLIENTS)})")
        if case.endswith(".ics"):
            case = case[:-4]
        known[(case, CLIENT_ALIASES[client])] = behaviour
    if header is None:
        raise SetupError(f"{path}: no markdown table with 'case' and 'client' columns")
    return known


# --- cases ----------------------------------------------------------------------------

def load_expected(path):
    """(from, to, Counter of (uid, start, end)), or raise ValueError naming the problem."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for k in ("from", "to", "occurrences"):
        if k not in data:
            raise ValueError(f"no '{k}'")
    frm, to, occ = data["from"], data["to"], data["occurrences"]
    for k, v in (("from", frm), ("to", to)):
        if not isinstance(v, str) or not INSTANT.match(v):
            raise ValueError(f"'{k}' is {v!r}, not YYYY-MM-DDTHH:MM:SSZ")
    if not frm < to:
        raise ValueError(f"empty window [{frm}, {to})")
    if not isinstance(occ, list):
        raise ValueError("'occurrences' is not a list")
    keys = []
    for i, o in enumerate(occ):
        if not isinstance(o, dict) or not all(isinstance(o.get(k), str) for k in ("uid", "start", "end")):
            raise ValueError(f"occurrences[{i}] is not {{uid, start, end}} strings: {o!r}")
        for k in ("start", "end"):
            if not INSTANT.match(o[k]):
                raise ValueError(f"occurrences[{i}].{k} is {o[k]!r}, not YYYY-MM-DDTHH:MM:SSZ")
        if not frm <= o["start"] < to:
            raise ValueError(f"occurrences[{i}] starts at {o['start']}, outside [{frm}, {to})")
        if o["end"] < o["start"]:
            raise ValueError(f"occurrences[{i}] ends before it starts: {o!r}")
        keys.append((o["uid"], o["start"], o["end"]))
    order = [(s, u) for u, s, _ in keys]
    if order != sorted(order):
        bad = next(i for i in range(1, len(order)) if order[i] < order[i - 1])
        raise ValueError(f"occurrences not sorted by (start, uid) at index {bad}")
    return frm, to, Counter(keys)


def discover(casedir):
    try:
        names = sorted(os.listdir(casedir))
    except OSError as e:
        raise SetupError(f"cannot list {casedir}: {e}") from e
    stems = {n[:-4] for n in names if n.endswith(".ics")}
    stems |= {n[:-len(".expected.json")] for n in names if n.endswith(".expected.json")}
    return sorted(stems)


# --- clients --------------------------------------------------------------------------

def client_command(client, home):
    """(argv, extra environment) of one expander process."""
    if client == "icaljs":
        return ["node", os.path.join(HERE, "expand-icaljs.mjs")], {}
    if client == "nodeical":
        # node-ical reads floating and DATE values in the process's zone; the other
        # clients read them as UTC.
        return ["node", os.path.join(HERE, "expand-nodeical.cjs")], {"TZ": "UTC"}
    if client == "libical":
        exe = os.path.join(home, "bin", "expand-libical")
        if not os.access(exe, os.X_OK):
            raise SetupError(f"{exe} not found: run interop/install")
        return [exe], {}
    py = os.path.join(home, "venv", "bin", "python")
    if not os.access(py, os.X_OK):
        raise SetupError(f"{py} not found: run interop/install")
    return [py, os.path.join(HERE, "expand-python.py")], {}


def run_batch(cmd, jobs, env):
    """Run one client process over a batch of (path, from, to). Returns
    {path: {"occ": Counter, "warnings": [...], "error": str|None}}."""
    argv = list(cmd)
    for path, frm, to in jobs:
        argv += [path, frm, to]
    try:
        p = subprocess.run(argv, capture_output=True, text=True, env=env)
    except OSError as e:
        raise SetupError(f"cannot start {cmd[0]}: {e}") from e
    res = {path: {"occ": Counter(), "warnings": [], "error": None} for path, _, _ in jobs}
    bad = None
    for line in p.stdout.splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            r = res[rec["file"]]
        except (ValueError, KeyError, TypeError):
            bad = f"unexpected output line: {line[:200]}"
            break
        if "error" in rec:
            r["error"] = rec["error"]
        elif "warning" in rec:
            r["warnings"].append(rec["warning"])
        else:
            r["occ"][(str(rec.get("uid")), norm(rec.get("start")), norm(rec.get("end")))] += 1
    if p.returncode not in (0, 2) or bad:
        tail = " | ".join(p.stderr.strip().splitlines()[-3:])
        why = bad or f"exit {p.returncode}: {tail or 'no message'}"
        if p.returncode == 3:
            raise SetupError(f"{os.path.basename(cmd[-1])}: {tail}")
        for r in res.values():  # the process died: trust none of this batch
            r.update(occ=Counter(), error=f"client process failed ({why})")
    return res


def run_client(client, jobs, home, batch, workers):
    cmd, extra = client_command(client, home)
    env = dict(os.environ, CONVENOR_INTEROP_HOME=home, **extra)
    chunks = [jobs[i:i + batch] for i in range(0, len(jobs), batch)]
    t0 = time.monotonic()
    out = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for res in pool.map(lambda c: run_batch(cmd, c, env), chunks):
            out.update(res)
    return out, time.monotonic() - t0, len(chunks)


# --- report ---------------------------------------------------------------------------

def fmt_occ(k, count):
    uid, s, e = k
    return f"{s}..{e} {uid}" + (f" (x{count})" if count > 1 else "")


def fmt_diff(kind, counter):
    items = sorted(counter.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2]))
    total = sum(counter.values())
    shown = ", ".join(fmt_occ(k, c) for k, c in items[:SHOW])
    more = f", ... {len(items) - SHOW} more" if len(items) > SHOW else ""
    return f"{kind} {total} [{shown}{more}]"


def difference(expected, result):
    """Text describing how a client's result differs from the expected, or None."""
    if result["error"] is not None:
        return f"error: {result['error']}"
    got = result["occ"]
    missing, extra = expected - got, got - expected
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append(fmt_diff("missing", missing))
    if extra:
        parts.append(fmt_diff("extra", extra))
    return ", ".join(parts) + f" (expected {sum(expected.values())}, got {sum(got.values())})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("casedir")
    ap.add_argument("--known", default=os.path.join(HERE, "KNOWN.md"),
                    help="markdown table of known client differences (default: interop/KNOWN.md); '' for none")
    ap.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                    help="processes per client, all clients running at once (default: half the CPUs)")
    ap.add_argument("--batch", type=int, default=0,
                    help="files per client process (default: the cases split evenly over --jobs)")
    a = ap.parse_args()
    try:
        return compare(a)
    except SetupError as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2


def compare(a):
    home = interop_home()
    known = load_known(a.known)
    stems = discover(a.casedir)
    if not stems:
        raise SetupError(f"no cases (NAME.ics + NAME.expected.json) in {a.casedir}")

    lines_for = {}   # stem -> printed lines
    failed_stems = set()
    expected = {}
    jobs = []
    for stem in stems:
        ics = os.path.join(a.casedir, stem + ".ics")
        exp = os.path.join(a.casedir, stem + ".expected.json")
        if not os.path.exists(ics) or not os.path.exists(exp):
            lines_for[stem] = [f"FAIL {stem} case: no {os.path.basename(exp if os.path.exists(ics) else ics)}"]
            failed_stems.add(stem)
            continue
        try:
            frm, to, exp_occ = load_expected(exp)
        except (OSError, ValueError) as e:
            lines_for[stem] = [f"FAIL {stem} expected: {os.path.basename(exp)} breaks the contract: {e}"]
            failed_stems.add(stem)
            continue
        expected[stem] = exp_occ
        jobs.append((ics, frm, to))

    results, timing = {}, {}
    if jobs:
        jobs_per_client = max(1, a.jobs)
        batch = a.batch if a.batch > 0 else -(-len(jobs) // jobs_per_client)
        # All clients at once; each client's batches share the CPUs.
        with ThreadPoolExecutor(max_workers=len(CLIENTS)) as pool:
            futs = {c: pool.submit(run_client, c, jobs, home, batch, jobs_per_client) for c in CLIENTS}
            for c, f in futs.items():
                results[c], secs, nproc = f.result()
                timing[c] = (secs, nproc)

    n_known = 0
    for (ics, _, _) in jobs:
        stem = os.path.basename(ics)[:-4]
        exp_occ = expected[stem]
        out, stale = [], []
        any_uid = bool(exp_occ) and all(k[0] == "*" for k in exp_occ)
        for c in CLIENTS:
            r = results[c][ics]
            if any_uid:
                r = dict(r, occ=Counter({("*", st, en): n for (_, st, en), n in r["occ"].items()
                                         if INSTANT.match(st)}))
            diff = difference(exp_occ, r)
            if diff is None:
                if (stem, c) in known:
                    stale.append(c)
                continue
            if (stem, c) in known:
                n_known += 1
                out.append(f"known {stem} {c}: {diff} -- KNOWN.md: {known[(stem, c)]}")
            else:
                failed_stems.add(stem)
                out.append(f"FAIL {stem} {c}: {diff}")
                out += [f"    {c} warning: {w}" for w in r["warnings"][:SHOW]]
        if not out:
            note = "".join(f"; KNOWN.md entry for {c} is stale, remove it" for c in stale)
            out.append(f"ok {stem} ({sum(exp_occ.values())} sessions, all {len(CLIENTS)} clients{note})")
        lines_for[stem] = out

    for stem in stems:
        print("\n".join(lines_for[stem]))
    case_stems = set(stems)
    for (case, c) in sorted(known):
        if case not in case_stems:
            print(f"compare: note: KNOWN.md lists case '{case}' ({c}), which is not in {a.casedir}", file=sys.stderr)
    if timing:
        t = ", ".join(f"{c} {secs:.2f} s in {n} process(es)" for c, (secs, n) in timing.items())
        print(f"clients: {t} for {len(jobs)} case(s); {n_known} known difference(s) not counted")
    passed = len(stems) - len(failed_stems)
    print(f"{passed} passed, {len(failed_stems)} failed")
    return 1 if failed_stems else 0


if __name__ == "__main__":
    sys.exit(main())
