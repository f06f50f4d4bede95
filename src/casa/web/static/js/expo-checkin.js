// The gate of the Expo: each scan (typed, from a scanner acting as a keyboard, or read by the
// camera through qr-scanner.js) gets its own nonce and waits in a localStorage queue until the
// server has answered, so a gate that loses the network sends its scans later, once each.
(function () {
  "use strict";
  var KEY = "casa-expo-checkins";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var answer = document.getElementById("answer");
  var queuedCount = document.getElementById("queued");
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
    }
  }

  function enqueue(secret) {
    var data = new FormData(form);
    var queue = load();
    queue.push({
      secret: String(secret).trim(),
      gate: data.get("venue") + ":" + data.get("gate"),
      type: data.get("type"),
      nonce: nonce()
    });
    save(queue);
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
  window.addEventListener("online", flush);
  save(load());
  flush();
})();
