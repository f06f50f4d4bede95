/* The arrondissements layer of the city map, and the list beside it (its accessible twin). */
(function () {
  "use strict";

  var CasaMap = window.CasaMap;
  var strings = CasaMap.strings;
  var table = document.getElementById("arrondissements-table");
  var status = document.getElementById("arrondissements-status");
  // Colour-blind-safe hues (Okabe–Ito), one per prefecture, dark enough to outline on tiles.
  var PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A6A00",
    "#444444"];
  var colours = {};

  function colourOf(prefecture) {
    if (!(prefecture in colours)) {
      colours[prefecture] = PALETTE[Object.keys(colours).length % PALETTE.length];
    }
    return colours[prefecture];
  }

  function popup(feature) {
    var p = feature.properties;
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var title = document.createElement("strong");
    title.textContent = CasaMap.localized(p, "name");
    var prefecture = document.createElement("div");
    prefecture.textContent = CasaMap.format(strings.prefecture, { name: p.prefecture });
    var code = document.createElement("div");
    code.textContent = CasaMap.format(strings.code, { code: p.code });
    box.append(title, prefecture, code);
    return box;
  }

  function fillList(data, layer) {
    if (layer && layer.getBounds().isValid()) {
      CasaMap.map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    }
    var body = table.querySelector("tbody");
    data.features.forEach(function (feature) {
      var p = feature.properties;
      var name = CasaMap.localized(p, "name");
      var row = document.createElement("tr");
      var head = document.createElement("th");
      head.scope = "row";
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colourOf(p.prefecture);
      swatch.setAttribute("aria-hidden", "true");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = name;
      button.setAttribute("aria-label", CasaMap.format(strings.show, { name: name }));
      button.disabled = !CasaMap.map;
      button.addEventListener("click", function () {
        CasaMap.show("arrondissements", function (f) {
          return f.properties.code === p.code;
        });
      });
      head.append(swatch, button);
      var prefecture = document.createElement("td");
      prefecture.textContent = p.prefecture;
      row.append(head, prefecture);
      body.append(row);
    });
    table.hidden = false;
    status.textContent = CasaMap.format(strings.loaded, { count: data.features.length });
  }

  CasaMap.addLayer({
    id: "arrondissements",
    title: strings.arrondissements,
    url: "/api/v1/city/arrondissements",
    className: "casa-arrondissement",
    style: function (feature) {
      var colour = colourOf(feature.properties.prefecture);
      return { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.18 };
    },
    tooltip: function (feature) {
      return CasaMap.localized(feature.properties, "name");
    },
    popup: popup,
    onLoad: fillList,
  }).catch(function () {
    status.textContent = strings.failed;
    status.classList.add("map-list__status--error");
  });
})();
