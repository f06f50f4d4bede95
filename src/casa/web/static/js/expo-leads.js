// The stand's lead scanner. A hardware scanner types the badge code into the field and presses
// Enter, which submits the form; the camera (qr-scanner.js) fills the same field and submits.
// Each scan reloads the page with its answer, so a camera that was on is started again.
(function () {
  "use strict";
  var KEY = "casa-lead-camera";
  var form = document.getElementById("scan-form");
  var input = document.getElementById("lead-code");
  var button = document.getElementById("lead-camera");
  var view = document.getElementById("lead-camera-view");
  var error = document.getElementById("lead-camera-error");
  if (!form || !input || !button || !view || !window.CasaQrScanner) { return; }

  var scanner = window.CasaQrScanner.create({
    video: view,
    onResult: function (text) {
      input.value = String(text || "").trim();
      if (input.value) { form.requestSubmit(); }
    },
    onError: function () {
      sessionStorage.removeItem(KEY);
      error.textContent = form.dataset.noCamera;
      error.hidden = false;
    }
  });

  function state(on) {
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? form.dataset.cameraOn : form.dataset.cameraOff;
    view.hidden = !on;
    if (on) { sessionStorage.setItem(KEY, "on"); } else { sessionStorage.removeItem(KEY); }
  }

  function start() {
    error.hidden = true;
    scanner.start().then(function () { state(true); }).catch(function () { state(false); });
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (scanner.running()) {
      scanner.stop();
      state(false);
      input.focus();
      return;
    }
    start();
  });
  if (sessionStorage.getItem(KEY) === "on") { start(); }
})();
