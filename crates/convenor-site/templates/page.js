// Formats the sessions convenor computed (UTC instants in
// #session-data, in the order of the list items) in the chosen zone with
// the browser's Intl.DateTimeFormat. No recurrence or offset arithmetic
// here: every instant comes from the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("session-data").textContent);
  var label = document.getElementById("zone-label");
  var home = label.getAttribute("data-home");
  var homeText = label.textContent;
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
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      weekday: "long", timeZoneName: "short"
    }).formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  // "Saturday 12 November 2022", as the page writes it without script.
  function heading(date, zone) {
    var p = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric"
    }).formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return p.weekday + " " + p.day + " " + p.month + " " + p.year;
  }
  function render(zone) {
    var now = Date.now();
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
      li.querySelector(".start").textContent = p.hour + ":" + p.minute;
      li.querySelector(".end").textContent = q.hour + ":" + q.minute + " " + q.timeZoneName;
      li.setAttribute("data-local", key + "T" + p.hour + ":" + p.minute);
      li.setAttribute("data-weekday", p.weekday);
      li.querySelector(".own").hidden = zone === s.zone;
      li.querySelector(".live").hidden =
        !(s.status !== "cancelled" && start.getTime() <= now && now < end.getTime());
      ul.appendChild(li);
    });
    list.textContent = "";
    list.appendChild(frag);
    label.textContent = zone === home
      ? homeText
      : zone.split("/").pop().replace(/_/g, " ") + " time (" + zone + ")";
    input.value = zone;
  }
  function notUnderstood(text) {
    return "Did not understand the time zone \u201c" + text +
      "\u201d. Try a city or a name such as Europe/London.";
  }
  function choose(text, remember) {
    var zone = resolve(text);
    if (!zone) {
      error.textContent = notUnderstood(text);
      return;
    }
    error.textContent = "";
    if (remember && window.history && history.replaceState) {
      history.replaceState(null, "", "?tz=" + encodeURIComponent(zone) + location.hash);
    }
    render(zone);
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    choose(input.value.trim(), true);
  });
  document.getElementById("zone-mine").addEventListener("click", function () {
    choose(detected() || home, true);
  });
  var asked = new URLSearchParams(location.search).get("tz");
  var zone = resolve(asked) || (valid(detected()) ? detected() : home);
  choose(zone, false);
  // ?tz= that fits no zone is said, not silently replaced.
  if (asked && !resolve(asked)) {
    error.textContent = notUnderstood(asked) + " Showing " + label.textContent + ".";
  }
})();
