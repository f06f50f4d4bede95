/*
 * The journey planner's enhancements: place suggestions from the city gazetteer while typing,
 * and the chosen journey drawn on the map, each leg coloured by its line.
 * The form and the list of journeys work without this script.
 */
(function () {
  "use strict";

  var WALK_COLOUR = "#4a5561";

  function suggest(input) {
    var list = document.getElementById(input.dataset.suggest);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = q;
        var url = "/api/v1/city/places?limit=8&q=" + encodeURIComponent(q);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : [];
          })
          .then(function (hits) {
            list.replaceChildren();
            hits.forEach(function (hit) {
              var option = document.createElement("option");
              option.value = hit.name;
              list.append(option);
            });
          })
          .catch(function () {
            list.replaceChildren();
          });
      }, 200);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(suggest);

  var dataNode = document.getElementById("transit-journeys");
  var CasaMap = window.CasaMap;
  if (!dataNode || !CasaMap || !CasaMap.map) {
    return;
  }
  var L = window.L;
  var journeys = JSON.parse(dataNode.textContent);
  var drawn = null;

  function latlngs(geometry) {
    return geometry.map(function (pair) {
      return [pair[1], pair[0]];
    });
  }

  function draw(index) {
    var journey = journeys[index];
    if (!journey) {
      return;
    }
    if (drawn) {
      drawn.remove();
    }
    drawn = L.featureGroup();
    journey.legs.forEach(function (leg) {
      var ride = leg.mode === "ride";
      var colour = ride && leg.line && leg.line.color ? "#" + leg.line.color : WALK_COLOUR;
      var line = L.polyline(latlngs(leg.geometry), {
        className: "transit-leg transit-leg--" + leg.mode,
        color: colour,
        weight: ride ? 6 : 4,
        opacity: 0.9,
        dashArray: ride ? null : "4 8",
      });
      var label = ride && leg.line ? leg.line.short_name + " → " + (leg.headsign || "") : (CasaMap.strings.walk || "");
      line.bindTooltip(label, { sticky: true });
      drawn.addLayer(line);
    });
    var first = journey.legs[0];
    var lastLeg = journey.legs[journey.legs.length - 1];
    [first.from, lastLeg.to].forEach(function (place, i) {
      drawn.addLayer(L.circleMarker([place.lat, place.lon], {
        className: "transit-end",
        radius: 7,
        color: i === 0 ? "#009E73" : "#D55E00",
        fillOpacity: 0.9,
      }).bindTooltip(place.name));
    });
    drawn.addTo(CasaMap.map);
    CasaMap.map.fitBounds(drawn.getBounds(), { padding: [24, 24] });
    document.querySelectorAll(".journey").forEach(function (item) {
      if (Number(item.dataset.journey) === index) {
        item.setAttribute("aria-current", "true");
      } else {
        item.removeAttribute("aria-current");
      }
    });
  }

  document.querySelectorAll(".journey__show").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      draw(Number(button.dataset.journey));
    });
  });
  draw(0);
})();
