"""Map rendering at scale: N synthetic incidents -> map.html (time, size, browser load).

Targets (issue 6): 10,000 incidents -> ``map.html`` in < 5 s and < 15 MB, interactive in
Chromium in < 5 s. Incidents are random points inside Iraq's bounding box, built through
the real :func:`mapper.incidents.to_geodataframe`; the RNG is seeded, so every run maps
the same incidents.

Usage::

    python bench/bench_render.py [--n 10000] [--browser] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mapper import render
from mapper.incidents import to_geodataframe
from mapper.models import Evidence, Incident

SEED = 2026
BBOX = (38.79, 29.06, 48.57, 37.38)  # min_lon, min_lat, max_lon, max_lat
TYPES = [
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
]
LAYERS = ["kirkuk-attacks", "mosul-front", "other", "other"]
STATUS = ["reported", "reported", "reported", "claimed", "unconfirmed"]


def synthetic(n: int, *, seed: int = SEED) -> list[Incident]:
    """Return ``n`` reproducible incidents spread over Iraq's bounding box."""
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    out = []
    for i in range(n):
        event_type, sub_type = rng.choice(TYPES)
        day = start + dt.timedelta(days=rng.randrange(730)) if rng.random() > 0.05 else None
        killed = int(rng.expovariate(0.2)) if rng.random() > 0.3 else 0
        quote = f"Report {i}: {killed} people were killed near the synthetic place {i % 97}."
        out.append(
            Incident(
                incident_id=f"IRQ-B{i:06d}",
                event_type=event_type,
                sub_event_type=sub_type,
                location=f"Place {i % 997}",
                lat=rng.uniform(BBOX[1], BBOX[3]),
                lon=rng.uniform(BBOX[0], BBOX[2]),
                geo_precision=rng.choice([1, 1, 1, 2, 3]),
                where_prec=rng.choice([1, 2, 3, 4]),
                admin1="Synthetic",
                event_date=day,
                date_start=day,
                date_end=day,
                time_precision=1 if day else None,
                actor1="Islamic State (Iraq)",
                actor2="Civilians (Iraq)",
                fatalities=killed,
                fatalities_low=killed,
                fatalities_best=killed,
                fatalities_high=killed + rng.randrange(3),
                wounded=rng.randrange(20) if rng.random() > 0.5 else None,
                sources=("Example Wire", "Other Desk")[: rng.randrange(1, 3)],
                article_ids=(f"b{i}",),
                source_count=1,
                claim_status=rng.choice(STATUS),
                layer=rng.choice(LAYERS),
                notes=f"Synthetic incident number {i} for the rendering benchmark.",
                evidence=(
                    Evidence(
                        field="fatalities", article_id=f"b{i}", start=0, end=len(quote), quote=quote
                    ),
                ),
            )
        )
    return out


PROBE = """
<script>
window.addEventListener("load", function () {
  setTimeout(function () {
    document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  }, 0);
});
</script>
"""


def browser_ms(path: Path) -> float | None:
    """Milliseconds from navigation to the end of the map's scripts, in headless Chromium."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    page = path.with_name("probe.html")
    # the page's CSP would refuse the probe (it only runs the page's own scripts)
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", path.read_text("utf-8"))
    page.write_text(text.replace("</html>", PROBE + "</html>", 1), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--window-size=1400,900",
                "--proxy-server=127.0.0.1:9",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    marker = 'data-ready-ms="'
    at = result.stdout.find(marker)
    if at < 0:
        return None
    return float(result.stdout[at + len(marker) :].split('"', 1)[0])


def run(n: int, *, browser: bool) -> dict[str, Any]:
    incidents = synthetic(n)
    t0 = time.perf_counter()
    gdf = to_geodataframe(incidents)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = render.write_map(gdf, Path(tmp) / "map.html", title=f"{n} synthetic incidents")
        t2 = time.perf_counter()
        size = path.stat().st_size
        again = render.write_map(gdf, Path(tmp) / "again.html", title=f"{n} synthetic incidents")
        identical = path.read_bytes() == again.read_bytes()
        ready = browser_ms(path) if browser else None
    return {
        "incidents": n,
        "geodataframe_s": round(t1 - t0, 2),
        "write_map_s": round(t2 - t1, 2),
        "size_mb": round(size / 1e6, 2),
        "identical_rerun": identical,
        "chromium_ready_ms": ready,
        "targets": {"write_map_s": 5.0, "size_mb": 15.0, "chromium_ready_ms": 5000},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--browser", action="store_true", help="also time Chromium")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    figures = run(args.n, browser=args.browser)
    text = json.dumps(figures, indent=2, sort_keys=True)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    ok = figures["write_map_s"] < 5 and figures["size_mb"] < 15 and figures["identical_rerun"]
    if figures["chromium_ready_ms"] is not None:
        ok = ok and figures["chromium_ready_ms"] < 5000
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
