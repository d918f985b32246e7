"""Mentions → merged incidents → the incidents GeoDataFrame.

This module is the only place where a ``(lat, lon)`` pair becomes a shapely
``Point(lon, lat)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from mapper.models import Incident
from mapper.schema import COLUMNS, INT_COLUMNS

__all__ = ["CRS", "incident_row", "to_geodataframe"]

CRS = "EPSG:4326"


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def incident_row(incident: Incident) -> dict[str, object]:
    """Return the schema columns of one incident as a plain dict (no geometry).

    Examples
    --------
    >>> row = incident_row(Incident(incident_id="IRQ-1", event_type="Battles",
    ...     sub_event_type="Armed clash", location="Kirkuk", lat=35.468, lon=44.392,
    ...     geo_precision=1, where_prec=2))
    >>> row["latitude"], row["longitude"], row["event_date"]
    (35.468, 44.392, None)
    """
    return {
        "incident_id": incident.incident_id,
        "event_date": _iso(incident.event_date),
        "date_start": _iso(incident.date_start),
        "date_end": _iso(incident.date_end),
        "time_precision": incident.time_precision,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "country": incident.country,
        "admin1": incident.admin1,
        "admin2": incident.admin2,
        "location": incident.location,
        "latitude": round(incident.lat, 4),
        "longitude": round(incident.lon, 4),
        "geo_precision": incident.geo_precision,
        "where_prec": incident.where_prec,
        "fatalities": incident.fatalities,
        "fatalities_low": incident.fatalities_low,
        "fatalities_best": incident.fatalities_best,
        "fatalities_high": incident.fatalities_high,
        "wounded": incident.wounded,
        "sources": list(incident.sources),
        "article_ids": list(incident.article_ids),
        "source_count": incident.source_count,
        "claim_status": incident.claim_status,
        "layer": incident.layer,
        "notes": incident.notes,
        "evidence": [e.to_dict() for e in incident.evidence],
        "deaths_a": incident.deaths_a,
        "deaths_b": incident.deaths_b,
        "deaths_civilians": incident.deaths_civilians,
        "deaths_unknown": incident.deaths_unknown,
        "date_inferred": incident.date_inferred,
        "sub_locations": list(incident.sub_locations),
    }


def to_geodataframe(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Build the incidents GeoDataFrame (EPSG:4326, every schema column).

    Rows keep the order given; integer columns use pandas' nullable ``Int64``;
    list columns hold Python lists; dates are ISO strings or ``None``.

    Examples
    --------
    >>> gdf = to_geodataframe([])
    >>> len(gdf), str(gdf.crs), list(gdf.columns)[:2]
    (0, 'EPSG:4326', ['incident_id', 'event_date'])
    """
    rows: Sequence[Incident] = list(incidents)
    records = [incident_row(i) for i in rows]
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    frame["latitude"] = frame["latitude"].astype("float64")
    frame["longitude"] = frame["longitude"].astype("float64")
    frame["date_inferred"] = frame["date_inferred"].astype("bool")
    geometry = [Point(lon, lat) for lat, lon in zip(frame["latitude"], frame["longitude"], strict=True)]
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)
