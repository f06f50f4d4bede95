/*
 * IPARK's layer of the city map: every site coloured by availability, kept live over SSE
 * (channel "parking"). Used by /parking and by the city map (/map).
 */
(function () {
  "use strict";

  var CasaMap = window.CasaMap;
  if (!CasaMap) {
    return;
  }
  // Okabe–Ito hues, readable by colour-blind drivers; "unknown" and "closed" stay grey.
  var COLOURS = { free: "#009E73", few: "#E69F00", full: "#D55E00", unknown: "#888888",
    closed: "#444444" };
  var node = document.getElementById("parking-strings");
  var strings = node ? JSON.parse(node.textContent) : {};
  var status = document.getElementById("parking-live");
  var markers = {};

  function availability(p) {
    if (!p.open_now) {
      return "closed";
    }
    if (p.free === null || p.free === undefined) {
      return "unknown";
    }
    if (p.free === 0) {
      return "full";
    }
    return p.free < Math.max(3, p.capacity * 0.1) ? "few" : "free";
  }

  function describe(p) {
    var free = p.free === null || p.free === undefined ? (strings.unknown || "?") :
      CasaMap.format(strings.free || "Free places: %(free)s", { free: p.free });
    return p.name + " — " + free + " / " + p.capacity;
  }

  function paint(marker) {
    var p = marker.feature.properties;
    var state = availability(p);
    marker.setStyle({ fillColor: COLOURS[state], color: "#222222" });
    var path = marker.getElement && marker.getElement();
    if (path) {
      path.setAttribute("data-availability", state);
      path.setAttribute("data-free", p.free === null ? "" : String(p.free));
    }
  }

  function popup(feature) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var link = document.createElement("a");
    link.href = "/parking/sites/" + encodeURIComponent(feature.properties.ref);
    link.textContent = describe(feature.properties);
    box.appendChild(link);
    return box;
  }

  // After a search: the destination, and the circle the results were searched in, the map
  // fitted to it.
  var element = document.getElementById("casa-map");
  if (CasaMap.map && element && element.dataset.radius) {
    var L = window.L;
    var centre = [Number(element.dataset.lat), Number(element.dataset.lng)];
    var radius = Number(element.dataset.radius);
    var circle = L.circle(centre, {
      radius: radius,
      color: "#0b4f8a",
      weight: 2,
      dashArray: "6 6",
      fill: false,
      interactive: false,
      className: "parking-radius",
    }).addTo(CasaMap.map);
    L.circleMarker(centre, {
      radius: 9,
      color: "#ffffff",
      weight: 3,
      fillColor: "#0b4f8a",
      fillOpacity: 1,
      className: "parking-destination",
    }).bindTooltip(CasaMap.format(strings.destination || "%(place)s",
      { place: element.dataset.destination }), { direction: "top" }).addTo(CasaMap.map);
    CasaMap.map.fitBounds(circle.getBounds(), { padding: [16, 16] });
  }

  CasaMap.addLayer({
    id: "parking",
    title: strings.layer || "IPARK",
    url: "/api/v1/parking/sites.geojson",
    pointToLayer: function (feature, latlng) {
      var marker = window.L.circleMarker(latlng, {
        radius: feature.properties.kind === "building_garage" ? 5 : 8,
        weight: 1,
        fillOpacity: 0.85,
        className: "parking-marker parking-site-" + feature.properties.ref,
      });
      marker.feature = feature;
      markers[feature.properties.ref] = marker;
      return marker;
    },
    tooltip: function (feature) {
      return describe(feature.properties);
    },
    popup: popup,
  }).then(function () {
    Object.keys(markers).forEach(function (ref) {
      paint(markers[ref]);
    });
    if (status) {
      status.textContent = strings.ready || "";
      status.setAttribute("data-state", "ready");
    }
  });

  if (typeof window.EventSource === "undefined") {
    return;
  }
  var source = new EventSource("/api/v1/events?channel=parking");
  source.addEventListener("occupancy", function (message) {
    var event = JSON.parse(message.data);
    var marker = markers[event.site];
    if (!marker) {
      return;
    }
    marker.feature.properties.free = event.free;
    paint(marker);
    marker.setTooltipContent(describe(marker.feature.properties));
    if (status) {
      status.textContent = describe(marker.feature.properties);
    }
  });
})();
