// The stand's lead scanner. A hardware scanner types the badge code into the field and presses
// Enter, which submits the form. When the camera scanner module is on the page it exposes
// window.CasaQrScanner.attach(container, onCode), or sends a "casa:qr-code" event with
// {target, code}: either way the decoded code fills the same field and is submitted.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  var input = document.getElementById("lead-code");
  if (!form || !input) { return; }
  var camera = document.getElementById("lead-camera");

  function submitCode(code) {
    input.value = String(code || "").trim();
    if (input.value) { form.requestSubmit(); }
  }

  document.addEventListener("casa:qr-code", function (event) {
    var detail = event.detail || {};
    if (!detail.target || detail.target === input.id) { submitCode(detail.code); }
  });
  var scanner = window.CasaQrScanner;
  if (camera && scanner && typeof scanner.attach === "function") {
    camera.hidden = false;
    scanner.attach(camera, submitCode);
  }
})();
