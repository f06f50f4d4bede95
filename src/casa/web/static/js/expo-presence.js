// Live counts per venue: the page shows the counts it was served with, then follows the public
// channel expo-presence (Server-Sent Events), which carries counts only, never names.
(function () {
  "use strict";
  var list = document.querySelector("[data-presence-year]");
  if (!list || !window.EventSource) { return; }
  var year = Number(list.dataset.presenceYear);
  var source = new EventSource("/api/v1/events?channel=expo-presence");
  source.addEventListener("presence", function (message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (event.year !== year) { return; }
    var item = list.querySelector('li[data-venue="' + CSS.escape(event.venue) + '"]');
    if (!item) {
      item = document.createElement("li");
      item.dataset.venue = event.venue;
      var name = document.createElement("span");
      name.dir = "auto";
      name.textContent = event.name;
      var count = document.createElement("strong");
      count.className = "expo-inside";
      item.append(name, " : ", count);
      list.appendChild(item);
    }
    item.querySelector(".expo-inside").textContent = String(event.inside);
  });
  list.dataset.live = "true";
  source.addEventListener("ready", function () { list.dataset.ready = "true"; });
})();
