// The gate of the Expo: each scan gets its own nonce and waits in a localStorage queue until
// the server has answered, so a gate that loses the network sends its scans later, once each.
(function () {
  "use strict";
  var KEY = "casa-expo-checkins";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var answer = document.getElementById("answer");
  var queuedCount = document.getElementById("queued");
  var presence = document.getElementById("presence");
  var year = form.dataset.year;
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    queuedCount.textContent = String(queue.length);
  }
  function nonce() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function show(text, ok) {
    answer.hidden = false;
    answer.textContent = text;
    answer.className = "expo-answer " + (ok ? "expo-answer--ok" : "expo-answer--refused");
  }
  function refreshPresence() {
    fetch("/api/v1/expo/editions/" + year + "/presence", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rows) {
        presence.replaceChildren.apply(presence, rows.map(function (row) {
          var li = document.createElement("li");
          li.dataset.venue = row.venue;
          li.textContent = row.name + " : " + row.inside;
          return li;
        }));
      })
      .catch(function () {});
  }

  async function flush() {
    if (sending) { return; }
    sending = true;
    try {
      var queue = load();
      while (queue.length) {
        var scan = queue[0];
        var response;
        try {
          response = await fetch("/api/v1/expo/checkins", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "Accept": "application/json" },
            body: JSON.stringify(scan)
          });
        } catch (e) {
          show(form.dataset.queued, false);
          break;
        }
        if (response.status === 401 || response.status >= 500) { break; }
        var body = await response.json().catch(function () { return {}; });
        queue.shift();
        save(queue);
        if (response.ok) {
          show((body.name ? body.name + " — " : "") + body.message, body.accepted);
        } else {
          show(body.detail || body.title || form.dataset.error, false);
        }
      }
      save(queue);
    } finally {
      sending = false;
      refreshPresence();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var queue = load();
    queue.push({
      secret: String(data.get("secret")).trim(),
      gate: data.get("venue") + ":" + data.get("gate"),
      type: data.get("type"),
      nonce: nonce()
    });
    save(queue);
    form.elements.secret.value = "";
    form.elements.secret.focus();
    flush();
  });
  window.addEventListener("online", flush);
  save(load());
  flush();
})();
