"""Tests of the interactive map (mapper.render, mapper._elements)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pytest

from conftest import sample_incidents
from mapper import render
from mapper._elements import FrontLayer, IncidentLayer, LayersControl, TimeSlider
from mapper.errors import InputError
from mapper.incidents import to_geodataframe
from mapper.layers import Theme, default_themes
from mapper.models import Evidence, Incident

DATA = Path(__file__).parent / "data" / "render"


class MiniGazetteer:
    """Stands in for mapper.gazetteer.Gazetteer: two made-up governorates."""

    def governorates(self) -> gpd.GeoDataFrame:
        return gpd.read_file(DATA / "mini_governorates.geojson")

    def country(self) -> Any:
        return self.governorates().union_all()


@pytest.fixture
def gaz() -> MiniGazetteer:
    return MiniGazetteer()


def _elements(fmap: folium.Map, kind: type) -> list[Any]:
    found: list[Any] = []

    def walk(element: Any) -> None:
        if isinstance(element, kind):
            found.append(element)
        for child in element._children.values():
            walk(child)

    walk(fmap.get_root())
    return found


def _incident_data(fmap: folium.Map) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for layer in _elements(fmap, IncidentLayer) for d in layer.spec["data"]}


class _Refs(HTMLParser):
    """Collects the tags and the src/href attributes of an HTML page (not script bodies)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href"} and value is not None:
                self.refs.append((tag, name, value))


def _parse(text: str) -> _Refs:
    parser = _Refs()
    parser.feed(text)
    return parser


def hostile_incident() -> Incident:
    payload = "<script>document.title='PWNED-script'</script>"
    return Incident(
        incident_id="IRQ-EVIL",
        event_type="Battles",
        sub_event_type="Armed clash <b>bold</b>",
        location="<img src=x onerror=\"document.title='PWNED-onerror'\">",
        lat=36.2,
        lon=43.9,
        geo_precision=1,
        where_prec=1,
        admin1="Ninewa",
        event_date=dt.date(2016, 10, 25),
        actor1='"><svg onload="document.title=\'PWNED-svg\'">',
        sources=("Site <script>x()</script>",),
        article_ids=("evil",),
        source_count=1,
        layer="other",
        notes=f"Body {payload} and a javascript:document.title='PWNED-js' link.",
        evidence=(Evidence(field="notes", article_id="evil", start=0, end=5, quote=payload),),
    )


def hostile_gdf() -> gpd.GeoDataFrame:
    gdf = to_geodataframe([*sample_incidents(), hostile_incident()])
    evil = gdf.index[gdf["incident_id"] == "IRQ-EVIL"][0]
    gdf.at[evil, "evidence"] = [
        {
            "field": "notes",
            "article_id": "evil",
            "start": 0,
            "end": 5,
            "quote": "see the link",
            "url": "javascript:document.title='PWNED-href'",
        },
        {
            "field": "location",
            "article_id": "a9",
            "start": 0,
            "end": 1,
            "quote": "ok",
            "url": "https://example.org/story",
        },
    ]
    return gdf


# --------------------------------------------------------------------------- structure


def test_build_map_draws_every_incident_in_its_theme(incidents_gdf, gaz):
    fmap = render.build_map(incidents_gdf, gazetteer=gaz)
    assert isinstance(fmap, folium.Map)
    layers = {layer.spec["name"]: layer.spec for layer in _elements(fmap, IncidentLayer)}
    assert list(layers) == ["kirkuk-attacks", "mosul-front", "other"]
    ids = {name: sorted(d["id"] for d in spec["data"]) for name, spec in layers.items()}
    assert ids == {
        "kirkuk-attacks": ["IRQ-0001", "IRQ-0002"],
        "mosul-front": ["IRQ-0003", "IRQ-0004"],
        "other": ["IRQ-0005", "IRQ-0006"],
    }
    assert all(not spec["cluster"] for spec in layers.values())


def test_layer_control_has_one_toggle_per_theme_and_the_front(incidents_gdf, gaz):
    fmap = render.build_map(incidents_gdf, gazetteer=gaz)
    (control,) = _elements(fmap, LayersControl)
    labels = [label for _, label, _ in control.entries]
    titles = [t.title for t in default_themes()]
    for title in titles:
        assert any(title in label for label in labels)
    assert any("Mosul offensive" in label for label in labels)
    assert any("OpenStreetMap" in label for label in labels)
    assert [group for group, _, _ in control.entries][:3] == ["Incidents"] * 3


def test_popup_data_carries_ranges_sources_and_evidence(incidents_gdf, gaz):
    data = _incident_data(render.build_map(incidents_gdf, gazetteer=gaz))
    first = data["IRQ-0001"]
    assert (first["f"], first["fl"], first["fb"], first["fh"], first["w"]) == (48, 48, 70, 94, 100)
    assert first["src"] == ["DW", "The Sun"]
    assert first["ev"] == [{"a": "a1", "f": "location", "q": "Gunmen stormed buildings in Kirkuk."}]
    assert first["date"] == "2016-10-21" and first["tp"] == 1
    assert data["IRQ-0003"]["cs"] == "unconfirmed"
    assert data["IRQ-0002"]["cs"] == "claimed"
    # geo_precision 2/3 get an uncertainty circle, 1 does not
    assert not data["IRQ-0001"].get("r")
    assert data["IRQ-0003"]["r"] == render.PRECISION_RADIUS_M[2]
    assert data["IRQ-0006"]["r"] >= render.PRECISION_RADIUS_M[3]
    # size grows with fatalities
    assert data["IRQ-0003"]["px"] > data["IRQ-0001"]["px"] > data["IRQ-0006"]["px"]
    # the undated incident stays undated (the slider always shows it)
    assert data["IRQ-0005"].get("date") is None and data["IRQ-0005"].get("ds") is None


def test_slider_lists_incident_and_front_dates(incidents_gdf, gaz):
    fmap = render.build_map(incidents_gdf, gazetteer=gaz)
    (slider,) = _elements(fmap, TimeSlider)
    dates = slider.spec["dates"]
    assert dates == sorted(set(dates))
    assert {"2016-10-21", "2018-01-03", "2016-10-17", "2017-07-10"} <= set(dates)


def test_front_layer_merges_input_and_focuses_on_first_theme(incidents_gdf, gaz):
    fmap = render.build_map(incidents_gdf, gazetteer=gaz)
    (front,) = _elements(fmap, FrontLayer)
    spec = front.spec
    places = {p["place"] for p in spec["positions"]}
    assert {"Bartella", "Gogjali", "Mosul Old City"} <= places
    assert "Qaraqosh" in places  # the input's "Government regains territory" incident
    # the Kirkuk attacks (21 Oct 2016) are shown against the front of the day before
    assert spec["focus"] == "2016-10-20"
    focus = next(f for f in spec["fronts"] if f["date"] == spec["focus"])
    assert 60 < focus["km"] < 200
    assert spec["axes"] and all(len(a["coords"]) == len(a["dates"]) for a in spec["axes"])


def test_unknown_layer_goes_to_other(gaz):
    incident = dataclasses.replace(sample_incidents()[0], layer="no-such-theme")
    data = render.build_map(to_geodataframe([incident]), gazetteer=gaz)
    other = next(e for e in _elements(data, IncidentLayer) if e.spec["name"] == "other")
    assert [d["id"] for d in other.spec["data"]] == ["IRQ-0001"]


def test_custom_themes_and_other_added(incidents_gdf, gaz):
    themes = [Theme(name="kirkuk-attacks", title="Only Kirkuk", colour="not a colour")]
    fmap = render.build_map(incidents_gdf, themes=themes, gazetteer=gaz)
    layers = {e.spec["name"]: e.spec for e in _elements(fmap, IncidentLayer)}
    assert list(layers) == ["kirkuk-attacks", "other"]
    assert layers["kirkuk-attacks"]["colour"] == "#444444"  # invalid colour replaced
    assert len(layers["other"]["data"]) == 4


def test_empty_input_gives_a_map(gaz):
    html = render.map_html(render.build_map(to_geodataframe([]), gazetteer=gaz))
    assert "mapperKit.slider" in html and "0 incidents" in html


def test_rows_without_coordinates_are_left_out(incidents_gdf, gaz):
    gdf = incidents_gdf.copy()
    gdf.loc[0, "latitude"] = float("nan")
    gdf = gdf.set_geometry(gpd.GeoSeries([None, *list(gdf.geometry[1:])], crs=gdf.crs))
    data = _incident_data(render.build_map(gdf, gazetteer=gaz))
    assert "IRQ-0001" not in data and len(data) == 5


@pytest.mark.parametrize("bad", [None, "incidents", [1, 2, 3]])
def test_not_a_table_is_a_clear_error(bad):
    with pytest.raises(InputError, match="GeoDataFrame"):
        render.build_map(bad)


def test_missing_columns_is_a_clear_error(incidents_gdf):
    with pytest.raises(InputError, match="event_type"):
        render.build_map(incidents_gdf.drop(columns=["event_type"]))


def _synthetic(n: int) -> gpd.GeoDataFrame:
    base = sample_incidents()[0]
    return to_geodataframe(
        dataclasses.replace(
            base,
            incident_id=f"IRQ-S{i:05d}",
            lat=33.0 + (i % 37) * 0.1,
            lon=42.0 + (i % 53) * 0.07,
            event_date=dt.date(2016, 10, 1) + dt.timedelta(days=i % 90),
        )
        for i in range(n)
    )


def test_clustering_and_heat_switch_on_above_threshold(gaz):
    small = render.map_html(render.build_map(_synthetic(20), gazetteer=gaz))
    assert "markerClusterGroup=" not in small and "L.heatLayer=" not in small
    big_map = render.build_map(_synthetic(render.CLUSTER_THRESHOLD + 1), gazetteer=gaz)
    assert all(e.spec["cluster"] for e in _elements(big_map, IncidentLayer))
    big = render.map_html(big_map)
    assert "markerClusterGroup" in big and "heatLayer" in big and "mapperKit.heatLayer" in big
    # MarkerCluster needs maxZoom on the map itself when the map has no tile layer
    assert re.search(r'L\.map\([^)]*"maxZoom": 18', big, re.S)


# --------------------------------------------------------------------------- offline, determinism


def test_offline_html_loads_nothing_from_the_network(incidents_gdf, gaz, tmp_path):
    path = render.write_map(incidents_gdf, tmp_path / "map.html", gazetteer=gaz)
    text = path.read_text(encoding="utf-8")
    parsed = _parse(text)
    remote = [r for r in parsed.refs if re.match(r"^\s*(https?:)?//", r[2], re.I)]
    assert remote == []
    assert "link" not in parsed.tags
    assert not [r for r in parsed.refs if r[0] == "script"]
    # the only remote URL the page could use is the optional tile template
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", text))
    tile_urls = {u for u in urls if "tile" in u}
    assert render.OSM_TILES in tile_urls
    host = render.OSM_TILES.split("/{z}")[0]
    assert all(u.startswith(host) for u in tile_urls)
    assert "L.map(" in text and "leaflet-control-layers" in text  # Leaflet itself is inlined
    assert "@import" not in text
    # and the page forbids loading anything else
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_cdn_mode_is_small_and_linked(incidents_gdf, gaz, tmp_path):
    offline = render.write_map(incidents_gdf, tmp_path / "a.html", gazetteer=gaz)
    online = render.write_map(incidents_gdf, tmp_path / "b.html", offline=False, gazetteer=gaz)
    parsed = _parse(online.read_text(encoding="utf-8"))
    scripts = [v for tag, name, v in parsed.refs if tag == "script"]
    assert any(v.startswith("https://") and "leaflet" in v for v in scripts)
    assert online.stat().st_size < offline.stat().st_size - 100_000


def test_same_input_gives_identical_bytes(incidents_gdf, gaz, tmp_path):
    a = render.write_map(incidents_gdf, tmp_path / "a.html", gazetteer=gaz, title="T")
    shuffled = incidents_gdf.iloc[::-1].reset_index(drop=True)
    b = render.write_map(shuffled, tmp_path / "b.html", gazetteer=gaz, title="T")
    assert a.read_bytes() == b.read_bytes()
    # no random folium ids (32 hex digits) left
    assert not re.search(r"_[0-9a-f]{32}\b", a.read_text(encoding="utf-8"))


def test_different_input_gives_different_ids(incidents_gdf, gaz):
    one = render.build_map(incidents_gdf, gazetteer=gaz).get_name()
    two = render.build_map(incidents_gdf.iloc[:3], gazetteer=gaz).get_name()
    assert one != two


def test_write_map_is_atomic(incidents_gdf, gaz, tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("yesterday's map", encoding="utf-8")

    def boom(fmap: folium.Map) -> str:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(render, "map_html", boom)
    with pytest.raises(RuntimeError):
        render.write_map(incidents_gdf, target, gazetteer=gaz)
    assert target.read_text(encoding="utf-8") == "yesterday's map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_embed_is_a_fragment(incidents_gdf, gaz, tmp_path):
    path = render.write_embed(incidents_gdf, tmp_path / "embed.html", gazetteer=gaz)
    text = path.read_text(encoding="utf-8")
    tags = set(_parse(text).tags)
    assert not tags & {"html", "head", "body", "meta", "title"}
    assert text.startswith('<div class="mapper-embed"')
    assert "html, body" not in text
    assert "mapperKit.incidentLayer" in text and "L.map(" in text


@pytest.mark.parametrize("offline", [True, False])
def test_map_and_embed_from_one_build_are_the_files_written_one_at_a_time(
    incidents_gdf, gaz, tmp_path, offline
):
    kw = dict(gazetteer=gaz, offline=offline, title="T")
    alone = render.write_map(incidents_gdf, tmp_path / "a.html", **kw)
    fragment = render.write_embed(incidents_gdf, tmp_path / "a_embed.html", **kw)
    both = render.write_map(
        incidents_gdf, tmp_path / "b.html", embed_path=tmp_path / "b_embed.html", **kw
    )
    assert both.read_bytes() == alone.read_bytes()
    assert (tmp_path / "b_embed.html").read_bytes() == fragment.read_bytes()
    # a folium map rendered twice repeats its layers' addTo calls: the reason for one pass
    fmap = render.build_map(incidents_gdf, **kw)
    render.map_html(fmap)
    assert render._embed_html(fmap) != fragment.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- hostile text


def test_article_text_never_reaches_html_unescaped(gaz, tmp_path):
    path = render.write_map(
        hostile_gdf(), tmp_path / "map.html", gazetteer=gaz, title="<script>alert('title')</script>"
    )
    text = path.read_text(encoding="utf-8")
    for raw in (
        "<script>document.title",
        "<img src=x",
        "<svg onload",
        "<b>bold</b>",
        "<script>alert('title')",
        "<i>x</i>",
    ):
        assert raw not in text
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</title>" in text
    # the text is still there, as JSON-escaped data
    assert "\\u003cscript\\u003edocument.title" in text
    # no javascript: URL survives; the https one does
    assert "javascript:document.title='PWNED-href'" not in text
    data = _incident_data(render.build_map(hostile_gdf(), gazetteer=gaz))
    evidence = data["IRQ-EVIL"]["ev"]
    assert [e.get("u") for e in evidence] == [None, "https://example.org/story"]


def test_template_syntax_in_article_text_is_not_evaluated(gaz, tmp_path):
    incident = dataclasses.replace(
        sample_incidents()[0],
        notes="{{ 7*7 }} {% raw %} {# x #} {{ this.__class__ }}",
        location="{%- endraw %}{{ config }}",
    )
    text = render.write_map(to_geodataframe([incident]), tmp_path / "m.html", gazetteer=gaz)
    html = text.read_text(encoding="utf-8")
    assert "{{ 7*7 }} {% raw %} {# x #} {{ this.__class__ }}" in html
    assert "{%- endraw %}{{ config }}" in html
    assert ">49<" not in html and " 49 " not in html


def test_basemap_labels_are_data_not_markup(gaz, tmp_path, incidents_gdf):
    text = render.write_map(incidents_gdf, tmp_path / "m.html", gazetteer=gaz).read_text()
    assert "Southland \\u003ci\\u003ex\\u003c/i\\u003e" in text
    assert "Northland" in text


def test_layer_labels_from_theme_files_are_escaped(incidents_gdf, gaz):
    themes = [Theme(name="x", title="<img src=y onerror=z()>", colour="#123456")]
    fmap = render.build_map(incidents_gdf, themes=themes, gazetteer=gaz)
    (control,) = _elements(fmap, LayersControl)
    label = control.entries[0][1]
    assert "&lt;img src=y onerror=z()&gt;" in label and "<img" not in label


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/x", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("  javascript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:x", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ("https://", False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_safe_url(url, ok):
    assert (render.safe_url(url) is not None) is ok


# --------------------------------------------------------------------------- real gazetteer


@pytest.mark.skipif(
    importlib.util.find_spec("mapper.gazetteer") is None, reason="mapper.gazetteer not built yet"
)
def test_basemap_from_the_real_gazetteer(incidents_gdf):
    from mapper.errors import GazetteerError
    from mapper.gazetteer import Gazetteer

    try:
        Gazetteer.default().governorates()
    except GazetteerError as exc:  # pragma: no cover - data not built
        pytest.skip(f"gazetteer data missing: {exc}")
    spec = render._basemap_spec(None)
    assert spec is not None
    names = {label["text"] for label in spec["labels"]}
    assert {"Kirkuk", "Ninewa", "Baghdad"} <= names or len(names) >= 15
    assert spec["country"]["type"] in {"Polygon", "MultiPolygon"}
    # compact: simplified and rounded
    assert len(json.dumps(spec)) < 200_000


def test_basemap_names_the_largest_cities(incidents_gdf):
    from mapper.models import Place

    class WithPlaces(MiniGazetteer):
        def __iter__(self):
            yield Place(
                id="1", name="Smallville", lat=34.0, lon=44.0, feature_type="town", population=10
            )
            yield Place(
                id="2",
                name="Big <City>",
                lat=33.3,
                lon=44.4,
                feature_type="city",
                population=7_000_000,
            )
            yield Place(
                id="3", name="A road", lat=33.0, lon=44.0, feature_type="road", population=10**9
            )

    spec = render._basemap_spec(WithPlaces())
    assert spec is not None
    assert [c["text"] for c in spec["cities"]] == ["Big <City>", "Smallville"]
    assert render._basemap_spec(MiniGazetteer())["cities"] == []


def test_csp_lists_exactly_the_page_scripts():
    page = (
        "<head><!-- x --></head><script>a()</script>"
        '<script type="application/json">{"a": 1}</script><script>a()</script>'
    )
    meta = render.content_security_policy(page)
    # sha256 of "a()", once; the JSON block is data, not a script
    assert re.findall(r"'sha256-[^']+'", meta) == [
        "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"
    ]
    assert "unsafe-inline'" not in meta.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in meta
    assert render.content_security_policy("<p>no scripts</p>").count("script-src 'none'") == 1


def test_offline_page_carries_its_csp_and_cdn_page_does_not(incidents_gdf, gaz):
    offline = render.map_html(render.build_map(incidents_gdf, gazetteer=gaz))
    assert offline.count("Content-Security-Policy") == 1 and render.CSP_MARKER not in offline
    online = render.map_html(render.build_map(incidents_gdf, gazetteer=gaz, offline=False))
    assert "Content-Security-Policy" not in online
