// WEBOT on any page: a floating button that opens a chat panel.
// Embed with <script src="/static/js/assistant-widget.js" defer></script>; the portal's layout
// adds the labels in the page's language as data-* attributes of that tag. The panel asks
// POST /api/v1/assistant/messages; the conversation id and the turns stay in sessionStorage,
// so the conversation follows the visitor from page to page until the tab is closed.
(function () {
  "use strict";
  if (document.getElementById("webot-widget") || !window.fetch) return;
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : "";
  var lang = (document.documentElement.lang || "fr").slice(0, 2);
  var dir = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
  var fallback = {
    fr: ["Demander à WEBOT", "Fermer WEBOT", "WEBOT, l'assistant transport", "Votre question",
         "Envoyer", "WEBOT n'a pas pu répondre. Réessayez dans un instant.",
         "Écrivez d'abord votre question.", "Ouvrir la page de discussion"],
    ar: ["اسأل ويبوت", "أغلق ويبوت", "ويبوت، مساعد التنقل", "سؤالك", "أرسل",
         "تعذر على ويبوت الرد. أعد المحاولة بعد لحظة.", "اكتب سؤالك أولا.", "افتح صفحة المحادثة"],
    en: ["Ask WEBOT", "Close WEBOT", "WEBOT, the transport assistant", "Your question", "Send",
         "WEBOT could not answer. Try again in a moment.", "Write your question first.",
         "Open the chat page"],
  };
  var keys = ["open", "close", "title", "question", "send", "error", "empty", "page"];
  var text = {};
  keys.forEach(function (key, i) {
    var given = script && script.dataset ? script.dataset[key] : "";
    text[key] = given || (fallback[lang] || fallback.fr)[i];
  });
  var TAGS = { darija_ar: "ary-Arab", darija_latn: "ary-Latn" };
  var RTL = { ar: true, darija_ar: true };
  var STORE = "casa.webot.widget";

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && Array.isArray(saved.turns)) return saved;
    } catch (e) { /* storage refused or damaged: start afresh */ }
    return { conversation_id: null, turns: [] };
  }
  function save() {
    try {
      state.turns = state.turns.slice(-40);
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) { /* private browsing: the conversation lasts as long as the page */ }
  }
  var state = load();

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content) node.textContent = content;
    return node;
  }

  var style = el("style");
  style.textContent =
    "#webot-widget{--webot-ink:#0b4f8a}" +
    ".webot-widget__button{position:fixed;bottom:1rem;inset-inline-end:1rem;z-index:1000;" +
    "border-radius:2rem;padding:.6rem 1rem;font-weight:700;background:var(--webot-ink);" +
    "color:#fff;border:0;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)}" +
    ".webot-widget__button:focus-visible,.webot-widget__panel :focus-visible{" +
    "outline:3px solid #f2a900;outline-offset:2px}" +
    ".webot-widget__panel{position:fixed;bottom:4.5rem;inset-inline-end:1rem;z-index:1000;" +
    "box-sizing:border-box;width:min(24rem,calc(100vw - 2rem));" +
    "max-height:min(34rem,calc(100vh - 6rem));display:flex;flex-direction:column;" +
    "background:#fff;color:#1b1f23;border:1px solid #d4d9df;border-radius:.5rem;" +
    "box-shadow:0 4px 16px rgba(0,0,0,.2);overflow:hidden}" +
    ".webot-widget__panel[hidden]{display:none}" +
    ".webot-widget__head{display:flex;align-items:center;gap:.5rem;padding:.5rem .75rem;" +
    "background:var(--webot-ink);color:#fff}" +
    ".webot-widget__title{font-size:1rem;margin:0;flex:1;min-width:0}" +
    ".webot-widget__close{background:none;border:0;color:#fff;font-size:1.4rem;cursor:pointer;" +
    "line-height:1;padding:.1rem .4rem}" +
    ".webot-widget__log{list-style:none;margin:0;padding:.75rem;overflow-y:auto;flex:1;" +
    "display:flex;flex-direction:column;gap:.5rem;min-height:6rem}" +
    ".webot-widget__turn{max-width:90%;padding:.45rem .65rem;border-radius:.5rem;" +
    "overflow-wrap:anywhere;white-space:pre-line}" +
    ".webot-widget__turn--you{align-self:flex-end;background:#e7f0f9}" +
    ".webot-widget__turn--webot{align-self:flex-start;background:#f6f1e7;border:1px solid #e2dccf}" +
    ".webot-widget__status{margin:0;padding:0 .75rem;color:#a12b00}" +
    ".webot-widget__status:empty{display:none}" +
    ".webot-widget__form{display:flex;gap:.4rem;padding:.5rem .75rem;border-top:1px solid #d4d9df}" +
    ".webot-widget__form input{flex:1;min-width:0;box-sizing:border-box}" +
    ".webot-widget__page{padding:0 .75rem .5rem;font-size:.9rem}" +
    ".webot-widget__hidden{position:absolute;width:1px;height:1px;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap}";

  var root = el("div", { id: "webot-widget", dir: dir });
  var button = el("button", {
    type: "button", id: "webot-widget-button", class: "webot-widget__button",
    "aria-label": text.open, "aria-expanded": "false", "aria-controls": "webot-widget-panel",
    "aria-haspopup": "dialog",
  }, "WEBOT");
  var panel = el("div", {
    id: "webot-widget-panel", class: "webot-widget__panel", role: "dialog",
    "aria-modal": "true", "aria-labelledby": "webot-widget-title", dir: dir, lang: lang,
  });
  panel.hidden = true;
  var head = el("div", { class: "webot-widget__head" });
  var title = el("h2", { id: "webot-widget-title", class: "webot-widget__title" }, text.title);
  var closer = el("button", {
    type: "button", class: "webot-widget__close", "aria-label": text.close,
  }, "×");
  head.appendChild(title);
  head.appendChild(closer);
  var log = el("ol", {
    id: "webot-widget-log", class: "webot-widget__log", "aria-live": "polite",
    "aria-labelledby": "webot-widget-title",
  });
  var status = el("p", { id: "webot-widget-status", class: "webot-widget__status", role: "alert" });
  var form = el("form", { class: "webot-widget__form", id: "webot-widget-form" });
  var label = el("label", { for: "webot-widget-text", class: "webot-widget__hidden" }, text.question);
  var input = el("input", {
    type: "text", id: "webot-widget-text", name: "text", maxlength: "500",
    autocomplete: "off", dir: "auto", placeholder: text.question,
  });
  var send = el("button", { type: "submit", id: "webot-widget-send" }, text.send);
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  var page = el("p", { class: "webot-widget__page" });
  page.appendChild(el("a", { href: origin + "/assistant" }, text.page));
  [head, log, status, form, page].forEach(function (part) { panel.appendChild(part); });

  function show(turn) {
    var item = el("li", {
      class: "webot-widget__turn webot-widget__turn--" + turn.who,
      lang: turn.lang ? TAGS[turn.lang] || turn.lang : lang,
      dir: turn.lang ? (RTL[turn.lang] ? "rtl" : "ltr") : "auto",
      "data-intent": turn.intent || "",
    }, turn.text);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function focusable() {
    return Array.prototype.filter.call(
      panel.querySelectorAll("a[href], button:not([disabled]), input:not([disabled])"),
      function (node) { return node.offsetParent !== null; }
    );
  }

  function open() {
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-label", text.close);
    input.focus();
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", text.open);
    button.focus();
  }

  button.addEventListener("click", function () {
    if (panel.hidden) open();
    else close();
  });
  closer.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  panel.addEventListener("keydown", function (event) {
    // Keep Tab inside the open dialog, wrapping at both ends.
    if (event.key !== "Tab") return;
    var nodes = focusable();
    if (!nodes.length) return;
    var first = nodes[0];
    var last = nodes[nodes.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) {
      status.textContent = text.empty;
      input.setAttribute("aria-invalid", "true");
      return;
    }
    status.textContent = "";
    input.removeAttribute("aria-invalid");
    send.disabled = true;
    form.setAttribute("aria-busy", "true");
    var body = { text: question };
    if (state.conversation_id) body.conversation_id = state.conversation_id;
    fetch(origin + "/api/v1/assistant/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (answer) {
        var asked = { who: "you", text: question, lang: answer.language };
        var said = { who: "webot", text: answer.reply, lang: answer.language, intent: answer.intent };
        state.conversation_id = answer.conversation_id;
        state.turns.push(asked, said);
        save();
        show(asked);
        show(said);
        input.value = "";
      })
      .catch(function () {
        status.textContent = text.error;
      })
      .then(function () {
        send.disabled = false;
        form.removeAttribute("aria-busy");
        input.focus();
      });
  });

  state.turns.forEach(show);
  document.head.appendChild(style);
  root.appendChild(panel);
  root.appendChild(button);
  document.body.appendChild(root);
})();
