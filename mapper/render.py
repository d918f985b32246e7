"""The interactive map: folium, offline by default, deterministic, safe with hostile text.

:func:`build_map` turns the incidents GeoDataFrame into a :class:`folium.Map` with one
overlay per theme, the Mosul front (bundled timeline merged with the input's
territorial changes), an offline basemap of governorate outlines, a legend and one
date slider for every layer. :func:`write_map` writes it as one self-contained HTML
file; :func:`write_embed` writes an HTML fragment to paste into a page.

Every JS/CSS asset is inlined from packages installed at set-up (see
:mod:`mapper.assets`), so the map opens with no network. Element ids are derived from
the content, floats are rounded and JSON keys sorted, so the same input gives a
byte-identical file. Text from articles is handed to the page as JSON and inserted
with ``textContent`` only (see :mod:`mapper._elements`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import itertools
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element, Figure

from mapper import assets
from mapper._atomic import atomic_write_text
from mapper._elements import (
    Basemap,
    FrontLayer,
    HeatLayer,
    IncidentLayer,
    InlineAssets,
    LayersControl,
    Legend,
    MapKit,
    OnlineTiles,
    TimeSlider,
    TitleBox,
    _Raw,
)
from mapper.errors import GazetteerError, InputError
from mapper.front import KIRKUK, MOSUL, FrontPosition, axes_from, front_positions, lines_from
from mapper.layers import OTHER, Theme, default_themes

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = [
    "CLUSTER_THRESHOLD",
    "EVENT_STYLES",
    "build_map",
    "content_security_policy",
    "map_html",
    "safe_url",
    "write_embed",
    "write_map",
]

log = logging.getLogger(__name__)

#: Above this many incidents, markers cluster and a heat layer is switched on.
CLUSTER_THRESHOLD = 200

#: Fill colour and symbol for each ACLED event type ("" = anything else).
EVENT_STYLES: dict[str, tuple[str, str]] = {
    "Battles": ("#7b3294", "\u2694"),
    "Explosions/Remote violence": ("#e66101", "\u2738"),
    "Violence against civilians": ("#1b1b1b", "\u2620"),
    "Protests": ("#1a9850", "\u2691"),
    "Riots": ("#c79a00", "\u26a1"),
    "Strategic developments": ("#35978f", "\u2666"),
    "": ("#6b6b6b", "\u2022"),
}

#: How many of the largest cities the offline basemap names.
CITY_LABELS = 20

#: Radius of the uncertainty circle for ACLED geo_precision 2 and 3, in metres.
PRECISION_RADIUS_M: dict[int, int] = {2: 5_000, 3: 25_000}

#: Colours of the forces on the Mosul front, in the order forces are first met.
FORCE_COLOURS: tuple[str, ...] = (
    "#1f5fa8",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#e377c2",
    "#7f7f7f",
)

FRONT_LABEL = (
    '<span class="mk-swatch" style="border-color:#1f5fa8;background:#1f5fa8"></span>'
    "Mosul offensive 2016\u201317: front lines, axes, distance to Kirkuk"
)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "\u00a9 OpenStreetMap contributors"

#: Stands in the header for the Content-Security-Policy, filled in by :func:`map_html`.
CSP_MARKER = "<!-- mapper: content security policy -->"
_TILE_ORIGIN = f"{urlsplit(OSM_TILES).scheme}://{urlsplit(OSM_TILES).netloc}"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(page: str) -> str:
    """Return the CSP ``<meta>`` for an offline page: its own scripts run, nothing else.

    Only the inline scripts the page was rendered with may run (listed by SHA-256), so
    an injected ``<script>`` or ``onerror=`` would be refused even if escaping failed;
    nothing may be loaded but ``data:`` images and the optional map tiles.
    """
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
            + "'"
            for m in _INLINE_SCRIPT.finditer(page)
        }
    )
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + (" ".join(hashes) or "'none'"),
            "style-src 'unsafe-inline'",
            f"img-src data: {_TILE_ORIGIN}",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


IRAQ_BOUNDS = ((29.06, 38.79), (37.38, 48.57))  # (south, west), (north, east)
FRONT_PERIOD = (dt.date(2016, 10, 1), dt.date(2017, 7, 31))
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
_REQUIRED = ("incident_id", "event_type")


# --------------------------------------------------------------------------- helpers


def safe_url(value: object) -> str | None:
    """Return ``value`` if it is an absolute ``http(s)`` URL, else None.

    Examples
    --------
    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None, safe_url(" JaVaScRiPt:x") is None
    (True, True)
    >>> safe_url("data:text/html,x") is None, safe_url(None) is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(ord(c) < 33 or ord(c) == 127 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return text


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _str(value: object) -> str | None:
    if type(value) is str:
        return value or None
    if _missing(value):
        return None
    text = str(value)
    return text if text else None


def _int(value: object) -> int | None:
    if type(value) is int:
        return value
    if _missing(value):
        return None
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def _float(value: object) -> float | None:
    if _missing(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _strings(value: object) -> list[str]:
    if _missing(value):
        return []
    if isinstance(value, str):
        return [s.strip() for s in value.split(";") if s.strip()]
    if isinstance(value, Iterable):
        return [str(v) for v in value if not _missing(v) and str(v)]
    return [str(value)]


def _colour(value: str, *, fallback: str = "#444444") -> str:
    return value if _COLOUR.match(value) else fallback


def _iso_date(value: object) -> str | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _marker_px(fatalities: int) -> int:
    """Marker diameter in pixels: grows with the square root of fatalities."""
    return int(min(48, round(16 + 3 * math.sqrt(max(0, fatalities)))))


def _single_spaced(text: str) -> bool:
    """Return whether ``" ".join(text.split())`` would give ``text`` back, cheaply.

    A printable string holds no whitespace but the ASCII space (every other kind is a
    control or separator character), so it is its own join when no space doubles,
    leads or trails. Any other string may not be: the caller then joins it.

    Examples
    --------
    >>> _single_spaced("two words"), _single_spaced("two  words"), _single_spaced(" lead")
    (True, False, False)
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _evidence(value: object) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    if type(value) is not list and (
        _missing(value) or isinstance(value, str | bytes) or not isinstance(value, Iterable)
    ):
        return out
    for item in value:
        if isinstance(item, dict) or isinstance(item, Mapping):  # the first test is quicker
            quote = _str(item.get("quote")) or ""
            article = _str(item.get("article_id")) or ""
            field = _str(item.get("field")) or ""
            url = safe_url(item.get("url"))
        else:
            quote = _str(getattr(item, "quote", None)) or ""
            article = _str(getattr(item, "article_id", None)) or ""
            field = _str(getattr(item, "field", None)) or ""
            url = None
        if not _single_spaced(quote):
            quote = " ".join(quote.split())
        if not quote or (article, quote) in seen:
            continue
        seen.add((article, quote))
        entry = {"a": article, "f": field, "q": quote[:600]}
        if url:
            entry["u"] = url
        out.append(entry)
    return out


# --------------------------------------------------------------------------- data prep


def _check(incidents: gpd.GeoDataFrame) -> None:
    if not isinstance(incidents, pd.DataFrame):
        raise InputError(f"expected the incidents GeoDataFrame, got {type(incidents).__name__}")
    missing = [c for c in _REQUIRED if c not in incidents.columns]
    if missing:
        raise InputError(
            f"incidents table lacks column(s) {', '.join(missing)} "
            "(build it with mapper.incidents.to_geodataframe)"
        )


def _coords(row: Mapping[str, Any], geometry: object) -> tuple[float, float] | None:
    lat = _float(row.get("latitude"))
    lon = _float(row.get("longitude"))
    if (lat is None or lon is None) and geometry is not None and not _missing(geometry):
        if getattr(geometry, "geom_type", "") == "Point" and not geometry.is_empty:  # type: ignore[attr-defined]
            lon, lat = float(geometry.x), float(geometry.y)  # type: ignore[attr-defined]
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(lat, 4), round(lon, 4)


_RECORD_COLUMNS = (
    "incident_id", "location", "admin1", "admin2", "event_date", "date_start", "date_end",
    "time_precision", "date_inferred", "event_type", "sub_event_type", "actor1", "actor2",
    "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "wounded",
    "sources", "evidence", "claim_status", "notes", "geo_precision", "where_prec", "layer",
    "latitude", "longitude",
)  # fmt: skip


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    if name not in frame.columns:
        return [None] * len(frame)
    values: list[Any] = frame[name].to_numpy(dtype=object, na_value=None).tolist()
    return values


def _records(incidents: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One compact, JSON-ready dict per drawable incident, sorted by date and id."""
    geometries: list[object]
    if isinstance(incidents, gpd.GeoDataFrame) and incidents.geometry.name in incidents:
        geometries = incidents.geometry.tolist()
    else:
        geometries = [None] * len(incidents)
    columns = {name: _column(incidents, name) for name in _RECORD_COLUMNS}
    rows = ({name: columns[name][i] for name in _RECORD_COLUMNS} for i in range(len(incidents)))
    out: list[dict[str, Any]] = []
    skipped = 0
    for row, geometry in zip(rows, geometries, strict=True):
        point = _coords(row, geometry)
        if point is None:
            skipped += 1
            continue
        fatalities = _int(row.get("fatalities")) or 0
        geo_precision = _int(row.get("geo_precision")) or 1
        where_prec = _int(row.get("where_prec")) or 0
        radius = PRECISION_RADIUS_M.get(geo_precision, 0)
        if geo_precision >= 3 and where_prec >= 4:
            radius = 40_000
        out.append(
            {
                "id": _str(row.get("incident_id")) or "",
                "loc": _str(row.get("location")) or "unnamed place",
                "a1": _str(row.get("admin1")),
                "a2": _str(row.get("admin2")),
                "date": _iso_date(row.get("event_date")),
                "ds": _iso_date(row.get("date_start")),
                "de": _iso_date(row.get("date_end")),
                "tp": _int(row.get("time_precision")),
                "inf": bool(row.get("date_inferred"))
                if not _missing(row.get("date_inferred"))
                else False,
                "et": _str(row.get("event_type")) or "",
                "st": _str(row.get("sub_event_type")) or "",
                "act1": _str(row.get("actor1")),
                "act2": _str(row.get("actor2")),
                "f": fatalities,
                "fl": _int(row.get("fatalities_low")),
                "fb": _int(row.get("fatalities_best")),
                "fh": _int(row.get("fatalities_high")),
                "w": _int(row.get("wounded")),
                "src": _strings(row.get("sources")),
                "ev": _evidence(row.get("evidence")),
                "cs": _str(row.get("claim_status")) or "reported",
                "n": _str(row.get("notes")),
                "gp": geo_precision,
                "lat": point[0],
                "lon": point[1],
                "px": _marker_px(fatalities),
                "r": radius,
                "layer": _str(row.get("layer")) or OTHER,
            }
        )
    if skipped:
        log.warning("%d incident(s) without valid coordinates were left off the map", skipped)
    out.sort(key=lambda d: (d["ds"] or d["date"] or "9999", d["id"], d["lat"], d["lon"]))
    return out


def _compact(record: Mapping[str, Any]) -> dict[str, Any]:
    """Drop empty values (the page treats a missing key as empty) and the layer name."""
    return {
        k: v
        for k, v in record.items()
        if k != "layer" and v is not None and v is not False and v != "" and v != []
    }


def _themes_for(records: list[dict[str, Any]], themes: Sequence[Theme] | None) -> list[Theme]:
    chosen = list(themes) if themes is not None else list(default_themes())
    names = {t.name for t in chosen}
    if OTHER not in names:
        chosen.append(Theme(name=OTHER, title="Other incidents", colour="#6b6b6b"))
        names.add(OTHER)
    for record in records:
        if record["layer"] not in names:
            record["layer"] = OTHER
    return chosen


def _event_styles() -> dict[str, dict[str, str]]:
    return {k: {"colour": c, "glyph": g} for k, (c, g) in EVENT_STYLES.items()}


def _start(record: Mapping[str, Any]) -> str | None:
    value = record["ds"] or record["date"]
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------- basemap


def _round_geojson(geometry: object, *, tolerance: float) -> dict[str, Any] | None:
    if geometry is None or _missing(geometry):
        return None
    geom = shapely.simplify(geometry, tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 0.001)
    if geom.is_empty:
        return None
    mapping: dict[str, Any] = _rounded(shapely.geometry.mapping(geom))
    return mapping


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _basemap_spec(gazetteer: Gazetteer | None) -> dict[str, Any] | None:
    if gazetteer is None:
        try:
            from mapper.gazetteer import Gazetteer
        except ImportError:
            return None
        try:
            gazetteer = Gazetteer.default()
        except (GazetteerError, OSError) as exc:
            log.warning("offline basemap left out: %s", exc)
            return None
    try:
        provinces = gazetteer.governorates()
        country = gazetteer.country()
    except (GazetteerError, OSError, AttributeError) as exc:
        log.warning("offline basemap left out: %s", exc)
        return None
    features: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    provinces = provinces.sort_values("name", kind="stable")
    for name, geometry in zip(provinces["name"], provinces.geometry, strict=True):
        shape = _round_geojson(geometry, tolerance=0.01)
        if shape is None:
            continue
        features.append({"type": "Feature", "properties": {"name": str(name)}, "geometry": shape})
        point = geometry.representative_point()
        labels.append({"text": str(name), "lat": round(point.y, 3), "lon": round(point.x, 3)})
    country_shape = _round_geojson(country, tolerance=0.005)
    return {
        "country": country_shape,
        "governorates": {"type": "FeatureCollection", "features": features},
        "labels": labels,
        "cities": _cities(gazetteer),
    }


def _cities(gazetteer: object, *, limit: int = CITY_LABELS) -> list[dict[str, Any]]:
    """Return the largest cities of the gazetteer (name, lat, lon), for orientation."""
    try:
        places = [
            p
            for p in gazetteer  # type: ignore[attr-defined]
            if getattr(p, "feature_type", None) in {"city", "town"}
        ]
    except (TypeError, GazetteerError, OSError):
        return []
    places.sort(key=lambda p: (-int(getattr(p, "population", 0) or 0), str(p.name)))
    return [
        {"text": str(p.name), "lat": round(float(p.lat), 3), "lon": round(float(p.lon), 3)}
        for p in places[:limit]
    ]


# --------------------------------------------------------------------------- front


def _front_spec(
    positions: Sequence[FrontPosition], records: list[dict[str, Any]], primary: str | None
) -> dict[str, Any]:
    forces = list(dict.fromkeys(p.force for p in positions))
    colours = {f: FORCE_COLOURS[i % len(FORCE_COLOURS)] for i, f in enumerate(forces)}
    lines = lines_from(positions)
    fronts = []
    for row, geometry in zip(lines.to_dict("records"), lines.geometry, strict=True):
        coords = [[round(y, 4), round(x, 4)] for x, y in geometry.coords]
        fronts.append(
            {
                "date": row["date"],
                "coords": coords,
                "km": row["distance_kirkuk_km"],
                "near": [row["nearest_lat"], row["nearest_lon"]],
                "label": (
                    f"Front on {row['date']}: {row['distance_kirkuk_km']} km from Kirkuk. "
                    f"Positions: {row['places']}. Sources: {row['sources']}"
                ),
            }
        )
    axes = []
    by_force: dict[str, list[Any]] = {}
    for p in positions:
        by_force.setdefault(p.force, []).append(p)
    axes_frame = axes_from(positions)
    for row in axes_frame.to_dict("records"):
        steps = by_force[row["force"]]
        coords = [[round(p.lat, 4), round(p.lon, 4)] for p in steps]
        (lat1, lon1), (lat2, lon2) = coords[-2], coords[-1]
        angle = math.degrees(math.atan2((lon2 - lon1) * math.cos(math.radians(lat2)), lat2 - lat1))
        axes.append(
            {
                "force": row["force"],
                "coords": coords,
                "dates": [p.date.isoformat() for p in steps],
                "ds": row["date_start"],
                "angle": round(angle, 1),
                "label": f"{row['force']} ({row['date_start']} to {row['date_end']}): "
                f"{row['places']}",
            }
        )
    focus: str | None = None
    if fronts:
        focus = fronts[-1]["date"]
        dated = sorted(
            d
            for r in records
            if (d := _start(r))
            and (primary is None or r["layer"] == primary)
            and FRONT_PERIOD[0].isoformat() <= d <= FRONT_PERIOD[1].isoformat()
        )
        if dated:
            before = [f["date"] for f in fronts if f["date"] <= dated[0]]
            focus = before[-1] if before else fronts[0]["date"]
    return {
        "mosul": {
            "lat": MOSUL.lat,
            "lon": MOSUL.lon,
            "radius": 9000,
            "label": "Mosul (IS-held at the start)",
            "note": "Mosul was held by Islamic State from June 2014; the offensive to retake "
            "it ran from 17 October 2016 to 10 July 2017.",
            "until": positions[-1].date.isoformat() if positions else None,
        },
        "kirkuk": {"lat": KIRKUK.lat, "lon": KIRKUK.lon, "name": KIRKUK.name},
        "forces": [{"force": f, "colour": colours[f]} for f in forces],
        "axes": axes,
        "fronts": fronts,
        "focus": focus,
        "positions": [
            {
                "date": p.date.isoformat(),
                "place": p.place,
                "lat": round(p.lat, 4),
                "lon": round(p.lon, 4),
                "force": p.force,
                "event": p.event,
                "source": p.source,
            }
            for p in positions
        ],
    }


# --------------------------------------------------------------------------- build


def _label(theme: Theme, count: int) -> str:
    """Layer-control label: Leaflet inserts it as HTML, so everything is escaped here."""
    swatch = f'<span class="mk-swatch" style="border-color:{_colour(theme.colour)}"></span>'
    return f"{swatch}{html.escape(theme.title)} ({count})"


def _fingerprint(records: list[dict[str, Any]], *, extra: str) -> str:
    digest = hashlib.sha256(extra.encode("utf-8"))
    for r in records:
        digest.update(f"{r['id']}|{r['lat']}|{r['lon']}|{r['layer']}\n".encode())
    return digest.hexdigest()[:8]


def _stable_ids(root: Element, *, prefix: str) -> None:
    """Replace folium's random element ids with ids from the content and tree order."""
    counter = itertools.count()

    def walk(element: Element) -> None:
        element._id = f"{prefix}{next(counter):04d}"
        for child in list(element._children.values()):
            walk(child)

    walk(root)


def _bounds(records: list[dict[str, Any]], *, front: bool) -> list[list[float]]:
    lats = [r["lat"] for r in records]
    lons = [r["lon"] for r in records]
    if front:
        lats += [KIRKUK.lat, MOSUL.lat + 0.3, MOSUL.lat - 0.5]
        lons += [KIRKUK.lon, MOSUL.lon - 0.4, MOSUL.lon + 0.5]
    if not lats:
        (s, w), (n, e) = IRAQ_BOUNDS
        return [[s, w], [n, e]]
    pad = 0.05
    return [
        [round(min(lats) - pad, 4), round(min(lons) - pad, 4)],
        [round(max(lats) + pad, 4), round(max(lons) + pad, 4)],
    ]


def _subtitle(records: list[dict[str, Any]]) -> str:
    dates = sorted(d for r in records if (d := _start(r)))
    n = len(records)
    text = f"{n} incident{'s' if n != 1 else ''}"
    if dates:
        text += f", {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", {dates[0]}"
    undated = n - len(dates)
    if undated:
        text += f" ({undated} undated)"
    return text


def build_map(
    incidents: gpd.GeoDataFrame,
    *,
    themes: Sequence[Theme] | None = None,
    offline: bool = True,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> folium.Map:
    """Build the interactive incident map.

    Parameters
    ----------
    incidents : GeoDataFrame
        The incidents (``mapper.incidents.to_geodataframe``); each row's ``layer``
        names its theme (unknown names go to ``other``).
    themes : sequence of Theme, optional
        Layers in display order; default :func:`mapper.layers.default_themes`.
    offline : bool
        Inline every JS/CSS asset (default); ``False`` links them from CDNs instead.
    title : str, optional
        Shown in the title box and the page title (escaped).
    gazetteer : Gazetteer, optional
        Source of the governorate outlines of the offline basemap; the default
        gazetteer when omitted, no basemap when none is available.

    Returns
    -------
    folium.Map
        With deterministic element ids; render it with :func:`map_html`.

    Raises
    ------
    InputError
        When ``incidents`` is not an incidents table.
    AssetError
        When ``offline`` and an asset package is not installed.
    """
    _check(incidents)
    records = _records(incidents)
    chosen = _themes_for(records, themes)
    many = len(records) > CLUSTER_THRESHOLD
    dated = [d for r in records if (d := _start(r))]
    show_front = not dated or any(
        FRONT_PERIOD[0].isoformat() <= d <= FRONT_PERIOD[1].isoformat() for d in dated
    )
    heading = title or "Incidents in Iraq"

    fmap = folium.Map(
        location=[33.3, 43.7],
        zoom_start=6,
        tiles=None,
        max_zoom=18,
        min_zoom=4,
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
    )
    # folium gives max_zoom to the tile layer only; MarkerCluster needs it on the map
    fmap.options["maxZoom"] = 18
    fmap.options["minZoom"] = 4
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    if isinstance(figure, Figure):
        figure.title = html.escape(heading)
        if offline:
            figure.header.add_child(_Raw(CSP_MARKER), name="mapper_csp")

    bundles = ["leaflet"] + (["cluster", "heat"] if many else [])
    needed = assets.assets_for(bundles)
    if offline:
        fmap.add_child(
            InlineAssets(
                styles=[assets.asset_text(a.name) for a in needed if a.kind == "css"],
                scripts=[assets.asset_text(a.name) for a in needed if a.kind == "js"],
            )
        )
    else:
        fmap.add_child(
            InlineAssets(
                css_links=[a.cdn for a in needed if a.kind == "css"],
                js_links=[a.cdn for a in needed if a.kind == "js"],
            )
        )
    fmap.add_child(MapKit())

    basemap = _basemap_spec(gazetteer)
    if basemap is not None:
        fmap.add_child(Basemap(spec=basemap))
    tiles = OnlineTiles(url=OSM_TILES, attribution=OSM_ATTRIBUTION)
    fmap.add_child(tiles)

    styles = _event_styles()
    entries: list[tuple[str, str, Any]] = []
    primary = next((t.name for t in chosen if t.name != OTHER), None)
    front_group = folium.FeatureGroup(name="Mosul front", control=False, show=show_front)
    positions = front_positions(incidents)
    front_spec = _front_spec(positions, records, primary)
    front_group.add_child(FrontLayer(spec=front_spec))
    for theme in chosen:
        members = [r for r in records if r["layer"] == theme.name]
        group = folium.FeatureGroup(name=theme.title, control=False, show=True)
        group.add_child(
            IncidentLayer(
                spec={
                    "name": theme.name,
                    "title": theme.title,
                    "colour": _colour(theme.colour),
                    "cluster": many,
                    "styles": styles,
                    "data": [_compact(r) for r in members],
                }
            )
        )
        fmap.add_child(group)
        entries.append(("Incidents", _label(theme, len(members)), group))
    fmap.add_child(front_group)
    entries.append(("Context", FRONT_LABEL, front_group))
    if many:
        heat = folium.FeatureGroup(name="Heat map", control=False, show=True)
        heat.add_child(
            HeatLayer(
                spec={
                    "points": [
                        [r["lat"], r["lon"], round(1 + math.log1p(r["f"]), 3), _start(r)]
                        for r in records
                    ]
                }
            )
        )
        fmap.add_child(heat)
        entries.append(("Context", "Heat map (weighted by fatalities)", heat))
    entries.append(("Basemap", "OpenStreetMap tiles (needs a connection)", tiles))
    fmap.add_child(LayersControl(entries=entries, collapsed=False))

    front_dates = {p.date.isoformat() for p in positions} if show_front else set()
    dates = sorted(set(dated) | front_dates)
    fmap.add_child(
        TimeSlider(
            spec={
                "dates": dates,
                "note": "Shows events up to the chosen date; undated incidents always shown.",
            }
        )
    )
    present = sorted({r["et"] for r in records if r["et"] in EVENT_STYLES and r["et"]})
    fmap.add_child(
        Legend(
            spec={
                "types": [
                    {"name": t, "colour": EVENT_STYLES[t][0], "glyph": EVENT_STYLES[t][1]}
                    for t in (present or [k for k in EVENT_STYLES if k])
                ],
                "themes": [{"title": t.title, "colour": _colour(t.colour)} for t in chosen],
                "sizes": [{"px": _marker_px(n), "label": f"{n} killed"} for n in (1, 10, 50)],
                "front": True,
                "frontNote": _front_note(front_spec, chosen, primary),
                "note": "Click a marker for sources and the quoted evidence.",
            }
        )
    )
    fmap.add_child(TitleBox(spec={"title": heading, "subtitle": _subtitle(records)}))
    # keep the incidents clear of the title (top), the legend (right) and the slider (left)
    fmap.fit_bounds(
        _bounds(records, front=show_front),
        padding_top_left=(60, 90),
        padding_bottom_right=(280, 40),
    )
    _stable_ids(
        fmap.get_root(),
        prefix=_fingerprint(records, extra=f"{heading}|{offline}|{[t.name for t in chosen]}"),
    )
    return fmap


def _front_note(spec: Mapping[str, Any], themes: Sequence[Theme], primary: str | None) -> str:
    focus = spec.get("focus")
    text = "front line at the selected date"
    if not focus:
        return text
    title = next((t.title for t in themes if t.name == primary), None)
    last = spec["fronts"][-1]["date"] if spec.get("fronts") else None
    if title and focus != last:
        return (
            f"{text}; with all dates shown, the front of {focus}, "
            f"before the first incident of {title}"
        )
    return f"{text}; with all dates shown, the front of {focus}"


# --------------------------------------------------------------------------- output


def map_html(fmap: folium.Map) -> str:
    """Render a map built by :func:`build_map` as one HTML document."""
    root = fmap.get_root()
    text: str = root.render()
    return _page(text)


def _page(text: str) -> str:
    if CSP_MARKER in text:
        text = text.replace(CSP_MARKER, content_security_policy(text), 1)
    return text.rstrip() + "\n"


def _figure(fmap: folium.Map) -> Figure:
    root = fmap.get_root()
    if not isinstance(root, Figure):
        raise InputError("the map is not inside a folium Figure")
    return root


def _embed_html(fmap: folium.Map) -> str:
    root = _figure(fmap)
    for child in list(root._children.values()):
        child.render()
    return _fragment(fmap)


def _fragment(fmap: folium.Map) -> str:
    """Return the embeddable fragment of a map whose elements are rendered."""
    root = _figure(fmap)
    header = "\n".join(
        element.render()
        for name, element in root.header._children.items()
        if name not in {fmap.get_name(), "meta_http", "mapper_csp"}
    )
    body = root.html.render()
    script = root.script.render()
    name = fmap.get_name()
    return (
        f'<div class="mapper-embed" style="position:relative;width:100%;height:640px;">\n'
        f"<style>#{name} {{position:absolute;top:0;bottom:0;left:0;right:0;}}</style>\n"
        f"{header}\n{body}\n</div>\n<script>\n{script}\n</script>\n"
    )


def _page_and_fragment(fmap: folium.Map) -> tuple[str, str]:
    """Return :func:`map_html` and the embed fragment of one map, rendering it once.

    Rendering a folium map is not idempotent (a second pass adds the layers'
    ``addTo`` calls again), so both texts come from one pass over the elements:
    what ``Figure.render`` does, split in two.
    """
    root = _figure(fmap)
    for child in list(root._children.values()):
        child.render()
    page = _page(root._template.render(this=root, kwargs={}))
    return page, _fragment(fmap)


def write_map(
    incidents: gpd.GeoDataFrame,
    path: str | Path,
    *,
    themes: Sequence[Theme] | None = None,
    offline: bool = True,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    embed_path: str | Path | None = None,
) -> Path:
    """Write the map as one HTML file, atomically; the same input gives the same bytes.

    Parameters are those of :func:`build_map`; returns ``path``. With ``embed_path``,
    the fragment of :func:`write_embed` is written there too, from the same map
    (built once; both files are byte-identical to those written one at a time).
    """
    fmap = build_map(incidents, themes=themes, offline=offline, title=title, gazetteer=gazetteer)
    if embed_path is None:
        return atomic_write_text(path, map_html(fmap))
    page, fragment = _page_and_fragment(fmap)
    del fmap
    atomic_write_text(path, page)
    del page
    atomic_write_text(embed_path, fragment)
    return Path(path)


def write_embed(
    incidents: gpd.GeoDataFrame,
    path: str | Path,
    *,
    themes: Sequence[Theme] | None = None,
    offline: bool = True,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Path:
    """Write an HTML fragment (a ``<div>`` with its styles and scripts) to paste into a page.

    The fragment has no ``<html>``, ``<head>`` or ``<body>`` and sets no page-wide
    styles; the map is 640 px high and as wide as its container.
    """
    fmap = build_map(incidents, themes=themes, offline=offline, title=title, gazetteer=gazetteer)
    return atomic_write_text(path, _embed_html(fmap))
