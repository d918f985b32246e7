"""The custom pieces of the map, written as folium elements (a class and a Jinja template).

Python prepares plain data (numbers, strings, lists, dicts); each template hands it to
JavaScript with ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``), and the small
runtime in :class:`MapKit` builds every popup, tooltip, label and legend entry with
``document.createElement`` and ``textContent``. Text from articles therefore never
reaches ``innerHTML``: an article that carries ``<script>`` shows it as text.

The only strings that Leaflet itself inserts as HTML are the layer-control labels;
:class:`LayersControl` is given labels that the caller escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

__all__ = [
    "Basemap",
    "FrontLayer",
    "HeatLayer",
    "IncidentLayer",
    "InlineAssets",
    "LayersControl",
    "Legend",
    "MapKit",
    "OnlineTiles",
    "TimeSlider",
    "TitleBox",
]

JSON = Any  # a value ``json.dumps`` accepts


class _Raw(Element):  # type: ignore[misc]
    """Rendered text placed in the page as it is.

    branca's ``MacroElement.render`` wraps each rendered macro in ``Element(text)``,
    which compiles the text as a new Jinja template: slow for megabytes of data, and
    article text containing ``{{ ... }}`` would be evaluated. This element skips that.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """Return the text unchanged."""
        return self.text


class _Macro(MacroElement):  # type: ignore[misc]
    """A MacroElement whose rendered header/html/script is never parsed again by Jinja."""

    def render(self, **kwargs: Any) -> str:
        """Render the ``header``, ``html`` and ``script`` macros into the figure."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("render the map through its Figure (map.get_root())")
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(
                    _Raw(str(macro(self, kwargs))), name=self.get_name()
                )
        for child in self._children.values():
            child.render(**kwargs)
        return ""


class InlineAssets(_Macro):
    """JS and CSS in the page header: inlined text, or links for ``offline=False``.

    Parameters
    ----------
    styles, scripts : sequence of str
        Inline CSS / JS texts (already made safe for a ``<style>``/``<script>`` body).
    css_links, js_links : sequence of str
        URLs to link instead (CDN mode).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- for url in this.css_links %}
            <link rel="stylesheet" href="{{ url|e }}"/>
        {%- endfor %}
        {%- for url in this.js_links %}
            <script src="{{ url|e }}"></script>
        {%- endfor %}
        {%- for text in this.styles %}
            <style>{{ text }}</style>
        {%- endfor %}
        {%- for text in this.scripts %}
            <script>{{ text }}</script>
        {%- endfor %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        styles: Sequence[str] = (),
        scripts: Sequence[str] = (),
        css_links: Sequence[str] = (),
        js_links: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.styles = list(styles)
        self.scripts = list(scripts)
        self.css_links = list(css_links)
        self.js_links = list(js_links)


class MapKit(_Macro):
    """The map's own small runtime: styles, safe DOM builders, markers, time filter."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        {% raw %}
        .leaflet-container { background: #dde6ec; font-family: "DejaVu Sans", Arial, sans-serif; }
        .mk-icon { background: transparent; border: none; }
        .mk-dot { box-sizing: border-box; width: 100%; height: 100%; border-radius: 50%;
          border: 3px solid #444; color: #fff; display: flex; align-items: center;
          justify-content: center; font-weight: bold; line-height: 1;
          box-shadow: 0 0 0 1px #fff, 0 1px 4px rgba(0,0,0,.55); }
        .mk-claimed .mk-dot { border-style: dashed; }
        .mk-unconfirmed .mk-dot { background: #fff !important; border-style: dashed; }
        .mk-cluster { box-sizing: border-box; width: 100%; height: 100%; border-radius: 50%;
          border: 4px solid #444; background: rgba(255,255,255,.9); color: #222;
          display: flex; align-items: center; justify-content: center; font: bold 12px sans-serif; }
        .mk-label { background: transparent; border: none; color: #5b5b5b; font-size: 11px;
          font-style: italic; text-align: center; white-space: nowrap; pointer-events: none;
          text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
        .mk-label span { display: inline-block; transform: translate(-50%, -50%); }
        .mk-city { color: #333; font-style: normal; font-size: 11px; }
        .mk-city span { transform: translate(5px, -50%); }
        .mk-arrow { background: transparent; border: none; }
        .mk-arrow div { width: 0; height: 0; border-left: 7px solid transparent;
          border-right: 7px solid transparent; border-bottom: 16px solid #333;
          transform-origin: 50% 50%; }
        .mk-pop { font-size: 12px; max-width: 340px; }
        .mk-pop h4 { margin: 0 0 4px; font-size: 14px; }
        .mk-pop table { border-collapse: collapse; margin: 4px 0; }
        .mk-pop th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0; color: #555;
          font-weight: normal; white-space: nowrap; }
        .mk-pop td { padding: 1px 0; }
        .mk-pop blockquote { margin: 3px 0 3px 6px; padding-left: 6px; border-left: 3px solid #bbb;
          color: #333; font-style: italic; }
        .mk-pop .mk-meta { color: #777; font-size: 11px; }
        .mk-status-claimed { color: #a15c00; font-weight: bold; }
        .mk-status-unconfirmed { color: #b00020; font-weight: bold; }
        .mk-box { background: rgba(255,255,255,.94); padding: 6px 9px; border-radius: 5px;
          box-shadow: 0 1px 5px rgba(0,0,0,.4); font-size: 12px; color: #222; }
        .mk-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
          z-index: 800; text-align: center; max-width: 60%; }
        .mk-title h1 { margin: 0; font-size: 17px; }
        .mk-title div { color: #555; font-size: 12px; }
        .mk-legend { max-width: 250px; max-height: 62vh; overflow: auto; font-size: 11px; }
        .mk-legend h3 { margin: 0; font-size: 13px; cursor: pointer; }
        .mk-legend h4 { margin: 6px 0 2px; font-size: 12px; color: #444; }
        .mk-legend .mk-row { display: flex; align-items: center; margin: 1px 0; }
        .mk-legend .mk-key { flex: 0 0 40px; display: flex; justify-content: center;
          align-items: center; min-height: 20px; margin-right: 6px; }
        .mk-legend.mk-collapsed .mk-body { display: none; }
        .mk-line { width: 28px; height: 0; border-top: 3px solid #1f5fa8; }
        .mk-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
          margin-right: 4px; border: 2px solid #444; vertical-align: middle; }
        .mk-slider { width: 330px; }
        .mk-slider input[type=range] { width: 100%; }
        .mk-slider .mk-row { display: flex; align-items: center; gap: 6px; }
        .mk-slider button { cursor: pointer; }
        .mk-slider .mk-now { font-weight: bold; }
        .mk-slider .mk-front { color: #c0392b; font-weight: bold; }
        .mk-distance span { background: #fff; border: 1px solid #c0392b; color: #c0392b;
          font-weight: bold; font-style: normal; padding: 2px 5px; border-radius: 3px;
          font-size: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
        .mk-held { background: #222; color: #fff; border: none; font-weight: bold; }
        .mk-held:before { border-left-color: #222 !important; }
        .mk-group { font-weight: bold; color: #555; font-size: 11px; text-transform: uppercase;
          letter-spacing: .04em; margin: 4px 0 1px; }
        .mk-group:first-child { margin-top: 0; }
        {% endraw %}
        </style>
        {% endmacro %}

        {% macro script(this, kwargs) %}
        {% raw %}
        (function () {
          "use strict";
          var K = window.mapperKit = window.mapperKit || {};
          if (K.ready) { return; }
          K.ready = true;

          K.el = function (tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) { e.className = cls; }
            if (text !== undefined && text !== null) { e.textContent = String(text); }
            return e;
          };
          K.data = function (id) {
            return JSON.parse(document.getElementById(id).textContent);
          };
          K.safeUrl = function (value) {
            if (typeof value !== "string") { return null; }
            try {
              var u = new URL(value);
              return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
            } catch (err) { return null; }
          };
          K.colour = function (value, fallback) {
            return (typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value))
              ? value : fallback;
          };

          /* one time filter for every layer: "up to" an ISO date, null = all dates */
          K.onDate = function (map, fn) {
            map._mapperFilters = map._mapperFilters || [];
            map._mapperFilters.push(fn);
            if (map._mapperDate === undefined) { map._mapperDate = null; }
            fn(map._mapperDate);
          };
          K.setDate = function (map, iso) {
            map._mapperDate = iso;
            (map._mapperFilters || []).forEach(function (fn) { fn(iso); });
          };
          K.shown = function (start, iso) {
            return iso === null || !start || start <= iso;
          };

          K.DotIcon = L.DivIcon.extend({
            createIcon: function (oldIcon) {
              var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
              var o = this.options;
              while (div.firstChild) { div.removeChild(div.firstChild); }
              var dot = K.el("div", "mk-dot", o.glyph);
              dot.style.background = o.fill;
              dot.style.borderColor = o.ring;
              dot.style.fontSize = Math.max(10, Math.round(o.iconSize[0] * 0.5)) + "px";
              if (o.status === "unconfirmed") { dot.style.color = o.fill; }
              div.setAttribute("data-incident", String(o.incident));
              div.appendChild(dot);
              return div;
            }
          });
          K.CountIcon = L.DivIcon.extend({
            createIcon: function (oldIcon) {
              var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
              while (div.firstChild) { div.removeChild(div.firstChild); }
              var c = K.el("div", "mk-cluster", this.options.count);
              c.style.borderColor = this.options.ring;
              div.appendChild(c);
              return div;
            }
          });
          K.LabelIcon = L.DivIcon.extend({
            createIcon: function (oldIcon) {
              var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
              while (div.firstChild) { div.removeChild(div.firstChild); }
              div.appendChild(K.el("span", null, this.options.text));
              return div;
            }
          });
          K.ArrowIcon = L.DivIcon.extend({
            createIcon: function (oldIcon) {
              var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
              while (div.firstChild) { div.removeChild(div.firstChild); }
              var a = K.el("div");
              a.style.transform = "rotate(" + Number(this.options.angle) + "deg)";
              a.style.borderBottomColor = this.options.colour;
              div.appendChild(a);
              return div;
            }
          });

          K.row = function (table, label, value, cls) {
            if (value === null || value === undefined || value === "") { return; }
            var tr = K.el("tr");
            tr.appendChild(K.el("th", null, label));
            tr.appendChild(K.el("td", cls || null, value));
            table.appendChild(tr);
          };
          K.precisionNames = {1: "day", 2: "week", 3: "month"};
          K.dateText = function (d) {
            if (!d.date && !d.ds) { return "unknown (undated)"; }
            var text = d.date || d.ds;
            if (d.ds && d.de && d.ds !== d.de) {
              text += " (between " + d.ds + " and " + d.de + ")";
            }
            if (d.tp) { text += ", precision: " + (K.precisionNames[d.tp] || d.tp); }
            if (d.inf) { text += ", inferred from publication date"; }
            return text;
          };
          K.range = function (low, best, high, conservative) {
            if (low == null && high == null) {
              return conservative ? String(conservative) : null;
            }
            if (low == null) { low = high; }
            var text = (low === high || high == null) ? String(low) : low + "\u2013" + high;
            if (best != null && best !== low && best !== high) { text += " (best " + best + ")"; }
            return text;
          };
          K.popup = function (d, theme) {
            var box = K.el("div", "mk-pop");
            box.appendChild(K.el("h4", null, [d.loc, d.a2, d.a1].filter(Boolean).join(", ")));
            var t = K.el("table");
            K.row(t, "Date", K.dateText(d));
            K.row(t, "Type", d.et + (d.st ? " / " + d.st : ""));
            K.row(t, "Actors", [d.act1, d.act2].filter(Boolean).join(" vs "));
            K.row(t, "Killed", K.range(d.fl, d.fb, d.fh, d.f) || "none reported");
            K.row(t, "Wounded", d.w == null ? null : String(d.w));
            K.row(t, "Status", d.cs, "mk-status-" + d.cs);
            K.row(t, "Location", d.gp === 1 ? "the named place" :
              (d.gp === 2 ? "near or part of the named place (approximate)" :
               "only the wider region is known (approximate)"));
            K.row(t, "Layer", theme);
            box.appendChild(t);
            if (d.n) { box.appendChild(K.el("div", null, d.n)); }
            var sources = K.el("div");
            sources.appendChild(K.el("b", null, "Sources: "));
            (d.src || []).forEach(function (s, i) {
              if (i) { sources.appendChild(document.createTextNode(", ")); }
              sources.appendChild(document.createTextNode(s));
            });
            if (!(d.src || []).length) {
              sources.appendChild(document.createTextNode("none named"));
            }
            box.appendChild(sources);
            (d.ev || []).forEach(function (e) {
              var q = K.el("blockquote", null, "\u201c" + e.q + "\u201d");
              var meta = K.el("div", "mk-meta", "article " + e.a + (e.f ? " \u00b7 " + e.f : ""));
              var href = K.safeUrl(e.u);
              if (href) {
                var a = K.el("a", null, " (open)");
                a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
                meta.appendChild(a);
              }
              q.appendChild(meta);
              box.appendChild(q);
            });
            box.appendChild(K.el("div", "mk-meta", d.id));
            return box;
          };
          K.tooltip = function (d) {
            var killed = d.f ? d.f + " killed" : "no deaths reported";
            return K.el("span", null, [d.loc, d.date || "undated", d.st || d.et, killed]
              .join(" \u00b7 "));
          };

          /* one theme's incidents: markers, precision circles, optional clustering */
          K.incidentLayer = function (map, group, spec) {
            var items = [];
            var target = group;
            if (spec.cluster && L.markerClusterGroup) {
              target = L.markerClusterGroup({
                maxClusterRadius: 45, chunkedLoading: true, showCoverageOnHover: false,
                iconCreateFunction: function (cluster) {
                  var n = cluster.getChildCount();
                  var s = n < 10 ? 30 : (n < 100 ? 38 : 46);
                  return new K.CountIcon({count: n, ring: K.colour(spec.colour, "#444"),
                    className: "mk-icon", iconSize: [s, s]});
                }
              });
              group.addLayer(target);
            }
            spec.data.forEach(function (d) {
              var style = spec.styles[d.et] || spec.styles[""];
              var size = d.px;
              /* markers on the same spot fan out around it (clusters spiderfy instead) */
              var spots = map._mapperSpots = map._mapperSpots || {};
              var key = d.lat + "," + d.lon;
              var spot = spots[key] || {n: 0, px: 0};
              var k = spot.n;
              var dx = 0, dy = 0;
              if (k > 0 && !spec.cluster) {
                var ring = Math.ceil(k / 6), angle = ((k - 1) % 6) * Math.PI / 3;
                var step = (spot.px + size) / 2 + 2;
                dx = Math.round(Math.cos(angle) * step * ring);
                dy = Math.round(Math.sin(angle) * step * ring);
              }
              spots[key] = {n: k + 1, px: Math.max(spot.px, size)};
              var icon = new K.DotIcon({
                iconAnchor: [size / 2 - dx, size / 2 - dy],
                className: "mk-icon mk-" +
                  (d.cs === "claimed" || d.cs === "unconfirmed" ? d.cs : "reported"),
                iconSize: [size, size], glyph: style.glyph, fill: style.colour,
                ring: K.colour(spec.colour, "#444"), status: d.cs, incident: d.id
              });
              var marker = L.marker([d.lat, d.lon], {icon: icon, riseOnHover: true,
                                                     title: ""});
              marker.bindPopup(function () { return K.popup(d, spec.title); }, {maxWidth: 360});
              marker.bindTooltip(function () { return K.tooltip(d); },
                                 {direction: "top", offset: [0, -size / 2]});
              marker._mapperId = d.id;
              var circle = null;
              if (d.r && !spec.cluster) {
                circle = L.circle([d.lat, d.lon], {radius: d.r, color: style.colour, weight: 1,
                  dashArray: "4 4", fillOpacity: 0.07, interactive: false});
              }
              items.push({start: d.ds || d.date, marker: marker, circle: circle, on: false});
            });
            K.onDate(map, function (iso) {
              var add = [], remove = [];
              items.forEach(function (it) {
                var show = K.shown(it.start, iso);
                if (show === it.on) { return; }
                it.on = show;
                (show ? add : remove).push(it.marker);
                if (it.circle) { (show ? add : remove).push(it.circle); }
              });
              if (target.addLayers) {
                target.removeLayers(remove.filter(function (l) { return l instanceof L.Marker; }));
                target.addLayers(add.filter(function (l) { return l instanceof L.Marker; }));
              } else {
                remove.forEach(function (l) { target.removeLayer(l); });
                add.forEach(function (l) { target.addLayer(l); });
              }
              group._mapperShown = items.filter(function (it) { return it.on; }).length;
            });
          };

          K.heatLayer = function (map, group, spec) {
            if (!L.heatLayer) { return; }
            var heat = L.heatLayer([], {radius: 18, blur: 15, maxZoom: 10, minOpacity: 0.3});
            group.addLayer(heat);
            K.onDate(map, function (iso) {
              heat.setLatLngs(spec.points.filter(function (p) { return K.shown(p[3], iso); })
                .map(function (p) { return [p[0], p[1], p[2]]; }));
            });
          };

          K.basemap = function (map, spec) {
            map.createPane("mk-base").style.zIndex = 250;
            map.createPane("mk-labels").style.zIndex = 450;
            map.getPane("mk-labels").style.pointerEvents = "none";
            var country = null;
            if (spec.country) {
              country = L.geoJSON(spec.country, {pane: "mk-base", interactive: false,
                style: {color: "#6d6d6d", weight: 2, fillColor: "#f6f3ea", fillOpacity: 0.9}});
              country.addTo(map);
            }
            if (spec.governorates) {
              L.geoJSON(spec.governorates, {pane: "mk-base", interactive: false,
                style: {color: "#9a9a9a", weight: 1, dashArray: "3 3", fill: false}}).addTo(map);
            }
            (spec.cities || []).forEach(function (c) {
              L.circleMarker([c.lat, c.lon], {pane: "mk-base", interactive: false, radius: 2.5,
                color: "#333", weight: 1, fillColor: "#333", fillOpacity: 1}).addTo(map);
              L.marker([c.lat, c.lon], {pane: "mk-labels", interactive: false, keyboard: false,
                icon: new K.LabelIcon({className: "mk-label mk-city", text: c.text,
                                       iconSize: [0, 0]})
              }).addTo(map);
            });
            (spec.labels || []).forEach(function (lab) {
              L.marker([lab.lat, lab.lon], {pane: "mk-labels", interactive: false, keyboard: false,
                icon: new K.LabelIcon({className: "mk-label", text: lab.text, iconSize: [0, 0]})
              }).addTo(map);
            });
            map._mapperBase = country;
          };

          K.tiles = function (map, spec, control) {
            var errors = 0, loaded = 0;
            var tiles = L.tileLayer(spec.url, {maxZoom: 18, attribution: spec.attribution,
                                               opacity: 0.85});
            tiles.on("tileload", function () {
              loaded += 1;
              if (map._mapperBase) { map._mapperBase.setStyle({fillOpacity: 0.15}); }
            });
            tiles.on("tileerror", function () {
              errors += 1;
              if (errors >= 4 && loaded === 0 && map.hasLayer(tiles)) { map.removeLayer(tiles); }
            });
            tiles.on("remove", function () {
              if (map._mapperBase) { map._mapperBase.setStyle({fillOpacity: 0.9}); }
            });
            if (navigator.onLine) { tiles.addTo(map); }
            return tiles;
          };

          K.frontLayer = function (map, group, spec) {
            var forceColour = {};
            (spec.forces || []).forEach(function (f) { forceColour[f.force] = f.colour; });
            var mosul = null;
            if (spec.mosul) {
              mosul = L.circle([spec.mosul.lat, spec.mosul.lon], {radius: spec.mosul.radius,
                color: "#111", weight: 1.5, dashArray: "6 4", fillColor: "#111",
                fillOpacity: 0.18});
              mosul.bindTooltip(K.el("span", null, spec.mosul.label),
                                {permanent: true, direction: "top", offset: [0, -30],
                                 className: "mk-held"});
              mosul.bindPopup(K.el("div", "mk-pop", spec.mosul.note));
            }
            var axes = (spec.axes || []).map(function (a) {
              var colour = forceColour[a.force] || "#333";
              var line = L.polyline(a.coords, {color: colour, weight: 3, opacity: 0.75,
                                                dashArray: "10 6"});
              line.bindTooltip(K.el("span", null, a.label), {sticky: true});
              var end = a.coords[a.coords.length - 1];
              var arrow = L.marker(end, {interactive: false, keyboard: false,
                icon: new K.ArrowIcon({className: "mk-arrow", angle: a.angle, colour: colour,
                                       iconSize: [14, 16], iconAnchor: [7, 8]})});
              return {start: a.ds, line: line, arrow: arrow, coords: a.coords, dates: a.dates};
            });
            var fronts = (spec.fronts || []).map(function (f) {
              var line = L.polyline(f.coords, {color: "#111", weight: 2, opacity: 0.5});
              line.bindTooltip(K.el("span", null, f.label), {sticky: true});
              return {date: f.date, line: line, spec: f};
            });
            var points = (spec.positions || []).map(function (p) {
              var m = L.circleMarker([p.lat, p.lon], {radius: 5, color: "#fff", weight: 1.5,
                fillColor: forceColour[p.force] || "#333", fillOpacity: 1});
              var box = K.el("div", "mk-pop");
              box.appendChild(K.el("h4", null, p.place));
              var t = K.el("table");
              K.row(t, "Date", p.date);
              K.row(t, "Force", p.force);
              K.row(t, "Event", p.event);
              K.row(t, "Source", p.source);
              box.appendChild(t);
              m.bindPopup(box);
              m.bindTooltip(K.el("span", null, p.date + " \u00b7 " + p.place));
              return {date: p.date, marker: m};
            });
            var distance = L.polyline([[0, 0], [0, 0]], {color: "#c0392b", weight: 2,
                                                          dashArray: "2 6", interactive: false});
            var distLabel = L.marker([0, 0], {interactive: false, keyboard: false,
              icon: new K.LabelIcon({className: "mk-label mk-distance", text: "",
                                     iconSize: [0, 0]})});
            var kirkuk = spec.kirkuk ? L.circleMarker([spec.kirkuk.lat, spec.kirkuk.lon], {
              radius: 4, color: "#c0392b", fillColor: "#fff", fillOpacity: 1, weight: 2}) : null;
            var all = [];
            function put(layer, show) {
              if (!layer) { return; }
              if (show && !group.hasLayer(layer)) { group.addLayer(layer); }
              if (!show && group.hasLayer(layer)) { group.removeLayer(layer); }
            }
            K.onDate(map, function (iso) {
              put(mosul, !!spec.mosul &&
                  (iso === null || !spec.mosul.until || iso < spec.mosul.until));
              axes.forEach(function (a) {
                var upto = a.coords.filter(function (c, i) { return K.shown(a.dates[i], iso); });
                if (upto.length >= 2) {
                  a.line.setLatLngs(upto);
                  a.arrow.setLatLng(upto[upto.length - 1]);
                }
                put(a.line, upto.length >= 2);
                put(a.arrow, upto.length >= 2);
              });
              var current = null, previous = null;
              fronts.forEach(function (f) {
                if (K.shown(f.date, iso)) { previous = current; current = f; }
              });
              if (iso === null && spec.focus) {
                previous = null;
                fronts.forEach(function (f) {
                  if (f.date < spec.focus) { previous = f; }
                  if (f.date === spec.focus) { current = f; }
                });
              }
              fronts.forEach(function (f) {
                put(f.line, f === current || f === previous);
                f.line.setStyle(f === current
                  ? {color: "#111", weight: 4, opacity: 0.9, dashArray: null}
                  : {color: "#555", weight: 2, opacity: 0.45, dashArray: "4 6"});
              });
              if (current) { current.line.bringToFront(); }
              points.forEach(function (p) { put(p.marker, K.shown(p.date, iso)); });
              if (current && spec.kirkuk) {
                var near = current.spec.near;
                distance.setLatLngs([[spec.kirkuk.lat, spec.kirkuk.lon], near]);
                distLabel.setLatLng([0.8 * near[0] + 0.2 * spec.kirkuk.lat,
                                     0.8 * near[1] + 0.2 * spec.kirkuk.lon]);
                map._mapperFront = "Kirkuk \u2194 Mosul front of " + current.date + ": " +
                  current.spec.km + " km";
                distLabel.setIcon(new K.LabelIcon({className: "mk-label mk-distance",
                  text: "Kirkuk \u2194 front " + current.date + ": " + current.spec.km + " km",
                  iconSize: [0, 0]}));
              }
              if (!current) { map._mapperFront = ""; }
              if (map._mapperFrontBox) { map._mapperFrontBox.textContent = map._mapperFront || ""; }
              put(distance, !!current && !!spec.kirkuk);
              put(distLabel, !!current && !!spec.kirkuk);
              put(kirkuk, !!spec.kirkuk);
            });
          };

          K.slider = function (map, spec) {
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () {
              var box = K.el("div", "mk-box mk-slider leaflet-control");
              L.DomEvent.disableClickPropagation(box);
              L.DomEvent.disableScrollPropagation(box);
              var head = K.el("div", "mk-row");
              var play = K.el("button", null, "\u25b6");
              play.type = "button";
              play.title = "Play through the dates";
              var label = K.el("span", "mk-now", "");
              head.appendChild(play);
              head.appendChild(K.el("span", null, "Up to:"));
              head.appendChild(label);
              box.appendChild(head);
              var input = K.el("input");
              input.type = "range";
              input.min = "0";
              input.max = String(spec.dates.length);
              input.step = "1";
              input.value = String(spec.dates.length);
              input.setAttribute("aria-label", "Show events up to this date");
              box.appendChild(input);
              var front = K.el("div", "mk-front", map._mapperFront || "");
              map._mapperFrontBox = front;
              box.appendChild(front);
              box.appendChild(K.el("div", "mk-meta", spec.note));
              function apply() {
                var i = Number(input.value);
                var iso = i >= spec.dates.length ? null : spec.dates[i];
                label.textContent = iso === null ? "all dates" : iso;
                K.setDate(map, iso);
              }
              input.addEventListener("input", apply);
              var timer = null;
              play.addEventListener("click", function () {
                if (timer) {
                  clearInterval(timer); timer = null; play.textContent = "\u25b6"; return;
                }
                if (Number(input.value) >= spec.dates.length) { input.value = "0"; }
                play.textContent = "\u275a\u275a";
                timer = setInterval(function () {
                  input.value = String(Number(input.value) + 1);
                  apply();
                  if (Number(input.value) >= spec.dates.length) {
                    clearInterval(timer); timer = null; play.textContent = "\u25b6";
                  }
                }, 700);
              });
              label.textContent = "all dates";
              return box;
            };
            control.addTo(map);
            if (map._mapperDate === undefined) { K.setDate(map, null); }
          };

          K.legend = function (map, spec) {
            var control = L.control({position: "bottomright"});
            control.onAdd = function () {
              var box = K.el("div", "mk-box mk-legend leaflet-control");
              L.DomEvent.disableClickPropagation(box);
              L.DomEvent.disableScrollPropagation(box);
              if (map.getSize().y < 700) { box.classList.add("mk-collapsed"); }
              var h = K.el("h3", null, "Legend \u25be");
              h.addEventListener("click", function () { box.classList.toggle("mk-collapsed"); });
              box.appendChild(h);
              var body = K.el("div", "mk-body");
              box.appendChild(body);
              function row(key, text) {
                var r = K.el("div", "mk-row");
                var k = K.el("div", "mk-key");
                k.appendChild(key);
                r.appendChild(k);
                r.appendChild(K.el("span", null, text));
                body.appendChild(r);
              }
              function dot(fill, ring, glyph, size, cls) {
                var d = K.el("div", "mk-dot" + (cls ? " " + cls : ""), glyph);
                var wrap = K.el("div", cls ? "mk-" + cls : null);
                d.style.background = fill;
                d.style.borderColor = ring;
                d.style.width = size + "px";
                d.style.height = size + "px";
                d.style.fontSize = Math.round(size * 0.5) + "px";
                if (cls === "unconfirmed") { d.style.color = fill; }
                wrap.appendChild(d);
                return wrap;
              }
              body.appendChild(K.el("h4", null, "Event type (fill and symbol)"));
              spec.types.forEach(function (t) { row(dot(t.colour, "#555", t.glyph, 20), t.name); });
              body.appendChild(K.el("h4", null, "Layer (ring colour)"));
              spec.themes.forEach(function (t) {
                row(dot("#fff", K.colour(t.colour, "#444"), "", 18), t.title);
              });
              body.appendChild(K.el("h4", null, "Report status"));
              row(dot("#777", "#555", "", 18), "reported");
              row(dot("#777", "#555", "", 18, "claimed"), "claimed by a party (dashed ring)");
              row(dot("#777", "#555", "", 18, "unconfirmed"), "unconfirmed (hollow, dashed)");
              body.appendChild(K.el("h4", null, "Size: fatalities"));
              spec.sizes.forEach(function (s) { row(dot("#999", "#666", "", s.px), s.label); });
              var circle = K.el("div");
              circle.style.cssText = "width:22px;height:22px;border-radius:50%;" +
                "border:1px dashed #555;background:rgba(0,0,0,.06)";
              row(circle, "approximate location (circle = uncertainty)");
              if (spec.front) {
                body.appendChild(K.el("h4", null, "Mosul front"));
                var l1 = K.el("div", "mk-line"); l1.style.borderTopWidth = "4px";
                l1.style.borderTopColor = "#111";
                row(l1, spec.frontNote || "front line at the selected date");
                var l2 = K.el("div", "mk-line"); l2.style.borderTopStyle = "dashed";
                l2.style.borderTopColor = "#555"; l2.style.borderTopWidth = "2px";
                row(l2, "the front line before it");
                var l3 = K.el("div", "mk-line"); l3.style.borderTopStyle = "dashed";
                l3.style.borderTopColor = "#555";
                row(l3, "axis of advance (colour = force)");
                var l4 = K.el("div");
                l4.style.cssText = "width:20px;height:20px;border-radius:50%;" +
                  "border:1px dashed #111;background:rgba(0,0,0,.18)";
                row(l4, "Mosul, held by Islamic State at the start");
                var l5 = K.el("div", "mk-line"); l5.style.borderTopStyle = "dotted";
                l5.style.borderTopWidth = "2px"; l5.style.borderTopColor = "#c0392b";
                row(l5, "distance from Kirkuk to the front");
              }
              body.appendChild(K.el("div", "mk-meta", spec.note));
              return box;
            };
            control.addTo(map);
          };

          K.title = function (map, spec) {
            var box = K.el("div", "mk-box mk-title");
            L.DomEvent.disableClickPropagation(box);
            box.appendChild(K.el("h1", null, spec.title));
            if (spec.subtitle) { box.appendChild(K.el("div", null, spec.subtitle)); }
            map.getContainer().appendChild(box);
          };

          K.layers = function (map, spec) {
            var overlays = {};
            var groupOf = {};
            spec.entries.forEach(function (e) {
              overlays[e.label] = e.layer;
              groupOf[L.stamp(e.layer)] = e.group;
            });
            var control = L.control.layers({}, overlays, {collapsed: spec.collapsed,
                                                          position: "topright"});
            var update = control._update;
            control._update = function () {
              var result = update.apply(this, arguments);
              var list = this._overlaysList;
              if (!list) { return result; }
              var labels = Array.prototype.slice.call(list.children);
              var overlayLayers = this._layers.filter(function (o) { return o.overlay; });
              var last = null;
              labels.forEach(function (label, i) {
                var o = overlayLayers[i];
                var group = o ? groupOf[L.stamp(o.layer)] : null;
                if (group && group !== last) {
                  list.insertBefore(K.el("div", "mk-group", group), label);
                }
                last = group;
              });
              return result;
            };
            control.addTo(map);
            control._update();
            map._mapperLayers = control;
            return control;
          };
        })();
        {% endraw %}
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapKit"


_GROUP_CALL = Template(
    """
    {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">
        {{- this.spec|tojson -}}
        </script>
    {% endmacro %}
    {% macro script(this, kwargs) %}
        mapperKit.{{ this.function }}({{ this._parent._parent.get_name() }},
            {{ this._parent.get_name() }},
            mapperKit.data({{ (this.get_name() ~ "_data")|tojson }}));
    {% endmacro %}
    """
)

_MAP_CALL = Template(
    """
    {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">
        {{- this.spec|tojson -}}
        </script>
    {% endmacro %}
    {% macro script(this, kwargs) %}
        mapperKit.{{ this.function }}({{ this._parent.get_name() }},
            mapperKit.data({{ (this.get_name() ~ "_data")|tojson }}));
    {% endmacro %}
    """
)


class _MapCall(_Macro):
    """Base of the elements that call one runtime function with prepared data.

    The data goes into a ``<script type="application/json">`` block (``tojson`` escapes
    ``<``, ``>``, ``&`` and ``'``, so it cannot close the block), which the browser
    parses with ``JSON.parse``: faster than a large object literal.
    """

    function = ""

    def __init__(self, *, spec: Mapping[str, JSON], name: str) -> None:
        super().__init__()
        self._name = name
        self.spec = dict(spec)


class IncidentLayer(_MapCall):
    """One theme's incidents, drawn into its parent FeatureGroup."""

    _template = _GROUP_CALL
    function = "incidentLayer"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="IncidentLayer")


class HeatLayer(_MapCall):
    """A heat layer of incidents weighted by fatalities, in its parent FeatureGroup."""

    _template = _GROUP_CALL
    function = "heatLayer"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="HeatLayer")


class FrontLayer(_MapCall):
    """The Mosul front: IS-held Mosul, axes of advance, dated front lines, Kirkuk distance."""

    _template = _GROUP_CALL
    function = "frontLayer"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="FrontLayer")


class Basemap(_MapCall):
    """Offline basemap: country and governorate outlines with labels (no tiles)."""

    _template = _MAP_CALL
    function = "basemap"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="Basemap")


class TimeSlider(_MapCall):
    """One date slider for every layer (events up to the chosen date; undated always shown)."""

    _template = _MAP_CALL
    function = "slider"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="TimeSlider")


class Legend(_MapCall):
    """The legend control."""

    _template = _MAP_CALL
    function = "legend"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="Legend")


class TitleBox(_MapCall):
    """The map's title box (text only)."""

    _template = _MAP_CALL
    function = "title"

    def __init__(self, *, spec: Mapping[str, JSON]) -> None:
        super().__init__(spec=spec, name="TitleBox")


class LayersControl(_Macro):
    """Overlay toggles, in the order given, labelled with caller-escaped HTML.

    Parameters
    ----------
    entries : sequence of (str, str, Element)
        Group heading (plain text), label (HTML, already escaped) and the layer element
        it toggles (a FeatureGroup or an :class:`OnlineTiles`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = mapperKit.layers({{ this._parent.get_name() }}, {
                "collapsed": {{ this.collapsed|tojson }},
                "entries": [
                {%- for group, label, layer in this.entries %}
                    {"label": {{ label|tojson }}, "group": {{ group|tojson }},
                     "layer": {{ layer.get_name() }}},
                {%- endfor %}
                ]
            });
        {% endmacro %}
        """
    )

    def __init__(self, *, entries: Sequence[tuple[str, str, Any]], collapsed: bool = False) -> None:
        super().__init__()
        self._name = "LayersControl"
        self.entries = list(entries)
        self.collapsed = collapsed


class OnlineTiles(_Macro):
    """OpenStreetMap tiles, added only when the browser says it is online.

    Offline, nothing is requested; when tiles fail to load they are removed, so the
    offline basemap underneath stays visible.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = mapperKit.tiles({{ this._parent.get_name() }},
                {{ this.spec|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, *, url: str, attribution: str) -> None:
        super().__init__()
        self._name = "OnlineTiles"
        self.spec = {"url": url, "attribution": attribution}
