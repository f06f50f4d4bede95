/* A line page's map: the line through its stops, in the line's colour, each stop a link. */
(function () {
  "use strict";

  var CasaMap = window.CasaMap;
  var node = document.getElementById("transit-line");
  if (!node || !CasaMap || !CasaMap.map) {
    return;
  }
  var L = window.L;
  var data = JSON.parse(node.textContent);
  var colour = data.line.color ? "#" + data.line.color : "#0b4f8a";
  var group = L.featureGroup();
  var points = data.stops.map(function (stop) {
    return [stop.lat, stop.lon];
  });
  group.addLayer(L.polyline(points, { className: "transit-line", color: colour, weight: 6 }));
  data.stops.forEach(function (stop) {
    var link = document.createElement("a");
    link.href = "/transit/stops/" + encodeURIComponent(stop.parent_station || stop.id);
    link.textContent = stop.name;
    group.addLayer(
      L.circleMarker([stop.lat, stop.lon], {
        className: "transit-stop",
        radius: 5,
        color: colour,
        fillColor: "#ffffff",
        fillOpacity: 1,
      }).bindTooltip(stop.name).bindPopup(link)
    );
  });
  group.addTo(CasaMap.map);
  CasaMap.map.fitBounds(group.getBounds(), { padding: [16, 16] });
})();
