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
  function choose(zone, remember) {
    if (!valid(zone)) {
      error.textContent = "Unknown time zone. Try a name such as Europe/London.";
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
  var zone = valid(asked) ? asked : (valid(detected()) ? detected() : home);
  choose(zone, false);
})();
