/*
 * The city map and its registry of layers. Every service adds its own layer with
 *
 *   CasaMap.addLayer({id, title, url, style, popup, tooltip, className, pointToLayer, onLoad})
 *
 * `url` answers GeoJSON; `popup(feature, lang)` and `tooltip(feature, lang)` return a DOM node
 * or plain text (never HTML: text is shown as text). The data is loaded even when Leaflet is
 * missing, so the accessible lists beside the map still work.
 */
(function () {
  "use strict";

  function readStrings() {
    var node = document.getElementById("casa-map-strings");
    return node ? JSON.parse(node.textContent) : {};
  }

  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function asNode(content) {
    if (content instanceof Node) {
      return content;
    }
    var span = document.createElement("span");
    span.dir = "auto";
    span.textContent = content === undefined || content === null ? "" : String(content);
    return span;
  }

  var CasaMap = {
    map: null,
    control: null,
    layers: {},
    lang: document.documentElement.lang || "fr",
    strings: readStrings(),
    format: format,

    /** Return a feature's property in the page's language (name_fr, name_ar, name_en…). */
    localized: function (properties, prefix) {
      return properties[prefix + "_" + this.lang] || properties[prefix + "_fr"] ||
        properties[prefix] || "";
    },

    /** Draw the map in an element; without Leaflet, only the layers' data is loaded. */
    init: function (element) {
      if (!element || typeof window.L === "undefined") {
        return null;
      }
      var L = window.L;
      var map = L.map(element, {
        center: [Number(element.dataset.lat), Number(element.dataset.lng)],
        zoom: Number(element.dataset.zoom || 11),
        zoomSnap: 0.25,
        keyboard: true,
      });
      var tiles = L.tileLayer(element.dataset.tiles, {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">' +
          (this.strings.osm || "OpenStreetMap contributors").replace(/[<>&"]/g, "") + "</a>",
      }).addTo(map);
      var baseLayers = {};
      baseLayers[this.strings.basemap || "OpenStreetMap"] = tiles;
      this.control = L.control.layers(baseLayers, {}, {
        collapsed: window.matchMedia("(max-width: 40rem)").matches,
      }).addTo(map);
      this.map = map;
      return map;
    },

    /** Load a GeoJSON layer, draw it and list it in the layer control; resolve with its data. */
    addLayer: function (spec) {
      var self = this;
      return fetch(spec.url, { headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(spec.url + " answered " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var layer = null;
          if (self.map) {
            layer = self.draw(spec, data);
          }
          if (spec.onLoad) {
            spec.onLoad(data, layer);
          }
          return { data: data, layer: layer };
        });
    },

    draw: function (spec, data) {
      var L = window.L;
      var lang = this.lang;
      var layer = L.geoJSON(data, {
        className: spec.className,
        style: spec.style,
        pointToLayer: spec.pointToLayer,
        onEachFeature: function (feature, featureLayer) {
          if (spec.tooltip) {
            featureLayer.bindTooltip(asNode(spec.tooltip(feature, lang)), { sticky: true });
          }
          if (spec.popup) {
            featureLayer.bindPopup(function () {
              return asNode(spec.popup(feature, lang));
            });
          }
        },
      });
      if (spec.visible !== false) {
        layer.addTo(this.map);
      }
      this.control.addOverlay(layer, spec.title || spec.id);
      this.layers[spec.id] = layer;
      return layer;
    },

    /** Zoom to the first feature of a layer that matches, and open its popup. */
    show: function (layerId, matches) {
      var layer = this.layers[layerId];
      if (!layer) {
        return false;
      }
      var found = null;
      layer.eachLayer(function (featureLayer) {
        if (!found && matches(featureLayer.feature)) {
          found = featureLayer;
        }
      });
      if (!found) {
        return false;
      }
      if (found.getBounds) {
        this.map.fitBounds(found.getBounds(), { maxZoom: 15 });
      } else if (found.getLatLng) {
        this.map.setView(found.getLatLng(), 16);
      }
      found.openPopup();
      return true;
    },
  };

  window.CasaMap = CasaMap;
  CasaMap.init(document.getElementById("casa-map"));
})();
