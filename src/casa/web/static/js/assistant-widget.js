// WEBOT on any page: a button that opens the chat in a panel.
// Embed with <script src="/static/js/assistant-widget.js" defer></script>; the panel shows
// /assistant?embed=1 in a frame, so the conversation is the same as on the chat page.
(function () {
  "use strict";
  if (document.getElementById("webot-widget")) return;
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : "";
  var rtl = document.documentElement.dir === "rtl";
  var labels = {
    fr: ["Demander à WEBOT", "Fermer WEBOT"],
    ar: ["اسأل ويبوت", "أغلق ويبوت"],
    en: ["Ask WEBOT", "Close WEBOT"],
  };
  var lang = (document.documentElement.lang || "fr").slice(0, 2);
  var text = labels[lang] || labels.fr;
  var side = rtl ? "left" : "right";

  var root = document.createElement("div");
  root.id = "webot-widget";
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "WEBOT";
  button.setAttribute("aria-label", text[0]);
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "webot-widget-panel");
  button.style.cssText =
    "position:fixed;bottom:1rem;" + side + ":1rem;z-index:1000;border-radius:2rem;" +
    "padding:.6rem 1rem;font-weight:700;background:#0b4f8a;color:#fff;border:0;cursor:pointer";
  var panel = document.createElement("div");
  panel.id = "webot-widget-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "WEBOT");
  panel.style.cssText =
    "position:fixed;bottom:4.5rem;" + side + ":1rem;z-index:1000;width:min(24rem,calc(100vw - 2rem));" +
    "height:min(34rem,calc(100vh - 6rem));background:#fff;border:1px solid #d4d9df;" +
    "border-radius:.5rem;box-shadow:0 4px 16px rgba(0,0,0,.2);overflow:hidden";
  var frame = null;

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = "WEBOT";
      frame.src = origin + "/assistant?embed=1&lang=" + encodeURIComponent(lang);
      frame.style.cssText = "border:0;width:100%;height:100%";
      panel.appendChild(frame);
    }
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", text[1]);
    frame.focus();
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", text[0]);
    button.focus();
  }

  button.addEventListener("click", function () {
    if (panel.hidden) open();
    else close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) close();
  });
  root.appendChild(panel);
  root.appendChild(button);
  document.body.appendChild(root);
})();
