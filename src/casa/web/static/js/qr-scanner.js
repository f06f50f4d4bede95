// A QR scanner on the device's camera, for any page: getUserMedia for the picture, the
// browser's BarcodeDetector where it has one, else jsQR (pinned in package.json, served from
// /static/vendor) on frames drawn into a canvas. Usage:
//   var scanner = CasaQrScanner.create({ video: el, onResult: function (text) {}, onError: fn });
//   scanner.start(); scanner.stop(); scanner.torch(true); scanner.hasTorch();
// The same code is reported once, then again only after `repeatAfterMs` without seeing it.
(function () {
  "use strict";
  var JSQR_URL = "/static/vendor/jsqr/jsQR.js";
  var jsqrLoading = null;

  function loadJsQr() {
    if (window.jsQR) { return Promise.resolve(window.jsQR); }
    if (!jsqrLoading) {
      jsqrLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = JSQR_URL;
        script.onload = function () { resolve(window.jsQR); };
        script.onerror = function () { jsqrLoading = null; reject(new Error("jsQR")); };
        document.head.appendChild(script);
      });
    }
    return jsqrLoading;
  }

  function nativeDetector() {
    if (!("BarcodeDetector" in window)) { return Promise.resolve(null); }
    return window.BarcodeDetector.getSupportedFormats()
      .then(function (formats) {
        return formats.indexOf("qr_code") >= 0 ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
      })
      .catch(function () { return null; });
  }

  function feedback() {
    if (navigator.vibrate) { navigator.vibrate(80); }
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      var ctx = new Ctx();
      var tone = ctx.createOscillator();
      var gain = ctx.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.1;
      tone.connect(gain).connect(ctx.destination);
      tone.start();
      tone.stop(ctx.currentTime + 0.12);
      tone.onended = function () { ctx.close(); };
    } catch (e) { /* no sound on this device: the vibration or the answer shows it */ }
  }

  function create(options) {
    var video = options.video;
    var everyMs = options.everyMs || 150;
    var repeatAfterMs = options.repeatAfterMs || 2500;
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    var stream = null;
    var timer = null;
    var detect = null;
    var last = { text: null, at: 0 };

    function report(text) {
      var now = Date.now();
      if (text === last.text && now - last.at < repeatAfterMs) { last.at = now; return; }
      last = { text: text, at: now };
      feedback();
      options.onResult(text);
    }

    function withJsQr(jsQR) {
      return function () {
        var w = video.videoWidth, h = video.videoHeight;
        if (!w || !h) { return Promise.resolve(null); }
        canvas.width = w;
        canvas.height = h;
        context.drawImage(video, 0, 0, w, h);
        var found = jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: "dontInvert" });
        return Promise.resolve(found ? found.data : null);
      };
    }

    function withNative(detector) {
      return function () {
        return detector.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      };
    }

    function tick() {
      if (!stream) { return; }
      detect().then(function (text) {
        if (text) { report(text); }
      }).catch(function () {}).then(function () {
        if (stream) { timer = setTimeout(tick, everyMs); }
      });
    }

    function start() {
      if (stream) { return Promise.resolve(); }
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return Promise.reject(new Error("no camera"));
      }
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.setAttribute("playsinline", "");
          video.muted = true;
          return video.play();
        })
        .then(nativeDetector)
        .then(function (detector) {
          return detector ? withNative(detector) : loadJsQr().then(withJsQr);
        })
        .then(function (fn) { detect = fn; tick(); })
        .catch(function (error) {
          stop();
          if (options.onError) { options.onError(error); }
          throw error;
        });
    }

    function stop() {
      if (timer) { clearTimeout(timer); timer = null; }
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
      stream = null;
      video.srcObject = null;
    }

    function track() { return stream ? stream.getVideoTracks()[0] : null; }

    return {
      start: start,
      stop: stop,
      running: function () { return stream !== null; },
      hasTorch: function () {
        var t = track();
        var caps = t && t.getCapabilities ? t.getCapabilities() : {};
        return Boolean(caps.torch);
      },
      torch: function (on) {
        var t = track();
        return t ? t.applyConstraints({ advanced: [{ torch: Boolean(on) }] }) : Promise.resolve();
      }
    };
  }

  window.CasaQrScanner = { create: create };
})();
