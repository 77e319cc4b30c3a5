// Expand the VEVENTs of .ics files with node-ical (npm; dashboards, bots and
// MagicMirror read feeds with it), as installed by interop/install, the way a Node
// app that follows node-ical's README does.
//
// usage: TZ=UTC node expand-nodeical.cjs FILE FROM TO [FILE FROM TO ...]
//   FROM, TO: RFC 3339 instants, e.g. 2022-11-01T00:00:00Z.
// Prints one JSON line per occurrence whose START is in [FROM, TO), per file, sorted by
// (start, uid, end):
//   {"file":"…","uid":"…","start":"2022-11-12T15:00:00Z","end":"2022-11-12T16:00:00Z"}
// Instants are UTC; a DATE value prints as YYYY-MM-DD and a floating time without "Z".
// Diagnostics are JSON lines too: {"file":…,"warning":…} and, when node-ical cannot
// parse or expand a file, {"file":…,"error":…} (no occurrences are printed for it).
// Exit: 0 ok; 2 at least one file had an error; 3 usage error or node-ical not installed.
//
// What node-ical itself decides, and this driver leaves alone:
// - ical.sync.parseFile() returns one object per UID: the VEVENT without RECURRENCE-ID
//   is the event, the VEVENTs with RECURRENCE-ID go into its `recurrences`. When two
//   VEVENTs without RECURRENCE-ID share a UID, only the last is kept.
// - An IANA TZID is resolved with the IANA rules (Intl/Temporal), not with the file's
//   VTIMEZONE.
// - ical.expandRecurringEvent(event, {from, to, expandOngoing: true}), with the default
//   options (overrides applied, EXDATEs excluded), expands RRULE only: RDATE is
//   ignored, and an event without RRULE is one occurrence at DTSTART.
// - Run it under TZ=UTC (compare.py does): node-ical reads floating and DATE values in
//   the process's zone, and the other expanders read them as UTC.
// Like the other expanders, each series is expanded from two days before FROM (or
// before its earliest override's RECURRENCE-ID) to two days past TO (or past its last
// one), so an instance moved into the window from outside it is found.
'use strict';
const os = require('node:os');
const path = require('node:path');

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY = 86400000;

function usage(msg) {
  if (msg) process.stderr.write(`expand-nodeical: ${msg}\n`);
  process.stderr.write('usage: TZ=UTC node expand-nodeical.cjs FILE FROM TO [FILE FROM TO ...]\n');
  process.exit(3);
}

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) usage();
const jobs = [];
for (let i = 0; i < args.length; i += 3) {
  const [file, from, to] = args.slice(i, i + 3);
  for (const t of [from, to]) {
    if (!RFC3339.test(t)) usage(`'${t}' is not an RFC 3339 instant (e.g. 2022-11-01T00:00:00Z)`);
  }
  jobs.push({ file, fromMs: Date.parse(from), toMs: Date.parse(to) });
}

const home = process.env.CONVENOR_INTEROP_HOME || path.join(os.homedir(), '.cache', 'convenor-interop');
let ical;
try {
  ical = require(path.join(home, 'node_modules', 'node-ical'));
} catch (e) {
  process.stderr.write(`expand-nodeical: cannot load node-ical from ${home} (run interop/install): ${e.message}\n`);
  process.exit(3);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (d) => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

// A DATE prints as YYYY-MM-DD and a floating time (node-ical attaches no `tz`) as wall
// time without "Z"; node-ical builds both from local fields (UTC here).
function fmt(d, isFullDay, floating) {
  const x = new Date(d);
  const date = `${pad(x.getFullYear(), 4)}-${pad(x.getMonth() + 1)}-${pad(x.getDate())}`;
  if (isFullDay) return date;
  if (floating) return `${date}T${pad(x.getHours())}:${pad(x.getMinutes())}:${pad(x.getSeconds())}`;
  return iso(x);
}

class FileError extends Error {}

function expandFile({ file, fromMs, toMs }, warn) {
  let data;
  try {
    data = ical.sync.parseFile(file);
  } catch (e) {
    throw new FileError(`parse error: ${e.message}`);
  }
  const out = [];
  try {
    for (const ev of Object.values(data)) {
      if (!ev || ev.type !== 'VEVENT') continue;
      const uid = ev.uid == null ? '' : String(ev.uid);
      if (ev.rdate) warn(`UID ${uid}: has RDATE; node-ical's expandRecurringEvent() expands RRULE only`);
      let lo = fromMs;
      let hi = toMs;
      for (const r of Object.values(ev.recurrences || {})) {
        const t = new Date(r.recurrenceid).getTime();
        if (Number.isFinite(t)) {
          lo = Math.min(lo, t);
          hi = Math.max(hi, t);
        }
      }
      const instances = ical.expandRecurringEvent(ev, {
        from: new Date(lo - 2 * DAY),
        to: new Date(hi + 2 * DAY),
        expandOngoing: true,
      });
      const seen = new Set();
      for (const inst of instances) {
        const s = inst.start.getTime();
        if (inst.isOverride) seen.add(iso(inst.event.recurrenceid));
        if (s < fromMs || s >= toMs) continue; // the contract: start in [FROM, TO)
        const floating = !inst.isFullDay && inst.start.tz === undefined;
        const end = fmt(inst.end, inst.isFullDay, floating);
        out.push({ s, uid, start: fmt(inst.start, inst.isFullDay, floating), end });
      }
      if (ev.rrule) {
        for (const r of new Set(Object.values(ev.recurrences || {}))) {
          const k = iso(r.recurrenceid);
          if (!seen.has(k)) warn(`UID ${uid}: override RECURRENCE-ID ${k} matches no RRULE instance; node-ical ignores it`);
        }
      }
    }
  } catch (e) {
    throw new FileError(`expansion error: ${e.message}`);
  }
  out.sort((a, b) => a.s - b.s
    || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)
    || (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  return out;
}

let failures = 0;
const lines = [];
const flush = () => { if (lines.length) { process.stdout.write(lines.join('')); lines.length = 0; } };
for (const job of jobs) {
  const rec = (o) => lines.push(JSON.stringify({ file: job.file, ...o }) + '\n');
  const warnings = [];
  let occ;
  try {
    occ = expandFile(job, (msg) => warnings.push(msg));
  } catch (e) {
    failures++;
    for (const w of warnings) rec({ warning: w });
    rec({ error: e instanceof FileError ? e.message : `${e.constructor.name}: ${e.message}` });
    continue;
  }
  for (const w of warnings) rec({ warning: w });
  for (const o of occ) rec({ uid: o.uid, start: o.start, end: o.end });
  if (lines.length > 4096) flush();
}
flush();
process.exitCode = failures ? 2 : 0;
