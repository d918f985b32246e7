"""Tests of mapper.image: the static PNG / SVG map for reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import struct
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import matplotlib as mpl
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import box

import mapper._atomic
from conftest import sample_incidents
from mapper import image
from mapper.errors import ExportError
from mapper.incidents import to_geodataframe
from mapper.layers import Theme, default_themes


class FakeGazetteer:
    """Two rectangular 'governorates' around Kirkuk and Mosul, with names."""

    boundary_source = "test rectangles"

    def governorates(self) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame(
            {"name": ["Northland", "Southland"], "iso_code": ["IQ-XN", "IQ-XS"]},
            geometry=[box(42.0, 35.9, 45.5, 37.0), box(41.5, 32.5, 45.5, 35.9)],
            crs="EPSG:4326",
        )

    def country(self) -> shapely.Geometry:
        return shapely.union_all(list(self.governorates().geometry))


class BrokenGazetteer:
    def governorates(self) -> gpd.GeoDataFrame:
        raise AttributeError("no polygons in this build")

    def country(self) -> shapely.Geometry:
        raise AttributeError("no polygons in this build")


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_png_is_written(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = image.write_image(incidents_gdf, tmp_path / "map.png", gazetteer=FakeGazetteer(), dpi=80)
    assert path == tmp_path / "map.png"
    assert _png_size(path) == (880, 640)
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_svg_shows_labels_legend_scale_and_outlines(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    fig, drawn = image._render(
        incidents_gdf, themes=None, gazetteer=FakeGazetteer(), title=None, dpi=72
    )
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    assert "Kirkuk\n21 Oct 2016" in texts
    assert "Kirkuk\n(date unknown)" in texts
    assert "Qaraqosh\n22 Oct 2016" in texts
    assert "Anbar\n3 Jan 2018" in texts
    for title in ("Kirkuk attacks (October 2016)", "Mosul front", "Other incidents"):
        assert title in texts
    assert "Governorate boundary" in texts and "Claimed or unconfirmed" in texts
    assert f"{drawn.scale_km:g} km" in texts
    assert "NORTHLAND" in texts or "SOUTHLAND" in texts
    assert drawn.governorates >= 1
    assert drawn.unlabelled == 0
    assert "6 incidents, 2016-10-20 to 2018-01-03" in texts
    assert any("Boundaries: test rectangles" in t for t in texts)


def test_labels_do_not_overlap(incidents_gdf: gpd.GeoDataFrame) -> None:
    # the two Kirkuk incidents are 10 km apart: their labels must still both fit
    _, drawn = image._render(
        incidents_gdf, themes=None, gazetteer=FakeGazetteer(), title=None, dpi=100
    )
    assert len(drawn.labels) == len(incidents_gdf)
    for (_, a), (_, b) in combinations(drawn.labels, 2):
        assert not a.overlaps(b)


def test_many_incidents_are_drawn_with_a_bounded_number_of_labels() -> None:
    base = sample_incidents()[0]
    many = [
        dataclasses.replace(
            base,
            incident_id=f"IRQ-{k:04d}",
            lat=35.0 + (k % 10) * 0.05,
            lon=44.0 + (k // 10) * 0.05,
            fatalities=k % 7,
            event_date=dt.date(2017, 1, 1) + dt.timedelta(days=k % 30),
        )
        for k in range(120)
    ]
    fig, drawn = image._render(
        to_geodataframe(many), themes=None, gazetteer=None, title="Dense", dpi=72
    )
    assert 0 < len(drawn.labels) <= image.MAX_LABELS
    assert drawn.unlabelled == 120 - len(drawn.labels)
    scatters = [c for c in fig.axes[0].collections if c.get_zorder() == 5]
    assert sum(len(c.get_offsets()) for c in scatters) == 120
    for (_, a), (_, b) in combinations(drawn.labels, 2):
        assert not a.overlaps(b)


def test_svg_is_deterministic(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    a = image.write_image(incidents_gdf, tmp_path / "a.svg", gazetteer=FakeGazetteer())
    b = image.write_image(incidents_gdf.copy(), tmp_path / "b.svg", gazetteer=FakeGazetteer())
    text = a.read_text("utf-8")
    assert text.startswith("<?xml")
    assert "<dc:date>" not in text
    assert a.read_bytes() == b.read_bytes()


def test_png_is_deterministic(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    a = image.write_image(incidents_gdf, tmp_path / "a.png", gazetteer=FakeGazetteer(), dpi=60)
    b = image.write_image(incidents_gdf, tmp_path / "b.png", gazetteer=FakeGazetteer(), dpi=60)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_empty_map(suffix: str, tmp_path: Path) -> None:
    path = image.write_image(
        to_geodataframe([]), tmp_path / f"e{suffix}", gazetteer=FakeGazetteer(), dpi=60
    )
    assert path.stat().st_size > 1000
    fig, drawn = image._render(
        to_geodataframe([]), themes=None, gazetteer=FakeGazetteer(), title=None, dpi=60
    )
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    assert "No incidents" in texts
    assert drawn.labels == ()


def test_map_without_gazetteer_still_renders(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    path = image.write_image(incidents_gdf, tmp_path / "m.png", gazetteer=BrokenGazetteer(), dpi=60)  # type: ignore[arg-type]
    assert _png_size(path) == (660, 480)


def test_default_gazetteer_outlines(incidents_gdf: gpd.GeoDataFrame) -> None:
    gazetteer = pytest.importorskip("mapper.gazetteer")
    try:
        default = gazetteer.Gazetteer.default()
        default.governorates()
    except Exception as exc:  # the data may not be built yet
        pytest.skip(f"no default gazetteer polygons: {exc}")
    _, drawn = image._render(incidents_gdf, themes=None, gazetteer=None, title=None, dpi=60)
    assert drawn.governorates >= 2


def test_custom_themes_colour_the_layers(incidents_gdf: gpd.GeoDataFrame) -> None:
    themes = (Theme(name="kirkuk-attacks", title="Custom Kirkuk", colour="#00ff00"),)
    fig, _ = image._render(incidents_gdf, themes=themes, gazetteer=None, title="T", dpi=60)
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    assert "Custom Kirkuk" in texts and "Other incidents" in texts
    assert "Mosul front" not in texts  # unknown layers fall back to "other"
    colours = {
        tuple(round(v, 3) for v in c.get_facecolor()[0])
        for c in fig.axes[0].collections
        if len(c.get_facecolor())
    }
    assert (0.0, 1.0, 0.0, 0.9) in colours


def test_projected_frame_is_drawn_in_degrees(incidents_gdf: gpd.GeoDataFrame) -> None:
    fig, _ = image._render(
        incidents_gdf.to_crs(3857), themes=None, gazetteer=None, title=None, dpi=60
    )
    x0, x1 = fig.axes[0].get_xlim()
    assert 38 < x0 < 44 < x1 < 50


def test_scale_length_is_geodesic() -> None:
    for lat, (lo, hi) in [(30.0, (40.0, 48.0)), (36.0, (43.0, 44.0)), (33.0, (44.3, 44.5))]:
        km, deg = image.scale_length(min_lon=lo, max_lon=hi, lat=lat)
        width = Geod(ellps="WGS84").line_length([lo, hi], [lat, lat]) / 1000
        assert width / 10 <= km <= width / 5 + 1e-9
        assert re.fullmatch(r"[1235]0*(\.0)?|0\.[0-9]*[1235]", f"{km:g}")
        measured = Geod(ellps="WGS84").line_length([44.0, 44.0 + deg], [lat, lat]) / 1000
        assert measured == pytest.approx(km, rel=1e-3)


@pytest.mark.parametrize("name", ["map.pdf", "map", "map.jpeg"])
def test_unknown_suffix_is_refused(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, name: str
) -> None:
    with pytest.raises(ExportError, match=r"\.png, \.svg"):
        image.write_image(incidents_gdf, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_bad_input_is_refused(incidents_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="location"):
        image.write_image(incidents_gdf.drop(columns=["location"]), tmp_path / "m.png")
    with pytest.raises(ExportError, match="dpi"):
        image.write_image(incidents_gdf, tmp_path / "m.png", dpi=0)


def test_failed_write_keeps_the_old_file(
    incidents_gdf: gpd.GeoDataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = image.write_image(incidents_gdf, tmp_path / "m.svg", gazetteer=FakeGazetteer())
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mapper._atomic.os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        image.write_image(incidents_gdf.iloc[:1], path, gazetteer=FakeGazetteer())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.svg"]


def test_default_themes_are_the_default(incidents_gdf: gpd.GeoDataFrame) -> None:
    fig, _ = image._render(incidents_gdf, themes=None, gazetteer=None, title=None, dpi=60)
    texts = {t.get_text() for t in fig.findobj(mpl.text.Text)}
    assert {t.title for t in default_themes()} <= texts


def test_zoomed_map_has_a_locator_inset(incidents_gdf: gpd.GeoDataFrame) -> None:
    fig, drawn = image._render(
        incidents_gdf.iloc[:2], themes=None, gazetteer=FakeGazetteer(), title=None, dpi=60
    )
    assert drawn.inset
    assert len(fig.axes) == 2
    _, whole = image._render(
        to_geodataframe([]), themes=None, gazetteer=FakeGazetteer(), title=None, dpi=60
    )
    assert not whole.inset  # the whole country is already in view


def test_governorate_names_stay_inside_the_map(incidents_gdf: gpd.GeoDataFrame) -> None:
    fig, _ = image._render(
        incidents_gdf.iloc[:2], themes=None, gazetteer=FakeGazetteer(), title=None, dpi=60
    )
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    area = ax.get_window_extent(renderer)
    names = [t for t in ax.texts if t.get_text() in {"NORTHLAND", "SOUTHLAND"}]
    assert names
    for text in names:
        box = text.get_window_extent(renderer)
        assert area.x0 <= box.x0 and box.x1 <= area.x1
        assert area.y0 <= box.y0 and box.y1 <= area.y1


def test_incidents_at_one_spot_are_drawn_side_by_side(incidents_gdf: gpd.GeoDataFrame) -> None:
    same = incidents_gdf.iloc[[0, 4]].copy()
    same["geometry"] = [incidents_gdf.geometry[0]] * 2  # both on Kirkuk's point
    fig, drawn = image._render(same, themes=None, gazetteer=None, title=None, dpi=72)
    scatters = [c for c in fig.axes[0].collections if c.get_zorder() == 5]
    centres = [tuple(xy) for c in scatters for xy in c.get_offsets()]
    assert len(centres) == 2 and centres[0] != centres[1]
    for lon, lat in centres:
        assert abs(lon - 44.3922) < 0.1 and abs(lat - 35.4681) < 0.1
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    assert any("drawn side by side" in t for t in texts)
    assert len(drawn.labels) == 2
