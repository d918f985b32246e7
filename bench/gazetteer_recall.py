"""Dev-set recall of the gazetteer: share of ACLED geo_precision-1 locations that geocode
within 10 km of the coded point.

Reads ../shared/eval/dev/acled_iraq_2018_dev.csv (evaluation only: nothing of it is stored
or printed but aggregate figures). Usage::

    python bench/gazetteer_recall.py [--csv PATH] [--km 10]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

from mapper.gazetteer import Gazetteer, IraqGazetteer

DEFAULT_CSV = (
    Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "acled_iraq_2018_dev.csv"
)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--km", type=float, default=10.0)
    ap.add_argument(
        "--breakdown",
        action="store_true",
        help="also print recall per governorate and the feature type of wrong top answers",
    )
    args = ap.parse_args(argv)
    if not args.csv.is_file():
        print(f"recall: {args.csv} not found (the shared eval set is absent)", file=sys.stderr)
        return 2
    gaz = Gazetteer.default()
    coder = IraqGazetteer(gazetteer=gaz)
    total = hit_top = hit_any = known = hit_ctx = 0
    names_total: set[str] = set()
    names_hit: set[str] = set()
    by_admin1: dict[str, list[int]] = {}
    wrong_type: dict[str, int] = {}
    wrong_dist: dict[str, int] = {}
    with_dash = 0
    with args.csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("geo_precision", "").strip() != "1":
                continue
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (KeyError, ValueError):
                continue
            name = row.get("location", "").strip()
            total += 1
            names_total.add(name)
            cands = gaz.candidates(name, limit=10)
            if cands:
                known += 1
            dists = [_km(lat, lon, c.place.lat, c.place.lon) for c in cands]
            slot = by_admin1.setdefault(row.get("admin1", "?"), [0, 0, 0])
            slot[0] += 1
            slot[1] += bool(cands)
            if dists and dists[0] <= args.km:
                hit_top += 1
                names_hit.add(name)
                slot[2] += 1
            elif cands:
                ftype = cands[0].place.feature_type
                wrong_type[ftype] = wrong_type.get(ftype, 0) + 1
                bucket = next(b for b in (25, 50, 100, 100000) if dists[0] <= b)
                label = f"<= {bucket} km" if bucket < 100000 else "> 100 km"
                wrong_dist[label] = wrong_dist.get(label, 0) + 1
            if " - " in name:
                with_dash += 1
            admin1 = row.get("admin1", "").strip()
            loc = coder.geocode(f"{name}, {admin1}" if admin1 else name) if name else None
            if loc is not None and _km(lat, lon, loc.latitude, loc.longitude) <= args.km:
                hit_ctx += 1
            if any(d <= args.km for d in dists):
                hit_any += 1
    if total == 0:
        print("recall: no geo_precision-1 rows", file=sys.stderr)
        return 2
    print(f"geo_precision-1 rows: {total} ({len(names_total)} distinct names)")
    print(f"name known to the gazetteer: {known / total:.1%}")
    print(f"top candidate within {args.km:g} km: {hit_top / total:.1%}")
    print(f"any of top-10 candidates within {args.km:g} km: {hit_any / total:.1%}")
    print(f"geocode('name, governorate') within {args.km:g} km: {hit_ctx / total:.1%}")
    print(f"distinct names resolved (top candidate): {len(names_hit) / len(names_total):.1%}")
    if args.breakdown:
        print("per governorate: rows, known, within")
        for admin1, (n, k, h) in sorted(by_admin1.items(), key=lambda t: -t[1][0]):
            print(f"  {admin1:<14} {n:4d} {k:4d} {h:4d}")
        print("feature type of wrong top candidates:", dict(sorted(wrong_type.items())))
        print("distance of wrong top candidates:", dict(sorted(wrong_dist.items())))
        print(f"rows whose location has the 'City - Part' form: {with_dash}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
