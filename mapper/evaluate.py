"""Score the pipeline against ACLED-coded events (``mapper eval GOLD.csv``).

Each gold row's ``notes`` is run through extraction and resolution as one article
(id = ``data_id``, published = ``event_date_iso``, source = ``source``), without
merging: the article's first mention is the prediction. The report gives the share of
rows whose predicted point lies within 1, 5 and 25 km of the coded one, the median
error, exact fatalities, event type (ACLED's pre-2019 names mapped to the current
ones), exact date, and coverage (rows with a predicted point). A row without a
prediction counts as a miss everywhere.

Only figures leave this module; gold rows are never written anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geopy.distance import geodesic

from mapper.errors import InputError
from mapper.extract import extract_mentions
from mapper.extract.events import map_acled_type
from mapper.models import Article, Mention
from mapper.resolve import resolve_mention

if TYPE_CHECKING:
    from mapper.gazetteer import Gazetteer

__all__ = ["EvalReport", "evaluate", "main"]

_REQUIRED = ("notes", "latitude", "longitude", "fatalities", "event_type")


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of one evaluation run (shares are in [0, 1])."""

    n: int
    coverage: float
    within_1km: float
    within_5km: float
    within_25km: float
    median_km: float | None
    fatalities_exact: float
    event_type_acc: float
    date_exact: float
    actor1_acc: float
    geo_precision_acc: float
    articles_per_s: float
    source: str = ""

    def to_markdown(self) -> str:
        """Return the scores as a Markdown table.

        Examples
        --------
        >>> r = EvalReport(2, 1.0, 0.5, 0.5, 1.0, 3.2, 1.0, 0.5, 1.0, 0.5, 1.0, 900.0)
        >>> print(r.to_markdown().splitlines()[2])
        | rows scored | 2 |
        """

        def pct(x: float) -> str:
            return f"{100 * x:.1f}%"

        median = "n/a" if self.median_km is None else f"{self.median_km:.2f} km"
        rows = [
            ("rows scored", str(self.n)),
            ("coverage (a point predicted)", pct(self.coverage)),
            ("within 1 km", pct(self.within_1km)),
            ("within 5 km", pct(self.within_5km)),
            ("within 25 km", pct(self.within_25km)),
            ("median error", median),
            ("fatalities exact", pct(self.fatalities_exact)),
            ("event type (current taxonomy)", pct(self.event_type_acc)),
            ("date exact", pct(self.date_exact)),
            ("actor 1", pct(self.actor1_acc)),
            ("geo_precision exact", pct(self.geo_precision_acc)),
            ("articles/s (extract + resolve)", f"{self.articles_per_s:.0f}"),
        ]
        head = f"Evaluation against {self.source}\n\n" if self.source else ""
        lines = ["| measure | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in rows]
        return head + "\n".join(lines) + "\n"


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _read_rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"not an ACLED-format file: no column {missing[0]!r}", path=str(path)
                )
            rows = []
            for row in reader:
                rows.append(row)
                if limit is not None and len(rows) >= limit:
                    break
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror or exc}", path=str(path)) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot parse gold file: {exc}", path=str(path)) from exc
    return rows


def _actor_matches(predicted: str | None, gold: str) -> bool:
    if not gold:
        return predicted is None
    if predicted is None:
        return False
    if predicted == gold:
        return True
    # a sub-unit counts for its parent force ("... Popular Mobilization Forces")
    return gold.startswith(predicted) or predicted.startswith(gold)


def evaluate(
    gold_csv: str | Path, *, limit: int | None = None, gazetteer: Gazetteer | None = None
) -> EvalReport:
    """Score extraction and resolution against ACLED-format gold rows.

    Parameters
    ----------
    gold_csv : str or Path
        A CSV with ACLED's columns (``notes``, ``latitude``, ``longitude``,
        ``fatalities``, ``event_type``, and optionally ``data_id``,
        ``event_date_iso``, ``source``, ``actor1``, ``geo_precision``).
    limit : int, optional
        Score only the first ``limit`` rows.
    gazetteer : Gazetteer, optional
        The bundled gazetteer when omitted.

    Returns
    -------
    EvalReport

    Raises
    ------
    InputError
        When the file cannot be read or lacks ACLED's columns.
    """
    from mapper.gazetteer import Gazetteer

    path = Path(gold_csv)
    rows = _read_rows(path, limit)
    gaz = gazetteer or Gazetteer.default()
    n = len(rows)
    covered = w1 = w5 = w25 = fat = etype = date = actor = prec = 0
    errors: list[float] = []
    t0 = time.perf_counter()
    predictions: list[Mention | None] = []
    for i, row in enumerate(rows):
        article = Article(
            id=row.get("data_id") or str(i),
            text=row.get("notes") or "",
            published=_date(row.get("event_date_iso") or ""),
            source=row.get("source") or None,
        )
        predictions.append(_predict(article, gaz))
    elapsed = time.perf_counter() - t0
    for row, mention in zip(rows, predictions, strict=True):
        gold_lat, gold_lon = _float(row["latitude"]), _float(row["longitude"])
        gold_fat = _int(row["fatalities"]) or 0
        gold_type = map_acled_type(row.get("event_type") or "")
        loc = mention.location if mention is not None else None
        if loc is not None:
            covered += 1
            if gold_lat is not None and gold_lon is not None:
                km = float(geodesic((loc.lat, loc.lon), (gold_lat, gold_lon)).kilometers)
                errors.append(km)
                w1 += km <= 1.0
                w5 += km <= 5.0
                w25 += km <= 25.0
            if _int(row.get("geo_precision") or "") == loc.geo_precision:
                prec += 1
        predicted_fat = mention.casualties.killed if mention is not None else 0
        fat += predicted_fat == gold_fat
        if mention is not None:
            old = (row.get("event_type") or "").strip().lower()
            ok = mention.event_type == gold_type or (
                old == "riots/protests" and mention.event_type in {"Protests", "Riots"}
            )
            etype += ok
            gold_date = _date(row.get("event_date_iso") or "")
            date += mention.event_date is not None and mention.event_date == gold_date
            actor += _actor_matches(mention.actor1, (row.get("actor1") or "").strip())
    share = (lambda k: k / n) if n else (lambda k: 0.0)
    return EvalReport(
        n=n,
        coverage=share(covered),
        within_1km=share(w1),
        within_5km=share(w5),
        within_25km=share(w25),
        median_km=round(statistics.median(errors), 3) if errors else None,
        fatalities_exact=share(fat),
        event_type_acc=share(etype),
        date_exact=share(date),
        actor1_acc=share(actor),
        geo_precision_acc=share(prec),
        articles_per_s=(n / elapsed) if elapsed > 0 else 0.0,
        source=path.name,
    )


def _predict(article: Article, gazetteer: Gazetteer) -> Mention | None:
    first: Mention | None = None
    for mention in extract_mentions(article, gazetteer=gazetteer):
        resolved = resolve_mention(mention, gazetteer=gazetteer)
        if resolved is not None:
            return resolved
        if first is None:
            first = mention
    return first


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m mapper.evaluate GOLD.csv [LIMIT]`` and print the Markdown report."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m mapper.evaluate GOLD.csv [LIMIT]", file=sys.stderr)
        return 2
    try:
        report = evaluate(args[0], limit=int(args[1]) if len(args) > 1 else None)
    except (InputError, ValueError) as exc:
        print(f"mapper eval: {exc}", file=sys.stderr)
        return 1
    print(report.to_markdown(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
