"""Static PNG / SVG maps of the incidents, for reports.

Drawn with matplotlib (Agg, no pyplot state) through geopandas: governorate outlines
and names from the gazetteer, incidents coloured by map layer, shaped by event type,
sized by fatalities and labelled with place and date (labels placed so that they do
not overlap each other, the markers or the map furniture), a legend beside the map, a
scale bar measured geodesically at the map's latitude, and a north arrow. The same
input gives a byte-identical SVG.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.patheffects import AbstractPathEffect, withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox
from pyproj import Geod

from mapper._atomic import atomic_path
from mapper.errors import ExportError, GazetteerError
from mapper.incidents import CRS
from mapper.layers import OTHER, Theme, default_themes

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = ["IMAGE_SUFFIXES", "write_image", "write_images"]

#: File suffixes :func:`write_image` understands.
IMAGE_SUFFIXES: tuple[str, ...] = (".png", ".svg")

#: Iraq's extent (min lon, min lat, max lon, max lat), the view of an empty map.
IRAQ_BOUNDS = (38.79, 29.06, 48.57, 37.38)

#: At most this many incidents get a text label (the deadliest first).
MAX_LABELS = 40

_GEOD = Geod(ellps="WGS84")
_FIGSIZE = (11.0, 8.0)
_MAP_RECT = (0.04, 0.06, 0.68, 0.84)  # left, bottom, width, height (figure fraction)
_HALO: list[AbstractPathEffect] = [withStroke(linewidth=2.6, foreground="white")]
_MARKERS = {
    "Battles": "o",
    "Explosions/Remote violence": "^",
    "Violence against civilians": "s",
    "Strategic developments": "D",
    "Protests": "P",
    "Riots": "X",
}
_OTHER_MARKER = "o"
_RC: dict[str, Any] = {
    "svg.hashsalt": "mapper",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "path.simplify": True,
}


class _Canvas(FigureCanvasAgg):
    """Agg canvas that ignores idle redraws (geopandas asks for one after every layer)."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        """Do nothing: the figure is drawn once, when it is saved."""


@dataclass(frozen=True, slots=True)
class _Drawn:
    """What a render placed, for tests: label boxes and the scale bar."""

    labels: tuple[tuple[str, Bbox], ...]
    unlabelled: int
    scale_km: float
    scale_deg: float
    governorates: int
    inset: bool


# --------------------------------------------------------------------------- geometry


def scale_length(*, min_lon: float, max_lon: float, lat: float) -> tuple[float, float]:
    """Return a round scale-bar length (km) near a fifth of the map's width, and its degrees.

    The width is the geodesic distance along the parallel ``lat``; the returned
    degrees of longitude cover the bar's length at that latitude.

    Examples
    --------
    >>> km, deg = scale_length(min_lon=43.0, max_lon=45.0, lat=35.5)
    >>> km, round(deg, 3)
    (30.0, 0.331)
    """
    centre = (min_lon + max_lon) / 2
    width_m = float(_GEOD.line_length([min_lon, max_lon], [lat, lat]))
    target = max(width_m / 1000 / 5, 0.001)
    magnitude = 10 ** math.floor(math.log10(target))
    km = max(n * magnitude for n in (1, 2, 3, 5) if n * magnitude <= target)
    km = float(round(km, 6))
    lon1, _, _ = _GEOD.fwd(centre, lat, 90.0, km * 1000)
    return km, float(lon1) - centre


def _view(
    incidents: gpd.GeoDataFrame, *, country: object | None, ratio: float
) -> tuple[float, float, float, float]:
    """Return (min lon, min lat, max lon, max lat) of the map, fitted to ``ratio``.

    ``ratio`` is the width / height of the map axes; the view is widened in one
    direction so that, at the view's latitude, the map fills the axes.
    """
    bounds = [float(v) for v in incidents.total_bounds] if len(incidents) else []
    if bounds and all(math.isfinite(v) for v in bounds):
        min_lon, min_lat, max_lon, max_lat = bounds
        pad_lon = max(0.3, 0.15 * (max_lon - min_lon))
        pad_lat = max(0.3, 0.15 * (max_lat - min_lat))
        min_lon, max_lon = min_lon - pad_lon, max_lon + pad_lon
        min_lat, max_lat = min_lat - pad_lat, max_lat + pad_lat
    elif country is not None and hasattr(country, "bounds"):
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in country.bounds)
        min_lon, min_lat, max_lon, max_lat = (
            min_lon - 0.2,
            min_lat - 0.2,
            max_lon + 0.2,
            max_lat + 0.2,
        )
    else:
        min_lon, min_lat, max_lon, max_lat = IRAQ_BOUNDS
    lat0 = (min_lat + max_lat) / 2
    cos = math.cos(math.radians(lat0))
    width = (max_lon - min_lon) * cos
    height = max_lat - min_lat
    if width / height < ratio:
        extra = (ratio * height / cos - (max_lon - min_lon)) / 2
        min_lon, max_lon = min_lon - extra, max_lon + extra
    else:
        extra = (width / ratio - height) / 2
        min_lat, max_lat = min_lat - extra, max_lat + extra
    return min_lon, min_lat, max_lon, max_lat


# --------------------------------------------------------------------------- basemap


def _basemap(
    gazetteer: Gazetteer | None,
) -> tuple[gpd.GeoDataFrame | None, object | None, str]:
    """Return (governorates, country outline, credit) or Nones when unavailable."""
    if gazetteer is None:
        try:
            from mapper.gazetteer import Gazetteer as _Gazetteer
        except ImportError:
            return None, None, ""
        try:
            gazetteer = _Gazetteer.default()
        except (GazetteerError, OSError):
            return None, None, ""
    try:
        governorates = gazetteer.governorates()
        country = gazetteer.country()
    except (GazetteerError, OSError, AttributeError):
        return None, None, ""
    if governorates is not None and len(governorates):
        if governorates.crs is None:
            governorates = governorates.set_crs(CRS)
        elif governorates.crs.to_epsg() != 4326:
            governorates = governorates.to_crs(CRS)
    credit = str(getattr(gazetteer, "boundary_source", "") or "mapper gazetteer")
    return governorates, country, credit


def _draw_basemap(
    ax: Axes,
    *,
    governorates: gpd.GeoDataFrame | None,
    country: object | None,
) -> None:
    ax.set_facecolor("#e9eef2")
    if country is not None:
        outline = gpd.GeoSeries([country], crs=CRS)
        outline.plot(ax=ax, facecolor="#fbfaf6", edgecolor="none", zorder=1)
    if governorates is not None and len(governorates):
        if country is None:
            governorates.plot(ax=ax, facecolor="#fbfaf6", edgecolor="none", zorder=1)
        governorates.boundary.plot(ax=ax, color="#a3a3a3", linewidth=0.6, zorder=2)
    if country is not None:
        gpd.GeoSeries([country], crs=CRS).boundary.plot(
            ax=ax, color="#4d4d4d", linewidth=1.1, zorder=3
        )


# --------------------------------------------------------------------------- incidents


def _themes_by_name(themes: Sequence[Theme]) -> dict[str, Theme]:
    out = {t.name: t for t in themes}
    if OTHER not in out:
        out[OTHER] = Theme(name=OTHER, title="Other incidents", colour="#6b6b6b")
    return out


def _size(fatalities: object) -> float:
    """Marker area (points²) for a number killed: grows with its square root."""
    killed = 0 if fatalities is None or pd.isna(fatalities) else max(int(str(fatalities)), 0)
    return 28.0 + 14.0 * math.sqrt(min(killed, 1000))


def _label_text(location: object, event_date: object) -> str:
    place = "" if location is None or pd.isna(location) else str(location)
    if event_date is None or pd.isna(event_date):
        return f"{place}\n(date unknown)"
    try:
        day = dt.date.fromisoformat(str(event_date)[:10])
    except ValueError:
        return f"{place}\n{event_date}"
    return f"{place}\n{day.day} {day:%b %Y}"


def _hollow(claim_status: object) -> bool:
    return str(claim_status) in {"claimed", "unconfirmed"}


@dataclass(frozen=True, slots=True)
class _Mark:
    """One drawn incident marker."""

    row: int
    lon: float
    lat: float
    radius: float  # points


#: Incidents at one spot are drawn side by side when the map has at most this many.
MAX_SPREAD = 500


def _spread(marks: Sequence[_Mark], *, deg_per_pt: tuple[float, float]) -> list[_Mark]:
    """Move markers that share a spot onto a small ring around it, deadliest on top.

    Geocoding often puts several incidents on one place's point; drawn there they
    would hide each other.
    """
    spots: dict[tuple[float, float], list[int]] = {}
    for index, mark in enumerate(marks):
        spots.setdefault((round(mark.lon, 3), round(mark.lat, 3)), []).append(index)
    out = list(marks)
    for members in spots.values():
        if len(members) < 2:
            continue
        largest = max(marks[i].radius for i in members) + 1.0
        ring = max(largest, len(members) * largest / math.pi)
        for j, i in enumerate(members):
            angle = math.pi / 2 + 2 * math.pi * j / len(members)
            out[i] = dataclasses.replace(
                marks[i],
                lon=marks[i].lon + ring * math.cos(angle) * deg_per_pt[0],
                lat=marks[i].lat + ring * math.sin(angle) * deg_per_pt[1],
            )
    return out


def _draw_incidents(
    ax: Axes,
    incidents: gpd.GeoDataFrame,
    *,
    themes: dict[str, Theme],
    deg_per_pt: tuple[float, float],
) -> list[_Mark]:
    """Plot the markers (one scatter per style); return them deadliest first."""
    sizes = [_size(v) for v in incidents["fatalities"]]
    ids = [str(v) for v in incidents["incident_id"]]
    order = sorted(range(len(incidents)), key=lambda i: (-sizes[i], ids[i]))
    layers = [str(v) if str(v) in themes else OTHER for v in incidents["layer"]]
    markers = [_MARKERS.get(str(v), _OTHER_MARKER) for v in incidents["event_type"]]
    hollow = [_hollow(v) for v in incidents["claim_status"]]
    geoms = list(incidents.geometry)
    groups: dict[tuple[str, str, bool], list[_Mark]] = {}
    marks = []
    for i in order:
        geom = geoms[i]
        if geom is None or geom.is_empty:
            continue
        centre = geom if geom.geom_type == "Point" else geom.representative_point()
        mark = _Mark(
            row=i, lon=float(centre.x), lat=float(centre.y), radius=math.sqrt(sizes[i]) / 2
        )
        marks.append(mark)
    if len(marks) <= MAX_SPREAD:
        marks = _spread(marks, deg_per_pt=deg_per_pt)
    for mark in marks:
        i = mark.row
        groups.setdefault((layers[i], markers[i], hollow[i]), []).append(mark)
    theme_order = list(themes)
    for key in sorted(groups, key=lambda k: (k[2], theme_order.index(k[0]), k[1])):
        layer, marker, is_hollow = key
        colour = themes[layer].colour
        group = groups[key]
        ax.scatter(
            [m.lon for m in group],
            [m.lat for m in group],
            s=[(2 * m.radius) ** 2 for m in group],
            marker=marker,
            facecolors="none" if is_hollow else colour,
            edgecolors=colour if is_hollow else "#1a1a1a",
            linewidths=1.6 if is_hollow else 0.7,
            alpha=0.9 if len(marks) <= 200 else 0.6,
            zorder=5,
        )
    return marks


_OFFSETS = (
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (1, 1, "left", "bottom"),
    (1, -1, "left", "top"),
    (-1, 1, "right", "bottom"),
    (-1, -1, "right", "top"),
)
_LABEL_STYLE: dict[str, Any] = {
    "fontsize": 7.5,
    "color": "#1a1a1a",
    "linespacing": 1.1,
    "zorder": 7,
}


def _candidates(radius: float) -> Iterator[tuple[float, float, str, str, bool]]:
    """Yield label offsets (points) around a marker, nearest first; far ones get a leader."""
    for step, leader in ((radius + 3.0, False), (radius + 16.0, True), (radius + 32.0, True)):
        for dx, dy, ha, va in _OFFSETS:
            scale = 0.75 if dx and dy else 1.0
            yield dx * step * scale, dy * step * scale, ha, va, leader


class _Taken:
    """Boxes (display pixels) already used on the map, with a vectorised overlap test."""

    def __init__(self, boxes: Sequence[Bbox] = ()) -> None:
        self._boxes = np.empty((0, 4))
        for box in boxes:
            self.add(box)

    def add(self, box: Bbox) -> None:
        self._boxes = np.vstack([self._boxes, [[box.x0, box.y0, box.x1, box.y1]]])

    def add_many(self, boxes: np.ndarray) -> None:
        self._boxes = np.vstack([self._boxes, boxes])

    def free(self, box: Bbox) -> bool:
        b = self._boxes
        hit = (b[:, 0] < box.x1) & (b[:, 2] > box.x0) & (b[:, 1] < box.y1) & (b[:, 3] > box.y0)
        return not bool(hit.any())


def _within(box: Bbox, area: Bbox) -> bool:
    """Return whether ``box`` lies wholly inside ``area``."""
    return bool(area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0 and box.y1 <= area.y1)


def _text_size(ax: Axes, text: str, renderer: Any) -> tuple[float, float]:
    probe = ax.text(0, 0, text, **_LABEL_STYLE)
    box = probe.get_window_extent(renderer)
    probe.remove()
    return box.width + 4.0, box.height + 3.0  # room for the white halo


def _place_labels(
    fig: Figure,
    ax: Axes,
    incidents: gpd.GeoDataFrame,
    marks: Sequence[_Mark],
    *,
    taken: _Taken,
) -> tuple[list[tuple[str, Bbox]], int]:
    """Label the deadliest incidents where a free spot exists; return boxes and skips."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    area = ax.get_window_extent(renderer)
    to_px = fig.dpi / 72.0
    if marks:
        xy = ax.transData.transform([(m.lon, m.lat) for m in marks])
        r = np.array([m.radius * to_px for m in marks])
        taken.add_many(np.column_stack([xy[:, 0] - r, xy[:, 1] - r, xy[:, 0] + r, xy[:, 1] + r]))
    locations = list(incidents["location"])
    dates = list(incidents["event_date"])
    placed: list[tuple[str, Bbox]] = []
    seen: set[tuple[str, float, float]] = set()
    skipped = 0
    for rank, mark in enumerate(marks):
        text = _label_text(locations[mark.row], dates[mark.row])
        key = (text, round(mark.lon, 2), round(mark.lat, 2))
        if key in seen:
            continue
        if rank >= MAX_LABELS:
            skipped += 1
            continue
        width, height = _text_size(ax, text, renderer)
        x, y = ax.transData.transform((mark.lon, mark.lat))
        for dx, dy, ha, va, leader in _candidates(mark.radius):
            tx, ty = x + dx * to_px, y + dy * to_px
            x0 = {"left": tx - 2.0, "right": tx - width + 2.0, "center": tx - width / 2}[ha]
            y0 = {"bottom": ty - 1.5, "top": ty - height + 1.5, "center": ty - height / 2}[va]
            box = Bbox.from_bounds(x0, y0, width, height)
            if not (_within(box, area) and taken.free(box)):
                continue
            ax.annotate(
                text,
                xy=(mark.lon, mark.lat),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                path_effects=_HALO,
                arrowprops=(
                    {
                        "arrowstyle": "-",
                        "color": "#555555",
                        "lw": 0.6,
                        "shrinkA": 0,
                        "shrinkB": mark.radius,
                    }
                    if leader
                    else None
                ),
                **_LABEL_STYLE,
            )
            taken.add(box)
            placed.append((text, box))
            seen.add(key)
            break
        else:
            skipped += 1
    return placed, skipped


def _label_governorates(
    ax: Axes,
    governorates: gpd.GeoDataFrame | None,
    *,
    view: tuple[float, float, float, float],
    taken: _Taken,
) -> int:
    """Write governorate names where they fit; return how many were written.

    Each name goes at a point inside the visible part of its governorate: the
    representative point first, then a few shifted spots, skipping any that would
    cover an incident, a label or the map furniture.
    """
    if governorates is None or not len(governorates) or "name" not in governorates.columns:
        return 0
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    area = ax.get_window_extent(renderer)
    min_lon, min_lat, max_lon, max_lat = view
    frame = shapely.box(min_lon, min_lat, max_lon, max_lat)
    dx, dy = 0.07 * (max_lon - min_lon), 0.035 * (max_lat - min_lat)
    shifts = ((0, 0), (0, dy), (0, -dy), (dx, 0), (-dx, 0), (0, 2 * dy), (0, -2 * dy))
    style: dict[str, Any] = {"fontsize": 7, "color": "#7a7a7a", "fontstyle": "italic"}
    written = 0
    rows = sorted(
        zip(governorates["name"], governorates.geometry, strict=True), key=lambda r: str(r[0])
    )
    for name, geom in rows:
        if geom is None or geom.is_empty:
            continue
        visible = geom.intersection(frame)
        if visible.is_empty or visible.area < 0.002 * frame.area:
            continue
        label = str(name).upper()
        probe = ax.text(0, 0, label, **style)
        width = probe.get_window_extent(renderer).width + 4.0
        height = probe.get_window_extent(renderer).height + 2.0
        probe.remove()
        base = visible.representative_point()
        for sx, sy in shifts:
            x, y = base.x + sx, base.y + sy
            if not shapely.contains_xy(visible, x, y):
                continue
            px, py = ax.transData.transform((x, y))
            box = Bbox.from_bounds(px - width / 2, py - height / 2, width, height)
            if not (_within(box, area) and taken.free(box)):
                continue
            ax.text(x, y, label, ha="center", va="center", path_effects=_HALO, zorder=4, **style)
            taken.add(box)
            written += 1
            break
    return written


def _draw_inset(
    fig: Figure,
    *,
    country: Any,
    governorates: gpd.GeoDataFrame | None,
    view: tuple[float, float, float, float],
    below: float,
) -> bool:
    """Draw a locator map of Iraq with the view's frame, under the legend if it fits."""
    if country is None or not hasattr(country, "bounds"):
        return False
    c_min_lon, c_min_lat, c_max_lon, c_max_lat = (float(v) for v in country.bounds)
    min_lon, min_lat, max_lon, max_lat = view
    covered = (max_lon - min_lon) * (max_lat - min_lat)
    if covered >= 0.6 * (c_max_lon - c_min_lon) * (c_max_lat - c_min_lat):
        return False
    rect = (0.76, 0.07, 0.2, 0.25)
    if rect[1] + rect[3] > below:
        return False
    inset = fig.add_axes(rect)
    gpd.GeoSeries([country], crs=CRS).plot(
        ax=inset, facecolor="#fbfaf6", edgecolor="#4d4d4d", linewidth=0.6
    )
    if governorates is not None and len(governorates):
        governorates.boundary.plot(ax=inset, color="#b5b5b5", linewidth=0.3)
    inset.add_patch(
        Rectangle(
            (min_lon, min_lat),
            max_lon - min_lon,
            max_lat - min_lat,
            fill=False,
            edgecolor="#c0392b",
            linewidth=1.2,
            zorder=5,
        )
    )
    pad = 0.3
    inset.set_xlim(min(c_min_lon, min_lon) - pad, max(c_max_lon, max_lon) + pad)
    inset.set_ylim(min(c_min_lat, min_lat) - pad, max(c_max_lat, max_lat) + pad)
    inset.set_aspect(1 / math.cos(math.radians((c_min_lat + c_max_lat) / 2)), adjustable="box")
    inset.set_facecolor("#e9eef2")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_title("Location", fontsize=8, loc="left")
    return True


# --------------------------------------------------------------------------- furniture


def _draw_scale_bar(
    ax: Axes, *, view: tuple[float, float, float, float]
) -> tuple[float, float, Bbox]:
    min_lon, min_lat, max_lon, max_lat = view
    lat = min_lat + 0.06 * (max_lat - min_lat)
    km, deg = scale_length(min_lon=min_lon, max_lon=max_lon, lat=lat)
    x0 = min_lon + 0.04 * (max_lon - min_lon)
    height = 0.012 * (max_lat - min_lat)
    for k in range(2):
        ax.add_patch(
            Rectangle(
                (x0 + k * deg / 2, lat),
                deg / 2,
                height,
                facecolor="#1a1a1a" if k == 0 else "white",
                edgecolor="#1a1a1a",
                linewidth=0.8,
                zorder=8,
            )
        )
    label = f"{km:g} km"
    texts = [
        ax.text(x0, lat + height * 1.6, "0", ha="center", va="bottom", fontsize=7, zorder=8),
        ax.text(
            x0 + deg / 2, lat + height * 1.6, f"{km / 2:g}", ha="center", va="bottom",
            fontsize=7, zorder=8,
        ),
        ax.text(x0 + deg, lat + height * 1.6, label, ha="left", va="bottom", fontsize=7, zorder=8),
    ]  # fmt: skip
    for text in texts:
        text.set_path_effects(_HALO)
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in texts]
    corner = ax.transData.transform([(x0, lat), (x0 + deg, lat + height)])
    boxes.append(Bbox(corner))
    return km, deg, Bbox.union(boxes).expanded(1.1, 1.3)


def _draw_north_arrow(ax: Axes) -> Bbox:
    note = ax.annotate(
        "N",
        xy=(0.955, 0.965),
        xytext=(0.955, 0.885),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": "#1a1a1a", "lw": 1.2},
        zorder=8,
    )
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    top = ax.transAxes.transform([(0.93, 0.86), (0.98, 0.975)])
    return Bbox.union([note.get_window_extent(renderer), Bbox(top)])


def _degrees(axis: str) -> FuncFormatter:
    def fmt(value: float, _pos: object) -> str:
        hemisphere = ("E" if value >= 0 else "W") if axis == "x" else ("N" if value >= 0 else "S")
        return f"{abs(value):g}°{hemisphere}"

    return FuncFormatter(fmt)


def _legend(
    fig: Figure, incidents: gpd.GeoDataFrame, *, themes: dict[str, Theme], governorates: bool
) -> Legend | None:
    handles: list[Any] = []
    layers = [name for name in themes if name in set(incidents["layer"])] or []
    unknown = sorted(set(map(str, incidents["layer"])) - set(themes))
    if unknown and OTHER not in layers:
        layers.append(OTHER)
    for name in layers:
        handles.append(
            Line2D([], [], ls="", marker="o", ms=8, mfc=themes[name].colour, mec="#1a1a1a",
                   mew=0.7, label=themes[name].title)
        )  # fmt: skip
    types = [t for t in _MARKERS if t in set(incidents["event_type"])]
    others = sorted(set(map(str, incidents["event_type"])) - set(_MARKERS))
    if types or others:
        handles.append(Line2D([], [], ls="", label=""))
    for name in types:
        handles.append(
            Line2D([], [], ls="", marker=_MARKERS[name], ms=7, mfc="#bdbdbd", mec="#1a1a1a",
                   mew=0.7, label=name)
        )  # fmt: skip
    for name in others:
        handles.append(
            Line2D([], [], ls="", marker=_OTHER_MARKER, ms=7, mfc="#bdbdbd", mec="#1a1a1a",
                   mew=0.7, label=name)
        )  # fmt: skip
    if len(incidents):
        handles.append(Line2D([], [], ls="", label=""))
        for killed in (0, 10, 100):
            handles.append(
                Line2D([], [], ls="", marker="o", ms=math.sqrt(_size(killed)), mfc="#bdbdbd",
                       mec="#1a1a1a", mew=0.7, label=f"{killed} killed")
            )  # fmt: skip
        if any(_hollow(s) for s in incidents["claim_status"]):
            handles.append(
                Line2D([], [], ls="", marker="o", ms=8, mfc="none", mec="#555555", mew=1.6,
                       label="Claimed or unconfirmed")
            )  # fmt: skip
    if governorates:
        handles.append(Line2D([], [], ls="", label=""))
        handles.append(Line2D([], [], color="#a3a3a3", lw=0.8, label="Governorate boundary"))
        handles.append(Line2D([], [], color="#4d4d4d", lw=1.2, label="International boundary"))
    if not handles:
        return None
    return fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.745, 0.9),
        frameon=False,
        fontsize=8,
        title="Legend",
        title_fontsize=9,
        alignment="left",
        borderaxespad=0.0,
        handletextpad=0.8,
        labelspacing=0.7,
    )


def _title(incidents: gpd.GeoDataFrame, title: str | None) -> str:
    if title:
        return title
    dates = sorted(str(d) for d in incidents["event_date"] if d is not None and not pd.isna(d))
    count = len(incidents)
    if not count:
        return "No incidents"
    noun = "incident" if count == 1 else "incidents"
    if not dates:
        return f"{count} {noun}"
    if dates[0] == dates[-1]:
        return f"{count} {noun}, {dates[0]}"
    return f"{count} {noun}, {dates[0]} to {dates[-1]}"


# --------------------------------------------------------------------------- entry point


def _check(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if not isinstance(incidents, gpd.GeoDataFrame):
        raise ExportError(f"expected the incidents GeoDataFrame, got {type(incidents).__name__}")
    needed = ("incident_id", "event_date", "event_type", "location", "fatalities", "layer",
              "claim_status")  # fmt: skip
    missing = [c for c in needed if c not in incidents.columns]
    if missing:
        raise ExportError(f"the incidents frame lacks column(s) {', '.join(missing)}")
    if incidents.crs is None:
        return incidents.set_crs(CRS)
    if incidents.crs.to_epsg() != 4326:
        return incidents.to_crs(CRS)
    return incidents


def _render(
    incidents: gpd.GeoDataFrame,
    *,
    themes: Sequence[Theme] | None,
    gazetteer: Gazetteer | None,
    title: str | None,
    dpi: int,
) -> tuple[Figure, _Drawn]:
    """Draw the map on a new Agg figure; return it and what was placed."""
    frame = _check(incidents)
    by_name = _themes_by_name(themes if themes is not None else default_themes())
    governorates, country, credit = _basemap(gazetteer)
    fig = Figure(figsize=_FIGSIZE, dpi=dpi, facecolor="white")
    _Canvas(fig)
    ax = fig.add_axes(_MAP_RECT)
    ratio = (_MAP_RECT[2] * _FIGSIZE[0]) / (_MAP_RECT[3] * _FIGSIZE[1])
    view = _view(frame, country=country, ratio=ratio)
    min_lon, min_lat, max_lon, max_lat = view
    lat0 = (min_lat + max_lat) / 2
    _draw_basemap(ax, governorates=governorates, country=country)
    ax.set_xlim(min_lon, max_lon)
    ax.set_ylim(min_lat, max_lat)
    ax.set_aspect(1 / math.cos(math.radians(lat0)), adjustable="box")
    ax.apply_aspect()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(_degrees("x"))
    ax.yaxis.set_major_formatter(_degrees("y"))
    ax.tick_params(labelsize=7, colors="#555555", length=2)
    for spine in ax.spines.values():
        spine.set_edgecolor("#555555")
        spine.set_linewidth(0.8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    points_wide = _MAP_RECT[2] * _FIGSIZE[0] * 72
    points_high = _MAP_RECT[3] * _FIGSIZE[1] * 72
    deg_per_pt = ((max_lon - min_lon) / points_wide, (max_lat - min_lat) / points_high)
    marks = _draw_incidents(ax, frame, themes=by_name, deg_per_pt=deg_per_pt)
    km, deg, scale_box = _draw_scale_bar(ax, view=view)
    taken = _Taken([scale_box, _draw_north_arrow(ax)])
    labels, skipped = _place_labels(fig, ax, frame, marks, taken=taken)
    names = _label_governorates(ax, governorates, view=view, taken=taken)
    legend = _legend(fig, frame, themes=by_name, governorates=governorates is not None)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    below = (
        1.0
        if legend is None
        else fig.transFigure.inverted().transform(legend.get_window_extent(renderer))[0][1]
    )
    inset = _draw_inset(
        fig, country=country, governorates=governorates, view=view, below=float(below)
    )
    fig.text(_MAP_RECT[0], 0.945, _title(frame, title), fontsize=13, fontweight="bold")
    notes = ["WGS 84."]
    if len(frame):
        notes.insert(0, "Point size: fatalities (ACLED's conservative count);")
    points = [
        g for g in frame.geometry if g is not None and g.geom_type == "Point" and not g.is_empty
    ]
    spots = {(round(g.x, 3), round(g.y, 3)) for g in points}
    if len(marks) <= MAX_SPREAD and len(spots) < len(points):
        notes.append("Incidents placed at one point are drawn side by side.")
    if skipped:
        notes.append(f"{skipped} incident(s) not labelled to keep the map legible.")
    if credit:
        notes.append(f"Boundaries: {credit}.")
    fig.text(_MAP_RECT[0], 0.02, " ".join(notes), fontsize=7, color="#555555")
    drawn = _Drawn(
        labels=tuple(labels),
        unlabelled=skipped,
        scale_km=km,
        scale_deg=deg,
        governorates=names,
        inset=inset,
    )
    return fig, drawn


def write_image(
    incidents: gpd.GeoDataFrame,
    path: str | Path,
    *,
    themes: Sequence[Theme] | None = None,
    gazetteer: Gazetteer | None = None,
    title: str | None = None,
    dpi: int = 150,
) -> Path:
    """Write a static map of the incidents as PNG or SVG (chosen by the suffix).

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        The frame of :func:`mapper.incidents.to_geodataframe`.
    path : str or Path
        ``.png`` or ``.svg`` file to write (replaced atomically).
    themes : sequence of Theme, optional
        Layer colours and titles; the default themes when omitted.
    gazetteer : Gazetteer, optional
        Source of governorate outlines (``governorates()``) and the country outline
        (``country()``); ``Gazetteer.default()`` when omitted. Without one, the map
        has no outlines.
    title : str, optional
        Title above the map; by default the number of incidents and their dates.
    dpi : int
        Resolution of the PNG (the SVG is resolution-independent).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        On another suffix, a frame without the incident columns, or a failed write.
    """
    (target,) = write_images(
        incidents, [path], themes=themes, gazetteer=gazetteer, title=title, dpi=dpi
    )
    return target


def write_images(
    incidents: gpd.GeoDataFrame,
    paths: Sequence[str | Path],
    *,
    themes: Sequence[Theme] | None = None,
    gazetteer: Gazetteer | None = None,
    title: str | None = None,
    dpi: int = 150,
) -> list[Path]:
    """Write the static map to each of ``paths`` (PNG or SVG), drawing it only once.

    The files are byte-identical to those of :func:`write_image` (same parameters);
    with many incidents, laying out the map costs about as much as saving it.

    Returns
    -------
    list of Path
        ``paths``, in order.
    """
    targets = [Path(path) for path in paths]
    for target in targets:
        suffix = target.suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            raise ExportError(
                f"{target}: cannot tell the image format from {suffix or 'no suffix'!r}; "
                f"use one of {', '.join(IMAGE_SUFFIXES)}"
            )
    if not isinstance(dpi, int) or not 30 <= dpi <= 1200:
        raise ExportError(f"dpi must be a whole number from 30 to 1200, got {dpi!r}")
    if not targets:
        return []
    with mpl.rc_context(_RC):  # type: ignore[arg-type]
        fig, _ = _render(incidents, themes=themes, gazetteer=gazetteer, title=title, dpi=dpi)
        for target in targets:
            suffix = target.suffix.lower()
            metadata: dict[str, Any] = {"Date": None} if suffix == ".svg" else {"Software": None}
            try:
                with atomic_path(target, suffix=suffix) as tmp:
                    fig.savefig(tmp, format=suffix[1:], dpi=dpi, metadata=metadata)
            except OSError as exc:
                raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    return targets
