"""Benchmark: merging N resolved mentions into incidents (issue 5: 100k in < 10 s).

Synthetic mentions: events at gazetteer places over three years, each reported by one
to four articles with scattered casualty figures, plus a share of undated reports.

    python bench/bench_merge.py [N ...]      # default 10000 100000
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time

from mapper.gazetteer import Gazetteer
from mapper.incidents import merge_mentions, to_geodataframe
from mapper.layers import default_themes
from mapper.models import Casualties, Evidence, Location, Mention

TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Violence against civilians", "Attack"),
]


def synthetic_mentions(n: int, *, seed: int = 1) -> list[Mention]:
    rng = random.Random(seed)
    places = [p for p in Gazetteer.default() if p.feature_type in {"city", "town", "village"}]
    start = dt.date(2016, 1, 1)
    mentions: list[Mention] = []
    event = 0
    while len(mentions) < n:
        event += 1
        place = rng.choice(places)
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        etype, sub = rng.choice(TYPES)
        killed = rng.randrange(0, 30)
        for k in range(rng.randint(1, 4)):
            dated = rng.random() > 0.1
            loc = Location(
                place.name,
                place.lat,
                place.lon,
                1,
                2,
                place.id,
                place.admin1,
                place.admin2,
                place.feature_type,
            )
            quote = f"Report {k} of event {event}."
            mentions.append(
                Mention(
                    article_id=f"e{event}-r{k}",
                    event_type=etype,
                    sub_event_type=sub,
                    sentence=quote,
                    start=0,
                    end=len(quote),
                    location=loc,
                    actor1="Islamic State (Iraq)",
                    event_date=day if dated else None,
                    date_start=day if dated else None,
                    date_end=day if dated else None,
                    time_precision=1 if dated else None,
                    weekday=day.weekday(),
                    casualties=Casualties(killed=killed + rng.randrange(3), stated=True),
                    source=f"Outlet {k}",
                    evidence=(Evidence("location", f"e{event}-r{k}", 0, len(quote), quote),),
                )
            )
    return mentions[:n]


def main(sizes: list[int]) -> None:
    gaz = Gazetteer.default()
    parents = {p.id: p.parent for p in gaz}
    themes = default_themes()
    print("| mentions | incidents | merge s | mentions/s | + GeoDataFrame s | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        mentions = synthetic_mentions(n)
        t0 = time.perf_counter()
        incidents = merge_mentions(mentions, themes=themes, parents=parents)
        t1 = time.perf_counter()
        to_geodataframe(incidents)
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # whole process
        print(
            f"| {n:,} | {len(incidents):,} | {t1 - t0:.2f} | {n / (t1 - t0):,.0f} | "
            f"{t2 - t1:.2f} | {peak:,.0f} |"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
