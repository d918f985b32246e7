"""GIS exports of the incidents GeoDataFrame: GeoJSON, GeoPackage, CSV and KML.

Every writer takes the GeoDataFrame that :func:`mapper.incidents.to_geodataframe`
builds, writes one file atomically (temporary file beside the target, then one
rename) and returns its path. Column order is :data:`mapper.schema.COLUMNS`; feature
order is the frame's row order; the same input gives the same bytes (GeoJSON, CSV,
KML).

- GeoJSON follows RFC 7946: ``[lon, lat]`` in WGS 84, no ``crs`` member, at most six
  decimals; list columns stay JSON arrays, ``evidence`` an array of objects.
- GeoPackage: layer ``incidents`` (EPSG:4326) with list columns as JSON text, so QGIS
  shows them; optionally a ``mosul_front`` layer of dated lines / polygons.
- CSV: ACLED's column names first (with ``year`` and a ``;``-joined ``source``), then
  the rest of the schema; lists ``;``-joined, ``evidence`` as JSON text.
- KML (Google Earth): one folder per map layer, styled by the theme colours, with a
  time span per placemark and every schema column as ``ExtendedData``.

:func:`read_incidents` reads the GeoJSON, GeoPackage and CSV files back into exactly
the frame :func:`~mapper.incidents.to_geodataframe` builds.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape as _xml_escape

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping

from mapper._atomic import atomic_path, atomic_text_file, atomic_write_chunks, atomic_write_text
from mapper.errors import ExportError, InputError
from mapper.incidents import CRS, to_geodataframe
from mapper.layers import OTHER, default_themes
from mapper.models import Evidence, Incident
from mapper.schema import COLUMNS, LIST_COLUMNS

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "export",
    "read_incidents",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_kml",
]

#: The export formats, in the order ``--format`` lists them.
FORMATS: tuple[str, ...] = ("geojson", "gpkg", "csv", "kml")

_SUFFIX = {"geojson": ".geojson", "gpkg": ".gpkg", "csv": ".csv", "kml": ".kml"}

#: Decimals of coordinates in GeoJSON and KML (about 0.1 m).
COORD_DECIMALS = 6

#: ACLED's column names, first in the CSV (``year`` and ``source`` are derived).
ACLED_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

#: Every CSV column in order: ACLED's first, then the rest of the schema.
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + tuple(c for c in COLUMNS if c not in ACLED_COLUMNS)

GPKG_LAYER = "incidents"
FRONT_LAYER = "mosul_front"

_EVIDENCE_KEYS = ("field", "article_id", "start", "end", "quote")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"]')


# --------------------------------------------------------------------------- values


def _is_missing(value: object) -> bool:
    """Return whether a cell is null (None, NaN, infinity, pandas NA, NaT)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and not math.isfinite(value)


def _coordinate(value: float) -> float:
    """Return a number rounded to :data:`COORD_DECIMALS`, without a negative zero."""
    number = round(value, COORD_DECIMALS)
    return 0.0 if number == 0 else number


def _plain(value: object) -> Any:
    """Return a cell as a JSON-ready Python value with a fixed key order.

    The common cell types (those of ``Series.tolist()``) are dispatched on their exact
    type first; anything else takes the general path of :func:`_plain_other`.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if value is pd.NA:
        return None
    if kind is float:
        return _coordinate(value) if math.isfinite(value) else None  # type: ignore[arg-type]
    if kind is list:
        return [_plain(v) for v in value]  # type: ignore[attr-defined]
    if kind is dict and tuple(value) == _EVIDENCE_KEYS:  # type: ignore[arg-type]
        return {k: _plain(v) for k, v in value.items()}  # type: ignore[attr-defined]
    return _plain_other(value)


def _plain_other(value: object) -> Any:
    """Return any other cell as :func:`_plain` does (numpy and pandas scalars, ...)."""
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _coordinate(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, Mapping):
        keys = [k for k in _EVIDENCE_KEYS if k in value]
        keys += sorted(str(k) for k in value if k not in _EVIDENCE_KEYS)
        return {k: _plain(value[k]) for k in keys}
    if isinstance(value, list | tuple | np.ndarray | pd.Series):
        return [_plain(v) for v in value]
    return str(value)


def _items(value: object) -> list[Any]:
    """Return a list cell as a list (None and NaN give an empty list)."""
    return _as_list(_plain(value))


def _as_list(plain: Any) -> list[Any]:
    """Return a plain cell (see :func:`_plain`) as a list."""
    if plain is None:
        return []
    if isinstance(plain, list):
        return plain
    return [plain]


def _joined(value: object) -> str:
    """Return a list cell ``;``-joined (the flat-export form of lists)."""
    return ";".join("" if v is None else str(v) for v in _items(value))


def _json_text(value: object) -> str:
    """Return a list cell as compact, deterministic JSON text."""
    return _JSON(_items(value))


#: ``json.dumps(value, ensure_ascii=False, allow_nan=False)``, without building an
#: encoder per call.
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, int | float | np.integer | np.floating):
        return _coordinate(float(coords))
    return [_round_coords(c) for c in coords]


def _geometry(geom: object) -> dict[str, Any] | None:
    """Return a shapely geometry as an RFC 7946 geometry object (6 decimals)."""
    if geom is None or not isinstance(geom, shapely.Geometry) or geom.is_empty:
        return None
    raw = mapping(geom)
    if raw["type"] == "GeometryCollection":
        parts = shapely.get_parts(geom)
        return {"type": raw["type"], "geometries": [_geometry(g) for g in parts]}
    return {"type": raw["type"], "coordinates": _round_coords(raw["coordinates"])}


# --------------------------------------------------------------------------- checks


def _prepared(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check the frame has every schema column and return it in WGS 84."""
    if not isinstance(incidents, gpd.GeoDataFrame):
        raise ExportError(f"expected the incidents GeoDataFrame, got {type(incidents).__name__}")
    missing = [c for c in COLUMNS if c not in incidents.columns]
    if missing:
        raise ExportError(
            f"the incidents frame lacks schema column(s) {', '.join(missing)}; "
            "build it with mapper.incidents.to_geodataframe"
        )
    if incidents.crs is None:
        return incidents.set_crs(CRS)
    if incidents.crs.to_epsg() != 4326:
        return incidents.to_crs(CRS)
    return incidents


def _geometries(frame: gpd.GeoDataFrame) -> list[object]:
    if frame.geometry.name not in frame.columns:
        return [None] * len(frame)
    return list(frame.geometry)


def _geometry_objects(frame: gpd.GeoDataFrame) -> list[dict[str, Any] | None]:
    """Return :func:`_geometry` of every row, 2-D points read in one vectorised pass."""
    geometries = _geometries(frame)
    array = np.empty(len(geometries), dtype=object)
    array[:] = geometries
    try:
        simple = (
            (shapely.get_type_id(array) == shapely.GeometryType.POINT)
            & ~shapely.is_empty(array)
            & ~shapely.has_z(array)
        )
    except TypeError:  # a cell that is no geometry: the general path says None
        return [_geometry(g) for g in geometries]
    xs = shapely.get_x(array).tolist()
    ys = shapely.get_y(array).tolist()
    return [
        {"type": "Point", "coordinates": [_coordinate(x), _coordinate(y)]}
        if is_point
        else _geometry(geom)
        for is_point, x, y, geom in zip(simple.tolist(), xs, ys, geometries, strict=True)
    ]


#: Types of the cells that :func:`_plain` returns unchanged.
_PLAIN_SCALARS = frozenset({str, int, bool, type(None)})

#: Rows converted at a time by the streaming writers: a pass over the table never
#: holds a second copy of all of it.
_BLOCK = 4096


def _plain_column(series: pd.Series) -> list[Any]:
    """Return :func:`_plain` of every cell of a column.

    The frame of :func:`~mapper.incidents.to_geodataframe` holds plain cells already
    (text or None, Python ints, lists of text, evidence dicts of text and ints).
    Checking a whole column for that (the types of its cells, gathered by ``map``) is
    much cheaper than rebuilding every cell and gives the same values; any other
    column is converted cell by cell.
    """
    values: list[Any]
    if isinstance(series.dtype, pd.Int64Dtype):  # Python ints, and None for pd.NA
        values = series.to_numpy(dtype=object, na_value=None).tolist()
        return values
    values = series.tolist()
    if series.dtype == np.float64:
        return [_coordinate(v) if math.isfinite(v) else None for v in values]
    kinds = set(map(type, values))
    if kinds <= _PLAIN_SCALARS:
        return values
    if kinds == {list}:
        items = list(itertools.chain.from_iterable(values))
        kinds = set(map(type, items))
        if kinds <= _PLAIN_SCALARS:
            return values
        if kinds == {dict} and set(map(tuple, items)) == {_EVIDENCE_KEYS}:
            fields = itertools.chain.from_iterable(map(dict.values, items))
            if set(map(type, fields)) <= {str, int}:  # evidence dicts as to_dict makes them
                return values
    return [_plain(v) for v in values]


def _plain_blocks(frame: gpd.GeoDataFrame) -> Iterator[list[list[Any]]]:
    """Yield the schema columns as plain values (see :func:`_plain`), a block of rows at a time."""
    series = [frame[c] for c in COLUMNS]
    for start in range(0, len(frame), _BLOCK):
        yield [_plain_column(s.iloc[start : start + _BLOCK]) for s in series]


def _rows(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    """Yield the schema columns of each row as plain values, in schema order.

    Rows are converted a block at a time, so that a writer streaming them never holds
    a second copy of the whole table.
    """
    for columns in _plain_blocks(frame):
        for values in zip(*columns, strict=True):
            yield dict(zip(COLUMNS, values, strict=True))


def _records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Return the schema columns of each row as plain values, in schema order."""
    return list(_rows(frame))


# --------------------------------------------------------------------------- GeoJSON


def geojson_text(incidents: gpd.GeoDataFrame) -> str:
    r"""Return the RFC 7946 FeatureCollection text of the incidents.

    One feature per line (easy to diff), properties in schema order, UTF-8 text,
    coordinates ``[lon, lat]`` with at most six decimals, no ``crs`` member.

    Examples
    --------
    >>> geojson_text(to_geodataframe([]))
    '{"type": "FeatureCollection", "features": [\n]}\n'
    """
    return "".join(_geojson_chunks(_prepared(incidents)))


def _geojson_chunks(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """Yield the text of :func:`geojson_text` piece by piece (one feature at a time)."""
    yield '{"type": "FeatureCollection", "features": [\n'
    separator = ""
    for record, geometry in zip(_rows(frame), _geometry_objects(frame), strict=True):
        yield separator
        yield _JSON({"type": "Feature", "geometry": geometry, "properties": record})
        separator = ",\n"
    if separator:
        yield "\n"
    yield "]}\n"


def write_geojson(incidents: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the incidents as an RFC 7946 GeoJSON FeatureCollection.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        The frame of :func:`mapper.incidents.to_geodataframe`.
    path : str or Path
        The file to write (replaced atomically).

    Returns
    -------
    Path
        ``path``.
    """
    return _write_chunks(path, _geojson_chunks(_prepared(incidents)))


def _write_text(path: str | Path, text: str) -> Path:
    try:
        return atomic_write_text(path, text)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _write_chunks(path: str | Path, chunks: Iterable[str]) -> Path:
    """Stream text into ``path`` atomically (nothing of it is ever held whole)."""
    try:
        return atomic_write_chunks(path, chunks)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc


# --------------------------------------------------------------------------- GeoPackage


def _flat_frame(frame: gpd.GeoDataFrame, *, columns: Sequence[str]) -> gpd.GeoDataFrame:
    """Return ``columns`` with list / dict cells as JSON text and dates as ISO text."""
    data: dict[str, object] = {}
    for column in columns:
        series = frame[column]
        values = series.tolist() if column in LIST_COLUMNS or series.dtype == object else []
        kinds = {type(v) for v in values}
        if column in LIST_COLUMNS or any(
            issubclass(k, list | tuple | dict | np.ndarray) for k in kinds
        ):
            data[column] = pd.Series(
                [_JSON(_as_list(v)) for v in _plain_column(series)],
                index=frame.index,
                dtype=object,
            )
        elif any(issubclass(k, dt.date) for k in kinds):
            data[column] = pd.Series(
                [None if _is_missing(v) else _plain(v) for v in values],
                index=frame.index,
                dtype=object,
            )
        else:
            data[column] = series
    return gpd.GeoDataFrame(data, geometry=frame.geometry.values, crs=CRS, index=frame.index)


def _front_frame(front: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if not isinstance(front, gpd.GeoDataFrame):
        raise ExportError(f"front: expected a GeoDataFrame, got {type(front).__name__}")
    if front.crs is None:
        front = front.set_crs(CRS)
    elif front.crs.to_epsg() != 4326:
        front = front.to_crs(CRS)
    columns = [c for c in front.columns if c != front.geometry.name]
    return _flat_frame(front, columns=columns)


@contextlib.contextmanager
def _fixed_gdal_date() -> Iterator[None]:
    """Make GDAL stamp files with a fixed date, so a GeoPackage is byte-reproducible.

    The date is ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) when set,
    else 1970-01-01.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        moment = dt.datetime.fromtimestamp(0, tz=dt.UTC)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def write_gpkg(
    incidents: gpd.GeoDataFrame,
    path: str | Path,
    *,
    front: gpd.GeoDataFrame | None = None,
) -> Path:
    """Write a GeoPackage with layer ``incidents`` (and ``mosul_front`` if given).

    List columns are stored as JSON text, dates as ISO text, so that QGIS and any
    GDAL tool show every value. The file's time stamps are fixed (see
    ``SOURCE_DATE_EPOCH``), so the same input gives the same bytes.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        The frame of :func:`mapper.incidents.to_geodataframe`.
    path : str or Path
        The ``.gpkg`` file to write (replaced atomically).
    front : geopandas.GeoDataFrame, optional
        Front lines / areas with their dates (:func:`mapper.front.front_lines`),
        written as layer ``mosul_front``.

    Returns
    -------
    Path
        ``path``.
    """
    frame = _flat_frame(_prepared(incidents), columns=COLUMNS)
    front_frame = None if front is None else _front_frame(front)
    try:
        with _fixed_gdal_date(), atomic_path(path, suffix=".gpkg") as tmp:
            pyogrio.write_dataframe(
                frame, tmp, layer=GPKG_LAYER, driver="GPKG", geometry_type="Point"
            )
            if front_frame is not None:
                kinds = set(front_frame.geometry.geom_type.dropna())
                geometry_type = kinds.pop() if len(kinds) == 1 else "Unknown"
                pyogrio.write_dataframe(
                    front_frame,
                    tmp,
                    layer=FRONT_LAYER,
                    driver="GPKG",
                    geometry_type=geometry_type,
                )
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.FieldError) as exc:
        raise ExportError(f"{path}: cannot write the GeoPackage ({exc})") from exc
    return Path(path)


# --------------------------------------------------------------------------- CSV


def _cell_text(column: str, plain: Any) -> str:
    """Return a plain cell (see :func:`_plain`) as CSV text."""
    return _CSV_TEXT.get(column, _scalar_text)(plain)


def _text_column(column: str, plain: list[Any]) -> list[str]:
    """Return :func:`_cell_text` of a column of plain cells."""
    text = _CSV_TEXT.get(column, _scalar_text)
    if text is _scalar_text:  # most cells are text already
        return [v if type(v) is str else _scalar_text(v) for v in plain]
    return [text(v) for v in plain]


def _scalar_text(plain: Any) -> str:
    """Return a plain scalar cell as CSV text."""
    if type(plain) is str:
        return plain
    if plain is None:
        return ""
    if isinstance(plain, bool):
        return "true" if plain else "false"
    if isinstance(plain, float):
        return repr(plain)
    if isinstance(plain, list | dict):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def _list_text(plain: Any) -> str:
    """Return a plain list cell ``;``-joined."""
    if type(plain) is list and all(type(v) is str for v in plain):
        return ";".join(plain)
    return ";".join("" if v is None else str(v) for v in _as_list(plain))


#: CSV text of a plain cell, for the columns not written as scalars.
_CSV_TEXT: dict[str, Callable[[Any], str]] = {
    **{column: _list_text for column in LIST_COLUMNS},
    "evidence": lambda plain: _JSON(_as_list(plain)),
}


def csv_text(incidents: gpd.GeoDataFrame) -> str:
    """Return the CSV text (ACLED's columns first, then the rest of the schema).

    Examples
    --------
    >>> csv_text(to_geodataframe([])).splitlines()[0].split(",")[:4]
    ['incident_id', 'event_date', 'year', 'time_precision']
    """
    buffer = io.StringIO()
    _write_csv_rows(_prepared(incidents), buffer)
    return buffer.getvalue()


def _write_csv_rows(frame: gpd.GeoDataFrame, handle: TextIO) -> None:
    """Write the CSV header and rows into ``handle``, one row at a time."""
    # RFC 4180 line ends: a cell holding CR or LF is then quoted
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    derived = {"year": len(COLUMNS), "source": COLUMNS.index("sources")}
    order = [derived[c] if c in derived else COLUMNS.index(c) for c in CSV_COLUMNS]
    date = COLUMNS.index("event_date")
    for plain in _plain_blocks(frame):  # column by column, a block of rows at a time
        texts = [_text_column(c, values) for c, values in zip(COLUMNS, plain, strict=True)]
        texts.append([day[:4] for day in texts[date]])
        writer.writerows(zip(*(texts[i] for i in order), strict=True))


def write_csv(incidents: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the incidents as UTF-8 CSV with ACLED's column names first.

    ``incident_id`` plays ACLED's ``event_id_cnty``; ``year`` comes from
    ``event_date``; ``source`` is the ``;``-joined ``sources``. List columns are
    ``;``-joined, ``evidence`` is JSON text, dates ISO, booleans ``true``/``false``.

    Returns
    -------
    Path
        ``path``.
    """
    frame = _prepared(incidents)
    try:
        with atomic_text_file(path) as handle:
            _write_csv_rows(frame, handle)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return Path(path)


# --------------------------------------------------------------------------- KML


def _kml_colour(colour: str) -> str:
    """Return a ``#rrggbb`` colour as KML's ``aabbggrr``.

    Examples
    --------
    >>> _kml_colour("#c0392b")
    'ff2b39c0'
    >>> _kml_colour("red")
    'ff6b6b6b'
    """
    match = re.fullmatch(r"#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", colour.strip())
    if not match:
        return "ff6b6b6b"
    red, green, blue = (g.lower() for g in match.groups())
    return f"ff{blue}{green}{red}"


def _x(text: object) -> str:
    """Return text escaped for XML, without characters XML 1.0 forbids.

    Examples
    --------
    >>> _x('a < "b" & c')
    'a &lt; &quot;b&quot; &amp; c'
    """
    clean = _CONTROL.sub("", str(text))
    if not _XML_SPECIAL.search(clean):
        return clean
    return _xml_escape(clean, {'"': "&quot;"})


def _xml_id(value: object) -> str:
    """Return ``value`` as a valid XML ID (KML's ``id`` attribute).

    Examples
    --------
    >>> _xml_id("IRQ-0001"), _xml_id("12 ab")
    ('IRQ-0001', 'i-12_ab')
    """
    text = re.sub(r"[^A-Za-z0-9_.-]", "_", str(value))
    return text if re.match(r"[A-Za-z_]", text) else f"i-{text}"


def _style_id(layer: str) -> str:
    return "layer-" + re.sub(r"[^A-Za-z0-9_.-]", "_", layer)


def _description(record: Mapping[str, Any]) -> str:
    """Return the placemark balloon as HTML whose text parts are escaped."""
    lines = [f"{record['event_type']}: {record['sub_event_type']}"]
    date = record["event_date"] or "date unknown"
    if record["date_start"] and record["date_end"] and record["date_start"] != record["date_end"]:
        date += f" (between {record['date_start']} and {record['date_end']})"
    lines.append(f"Date: {date}")
    actors = [a for a in (record["actor1"], record["actor2"]) if a]
    if actors:
        lines.append("Actors: " + " vs ".join(actors))
    killed = f"Fatalities: {record['fatalities']}"
    low, high = record["fatalities_low"], record["fatalities_high"]
    if low is not None and high is not None and low != high:
        killed += f" (reports range {low}-{high})"
    if record["wounded"] is not None:
        killed += f"; wounded: {record['wounded']}"
    lines.append(killed)
    if record["sources"]:
        lines.append("Sources: " + ", ".join(record["sources"]))
    lines.append(f"Claim status: {record['claim_status']}")
    if record["notes"]:
        lines.append(record["notes"])
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def kml_text(incidents: gpd.GeoDataFrame) -> str:
    """Return a KML 2.2 document of the incidents, one folder per map layer."""
    frame = _prepared(incidents)
    themes = {t.name: t for t in default_themes()}
    records = _records(frame)
    layers = sorted(
        {r["layer"] or OTHER for r in records},
        key=lambda name: (list(themes).index(name) if name in themes else len(themes), name),
    )
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<kml xmlns="http://www.opengis.net/kml/2.2">',
        "<Document>",
        "<name>incidents</name>",
    ]
    for layer in layers:
        colour = themes[layer].colour if layer in themes else themes[OTHER].colour
        out.append(
            f'<Style id="{_x(_style_id(layer))}"><IconStyle><color>{_kml_colour(colour)}</color>'
            "<scale>1.1</scale></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle></Style>"
        )
    geometries = _geometries(frame)
    if not layers:  # an empty folder, so GIS tools still see one (empty) layer
        out.append("<Folder><name>incidents</name></Folder>")
    for layer in layers:
        title = themes[layer].title if layer in themes else layer
        out.append(f"<Folder><name>{_x(title)}</name>")
        for record, geom in zip(records, geometries, strict=True):
            if (record["layer"] or OTHER) != layer:
                continue
            out.append(_placemark(record, geom, style=_style_id(layer)))
        out.append("</Folder>")
    out += ["</Document>", "</kml>", ""]
    return "\n".join(out)


def _placemark(record: Mapping[str, Any], geom: object, *, style: str) -> str:
    name = record["location"] or record["incident_id"]
    if record["event_date"]:
        name += f", {record['event_date']}"
    parts = [f'<Placemark id="{_xml_id(record["incident_id"])}">', f"<name>{_x(name)}</name>"]
    start, end = record["date_start"], record["date_end"]
    if start and end and start != end:
        parts.append(f"<TimeSpan><begin>{_x(start)}</begin><end>{_x(end)}</end></TimeSpan>")
    elif record["event_date"]:
        parts.append(f"<TimeStamp><when>{_x(record['event_date'])}</when></TimeStamp>")
    parts.append(f"<styleUrl>#{_x(style)}</styleUrl>")
    parts.append(f"<description>{_x(_description(record))}</description>")
    parts.append("<ExtendedData>")
    for column in COLUMNS:
        value = _cell_text(column, record[column])
        parts.append(f'<Data name="{column}"><value>{_x(value)}</value></Data>')
    parts.append("</ExtendedData>")
    lon, lat = _point_lon_lat(record, geom)
    parts.append(f"<Point><coordinates>{lon!r},{lat!r}</coordinates></Point>")
    parts.append("</Placemark>")
    return "".join(parts)


def _point_lon_lat(record: Mapping[str, Any], geom: object) -> tuple[float, float]:
    """Return the point's (lon, lat), from the geometry or else the columns."""
    raw = _geometry(geom)
    if raw is not None and raw["type"] == "Point":
        lon, lat = raw["coordinates"][:2]
        return float(lon), float(lat)
    if isinstance(geom, shapely.Geometry) and not geom.is_empty:
        centre = _geometry(geom.representative_point())
        if centre is not None:
            return float(centre["coordinates"][0]), float(centre["coordinates"][1])
    return float(record["longitude"]), float(record["latitude"])


def write_kml(incidents: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the incidents as KML for Google Earth.

    One folder per map layer, coloured like the map's themes; each placemark is named
    after its place and date, carries a time stamp (or span) for Google Earth's time
    slider, a readable description, and every schema column as ``ExtendedData``.
    Written by hand: GDAL's LIBKML driver crashes on styled features.

    Returns
    -------
    Path
        ``path``.
    """
    return _write_text(path, kml_text(incidents))


# --------------------------------------------------------------------------- export


def _formats(formats: Iterable[str]) -> list[str]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen: list[str] = []
    bad: list[str] = []
    for item in items:
        if not isinstance(item, str):
            bad.append(repr(item))
            continue
        name = item.strip().lower().lstrip(".")
        if name == "json":
            name = "geojson"
        if name in FORMATS:
            if name not in chosen:
                chosen.append(name)
        elif name:
            bad.append(item)
    if bad:
        raise ExportError(
            f"unknown export format(s) {', '.join(bad)}; choose from {', '.join(FORMATS)}"
        )
    if not chosen:
        raise ExportError(f"no export format given; choose from {', '.join(FORMATS)}")
    return chosen


def export(
    incidents: gpd.GeoDataFrame,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = ("geojson",),
    front: gpd.GeoDataFrame | None = None,
    stem: str = "incidents",
) -> list[Path]:
    """Write the incidents in each chosen format as ``out_dir/stem.<suffix>``.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        The frame of :func:`mapper.incidents.to_geodataframe`.
    out_dir : str or Path
        Directory to write into (created if needed).
    formats : iterable of str
        Any of :data:`FORMATS` (a comma-separated string works too).
    front : geopandas.GeoDataFrame, optional
        Front lines for the GeoPackage's ``mosul_front`` layer.
    stem : str
        File name without suffix.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ExportError
        On an unknown format (the message lists the valid ones) or a failed write.
    """
    chosen = _formats(formats)
    if not stem or "/" in stem or "\\" in stem:
        raise ExportError(f"stem must be a plain file name, got {stem!r}")
    directory = Path(out_dir)
    writers: dict[str, Callable[[gpd.GeoDataFrame, Path], Path]] = {
        "geojson": write_geojson,
        "csv": write_csv,
        "kml": write_kml,
        "gpkg": lambda frame, path: write_gpkg(frame, path, front=front),
    }
    return [writers[name](incidents, directory / f"{stem}{_SUFFIX[name]}") for name in chosen]


# --------------------------------------------------------------------------- reading


def _bad(path: Path, message: str) -> InputError:
    return InputError(f"not a mapper incidents file: {message}", path=str(path))


def _opt_str(value: object) -> str | None:
    plain = _plain(value)
    if plain is None:
        return None
    return str(plain)


def _opt_int(value: object, *, column: str, path: Path) -> int | None:
    plain = _plain(value)
    if plain is None or plain == "":
        return None
    try:
        number = float(plain)
    except (TypeError, ValueError):
        raise _bad(path, f"{column} is not a number: {plain!r}") from None
    if not number.is_integer():
        raise _bad(path, f"{column} is not a whole number: {plain!r}")
    return int(number)


def _date(value: object, *, column: str, path: Path) -> dt.date | None:
    text = _opt_str(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _bad(path, f"{column} is not an ISO date: {text!r}") from None


def _list(value: object, *, flat: bool) -> list[Any]:
    """Return a list cell read from JSON (array or JSON text) or ``;``-joined text."""
    plain = _plain(value)
    if plain is None or plain == "":
        return []
    if isinstance(plain, list):
        return plain
    text = str(plain)
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError:
            loaded = None
        if isinstance(loaded, list):
            return loaded
    return text.split(";") if flat else [text]


def _evidence(value: object, *, path: Path) -> tuple[Evidence, ...]:
    items = _list(value, flat=False)
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            raise _bad(path, f"evidence must be a list of objects, got {item!r}")
        try:
            out.append(
                Evidence(
                    field=str(item["field"]),
                    article_id=str(item["article_id"]),
                    start=int(item["start"]),
                    end=int(item["end"]),
                    quote=str(item["quote"]),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise _bad(path, f"evidence entry {item!r} is incomplete ({exc})") from None
    return tuple(out)


def _bool(value: object) -> bool:
    plain = _plain(value)
    if isinstance(plain, str):
        return plain.strip().lower() in {"true", "1", "yes", "t"}
    return bool(plain)


def _incident(
    row: Mapping[str, object],
    *,
    lonlat: tuple[float, float] | None,
    path: Path,
    flat: bool,
) -> Incident:
    """Build the :class:`Incident` a row of one of our files stands for."""
    missing = [c for c in COLUMNS if c not in row]
    if missing:
        raise _bad(path, f"missing column(s) {', '.join(missing)}")

    def required(column: str) -> int:
        number = _opt_int(row[column], column=column, path=path)
        if number is None:
            raise _bad(path, f"{column} is empty in incident {row['incident_id']!r}")
        return number

    def optional(column: str) -> int | None:
        return _opt_int(row[column], column=column, path=path)

    if lonlat is None:
        lon_f = _plain(row["longitude"])
        lat_f = _plain(row["latitude"])
        try:
            lonlat = (float(lon_f), float(lat_f))
        except (TypeError, ValueError):
            raise _bad(path, f"no coordinates for incident {row['incident_id']!r}") from None
    lon, lat = lonlat
    return Incident(
        incident_id=_opt_str(row["incident_id"]) or "",
        event_type=_opt_str(row["event_type"]) or "",
        sub_event_type=_opt_str(row["sub_event_type"]) or "",
        location=_opt_str(row["location"]) or "",
        lat=lat,
        lon=lon,
        geo_precision=required("geo_precision"),
        where_prec=required("where_prec"),
        country=_opt_str(row["country"]) or "",
        admin1=_opt_str(row["admin1"]),
        admin2=_opt_str(row["admin2"]),
        event_date=_date(row["event_date"], column="event_date", path=path),
        date_start=_date(row["date_start"], column="date_start", path=path),
        date_end=_date(row["date_end"], column="date_end", path=path),
        time_precision=optional("time_precision"),
        date_inferred=_bool(row["date_inferred"]),
        actor1=_opt_str(row["actor1"]),
        actor2=_opt_str(row["actor2"]),
        fatalities=required("fatalities"),
        fatalities_low=optional("fatalities_low"),
        fatalities_best=optional("fatalities_best"),
        fatalities_high=optional("fatalities_high"),
        deaths_a=optional("deaths_a"),
        deaths_b=optional("deaths_b"),
        deaths_civilians=optional("deaths_civilians"),
        deaths_unknown=optional("deaths_unknown"),
        wounded=optional("wounded"),
        sources=tuple(str(s) for s in _list(row["sources"], flat=flat)),
        article_ids=tuple(str(s) for s in _list(row["article_ids"], flat=flat)),
        source_count=required("source_count"),
        claim_status=_opt_str(row["claim_status"]) or "",
        layer=_opt_str(row["layer"]) or OTHER,
        notes=_opt_str(row["notes"]) or "",
        sub_locations=tuple(str(s) for s in _list(row["sub_locations"], flat=flat)),
        evidence=_evidence(row["evidence"], path=path),
    )


def _point(geometry: object) -> tuple[float, float] | None:
    """Return (lon, lat) of a GeoJSON / shapely point, else None."""
    if isinstance(geometry, Mapping):
        if geometry.get("type") != "Point":
            return None
        coords = geometry.get("coordinates")
        if isinstance(coords, list) and len(coords) >= 2:
            return float(coords[0]), float(coords[1])
        return None
    if isinstance(geometry, shapely.Point) and not geometry.is_empty:
        return float(geometry.x), float(geometry.y)
    return None


def _read_geojson(path: Path) -> list[Incident]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise _bad(path, f"invalid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise _bad(path, "expected a GeoJSON FeatureCollection")
    features = doc.get("features")
    if not isinstance(features, list):
        raise _bad(path, "the FeatureCollection has no features array")
    out = []
    for feature in features:
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise _bad(path, "a feature has no properties object")
        lonlat = _point(feature.get("geometry"))
        out.append(_incident(feature["properties"], lonlat=lonlat, path=path, flat=False))
    return out


def _read_gpkg(path: Path) -> list[Incident]:
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
        if GPKG_LAYER not in layers:
            raise _bad(path, f"no layer {GPKG_LAYER!r} (layers: {', '.join(layers)})")
        frame = pyogrio.read_dataframe(path, layer=GPKG_LAYER)
    except pyogrio.errors.DataSourceError as exc:
        raise _bad(path, f"cannot open as a GeoPackage ({exc})") from None
    columns = {c: list(frame[c]) for c in frame.columns if c != frame.geometry.name}
    geometries = list(frame.geometry)
    out = []
    for i in range(len(frame)):
        row = {c: values[i] for c, values in columns.items()}
        out.append(_incident(row, lonlat=_point(geometries[i]), path=path, flat=False))
    return out


def _read_csv(path: Path) -> list[Incident]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    out = []
    for row in rows:
        cells: dict[str, object] = {k: (None if v == "" else v) for k, v in row.items() if k}
        for column in ("notes", "location", "country", "event_type", "sub_event_type"):
            if column in cells and cells[column] is None:
                cells[column] = ""
        out.append(_incident(cells, lonlat=None, path=path, flat=True))
    return out


def read_incidents(path: str | Path) -> gpd.GeoDataFrame:
    """Read one of our GeoJSON, GeoPackage or CSV files back into the incidents frame.

    The result has exactly the columns and dtypes of
    :func:`mapper.incidents.to_geodataframe` (lists as lists, ``Int64``, dates as ISO
    strings or ``None``), so a round trip compares equal. Coordinates come from the
    geometry where the file has one (an edit in QGIS is kept), else from the
    ``latitude`` / ``longitude`` columns. In CSV, a list item containing ``;``
    cannot be told apart from two items.

    Raises
    ------
    InputError
        When the file is missing, of another kind, or not one of our exports.
    """
    source = Path(path)
    if not source.is_file():
        raise InputError("no such file", path=str(source))
    readers: dict[str, Callable[[Path], list[Incident]]] = {
        ".geojson": _read_geojson,
        ".json": _read_geojson,
        ".gpkg": _read_gpkg,
        ".csv": _read_csv,
    }
    reader = readers.get(source.suffix.lower())
    if reader is None:
        raise InputError(
            f"cannot read {source.suffix or 'files without a suffix'}; "
            f"expected one of {', '.join(sorted(readers))}",
            path=str(source),
        )
    try:
        incidents = reader(source)
    except UnicodeDecodeError as exc:
        raise _bad(source, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(source)) from None
    return to_geodataframe(incidents)
