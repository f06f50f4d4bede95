/*
 * The tram and busway layers of the city map: lines in their colours, stops as dots with a
 * popup linking to their departures. Titles come translated in the script tag's data-strings.
 */
(function () {
  "use strict";

  var CasaMap = window.CasaMap;
  var script = document.currentScript;
  var strings = JSON.parse((script && script.dataset.strings) || "{}");
  if (!CasaMap) {
    return;
  }

  function stopPopup(feature) {
    var p = feature.properties;
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    var lines = document.createElement("div");
    lines.textContent = p.lines.join(" · ");
    box.append(link, lines);
    return box;
  }

  function linePopup(feature) {
    var p = feature.properties;
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.short_name + " · " + p.long_name;
    return link;
  }

  CasaMap.addLayer({
    id: "transit-lines",
    title: strings.lines || "Tram & busway",
    url: "/api/v1/transit/lines.geojson",
    className: "transit-line",
    style: function (feature) {
      return { color: feature.properties.color, weight: 5, opacity: 0.85 };
    },
    tooltip: function (feature) {
      return feature.properties.short_name;
    },
    popup: linePopup,
  // Without a loaded feed the layer is absent; the rest of the map stays usable.
  }).catch(function () {});

  CasaMap.addLayer({
    id: "transit-stops",
    title: strings.stops || "Stops",
    url: "/api/v1/transit/stops.geojson",
    className: "transit-stop",
    pointToLayer: function (feature, latlng) {
      return window.L.circleMarker(latlng, {
        className: "transit-stop",
        radius: 4,
        color: feature.properties.color,
        fillColor: "#ffffff",
        fillOpacity: 1,
        weight: 2,
      });
    },
    tooltip: function (feature) {
      return feature.properties.name;
    },
    popup: stopPopup,
  }).catch(function () {});
})();
