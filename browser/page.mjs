// Opens a published schedule page in headless Chromium, as a visitor in
// the zone of $TZ would, and prints what they see as one JSON object:
// the zone the page says it shows, every listed session (its UTC start,
// the local date and time the page shows, its weekday), console errors,
// and axe-core's accessibility violations.
//
// Usage: node browser/page.mjs SITE_DIR [--no-js] [--screenshot FILE [--top]] [--width PX]
//        [--query ?tz=ZONE] [--type TEXT] [--lang TAG] [--key STEP]... [--open-filters]
//        [--dir rtl|ltr]
// (--top: the first screenful only, not the whole page; --query: opened
// with that query; --type: TEXT typed into the zone field and shown;
// --lang: the browser's language, as a visitor sets it, e.g. de-DE;
// --key: the filters used with the keyboard alone, one step a --key, in
// order: "open" tabs to the filters' summary and presses Enter,
// "check:NAME=VALUE" tabs to that checkbox and presses Space,
// "select:TEXT" tabs to the group menu and types TEXT, "reset" tabs to
// "Show all" and presses Enter; --open-filters: the filters opened
// before axe runs; --timing: the navigation's and first paint's times,
// and how long a filter takes to apply until the next frame is drawn,
// from the page's own performance timing; --dir rtl: the page's <html>
// made right to left after it loaded, as a right-to-left language's
// page would be, before anything is measured)
// Needs the packages browser/install puts in $CONVENOR_BROWSER_HOME, and
// the Chromium it checks for: $CONVENOR_CHROMIUM, else /usr/bin/chromium.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import os from "node:os";

const home = process.env.CONVENOR_BROWSER_HOME || path.join(os.homedir(), ".cache", "convenor-browser");
const require = createRequire(path.join(home, "package.json"));
const puppeteer = require("puppeteer-core");
const axePath = require.resolve("axe-core/axe.min.js");

const args = process.argv.slice(2);
const site = args[0];
const noJs = args.includes("--no-js");
const shotAt = args.indexOf("--screenshot");
const screenshot = shotAt >= 0 ? args[shotAt + 1] : null;
const widthAt = args.indexOf("--width");
const width = widthAt >= 0 ? Number(args[widthAt + 1]) : 1000;
const queryAt = args.indexOf("--query");
const query = queryAt >= 0 ? args[queryAt + 1] : "";
const typeAt = args.indexOf("--type");
const typed = typeAt >= 0 ? args[typeAt + 1] : null;
const langAt = args.indexOf("--lang");
const lang = langAt >= 0 ? args[langAt + 1] : null;
const dirAt = args.indexOf("--dir");
const forcedDir = dirAt >= 0 ? args[dirAt + 1] : null;
const keys = args.flatMap((a, i) => (a === "--key" ? [args[i + 1]] : []));
const executablePath = process.env.CONVENOR_CHROMIUM || "/usr/bin/chromium";

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  env: { ...process.env },
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.setJavaScriptEnabled(!noJs);
  if (lang) {
    // The browser's language as its settings give it: navigator.languages
    // and Accept-Language (headless Chromium ignores --lang).
    const cdp = await page.createCDPSession();
    await cdp.send("Network.setUserAgentOverride", {
      userAgent: await browser.userAgent(), acceptLanguage: lang,
    });
  }
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push("request failed: " + r.url()));
  const external = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) { external.push(r.url()); r.abort(); } else { r.continue(); }
  });
  await page.goto(pathToFileURL(path.join(site, "index.html")).href + query, { waitUntil: "load" });
  if (typed !== null) {
    await page.$eval("#zone", (e) => { e.value = ""; });
    await page.type("#zone", typed);
    await page.click("#zone-form button[type=submit]");
  }
  // Tab (never a click) until the focus is on `selector`, at most
  // through the whole page twice; how many presses it took.
  let presses = 0;
  const tabTo = async (selector) => {
    for (let i = 0; i < 600; i++) {
      if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
      await page.keyboard.press("Tab");
      presses++;
    }
    throw new Error("Tab never reached " + selector);
  };
  for (const step of keys) {
    if (step === "open") {
      await tabTo("#filter-box > summary");
      await page.keyboard.press("Enter");
    } else if (step === "reset") {
      await tabTo("#filter-reset");
      await page.keyboard.press("Enter");
    } else if (step.startsWith("check:")) {
      const [name, value] = step.slice(6).split("=");
      await tabTo(`#filter-form input[name="${name}"][value="${value}"]`);
      await page.keyboard.press("Space");
    } else if (step.startsWith("select:")) {
      await tabTo("#filter-group");
      await page.keyboard.type(step.slice(7));
    } else {
      throw new Error("unknown step " + step);
    }
    presses++;
  }
  if (args.includes("--open-filters")) {
    await page.evaluate(() => { const d = document.getElementById("filter-box"); if (d) d.open = true; });
  }
  if (forcedDir) {
    await page.evaluate(async (d) => {
      document.documentElement.dir = d;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, forcedDir);
  }
  let timing = null;
  if (args.includes("--timing")) {
    timing = await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await frame();
      const nav = performance.getEntriesByType("navigation")[0];
      const observed = (type) => new Promise((resolve) => {
        const seen = [];
        new PerformanceObserver((list) => seen.push(...list.getEntries())).observe({ type, buffered: true });
        setTimeout(() => resolve(seen), 100);
      });
      const paint = Object.fromEntries((await observed("paint")).map((p) => [p.name, p.startTime]));
      const lcp = (await observed("largest-contentful-paint")).map((e) => e.startTime).pop() ?? null;
      // A filter applied as a visitor does (a box checked, its change
      // event), timed to the frame after it.
      const apply = async (selector) => {
        const box = document.querySelector(selector);
        if (!box) return null;
        const t0 = performance.now();
        if (box.type === "checkbox") box.checked = !box.checked; else box.selectedIndex = 1;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        await frame();
        const t = performance.now() - t0;
        if (box.type === "checkbox") box.checked = !box.checked; else box.selectedIndex = 0;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        await frame();
        return t;
      };
      return {
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        firstPaint: paint["first-paint"] ?? null,
        firstContentfulPaint: paint["first-contentful-paint"] ?? null,
        largestContentfulPaint: lcp,
        transferSize: nav.transferSize, decodedBodySize: nav.decodedBodySize,
        dayFilter: await apply('#filter-form input[name="day"][value="mon"]'),
        groupFilter: await apply("#filter-group"),
        sessions: document.querySelectorAll("li.session").length,
      };
    });
  }
  const seen = await page.evaluate(() => ({
    overflows: document.documentElement.scrollWidth > window.innerWidth,
    // Where things sit across the page, for a check that right to left
    // mirrors left to right: the extent of an element's text (a Range,
    // so that a line's alignment shows) or of the element itself.
    width: document.documentElement.clientWidth,
    boxes: Object.fromEntries([
      ["title", "h1", "text"],
      ["zoneField", "#zone", "box"],
      ["filters", "#filter-box > summary", "text"],
      ["firstFilter", "#filter-form fieldset label", "box"],
      ["firstDay", "h3.day", "text"],
      ["firstSession", "li.session", "text"],
    ].map(([name, selector, how]) => {
      const e = document.querySelector(selector);
      if (!e || e.getClientRects().length === 0) return [name, null];
      let rect = e.getBoundingClientRect();
      if (how === "text") {
        const range = document.createRange();
        range.selectNodeContents(e);
        rect = range.getBoundingClientRect();
      }
      return [name, { left: rect.left, right: rect.right }];
    })),
    zone: document.getElementById("zone-label").textContent,
    zoneError: document.getElementById("zone-error").textContent,
    query: location.search,
    detected: Intl.DateTimeFormat().resolvedOptions().timeZone,
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    browserLanguages: Array.from(navigator.languages || []),
    headings: Array.from(document.querySelectorAll("h2")).map((h) => h.textContent),
    more: Array.from(document.querySelectorAll('[data-l10n="page-more"]'))
      .filter((p) => p.getClientRects().length > 0).map((p) => p.textContent)[0] || null,
    buttons: Array.from(document.querySelectorAll("button, a.add")).map((b) => b.textContent),
    filters: document.getElementById("filters") ? (() => {
      const active = document.activeElement;
      const style = active ? getComputedStyle(active) : null;
      const visible = (id) => { const e = document.getElementById(id); return !!e && e.getClientRects().length > 0; };
      return {
        visible: visible("filters"),
        open: document.getElementById("filter-box").open,
        count: document.getElementById("filter-count").textContent,
        countRole: document.getElementById("filter-count").getAttribute("role"),
        empty: visible("filter-empty") ? document.getElementById("filter-empty").textContent : null,
        checked: Array.from(document.querySelectorAll("#filter-form input:checked")).map((e) => e.name + "=" + e.value),
        group: document.getElementById("filter-group") ? document.getElementById("filter-group").value : null,
        groups: Array.from(document.querySelectorAll("#filter-group option")).map((o) => o.value),
        legends: Array.from(document.querySelectorAll("#filter-form legend")).map((l) => l.textContent),
        labels: Array.from(document.querySelectorAll("#filter-form label")).map((l) => l.textContent.trim()),
        tags: Array.from(document.querySelectorAll("#filter-form input[name=tag]")).map((e) => e.value),
        reset: document.getElementById("filter-reset").textContent,
        groupPage: visible("group-page") ? {
          href: document.querySelector("#group-page a").getAttribute("href"),
          text: document.querySelector("#group-page a").textContent,
        } : null,
        focused: active ? (active.id || active.tagName.toLowerCase() + (active.name ? "[" + active.name + "=" + active.value + "]" : "")) : null,
        focusOutline: style ? style.outlineStyle + " " + style.outlineWidth : null,
        headingsShown: Array.from(document.querySelectorAll("h3.day")).filter((h) => !h.hidden).length,
      };
    })() : null,
    sessions: Array.from(document.querySelectorAll("li.session")).map((li) => ({
      start: li.getAttribute("data-start"),
      local: li.getAttribute("data-local"),
      weekday: li.getAttribute("data-weekday"),
      shown: li.querySelector(".start").textContent,
      day: li.closest("ul").previousElementSibling.textContent,
      cancelled: li.classList.contains("cancelled"),
      badge: li.querySelector(".status") ? li.querySelector(".status").textContent : null,
      hidden: li.getClientRects().length === 0,
      dayKey: li.getAttribute("data-day"),
      mode: li.getAttribute("data-mode"),
      tags: li.getAttribute("data-tags"),
      group: li.getAttribute("data-group"),
    })),
  }));
  let violations = [];
  if (!noJs) {
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => await window.axe.run(document));
    violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: !args.includes("--top") });
  process.stdout.write(JSON.stringify({ ...seen, presses, timing, errors, external, violations }) + "\n");
} finally {
  await browser.close();
}
