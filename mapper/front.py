"""The Mosul front, 2016-17: a bundled timeline of front positions and the lines through them.

``mapper/data/mosul_front.csv`` is a short, hand-typed timeline of the offensive to
retake Mosul from Islamic State (launch 17 October 2016, victory declared 10 July
2017): for each entry a place, its coordinates, the date it was reached, the force
that reached it, what happened, and a public source to check it against. Coordinates
are approximate (town centres); dates are those most reports give.

:func:`front_lines` turns the timeline, merged with the territorial-change incidents
of the input, into one front line per date: the latest position of every force by
that date, ordered around Mosul, with the distance from Kirkuk to the nearest point
of that front.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString

from mapper.errors import MapperError

__all__ = [
    "KIRKUK",
    "MOSUL",
    "TERRITORY_SUB_EVENTS",
    "FrontPosition",
    "Site",
    "axes_from",
    "axes_of_advance",
    "front_lines",
    "front_positions",
    "haversine_km",
    "lines_from",
    "positions_frame",
    "timeline",
]

#: Sub-event types that move a front (ACLED's taxonomy).
TERRITORY_SUB_EVENTS: tuple[str, ...] = (
    "Government regains territory",
    "Non-state actor overtakes territory",
)

#: Territorial changes farther than this from Mosul do not belong to its front.
FRONT_RADIUS_KM = 110.0

CRS = "EPSG:4326"


@dataclass(frozen=True, slots=True)
class Site:
    """A named point of reference on the map."""

    name: str
    lat: float
    lon: float


#: Mosul city centre (held by Islamic State from June 2014 until July 2017).
MOSUL = Site(name="Mosul", lat=36.3400, lon=43.1300)
#: Kirkuk city centre.
KIRKUK = Site(name="Kirkuk", lat=35.4681, lon=44.3922)


@dataclass(frozen=True, slots=True)
class FrontPosition:
    """A place a force reached on a date, with a public source to check it against."""

    date: dt.date
    place: str
    lat: float
    lon: float
    force: str
    event: str
    source: str


def haversine_km(*, lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres.

    Examples
    --------
    >>> round(haversine_km(lat1=KIRKUK.lat, lon1=KIRKUK.lon, lat2=MOSUL.lat, lon2=MOSUL.lon))
    149
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _parse_row(row: dict[str, str], *, line: int) -> FrontPosition:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
        position = FrontPosition(
            date=dt.date.fromisoformat(row["date"]),
            place=row["place"].strip(),
            lat=lat,
            lon=lon,
            force=row["force"].strip(),
            event=row["event"].strip(),
            source=row["source"].strip(),
        )
    except (KeyError, ValueError, AttributeError) as exc:
        raise MapperError(f"mosul_front.csv:{line}: bad timeline row {row!r} ({exc})") from exc
    if not (29.0 <= lat <= 37.5 and 38.7 <= lon <= 48.7):
        raise MapperError(f"mosul_front.csv:{line}: ({lat}, {lon}) is not in Iraq")
    if not (position.place and position.force and position.source):
        raise MapperError(f"mosul_front.csv:{line}: place, force and source are required")
    return position


@functools.cache
def timeline() -> tuple[FrontPosition, ...]:
    """Return the bundled Mosul-offensive timeline, sorted by date, force and place.

    Examples
    --------
    >>> first = timeline()[0]
    >>> first.date.isoformat()
    '2016-10-17'
    >>> timeline()[-1].date.isoformat()
    '2017-07-10'
    """
    text = resources.files("mapper").joinpath("data/mosul_front.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = [_parse_row(row, line=i + 2) for i, row in enumerate(reader)]
    return tuple(sorted(rows, key=lambda p: (p.date, p.force, p.place)))


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _incident_positions(incidents: gpd.GeoDataFrame, *, start: dt.date) -> list[FrontPosition]:
    """Territorial changes near Mosul from the input, as front positions."""
    needed = {"sub_event_type", "event_date", "latitude", "longitude", "location"}
    if incidents is None or len(incidents) == 0 or not needed <= set(incidents.columns):
        return []
    wanted = [c for c in (*needed, "actor1", "sources", "incident_id") if c in incidents.columns]
    mask = incidents["sub_event_type"].isin(TERRITORY_SUB_EVENTS).fillna(False).astype(bool)
    subset = pd.DataFrame(incidents.loc[mask, wanted])
    out: list[FrontPosition] = []
    for row in subset.to_dict("records"):
        if _text(row.get("sub_event_type")) not in TERRITORY_SUB_EVENTS:
            continue
        raw_date = _text(row.get("event_date"))
        try:
            date = dt.date.fromisoformat(raw_date[:10])
        except ValueError:
            continue
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError):
            continue
        if math.isnan(lat) or math.isnan(lon) or date < start:
            continue
        if haversine_km(lat1=lat, lon1=lon, lat2=MOSUL.lat, lon2=MOSUL.lon) > FRONT_RADIUS_KM:
            continue
        sources = row.get("sources")
        source = "; ".join(str(s) for s in sources) if isinstance(sources, list | tuple) else ""
        out.append(
            FrontPosition(
                date=date,
                place=_text(row.get("location")) or "unnamed place",
                lat=round(lat, 4),
                lon=round(lon, 4),
                force=_text(row.get("actor1")) or "Unidentified force",
                event=_text(row.get("sub_event_type")),
                source=(source or "input incident")
                + (f" ({row['incident_id']})" if _text(row.get("incident_id")) else ""),
            )
        )
    return out


def front_positions(incidents: gpd.GeoDataFrame | None = None) -> tuple[FrontPosition, ...]:
    """Return the bundled timeline merged with the input's territorial changes near Mosul.

    A place that a force already holds in the timeline is not added again.
    """
    base = timeline()
    extra = _incident_positions(incidents, start=base[0].date) if incidents is not None else []
    known = {(p.force, p.place.casefold()) for p in base}
    merged = list(base)
    for p in sorted(extra, key=lambda p: (p.date, p.force, p.place, p.source)):
        key = (p.force, p.place.casefold())
        if key not in known:
            known.add(key)
            merged.append(p)
    return tuple(sorted(merged, key=lambda p: (p.date, p.force, p.place)))


def _bearing(p: FrontPosition) -> float:
    """Compass bearing from Mosul's centre (degrees), to order positions around the city."""
    dy = p.lat - MOSUL.lat
    dx = (p.lon - MOSUL.lon) * math.cos(math.radians(MOSUL.lat))
    return math.degrees(math.atan2(dx, dy)) % 360.0


def _nearest(line: LineString) -> tuple[float, float, float]:
    """Return (distance km, lat, lon) of the point of ``line`` nearest to Kirkuk."""
    coords = shapely.get_coordinates(shapely.segmentize(line, max_segment_length=0.005))
    lon, lat = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    klat, klon = math.radians(KIRKUK.lat), math.radians(KIRKUK.lon)
    a = np.sin((lat - klat) / 2) ** 2 + np.cos(lat) * math.cos(klat) * np.sin((lon - klon) / 2) ** 2
    dist = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    i = int(np.argmin(dist))
    return float(dist[i]), float(coords[i, 1]), float(coords[i, 0])


#: A later position closer to Mosul within this bearing of an older one replaces it.
SECTOR_DEG = 40.0


def _overtaken(latest: list[FrontPosition], *, reached: list[FrontPosition]) -> list[FrontPosition]:
    """Drop positions the front has moved past.

    A force's last position stays on the front until a position reached later (among
    ``reached``, by any force) lies in the same sector (within :data:`SECTOR_DEG` of bearing from
    Mosul) and closer to the city.
    """

    def dist(p: FrontPosition) -> float:
        return haversine_km(lat1=p.lat, lon1=p.lon, lat2=MOSUL.lat, lon2=MOSUL.lon)

    kept = []
    for p in latest:
        passed = False
        for q in reached:
            gap = abs((_bearing(q) - _bearing(p) + 180.0) % 360.0 - 180.0)
            if q.date > p.date and gap <= SECTOR_DEG and dist(q) < dist(p):
                passed = True
                break
        if not passed:
            kept.append(p)
    return kept


_FRONT_COLUMNS = [
    "date",
    "force",
    "places",
    "sources",
    "distance_kirkuk_km",
    "nearest_lat",
    "nearest_lon",
]


def front_lines(incidents: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return one front line per date of the Mosul offensive (EPSG:4326).

    The line of a date runs through the latest position of every force by that date,
    ordered clockwise around Mosul; a position drops out once a later one in the
    same sector lies closer to the city (the front has moved past it). The input's
    territorial-change incidents near Mosul (:data:`TERRITORY_SUB_EVENTS`) are merged
    into the bundled timeline.

    Parameters
    ----------
    incidents : GeoDataFrame, optional
        The incidents GeoDataFrame (``mapper.incidents.to_geodataframe``).

    Returns
    -------
    GeoDataFrame
        Columns ``date`` (ISO), ``force``, ``places`` and ``sources`` (``"; "``-joined),
        ``distance_kirkuk_km`` (to the nearest point of the front), ``nearest_lat``,
        ``nearest_lon`` and the LineString geometry, sorted by date.

    Examples
    --------
    >>> lines = front_lines()
    >>> lines["date"].iloc[0], lines.geometry.iloc[0].geom_type
    ('2016-10-17', 'LineString')
    """
    return lines_from(front_positions(incidents))


def lines_from(positions: Sequence[FrontPosition]) -> gpd.GeoDataFrame:
    """Return the front lines (as :func:`front_lines`) through the given positions."""
    records: list[dict[str, object]] = []
    geometries: list[LineString] = []
    for day in sorted({p.date for p in positions}):
        reached = [p for p in positions if p.date <= day]
        latest: dict[str, FrontPosition] = {p.force: p for p in reached}
        held = sorted(
            _overtaken(list(latest.values()), reached=reached),
            key=lambda p: (_bearing(p), p.force),
        )
        coords = [(round(p.lon, 4), round(p.lat, 4)) for p in held]
        if len(set(coords)) < 2:
            continue
        line = LineString(coords)
        km, near_lat, near_lon = _nearest(line)
        records.append(
            {
                "date": day.isoformat(),
                "force": "; ".join(sorted({p.force for p in held})),
                "places": "; ".join(dict.fromkeys(p.place for p in held)),
                "sources": "; ".join(sorted({p.source for p in held})),
                "distance_kirkuk_km": round(km, 1),
                "nearest_lat": round(near_lat, 4),
                "nearest_lon": round(near_lon, 4),
            }
        )
        geometries.append(line)
    frame = pd.DataFrame.from_records(records, columns=_FRONT_COLUMNS)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=CRS), crs=CRS)


def axes_of_advance(incidents: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return one line per force through its positions in date order (EPSG:4326).

    Columns ``force``, ``date_start``, ``date_end``, ``places`` and the geometry; forces
    with a single position have no axis.
    """
    return axes_from(front_positions(incidents))


def axes_from(positions: Sequence[FrontPosition]) -> gpd.GeoDataFrame:
    """Return the axes of advance (as :func:`axes_of_advance`) through the given positions."""
    by_force: dict[str, list[FrontPosition]] = {}
    for p in positions:
        by_force.setdefault(p.force, []).append(p)
    records: list[dict[str, object]] = []
    geometries: list[LineString] = []
    for force in sorted(by_force):
        steps = by_force[force]
        coords = [(round(p.lon, 4), round(p.lat, 4)) for p in steps]
        if len(set(coords)) < 2:
            continue
        records.append(
            {
                "force": force,
                "date_start": steps[0].date.isoformat(),
                "date_end": steps[-1].date.isoformat(),
                "places": "; ".join(p.place for p in steps),
            }
        )
        geometries.append(LineString(coords))
    frame = pd.DataFrame.from_records(
        records, columns=["force", "date_start", "date_end", "places"]
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=CRS), crs=CRS)


def positions_frame(positions: Iterable[FrontPosition]) -> pd.DataFrame:
    """Return front positions as a plain DataFrame (no geometry), for tables and exports."""
    return pd.DataFrame.from_records(
        [
            {
                "date": p.date.isoformat(),
                "place": p.place,
                "lat": p.lat,
                "lon": p.lon,
                "force": p.force,
                "event": p.event,
                "source": p.source,
            }
            for p in positions
        ],
        columns=["date", "place", "lat", "lon", "force", "event", "source"],
    )
