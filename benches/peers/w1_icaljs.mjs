// W1 (issue 7) in Mozilla ical.js: expands every VEVENT of the W1 feed
// (written by convenor, with its VTIMEZONEs, which ical.js reads) and
// counts sessions starting in [2025-01-01T00:00Z, 2026-01-01T00:00Z).
// usage: node w1_icaljs.mjs FEED.ics
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.PEERS_HOME + "/node_modules/");
const ICAL = require("ical.js");

const text = readFileSync(process.argv[2], "utf8");
const comp = new ICAL.Component(ICAL.parse(text));
for (const tz of comp.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
const lo = Date.UTC(2025, 0, 1) / 1000;
const hi = Date.UTC(2026, 0, 1) / 1000;
const t0 = performance.now();
let count = 0;
for (const e of events) {
  const it = e.iterator();
  for (let t = it.next(); t; t = it.next()) {
    const s = t.toUnixTime();
    if (s >= hi) break;
    if (s >= lo) count += 1;
  }
}
const ms = performance.now() - t0;
console.log(`ical.js W1: ${count} sessions, ${ms.toFixed(0)} ms, ${(ms * 1e6 / count).toFixed(0)} ns/session`);
