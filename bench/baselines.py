"""What a user would otherwise pick, measured side by side with mapper on the same texts.

Three geolocators, each answering "where did this report happen?" with one point:

``naive regex``
    One regular expression over every gazetteer name and alternate name; the first
    name found in the text gives its place (the gazetteer's best-ranked record of
    that name).
``geotext``
    The ``geotext`` package (PyPI) finds city names by capitalised-word lookup in
    GeoNames' cities of 15,000+ people; its first Iraqi city is mapped through the
    same gazetteer.
``mapper``
    Ingest, extraction and resolution; the article's first resolved event mention,
    exactly as ``mapper eval`` takes it.

Speed is measured on the same synthetic reports (``bench/corpus.py``); accuracy on the
ACLED dev set (``../shared/eval/dev``, skipped when absent) with the metrics of
:mod:`mapper.evaluate`: share of rows within 1 / 5 / 25 km (a row without a point is a
miss), median error over the rows with a point, coverage. Only figures are printed.

Usage::

    python bench/baselines.py [--n 2000] [--dev PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_CSV = SHARED / "eval" / "dev" / "acled_iraq_2018_dev.csv"

Point = tuple[float, float]
#: A text to geolocate: (id, title, body, published ISO date or "", source or "").
Text = tuple[str, str, str, str, str]

_TYPE_RANK = {"city": 0, "town": 1, "village": 2, "district": 3, "governorate": 4}


class NaiveRegex:
    """First gazetteer name in the text (one big alternation, longest names first)."""

    name = "naive regex over gazetteer"

    def __init__(self, gazetteer: Any) -> None:
        best: dict[str, Any] = {}
        for place in gazetteer:
            for spelling in (place.name, *place.alt_names):
                spelling = spelling.strip()
                if len(spelling) < 3:
                    continue
                known = best.get(spelling)
                if known is None or self._rank(place) < self._rank(known):
                    best[spelling] = place
        self._places = best
        names = sorted(best, key=lambda s: (-len(s), s))
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")

    @staticmethod
    def _rank(place: Any) -> tuple[int, int, str]:
        return (_TYPE_RANK.get(place.feature_type, 9), -(place.population or 0), place.id)

    def locate(self, text: Text) -> Point | None:
        _, title, body, _, _ = text
        match = self._pattern.search(f"{title}\n\n{body}")
        if match is None:
            return None
        place = self._places[match.group(0)]
        return (place.lat, place.lon)


class GeoTextBaseline:
    """geotext's first Iraqi city, put on the map through the gazetteer."""

    name = "geotext (first Iraqi city)"

    def __init__(self, gazetteer: Any) -> None:
        from geotext import GeoText

        self._geotext = GeoText
        self._gazetteer = gazetteer

    def locate(self, text: Text) -> Point | None:
        _, title, body, _, _ = text
        for city in self._geotext(f"{title}\n\n{body}", country="IQ").cities:
            ids = self._gazetteer.place_ids(city)
            if ids:
                place = self._gazetteer.get(ids[0])
                return (place.lat, place.lon)
        return None


class MapperLocator:
    """mapper's ingest + extract + resolve; the first resolved mention (as ``mapper eval``)."""

    name = "mapper (ingest + extract + resolve)"

    def __init__(self, gazetteer: Any) -> None:
        from mapper.extract import extract_mentions
        from mapper.ingest import iter_articles
        from mapper.resolve import resolve_mention

        self._gazetteer = gazetteer
        self._extract = extract_mentions
        self._resolve = resolve_mention
        self._ingest = iter_articles

    def locate(self, text: Text) -> Point | None:
        ident, title, body, published, source = text
        record = {"id": ident, "title": title, "text": body}
        if published:
            record["published"] = published
        if source:
            record["source"] = source
        for article in self._ingest([record], on_skip=lambda _: None):
            for mention in self._extract(article, gazetteer=self._gazetteer):
                placed = self._resolve(mention, gazetteer=self._gazetteer)
                if placed is not None and placed.location is not None:
                    return (placed.location.lat, placed.location.lon)
        return None


def locators(gazetteer: Any) -> list[Any]:
    """The three geolocators, mapper last; geotext only when installed."""
    found: list[Any] = [NaiveRegex(gazetteer)]
    try:
        found.append(GeoTextBaseline(gazetteer))
    except ImportError:
        print("baselines: geotext is not installed: pip install geotext", file=sys.stderr)
    found.append(MapperLocator(gazetteer))
    return found


def synthetic_texts(n: int, *, seed: int = 11) -> list[Text]:
    return [
        (r["id"], r["title"], r["text"], r["published"], r["source"])
        for r in corpus.generate(n, seed=seed)
    ]


def dev_rows(path: Path) -> tuple[list[Text], list[Point | None]]:
    """The dev set's notes as texts, and the coded points (kept in memory only)."""
    texts: list[Text] = []
    gold: list[Point | None] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            texts.append(
                (
                    row.get("data_id") or str(i),
                    "",
                    row.get("notes") or "",
                    (row.get("event_date_iso") or "")[:10],
                    row.get("source") or "",
                )
            )
            try:
                gold.append((float(row["latitude"]), float(row["longitude"])))
            except (KeyError, TypeError, ValueError):
                gold.append(None)
    return texts, gold


def speed(locate: Callable[[Text], Point | None], texts: Sequence[Text]) -> dict[str, float]:
    """Texts per second of one locator (one pass, after one warm-up call)."""
    locate(texts[0])
    started = time.perf_counter()
    found = sum(locate(t) is not None for t in texts)
    elapsed = time.perf_counter() - started
    return {
        "texts": len(texts),
        "seconds": round(elapsed, 3),
        "per_s": round(len(texts) / elapsed, 1) if elapsed else 0.0,
        "with_point": found,
    }


def accuracy(predicted: Iterable[Point | None], gold: Sequence[Point | None]) -> dict[str, Any]:
    """Same definitions as :mod:`mapper.evaluate`: shares over all rows, median over hits."""
    from geopy.distance import geodesic

    errors: list[float] = []
    covered = w1 = w5 = w25 = 0
    n = len(gold)
    for point, truth in zip(predicted, gold, strict=True):
        if point is None:
            continue
        covered += 1
        if truth is None:
            continue
        km = float(geodesic(point, truth).kilometers)
        errors.append(km)
        w1 += km <= 1.0
        w5 += km <= 5.0
        w25 += km <= 25.0
    share = (lambda k: round(k / n, 4)) if n else (lambda k: 0.0)
    return {
        "rows": n,
        "coverage": share(covered),
        "within_1km": share(w1),
        "within_5km": share(w5),
        "within_25km": share(w25),
        "median_km": round(statistics.median(errors), 2) if errors else None,
    }


def run(*, n: int = 2000, dev: Path | None = DEV_CSV) -> dict[str, Any]:
    """Measure every locator for speed (synthetic reports) and accuracy (dev set)."""
    from mapper.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    found = locators(gazetteer)
    texts = synthetic_texts(n)
    result: dict[str, Any] = {"speed_texts": n, "speed": {}, "accuracy": {}, "dev": None}
    for loc in found:
        result["speed"][loc.name] = speed(loc.locate, texts)
    if dev is not None and dev.is_file():
        dev_texts, gold = dev_rows(dev)
        result["dev"] = dev.name
        for loc in found:
            started = time.perf_counter()
            predicted = [loc.locate(t) for t in dev_texts]
            elapsed = time.perf_counter() - started
            scores = accuracy(predicted, gold)
            scores["per_s"] = round(len(dev_texts) / elapsed, 1) if elapsed else 0.0
            result["accuracy"][loc.name] = scores
    return result


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def to_markdown(result: dict[str, Any]) -> str:
    """Tables of figures only."""
    lines = [
        f"Speed on the same {result['speed_texts']} synthetic reports (one process):",
        "",
        "| geolocator | texts/s | texts with a point |",
        "|---|---:|---:|",
    ]
    for name, s in result["speed"].items():
        lines.append(f"| {name} | {s['per_s']:,.0f} | {s['with_point'] / s['texts']:.0%} |")
    if result["accuracy"]:
        lines += [
            "",
            f"Accuracy on the ACLED dev set ({next(iter(result['accuracy'].values()))['rows']} "
            "rows; a row without a point counts as a miss; median over rows with a point):",
            "",
            "| geolocator | within 1 km | within 5 km | within 25 km | median km | coverage "
            "| texts/s |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, a in result["accuracy"].items():
            median = "n/a" if a["median_km"] is None else f"{a['median_km']:.1f}"
            lines.append(
                f"| {name} | {_pct(a['within_1km'])} | {_pct(a['within_5km'])} | "
                f"{_pct(a['within_25km'])} | {median} | {_pct(a['coverage'])} | "
                f"{a['per_s']:,.0f} |"
            )
    else:
        lines += ["", "Accuracy: the dev set is absent, not measured."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic reports for speed")
    parser.add_argument("--dev", type=Path, default=DEV_CSV, help="ACLED-format dev CSV")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    result = run(n=args.n, dev=args.dev)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(to_markdown(result), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
