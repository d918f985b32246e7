"""Tests of the offline asset loader (mapper.assets)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapper import assets
from mapper.errors import AssetError


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    assets._read.cache_clear()
    yield
    assets._read.cache_clear()


def test_bundles_cover_leaflet_cluster_heat():
    assert [a.name for a in assets.bundle("leaflet")] == ["leaflet.css", "leaflet.js"]
    names = {a.name for a in assets.assets_for(["leaflet", "cluster", "heat", "leaflet"])}
    assert names == {
        "leaflet.css",
        "leaflet.js",
        "markercluster.css",
        "markercluster.default.css",
        "markercluster.js",
        "leaflet-heat.js",
    }
    with pytest.raises(AssetError, match="unknown asset bundle"):
        assets.bundle("nope")


def test_leaflet_and_heat_come_from_python_packages():
    js = assets.asset_text("leaflet.js")
    assert "L.Map" in js or "Map" in js
    assert len(js) > 100_000
    assert "heatLayer" in assets.asset_text("leaflet-heat.js")


def test_leaflet_css_is_self_contained():
    css = assets.asset_text("leaflet.css")
    assert "data:image/png;base64," in css  # layers.png inlined
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls and all(u.startswith(("data:", "#")) for u in urls)


@pytest.mark.skipif(assets.find_node_modules() is None, reason="npm assets not installed")
def test_npm_plugins_are_found():
    assert "markerClusterGroup" in assets.asset_text("markercluster.js")
    assert ".marker-cluster" in assets.asset_text("markercluster.default.css")


def test_missing_node_modules_says_what_to_do(monkeypatch):
    monkeypatch.setattr(assets, "find_node_modules", lambda: None)
    with pytest.raises(AssetError, match="make setup") as info:
        assets.asset_text("markercluster.js")
    assert "--cdn" in str(info.value)


def test_assets_dir_from_environment(tmp_path, monkeypatch):
    dist = tmp_path / "node_modules" / "leaflet.markercluster" / "dist"
    dist.mkdir(parents=True)
    (dist / "leaflet.markercluster.js").write_text("var fake = '</script>';\n", encoding="utf-8")
    monkeypatch.setenv("MAPPER_ASSETS_DIR", str(tmp_path))
    assert assets.find_node_modules() == tmp_path / "node_modules"
    text = assets.asset_text("markercluster.js")
    assert "fake" in text and "</script>" not in text
    with pytest.raises(AssetError, match="missing"):
        assets.asset_text("markercluster.css")


def test_unknown_asset():
    with pytest.raises(AssetError, match="unknown asset"):
        assets.asset_text("jquery.js")


def test_cdn_urls_are_https():
    for name in ("leaflet.js", "leaflet.css", "markercluster.js", "leaflet-heat.js"):
        assert assets.cdn_url(name).startswith("https://")


def test_inline_css_rewrites_relative_and_drops_remote(tmp_path: Path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.png").write_bytes(b"\x89PNG fake")
    css = (
        "@import url('https://fonts.example/css?family=X');\n"
        "@import 'other.css';\n"
        ".a{background:url(img/dot.png)}\n"
        '.b{background:url("https://cdn.example/i.png")}\n'
        ".c{src:url(//cdn.example/font.woff)}\n"
        ".d{background:url(missing.png)}\n"
        ".e{background:url(data:image/gif;base64,R0lGOD)}\n"
    )
    out = assets.inline_css(css, base=tmp_path)
    assert "@import" not in out and "example" not in out
    assert ".a{background:url(data:image/png;base64," in out
    assert ".d{background:none}" in out
    assert "url(data:image/gif;base64,R0lGOD)" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a</script>b", "a<\\/script>b"),
        ("a</SCRIPT>b", "a<\\/SCRIPT>b"),
        ("x</style>", "x<\\/style>"),
        ("1 < 2", "1 < 2"),
    ],
)
def test_script_safe(text, expected):
    assert assets.script_safe(text) == expected
