"""Tests of mapper.export: GeoJSON, GeoPackage, CSV and KML files and reading them back."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import geopandas as gpd
import jsonschema
import pyogrio
import pytest
from geopandas.testing import assert_geodataframe_equal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

import mapper._atomic
from conftest import sample_incidents
from mapper import export as ex
from mapper.errors import ExportError, InputError
from mapper.incidents import to_geodataframe
from mapper.models import Evidence, Incident
from mapper.schema import COLUMNS, LIST_COLUMNS

IRAQ_BBOX = (38.7, 29.0, 48.8, 37.4)  # min lon, min lat, max lon, max lat
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    text = resources.files("mapper").joinpath("data/incident.schema.json").read_text("utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


@pytest.fixture
def empty_gdf() -> gpd.GeoDataFrame:
    return to_geodataframe([])


@pytest.fixture
def tricky_gdf() -> gpd.GeoDataFrame:
    """Text that breaks naive writers: quotes, commas, newlines, markup, Arabic."""
    base = sample_incidents()
    odd = dataclasses.replace(
        base[0],
        incident_id="IRQ-0099",
        location='Hawija, "old" market',
        notes='Line one, with a comma;\nline two with <script>alert("x")</script> & more.',
        actor1="Popular Mobilization Forces – حشد",
        sources=("Rudaw", "Al-Sumaria TV"),
        sub_locations=("حي العروبة",),
        evidence=(
            Evidence(field="notes", article_id="z9", start=3, end=9, quote='He said "no".'),
            Evidence(field="fatalities", article_id="z9", start=10, end=20, quote="a, b; c"),
        ),
        date_inferred=True,
        wounded=None,
        admin2=None,
    )
    return to_geodataframe([*base, odd])


# ----------------------------------------------------------------------------- GeoJSON


def test_formats_constant() -> None:
    assert ex.FORMATS == ("geojson", "gpkg", "csv", "kml")


def test_geojson_follows_rfc7946(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_geojson(incidents_gdf, tmp_path / "i.geojson")
    text = path.read_text("utf-8")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    assert len(doc["features"]) == len(incidents_gdf)
    for feature, (_, row) in zip(doc["features"], incidents_gdf.iterrows(), strict=True):
        assert feature["type"] == "Feature"
        assert "crs" not in feature
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert lon == pytest.approx(row["longitude"]) and lat == pytest.approx(row["latitude"])
        assert IRAQ_BBOX[0] <= lon <= IRAQ_BBOX[2] and IRAQ_BBOX[1] <= lat <= IRAQ_BBOX[3]
        assert list(feature["properties"]) == list(COLUMNS)
    # no number in the file has more than six decimals
    decimals = [len(m) for m in re.findall(r"-?\d+\.(\d+)", text)]
    assert decimals and max(decimals) <= 6


def test_geojson_passes_json_schema(
    tricky_gdf: gpd.GeoDataFrame, tmp_path: Path, schema: dict[str, object]
) -> None:
    doc = json.loads(ex.write_geojson(tricky_gdf, tmp_path / "i.geojson").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for feature in doc["features"]:
        validator.validate(feature["properties"])
    evidence = doc["features"][-1]["properties"]["evidence"]
    assert evidence[0] == {
        "field": "notes",
        "article_id": "z9",
        "start": 3,
        "end": 9,
        "quote": 'He said "no".',
    }


def test_json_schema_rejects_bad_properties(schema: dict[str, object]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    good = json.loads(ex.geojson_text(to_geodataframe(sample_incidents()[:1])))
    props = good["features"][0]["properties"]
    validator.validate(props)
    for change in (
        {"time_precision": 4},
        {"event_date": "21/10/2016"},
        {"sources": "DW"},
        {"claim_status": "rumoured"},
        {"extra_column": 1},
        {"evidence": [{"field": "x"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate({**props, **change})
    without = dict(props)
    del without["incident_id"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(without)


def test_schema_file_lists_every_column(schema: dict[str, object]) -> None:
    assert schema["required"] == list(COLUMNS)
    properties = schema["properties"]
    assert isinstance(properties, dict)
    assert list(properties) == list(COLUMNS)


def test_geojson_rounds_coordinates_to_six_decimals(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    frame = incidents_gdf.copy()
    frame.geometry = [Point(44.123456789, 35.987654321), *list(frame.geometry[1:])]
    doc = json.loads(ex.write_geojson(frame, tmp_path / "i.geojson").read_text("utf-8"))
    assert doc["features"][0]["geometry"]["coordinates"] == [44.123457, 35.987654]


def test_geojson_reprojects_to_wgs84(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    mercator = incidents_gdf.to_crs(3857)
    doc = json.loads(ex.write_geojson(mercator, tmp_path / "i.geojson").read_text("utf-8"))
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx((44.3922, 35.4681), abs=1e-6)


def test_geojson_keeps_row_order(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    reversed_gdf = incidents_gdf.iloc[::-1]
    doc = json.loads(ex.write_geojson(reversed_gdf, tmp_path / "i.geojson").read_text("utf-8"))
    ids = [f["properties"]["incident_id"] for f in doc["features"]]
    assert ids == list(reversed_gdf["incident_id"])


def test_empty_geojson(empty_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    doc = json.loads(ex.write_geojson(empty_gdf, tmp_path / "e.geojson").read_text("utf-8"))
    assert doc == {"type": "FeatureCollection", "features": []}


def test_missing_column_is_a_clear_error(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="fatalities"):
        ex.write_geojson(incidents_gdf.drop(columns=["fatalities"]), tmp_path / "x.geojson")
    with pytest.raises(ExportError, match="GeoDataFrame"):
        ex.write_csv(incidents_gdf.to_dict(), tmp_path / "x.csv")  # type: ignore[arg-type]
    assert not (tmp_path / "x.geojson").exists()


# ----------------------------------------------------------------------------- GDAL read-back


@pytest.mark.parametrize("fmt", ex.FORMATS)
@pytest.mark.parametrize("which", ["sample", "empty", "tricky"])
def test_every_format_reads_back_through_gdal(
    fmt: str,
    which: str,
    incidents_gdf: gpd.GeoDataFrame,
    empty_gdf: gpd.GeoDataFrame,
    tricky_gdf: gpd.GeoDataFrame,
    tmp_path: Path,
) -> None:
    frame = {"sample": incidents_gdf, "empty": empty_gdf, "tricky": tricky_gdf}[which]
    (path,) = ex.export(frame, tmp_path, formats=[fmt])
    assert path == tmp_path / f"incidents.{fmt}"
    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    if fmt == "gpkg":
        layers = ["incidents"]
    total = 0
    for layer in layers:
        info = pyogrio.read_info(path, layer=layer)
        total += info["features"]
        if fmt != "csv":
            assert info["crs"] == "EPSG:4326"
        if len(frame) and fmt != "kml":
            fields = list(info["fields"])
            assert set(COLUMNS) <= set(fields)
    assert total == len(frame)
    if len(frame) and fmt == "kml":
        read = pyogrio.read_dataframe(path, layer=layers[0])
        assert set(COLUMNS) <= set(read.columns)
    if len(frame) and fmt != "csv":
        read = gpd.GeoDataFrame()
        for layer in layers:
            part = pyogrio.read_dataframe(path, layer=layer)
            read = part if read.empty else gpd.pd.concat([read, part], ignore_index=True)
        assert sorted(read["incident_id"]) == sorted(frame["incident_id"])
        by_id = {r.incident_id: r.geometry for r in read.itertuples()}
        for row in frame.itertuples():
            assert by_id[row.incident_id].x == pytest.approx(row.longitude)
            assert by_id[row.incident_id].y == pytest.approx(row.latitude)


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
@pytest.mark.parametrize("which", ["sample", "empty", "tricky"])
def test_round_trip_is_equal(
    fmt: str,
    which: str,
    incidents_gdf: gpd.GeoDataFrame,
    empty_gdf: gpd.GeoDataFrame,
    tricky_gdf: gpd.GeoDataFrame,
    tmp_path: Path,
) -> None:
    frame = {"sample": incidents_gdf, "empty": empty_gdf, "tricky": tricky_gdf}[which]
    (path,) = ex.export(frame, tmp_path, formats=[fmt])
    back = ex.read_incidents(path)
    assert_geodataframe_equal(back, frame)
    assert list(back.columns) == [*COLUMNS, "geometry"]


def test_round_trip_of_gdal_resaved_geojson(tricky_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    """A file opened and saved again by a GDAL tool (as QGIS does) still reads back."""
    path = ex.write_geojson(tricky_gdf, tmp_path / "ours.geojson")
    resaved = tmp_path / "resaved.geojson"
    frame = pyogrio.read_dataframe(path)  # string lists come back as numpy arrays
    for column in ("sources", "article_ids", "sub_locations"):
        frame[column] = [json.dumps(list(v), ensure_ascii=False) for v in frame[column]]
    pyogrio.write_dataframe(frame, resaved, driver="GeoJSON")
    doc = json.loads(resaved.read_text("utf-8"))
    assert "crs" in doc  # GDAL's legacy member
    assert doc["features"][0]["properties"]["event_date"] == "2016-10-21T00:00:00"
    assert_geodataframe_equal(ex.read_incidents(resaved), tricky_gdf)


def test_gpkg_keeps_a_point_moved_in_qgis(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg")
    frame = pyogrio.read_dataframe(path, layer="incidents")
    frame.loc[0, "geometry"] = Point(44.5, 35.5)
    pyogrio.write_dataframe(frame, path, layer="incidents", driver="GPKG")
    back = ex.read_incidents(path)
    assert (back.loc[0, "longitude"], back.loc[0, "latitude"]) == (44.5, 35.5)
    assert back.geometry[0].equals(Point(44.5, 35.5))


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("missing.geojson", None, "no such file"),
        ("i.shp", "x", "expected one of"),
        ("i.geojson", "{not json", "invalid JSON"),
        ("i.geojson", '{"type": "Feature"}', "FeatureCollection"),
        (
            "i.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", '
            '"geometry": null, "properties": {"incident_id": "x"}}]}',
            "missing column",
        ),
        ("i.csv", "incident_id,notes\nx,y\n", "missing column"),
        ("i.gpkg", "not a database", "GeoPackage"),
    ],
)
def test_read_incidents_rejects_other_files(
    tmp_path: Path, name: str, content: str | None, match: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        ex.read_incidents(path)


def test_read_incidents_reports_bad_numbers(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    path = ex.write_csv(incidents_gdf, tmp_path / "i.csv")
    text = path.read_text("utf-8").replace(
        "IRQ-0001,2016-10-21,2016,1,", "IRQ-0001,2016-10-21,2016,one,"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="time_precision"):
        ex.read_incidents(path)


# ----------------------------------------------------------------------------- GeoPackage


def _front() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "date": ["2016-10-17", "2016-11-01"],
            "force": ["Iraqi Security Forces", "Peshmerga"],
            "places": [["Bartella", "Qaraqosh"], ["Bashiqa"]],
            "sources": [["Example Wire"], []],
        },
        geometry=[
            LineString([(43.38, 36.27), (43.38, 36.36), (43.25, 36.45)]),
            Polygon([(43.3, 36.4), (43.45, 36.4), (43.45, 36.5), (43.3, 36.4)]),
        ],
        crs="EPSG:4326",
    )


def test_gpkg_layers_and_front(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg", front=_front())
    layers = {str(name): str(kind) for name, kind in pyogrio.list_layers(path)}
    assert layers["incidents"] == "Point"
    assert "mosul_front" in layers
    info = pyogrio.read_info(path, layer="mosul_front")
    assert info["crs"] == "EPSG:4326" and info["features"] == 2
    front = pyogrio.read_dataframe(path, layer="mosul_front")
    assert list(front["date"]) == ["2016-10-17", "2016-11-01"]
    assert json.loads(front["places"][0]) == ["Bartella", "Qaraqosh"]
    assert list(front.geometry.geom_type) == ["LineString", "Polygon"]


def test_gpkg_front_in_other_crs_is_reprojected(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg", front=_front().to_crs(3857))
    front = pyogrio.read_dataframe(path, layer="mosul_front")
    assert str(front.crs) == "EPSG:4326"
    assert front.geometry[0].coords[0] == pytest.approx((43.38, 36.27))


def test_gpkg_lists_are_json_text(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg")
    info = pyogrio.read_info(path, layer="incidents")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    for column in LIST_COLUMNS:
        assert types[column] == "OFTString"
    assert types["date_inferred"] == "OFTInteger"  # boolean sub-type
    read = pyogrio.read_dataframe(path, layer="incidents")
    assert json.loads(read["sources"][0]) == ["DW", "The Sun"]
    assert json.loads(read["evidence"][0])[0]["quote"] == "Gunmen stormed buildings in Kirkuk."


# ----------------------------------------------------------------------------- CSV


def test_csv_acled_columns_first(tricky_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_csv(tricky_gdf, tmp_path / "i.csv")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    acled = [
        "incident_id", "event_date", "year", "time_precision", "event_type", "sub_event_type",
        "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
        "longitude", "geo_precision", "source", "notes", "fatalities",
    ]  # fmt: skip
    assert header[: len(acled)] == acled
    assert set(COLUMNS) <= set(header)
    assert len(header) == len(set(header)) == len(COLUMNS) + 2
    first, odd = rows[0], rows[-1]
    assert first["year"] == "2016" and first["event_date"] == "2016-10-21"
    assert first["source"] == first["sources"] == "DW;The Sun"
    assert first["sub_locations"] == "Aruba;Domiz"
    assert json.loads(first["evidence"])[0]["article_id"] == "a1"
    assert first["deaths_a"] == "" and first["deaths_b"] == "48"
    undated = rows[4]
    assert undated["event_date"] == undated["year"] == ""
    assert odd["notes"].startswith("Line one, with a comma;\nline two")
    assert odd["sub_locations"] == "حي العروبة"
    assert odd["date_inferred"] == "true"


# ----------------------------------------------------------------------------- KML


def test_kml_is_valid_and_escaped(tricky_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = ex.write_kml(tricky_gdf, tmp_path / "i.kml")
    root = ET.parse(path).getroot()
    folders = root.findall("k:Document/k:Folder", KML_NS)
    assert [f.findtext("k:name", namespaces=KML_NS) for f in folders] == [
        "Kirkuk attacks (October 2016)",
        "Mosul front",
        "Other incidents",
    ]
    marks = root.findall(".//k:Placemark", KML_NS)
    assert len(marks) == len(tricky_gdf)
    by_id = {m.get("id"): m for m in marks}
    kirkuk = by_id["IRQ-0001"]
    assert kirkuk.findtext("k:name", namespaces=KML_NS) == "Kirkuk, 2016-10-21"
    assert kirkuk.findtext("k:Point/k:coordinates", namespaces=KML_NS) == "44.3922,35.4681"
    assert kirkuk.findtext("k:TimeStamp/k:when", namespaces=KML_NS) == "2016-10-21"
    mosul = by_id["IRQ-0003"]
    assert mosul.findtext("k:TimeSpan/k:begin", namespaces=KML_NS) == "2016-10-20"
    odd = by_id["IRQ-0099"]
    description = odd.findtext("k:description", namespaces=KML_NS) or ""
    # the balloon is HTML: the article's markup must arrive as text, not as tags
    assert "<script>" not in description and "&lt;script&gt;" in description
    data = {
        d.get("name"): d.findtext("k:value", namespaces=KML_NS)
        for d in odd.findall("k:ExtendedData/k:Data", KML_NS)
    }
    assert list(data) == list(COLUMNS)
    assert data["location"] == 'Hawija, "old" market'
    assert (
        data["notes"]
        == 'Line one, with a comma;\nline two with <script>alert("x")</script> & more.'
    )
    styles = root.findall("k:Document/k:Style", KML_NS)
    colours = {s.get("id"): s.findtext("k:IconStyle/k:color", namespaces=KML_NS) for s in styles}
    assert colours["layer-kirkuk-attacks"] == "ff2b39c0"


def test_kml_strips_characters_xml_forbids(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    frame = incidents_gdf.copy()
    frame.loc[0, "notes"] = "bell\x07 and nul\x00 here"
    path = ex.write_kml(frame, tmp_path / "i.kml")
    root = ET.parse(path).getroot()
    assert "bell and nul here" in (root.findtext(".//k:description", namespaces=KML_NS) or "")


# ----------------------------------------------------------------------------- export()


def test_export_writes_each_format_in_order(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    paths = ex.export(
        incidents_gdf, tmp_path / "out", formats="csv, GeoJSON,kml,gpkg,csv", stem="run1"
    )
    assert [p.name for p in paths] == ["run1.csv", "run1.geojson", "run1.kml", "run1.gpkg"]
    assert all(p.is_file() for p in paths)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_export_default_is_geojson(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    assert ex.export(incidents_gdf, tmp_path) == [tmp_path / "incidents.geojson"]


def test_export_passes_front_to_gpkg(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    (path,) = ex.export(incidents_gdf, tmp_path, formats=["gpkg"], front=_front())
    assert "mosul_front" in {str(n) for n, _ in pyogrio.list_layers(path)}


@pytest.mark.parametrize("formats", [["shp"], ["geojson", "xlsx"], []])
def test_export_rejects_unknown_formats(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, formats: list[str]
) -> None:
    with pytest.raises(ExportError, match="geojson, gpkg, csv, kml"):
        ex.export(incidents_gdf, tmp_path, formats=formats)
    assert list(tmp_path.iterdir()) == []


def test_export_rejects_a_path_as_stem(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="stem"):
        ex.export(incidents_gdf, tmp_path, stem="../escape")


# ---------------------------------------------------------------------- determinism, atomicity


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg"])
def test_same_input_gives_identical_bytes(
    fmt: str, tricky_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    (a,) = ex.export(tricky_gdf, tmp_path / "a", formats=[fmt])
    (b,) = ex.export(tricky_gdf.copy(), tmp_path / "b", formats=[fmt])
    assert a.read_bytes() == b.read_bytes()


def test_failed_text_write_keeps_the_old_file(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ex.write_geojson(incidents_gdf, tmp_path / "i.geojson")
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mapper._atomic.os, "fsync", broken_fsync)
    with pytest.raises(ExportError, match="No space left"):
        ex.write_geojson(incidents_gdf.iloc[:2], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["i.geojson"]


def test_failed_gpkg_write_keeps_the_old_file(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg")
    before = path.read_bytes()
    real = pyogrio.write_dataframe

    def half_then_fail(df: gpd.GeoDataFrame, target: Path, **kwargs: object) -> None:
        if kwargs.get("layer") == "mosul_front":
            raise pyogrio.errors.DataSourceError("disk went away")
        real(df, target, **kwargs)

    monkeypatch.setattr(ex.pyogrio, "write_dataframe", half_then_fail)
    with pytest.raises(ExportError, match="disk went away"):
        ex.write_gpkg(incidents_gdf.iloc[:1], path, front=_front())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["i.gpkg"]


def test_gpkg_with_the_project_front(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    front_module = pytest.importorskip("mapper.front")
    front = front_module.front_lines(incidents_gdf)
    path = ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg", front=front)
    info = pyogrio.read_info(path, layer="mosul_front")
    assert info["features"] == len(front)
    assert info["crs"] == "EPSG:4326"
    assert {"date", "force"} <= set(info["fields"])


def test_gpkg_leaves_gdal_settings_as_they_were(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    ex.write_gpkg(incidents_gdf, tmp_path / "i.gpkg")
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") == before


def test_gpkg_time_stamp_is_fixed(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def stamps(path: Path) -> set[str]:
        with contextlib.closing(sqlite3.connect(path)) as db:
            return {row[0] for row in db.execute("SELECT last_change FROM gpkg_contents")}

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = ex.write_gpkg(incidents_gdf, tmp_path / "a.gpkg", front=_front())
    assert stamps(plain) == {"1970-01-01T00:00:00.000Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    later = ex.write_gpkg(incidents_gdf, tmp_path / "b.gpkg", front=_front())
    assert stamps(later) == {"1970-01-02T00:00:00.000Z"}


# ----------------------------------------------------------------------------- golden files

GOLDEN = Path(__file__).parent / "data" / "export"


def _golden_incident() -> gpd.GeoDataFrame:
    """One incident with every kind of value, fixed here so the files below never drift."""
    from mapper.models import Incident

    return to_geodataframe(
        [
            Incident(
                incident_id="IRQ-GOLD-1",
                event_type="Explosions/Remote violence",
                sub_event_type="Suicide bomb",
                location="Tuz Khurmatu",
                lat=34.886789,
                lon=44.630123,
                geo_precision=2,
                where_prec=3,
                admin1="Sala al-Din",
                admin2="Tuz",
                event_date=dt.date(2017, 3, 5),
                date_start=dt.date(2017, 3, 4),
                date_end=dt.date(2017, 3, 5),
                time_precision=1,
                actor1="Islamic State (Iraq)",
                actor2="Civilians (Iraq)",
                fatalities=7,
                fatalities_low=7,
                fatalities_best=9,
                fatalities_high=12,
                deaths_civilians=7,
                wounded=20,
                sources=("Example Wire", "Café Radio"),
                article_ids=("g1",),
                source_count=2,
                claim_status="claimed",
                layer="other",
                notes='A car bomb hit a market; the group\'s "news agency" claimed it.',
                sub_locations=("Market street",),
                evidence=(
                    Evidence(
                        field="fatalities", article_id="g1", start=4, end=30, quote="seven died"
                    ),
                ),
            )
        ]
    )


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_output_matches_golden_file(fmt: str, tmp_path: Path) -> None:
    """The exact bytes of each text format; set UPDATE_GOLDEN=1 to rewrite them."""
    import os

    (path,) = ex.export(_golden_incident(), tmp_path, formats=[fmt], stem="golden")
    golden = GOLDEN / path.name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(path.read_bytes())
    assert path.read_bytes() == golden.read_bytes()
    if fmt != "kml":
        assert_geodataframe_equal(ex.read_incidents(golden), _golden_incident())


# ----------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds_gdf() -> gpd.GeoDataFrame:
    from conftest import SEEDS

    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("../shared/seeds is not available")
    pipeline = pytest.importorskip("mapper.pipeline")
    frame: gpd.GeoDataFrame = pipeline.extract_incidents(paths)
    return frame


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_seed_exports_read_back(
    fmt: str, seeds_gdf: gpd.GeoDataFrame, tmp_path: Path, schema: dict[str, object]
) -> None:
    assert len(seeds_gdf) > 0
    (path,) = ex.export(seeds_gdf, tmp_path, formats=[fmt])
    layers = ["incidents"] if fmt == "gpkg" else [str(n) for n, _ in pyogrio.list_layers(path)]
    infos = [pyogrio.read_info(path, layer=layer) for layer in layers]
    assert sum(info["features"] for info in infos) == len(seeds_gdf)
    for info in infos:
        if fmt != "csv":
            assert info["crs"] == "EPSG:4326"
    if fmt == "kml":
        fields = set(pyogrio.read_dataframe(path, layer=layers[0]).columns)
    else:
        fields = set(infos[0]["fields"])
    assert set(COLUMNS) <= fields
    if fmt != "kml":
        assert_geodataframe_equal(ex.read_incidents(path), seeds_gdf)
    if fmt == "geojson":
        doc = json.loads(path.read_text("utf-8"))
        assert "crs" not in doc
        validator = jsonschema.Draft202012Validator(schema)
        for feature in doc["features"]:
            validator.validate(feature["properties"])
            lon, lat = feature["geometry"]["coordinates"]
            assert IRAQ_BBOX[0] <= lon <= IRAQ_BBOX[2] and IRAQ_BBOX[1] <= lat <= IRAQ_BBOX[3]


# ----------------------------------------------------------------------------- property test

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)
_WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"),
    min_size=1,
    max_size=12,
)
_COUNT = st.none() | st.integers(min_value=0, max_value=10**6)


@st.composite
def _incidents(draw: st.DrawFn) -> list[Incident]:
    out = []
    for k in range(draw(st.integers(min_value=0, max_value=4))):
        day = draw(
            st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))
        )
        out.append(
            Incident(
                incident_id=f"IRQ-P{k}",
                event_type=draw(st.sampled_from(["Battles", "Riots", "Protests"])),
                sub_event_type=draw(_WORD),
                location=draw(_WORD),
                lat=draw(st.floats(min_value=29.0, max_value=37.4)),
                lon=draw(st.floats(min_value=38.7, max_value=48.8)),
                geo_precision=draw(st.integers(min_value=1, max_value=3)),
                where_prec=draw(st.integers(min_value=1, max_value=7)),
                admin1=draw(st.none() | _WORD),
                event_date=day,
                date_start=day,
                date_end=day,
                time_precision=draw(st.none() | st.integers(min_value=1, max_value=3)),
                date_inferred=draw(st.booleans()),
                actor1=draw(st.none() | _WORD),
                fatalities=draw(st.integers(min_value=0, max_value=10**6)),
                fatalities_high=draw(_COUNT),
                wounded=draw(_COUNT),
                deaths_unknown=draw(_COUNT),
                sources=tuple(draw(st.lists(_WORD, max_size=3))),
                article_ids=tuple(draw(st.lists(_WORD, min_size=1, max_size=2))),
                source_count=draw(st.integers(min_value=0, max_value=9)),
                notes=draw(_TEXT),
                sub_locations=tuple(draw(st.lists(_WORD, max_size=2))),
                evidence=tuple(
                    Evidence(field="notes", article_id="a", start=0, end=3, quote=q)
                    for q in draw(st.lists(_TEXT, max_size=2))
                ),
            )
        )
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(incidents=_incidents(), fmt=st.sampled_from(["geojson", "gpkg", "csv"]))
def test_any_incidents_round_trip(incidents: list[Incident], fmt: str, tmp_path: Path) -> None:
    frame = to_geodataframe(incidents)
    (path,) = ex.export(frame, tmp_path, formats=[fmt], stem=f"p-{fmt}")
    assert_geodataframe_equal(ex.read_incidents(path), frame)
    if fmt == "geojson":
        (again,) = ex.export(frame, tmp_path / "again", formats=[fmt], stem=f"p-{fmt}")
        assert again.read_bytes() == path.read_bytes()
