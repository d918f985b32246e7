"""The map in a real browser: headless Chromium with the network cut.

Skipped when ``chromium`` is not on PATH. The network is cut with ``unshare -n``
(a new, empty network namespace) when the kernel allows it, else every request is
sent to a closed local port through ``--proxy-server``. A small probe script (test
code only, appended to a copy of the page) opens every popup, moves the slider and
writes what it saw into the DOM, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from test_render import MiniGazetteer, hostile_gdf

from conftest import SEEDS, sample_incidents
from mapper import render
from mapper.incidents import to_geodataframe

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH"),
]

PROBE = """
<script>
(function () {
  var out = {errors: []};
  window.addEventListener("error", function (e) { out.errors.push(String(e.message)); });
  function findMap() {
    for (var key in window) {
      try { if (window[key] instanceof L.Map) { return window[key]; } } catch (e) {}
    }
    return null;
  }
  function markers(group, found) {
    group.eachLayer(function (layer) {
      if (layer instanceof L.Marker && layer.getPopup()) { found.push(layer); }
    });
    return found;
  }
  function ids() {
    return Array.prototype.map.call(document.querySelectorAll("[data-incident]"),
      function (e) { return e.getAttribute("data-incident"); }).sort();
  }
  setTimeout(function () {
    try { run(); } catch (err) {
      out.errors.push("probe: " + err);
      document.body.setAttribute("data-probe", JSON.stringify(out));
    }
  }, 500);
  function run() {
    var map = findMap();
    out.title0 = document.title;
    out.ids = ids();
    out.clusterIcons = document.querySelectorAll(".mk-cluster").length;
    out.clustered = 0;
    map.eachLayer(function (layer) {
      if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup) {
        out.clustered += layer.getLayers().length;
      }
    });
    out.toggles = Array.prototype.map.call(
      document.querySelectorAll(".leaflet-control-layers-overlays label"),
      function (e) { return e.textContent.trim(); });
    out.checkboxes = document.querySelectorAll(".leaflet-control-layers-selector").length;
    out.legend = !!document.querySelector(".mk-legend");
    out.slider = !!document.querySelector(".mk-slider input[type=range]");
    out.front = (document.querySelector(".mk-slider .mk-front") || {}).textContent || "";
    out.paths = document.querySelectorAll("path.leaflet-interactive").length;
    out.labels = document.querySelectorAll(".mk-label").length;
    var popups = [];
    markers(map, []).forEach(function (m) {
      m.openPopup();
      var box = m.getPopup().getElement();
      var el = box ? box.querySelector(".leaflet-popup-content") : null;
      popups.push(el ? el.textContent : "");
      m.closePopup();
    });
    out.popups = popups;
    var input = document.querySelector(".mk-slider input[type=range]");
    var dates = JSON.parse(
      document.querySelector("script[id^='time_slider_']").textContent).dates;
    input.value = String(dates.indexOf("2016-10-20"));
    input.dispatchEvent(new Event("input"));
    out.idsAt20 = ids();
    input.value = input.max;
    input.dispatchEvent(new Event("input"));
    out.idsAll = ids();
    out.anchors = Array.prototype.map.call(document.querySelectorAll("a[href]"),
      function (a) { return a.getAttribute("href"); });
    setTimeout(function () {
      out.title = document.title;
      out.injected = document.querySelectorAll(
        ".leaflet-container img[src='x'], .leaflet-container svg[onload], " +
        ".leaflet-popup-content script").length;
      document.body.setAttribute("data-probe", JSON.stringify(out));
    }, 800);
  }
})();
</script>
"""


def _network_cut_prefix() -> tuple[list[str], list[str]]:
    """Return (command prefix, extra chromium flags) that keep the browser offline."""
    unshare = shutil.which("unshare")
    if unshare:
        for prefix in ([unshare, "-n"], [unshare, "-rn"]):
            try:
                ok = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
            except (OSError, subprocess.SubprocessError):
                continue
            if ok.returncode == 0:
                return prefix, []
    return [], ["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


def _chromium(page: Path, *extra: str, budget_ms: int = 6000) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    prefix, flags = _network_cut_prefix()
    with tempfile.TemporaryDirectory() as profile:
        cmd: Sequence[str] = [
            *prefix,
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--window-size=1400,900",
            f"--virtual-time-budget={budget_ms}",
            *flags,
            *extra,
            page.resolve().as_uri(),
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        pytest.fail(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")
    return result


CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _probe(map_html: Path) -> dict[str, Any]:
    """Run the page with the probe; the page's CSP is removed, so escaping alone is tested."""
    text = CSP.sub("", map_html.read_text(encoding="utf-8"))
    probed = text.replace("</html>", PROBE + "</html>", 1)
    page = map_html.with_name("probe.html")
    page.write_text(probed, encoding="utf-8")
    dom = _chromium(page, "--dump-dom").stdout
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, f"probe did not run; DOM starts: {dom[:500]}"
    data: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return data


def _screenshot(page: Path, out: Path) -> Path:
    _chromium(page, f"--screenshot={out}")
    assert out.is_file() and out.stat().st_size > 20_000
    keep = os.environ.get("MAPPER_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / out.name)
    return out


def test_map_draws_everything_offline_and_runs_no_injected_script(tmp_path):
    gdf = hostile_gdf()
    path = render.write_map(
        gdf, tmp_path / "map.html", gazetteer=MiniGazetteer(), title="Browser test"
    )
    probe = _probe(path)
    expected = sorted(gdf["incident_id"])
    assert probe["errors"] == []
    # every incident is drawn, and the layer toggles, legend and slider exist
    assert probe["ids"] == expected
    assert probe["idsAll"] == expected
    assert probe["checkboxes"] == 5  # three themes, the Mosul front, the online tiles
    toggles = " | ".join(probe["toggles"])
    assert "Kirkuk attacks (October 2016)" in toggles and "Mosul offensive" in toggles
    assert probe["legend"] and probe["slider"]
    assert "Kirkuk" in probe["front"] and "km" in probe["front"]
    assert probe["paths"] > 10  # front lines, axes, precision circles, outlines
    # the slider filters every layer by date; undated incidents stay
    assert probe["idsAt20"] == ["IRQ-0003", "IRQ-0005"]
    # popups show the evidence as text, and nothing injected ran
    assert len(probe["popups"]) == len(expected)
    evil = next(p for p in probe["popups"] if "IRQ-EVIL" in p)
    assert "<script>document.title='PWNED-script'</script>" in evil
    assert "<img src=x onerror=" in evil
    assert probe["title"] == probe["title0"] == "Browser test"
    assert "PWNED" not in probe["title"]
    assert probe["injected"] == 0
    assert not [a for a in probe["anchors"] if a.strip().lower().startswith("javascript:")]
    assert "https://example.org/story" in probe["anchors"]
    _screenshot(path, tmp_path / "map.png")


def test_clustered_map_is_interactive(tmp_path):
    import dataclasses
    import datetime as dt

    base = sample_incidents()[0]
    many = [
        dataclasses.replace(
            base,
            incident_id=f"IRQ-C{i:04d}",
            lat=33.5 + (i % 23) * 0.12,
            lon=42.5 + (i % 31) * 0.1,
            event_date=dt.date(2016, 10, 1) + dt.timedelta(days=i % 40),
        )
        for i in range(render.CLUSTER_THRESHOLD + 50)
    ]
    path = render.write_map(to_geodataframe(many), tmp_path / "big.html", gazetteer=MiniGazetteer())
    probe = _probe(path)
    assert probe["errors"] == []
    assert probe["checkboxes"] == 6  # + the heat layer
    assert probe["clusterIcons"] > 0
    assert probe["clustered"] == len(many)  # every marker is in a cluster group
    assert probe["legend"] and probe["slider"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seeds_map_offline(tmp_path):
    try:
        from mapper.pipeline import extract_incidents
    except ImportError as exc:  # pragma: no cover - pipeline not wired yet
        pytest.skip(f"pipeline not available: {exc}")
    gdf = extract_incidents(sorted(SEEDS.glob("*.txt")))
    if len(gdf) == 0:
        pytest.skip("the pipeline found no incidents in the seeds yet")
    path = render.write_map(gdf, tmp_path / "seeds.html", title="Seed articles")
    again = render.write_map(gdf, tmp_path / "seeds2.html", title="Seed articles")
    assert path.read_bytes() == again.read_bytes()
    probe = _probe(path)
    assert probe["errors"] == []
    assert probe["ids"] == sorted(gdf["incident_id"])
    assert probe["legend"] and probe["slider"] and probe["checkboxes"] >= 4
    _screenshot(path, tmp_path / "seeds.png")


HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": "<img src=x onerror=\"document.title='PWNED-title'\"> Car bomb kills five in Kirkuk",
    "text": (
        "<img src=x onerror=\"document.title='PWNED-title'\"> Car bomb kills five in Kirkuk\n\n"
        "A car bomb killed five people in Kirkuk on Monday "
        "<script>document.title='PWNED-script'</script>, police said. Read "
        "<a href=\"javascript:document.title='PWNED-href'\">more</a> or javascript:alert(1)."
    ),
    "published": "2016-10-24",
    "source": "Wire <svg onload=\"document.title='PWNED-svg'\">",
    "url": "javascript:document.title='PWNED-url'",
}


def test_hostile_article_through_the_pipeline_runs_nothing(tmp_path):
    try:
        from mapper.pipeline import extract_incidents
    except ImportError as exc:  # pragma: no cover - pipeline not wired yet
        pytest.skip(f"pipeline not available: {exc}")
    gdf = extract_incidents([HOSTILE_ARTICLE])
    if len(gdf) == 0:
        pytest.skip("the pipeline found no incident in the hostile article")
    path = render.write_map(gdf, tmp_path / "hostile.html", title=HOSTILE_ARTICLE["title"])
    probe = _probe(path)
    assert probe["errors"] == []
    assert probe["ids"] == sorted(gdf["incident_id"])
    # the title is shown as text; had the onerror payload run, it would be "PWNED-title"
    assert probe["title"] == probe["title0"] == HOSTILE_ARTICLE["title"]
    assert probe["injected"] == 0
    assert not [a for a in probe["anchors"] if a.strip().lower().startswith("javascript:")]


def test_embed_fragment_works_inside_a_page(tmp_path):
    fragment = render.write_embed(
        hostile_gdf(), tmp_path / "embed.html", gazetteer=MiniGazetteer(), title="Embedded"
    ).read_text(encoding="utf-8")
    page = tmp_path / "report.html"
    page.write_text(
        "<!DOCTYPE html>\n<html><head><title>Report</title></head><body>"
        f"<h1>Quarterly report</h1><p>Text before the map.</p>{fragment}"
        "<p>Text after the map.</p></body></html>",
        encoding="utf-8",
    )
    probe = _probe(page)
    assert probe["errors"] == []
    assert probe["ids"] == sorted(hostile_gdf()["incident_id"])
    assert probe["title"] == "Report"  # the host page keeps its title; nothing injected ran
    assert probe["injected"] == 0 and probe["slider"] and probe["checkboxes"] == 5


def test_probe_detects_an_injection(tmp_path):
    """Control: the same probe sees a payload that does run (so the checks above can fail)."""
    path = render.write_map(hostile_gdf(), tmp_path / "map.html", gazetteer=MiniGazetteer())
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("<body>", "<body><img src=x onerror=\"document.title='PWNED-control'\">", 1),
        encoding="utf-8",
    )
    probe = _probe(path)
    assert probe["title"] == "PWNED-control"


def test_csp_lets_the_map_run_and_refuses_injected_scripts(tmp_path):
    """Second line of defence: with the page's own CSP, an injected payload is refused."""
    path = render.write_map(hostile_gdf(), tmp_path / "map.html", gazetteer=MiniGazetteer())
    text = path.read_text(encoding="utf-8")
    assert CSP.search(text)
    injected = (
        "<body><img src=x onerror=\"document.title='PWNED-img'\">"
        "<script>document.title='PWNED-script'</script>"
    )
    page = tmp_path / "injected.html"
    page.write_text(text.replace("<body>", injected, 1), encoding="utf-8")
    dom = _chromium(page, "--dump-dom").stdout
    assert "PWNED" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    drawn = set(re.findall(r'data-incident="([^"]+)"', dom))
    assert drawn == set(hostile_gdf()["incident_id"])  # the map's own scripts ran
