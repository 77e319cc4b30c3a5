// Expand the VEVENTs of .ics files with Mozilla's ical.js (the parser of Thunderbird
// and Nextcloud), as installed by interop/install.
//
// usage: node expand-icaljs.mjs FILE FROM TO [FILE FROM TO ...]
//   FROM, TO: RFC 3339 instants, e.g. 2022-11-01T00:00:00Z.
// Prints one JSON line per occurrence whose START is in [FROM, TO), per file, sorted by
// (start, uid, end):
//   {"file":"…","uid":"…","start":"2022-11-12T15:00:00Z","end":"2022-11-12T16:00:00Z"}
// Instants are UTC; a DATE value prints as YYYY-MM-DD and a floating time without "Z"
// (neither can equal a contract instant, so they show up as differences).
// Diagnostics are JSON lines too: {"file":…,"warning":…} and, when ical.js cannot parse
// or expand a file, {"file":…,"error":…} (no occurrences are printed for that file).
// Many files per process: Node start-up and module load dominate the cost of one file.
// Exit: 0 ok; 2 at least one file had an error; 3 usage error or ical.js not installed.
//
// How ical.js is driven:
// - every VTIMEZONE of the file is registered with ICAL.TimezoneService (which is reset
//   between files, so one file's zones never leak into the next), so ical.js follows the
//   file's VTIMEZONEs;
// - VEVENTs are grouped by UID; each master becomes an ICAL.Event whose exceptions are
//   the same-UID VEVENTs with RECURRENCE-ID (strictExceptions);
// - each series is iterated from DTSTART until past TO *and* past every override's
//   RECURRENCE-ID, so an instance moved into the window from after TO is found (one
//   moved in from before FROM is found because iteration starts at DTSTART).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MAX_ITERATIONS = 200000; // per series; more means a runaway rule
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function usage(msg) {
  if (msg) process.stderr.write(`expand-icaljs: ${msg}\n`);
  process.stderr.write('usage: node expand-icaljs.mjs FILE FROM TO [FILE FROM TO ...]\n');
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
let ICAL;
try {
  ICAL = (await import(
    pathToFileURL(path.join(home, 'node_modules', 'ical.js', 'dist', 'ical.js')).href
  )).default;
} catch (e) {
  process.stderr.write(`expand-icaljs: cannot load ical.js from ${home} (run interop/install): ${e.message}\n`);
  process.exit(3);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const isFloating = (t) => !t.isDate && (!t.zone || t.zone.tzid === 'floating');

// Epoch milliseconds of an ICAL.Time; DATE and floating values are read as UTC
// (only used for window selection and sorting).
function epochMs(t) {
  if (t.isDate || isFloating(t)) {
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  }
  return t.toUnixTime() * 1000;
}

function fmt(t) {
  if (t.isDate) return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  if (isFloating(t)) {
    return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  }
  const u = t.convertToZone(ICAL.Timezone.utcTimezone);
  return `${pad(u.year, 4)}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}Z`;
}

class FileError extends Error {}

function expandFile({ file, fromMs, toMs }, warn) {
  const text = fs.readFileSync(file, 'utf8');
  let root;
  try {
    const jcal = ICAL.parse(text);
    // ICAL.parse returns one component, or an array when the text holds several.
    const comps = Array.isArray(jcal[0]) ? jcal : [jcal];
    if (comps.length !== 1) throw new FileError(`expected one VCALENDAR, found ${comps.length}`);
    root = new ICAL.Component(comps[0]);
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`parse error: ${e.message}`);
  }
  if (root.name !== 'vcalendar') throw new FileError(`top-level component is ${root.name.toUpperCase()}, not VCALENDAR`);

  ICAL.TimezoneService.reset();
  const known = new Set(['UTC', 'GMT', 'Z']);
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
    known.add(vtz.getFirstPropertyValue('tzid'));
  }
  const vevents = root.getAllSubcomponents('vevent');
  for (const ve of vevents) {
    for (const prop of ve.getAllProperties()) {
      const tzid = prop.getParameter('tzid');
      if (tzid && !known.has(tzid)) {
        warn(`${prop.name.toUpperCase()};TZID=${tzid} has no VTIMEZONE in the file; ical.js reads it as floating time`);
      }
    }
  }

  const byUid = new Map();
  for (const ve of vevents) {
    const uid = ve.getFirstPropertyValue('uid');
    const key = uid == null ? '' : String(uid);
    if (!byUid.has(key)) byUid.set(key, { masters: [], exceptions: [] });
    const g = byUid.get(key);
    (ve.hasProperty('recurrence-id') ? g.exceptions : g.masters).push(ve);
  }

  const out = [];
  const emit = (uid, start, end) => {
    const s = epochMs(start);
    if (s < fromMs || s >= toMs) return; // the contract: start in [FROM, TO)
    out.push({ s, uid, start: fmt(start), end: fmt(end) });
  };

  for (const [uid, g] of byUid) {
    if (g.masters.length > 1) {
      warn(`UID ${uid}: ${g.masters.length} VEVENTs without RECURRENCE-ID; each is expanded as its own series`);
    }
    if (g.masters.length === 0) {
      // Overrides without a master: each stands alone.
      warn(`UID ${uid}: ${g.exceptions.length} RECURRENCE-ID VEVENT(s) without a master; each is listed on its own`);
      for (const exc of g.exceptions) {
        const ev = new ICAL.Event(exc);
        emit(uid, ev.startDate, ev.endDate);
      }
      continue;
    }
    for (const master of g.masters) {
      const ev = new ICAL.Event(master, { exceptions: g.exceptions, strictExceptions: true });
      if (!ev.isRecurring()) {
        if (g.exceptions.length) {
          warn(`UID ${uid}: master has no RRULE/RDATE; its ${g.exceptions.length} override(s) are ignored by ical.js`);
        }
        emit(uid, ev.startDate, ev.endDate);
        continue;
      }
      let stopMs = toMs;
      for (const exc of Object.values(ev.exceptions)) {
        stopMs = Math.max(stopMs, epochMs(exc.recurrenceId) + 1000);
      }
      const matched = new Set();
      const it = ev.iterator();
      let next;
      let n = 0;
      while ((next = it.next())) {
        if (!(next instanceof ICAL.Time)) {
          throw new FileError(`expansion error: UID ${uid}: the iterator yielded a ${next.constructor.name}, ` +
            'not a Time (ical.js cannot expand RDATE;VALUE=PERIOD)');
        }
        if (epochMs(next) >= stopMs) break;
        if (++n > MAX_ITERATIONS) {
          throw new FileError(`expansion error: UID ${uid}: more than ${MAX_ITERATIONS} instances before the end of the window`);
        }
        const det = ev.getOccurrenceDetails(next);
        if (det.item !== ev) matched.add(det.item);
        emit(uid, det.startDate, det.endDate);
      }
      // Every instance up to the last RECURRENCE-ID was seen: report unmatched overrides.
      for (const exc of Object.values(ev.exceptions)) {
        if (!matched.has(exc) && !exc.modifiesFuture()) {
          warn(`UID ${uid}: override RECURRENCE-ID ${fmt(exc.recurrenceId)} matches no instance of the series; ical.js ignores it`);
        }
      }
    }
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
