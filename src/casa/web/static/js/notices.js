/*
 * The city notice banner: shows the notice in force in the page's language and follows the
 * live `notices` channel (Server-Sent Events), so a notice appears or leaves without a reload.
 */
(function () {
  "use strict";

  var banner = document.getElementById("casa-notice");
  if (!banner) {
    return;
  }
  var text = banner.querySelector(".notice-banner__text");
  var close = banner.querySelector(".notice-banner__close");
  var lang = document.documentElement.lang || "fr";
  var order = [lang, "fr", "en", "ar"];
  var shownId = banner.dataset.noticeId ? Number(banner.dataset.noticeId) : 0;
  var newestSeen = shownId;
  var expiry = null;
  var HIDDEN_KEY = "casa.notice.hidden";

  function hiddenByReader(id) {
    try {
      return window.sessionStorage.getItem(HIDDEN_KEY) === String(id);
    } catch (e) {
      return false;
    }
  }

  function hide() {
    banner.hidden = true;
    delete banner.dataset.noticeId;
    shownId = 0;
    if (expiry) {
      window.clearTimeout(expiry);
      expiry = null;
    }
  }

  function show(notice) {
    if (notice.id < newestSeen) {
      return; // an answer that arrived after a newer event
    }
    newestSeen = notice.id;
    var code = order.find(function (c) { return notice.message[c]; });
    if (!code || hiddenByReader(notice.id)) {
      hide();
      return;
    }
    text.textContent = notice.message[code];
    text.lang = code;
    banner.dataset.level = notice.level;
    banner.dataset.noticeId = String(notice.id);
    banner.hidden = false;
    shownId = notice.id;
    if (expiry) {
      window.clearTimeout(expiry);
      expiry = null;
    }
    if (notice.expires_at) {
      var left = Date.parse(notice.expires_at) - Date.now();
      // setTimeout holds at most ~24.8 days; a later expiry is caught by the next page load.
      if (left < 2147483647) {
        expiry = window.setTimeout(hide, Math.max(left, 0));
      }
    }
  }

  close.addEventListener("click", function () {
    try {
      window.sessionStorage.setItem(HIDDEN_KEY, String(shownId));
    } catch (e) {
      // private browsing may refuse storage: hiding for this page is enough
    }
    hide();
  });

  if (shownId && hiddenByReader(shownId)) {
    hide();
  }

  var heard = 0; // live events so far: an answer older than one of them is ignored

  function refresh() {
    var asked = heard;
    fetch("/api/v1/notices/current", { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (heard !== asked) {
          return null;
        }
        if (response.status === 404) {
          hide();
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (notice) {
        if (notice && heard === asked) {
          show(notice);
        }
      })
      .catch(function () { /* the banner keeps what it shows */ });
  }

  refresh();

  if ("EventSource" in window) {
    var source = new EventSource("/api/v1/events?channel=notices");
    // data-live tells (people's tools and tests alike) whether the banner is following the channel.
    source.addEventListener("ready", function () {
      // After a reconnection, events may have been missed while away: ask again.
      if (banner.dataset.live === "off") {
        refresh();
      }
      banner.dataset.live = "on";
    });
    source.addEventListener("error", function () {
      banner.dataset.live = "off";
    });
    source.addEventListener("notice", function (message) {
      var event = JSON.parse(message.data);
      heard += 1;
      if (event.action === "posted") {
        show(event.notice);
      } else if (event.action === "cleared" && event.notice.id === shownId) {
        hide();
      }
    });
  }
})();
