// Formats the sessions convenor computed (UTC instants in
// #session-data, in the order of the list items) in the chosen zone with
// the browser's Intl.DateTimeFormat. No recurrence or offset arithmetic
// here: every instant comes from the page. The page's words in each
// language it offers are in #page-l10n (written by convenor from its
// message files); the language is ?lang=, else the first of the
// browser's languages the page offers, else the page's first. The
// filters (day as the zone shown has it, online or in person, tags,
// group) hide the sessions they leave out and count the rest in a
// polite live region; like the zone and language, each is remembered
// only in the address (?day=sat&mode=online&tag=open&group=evening).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("session-data").textContent);
  var label = document.getElementById("zone-label");
  var home = label.getAttribute("data-home");
  var form = document.getElementById("zone-form");
  var input = document.getElementById("zone");
  var error = document.getElementById("zone-error");
  var list = document.getElementById("sessions");
  var items = Array.prototype.slice.call(list.querySelectorAll("li.session"));
  if (items.length !== data.length) return;
  Array.prototype.forEach.call(document.querySelectorAll(".nojs"), function (e) {
    e.parentNode.removeChild(e);
  });
  form.hidden = false;

  var langs = JSON.parse(document.getElementById("page-l10n").textContent);
  var params = new URLSearchParams(location.search);
  function offered(tag) {
    if (!tag) return null;
    var primary = String(tag).toLowerCase().split(/[-_]/)[0];
    for (var i = 0; i < langs.length; i++) {
      if (langs[i].code === primary) return langs[i];
    }
    return null;
  }
  var browser = (navigator.languages && navigator.languages.length)
    ? navigator.languages : [navigator.language];
  var L = offered(params.get("lang")) ||
    Array.prototype.map.call(browser, offered).filter(Boolean)[0] || langs[0];
  // English keeps the day-month-year order and 24-hour clock the page
  // had; every other language formats as its own locale does.
  function locale() { return L.code === "en" ? "en-GB" : L.code; }
  function capital(text) {
    return text.charAt(0).toLocaleUpperCase(L.code) + text.slice(1);
  }
  var picker = document.getElementById("lang");
  function translate() {
    document.documentElement.lang = L.code;
    document.documentElement.dir = L.dir;
    Array.prototype.forEach.call(document.querySelectorAll("[data-l10n]"), function (e) {
      var text = L.texts[e.getAttribute("data-l10n")];
      if (text) e.textContent = text;
    });
    var put = function (selector, texts) {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (e, i) {
        if (texts[i]) e.textContent = texts[i];
      });
    };
    put(".weekly", L.weekly);
    put(".footnote-text", L.footnotes);
    put("a.subscribe", L.subscribe);
    put(".weekday-name", L.weekdays);
    items.forEach(function (li, i) {
      li.querySelector(".own").textContent = L.own[i];
    });
    if (picker) picker.value = L.code;
  }

  function valid(zone) {
    if (!zone) return false;
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }
  // What a visitor types or puts in ?tz=: a zone name in any case, an
  // abbreviation or a city convenor knows (#zone-words: BST, Manchester),
  // or a city with a zone of its own (Sydney). null when none fits.
  var words = {};
  JSON.parse(document.getElementById("zone-words").textContent).forEach(function (w) {
    words[key(w[0])] = w[1];
  });
  function key(text) {
    var k = text.replace(/[.,]/g, "").replace(/[_-]/g, " ").toLowerCase()
      .trim().split(/\s+/).join(" ");
    return k.replace(/(.) time$/, "$1");
  }
  function resolve(text) {
    text = (text || "").trim();
    if (!text) return null;
    var slash = text.lastIndexOf("/");
    var region = slash >= 0 ? text.slice(0, slash).toLowerCase() : null;
    var meant = words[key(slash >= 0 ? text.slice(slash + 1) : text)];
    if (meant && (region === null || meant.split("/")[0].toLowerCase() === region)) {
      return meant;
    }
    // The names as spelt in the zone list, then as the browser spells
    // them (it may say Asia/Calcutta for Asia/Kolkata).
    var known = Array.prototype.map.call(
      document.querySelectorAll("#zone-list option"), function (o) { return o.value; }
    ).concat(Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []);
    var lower = text.toLowerCase();
    var city = key(text);
    var i;
    if (valid(text)) {
      for (i = 0; i < known.length; i++) {
        if (known[i].toLowerCase() === lower) return known[i];
      }
      return text;
    }
    if (slash >= 0) return null;
    for (i = 0; i < known.length; i++) {
      if (known[i].indexOf("/") > 0 && key(known[i].split("/").pop()) === city) {
        return known[i];
      }
    }
    return null;
  }
  function detected() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return null;
    }
  }
  function parts(date, zone) {
    var out = {};
    new Intl.DateTimeFormat(locale(), {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      weekday: "long", timeZoneName: "short"
    }).formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  // "Saturday 12 November 2022", as the page writes it without script.
  // "Wednesday 23 December" (English), as the language writes it.
  function dayMonth(date, zone) {
    var options = { timeZone: zone, weekday: "long", day: "numeric", month: "long" };
    if (L.code !== "en") return new Intl.DateTimeFormat(L.code, options).format(date);
    var p = {};
    new Intl.DateTimeFormat("en-GB", options)
      .formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return p.weekday + " " + p.day + " " + p.month;
  }
  function heading(date, zone) {
    var options = {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric"
    };
    if (L.code !== "en") {
      return capital(new Intl.DateTimeFormat(L.code, options).format(date));
    }
    var p = {};
    new Intl.DateTimeFormat("en-GB", options)
      .formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return p.weekday + " " + p.day + " " + p.month + " " + p.year;
  }
  // A time as the language writes it: 17:00, 5:00 PM (English: 17:00).
  function clock(date, zone, withZone) {
    if (L.code === "en") return null;
    var options = { timeZone: zone, hour: "2-digit", minute: "2-digit" };
    if (withZone) options.timeZoneName = "short";
    return new Intl.DateTimeFormat(L.code, options).format(date);
  }
  // The zone's name in the language: "hora del Pacífico".
  function zoneName(zone) {
    try {
      var name = new Intl.DateTimeFormat(L.code, { timeZone: zone, timeZoneName: "longGeneric" })
        .formatToParts(new Date()).filter(function (p) { return p.type === "timeZoneName"; })[0];
      if (name) return name.value;
    } catch (e) { /* an old browser without longGeneric */ }
    return zone.split("/").pop().replace(/_/g, " ");
  }
  function render(zone) {
    var now = Date.now();
    // The day filter's key of each session (sat), in this zone.
    var dayKey = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short" });
    var frag = document.createDocumentFragment();
    var day = null;
    var ul = null;
    data.forEach(function (s, i) {
      var li = items[i];
      var start = new Date(s.start);
      var end = new Date(s.end);
      var p = parts(start, zone);
      var q = parts(end, zone);
      var key = p.year + "-" + p.month + "-" + p.day;
      if (key !== day) {
        day = key;
        var h = document.createElement("h3");
        h.className = "day";
        h.textContent = heading(start, zone);
        frag.appendChild(h);
        ul = document.createElement("ul");
        ul.className = "sessions";
        frag.appendChild(ul);
      }
      li.querySelector(".start").textContent = clock(start, zone, false) || p.hour + ":" + p.minute;
      li.querySelector(".end").textContent =
        clock(end, zone, true) || q.hour + ":" + q.minute + " " + q.timeZoneName;
      li.setAttribute("data-local", key + "T" + p.hour + ":" + p.minute);
      li.setAttribute("data-weekday", p.weekday);
      li.setAttribute("data-day", dayKey.format(start).toLowerCase().slice(0, 3));
      li.querySelector(".own").hidden = zone === s.zone;
      // "No meeting on ..." names the day the session was due as it
      // falls in this zone: the day of the heading it is listed under.
      var badge = li.querySelector(".status");
      if (badge && L.status[i] && s.due) {
        badge.textContent = L.status[i].replace("%s", dayMonth(new Date(s.due), zone));
      }
      li.querySelector(".live").hidden =
        !(s.status !== "cancelled" && start.getTime() <= now && now < end.getTime());
      ul.appendChild(li);
    });
    list.textContent = "";
    list.appendChild(frag);
    label.textContent = zone === home
      ? L.homeLabel
      : L.code === "en"
        ? zone.split("/").pop().replace(/_/g, " ") + " time (" + zone + ")"
        : zoneName(zone) + " (" + zone + ")";
    input.value = zone;
    shown = zone;
    filter();
  }

  var filters = document.getElementById("filters");
  var filterForm = document.getElementById("filter-form");
  var filterBox = document.getElementById("filter-box");
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("filter-empty");
  var FILTERS = ["day", "mode", "tag", "group"];
  var groupPick = document.getElementById("filter-group");
  var groupPage = groupPick && document.getElementById("group-page");
  function controls(name) {
    return Array.prototype.slice.call(filterForm.querySelectorAll("[name=" + name + "]"));
  }
  // The values chosen in each filter: checked boxes, a chosen group.
  function chosen() {
    var c = {};
    FILTERS.forEach(function (name) {
      c[name] = controls(name).filter(function (e) {
        return e.type === "checkbox" ? e.checked : e.value !== "";
      }).map(function (e) { return e.value; });
    });
    return c;
  }
  function listed(li, attribute) {
    return (li.getAttribute(attribute) || "").split(" ").filter(Boolean).map(decodeURIComponent);
  }
  // Any of the days, modes and groups chosen; every tag chosen.
  function keeps(li, c) {
    var any = function (wanted, has) {
      return !wanted.length || wanted.some(function (w) { return has.indexOf(w) >= 0; });
    };
    var tags = listed(li, "data-tags");
    return any(c.day, [li.getAttribute("data-day")]) &&
      any(c.mode, listed(li, "data-mode")) &&
      any(c.group, [li.getAttribute("data-group")]) &&
      c.tag.every(function (t) { return tags.indexOf(t) >= 0; });
  }
  // "12 of 40 sessions shown", in the form the language gives the number.
  function counted(n) {
    var form = "other";
    try {
      form = new Intl.PluralRules(L.code).select(n);
    } catch (e) { /* a browser without plural rules: the general form */ }
    return (L.counts[form] || L.counts.other || "%s").replace("%s", String(n));
  }
  function filter() {
    var c = chosen();
    var left = 0;
    items.forEach(function (li) {
      li.hidden = !keeps(li, c);
      if (!li.hidden) left++;
    });
    // A day's heading is hidden with its last session.
    Array.prototype.forEach.call(list.querySelectorAll("ul.sessions"), function (ul) {
      ul.hidden = !ul.querySelector("li.session:not([hidden])");
      if (ul.previousElementSibling) ul.previousElementSibling.hidden = ul.hidden;
    });
    empty.hidden = left > 0 || items.length === 0;
    var text = counted(left);
    if (count.textContent !== text) count.textContent = text;
    // A site's page with a group chosen links the group's own page,
    // which lists all its sessions (this one lists the next ones only).
    if (groupPage) {
      var option = groupPick.options[groupPick.selectedIndex];
      groupPage.hidden = !(option && option.value);
      if (!groupPage.hidden) {
        var a = groupPage.querySelector("a");
        a.href = option.getAttribute("data-href");
        a.textContent = L.texts["page-group-page"].replace("%s", option.textContent);
      }
    }
  }
  // Sets the filters as the address says (?day=sat&day=sun; days and
  // modes also as ?day=sat,sun, tags and groups being free text); values
  // the page does not offer are left out.
  function restore() {
    var any = false;
    FILTERS.forEach(function (name) {
      var wanted = [];
      params.getAll(name).forEach(function (v) {
        wanted = wanted.concat(name === "day" || name === "mode" ? v.split(",") : [v]);
      });
      controls(name).forEach(function (e) {
        if (e.type === "checkbox") {
          e.checked = wanted.indexOf(e.value) >= 0;
          any = any || e.checked;
        } else if (wanted.length && Array.prototype.some.call(e.options, function (o) {
          return o.value === wanted[0];
        })) {
          e.value = wanted[0];
          any = any || e.value !== "";
        }
      });
    });
    // Filters given in the address are open to see and change.
    if (any) filterBox.open = true;
  }
  function notUnderstood(text) {
    return L.texts["page-not-understood"].replace("%s", text);
  }
  // The address keeps the zone, language and filters chosen, nothing
  // else.
  function remember() {
    if (!(window.history && history.replaceState)) return;
    var q = new URLSearchParams();
    q.set("tz", shown);
    if (langs.length > 1) q.set("lang", L.code);
    var c = chosen();
    FILTERS.forEach(function (name) {
      c[name].forEach(function (v) { q.append(name, v); });
    });
    history.replaceState(null, "", "?" + q.toString() + location.hash);
  }
  var shown = home;
  function choose(text, keep) {
    var zone = resolve(text);
    if (!zone) {
      error.textContent = notUnderstood(text);
      return;
    }
    error.textContent = "";
    render(zone);
    if (keep) remember();
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    choose(input.value.trim(), true);
  });
  document.getElementById("zone-mine").addEventListener("click", function () {
    choose(detected() || home, true);
  });
  if (picker) {
    document.getElementById("lang-pick").hidden = false;
    picker.addEventListener("change", function () {
      L = offered(picker.value) || L;
      translate();
      render(shown);
      remember();
    });
  }
  if (items.length) {
    filters.hidden = false;
    filterForm.addEventListener("change", function () {
      filter();
      remember();
    });
    filterForm.addEventListener("submit", function (e) { e.preventDefault(); });
    document.getElementById("filter-reset").addEventListener("click", function () {
      filterForm.reset();
      filter();
      remember();
    });
    restore();
  }
  translate();
  var asked = params.get("tz");
  var zone = resolve(asked) || (valid(detected()) ? detected() : home);
  choose(zone, false);
  // ?tz= that fits no zone is said, not silently replaced.
  if (asked && !resolve(asked)) {
    error.textContent = notUnderstood(asked) + " " +
      L.texts["page-showing"].replace("%s", label.textContent);
  }
})();
