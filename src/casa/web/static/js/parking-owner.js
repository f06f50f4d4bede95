/*
 * The owner's form: place the garage on a map. A touch on the map (or "use my position") fills
 * the latitude and longitude fields, which stay editable; typing in them moves the marker.
 */
(function () {
  "use strict";

  var element = document.getElementById("garage-map");
  var lat = document.getElementById("g-lat");
  var lon = document.getElementById("g-lon");
  if (!element || !lat || !lon || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var map = L.map(element, {
    center: [Number(element.dataset.lat), Number(element.dataset.lng)],
    zoom: Number(element.dataset.zoom || 12),
    keyboard: true,
  });
  L.tileLayer(element.dataset.tiles, {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  }).addTo(map);
  var marker = null;

  function place(latlng, fromFields) {
    if (!marker) {
      marker = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
      marker.on("dragend", function () {
        place(marker.getLatLng(), false);
      });
    } else {
      marker.setLatLng(latlng);
    }
    if (!fromFields) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
    }
  }

  function fromFields() {
    var a = parseFloat(lat.value);
    var b = parseFloat(lon.value);
    if (isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
      place(L.latLng(a, b), true);
      return true;
    }
    return false;
  }

  map.on("click", function (event) {
    place(event.latlng, false);
  });
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
  fromFields();

  var locate = document.getElementById("g-locate");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = L.latLng(position.coords.latitude, position.coords.longitude);
        place(here, false);
        map.setView(here, 17);
      });
    });
  }
})();
