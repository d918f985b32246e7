"""Extraction throughput on synthetic 1-3 KB reports (run on demand, not in CI).

    .venv/bin/python bench/bench_extract.py [N]

Builds N reports from templates in our own wording over the gazetteer's place names,
then times extract_mentions (and extract + resolve) on one core.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from mapper.extract import extract_mentions
from mapper.gazetteer import Gazetteer
from mapper.models import Article
from mapper.resolve import resolve_mention

LEADS = [
    "Gunmen attacked a checkpoint in {a} on {day}, killing {n} soldiers and wounding {m} others.",
    "A roadside bomb exploded near a market in the village of {a}, south of {b}, wounding {m}.",
    "Security forces said {n} militants were killed in clashes on the outskirts of {a}.",
    "An air strike by the coalition hit a hideout {k} km north of {b} on {day}.",
    "Police dismantled two explosive devices on the road between {a} and {b}.",
    "Hundreds of residents protested in {a} province against power cuts on {day}.",
]
FILLER = [
    "Officials said the situation was under control and that an investigation was opened.",
    "The area has seen repeated incidents in recent months, according to local sources.",
    "Residents described hearing heavy gunfire for more than an hour before the area calmed.",
    "A spokesman for the provincial council told reporters that reinforcements had arrived.",
    "No group immediately claimed responsibility, and the report could not be verified.",
    "Schools and shops remained closed the following day as patrols moved through the town.",
    "The governor called on residents to cooperate with the security forces.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def corpus(n: int, names: list[str], *, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        parts = []
        size = rnd.randint(1000, 3000)
        while sum(len(p) + 1 for p in parts) < size:
            if not parts or rnd.random() < 0.08:
                parts.append(
                    rnd.choice(LEADS).format(
                        a=rnd.choice(names),
                        b=rnd.choice(names),
                        day=rnd.choice(DAYS),
                        n=rnd.randint(1, 9),
                        m=rnd.randint(1, 20),
                        k=rnd.randint(5, 60),
                    )
                )
            else:
                parts.append(rnd.choice(FILLER))
        text = "Violence in the north\n\n" + " ".join(parts)
        out.append(Article(id=f"a{i}", text=text, body_start=23, published=dt.date(2018, 3, 1)))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    gaz = Gazetteer.default()
    names = sorted({p.name for p in gaz if p.feature_type in {"city", "town"}})
    arts = corpus(n, names)
    extract_mentions(arts[0], gazetteer=gaz)  # build the automata once
    kb = sum(len(a.text) for a in arts) / n / 1000
    # CPU time of this process: what one core does, whatever else the machine runs
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = [m for a in arts for m in extract_mentions(a, gazetteer=gaz)]
    t1, c1 = time.perf_counter(), time.process_time()
    resolved = [resolve_mention(m, gazetteer=gaz) for m in mentions]
    t2, c2 = time.perf_counter(), time.process_time()
    print(f"{n} articles, {kb:.1f} KB each on average, {len(mentions)} mentions")
    wall1, wall2 = n / (t1 - t0), n / (t2 - t0)
    print(f"extract:           {n / (c1 - c0):8.0f} articles per CPU-second ({wall1:.0f}/s wall)")
    print(f"extract + resolve: {n / (c2 - c0):8.0f} articles per CPU-second ({wall2:.0f}/s wall)")
    print(f"resolved: {sum(r is not None for r in resolved)}")


if __name__ == "__main__":
    main()
