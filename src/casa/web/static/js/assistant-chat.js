// WEBOT's chat page: send a question without reloading and append the two new turns.
// Without this script the form posts and the server redirects back to the page.
(function () {
  "use strict";
  var form = document.getElementById("webot-form");
  var log = document.getElementById("webot-log");
  var status = document.getElementById("webot-status");
  var input = document.getElementById("webot-text");
  var send = document.getElementById("webot-send");
  if (!form || !log || !status || !input || !send || !window.fetch) return;

  function last() {
    var item = log.lastElementChild;
    if (item) item.scrollIntoView({ block: "end" });
  }

  function clearError() {
    status.innerHTML = "";
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    send.disabled = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Casa-Partial": "1" },
    })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.ok) {
            clearError();
            log.insertAdjacentHTML("beforeend", html);
            input.value = "";
            var intro = document.querySelector(".webot-examples");
            if (intro) intro.remove();
            last();
          } else {
            status.innerHTML = html;
            input.setAttribute("aria-invalid", "true");
            input.setAttribute("aria-describedby", "webot-error");
          }
        });
      })
      .catch(function () {
        // Offline or the server is down: fall back to an ordinary post.
        form.submit();
      })
      .finally(function () {
        send.disabled = false;
        form.removeAttribute("aria-busy");
        input.focus();
      });
  });
  last();
})();
