// The gate of the Expo: each scan (typed, from a scanner acting as a keyboard, or read by the
// camera through qr-scanner.js) gets its own nonce and waits in a localStorage queue until the
// server has answered, so a gate that loses the network sends its scans later, once each.
// While the server cannot be reached (offline, timeout, 5xx), the gate checks the ticket itself
// with the edition's offline bundle (public keys, revocation list; ticket-verify.js) and admits
// it provisionally; the server's answer, when the scan is sent, is final (the sync log).
(function () {
  "use strict";
  var KEY = "casa-expo-checkins";
  var TIMEOUT_MS = 8000;
  var REFRESH_MS = 5 * 60 * 1000;
  var LOG_SIZE = 20;
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var answer = document.getElementById("answer");
  var queuedCount = document.getElementById("queued");
  var offlineStatus = document.getElementById("offline-status");
  var syncLog = document.getElementById("sync-log");
  var year = form.dataset.year;
  var BUNDLE_KEY = "casa-expo-offline-" + year;
  var INSIDE_KEY = "casa-expo-inside-" + year;
  var reasons = JSON.parse(form.dataset.reasons || "{}");
  var Verify = window.CasaTicketVerify;
  var canVerify = false;
  var checker = null;  // {fetchedAt, verifier} from the stored bundle
  var sending = false;

  function read(key, empty) {
    try { return JSON.parse(localStorage.getItem(key) || "null") || empty; } catch (e) { return empty; }
  }
  function load() { return read(KEY, []); }
  function save(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    queuedCount.textContent = String(queue.length);
  }
  // Change the stored queue in one step (scans may be added while a request is under way).
  function update(change) {
    var queue = load();
    change(queue);
    save(queue);
    return queue;
  }
  function nonce() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  }
  function show(text, ok) {
    answer.hidden = false;
    answer.textContent = text;
    answer.className = "expo-answer " + (ok ? "expo-answer--ok" : "expo-answer--refused");
  }
  function clock(iso) {
    return new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined,
      { hour: "2-digit", minute: "2-digit" });
  }

  // --- the offline bundle: the edition's public keys and cancelled tickets --------------------
  function showStatus() {
    if (!offlineStatus) { return; }
    var stored = read(BUNDLE_KEY, null);
    if (!canVerify) {
      offlineStatus.textContent = form.dataset.noVerify;
    } else if (stored) {
      offlineStatus.textContent = fill(form.dataset.bundleReady, { time: clock(stored.fetchedAt) });
    } else {
      offlineStatus.textContent = form.dataset.bundleMissing;
    }
    offlineStatus.dataset.state = !canVerify ? "unsupported" : stored ? "ready" : "missing";
  }
  function useBundle() {
    var stored = read(BUNDLE_KEY, null);
    checker = canVerify && stored && stored.bundle
      ? { fetchedAt: stored.fetchedAt, verifier: Verify.verifier(stored.bundle) } : null;
    showStatus();
  }
  async function fetchBundle() {
    try {
      var response = await request("/api/v1/expo/editions/" + encodeURIComponent(year) + "/offline");
      if (!response || !response.ok) { return; }
      var bundle = await response.json();
      localStorage.setItem(BUNDLE_KEY, JSON.stringify({ bundle: bundle, fetchedAt: new Date().toISOString() }));
      useBundle();
    } catch (e) { /* keep the bundle we have */ }
  }

  // --- tickets seen inside by this device (admitted offline or answered by the server) -------
  function inside() { return read(INSIDE_KEY, {}); }
  function noteInside(ticket, gate, entered) {
    if (!ticket) { return; }
    var seen = inside();
    if (entered) { seen[ticket] = gate; } else { delete seen[ticket]; }
    localStorage.setItem(INSIDE_KEY, JSON.stringify(seen));
  }

  // Judge a scan without the server; resolve to {ok, reason, ticket, message}.
  async function judge(scan) {
    var verdict = await checker.verifier.verify(scan.secret);
    if (!verdict.ok) {
      var label = reasons[verdict.reason] || form.dataset.error;
      return { ok: false, reason: verdict.reason, ticket: verdict.ticket,
        message: fill(form.dataset.refusedOffline, { reason: label }) };
    }
    if (scan.type === "exit") {
      noteInside(verdict.ticket, scan.gate, false);
      return { ok: true, reason: "left", ticket: verdict.ticket, message: form.dataset.exitOffline };
    }
    if (Object.prototype.hasOwnProperty.call(inside(), verdict.ticket)) {
      return { ok: false, reason: "already_inside", ticket: verdict.ticket,
        message: form.dataset.alreadyInsideOffline };
    }
    noteInside(verdict.ticket, scan.gate, true);
    return { ok: true, reason: "ok", ticket: verdict.ticket, message: form.dataset.admittedOffline };
  }
  // Judge, in order, the waiting scans not judged yet; show the last verdict.
  async function judgeWaiting() {
    if (!checker) { show(form.dataset.queued, false); return; }
    var last = null;
    for (;;) {  // read the queue again each time: scans may be added meanwhile
      var next = load().find(function (scan) { return !scan.offline; });
      if (!next) { break; }
      var verdict = await judge(next);
      update(function (queue) {
        queue.forEach(function (scan) { if (scan.nonce === next.nonce) { scan.offline = verdict; } });
      });
      last = verdict;
    }
    if (last) { show(last.message, last.ok); }
  }

  // --- sending -------------------------------------------------------------------------------
  // Fetch with a time limit; resolve to the response, or null when the server was not reached.
  async function request(url, options) {
    if (navigator.onLine === false) { return null; }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    try {
      return await fetch(url, Object.assign({
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        signal: controller ? controller.signal : undefined
      }, options || {}));
    } catch (e) {
      return null;
    } finally {
      if (timer) { clearTimeout(timer); }
    }
  }
  function logSync(scan, body, ok) {
    if (!syncLog) { return; }
    var item = document.createElement("li");
    item.dir = "auto";
    item.dataset.accepted = String(ok);
    item.appendChild(document.createTextNode(clock(new Date().toISOString()) + " · " + scan.gate + " · "));
    if (scan.offline.ok !== ok) {  // the server overruled the gate's own check
      var changed = document.createElement("strong");
      changed.textContent = form.dataset.changed + " ";
      item.appendChild(changed);
      item.dataset.changed = "true";
    }
    item.appendChild(document.createTextNode((body.name ? body.name + " — " : "") +
      (body.message || body.detail || body.title || form.dataset.error)));
    syncLog.insertBefore(item, syncLog.firstChild);
    while (syncLog.children.length > LOG_SIZE) { syncLog.removeChild(syncLog.lastChild); }
    syncLog.closest("section").hidden = false;
  }
  async function flush() {
    if (sending) { return; }
    sending = true;
    var sent = 0;
    try {
      for (;;) {
        var scan = load()[0];
        if (!scan) { break; }
        var response = await request("/api/v1/expo/checkins", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify({ secret: scan.secret, gate: scan.gate, type: scan.type, nonce: scan.nonce })
        });
        if (!response || response.status === 401 || response.status >= 500) {
          await judgeWaiting();
          break;
        }
        var body = await response.json().catch(function () { return {}; });
        update(function (queue) {
          var at = queue.findIndex(function (s) { return s.nonce === scan.nonce; });
          if (at >= 0) { queue.splice(at, 1); }
        });
        sent += 1;
        var ok = response.ok && body.accepted === true;
        if (ok) {
          noteInside(body.ticket, scan.gate, scan.type === "entry");
        } else if (scan.offline && scan.offline.ok && body.reason !== "already_inside") {
          noteInside(scan.offline.ticket, scan.gate, false);
        }
        if (scan.offline) {
          logSync(scan, body, ok);
        } else if (response.ok) {
          show((body.name ? body.name + " — " : "") + body.message, body.accepted);
        } else {
          show(body.detail || body.title || form.dataset.error, false);
        }
      }
    } finally {
      sending = false;
      save(load());
    }
    if (sent) { fetchBundle(); }
  }

  function enqueue(secret) {
    var data = new FormData(form);
    update(function (queue) {
      queue.push({
        secret: String(secret).trim(),
        gate: data.get("venue") + ":" + data.get("gate"),
        type: data.get("type"),
        nonce: nonce()
      });
    });
    flush();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    enqueue(form.elements.secret.value);
    form.elements.secret.value = "";
    form.elements.secret.focus();
  });

  // The camera: a scanned code goes the same way as a typed one (queue, nonce, answer).
  var cameraButton = document.getElementById("camera");
  var torchButton = document.getElementById("torch");
  var view = document.getElementById("camera-view");
  var scanner = window.CasaQrScanner && view ? window.CasaQrScanner.create({
    video: view,
    onResult: enqueue,
    onError: function () { show(form.dataset.noCamera, false); }
  }) : null;
  function cameraState(on) {
    cameraButton.setAttribute("aria-pressed", String(on));
    cameraButton.textContent = on ? form.dataset.cameraOn : form.dataset.cameraOff;
    view.hidden = !on;
    torchButton.hidden = !(on && scanner.hasTorch());
    if (!on) { torchButton.setAttribute("aria-pressed", "false"); torchButton.textContent = form.dataset.torchOff; }
  }
  if (scanner && cameraButton) {
    cameraButton.addEventListener("click", function () {
      if (scanner.running()) {
        scanner.stop();
        cameraState(false);
        form.elements.secret.focus();
        return;
      }
      scanner.start().then(function () { cameraState(true); }).catch(function () { cameraState(false); });
    });
    torchButton.addEventListener("click", function () {
      var on = torchButton.getAttribute("aria-pressed") !== "true";
      scanner.torch(on).then(function () {
        torchButton.setAttribute("aria-pressed", String(on));
        torchButton.textContent = on ? form.dataset.torchOn : form.dataset.torchOff;
      }).catch(function () {});
    });
  } else if (cameraButton) {
    cameraButton.hidden = true;
  }
  window.addEventListener("online", function () { flush(); fetchBundle(); });
  save(load());
  var ready = Verify ? Verify.supported() : Promise.resolve(false);
  ready.then(function (ok) {
    canVerify = ok;
    useBundle();
    fetchBundle();
    setInterval(fetchBundle, REFRESH_MS);
    flush();
  });
})();
